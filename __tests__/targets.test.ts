import { describe, expect, it } from '@jest/globals'
import type { ServiceRef } from '../src/inputs.js'
import { describeTarget, resolveTargets } from '../src/restart/targets.js'
import { fakeClient } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'

const service = (label: string): ServiceRef => {
  const [, folder, name, type] = /^(?:(\w+)\/)?(\w+)\.(\w+)$/.exec(label) ?? []
  return { folder, name, type, label }
}

function setUp(
  serviceDeployments: Record<string, string | undefined>,
  modes: Record<string, string> = {}
) {
  const { client, asClient } = fakeClient()
  client.getServiceDeploymentId.mockImplementation(async (...args: unknown[]) => {
    const ref = args[0] as ServiceRef
    return serviceDeployments[ref.label]
  })
  client.getDeployment.mockImplementation(async (id: string) => ({
    id,
    name: `name-${id}`,
    mode: modes[id] ?? 'Dedicated'
  }))
  return { client, asClient, logger: recordingLogger() }
}

describe('resolveTargets', () => {
  it('reads each deployment id, in input order', async () => {
    const { client, asClient, logger } = setUp({})
    const targets = await resolveTargets(
      asClient,
      { deploymentIds: ['b', 'a'], services: [] },
      logger
    )
    expect(targets).toEqual([
      { deployment: { id: 'b', name: 'name-b', mode: 'Dedicated' }, services: [] },
      { deployment: { id: 'a', name: 'name-a', mode: 'Dedicated' }, services: [] }
    ])
    expect(client.getDeployment.mock.calls).toEqual([['b'], ['a']])
  })

  it('resolves services to their deployments, ids first, each deployment once', async () => {
    const { client, asClient, logger } = setUp({
      'Hosted/Parcels.FeatureServer': 'dep-p',
      'Roads.MapServer': 'dep-shared',
      'Rivers.MapServer': 'dep-shared',
      'Zoning.MapServer': 'a'
    })
    const targets = await resolveTargets(
      asClient,
      {
        deploymentIds: ['a'],
        services: [
          'Hosted/Parcels.FeatureServer',
          'Roads.MapServer',
          'Rivers.MapServer',
          'Zoning.MapServer'
        ].map(service)
      },
      logger
    )
    expect(targets.map((target) => [target.deployment.id, target.services])).toEqual([
      ['a', ['Zoning.MapServer']],
      ['dep-p', ['Hosted/Parcels.FeatureServer']],
      ['dep-shared', ['Roads.MapServer', 'Rivers.MapServer']]
    ])
    expect(client.getDeployment).toHaveBeenCalledTimes(3)
    expect(logger.infos()).toContain(
      'Service Hosted/Parcels.FeatureServer runs in deployment dep-p'
    )
  })

  it('fails when a service names no deployment', async () => {
    const { client, asClient, logger } = setUp({ 'Roads.MapServer': undefined })
    await expect(
      resolveTargets(
        asClient,
        { deploymentIds: ['a'], services: [service('Roads.MapServer')] },
        logger
      )
    ).rejects.toThrow(
      'Service Roads.MapServer has no deploymentId in its admin resource; name its deployment-id instead'
    )
    expect(client.getDeployment).not.toHaveBeenCalled()
  })

  // That nothing restarts then is the run's property: main.test.ts "fails before anything restarts when a deployment
  // does not exist".
  it('rejects with the error of a deployment that cannot be read', async () => {
    const { client, asClient, logger } = setUp({})
    client.getDeployment.mockRejectedValueOnce(
      new Error('reading deployment nope failed: ArcGIS error 404')
    )
    await expect(
      resolveTargets(asClient, { deploymentIds: ['nope'], services: [] }, logger)
    ).rejects.toThrow('reading deployment nope failed')
  })

  it('warns that a Shared deployment restarts every service that shares it', async () => {
    const { asClient, logger } = setUp(
      { 'Roads.MapServer': 'shared1' },
      { shared1: 'Shared', a: 'shared' }
    )
    await resolveTargets(
      asClient,
      { deploymentIds: ['a'], services: [service('Roads.MapServer')] },
      logger
    )
    expect(logger.warnings()).toEqual([
      'Deployment a (name-a) is Shared: refreshing it restarts the pods of every service that shares it.',
      'Deployment shared1 (name-shared1) is Shared: refreshing it restarts the pods of every service that shares it, not only Roads.MapServer.'
    ])
  })
})

describe('describeTarget', () => {
  it('names a deployment by name and id, or by id alone', () => {
    expect(
      describeTarget({ deployment: { id: 'd1', name: 'shared-mapserver' }, services: [] })
    ).toBe('shared-mapserver (d1)')
    expect(describeTarget({ deployment: { id: 'd1' }, services: [] })).toBe('d1')
  })
})
