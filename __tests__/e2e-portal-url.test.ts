// The built action against the emulator, given the portal URLs people paste: a page under the portal, a URL without
// its scheme, an IPv6 literal.
import { describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import { scenarios } from '../emulator/server.ts'
import { testCertificates } from './support/certificates.ts'
import { failureOf, quickClock, run, stepInputs, withEmulator } from './support/e2e.ts'

/** Whether this machine can listen on the IPv6 loopback (containers without IPv6 cannot). */
const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
  const server = createServer()
  server.once('error', () => resolve(false))
  server.listen(0, '::1', () => server.close(() => resolve(true)))
})
const withIpv6 = hasIpv6Loopback ? it : it.skip
if (!hasIpv6Loopback) {
  console.warn('No IPv6 loopback on this machine: the IPv6 end-to-end tests are skipped.')
}

const warningsOf = (stdout: string) =>
  [...stdout.matchAll(/^::warning::(.*)$/gm)].map((match) => match[1])

describe('a page of the portal given as portal-url', () => {
  it.each([
    ['/home/index.html', "a page of the portal's home app"],
    ['/home/', "a page of the portal's home app"],
    ['/sharing/rest', "the portal's sharing API"],
    ['/portaladmin', 'the Portal Administrator API'],
    ['/manager', 'ArcGIS Enterprise Manager'],
    ['/rest/services', 'the services directory'],
    ['/admin/system/deployments', 'a resource of the admin API']
  ])(
    'restarts through the portal URL when given …%s, and warns naming what was dropped',
    (page, what) =>
      withEmulator(quickClock, async (emulator) => {
        const result = await run(
          stepInputs(emulator, { 'portal-url': `${emulator.portalUrl}${page}` })
        )

        expect(result.exitCode).toBe(0)
        expect(result.outputs.outcome).toBe('success')
        const dropped = page.replace(/\/$/, '')
        expect(warningsOf(result.stdout)).toEqual([
          `portal-url names ${what}, not the portal: using ${emulator.portalUrl} (dropped "${dropped}"). Set portal-url to ${emulator.portalUrl} to silence this warning.`
        ])
        // Every request went to the APIs under the portal URL (the admin API, and the service checked once back),
        // none under the page.
        for (const request of emulator.requests)
          expect(request.path).toMatch(/^\/arcgis\/(admin|rest\/services\/Hosted)(\/|$)/)
        expect(
          emulator.requests.filter((request) => request.path === '/arcgis/admin')
        ).toHaveLength(1)
      })
  )

  it('says the scheme is missing, before sending anything', () =>
    withEmulator(quickClock, async (emulator) => {
      const bare = emulator.portalUrl.replace(/^http:\/\//, '')
      const result = await run(stepInputs(emulator, { 'portal-url': bare }))

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toBe(
        `Invalid input: portal-url "${bare}" has no scheme: write https://${bare}`
      )
      expect(emulator.requests).toHaveLength(0)
    }))
})

describe('an IPv6 portal', () => {
  withIpv6('restarts a deployment at http://[::1]:<port>/arcgis', () =>
    withEmulator({ ...quickClock, host: '::1' }, async (emulator) => {
      expect(emulator.portalUrl).toMatch(/^http:\/\/\[::1\]:\d+\/arcgis$/)
      const result = await run(stepInputs(emulator))

      expect(result.stderr).not.toContain('ENOTFOUND')
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
      const port = new URL(emulator.portalUrl).port
      for (const request of emulator.requests) {
        expect(request.headers.host).toBe(`[::1]:${port}`)
        expect(request.headers.referer).toBe(emulator.origin)
      }
    })
  )

  withIpv6(
    'verifies the certificate of https://[::1]:<port>/arcgis against its IP address',
    async () => {
      const certificates = testCertificates()
      await withEmulator(
        { ...scenarios.success, host: '::1', tls: certificates },
        async (emulator) => {
          expect(emulator.portalUrl).toMatch(/^https:\/\/\[::1\]:\d+\/arcgis$/)
          const trusted = await run(stepInputs(emulator, { 'ca-certificate': certificates.caCert }))
          expect(trusted.exitCode).toBe(0)
          expect(trusted.outputs.outcome).toBe('success')

          // Without the CA the certificate is refused: verification is on for IP addresses too.
          const untrusted = await run(stepInputs(emulator))
          expect(untrusted.exitCode).toBe(1)
          expect(failureOf(untrusted)).toContain('ca-certificate')
        }
      )
    },
    120_000
  )
})
