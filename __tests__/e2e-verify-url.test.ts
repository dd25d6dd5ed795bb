// The built action against the emulator: once the pods are ready, the verify-url URLs must answer HTTP 2xx, without
// the admin token anywhere but on the portal's origin.
import { describe, expect, it } from '@jest/globals'
import { defaultDeployments } from '../emulator/scenarios.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'
import { withPlainServer } from './support/plain-server.ts'

const PARCELS = defaultDeployments[1].deploymentId

describe('verify-url', () => {
  it('sends a URL on another origin no credential at all, and waits for its 2xx', () =>
    withPlainServer(
      [
        { status: 503, body: 'starting' },
        { status: 503, body: 'starting' },
        { status: 200, body: 'ok' }
      ],
      (app) =>
        withEmulator(quickClock, async (emulator) => {
          // Generated tokens are bound to a Referer, which must not leave the portal's origin either.
          const result = await run(
            stepInputs(emulator, {
              token: '',
              username: 'admin',
              password: 'emulator-password',
              'deployment-id': PARCELS,
              verify: 'true',
              'verify-url': `${app.origin}/health?deep=1`
            })
          )

          expect(result.exitCode).toBe(0)
          expect(app.requests.length).toBe(3)
          for (const request of app.requests) {
            expect(request.url).toBe('/health?deep=1')
            expect(request.headers['x-esri-authorization']).toBeUndefined()
            expect(request.headers.authorization).toBeUndefined()
            expect(request.headers.referer).toBeUndefined()
            expect(request.headers.cookie).toBeUndefined()
          }
          expect(result.stdout).toContain(`${app.origin}/health?deep=1: HTTP 503 (starting)`)
          expect(result.stdout).toContain(`${app.origin}/health?deep=1 answers`)
          expect(resultsOf(result)[0]).toMatchObject({ verified: true })
        })
    ))

  it("sends a URL on the portal's origin the token in the header", () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': PARCELS,
          'verify-url': `${emulator.origin}/health`
        })
      )

      expect(result.exitCode).toBe(0)
      const [health] = requestsTo(emulator, 'GET', '/health')
      expect(health.headers['x-esri-authorization']).toBe(`Bearer ${emulator.token}`)
      expect(health.query).toEqual({})
      expect(resultsOf(result)[0]).toMatchObject({ verified: true })
    }))

  it('does not follow a redirect, and times out naming the URL and its last answer', () =>
    withPlainServer([{ status: 404, body: 'nothing here' }], (elsewhere) =>
      withPlainServer(
        [{ status: 302, headers: { Location: `${elsewhere.origin}/login` } }],
        (app) =>
          withEmulator(quickClock, async (emulator) => {
            const result = await run(
              stepInputs(emulator, {
                'deployment-id': PARCELS,
                'verify-url': `${app.origin}/app`,
                timeout: '5s'
              })
            )

            expect(result.exitCode).toBe(1)
            expect(result.outputs.outcome).toBe('timeout')
            expect(failureOf(result)).toContain(
              `${app.origin}/app did not answer with HTTP 2xx before the timeout (last answer: HTTP 302)`
            )
            expect(elsewhere.requests).toEqual([])
            expect(resultsOf(result)[0]).toMatchObject({ ready: true, verified: false })
          })
      )
    ))
})
