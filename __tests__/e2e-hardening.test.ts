// The built action against the emulator: transient faults, the token lifecycle, secrets, redirects, proxies and
// cancellation.
import { describe, expect, it } from '@jest/globals'
import { startConnectProxy } from '../emulator/proxy.ts'
import { scenarios, type Emulator } from '../emulator/server.ts'
import { testCertificates } from './support/certificates.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator,
  type ActionRun
} from './support/e2e.ts'

const credentials = { token: '', username: 'admin', password: 'emulator-password' }

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

async function whenRequested(emulator: Emulator, pathPart: string): Promise<void> {
  while (!emulator.requests.some((request) => request.path.includes(pathPart))) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('transient faults', () => {
  it('polls through an admin API that answers 503 HTML for a while, and says so once', () =>
    withEmulator(scenarios.unavailable, async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
      const jobPolls = requestsTo(emulator, 'GET', '/admin/jobs/')
      expect(jobPolls.length).toBeGreaterThanOrEqual(4)
      expect(result.stdout.match(/not answering/g)).toHaveLength(1)
      expect(result.stdout).toContain('503 Service Temporarily Unavailable')
    }))

  it('retries a throttled refresh after Retry-After', () =>
    withEmulator(scenarios['rate-limited'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      const refreshes = requestsTo(emulator, 'POST', '/refresh')
      expect(refreshes).toHaveLength(2)
      expect(refreshes[1].at - refreshes[0].at).toBeGreaterThanOrEqual(950)
    }))

  it('does not retry a refresh whose connection broke after it was sent', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({ method: 'POST', path: '/refresh', destroy: true, times: 1 })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(failureOf(result)).toContain(
        `refresh of deployment ${emulator.deploymentIds[1]} failed`
      )
      expect(result.outputs.outcome).toBe('failure')
    }))
})

describe('answers the brief allows', () => {
  it('waits through an admin API that answers 503 at the start, until it is back', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'GET',
        path: /\/admin$/,
        times: 2,
        status: 503,
        body: '<html>busy</html>'
      })
      const result = await run(stepInputs(emulator), { env: { RUNNER_DEBUG: '1' } })

      expect(result.exitCode).toBe(0)
      expect(
        requestsTo(emulator, 'GET', '/admin').filter((request) => request.path === '/arcgis/admin')
      ).toHaveLength(3)
      expect(result.stdout.match(/trying again until the step's timeout/g)).toHaveLength(1)
    }))

  it('fails at once, with the role hint, on a 403 page', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        path: /\/admin$/,
        status: 403,
        body: '<html><title>Forbidden</title></html>'
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(emulator.requests).toHaveLength(1)
      expect(failureOf(result)).toContain('HTTP 403')
      expect(failureOf(result)).toContain('default Administrator role')
    }))

  it('reads a FAILED job that also carries an error object', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'GET',
        path: '/admin/jobs/',
        body: { status: 'FAILED', error: { code: 500, message: 'Pods crashed.' } }
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
      expect(failureOf(result)).toContain('ended FAILED: Pods crashed.')
    }))

  it('reads jobStatus keys and counts given as strings', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({ method: 'GET', path: '/admin/jobs/', body: { jobStatus: 'COMPLETED' } })
      emulator.addFault({
        method: 'GET',
        path: '/status',
        body: { currentState: 'STARTED', readyReplicas: '2', totalReplicas: '2' }
      })
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(resultsOf(result)[0]).toMatchObject({ status: 'COMPLETED', ready: true })
    }))

  it('fails with FAILED when a COMPLETED job carries an error in its result', () =>
    withEmulator(
      {
        ...quickClock,
        deployments: [
          {
            deploymentId: 'broken',
            name: 'broken-mapserver',
            job: 'complete-with-error' as const,
            failureMessages: ['Pods not recreated.']
          }
        ]
      },
      async (emulator) => {
        const result = await run(stepInputs(emulator, { 'deployment-id': 'broken' }))

        expect(result.exitCode).toBe(1)
        expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
        expect(failureOf(result)).toContain(
          'completed with an error in its result: Pods not recreated.'
        )
      }
    ))
})

