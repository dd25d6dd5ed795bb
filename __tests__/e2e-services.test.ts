// The built action against the emulator: services named instead of ids, dry runs, private CAs, server versions.
import { describe, expect, it } from '@jest/globals'
import { testCertificates } from './support/certificates.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'

describe('service targeting', () => {
  it('resolves services to their deployments and refreshes each deployment once', () =>
    withEmulator(quickClock, async (emulator) => {
      const [shared, parcels] = emulator.deploymentIds
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': parcels,
          service:
            'Hosted/Parcels.FeatureServer\nSampleWorldCities.MapServer, Basemaps/Streets.MapServer'
        })
      )

      expect(result.exitCode).toBe(0)
      // Each service resource is read once (its status, for verification, is another resource).
      const reads = (path: string) =>
        requestsTo(emulator, 'GET', path).filter((request) => request.path.endsWith(path))
      expect(reads('/admin/services/Hosted/Parcels.FeatureServer')).toHaveLength(1)
      expect(reads('/admin/services/SampleWorldCities.MapServer')).toHaveLength(1)
      expect(requestsTo(emulator, 'POST', '/refresh').map((request) => request.path)).toEqual([
        `/arcgis/admin/system/deployments/${parcels}/refresh`,
        `/arcgis/admin/system/deployments/${shared}/refresh`
      ])
      expect(result.outputs['deployment-id']).toBe(`${parcels},${shared}`)
      expect(resultsOf(result).map((item) => [item.deploymentId, item.service])).toEqual([
        [parcels, 'Hosted/Parcels.FeatureServer'],
        [shared, 'SampleWorldCities.MapServer,Basemaps/Streets.MapServer']
      ])
      expect(result.stdout).toMatch(
        new RegExp(`::warning::.*${shared} \\(shared-mapserver\\) is Shared`)
      )
      expect(result.summary).toContain('SampleWorldCities.MapServer')
    }))

  it('fails before restarting anything when a service does not exist, naming it', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': '',
          service: 'Hosted/Parcels.FeatureServer,Hosted/Nope.MapServer'
        })
      )

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain('Hosted/Nope.MapServer')
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(0)
      expect(result.outputs.outcome).toBe('failure')
    }))

  it('fails before restarting anything when a deployment id does not exist', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': `${emulator.deploymentIds[0]},nosuchdeployment` })
      )

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain('nosuchdeployment')
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(0)
    }))
})

describe('dry run', () => {
  it('reads and reports what would restart, and sends no refresh', () =>
    withEmulator(quickClock, async (emulator) => {
      const [shared, parcels] = emulator.deploymentIds
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': shared,
          service: 'Hosted/Parcels.FeatureServer',
          'dry-run': 'true'
        })
      )

      expect(result.exitCode).toBe(0)
      expect(emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(0)
      expect(requestsTo(emulator, 'GET', `/deployments/${shared}/status`)).toHaveLength(1)
      expect(requestsTo(emulator, 'GET', `/deployments/${parcels}/status`)).toHaveLength(1)
      expect(result.outputs).toMatchObject({
        outcome: 'dry-run',
        'deployment-id': `${shared},${parcels}`,
        'job-id': ','
      })
      expect(resultsOf(result).map((item) => [item.deploymentId, item.status, item.ready])).toEqual(
        [
          [shared, 'NOT RESTARTED', true],
          [parcels, 'NOT RESTARTED', true]
        ]
      )
      expect(result.stdout).toContain('Would restart shared-mapserver')
      expect(result.summary).toContain('dry-run')
    }))
})

describe('private certificate authorities', () => {
  const certificates = testCertificates()

  it('refuses a portal whose certificate it cannot verify', () =>
    withEmulator({ ...quickClock, tls: certificates }, async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(emulator.portalUrl).toMatch(/^https:/)
      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toMatch(/certificate/i)
      expect(failureOf(result)).toContain("pass that CA's PEM certificate in ca-certificate")
      expect(emulator.requests).toHaveLength(0)
    }))

  it('trusts the CA given in ca-certificate', () =>
    withEmulator({ ...quickClock, tls: certificates }, async (emulator) => {
      const result = await run(stepInputs(emulator, { 'ca-certificate': certificates.caCert }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
    }))

  it('refuses a ca-certificate that is not PEM before any request', () =>
    withEmulator({ ...quickClock, tls: certificates }, async (emulator) => {
      const result = await run(stepInputs(emulator, { 'ca-certificate': 'not a certificate' }))

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain('ca-certificate')
      expect(emulator.requests).toHaveLength(0)
    }))
})
