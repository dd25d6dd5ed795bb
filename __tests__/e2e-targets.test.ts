// The built action against the emulator: deployments named by name, chosen by filter, the guard on system
// deployments, both ways of listing deployments, and the dry run's table of deployments.
import { describe, expect, it } from '@jest/globals'
import { defaultDeployments, systemDeployments } from '../emulator/scenarios.ts'
import type { DeploymentSeed, Emulator } from '../emulator/server.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'

/** A platform as a cluster has one: the GIS service deployments and the system ones. */
const platform = { ...quickClock, deployments: [...defaultDeployments, ...systemDeployments] }
const idOf = (name: string) => {
  const seed = [...defaultDeployments, ...systemDeployments].find((each) => each.name === name)
  if (!seed) throw new Error(`no deployment ${name}`)
  return seed.deploymentId
}
const SHARED = idOf('shared-mapserver')
const PARCELS = idOf('parcels-featureserver')
const WATER = idOf('water-mapserver')
const INGRESS = idOf('ingress-controller')

const refreshed = (emulator: Emulator) =>
  requestsTo(emulator, 'POST', '/refresh').map((request) => request.path.split('/').at(-2))

/** The inputs of a run that selects without restarting: only deployment-filter and what is given. */
const selecting = (emulator: Emulator, inputs: Record<string, string>) =>
  stepInputs(emulator, { 'deployment-id': '', 'dry-run': 'true', ...inputs })

describe('deployments by name', () => {
  it('restarts the deployment a name belongs to, and says which id it is', () =>
    withEmulator(platform, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': 'parcels-featureserver', verify: 'false' })
      )

      expect(result.exitCode).toBe(0)
      expect(refreshed(emulator)).toEqual([PARCELS])
      expect(result.stdout).toContain(
        `deployment-id "parcels-featureserver" is the name of deployment ${PARCELS}`
      )
      expect(result.outputs['deployment-id']).toBe(PARCELS)
      expect(resultsOf(result)[0]).toMatchObject({
        deploymentId: PARCELS,
        name: 'parcels-featureserver'
      })
    }))

  it('fails before restarting anything for an unknown name, offering similar names with their ids', () =>
    withEmulator(platform, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': `${SHARED}\nparcels-featureservr` })
      )

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain(
        `deployment-id "parcels-featureservr" is neither the id nor the name of a deployment. Similar: parcels-featureserver (${PARCELS})`
      )
      expect(refreshed(emulator)).toEqual([])
      expect(result.outputs.outcome).toBe('failure')
    }))

  it('fails for a name that several deployments share, naming each with its id', () => {
    const twins: DeploymentSeed[] = [
      { deploymentId: 'kgeo1aaaaaaaaaaaaaaaa', name: 'geometry', type: 'GeometryServer' },
      { deploymentId: 'kgeo2bbbbbbbbbbbbbbbb', name: 'geometry', type: 'GeometryServer' }
    ]
    return withEmulator({ ...quickClock, deployments: twins }, async (emulator) => {
      const result = await run(stepInputs(emulator, { 'deployment-id': 'geometry' }))

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain(
        'deployment-id "geometry" is the name of 2 deployments: geometry (kgeo1aaaaaaaaaaaaaaaa), geometry (kgeo2bbbbbbbbbbbbbbbb); give the id of the one to restart'
      )
      expect(refreshed(emulator)).toEqual([])
    })
  })
})

