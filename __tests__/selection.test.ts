import { describe, expect, it } from '@jest/globals'
import type { Deployment } from '../src/arcgis/answers.js'
import {
  byNameThenId,
  matchesFilter,
  restartsOnlyWhenNamed,
  similarDeployments
} from '../src/restart/selection.js'
import { text } from './support/server-texts.js'

const parcels: Deployment = {
  id: 'k1',
  name: text('parcels-featureserver'),
  type: text('FeatureServer'),
  mode: text('Dedicated'),
  provider: text('SDS')
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
    const dotted = { id: 'k2', name: text('a.b') }
    expect(matchesFilter({ label: 'x', criteria: { name: 'a.b' } }, dotted)).toBe(true)
    expect(
      matchesFilter({ label: 'x', criteria: { name: 'a.b' } }, { id: 'k3', name: text('axb') })
    ).toBe(false)
  })

  it('does not match a criterion on a field the deployment does not report', () => {
    expect(matchesFilter({ label: 'x', criteria: { mode: 'Shared' } }, { id: 'k4' })).toBe(false)
  })
})

describe('restartsOnlyWhenNamed', () => {
  it.each([
    [{ type: text('System'), mode: text('Undefined') }, true],
    [{ type: text('System') }, true],
    [{ type: text('MapServer'), mode: text('Undefined') }, true],
    [{ type: text('RelationalStore'), mode: text('Primary') }, true],
    [{ type: text('RelationalStore'), mode: text('Standby') }, true],
    [{ type: text('SpatiotemporalIndexStore'), mode: text('Coordinator') }, true],
    [{ type: text('MapServer'), mode: text('Shared') }, false],
    [{ type: text('FeatureServer'), mode: text('dedicated') }, false],
    [{ type: text('ObjectStore'), mode: text('Primary') }, true],
    [{ type: text('WebhookProcessor'), mode: text('Undefined') }, true],
    [{ type: text('System'), mode: text('Shared') }, true],
    [{ type: text('MapServer'), mode: text('Replicated') }, true],
    // A record without a mode is not known to serve GIS services: only when named.
    [{ type: text('MapServer') }, true],
    [{}, true],
    [{ type: text('MapServer'), mode: text('SHARED') }, false]
  ])('%j: %s', (fields, expected) => {
    expect(restartsOnlyWhenNamed({ id: 'k', ...fields })).toBe(expected)
  })
})

describe('similarDeployments', () => {
  const deployments: Deployment[] = [
    { id: 'kvy7', name: text('shared-mapserver') },
    { id: 'pq3t', name: text('parcels-featureserver') },
    { id: 'fw2u', name: text('water-mapserver') },
    { id: 'zz9a', name: text('ingress-controller') }
  ]

  it('offers names a few edits away, closest first', () => {
    expect(similarDeployments('shared-mapservr', deployments).map((d) => d.name?.raw)).toEqual([
      'shared-mapserver',
      'water-mapserver'
    ])
  })

  it('offers names that contain the value', () => {
    expect(similarDeployments('ingress', deployments).map((d) => d.name?.raw)).toEqual([
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
      { id: 'b', name: text('x') },
      { id: 'a', name: text('x') },
      { id: 'c', name: text('a') }
    ].sort(byNameThenId)
    expect(sorted.map((d) => d.id)).toEqual(['c', 'a', 'b'])
  })
})
