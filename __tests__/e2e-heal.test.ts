// Both bundles (dist/index.js and dist/cli.js) with restart-if: unhealthy against the emulated real organisation:
// each deployment selected is checked first (its pods, then its services in a short probe), only the unhealthy ones
// are refreshed, once each, and the brake refuses to refresh many at once.
import { describe, expect, it } from '@jest/globals'
import { runCommand, type CommandRun } from '../emulator/run-command.ts'
import { defaultDeployments, realOrganisationDeployments } from '../emulator/scenarios.ts'
import {
  scenarios,
  type DeploymentSeed,
  type Emulator,
  type EmulatorOptions
} from '../emulator/server.ts'
import {
  failureOf,
  logLines,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator,
  type ActionRun,
  type ResultItem
} from './support/e2e.ts'
import { tableAfter } from './support/summary-table.ts'

const idOf = (name: string) => {
  const seed = [...defaultDeployments, ...realOrganisationDeployments].find(
    (each) => each.name === name
  )
  if (!seed) throw new Error(`no deployment ${name}`)
  return seed.deploymentId
}
const SHARED = idOf('shared-mapserver')
const PARCELS = idOf('parcels-featureserver')
const WATER = idOf('water-mapserver')
const ARCHIVE = idOf('archive-mapserver')

/** The real organisation, its seeds changed by `changes` (by name). */
function organisation(changes: Record<string, Partial<DeploymentSeed>> = {}): EmulatorOptions {
  const scenario = scenarios['real-organisation']
  return {
    ...scenario,
    deployments: scenario.deployments!.map((seed) => ({ ...seed, ...changes[seed.name] }))
  }
}
/** parcels-featureserver's pods not ready, water-mapserver's services answering errors (the 'unhealthy' scenario). */
const twoUnhealthy = scenarios.unhealthy

const refreshed = (emulator: Emulator) =>
  requestsTo(emulator, 'POST', '/refresh').map((request) => request.path.split('/').at(-2))

const healing = (emulator: Emulator, inputs: Record<string, string> = {}) =>
  run(
    stepInputs(emulator, {
      'deployment-id': '',
      'deployment-filter': 'all',
      'restart-if': 'unhealthy',
      ...inputs
    })
  )

/** The last line of a run's log. */
const lastLine = (result: ActionRun) =>
  logLines(result)
    .filter((line) => line !== '')
    .at(-1)

