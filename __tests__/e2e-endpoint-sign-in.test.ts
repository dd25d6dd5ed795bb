// Both bundles against service endpoints that refuse the token (498 invalid, 499 missing, 403 not allowed), which they
// would do until the timeout: the verification of that deployment fails within seconds, naming the service, the
// answer and the likely cause; a generated token is renewed once first. And token-referer: the Referer a fixed token
// travels with.
import { describe, expect, it } from '@jest/globals'
import type { Emulator } from '../emulator/server.ts'
import type { FaultRule } from '../emulator/types.ts'
import { runCommand } from '../emulator/run-command.ts'
import {
  adminCredentials,
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator,
  type ResultItem
} from './support/e2e.ts'

const PARCELS_ENDPOINT = '/arcgis/rest/services/Hosted/Parcels/FeatureServer'
const invalidToken: FaultRule = {
  path: PARCELS_ENDPOINT,
  body: { error: { code: 498, message: 'Invalid token.', details: [] } }
}
/** Long enough that waiting for it would show. */
const TIMEOUT = '60s'

function commandFor(emulator: Emulator, ...extra: string[]): string[] {
  return [
    '--portal-url',
    emulator.portalUrl,
    '--deployment-id',
    'parcels-featureserver',
    '--poll-interval',
    '250ms',
    '--timeout',
    TIMEOUT,
    '--json',
    ...extra
  ]
}

describe('a service endpoint that refuses the token', () => {
  it('fails the verification within seconds with a fixed token, naming the service, the answer and the cause', () =>
    withEmulator({ ...quickClock, faults: [invalidToken] }, async (emulator) => {
      const result = await run(stepInputs(emulator, { timeout: TIMEOUT }))

      expect(result.exitCode).toBe(1)
      expect(result.durationMs).toBeLessThan(15_000)
      expect(result.outputs.outcome).toBe('failure')
      expect(requestsTo(emulator, 'GET', PARCELS_ENDPOINT)).toHaveLength(1)
      const [item] = resultsOf(result)
      expect(item).toMatchObject({ ready: true, verified: false })
      expect(item.error).toContain(
        `Service Hosted/Parcels.FeatureServer at ${emulator.portalUrl}/rest/services/Hosted/Parcels/FeatureServer refused the request (ArcGIS error 498: Invalid token. (HTTP 200))`
      )
      expect(item.error).toContain('a token minted for another referer (set token-referer')
      expect(failureOf(result)).toContain('refused the request (ArcGIS error 498')
    }))

  it('renews a generated token once, then fails within seconds', () =>
    withEmulator({ ...quickClock, faults: [invalidToken] }, async (emulator) => {
      const result = await run(stepInputs(emulator, { ...adminCredentials, timeout: TIMEOUT }))

      expect(result.exitCode).toBe(1)
      expect(result.durationMs).toBeLessThan(15_000)
      expect(requestsTo(emulator, 'POST', '/generateToken')).toHaveLength(2)
      const polls = requestsTo(emulator, 'GET', PARCELS_ENDPOINT)
      expect(polls).toHaveLength(2)
      expect(polls[0].headers['x-esri-authorization']).not.toBe(
        polls[1].headers['x-esri-authorization']
      )
      expect(result.stdout).toContain('The token was refused (498); retrying with a new one.')
      expect(resultsOf(result)[0].error).toContain('refused the request (ArcGIS error 498')
    }))

  it('fails fast on 403 too, and so does the command', () =>
    withEmulator(
      {
        ...quickClock,
        errorHttpStatus: 'code',
        faults: [
          {
            path: PARCELS_ENDPOINT,
            status: 403,
            body: {
              error: {
                code: 403,
                message:
                  'You do not have permissions to access this resource or perform this operation.',
                details: []
              }
            }
          }
        ]
      },
      async (emulator) => {
        const command = await runCommand({
          args: commandFor(emulator),
          env: { ARCGIS_TOKEN: emulator.token }
        })

        expect(command.exitCode).toBe(1)
        expect(command.durationMs).toBeLessThan(15_000)
        const document = JSON.parse(command.stdout) as { outcome: string; results: ResultItem[] }
        expect(document.outcome).toBe('failure')
        expect(document.results[0].error).toContain('Service Hosted/Parcels.FeatureServer at')
        expect(document.results[0].error).toContain('refused the request (ArcGIS error 403')
        expect(command.stderr).toContain("a service the administrator's account cannot see")
      }
    ))

  it('the command renews a generated token once on 498, then fails within seconds', () =>
    withEmulator({ ...quickClock, faults: [invalidToken] }, async (emulator) => {
      const command = await runCommand({
        args: commandFor(emulator),
        env: { ARCGIS_USERNAME: 'admin', ARCGIS_PASSWORD: 'emulator-password' }
      })

      expect(command.exitCode).toBe(1)
      expect(command.durationMs).toBeLessThan(15_000)
      expect(requestsTo(emulator, 'POST', '/generateToken')).toHaveLength(2)
      expect(requestsTo(emulator, 'GET', PARCELS_ENDPOINT)).toHaveLength(2)
      const document = JSON.parse(command.stdout) as { results: ResultItem[] }
      expect(document.results[0].error).toContain('refused the request (ArcGIS error 498')
    }))

  it('fails fast on a verify-url of the portal that refuses the token it carried', () =>
    withEmulator(
      { ...quickClock, faults: [{ path: '/arcgis/home/', status: 499, body: 'Token Required' }] },
      async (emulator) => {
        const result = await run(
          stepInputs(emulator, { timeout: TIMEOUT, 'verify-url': `${emulator.portalUrl}/home/` })
        )

        expect(result.exitCode).toBe(1)
        expect(result.durationMs).toBeLessThan(15_000)
        expect(requestsTo(emulator, 'GET', '/arcgis/home/')).toHaveLength(1)
        expect(resultsOf(result)[0].error).toContain(
          `${emulator.portalUrl}/home/ refused the request (HTTP 499 (Token Required))`
        )
      }
    ))
})

