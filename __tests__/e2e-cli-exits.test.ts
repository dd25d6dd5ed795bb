// The command's exit codes and reports as scripts rely on them: dist/cli.js as a child process against the emulator.
// 0 success, 1 a restart that failed, 2 nothing sent, 3 could not start, 130/143 interrupted; --json on every exit;
// --junit read back with an XML parser.
import { describe, expect, it } from '@jest/globals'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCommand, type CommandRun } from '../emulator/run-command.ts'
import { defaultDeployments, scenarios } from '../emulator/scenarios.ts'
import {
  commandArgs as argsFor,
  emulatorCommandArgs as commandFor,
  quickClock,
  requestsTo,
  useRefusingPortals,
  withEmulator,
  type ResultItem
} from './support/e2e.ts'

const refusingPortalUrl = useRefusingPortals()

interface JsonDocument {
  outcome: string
  exitCode: number
  jobStatus?: string
  error: string | null
  results: ResultItem[]
}

const jsonOf = (run: CommandRun) => JSON.parse(run.stdout) as JsonDocument

async function withReportFile<T>(test: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'junit-'))
  try {
    return await test(path.join(dir, 'report.xml'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

interface JunitCase {
  '@_name': string
  '@_time': string
  failure?: { '@_type': string; '@_message': string; '#text'?: string }
  skipped?: { '@_message': string }
  properties?: { property: { '@_name': string; '@_value': string } }
}

/** The report parsed, after checking that it is well-formed XML. */
async function junitOf(file: string) {
  const xml = await readFile(file, 'utf8')
  expect(XMLValidator.validate(xml)).toBe(true)
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testcase'
  }).parse(xml) as {
    testsuites: {
      '@_tests': string
      '@_failures': string
      '@_skipped': string
      testsuite: { testcase: JunitCase[] }
    }
  }
  return parsed.testsuites
}

describe('exit codes', () => {
  it('exits 0 with a JSON document whose dry run has no job status', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--dry-run', '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(0)
      const document = jsonOf(run)
      expect(document.outcome).toBe('dry-run')
      expect(document.exitCode).toBe(0)
      expect(document).not.toHaveProperty('jobStatus')
      // One table: the deployments found, printed as the run went; no table of results that restarted nothing.
      expect(run.stderr).toMatch(/^Deployments \(\d would restart\):$/m)
      expect(run.stderr).not.toMatch(/^DEPLOYMENT\s+ID\s+JOB/m)
      expect(document.error).toBeNull()
    }))

  it('exits 1 when a restart fails, with the reason in the JSON', () =>
    withEmulator(scenarios['job-failed'], async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(1)
      expect(jsonOf(run)).toMatchObject({ outcome: 'failure', exitCode: 1, jobStatus: 'FAILED' })
      expect(jsonOf(run).error).toMatch(/ended FAILED/)
    }))

  it('exits 2 with an invalid-input JSON document, nothing sent', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--json', '--timeout', 'soon'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(2)
      expect(jsonOf(run)).toEqual({
        outcome: 'invalid-input',
        exitCode: 2,
        error: expect.stringMatching(/timeout/),
        serverVersion: null,
        durationSeconds: 0,
        results: []
      })
      expect(emulator.requests).toEqual([])
    }))

  it('exits 2 for an unknown flag, and still writes the JSON document', async () => {
    const run = await runCommand({ args: ['--json', '--colour'] })

    expect(run.exitCode).toBe(2)
    expect(jsonOf(run).outcome).toBe('invalid-input')
    expect(jsonOf(run).error).toMatch(/--colour/)
  })

  it('exits 3 when the portal cannot be reached, with the JSON and a JUnit report that say why', () =>
    withReportFile(async (file) => {
      const run = await runCommand({
        args: argsFor(
          await refusingPortalUrl(),
          'pq3tbhwamxr8e0cd2uyzn',
          '--timeout',
          '3s',
          '--json',
          '--junit',
          file
        ),
        env: { ARCGIS_TOKEN: 'a-token-from-a-ci-secret' }
      })

      expect(run.exitCode).toBe(3)
      // Told apart from exit code 1 by its exitCode; no restart job ran, so no job status either.
      expect(jsonOf(run)).toMatchObject({ outcome: 'failure', exitCode: 3 })
      expect(jsonOf(run)).not.toHaveProperty('jobStatus')
      expect(jsonOf(run).error).toMatch(/could not be reached|ECONNREFUSED/)
      const report = await junitOf(file)
      expect(report['@_failures']).toBe('1')
      expect(report.testsuite.testcase.map((testCase) => testCase['@_name'])).toEqual(['portal'])
    }))

  it('exits 3 when the portal refuses the credentials, nothing restarted', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--json'),
        env: { ARCGIS_USERNAME: 'admin', ARCGIS_PASSWORD: 'not-the-password' }
      })

      expect(run.exitCode).toBe(3)
      expect(jsonOf(run).error).toMatch(/Invalid username or password/)
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
    }))

  it('exits 3 for a portal URL with a context under which there is no admin API', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: argsFor(`${emulator.origin}/nosuch`, emulator.deploymentIds[1], '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(3)
      expect(jsonOf(run).error).toContain(
        `there is no ArcGIS admin API under ${emulator.origin}/nosuch.`
      )
      expect(run.stderr).not.toContain('going on without it')
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
    }))

  it('exits 3 for a classic ArcGIS Enterprise', () =>
    withEmulator({ ...quickClock, classicServer: true }, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(3)
      expect(requestsTo(emulator, 'POST', '/refresh')).toEqual([])
    }))

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)('exits %s → %d, naming the job, with the real duration in its table', (name, code) =>
    withEmulator(scenarios.stuck, async (emulator) => {
      // --debug prints a line per poll, so stderr goes on growing while the job runs.
      let submittedAt: number | undefined
      const run = await runCommand({
        args: commandFor(emulator, '--json', '--debug'),
        env: { ARCGIS_TOKEN: emulator.token },
        signal: {
          name,
          when: (stderr) => {
            if (/Job j[\w-]+ submitted/.test(stderr)) submittedAt ??= performance.now()
            return submittedAt !== undefined && performance.now() - submittedAt > 1_000
          }
        }
      })

      expect(run.exitCode).toBe(code)
      expect(jsonOf(run)).toMatchObject({ outcome: 'cancelled', exitCode: code })
      expect(run.stderr).toMatch(/Job j[\w-]+ of parcels-featureserver .* goes on in the cluster/)
      expect(jsonOf(run).results[0].durationSeconds).toBeGreaterThanOrEqual(1)
      expect(jsonOf(run).results[0].error).toMatch(
        /^The run was cancelled while job j[\w-]+ was EXECUTING; the restart goes on in the cluster\.$/
      )
    })
  )
})

