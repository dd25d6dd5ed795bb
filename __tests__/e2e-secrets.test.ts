// The built action against the emulator: secrets never written, redirects not followed, hosts never trusted, proxies.
import { describe, expect, it } from '@jest/globals'
import { startConnectProxy } from '../emulator/proxy.ts'
import { scenarios, type Emulator } from '../emulator/server.ts'
import { testCertificates } from './support/certificates.ts'
import {
  adminCredentials,
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  whenRequested,
  withEmulator,
  type ActionRun
} from './support/e2e.ts'

/** Every token the action sent, as the emulator recorded them. */
function tokensSeen(emulator: Emulator): string[] {
  const tokens = emulator.requests.flatMap((request) => [
    request.form.token,
    String(request.headers['x-esri-authorization'] ?? '').replace(/^Bearer /, '')
  ])
  return [...new Set(tokens.filter((token) => token))]
}

/** Everything the action wrote that a person or another step can read; ::add-mask:: lines are for the runner. */
function everythingWritten(result: ActionRun): string {
  const stdout = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  return [stdout, result.stderr, JSON.stringify(result.outputs), result.summary].join('\n')
}

describe('secrets', () => {
  it('never writes the password or any token, with debug logging on', () =>
    withEmulator({ ...quickClock, executingMs: 2_000 }, async (emulator) => {
      const running = run(stepInputs(emulator, adminCredentials), { env: { RUNNER_DEBUG: '1' } })
      await whenRequested(emulator, '/admin/jobs/')
      emulator.expireTokens()
      const result = await running

      expect(result.exitCode).toBe(0)
      expect(result.stdout).toContain('::debug::GET /arcgis/admin/jobs/')
      const secrets = ['emulator-password', ...tokensSeen(emulator)]
      expect(secrets.length).toBeGreaterThanOrEqual(3)
      const written = everythingWritten(result)
      for (const secret of secrets) {
        expect(written).not.toContain(secret)
        expect(result.stdout).toContain(`::add-mask::${secret}`)
      }
    }))

  it('redacts a token that the server echoes in an error', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'POST',
        path: '/refresh',
        body: { status: 'error', messages: [`Token ${emulator.token} may not refresh.`], code: 403 }
      })
      const result = await run(stepInputs(emulator), { env: { RUNNER_DEBUG: '1' } })

      expect(result.exitCode).toBe(1)
      expect(everythingWritten(result)).not.toContain(emulator.token)
      expect(failureOf(result)).toContain('Token *** may not refresh.')
      expect(failureOf(result)).toContain('default Administrator role')
    }))

  it('does not follow a redirect with a token, and names its target', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        path: '/admin',
        status: 302,
        headers: { Location: 'https://login.evil.example/sso' },
        body: ''
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain('login.evil.example')
      expect(emulator.requests).toHaveLength(1)
    }))

  it('polls through the portal when the server names another host in jobsUrl', () =>
    withEmulator(scenarios['foreign-jobs-url'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs['jobs-url']).toMatch(/^https:\/\/internal\.example:7443\//)
      expect(resultsOf(result)[0].jobsUrl).toMatch(/^https:\/\/internal\.example:7443\//)
      expect(
        requestsTo(emulator, 'GET', `/arcgis/admin/jobs/${result.outputs['job-id']}`).length
      ).toBeGreaterThan(0)
      expect(result.stdout).toContain('never through that host')
    }))

  it('tunnels through HTTPS_PROXY', async () => {
    const certificates = testCertificates()
    const proxy = await startConnectProxy({ resolveHost: () => '127.0.0.1' })
    try {
      await withEmulator({ ...quickClock, tls: certificates }, async (emulator) => {
        const port = new URL(emulator.portalUrl).port
        const result = await run(
          stepInputs(emulator, {
            'portal-url': `https://portal.test:${port}/arcgis`,
            'ca-certificate': certificates.caCert
          }),
          { env: { HTTPS_PROXY: proxy.url } }
        )

        expect(result.exitCode).toBe(0)
        expect(proxy.connects.length).toBeGreaterThan(0)
        expect(new Set(proxy.connects)).toEqual(new Set([`portal.test:${port}`]))
        // portal.test resolves nowhere but in the proxy: every request the emulator saw came through the tunnel.
        expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
        expect(new Set(emulator.requests.map((request) => request.headers.host))).toEqual(
          new Set([`portal.test:${port}`])
        )
      })
    } finally {
      await proxy.close()
    }
  })
})