const WATER_REASON =
  /^Service Utilities\/Water\.MapServer did not answer at \S+\/rest\/services\/Utilities\/Water\/MapServer within 5s \(answer: ArcGIS error 500: Service Utilities\/Water\/MapServer is not available\./

describe('restart-if: unhealthy (the action)', () => {
  it('refreshes nothing when all are healthy, leaves the stopped one alone, and says so', () =>
    withEmulator(organisation(), async (emulator) => {
      const result = await healing(emulator)

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
      expect(result.outputs.restarted).toBe('')
      expect(result.outputs['job-status']).toBe('')
      expect(
        resultsOf(result).map(({ name, status, jobId, health, healthReason }) => ({
          name,
          status,
          jobId,
          health,
          healthReason
        }))
      ).toEqual([
        {
          name: 'archive-mapserver',
          status: 'STOPPED',
          jobId: null,
          health: 'stopped',
          healthReason: 'stopped by an administrator (configuredState STOPPED): left alone'
        },
        ...['parcels-featureserver', 'shared-mapserver', 'water-mapserver'].map((name) => ({
          name,
          status: 'HEALTHY',
          jobId: null,
          health: 'healthy',
          healthReason: null
        }))
      ])
      // The services were probed: a health check is more than the pods.
      const probed = new Set(requestsTo(emulator, 'GET', '/rest/services/').map((r) => r.path))
      expect(probed).toContain('/arcgis/rest/services/Utilities/Water/MapServer')
      expect(probed).not.toContain('/arcgis/rest/services/Archive/Roads1990/MapServer')
      const lines = logLines(result)
      expect(lines).toContain(
        'No deployment checked is unhealthy (1 stopped, left alone): nothing to restart.'
      )
      expect(lastLine(result)).toMatch(
        /^4 deployments checked: 3 healthy, 1 stopped, left alone, none restarted in \S+$/
      )
      expect(tableAfter(result.summary, 'Health')).toEqual([
        ['Deployment', 'Pods', 'Services', 'Health', 'What was wrong'],
        [
          'archive-mapserver',
          '',
          '',
          'stopped',
          'stopped by an administrator (configuredState STOPPED): left alone'
        ],
        ['parcels-featureserver', '1/1', 'answer', 'healthy', ''],
        ['shared-mapserver', '2/2', 'answer', 'healthy', ''],
        ['water-mapserver', '1/1', 'answer', 'healthy', '']
      ])
    }))

  it('refreshes only the one unhealthy by its pods and the one by a service, once each, then verifies them', () =>
    withEmulator(twoUnhealthy, async (emulator) => {
      const result = await healing(emulator, { 'max-unhealthy': '2' })

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
      expect(refreshed(emulator)).toEqual([PARCELS, WATER])
      expect(result.outputs.restarted).toBe(`${PARCELS},${WATER}`)
      expect(result.outputs['job-status']).toBe('COMPLETED')
      const [archive, parcels, shared, water] = resultsOf(result)
      expect(parcels).toMatchObject({
        status: 'COMPLETED',
        jobId: expect.stringMatching(/^j/),
        ready: true,
        verified: true,
        health: 'unhealthy',
        healthReason: '0/1 pods ready'
      })
      expect(shared).toMatchObject({ status: 'HEALTHY', jobId: null, health: 'healthy' })
      expect(water).toMatchObject({
        status: 'COMPLETED',
        ready: true,
        verified: true,
        health: 'unhealthy'
      })
      expect(water.healthReason).toMatch(WATER_REASON)
      expect(archive).toMatchObject({ status: 'STOPPED', health: 'stopped' })
      // After its refresh, water-mapserver's service was polled again until it answered.
      expect(logLines(result)).toContainEqual(
        expect.stringMatching(/^Service Utilities\/Water\.MapServer answers at /)
      )
      expect(lastLine(result)).toMatch(
        /^4 deployments checked: 1 healthy, 1 stopped, left alone, 2 restarted \(parcels-featureserver: 0\/1 pods ready; water-mapserver: Service Utilities\/Water\.MapServer did not answer .*\) in \S+$/
      )
      const health = tableAfter(result.summary, 'Health')
      expect(health[2]).toEqual([
        'parcels-featureserver',
        '0/1',
        'not checked',
        'unhealthy',
        '0/1 pods ready'
      ])
      expect(health[4].slice(0, 4)).toEqual([
        'water-mapserver',
        '1/1',
        'do not answer',
        'unhealthy'
      ])
    }))

  it('refreshes one whose state is not STARTED', () =>
    withEmulator(organisation({ 'shared-mapserver': { unhealthy: 'state' } }), async (emulator) => {
      const result = await healing(emulator)

      expect(result.exitCode).toBe(0)
      expect(refreshed(emulator)).toEqual([SHARED])
      expect(resultsOf(result)[2]).toMatchObject({
        health: 'unhealthy',
        healthReason: 'state FAILED, 2/2 pods ready',
        verified: true
      })
    }))

  it('leaves a named stopped deployment alone and succeeds (restart-if: always fails it)', () =>
    withEmulator(organisation(), async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': 'archive-mapserver', 'restart-if': 'unhealthy' })
      )

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
      expect(requestsTo(emulator, 'GET', `/deployments/${ARCHIVE}/status`)).toEqual([])
      expect(resultsOf(result)).toEqual([
        expect.objectContaining({ deploymentId: ARCHIVE, status: 'STOPPED', health: 'stopped' })
      ])
    }))

  it('brakes: more unhealthy than max-unhealthy allows refreshes none, fails, and names them all', () =>
    withEmulator(twoUnhealthy, async (emulator) => {
      const result = await healing(emulator)

      expect(result.exitCode).toBe(1)
      expect(result.outputs.outcome).toBe('failure')
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
      expect(result.outputs.restarted).toBe('')
      const failure = failureOf(result)
      expect(failure).toContain(
        '2 of 3 deployments checked are unhealthy, more than max-unhealthy allows (50% of 3, so 1): nothing was restarted.'
      )
      expect(failure).toContain('looks like a platform problem (storage, the ingress, the cluster)')
      expect(failure).toContain(`- parcels-featureserver (${PARCELS}): 0/1 pods ready`)
      expect(failure).toContain(`- water-mapserver (${WATER}): Service Utilities/Water.MapServer`)
      expect(resultsOf(result).map((each) => each.status)).toEqual([
        'STOPPED',
        'UNHEALTHY',
        'HEALTHY',
        'UNHEALTHY'
      ])
      expect(lastLine(result)).toMatch(
        /^4 deployments checked: 1 healthy, 1 stopped, left alone, 2 unhealthy, none restarted \(parcels-featureserver: 0\/1 pods ready; water-mapserver: .*\) in \S+$/
      )
    }))

  it('fails, refreshing nothing, when a check cannot be made', () =>
    withEmulator(
      {
        ...twoUnhealthy,
        faults: [
          { method: 'GET', path: `/deployments/${SHARED}/status`, status: 500, body: 'down' }
        ]
      },
      async (emulator) => {
        const result = await healing(emulator, { 'max-unhealthy': '3' })

        expect(result.exitCode).toBe(1)
        expect(result.outputs.outcome).toBe('failure')
        expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
        expect(failureOf(result)).toMatch(
          new RegExp(
            `^The health of shared-mapserver \\(${SHARED}\\) could not be checked: its status could not be read for \\S+ \\(HTTP 500.*\\)\\. Nothing was restarted: a check that cannot be made is no reason to restart\\.$`
          )
        )
      }
    ))

  it('dry run under the brake: checks, warns that the brake would stop the run, and sends no refresh', () =>
    withEmulator(twoUnhealthy, async (emulator) => {
      const result = await healing(emulator, { 'dry-run': 'true', 'max-unhealthy': '50%' })

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('dry-run')
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
      expect(resultsOf(result).map((each) => [each.status, each.health])).toEqual([
        ['STOPPED', 'stopped'],
        ['UNHEALTHY', 'unhealthy'],
        ['HEALTHY', 'healthy'],
        ['UNHEALTHY', 'unhealthy']
      ])
      expect(result.stdout).toContain('::warning::The brake would stop this run: 2 of 3')
      expect(tableAfter(result.summary, 'Health').map((row) => row[3])).toEqual([
        'Health',
        'stopped',
        'unhealthy',
        'healthy',
        'unhealthy'
      ])
    }))

  it('dry run: checks, and names what would restart and why', () =>
    withEmulator(twoUnhealthy, async (emulator) => {
      const result = await healing(emulator, { 'dry-run': 'true', 'max-unhealthy': '2' })

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
      expect(resultsOf(result).map((each) => each.status)).toEqual([
        'STOPPED',
        'NOT RESTARTED',
        'HEALTHY',
        'NOT RESTARTED'
      ])
      expect(lastLine(result)).toMatch(
        /^Dry run: 4 deployments checked: 1 healthy, 1 stopped, left alone, 2 would restart \(parcels-featureserver: 0\/1 pods ready; water-mapserver: .*\) in \S+$/
      )
    }))

  it('refuses a bad restart-if or max-unhealthy before sending any request, naming the input', () =>
    withEmulator(organisation(), async (emulator) => {
      const result = await healing(emulator, { 'restart-if': 'sometimes', 'max-unhealthy': '0' })

      expect(result.exitCode).toBe(1)
      expect(emulator.requests).toEqual([])
      const failure = failureOf(result)
      expect(failure).toContain('restart-if "sometimes" must be always or unhealthy')
      expect(failure).toContain('max-unhealthy "0" must be')
    }))

  it('refuses max-unhealthy without restart-if: unhealthy, where the brake would never act', () =>
    withEmulator(organisation(), async (emulator) => {
      const result = await healing(emulator, { 'restart-if': '', 'max-unhealthy': '2' })

      expect(result.exitCode).toBe(1)
      expect(emulator.requests).toEqual([])
      expect(failureOf(result)).toBe(
        'Invalid input: max-unhealthy goes with restart-if: unhealthy only: without a health check first, there is nothing for the brake to count'
      )
    }))
})