describe('--junit', () => {
  it('writes one test case per deployment: passed, failed with the error, skipped', () =>
    withReportFile((file) =>
      withEmulator(
        {
          ...quickClock,
          deployments: [
            defaultDeployments[0],
            {
              ...defaultDeployments[1],
              job: 'fail',
              failureMessages: ['boom <b> & "quoted" \u0001 control']
            },
            defaultDeployments[2]
          ]
        },
        async (emulator) => {
          const run = await runCommand({
            args: argsFor(emulator.portalUrl, emulator.deploymentIds.join(','), '--junit', file),
            env: { ARCGIS_TOKEN: emulator.token }
          })

          expect(run.exitCode).toBe(1)
          const report = await junitOf(file)
          expect([report['@_tests'], report['@_failures'], report['@_skipped']]).toEqual([
            '3',
            '1',
            '1'
          ])
          const [passed, failed, skipped] = report.testsuite.testcase
          expect(passed['@_name']).toBe(`shared-mapserver (${emulator.deploymentIds[0]})`)
          expect(passed.failure).toBeUndefined()
          expect(Number(passed['@_time'])).toBeGreaterThan(0)
          expect(passed.properties?.property['@_value']).toMatch(
            new RegExp(`^${emulator.portalUrl}/admin/jobs/j[\\w-]+$`)
          )
          expect(failed.failure?.['@_type']).toBe('failure')
          expect(failed.failure?.['#text']).toMatch(
            /ended FAILED: boom <b> & "quoted" \\x01 control/
          )
          expect(skipped.skipped?.['@_message']).toMatch(/not restarted/)
        }
      )
    ))

  it('is not written when the input is invalid (nothing ran)', () =>
    withReportFile(async (file) => {
      const run = await runCommand({
        args: ['--portal-url', 'https://gis.example.com/arcgis', '--junit', file],
        env: { ARCGIS_TOKEN: 'a-token-from-a-ci-secret' }
      })

      expect(run.exitCode).toBe(2)
      await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/)
    }))

  it.each([
    [
      'a directory that does not exist',
      (file: string) => path.join(file, 'missing', 'report.xml'),
      'its directory .*missing does not exist'
    ],
    ['a directory', (file: string) => path.dirname(file), 'it is a directory'],
    [
      'a file taken for a directory',
      (file: string) => path.join(path.dirname(file), 'report.xml', 'x.xml'),
      '.*report\\.xml is not a directory'
    ]
  ])('refuses to write into %s before anything is sent, with exit code 2', (_, where, problem) =>
    withReportFile((file) =>
      withEmulator(quickClock, async (emulator) => {
        await writeFile(file, '')
        const target = where(file)
        const run = await runCommand({
          args: commandFor(emulator, '--junit', target, '--json'),
          env: { ARCGIS_TOKEN: emulator.token }
        })

        expect(run.exitCode).toBe(2)
        expect(run.stderr).toMatch(
          new RegExp(`^error: --junit: cannot write ${target}: ${problem}$`, 'm')
        )
        expect(jsonOf(run)).toMatchObject({ outcome: 'invalid-input', exitCode: 2 })
        expect(emulator.requests).toEqual([])
      })
    )
  )
})
