// Both bundles (dist/index.js and dist/cli.js) against an emulated real organisation: stopped deployments, platform
// deployments that no filter may select, a jobs listing of hundreds of bare ids in no order, a lost job record.
import { describe, expect, it } from '@jest/globals'
import { runCommand, type CommandRun } from '../emulator/run-command.ts'
import {
  defaultDeployments,
  ingressPage,
  realOrganisationDeployments,
  systemDeployments
} from '../emulator/scenarios.ts'
import {
  scenarios,
  type DeploymentSeed,
  type Emulator,
  type EmulatorOptions,
  type RecordedRequest
} from '../emulator/server.ts'
import {
  failureOf,
  logLines,
  quickClock,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator,
  type ResultItem
} from './support/e2e.ts'

const organisation = scenarios['real-organisation']
/** A record with no mode at all, as no documented server sends but a filter must still leave out. */
const modeless: DeploymentSeed = {
  deploymentId: 'kn0d3m0d3l3ss9q8w7e6r',
  name: 'legacy-mapserver',
  type: 'MapServer',
  mode: null
}
const idOf = (name: string) => {
  const all = [...defaultDeployments, ...systemDeployments, ...realOrganisationDeployments]
  const seed = all.find((each) => each.name === name)
  if (!seed) throw new Error(`no deployment ${name}`)
  return seed.deploymentId
}
const SHARED = idOf('shared-mapserver')
const PARCELS = idOf('parcels-featureserver')
const WATER = idOf('water-mapserver')
const ARCHIVE = idOf('archive-mapserver')

const refreshed = (emulator: Emulator) =>
  requestsTo(emulator, 'POST', '/refresh').map((request) => request.path.split('/').at(-2))

/** The command's flags for the emulator: its portal, a short poll interval, a timeout of 30 s unless given, `extra`. */
const commandFor = (emulator: Emulator, ...extra: string[]) => [
  '--portal-url',
  emulator.portalUrl,
  '--poll-interval',
  '250ms',
  ...(extra.includes('--timeout') ? [] : ['--timeout', '30s']),
  ...extra
]
const command = (emulator: Emulator, ...extra: string[]) =>
  runCommand({ args: commandFor(emulator, ...extra), env: { ARCGIS_TOKEN: emulator.token } })

interface JsonDocument {
  outcome: string
  results: ResultItem[]
  deployments?: Array<{ name: string; configuredState: string | null; wouldRestart: boolean }>
}
const jsonOf = (commandRun: CommandRun) => JSON.parse(commandRun.stdout) as JsonDocument

const STOPPED_LEFT_OUT = `deployment-filter "all" leaves out archive-mapserver (${ARCHIVE}): stopped (configuredState STOPPED), it would never become ready; start it to restart it`

describe('a filter on a real organisation', () => {
  const withModeless: EmulatorOptions = {
    ...organisation,
    deployments: [...organisation.deployments!, modeless]
  }

  it('dist/index.js: restarts only the started GIS service deployments, saying what it left out and why', () =>
    withEmulator(withModeless, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': '', 'deployment-filter': 'all' })
      )

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
      expect(refreshed(emulator)).toEqual([PARCELS, SHARED, WATER])
      const lines = logLines(result)
      expect(lines).toContain(STOPPED_LEFT_OUT)
      const leftOut = lines.find((line) =>
        line.includes('restart only when named in deployment-id')
      )
      for (const name of [
        'admin-api',
        'ingress-controller',
        'legacy-mapserver',
        'object-store-primary',
        'relational-store-primary',
        'webhook-processor'
      ]) {
        expect(leftOut).toContain(`${name} (`)
      }
      expect(leftOut).toMatch(
        /: a filter selects only deployments of GIS services \(mode Shared or Dedicated, type not System\)/
      )
      expect(resultsOf(result).map((each) => each.name)).toEqual([
        'parcels-featureserver',
        'shared-mapserver',
        'water-mapserver'
      ])
    }))

  it('dist/cli.js: the same selection, and its stderr says what it left out', () =>
    withEmulator(withModeless, async (emulator) => {
      const commandRun = await command(emulator, '--deployment-filter', 'all', '--json')

      expect(commandRun.exitCode).toBe(0)
      expect(refreshed(emulator)).toEqual([PARCELS, SHARED, WATER])
      expect(commandRun.stderr).toContain(STOPPED_LEFT_OUT)
      expect(commandRun.stderr).toMatch(
        /leaves out .*legacy-mapserver \(kn0d3m0d3l3ss9q8w7e6r\).*webhook-processor \(\w+\): a filter selects only deployments of GIS services/
      )
      expect(jsonOf(commandRun).outcome).toBe('success')
    }))
})

