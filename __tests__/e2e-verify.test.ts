// The built action against the emulator: once the pods are ready, the services must answer at their REST endpoints
// (which answer errors for a while after a restart), without the admin token anywhere but in a header. The verify-url
// URLs are in e2e-verify-url.test.ts.
import { describe, expect, it } from '@jest/globals'
import { defaultDeployments } from '../emulator/scenarios.ts'
import type { Emulator, RecordedRequest } from '../emulator/server.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'

const [SHARED, PARCELS] = defaultDeployments.map((seed) => seed.deploymentId)
/** Services answer errors for 600 ms after their pods are ready. */
const warmingUp = { ...quickClock, serviceWarmupMs: 600 }

const restRequests = (emulator: Emulator) => requestsTo(emulator, 'GET', '/arcgis/rest/services/')

function expectTokenOnlyInHeader(request: RecordedRequest, token: string): void {
  expect(request.headers['x-esri-authorization']).toBe(`Bearer ${token}`)
  expect(request.query).toEqual({ f: 'json' })
  expect(request.body).toBe('')
}

describe('verifying services', () => {
  it('polls each service named in service until it answers, the token in the header only', () =>
    withEmulator(warmingUp, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': '', service: 'Hosted/Parcels.FeatureServer' })
      )

      expect(result.exitCode).toBe(0)
      const polls = restRequests(emulator)
      expect(polls.length).toBeGreaterThan(1)
      for (const request of polls) {
        expect(request.path).toBe('/arcgis/rest/services/Hosted/Parcels/FeatureServer')
        expectTokenOnlyInHeader(request, emulator.token)
      }
      expect(result.stdout).toMatch(/Service Hosted\/Parcels\.FeatureServer: ArcGIS error 500/)
      expect(result.stdout).toContain(
        `Service Hosted/Parcels.FeatureServer answers at ${emulator.portalUrl}/rest/services/Hosted/Parcels/FeatureServer`
      )
      expect(resultsOf(result)[0]).toMatchObject({
        deploymentId: PARCELS,
        ready: true,
        verified: true
      })
      expect(result.summary).toMatch(/<td>COMPLETED<\/td><td>yes<\/td><td>yes<\/td>/)
      // No service is polled before the pods were seen ready.
      const ready = requestsTo(emulator, 'GET', `/deployments/${PARCELS}/status`).at(-1)!
      expect(polls[0].at).toBeGreaterThanOrEqual(ready.at)
    }))

  it('finds the services a deployment serves from the services listing, and polls each', () =>
    withEmulator(warmingUp, async (emulator) => {
      const result = await run(stepInputs(emulator, { 'deployment-id': 'shared-mapserver' }))

      expect(result.exitCode).toBe(0)
      // The root's entries name no deployment (as on a real server): its MapServer is read on its own. Then the
      // status of each service found, before anything restarts.
      const reads = requestsTo(emulator, 'GET', '/arcgis/admin/services').map(
        (request) => request.path
      )
      expect(reads.slice(0, 5)).toEqual([
        '/arcgis/admin/services',
        '/arcgis/admin/services/Basemaps',
        '/arcgis/admin/services/Hosted',
        '/arcgis/admin/services/Utilities',
        '/arcgis/admin/services/SampleWorldCities.MapServer'
      ])
      // Read several at once: in any order.
      expect(reads.slice(5).sort()).toEqual([
        '/arcgis/admin/services/Basemaps/Streets.MapServer/status',
        '/arcgis/admin/services/SampleWorldCities.MapServer/status'
      ])
      expect([...new Set(restRequests(emulator).map((request) => request.path))].sort()).toEqual([
        '/arcgis/rest/services/Basemaps/Streets/MapServer',
        '/arcgis/rest/services/SampleWorldCities/MapServer'
      ])
      expect(resultsOf(result)[0]).toMatchObject({ deploymentId: SHARED, verified: true })
    }))

  it('reads each service of the right type on its own when the listing does not name deployments', () =>
    withEmulator({ ...warmingUp, serviceListing: 'names-only' }, async (emulator) => {
      const result = await run(stepInputs(emulator, { 'deployment-id': 'shared-mapserver' }))

      expect(result.exitCode).toBe(0)
      const read = requestsTo(emulator, 'GET', '/arcgis/admin/services/').map(
        (request) => request.path
      )
      expect(read).toContain('/arcgis/admin/services/SampleWorldCities.MapServer')
      expect(read).toContain('/arcgis/admin/services/Basemaps/Streets.MapServer')
      expect(read).not.toContain('/arcgis/admin/services/Hosted/Parcels.FeatureServer')
      expect(resultsOf(result)[0]).toMatchObject({ verified: true })
    }))

  it('says that only pod readiness was checked when the services cannot be listed', () =>
    withEmulator({ ...quickClock, serviceListing: 'none' }, async (emulator) => {
      const result = await run(stepInputs(emulator, { 'deployment-id': 'shared-mapserver' }))

      expect(result.exitCode).toBe(0)
      expect(result.stdout).toMatch(
        /Only pod readiness is checked: the admin API did not list the services \(ArcGIS error 404/
      )
      expect(restRequests(emulator)).toEqual([])
      expect(resultsOf(result)[0]).toMatchObject({ ready: true, verified: null })
    }))

  it('times out with the URL and the last answer when a service never answers', () => {
    const deployments = defaultDeployments.map((seed) =>
      seed.deploymentId === PARCELS ? { ...seed, servicesNeverAnswer: true } : seed
    )
    return withEmulator({ ...quickClock, deployments }, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': '',
          service: 'Hosted/Parcels.FeatureServer',
          timeout: '4s'
        })
      )

      expect(result.exitCode).toBe(1)
      expect(result.outputs.outcome).toBe('timeout')
      expect(failureOf(result)).toContain(
        `Service Hosted/Parcels.FeatureServer did not answer at ${emulator.portalUrl}/rest/services/Hosted/Parcels/FeatureServer before the timeout (last answer: ArcGIS error 500: `
      )
      expect(resultsOf(result)[0]).toMatchObject({
        ready: true,
        verified: false,
        status: 'COMPLETED'
      })
      expect(result.summary).toMatch(/<td>COMPLETED<\/td><td>yes<\/td><td>no<\/td>/)
    })
  })

  it('checks nothing when verify is false', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': '',
          service: 'Hosted/Parcels.FeatureServer',
          verify: 'false'
        })
      )

      expect(result.exitCode).toBe(0)
      expect(restRequests(emulator)).toEqual([])
      expect(requestsTo(emulator, 'GET', '/arcgis/admin/services')).toHaveLength(1)
      expect(resultsOf(result)[0]).toMatchObject({ ready: true, verified: null })
    }))
})
