// The built command and action at the edges people meet: secrets a server echoes in a job's record, --no-wait's exit
// code, a secret piped in with a CRLF, a deployment name that differs from another only in case, and the step
// summary's notes when the server's text holds HTML and line breaks.
import { describe, expect, it } from '@jest/globals'
import { runCommand } from '../emulator/run-command.ts'
import { defaultDeployments, scenarios } from '../emulator/scenarios.ts'
import {
  emulatorCommandArgs as commandFor,
  quickClock,
  requestsTo,
  run,
  stepInputs,
  withEmulator
} from './support/e2e.ts'

const PASSWORD = 'emulator-password'

describe('the command at its edges', () => {
  // The HTTP layer redacts the server's errors and the client the messages of a job's record, but other texts of a
  // successful answer reach the command's lines as the server wrote them: here a jobsUrl that carries the token.
  it('never prints the token that the server echoes in the jobsUrl of its answer', () =>
    withEmulator(quickClock, async (emulator) => {
      const jobsUrl = `${emulator.portalUrl}/admin/jobs/j1echo?token=${emulator.token}`
      emulator.addFault({
        method: 'POST',
        path: '/refresh',
        body: { jobsUrl, jobId: 'j1echo', status: 'SUBMITTED' }
      })
      const run = await runCommand({
        args: commandFor(emulator, '--no-wait', '--debug'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.stderr).toContain('Job j1echo submitted: ')
      expect(run.stderr).toContain('j1echo?token=***')
      expect(run.stderr).not.toContain(emulator.token)
    }))

  it('never prints the password that a failed job echoes in its messages', () =>
    withEmulator(
      {
        ...quickClock,
        deployments: defaultDeployments.map((seed) => ({
          ...seed,
          job: 'fail' as const,
          failureMessages: [`Sign-in as admin with password ${PASSWORD} was refused by the pod`]
        }))
      },
      async (emulator) => {
        const run = await runCommand({
          args: commandFor(emulator, '--username', 'admin', '--debug'),
          env: { ARCGIS_PASSWORD: PASSWORD }
        })

        expect(run.exitCode).toBe(1)
        expect(run.stderr).toContain('Sign-in as admin with password *** was refused by the pod')
        expect(run.stderr).not.toContain(PASSWORD)
      }
    ))

  it('exits 0 with --no-wait once the restart is submitted', () =>
    withEmulator(scenarios.stuck, async (emulator) => {
      const run = await runCommand({
        args: commandFor(emulator, '--no-wait', '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.stderr).toContain('Outcome: submitted')
      expect(run.exitCode).toBe(0)
      expect(requestsTo(emulator, 'GET', '/admin/jobs/')).toHaveLength(0)
    }))

  // A secret written on Windows or by `printf 'secret\r\n'` ends in CRLF: the CR is not part of the secret.
  it('strips a trailing CRLF from --password-stdin and --token-stdin', () =>
    withEmulator(quickClock, async (emulator) => {
      const withPassword = await runCommand({
        args: commandFor(emulator, '--username', 'admin', '--password-stdin'),
        stdin: `${PASSWORD}\r\n`
      })
      expect(requestsTo(emulator, 'POST', '/generateToken')[0].form.password).toBe(PASSWORD)
      expect(withPassword.exitCode).toBe(0)

      const withToken = await runCommand({
        args: commandFor(emulator, '--token-stdin'),
        stdin: `${emulator.token}\r\n`
      })
      const refreshes = requestsTo(emulator, 'POST', '/refresh')
      expect(refreshes).toHaveLength(2)
      expect(refreshes[1].form.token).toBe(emulator.token)
      expect(withToken.exitCode).toBe(0)
    }))

  it('restarts the deployment named exactly as asked when another differs only in case', () =>
    withEmulator(
      {
        ...quickClock,
        deployments: [
          { deploymentId: 'a1b2c3d4e5f6g7h8i9j0k', name: 'Foo', type: 'MapServer' },
          { deploymentId: 'k0j9i8h7g6f5e4d3c2b1a', name: 'foo', type: 'MapServer' }
        ]
      },
      async (emulator) => {
        const run = await runCommand({
          args: [
            '--portal-url',
            emulator.portalUrl,
            '--deployment-id',
            'Foo',
            '--poll-interval',
            '250ms'
          ],
          env: { ARCGIS_TOKEN: emulator.token }
        })

        expect(run.stderr).not.toContain('error:')
        expect(run.exitCode).toBe(0)
        const refreshes = requestsTo(emulator, 'POST', '/refresh')
        expect(refreshes.map((request) => request.path)).toEqual([
          '/arcgis/admin/system/deployments/a1b2c3d4e5f6g7h8i9j0k/refresh'
        ])
      }
    ))
})

describe('the step summary', () => {
  // A lost job record leaves a note; its text quotes the server's last answer, which may hold HTML and line breaks.
  it('escapes the HTML and line breaks of the server text in its "Worth knowing" notes', () =>
    withEmulator(
      {
        ...quickClock,
        faults: [
          {
            method: 'GET',
            path: '/admin/jobs/',
            skip: 1,
            body: { error: { code: 404, message: 'Job <b>gone</b>\nfor now' } }
          }
        ]
      },
      async (emulator) => {
        // timeout 4s: the record is given up after half the time left, about 2 s.
        const result = await run(stepInputs(emulator, { timeout: '4s', 'wait-for-ready': 'false' }))

        expect(result.exitCode).toBe(0)
        expect(result.outputs.outcome).toBe('success')
        const notes = result.summary.slice(result.summary.indexOf('<h4>Worth knowing</h4>'))
        expect(notes).toContain('Job &lt;b&gt;gone&lt;/b&gt; ⏎ for now')
        expect(notes).not.toContain('<b>')
      }
    ))
})