describe('a stopped deployment that is named', () => {
  const expectStoppedFailure = (message: string, runs = '') =>
    expect(message).toContain(
      `Deployment archive-mapserver (${ARCHIVE})${runs} is stopped (configuredState STOPPED): it never becomes ready while stopped, so it must be started first.\nNothing was restarted.`
    )

  it('dist/index.js: fails before any refresh, by name and through a service', () =>
    withEmulator(organisation, async (emulator) => {
      const byName = await run(
        stepInputs(emulator, { 'deployment-id': `${PARCELS},archive-mapserver` })
      )
      expect(byName.exitCode).toBe(1)
      expect(byName.outputs.outcome).toBe('failure')
      expectStoppedFailure(failureOf(byName))

      const byService = await run(
        stepInputs(emulator, { 'deployment-id': '', service: 'Archive/Roads1990.MapServer' })
      )
      expect(byService.exitCode).toBe(1)
      expectStoppedFailure(failureOf(byService), ', which runs Archive/Roads1990.MapServer,')
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
    }))

  it('dist/cli.js: fails by id before any refresh, exit code 1', () =>
    withEmulator(organisation, async (emulator) => {
      const commandRun = await command(emulator, '--deployment-id', `${SHARED},${ARCHIVE}`)

      expect(commandRun.exitCode).toBe(1)
      expectStoppedFailure(commandRun.stderr)
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
    }))
})

describe("a dry run's table shows each deployment's configured state", () => {
  it('dist/index.js: a State column in the log and the summary', () =>
    withEmulator(organisation, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': '', 'deployment-filter': 'all', 'dry-run': 'true' })
      )

      expect(result.exitCode).toBe(0)
      const lines = logLines(result)
      expect(lines).toContainEqual(
        expect.stringMatching(/^Deployment\s+Id\s+Type\s+Mode\s+State\s+Ready\s+Restart$/)
      )
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^archive-mapserver\\s+${ARCHIVE}\\s+MapServer\\s+Dedicated\\s+STOPPED\\s+0/1\\s+no: stopped$`
          )
        )
      )
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^shared-mapserver\\s+${SHARED}\\s+MapServer\\s+Shared\\s+STARTED\\s+2/2\\s+yes$`
          )
        )
      )
      expect(result.summary).toContain(
        `<td>archive-mapserver</td><td>${ARCHIVE}</td><td>MapServer</td><td>Dedicated</td><td>STOPPED</td><td>0/1</td><td>no: stopped</td>`
      )
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
    }))

  it('dist/cli.js: configuredState in the JSON document', () =>
    withEmulator(organisation, async (emulator) => {
      const commandRun = await command(
        emulator,
        '--deployment-filter',
        'all',
        '--dry-run',
        '--json'
      )

      expect(commandRun.exitCode).toBe(0)
      const { deployments = [] } = jsonOf(commandRun)
      expect(deployments).toContainEqual(
        expect.objectContaining({
          name: 'archive-mapserver',
          configuredState: 'STOPPED',
          wouldRestart: false
        })
      )
      expect(deployments).toContainEqual(
        expect.objectContaining({
          name: 'parcels-featureserver',
          configuredState: 'STARTED',
          wouldRestart: true
        })
      )
      expect(commandRun.stderr).toMatch(
        /^archive-mapserver\s+\w+\s+MapServer\s+Dedicated\s+STOPPED\s+0\/1\s+no: stopped$/m
      )
    }))
})

/** The reads of single job records (not the listing), in arrival order. */
const recordReads = (emulator: Emulator) =>
  emulator.requests.filter(
    (request) => request.method === 'GET' && /\/admin\/jobs\/j[\w-]+$/.test(request.path)
  )

/** The most requests that were under way at once: arrived, not yet answered. */
function mostAtOnce(requests: RecordedRequest[]): number {
  return Math.max(
    0,
    ...requests.map(
      (request) =>
        requests.filter(
          (other) => other.at <= request.at && (other.answeredAt ?? Infinity) > request.at
        ).length
    )
  )
}