describe('deployment-filter', () => {
  it.each([
    ['type=MapServer', [SHARED, WATER]],
    ['mode=Shared', [SHARED]],
    ['name=*-featureserver', [PARCELS]],
    ['type=MapServer mode=dedicated', [WATER]],
    ['mode=Shared\nname=*-featureserver', [PARCELS, SHARED]]
  ])('%j selects its deployments, by name', (filter, ids) =>
    withEmulator(platform, async (emulator) => {
      const result = await run(selecting(emulator, { 'deployment-filter': filter }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs['deployment-id']).toBe(ids.join(','))
      expect(emulator.requests.filter((request) => request.path.endsWith('/refresh'))).toEqual([])
    })
  )

  it('restarts each deployment once, those named first, then those filtered, under max-concurrency', () =>
    withEmulator(platform, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': 'water-mapserver',
          service: 'Hosted/Parcels.FeatureServer',
          'deployment-filter': 'type=MapServer\nname=parcels-*',
          'max-concurrency': '2',
          verify: 'false'
        })
      )

      expect(result.exitCode).toBe(0)
      expect(result.outputs['deployment-id']).toBe([WATER, PARCELS, SHARED].join(','))
      expect(refreshed(emulator).sort()).toEqual([WATER, PARCELS, SHARED].sort())
      expect(resultsOf(result).map((item) => [item.deploymentId, item.status])).toEqual([
        [WATER, 'COMPLETED'],
        [PARCELS, 'COMPLETED'],
        [SHARED, 'COMPLETED']
      ])
    }))

  it('halts after a failure with fail-fast, in the order of the names', () => {
    const deployments = [
      ...defaultDeployments.map((seed) =>
        seed.name === 'shared-mapserver' ? { ...seed, job: 'fail' as const } : seed
      ),
      ...systemDeployments
    ]
    return withEmulator({ ...quickClock, deployments }, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': '', 'deployment-filter': 'type=MapServer' })
      )

      expect(result.exitCode).toBe(1)
      expect(refreshed(emulator)).toEqual([SHARED])
      expect(resultsOf(result).map((item) => [item.deploymentId, item.status])).toEqual([
        [SHARED, 'FAILED'],
        [WATER, 'SKIPPED']
      ])
    })
  })

  it('leaves system deployments out of a filter, saying so, and restarts one only when named', () =>
    withEmulator(platform, async (emulator) => {
      const filtered = await run(selecting(emulator, { 'deployment-filter': 'all' }))

      expect(filtered.exitCode).toBe(0)
      expect(filtered.outputs['deployment-id']).toBe([PARCELS, SHARED, WATER].join(','))
      expect(filtered.stdout).toMatch(
        /deployment-filter "all" leaves out .*ingress-controller \(\w+\).*: a filter selects only deployments of GIS services \(mode Shared or Dedicated, type not System\); system and data store deployments, and any of another or no mode, restart only when named in deployment-id/
      )

      const named = await run(
        stepInputs(emulator, { 'deployment-id': 'ingress-controller', verify: 'false' })
      )
      expect(named.exitCode).toBe(0)
      expect(refreshed(emulator)).toEqual([INGRESS])
      expect(named.stdout).toContain('is not a GIS service')
    }))

  it('fails, restarting nothing, when a filter matches nothing or only system deployments', () =>
    withEmulator(platform, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': SHARED,
          'deployment-filter': 'type=MapServre\ntype=System'
        })
      )

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain(
        'deployment-filter "type=MapServre" matches no deployment'
      )
      expect(failureOf(result)).toMatch(
        /deployment-filter "type=System" matches only deployments that restart only when named: .*ingress-controller/
      )
      expect(failureOf(result)).toContain('Set allow-empty: true if a filter may match nothing.')
      expect(refreshed(emulator)).toEqual([])
    }))

  it('succeeds having restarted nothing when allow-empty lets a filter match nothing', () =>
    withEmulator(platform, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': '',
          'deployment-filter': 'name=nightly-*',
          'allow-empty': 'true'
        })
      )

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({
        outcome: 'success',
        'deployment-id': '',
        results: '[]'
      })
      expect(result.stdout).toContain(
        'deployment-filter "name=nightly-*" matches no deployment (allow-empty is true)'
      )
      expect(result.stdout).toContain(
        'No deployment to restart: the filters matched none, and allow-empty is true.'
      )
      expect(result.summary).toContain('nothing was restarted')
      expect(refreshed(emulator)).toEqual([])
    }))

  it('refuses a filter it cannot read before any request', () =>
    withEmulator(platform, async (emulator) => {
      const result = await run(
        selecting(emulator, { 'deployment-filter': 'type=MapServer, mode=Shared' })
      )

      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain('without commas')
      expect(emulator.requests).toEqual([])
    }))
})

