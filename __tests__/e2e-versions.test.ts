// The built action against the emulator: versions given as numbers, and services whose deployments are only in
// their scaling resource.
import { describe, expect, it } from '@jest/globals'
import { scenarios } from '../emulator/server.ts'
import {
  logLines,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'

describe('versions and services', () => {
  it('reads a currentVersion given only as a JSON number', () =>
    withEmulator(scenarios['numeric-version'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ 'server-version': '11.4', outcome: 'success' })
      expect(requestsTo(emulator, 'GET', '/admin/jobs/').length).toBeGreaterThan(0)
    }))

  it('takes a numeric currentVersion 10.9 for a server without restart jobs', () =>
    withEmulator(
      { ...quickClock, numericVersion: true, version: '10.9', syncRefresh: true },
      async (emulator) => {
        const result = await run(stepInputs(emulator))

        expect(result.exitCode).toBe(0)
        expect(result.outputs).toMatchObject({ 'server-version': '10.9', 'job-id': '' })
        expect(result.stdout).toContain('This version has no restart jobs')
        expect(requestsTo(emulator, 'GET', '/admin/jobs')).toHaveLength(0)
      }
    ))

  it('finds the deployment of a service in its scaling resource', () =>
    withEmulator(scenarios['services-in-scaling'], async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': '', service: 'Hosted/Parcels.FeatureServer' })
      )

      expect(result.exitCode).toBe(0)
      const parcelsId = emulator.deploymentIds[1]
      expect(
        requestsTo(emulator, 'GET', '/admin/services/Hosted/Parcels.FeatureServer/scaling')
      ).toHaveLength(1)
      expect(requestsTo(emulator, 'POST', '/refresh').map((request) => request.path)).toEqual([
        `/arcgis/admin/system/deployments/${parcelsId}/refresh`
      ])
      expect(result.outputs['deployment-id']).toBe(parcelsId)
      expect(resultsOf(result)[0]).toMatchObject({
        service: 'Hosted/Parcels.FeatureServer',
        status: 'COMPLETED'
      })
    }))

  it('restarts each deployment of a service that runs in two, once', () =>
    withEmulator(scenarios['services-in-scaling'], async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': '',
          service: 'Basemaps/Streets.MapServer\nSampleWorldCities.MapServer'
        })
      )

      expect(result.exitCode).toBe(0)
      const [sharedId, , waterId] = emulator.deploymentIds
      expect(
        requestsTo(emulator, 'POST', '/refresh').map((request) => request.path.split('/')[5])
      ).toEqual([sharedId, waterId])
      expect(result.outputs['deployment-id']).toBe(`${sharedId},${waterId}`)
      expect(logLines(result)).toContain(
        `Service Basemaps/Streets.MapServer runs in deployments ${sharedId}, ${waterId}`
      )
      expect(resultsOf(result).map((item) => item.service)).toEqual([
        'Basemaps/Streets.MapServer,SampleWorldCities.MapServer',
        'Basemaps/Streets.MapServer'
      ])
    }))
})
