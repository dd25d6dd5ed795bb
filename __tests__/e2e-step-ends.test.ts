// The built action against the emulator: the step ends at its timeout, even with requests still out behind a proxy.
import { expect, it } from '@jest/globals'
import { startConnectProxy } from '../emulator/proxy.ts'
import { testCertificates } from './support/certificates.ts'
import { quickClock, run, stepInputs, withEmulator } from './support/e2e.ts'

it('ends the step within its timeout + 2 s when job polls hang behind HTTPS_PROXY', async () => {
  const certificates = testCertificates()
  const proxy = await startConnectProxy({ resolveHost: () => '127.0.0.1' })
  try {
    await withEmulator({ ...quickClock, tls: certificates }, async (emulator) => {
      // Every job poll is answered a minute late: the poll out at the deadline is abandoned with its tunnel open.
      emulator.addFault({ method: 'GET', path: '/admin/jobs/', delayMs: 60_000 })
      const port = new URL(emulator.portalUrl).port
      const result = await run(
        stepInputs(emulator, {
          'portal-url': `https://portal.test:${port}/arcgis`,
          'ca-certificate': certificates.caCert,
          timeout: '3s'
        }),
        { env: { HTTPS_PROXY: proxy.url }, timeoutMs: 20_000 }
      )

      expect(result.durationMs).toBeLessThan(3_000 + 2_000)
      expect(result.exitCode).toBe(1)
      expect(result.outputs.outcome).toBe('timeout')
      expect(proxy.connects.length).toBeGreaterThan(0)
    })
  } finally {
    await proxy.close()
  }
})