describe('token-referer', () => {
  const referers = (emulator: Emulator) =>
    new Set(emulator.requests.map((request) => request.headers.referer))

  it("sends the referer a token was minted for, e.g. the literal referer of Esri's CLI", () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { token: emulator.foreignRefererToken, 'token-referer': 'referer' })
      )

      expect(result.exitCode).toBe(0)
      expect(referers(emulator)).toEqual(new Set(['referer']))
      expect(resultsOf(result)[0].verified).toBe(true)
    }))

  it('sends no Referer with none, and the portal origin by default', () =>
    withEmulator(quickClock, async (emulator) => {
      const none = await run(stepInputs(emulator, { 'token-referer': 'none' }))
      expect(none.exitCode).toBe(0)
      expect(referers(emulator)).toEqual(new Set([undefined]))

      emulator.requests.length = 0
      const byDefault = await run(stepInputs(emulator, { 'token-referer': '' }))
      expect(byDefault.exitCode).toBe(0)
      expect(referers(emulator)).toEqual(new Set([emulator.origin]))
    }))

  it('without it, a token minted for another referer is refused at the first request', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(stepInputs(emulator, { token: emulator.foreignRefererToken }))

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(0)
      expect(failureOf(result)).toContain('498')
    }))

  it('the command takes it from ARCGIS_TOKEN_REFERER and from --token-referer', () =>
    withEmulator(quickClock, async (emulator) => {
      const fromEnv = await runCommand({
        args: commandFor(emulator),
        env: { ARCGIS_TOKEN: emulator.foreignRefererToken, ARCGIS_TOKEN_REFERER: 'referer' }
      })
      expect(fromEnv.exitCode).toBe(0)
      expect(referers(emulator)).toEqual(new Set(['referer']))

      emulator.requests.length = 0
      const none = await runCommand({
        args: commandFor(emulator, '--token-referer', 'none'),
        env: { ARCGIS_TOKEN: emulator.token, ARCGIS_TOKEN_REFERER: 'referer' }
      })
      expect(none.exitCode).toBe(0)
      expect(referers(emulator)).toEqual(new Set([undefined]))
    }))
})
