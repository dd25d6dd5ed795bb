import { describe, expect, it } from '@jest/globals'
import type { Deployment } from '../src/arcgis/answers.js'
import {
  byNameThenId,
  matchesFilter,
  restartsOnlyWhenNamed,
  similarDeployments
} from '../src/restart/selection.js'

const parcels: Deployment = {
  id: 'k1',
  name: 'parcels-featureserver',
  type: 'FeatureServer',
  mode: 'Dedicated',
  provider: 'SDS'
}

describe('matchesFilter', () => {
  it.each([
    [{}, true],
    [{ name: 'parcels-featureserver' }, true],
    [{ name: 'PARCELS-FeatureServer' }, true],
    [{ name: '*-featureserver' }, true],
    [{ name: 'parcels-*' }, true],
    [{ name: 'p?rcels-featureserver' }, true],
    [{ name: 'parcels' }, false],
    [{ name: '*-mapserver' }, false],
    [{ type: 'featureserver' }, true],
    [{ type: 'MapServer' }, false],
    [{ type: 'FeatureServer', mode: 'Dedicated', provider: 'sds' }, true],
    [{ type: 'FeatureServer', mode: 'Shared' }, false]
  ])('%j matches: %s', (criteria, expected) => {
    expect(matchesFilter({ label: 'x', criteria }, parcels)).toBe(expected)
  })

  it('takes "." in a value literally', () => {
    const dotted = { id: 'k2', name: 'a.b' }
    expect(matchesFilter({ label: 'x', criteria: { name: 'a.b' } }, dotted)).toBe(true)
    expect(
      matchesFilter({ label: 'x', criteria: { name: 'a.b' } }, { id: 'k3', name: 'axb' })
    ).toBe(false)
  })

  it('does not match a criterion on a field the deployment does not report', () => {
    expect(matchesFilter({ label: 'x', criteria: { mode: 'Shared' } }, { id: 'k4' })).toBe(false)
  })
})

describe('restartsOnlyWhenNamed', () => {
  it.each([
    [{ type: 'System', mode: 'Undefined' }, true],
    [{ type: 'System' }, true],
    [{ type: 'MapServer', mode: 'Undefined' }, true],
    [{ type: 'RelationalStore', mode: 'Primary' }, true],
    [{ type: 'RelationalStore', mode: 'Standby' }, true],
    [{ type: 'SpatiotemporalIndexStore', mode: 'Coordinator' }, true],
    [{ type: 'MapServer', mode: 'Shared' }, false],
    [{ type: 'FeatureServer', mode: 'dedicated' }, false],
    [{ type: 'ObjectStore', mode: 'Primary' }, true],
    [{ type: 'WebhookProcessor', mode: 'Undefined' }, true],
    [{ type: 'System', mode: 'Shared' }, true],
    [{ type: 'MapServer', mode: 'Replicated' }, true],
    // A record without a mode is not known to serve GIS services: only when named.
    [{ type: 'MapServer' }, true],
    [{}, true],
    [{ type: 'MapServer', mode: 'SHARED' }, false]
  ])('%j: %s', (fields, expected) => {
    expect(restartsOnlyWhenNamed({ id: 'k', ...fields })).toBe(expected)
  })
})

describe('similarDeployments', () => {
  const deployments: Deployment[] = [
    { id: 'kvy7', name: 'shared-mapserver' },
    { id: 'pq3t', name: 'parcels-featureserver' },
    { id: 'fw2u', name: 'water-mapserver' },
    { id: 'zz9a', name: 'ingress-controller' }
  ]

  it('offers names a few edits away, closest first', () => {
    expect(similarDeployments('shared-mapservr', deployments).map((d) => d.name)).toEqual([
      'shared-mapserver',
      'water-mapserver'
    ])
  })

  it('offers names that contain the value', () => {
    expect(similarDeployments('ingress', deployments).map((d) => d.name)).toEqual([
      'ingress-controller'
    ])
  })

  it('compares with ids too', () => {
    expect(similarDeployments('kvy8', deployments).map((d) => d.id)).toEqual(['kvy7'])
  })

  it('offers nothing for a value unlike any deployment', () => {
    expect(similarDeployments('portal-sharing-api', deployments)).toEqual([])
  })

  it('offers at most `limit`', () => {
    expect(similarDeployments('mapserver', deployments, 1)).toHaveLength(1)
  })
})

describe('byNameThenId', () => {
  it('orders by name, then by id', () => {
    const sorted = [
      { id: 'b', name: 'x' },
      { id: 'a', name: 'x' },
      { id: 'c', name: 'a' }
    ].sort(byNameThenId)
    expect(sorted.map((d) => d.id)).toEqual(['c', 'a', 'b'])
  })
})