describe('tokens', () => {
  it('shares one generateToken between restarts running at once', () =>
    withEmulator({ ...quickClock, executingMs: 2_000 }, async (emulator) => {
      const running = run(
        stepInputs(emulator, {
          ...credentials,
          'deployment-id': emulator.deploymentIds.join(','),
          'max-concurrency': '3'
        })
      )
      await whenRequested(emulator, '/admin/jobs/')
      emulator.expireTokens()
      const result = await running

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', 'generateToken')).toHaveLength(2)
    }))

  it('generates a new token when the server refuses the current one mid-poll', () =>
    withEmulator({ ...quickClock, executingMs: 2_500 }, async (emulator) => {
      const running = run(stepInputs(emulator, credentials))
      await whenRequested(emulator, '/admin/jobs/')
      emulator.expireTokens()
      const result = await running

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', 'generateToken')).toHaveLength(2)
      expect(result.stdout).toContain('retrying with a new one')
    }))

  it('renews a generated token before it expires', () =>
    withEmulator(scenarios['token-expiry'], async (emulator) => {
      const result = await run(stepInputs(emulator, credentials))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', 'generateToken').length).toBeGreaterThanOrEqual(2)
    }))

  it('fails with what to do when a fixed token expires mid-poll', () =>
    withEmulator({ ...quickClock, executingMs: 2_500 }, async (emulator) => {
      const running = run(stepInputs(emulator))
      await whenRequested(emulator, '/admin/jobs/')
      emulator.expireTokens()
      const result = await running

      expect(result.exitCode).toBe(1)
      const failure = failureOf(result)
      expect(failure).toContain('498')
      expect(failure).toContain('invalid or expired')
      expect(failure).toContain('mint a new')
      expect(result.outputs['job-id']).toMatch(/^j\w+$/)
      // The job was seen before the token expired: its last status stays, it did not become ERROR.
      expect(['SUBMITTED', 'EXECUTING']).toContain(result.outputs['job-status'])
      expect(resultsOf(result)[0].status).toBe(result.outputs['job-status'])
    }))
})

describe('secrets', () => {
  it('never writes the password or any token, with debug logging on', () =>
    withEmulator({ ...quickClock, executingMs: 2_000 }, async (emulator) => {
      const running = run(stepInputs(emulator, credentials), { env: { RUNNER_DEBUG: '1' } })
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

describe('cancellation', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s stops polling, reports the submitted job and exits non-zero within 2 s',
    (signal) =>
      withEmulator(scenarios.stuck, async (emulator) => {
        let signalledAt = 0
        const result = await run(stepInputs(emulator, { timeout: '1m' }), {
          signal: {
            name: signal,
            when: (stdout) => {
              const submitted = /Job j\w+: EXECUTING/.test(stdout)
              if (submitted) signalledAt = Date.now()
              return submitted
            }
          }
        })
        const exitedAt = Date.now()

        expect(signalledAt).toBeGreaterThan(0)
        expect(exitedAt - signalledAt).toBeLessThan(2_000)
        expect(result.exitCode).not.toBe(0)
        expect(result.exitCode).not.toBeNull()
        const jobId = result.outputs['job-id']
        expect(jobId).toMatch(/^j\w+$/)
        expect(result.outputs).toMatchObject({ outcome: 'cancelled', 'job-status': 'EXECUTING' })
        expect(result.stdout).toContain(`Job ${jobId} of parcels-featureserver`)
        expect(result.stdout).toContain(`${emulator.portalUrl}/admin/jobs/${jobId}`)
        expect(result.summary).toContain('cancelled')
        expect(failureOf(result)).toContain('cancelled')
      })
  )
})
