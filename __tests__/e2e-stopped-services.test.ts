// Both bundles against an organisation where some services are stopped, as in any real one: a stopped service stays
// in the admin listing and its endpoint answers "not started" for as long as it is stopped, so verification checks
// only the services configured as started, and names the others once.
import { describe, expect, it } from '@jest/globals'
import { scenarios, type DeploymentSeed, type EmulatorOptions } from '../emulator/server.ts'
import { STOPPED_SERVICES } from '../emulator/scenarios.ts'
import { runCommand } from '../emulator/run-command.ts'
import {
  failureOf,
  logLines,
  requestsTo,
  resultsOf,
  run,
  stepInputs,
  withEmulator,
  type ResultItem
} from './support/e2e.ts'

const STOPPED = STOPPED_SERVICES
const NOT_CHECKED = `2 stopped services not checked: ${STOPPED.join(', ')}`
const SHARED = 'shared-mapserver (kvy7vwrnl1j9ozrjrbxvf)'

/** The 'stopped-services' scenario, shared-mapserver's seed changed by `shared`. */
function organisation(shared: Partial<DeploymentSeed> = {}): EmulatorOptions {
  const scenario = scenarios['stopped-services']
  return {
    ...scenario,
    deployments: scenario.deployments!.map((seed) =>
      seed.name === 'shared-mapserver' ? { ...seed, ...shared } : seed
    )
  }
}

const occurrences = (text: string, part: string) => text.split(part).length - 1

describe('stopped services (the action)', () => {
  it('succeeds with the defaults, checks only the started services, and names the stopped ones once', () =>
    withEmulator(organisation(), async (emulator) => {
      const result = await run(stepInputs(emulator, { 'deployment-id': 'shared-mapserver' }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs.outcome).toBe('success')
      const polled = new Set(
        requestsTo(emulator, 'GET', '/rest/services/').map((request) => request.path)
      )
      expect([...polled].sort()).toEqual([
        '/arcgis/rest/services/Basemaps/Streets/MapServer',
        '/arcgis/rest/services/SampleWorldCities/MapServer'
      ])
      expect(resultsOf(result)).toEqual([
        expect.objectContaining({
          name: 'shared-mapserver',
          verified: true,
          stoppedServices: STOPPED
        })
      ])
      expect(occurrences(logLines(result).join('\n'), NOT_CHECKED)).toBe(1)
      expect(logLines(result)).toContain(`${SHARED}: ${NOT_CHECKED}`)
      expect(occurrences(result.summary, NOT_CHECKED)).toBe(1)
    }))

  it('lists no stopped service for a deployment that has none', () =>
    withEmulator(organisation(), async (emulator) => {
      const result = await run(stepInputs(emulator, { 'deployment-id': 'parcels-featureserver' }))

      expect(result.exitCode).toBe(0)
      expect(resultsOf(result)[0]).toMatchObject({
        verified: true,
        stoppedServices: []
      })
      expect(result.stdout).not.toContain('stopped service')
    }))

  it('still times out on a started service that never answers, naming it and its last answer', () =>
    withEmulator(organisation({ servicesNeverAnswer: true }), async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': 'shared-mapserver', timeout: '6s' })
      )

      expect(result.exitCode).toBe(1)
      expect(result.outputs.outcome).toBe('timeout')
      const [item] = resultsOf(result)
      expect(item).toMatchObject({ verified: false, stoppedServices: STOPPED })
      expect(item.error).toMatch(
        /^Service SampleWorldCities\.MapServer did not answer at \S+\/rest\/services\/SampleWorldCities\/MapServer before the timeout \(last answer: ArcGIS error 500: Service SampleWorldCities\/MapServer is not started\./
      )
      expect(failureOf(result)).toContain('Service SampleWorldCities.MapServer did not answer')
      expect(requestsTo(emulator, 'GET', '/rest/services/Hosted/Roads')).toHaveLength(0)
    }))

  it('checks a service whose status cannot be read, as before', () =>
    withEmulator(
      {
        ...organisation(),
        faults: [{ path: /\/admin\/services\/.*\/status$/, status: 404, body: 'Not Found' }]
      },
      async (emulator) => {
        const result = await run(stepInputs(emulator, { 'deployment-id': 'parcels-featureserver' }))

        expect(result.exitCode).toBe(0)
        expect(resultsOf(result)[0]).toMatchObject({ verified: true, stoppedServices: [] })
        expect(logLines(result)).toContainEqual(
          expect.stringMatching(
            /^The status of a service could not be read, so it is checked as if started: Hosted\/Parcels\.FeatureServer \(HTTP 404/
          )
        )
      }
    ))
})

describe('stopped services (the command)', () => {
  it('succeeds, lists the stopped services in --json and names them on stderr', () =>
    withEmulator(organisation(), async (emulator) => {
      const command = await runCommand({
        args: [
          '--portal-url',
          emulator.portalUrl,
          '--deployment-id',
          'shared-mapserver',
          '--poll-interval',
          '250ms',
          '--json'
        ],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(command.exitCode).toBe(0)
      const document = JSON.parse(command.stdout) as { results: ResultItem[] }
      expect(document.results).toEqual([
        expect.objectContaining({ verified: true, stoppedServices: STOPPED })
      ])
      // Once as the plan is made, once among the notes at the end (the command's summary).
      expect(command.stderr).toContain(`${SHARED}: ${NOT_CHECKED}`)
      expect(occurrences(command.stderr, NOT_CHECKED)).toBe(2)
      expect(requestsTo(emulator, 'GET', '/rest/services/Hosted/')).toHaveLength(0)
    }))
})
