// The built command (dist/cli.js) as a child process against the emulator: flags, environment, stdin, exit codes.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { runCommand, type CommandRun } from '../emulator/run-command.ts'
import { scenarios } from '../emulator/server.ts'
import {
  emulatorCommandArgs as commandFor,
  quickClock,
  requestsTo,
  withEmulator,
  type ResultItem
} from './support/e2e.ts'

const PASSWORD = 'emulator-password'

interface JsonDocument {
  outcome: string
  jobStatus: string
  serverVersion: string | null
  durationSeconds: number
  results: ResultItem[]
}

function jsonOf(run: CommandRun): JsonDocument {
  return JSON.parse(run.stdout) as JsonDocument
}

/** No GitHub workflow command (`::add-mask::`, `::error::`, `::set-output` …) in anything the command wrote. */
function expectNoWorkflowCommands(run: CommandRun): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^::[a-z-]+/m)
}

describe('dist/cli.js against the emulator', () => {
  it('restarts with the token from ARCGIS_TOKEN, tells people on stderr and exits 0', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(0)
      expect(run.stdout).toBe('')
      const [refresh] = requestsTo(emulator, 'POST', '/refresh')
      expect(refresh.path).toBe(
        `/arcgis/admin/system/deployments/${emulator.deploymentIds[1]}/refresh`
      )
      expect(refresh.form).toEqual({ async: 'true', f: 'json', token: emulator.token })
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(run.stderr).toContain('Restart parcels-featureserver (pq3tbhwamxr8e0cd2uyzn)')
      expect(run.stderr).toContain('All pods are ready')
      expect(run.stderr).toMatch(
        /^parcels-featureserver\s+pq3tbhwamxr8e0cd2uyzn\s+j[\w-]+\s+COMPLETED\s+yes/m
      )
      expect(run.stderr).toContain('Outcome: success')
      expect(run.stderr).not.toContain(emulator.token)
      // Not a terminal: no colour codes.
      expect(run.stderr).not.toContain('\u001b[')
      expectNoWorkflowCommands(run)
    }))

  it('writes one JSON document on stdout with --json', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(0)
      const document = jsonOf(run)
      const [job] = requestsTo(emulator, 'GET', '/admin/jobs/')
      const jobId = job.path.split('/').pop()
      expect(document).toEqual({
        outcome: 'success',
        exitCode: 0,
        jobStatus: 'COMPLETED',
        error: null,
        serverVersion: '11.4',
        durationSeconds: expect.any(Number),
        restarted: [emulator.deploymentIds[1]],
        results: [
          {
            deploymentId: emulator.deploymentIds[1],
            name: 'parcels-featureserver',
            service: null,
            jobId,
            jobsUrl: `${emulator.portalUrl}/admin/jobs/${jobId}`,
            status: 'COMPLETED',
            ready: true,
            verified: true,
            durationSeconds: expect.any(Number),
            error: null,
            stoppedServices: [],
            note: null,
            messages: [],
            health: null,
            healthReason: null
          }
        ]
      })
      expect(run.stderr).toContain('Outcome: success')
    }))

  it('exits 1 with the job messages when the restart job fails', () =>
    withEmulator(scenarios['job-failed'], async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(1)
      expect(jsonOf(run)).toMatchObject({ outcome: 'failure', jobStatus: 'FAILED' })
      expect(run.stderr).toMatch(/error: .*parcels-featureserver.*FAILED.*CrashLoopBackOff/s)
      expectNoWorkflowCommands(run)
    }))

  it('exits 1 with outcome timeout when the job outlives --timeout', () =>
    withEmulator(scenarios.stuck, async (emulator) => {
      const run = await runCommand({
        args: [...commandFor(emulator, '--json'), '--timeout', '2s'],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(1)
      expect(jsonOf(run)).toMatchObject({ outcome: 'timeout', jobStatus: 'EXECUTING' })
      expect(run.stderr).toContain('The restart did not finish before the timeout.')
    }))

  it('restarts nothing in a dry run and exits 0', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--dry-run', '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(0)
      expect(jsonOf(run)).toMatchObject({
        outcome: 'dry-run',
        results: [{ status: 'NOT RESTARTED', ready: true }]
      })
      expect(run.stderr).toContain('Would restart parcels-featureserver')
    }))

  it('takes repeated and comma-separated --deployment-id and --service, each deployment once', () =>
    withEmulator(quickClock, async (emulator) => {
      const [shared, parcels, water] = emulator.deploymentIds
      const run = await runCommand({
        args: [
          '--portal-url',
          emulator.portalUrl,
          '--deployment-id',
          `${water},${parcels}`,
          '--deployment-id',
          water,
          '--service',
          'Hosted/Parcels.FeatureServer',
          '--service',
          'SampleWorldCities.MapServer',
          '--poll-interval',
          '250ms',
          '--max-concurrency',
          '3',
          '--json'
        ],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(0)
      expect(jsonOf(run).results.map((result) => result.deploymentId)).toEqual([
        water,
        parcels,
        shared
      ])
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(3)
      // Restarts at once: every line names its deployment.
      expect(run.stderr).toMatch(
        /^\[water-mapserver \(fw2ux5h0kzqj4ye1dbmso\)\] All pods are ready$/m
      )
    }))

  it('generates a token from ARCGIS_USERNAME and ARCGIS_PASSWORD, with ARCGIS_PORTAL_URL', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: ['--deployment-id', emulator.deploymentIds[1], '--poll-interval', '250ms'],
        env: {
          ARCGIS_PORTAL_URL: emulator.portalUrl,
          ARCGIS_USERNAME: 'admin',
          ARCGIS_PASSWORD: PASSWORD
        }
      })

      expect(run.exitCode).toBe(0)
      const [generate] = requestsTo(emulator, 'POST', '/sharing/rest/generateToken')
      expect(generate.form).toMatchObject({
        username: 'admin',
        password: PASSWORD,
        client: 'referer'
      })
      expect(run.stderr).not.toContain(PASSWORD)
    }))

  it('reads the password from stdin with --password-stdin and the token with --token-stdin', () =>
    withEmulator(quickClock, async (emulator) => {
      const withPassword = await runCommand({
        args: commandFor(emulator, '--username', 'admin', '--password-stdin'),
        stdin: `${PASSWORD}\n`
      })
      expect(withPassword.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/generateToken')[0].form.password).toBe(PASSWORD)

      const withToken = await runCommand({
        args: commandFor(emulator, '--token-stdin', '--json'),
        stdin: `${emulator.token}\n`
      })
      expect(withToken.exitCode).toBe(0)
      const refreshes = requestsTo(emulator, 'POST', '/refresh')
      expect(refreshes[refreshes.length - 1].form.token).toBe(emulator.token)
      expect(withToken.stdout + withToken.stderr).not.toContain(emulator.token)
    }))

  it.each([
    ['--token', 'ARCGIS_TOKEN'],
    ['--password', 'ARCGIS_PASSWORD']
  ])('refuses %s on the command line, says how to pass it, and sends nothing', (flag, variable) =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({ args: commandFor(emulator, flag, 's3cret-value') })

      expect(run.exitCode).toBe(2)
      expect(run.stderr).toContain(`${flag} is not accepted`)
      expect(run.stderr).toContain(variable)
      expect(run.stderr).toContain(`${flag}-stdin`)
      expect(run.stderr).not.toContain('s3cret-value')
      expect(emulator.requests).toHaveLength(0)
    })
  )

  it.each([
    [
      ['--deployment-id', 'd1', '--portal-url', 'https://gis.example.com/arcgis', '--bogus'],
      'unknown option --bogus'
    ],
    [['--deployment-id', 'd1'], 'portal-url is required'],
    [['--portal-url', 'https://gis.example.com/arcgis', 'd1'], "unexpected argument 'd1'"],
    [
      [
        '--portal-url',
        'https://gis.example.com/arcgis',
        '--deployment-id',
        'd1',
        '--timeout',
        'soon'
      ],
      'timeout "soon" is not a duration'
    ],
    [
      [
        '--portal-url',
        'https://gis.example.com/arcgis',
        '--deployment-id',
        'd1',
        '--ca-certificate',
        '/nonexistent.pem'
      ],
      '--ca-certificate: cannot read /nonexistent.pem (ENOENT)'
    ]
  ])('exits 2 on invalid usage %j, saying what is wrong', async (args, message) => {
    const run = await runCommand({ args, env: { ARCGIS_TOKEN: 'tok-0123456789abcdef' } })

    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stderr).toContain("Run 'arcgis-k8s-restart --help' for usage.")
    expect(run.stdout).toBe('')
  })

  it('sends nothing on an input error against a live portal, and names how to authenticate', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({ args: commandFor(emulator) })

      expect(run.exitCode).toBe(2)
      expect(run.stderr).toContain(
        'ARCGIS_TOKEN, or both ARCGIS_USERNAME and ARCGIS_PASSWORD, is required'
      )
      expect(run.stderr).toContain('ARCGIS_TOKEN')
      expect(emulator.requests).toHaveLength(0)
    }))

  it('prints usage with --help and the package version with --version', async () => {
    const help = await runCommand({ args: ['--help'] })
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('Usage: arcgis-k8s-restart')
    expect(help.stdout).toContain('--password-stdin')

    const version = await runCommand({ args: ['--version'] })
    const { version: packageVersion } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      version: string
    }
    expect(version.stdout).toBe(`${packageVersion}\n`)
  })

  it('on SIGINT names the submitted job and exits 130 within 2 s', () =>
    withEmulator(scenarios.stuck, async (emulator) => {
      let signalledAt = 0
      const run = await runCommand({
        args: commandFor(emulator, '--json'),
        env: { ARCGIS_TOKEN: emulator.token },
        signal: {
          name: 'SIGINT',
          when: (stderr) => {
            const submitted = /Job j[\w-]+ submitted/.test(stderr)
            if (submitted) signalledAt = performance.now()
            return submitted
          }
        }
      })
      const afterSignalMs = performance.now() - signalledAt

      expect(run.exitCode).toBe(130)
      expect(afterSignalMs).toBeLessThan(2_000)
      expect(jsonOf(run).outcome).toBe('cancelled')
      expect(run.stderr).toMatch(/Job j[\w-]+ of parcels-featureserver .* goes on in the cluster/)
    }))

  it('never shows a token that the server echoes back', () =>
    withEmulator(quickClock, async (emulator) => {
      emulator.addFault({
        method: 'POST',
        path: '/refresh',
        body: {
          status: 'error',
          messages: [`Token ${emulator.token} is not allowed here`],
          code: 500
        }
      })
      const run = await runCommand({
        args: commandFor(emulator, '--json', '--debug'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(1)
      expect(run.stderr).toContain('Token *** is not allowed here')
      expect(run.stdout).toContain('Token *** is not allowed here')
      expect(run.stdout + run.stderr).not.toContain(emulator.token)
    }))
})
