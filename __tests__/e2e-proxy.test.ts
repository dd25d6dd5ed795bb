// The built bundles behind a proxy: dist/ carries a stub in place of undici (stubs/), so these show that the proxy
// path the action really uses (tunnel's CONNECT, chosen by HTTPS_PROXY and NO_PROXY) is whole in what the runner runs.
import { describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startConnectProxy, type ConnectProxy } from '../emulator/proxy.ts'
import { runCommand } from '../emulator/run-command.ts'
import { testCertificates, LOOPBACK_ALIAS } from './support/certificates.ts'
import { quickClock, requestsTo, run, stepInputs, withEmulator } from './support/e2e.ts'

async function withProxy<T>(test: (proxy: ConnectProxy) => Promise<T>): Promise<T> {
  // portal.test resolves nowhere but in the proxy; any other host is reached as named.
  const proxy = await startConnectProxy({
    resolveHost: (host) => (host === 'portal.test' ? '127.0.0.1' : host)
  })
  try {
    return await test(proxy)
  } finally {
    await proxy.close()
  }
}

describe('the action behind a proxy', () => {
  // HTTPS_PROXY alone is covered by e2e-secrets ('tunnels through HTTPS_PROXY').
  ;(LOOPBACK_ALIAS ? it : it.skip)(
    'reaches a portal named in NO_PROXY directly, never through HTTPS_PROXY',
    () =>
      withProxy((proxy) => {
        const certificates = testCertificates()
        return withEmulator({ ...quickClock, tls: certificates }, async (emulator) => {
          const portalUrl = `https://${LOOPBACK_ALIAS}:${new URL(emulator.portalUrl).port}/arcgis`
          const result = await run(
            stepInputs(emulator, {
              'portal-url': portalUrl,
              'ca-certificate': certificates.caCert
            }),
            { env: { HTTPS_PROXY: proxy.url, NO_PROXY: `example.com,${LOOPBACK_ALIAS}` } }
          )

          expect(result.exitCode).toBe(0)
          expect(result.outputs.outcome).toBe('success')
          expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
          expect(proxy.connects).toEqual([])
        })
      })
  )
})

describe('the command behind a proxy', () => {
  it('tunnels through HTTPS_PROXY', () =>
    withProxy(async (proxy) => {
      const certificates = testCertificates()
      const dir = await mkdtemp(path.join(tmpdir(), 'proxy-ca-'))
      try {
        const caFile = path.join(dir, 'ca.pem')
        await writeFile(caFile, certificates.caCert)
        await withEmulator({ ...quickClock, tls: certificates }, async (emulator) => {
          const port = new URL(emulator.portalUrl).port
          const command = await runCommand({
            args: [
              '--portal-url',
              `https://portal.test:${port}/arcgis`,
              '--deployment-id',
              emulator.deploymentIds[1],
              '--poll-interval',
              '250ms',
              '--ca-certificate',
              caFile
            ],
            env: { ARCGIS_TOKEN: emulator.token, HTTPS_PROXY: proxy.url }
          })

          expect(command.exitCode).toBe(0)
          expect(new Set(proxy.connects)).toEqual(new Set([`portal.test:${port}`]))
          expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
        })
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    }))
})