interface JsonDocument {
  outcome: string
  restarted: string[]
  results: ResultItem[]
}
const jsonOf = (commandRun: CommandRun) => JSON.parse(commandRun.stdout) as JsonDocument

const command = (emulator: Emulator, ...extra: string[]) =>
  runCommand({
    args: [
      '--portal-url',
      emulator.portalUrl,
      '--poll-interval',
      '250ms',
      '--timeout',
      '30s',
      '--deployment-filter',
      'all',
      '--restart-if',
      'unhealthy',
      ...extra
    ],
    env: { ARCGIS_TOKEN: emulator.token }
  })

describe('restart-if: unhealthy (the command)', () => {
  it('refreshes only the unhealthy, prints the health table, and lists them in --json', () =>
    withEmulator(twoUnhealthy, async (emulator) => {
      const commandRun = await command(emulator, '--max-unhealthy', '2', '--json')

      expect(commandRun.exitCode).toBe(0)
      expect(refreshed(emulator)).toEqual([PARCELS, WATER])
      const document = jsonOf(commandRun)
      expect(document.outcome).toBe('success')
      expect(document.restarted).toEqual([PARCELS, WATER])
      expect(document.results.map((each) => [each.name, each.health, each.status])).toEqual([
        ['archive-mapserver', 'stopped', 'STOPPED'],
        ['parcels-featureserver', 'unhealthy', 'COMPLETED'],
        ['shared-mapserver', 'healthy', 'HEALTHY'],
        ['water-mapserver', 'unhealthy', 'COMPLETED']
      ])
      expect(document.results[3].healthReason).toMatch(WATER_REASON)
      const table = commandRun.stderr.split('\n')
      // Printed once, as the check ends and before the restarts.
      const headers = table.flatMap((line, index) =>
        /^Deployment\s+Pods\s+Services\s+Health\s+What was wrong$/i.test(line) ? [index] : []
      )
      expect(headers).toHaveLength(1)
      const [header] = headers
      expect(table[header - 1]).toBe('Health:')
      expect(table[header + 2]).toMatch(
        /^parcels-featureserver\s+0\/1\s+not checked\s+unhealthy\s+0\/1 pods ready$/
      )
      expect(table[header + 3]).toMatch(/^shared-mapserver\s+2\/2\s+answer\s+healthy\s*$/)
      expect(table.slice(header).join('\n')).toMatch(/Restart parcels-featureserver/)
      expect(commandRun.stderr).toMatch(
        /4 deployments checked: 1 healthy, 1 stopped, left alone, 2 restarted \(/
      )
    }))

  it('brakes with exit code 1, refreshing nothing', () =>
    withEmulator(twoUnhealthy, async (emulator) => {
      const commandRun = await command(emulator, '--json')

      expect(commandRun.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
      expect(jsonOf(commandRun)).toMatchObject({ outcome: 'failure', restarted: [] })
      expect(commandRun.stderr).toContain('looks like a platform problem')
    }))

  it('dry run: a read-only health report', () =>
    withEmulator(twoUnhealthy, async (emulator) => {
      const commandRun = await command(emulator, '--max-unhealthy', '2', '--dry-run', '--json')

      expect(commandRun.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
      expect(jsonOf(commandRun).results.map((each) => each.health)).toEqual([
        'stopped',
        'unhealthy',
        'healthy',
        'unhealthy'
      ])
      expect(commandRun.stderr).toMatch(/^Dry run: 4 deployments checked: .*2 would restart/m)
    }))
})