describe('finding the job of an ambiguous refresh in a long jobs listing of bare ids', () => {
  /** 500 unrelated jobs, every record answered after 20 ms, and a refresh answered 504 after its job started. */
  const busy = (refreshStarted: boolean, noise = 500): EmulatorOptions => ({
    ...quickClock,
    jobsListingNoise: noise,
    faults: [
      { method: 'GET', path: /\/admin\/jobs\/j[\w-]+$/, delayMs: 20 },
      {
        method: 'POST',
        path: '/refresh',
        times: 1,
        afterApi: refreshStarted,
        status: 504,
        body: ingressPage(504, 'Gateway Time-out')
      }
    ]
  })

  /** The record reads of the search: up to the first read of the refresh job, and those after its answer. */
  function expectBoundedSearch(emulator: Emulator, jobId: string) {
    const reads = recordReads(emulator)
    const first = reads.findIndex((request) => request.path.endsWith(`/${jobId}`))
    expect(first).toBeGreaterThanOrEqual(0)
    const found = reads[first]
    const others = reads.filter((request) => !request.path.endsWith(`/${jobId}`))
    const atOnce = mostAtOnce(others.concat(found))
    expect(atOnce).toBeLessThanOrEqual(8)
    expect(atOnce).toBeGreaterThan(1)
    // Once the job was found no new read starts: only those already under way may arrive after.
    expect(others.filter((request) => request.at >= found.answeredAt!).length).toBeLessThanOrEqual(
      7
    )
  }

  it('dist/index.js: reads the records 8 at a time at most, finds the job and follows it', () =>
    withEmulator(busy(true), async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      const jobId = result.outputs['job-id']
      expect(jobId).toMatch(/^j[0-9a-f-]{36}$/)
      expect(logLines(result)).toContain(
        'The admin API lists 501 jobs; reading their records 8 at a time until the refresh job is found (at most 1000).'
      )
      expect(logLines(result)).toContainEqual(
        expect.stringMatching(new RegExp(`^Found its job ${jobId} \\(\\w+\\); following it\\.$`))
      )
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
      expectBoundedSearch(emulator, jobId)
    }))

  it('dist/cli.js: the same search, and the job followed to COMPLETED', () =>
    withEmulator(busy(true), async (emulator) => {
      const commandRun = await command(emulator, '--deployment-id', PARCELS, '--json')

      expect(commandRun.exitCode).toBe(0)
      const [result] = jsonOf(commandRun).results
      expect(result).toMatchObject({ status: 'COMPLETED', note: null })
      expect(commandRun.stderr).toMatch(
        new RegExp(`^\\s*Found its job ${result.jobId} \\(\\w+\\); following it\\.$`, 'm')
      )
      expectBoundedSearch(emulator, result.jobId!)
    }))

  it('dist/index.js: when the job is not there, says how many of how many records it read', () =>
    withEmulator(busy(false, 1_200), async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(failureOf(result)).toContain(
        '(1000 of 1200 job records read: at most 1000 are read). Its status now:'
      )
      expect(recordReads(emulator)).toHaveLength(1_000)
      expect(mostAtOnce(recordReads(emulator))).toBeLessThanOrEqual(8)
    }))

  it('dist/cli.js: the same, all 500 read', () =>
    withEmulator(busy(false), async (emulator) => {
      const commandRun = await command(emulator, '--deployment-id', PARCELS)

      expect(commandRun.exitCode).toBe(1)
      expect(commandRun.stderr).toContain('(500 of 500 job records read). Its status now:')
      expect(recordReads(emulator)).toHaveLength(500)
    }))
})

describe('a restart whose job record was lost is told as what was seen', () => {
  const TALLY = /1 of 1 deployment ready again in \S+; its restart job could not be followed/
  const NOTE =
    /^Job j[\w-]+ could not be read for \d+s \(last: .*\): its record was lost, so whether the job completed is unknown; the deployment's readiness decided the outcome\.$/

  it('dist/index.js: the tally, the summary and results[].note', () =>
    withEmulator(scenarios['job-record-lost'], async (emulator) => {
      const result = await run(stepInputs(emulator, { timeout: '8s', 'wait-for-ready': 'false' }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
      expect(logLines(result).filter(Boolean).at(-1)).toMatch(new RegExp(`^${TALLY.source}$`))
      expect(result.stdout).not.toMatch(/deployments? restarted/)
      expect(result.summary).toMatch(TALLY)
      const [item] = resultsOf(result)
      expect(item).toMatchObject({ status: 'UNKNOWN', ready: true })
      expect(item.note).toMatch(NOTE)
    }))

  it('dist/cli.js: the tally under its table, and note in the JSON', () =>
    withEmulator(scenarios['job-record-lost'], async (emulator) => {
      const commandRun = await command(
        emulator,
        '--deployment-id',
        PARCELS,
        '--timeout',
        '8s',
        '--no-wait-for-ready',
        '--json'
      )

      expect(commandRun.exitCode).toBe(0)
      expect(commandRun.stderr).toMatch(new RegExp(`^${TALLY.source}$`, 'm'))
      expect(commandRun.stderr).not.toMatch(/deployments? restarted/)
      const [item] = jsonOf(commandRun).results
      expect(item.note).toMatch(NOTE)
    }))
})