describe('listing deployments', () => {
  const listingRequests = (emulator: Emulator) =>
    emulator.requests
      .filter(
        (request) =>
          /\/system\/deployments\/(findDeploymentIds|getDeploymentsById)$/.test(request.path) ||
          (request.method === 'GET' && request.path.endsWith('/system/deployments'))
      )
      .map((request) => `${request.method} ${request.path.split('/').at(-1)}`)

  it('from 11.0 uses findDeploymentIds and getDeploymentsById, with the token in the body', () =>
    withEmulator({ ...platform, version: '11.4' }, async (emulator) => {
      const result = await run(selecting(emulator, { 'deployment-filter': 'mode=Shared' }))

      expect(result.outputs['deployment-id']).toBe(SHARED)
      expect(listingRequests(emulator)).toEqual([
        'POST findDeploymentIds',
        'POST getDeploymentsById'
      ])
      const [find, get] = requestsTo(emulator, 'POST', '/system/deployments/')
      expect(find.form).toEqual({ f: 'json', token: emulator.token })
      expect(get.form.deploymentIDs.split(',').sort()).toEqual(emulator.deploymentIds.sort())
    }))

  it('before 11.0 reads GET system/deployments', () =>
    withEmulator({ ...platform, version: '10.9.1' }, async (emulator) => {
      const result = await run(selecting(emulator, { 'deployment-filter': 'mode=Shared' }))

      expect(result.outputs['deployment-id']).toBe(SHARED)
      expect(listingRequests(emulator)).toEqual(['GET deployments'])
    }))

  it('falls back on the other way when the one the version suggests is not offered', () =>
    withEmulator(
      { ...platform, version: '11.4', deploymentListings: ['resource'] },
      async (emulator) => {
        const result = await run(selecting(emulator, { 'deployment-filter': 'mode=Shared' }))
        expect(result.outputs['deployment-id']).toBe(SHARED)
        expect(listingRequests(emulator)).toEqual(['POST findDeploymentIds', 'GET deployments'])
      }
    ))

  it('falls back on findDeploymentIds before 11.0 when the listing resource is not there', () =>
    withEmulator(
      { ...platform, version: '10.9.1', deploymentListings: ['find-ids'] },
      async (emulator) => {
        const result = await run(selecting(emulator, { 'deployment-filter': 'mode=Shared' }))
        expect(result.outputs['deployment-id']).toBe(SHARED)
        expect(listingRequests(emulator)).toEqual([
          'GET deployments',
          'POST findDeploymentIds',
          'POST getDeploymentsById'
        ])
      }
    ))

  it('says why names and filters cannot work when neither way is offered', () =>
    withEmulator({ ...platform, deploymentListings: [] }, async (emulator) => {
      const result = await run(selecting(emulator, { 'deployment-filter': 'all' }))
      expect(result.exitCode).toBe(1)
      expect(failureOf(result)).toContain('The server lists its deployments neither way')
    }))
})

describe('discovery in a dry run', () => {
  it('lists every deployment with its id, type, mode and ready replicas, in the log and the summary', () =>
    withEmulator(platform, async (emulator) => {
      const result = await run(selecting(emulator, { 'deployment-filter': 'all' }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('dry-run')
      const lines = result.stdout.split('\n')
      const header = lines.findIndex((line) =>
        /^Deployment\s+Id\s+Type\s+Mode\s+State\s+Ready\s+Restart$/.test(line)
      )
      expect(lines[header - 1]).toBe('Deployments (3 would restart):')
      const rows = lines.slice(header + 1, header + 1 + 3 + systemDeployments.length)
      expect(rows[0]).toMatch(
        new RegExp(
          `^parcels-featureserver\\s+${PARCELS}\\s+FeatureServer\\s+Dedicated\\s+STARTED\\s+1/1\\s+yes$`
        )
      )
      expect(rows[1]).toMatch(
        new RegExp(
          `^shared-mapserver\\s+${SHARED}\\s+MapServer\\s+Shared\\s+STARTED\\s+2/2\\s+yes$`
        )
      )
      expect(rows).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^ingress-controller\\s+${INGRESS}\\s+System\\s+Undefined\\s+STARTED\\s+\\d+/\\d+\\s+only when named$`
          )
        )
      )
      expect(result.summary).toContain('<h4>Deployments</h4>')
      expect(result.summary).toContain(
        `<td>ingress-controller</td><td>${INGRESS}</td><td>System</td>`
      )
      expect(
        emulator.requests.filter(
          (request) => request.method === 'POST' && request.path.endsWith('/refresh')
        )
      ).toEqual([])
    }))
})
