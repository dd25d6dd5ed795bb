// Secrets as CI systems and terminals hand them to the built command (dist/cli.js): line endings from Windows agents
// and pastes, control characters, tokens too short to be one, and --password-stdin typed at a real terminal.
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCommand } from '../emulator/run-command.ts'
import {
  adminCredentials,
  emulatorCommandArgs as argsFor,
  quickClock,
  requestsTo,
  withEmulator
} from './support/e2e.ts'

const COMMAND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js')

const { username, password } = adminCredentials

describe('secrets with the line endings CI systems leave', () => {
  it.each([
    ['ARCGIS_PASSWORD ending in \\r\\n', { ARCGIS_PASSWORD: `${password}\r\n` }, undefined],
    ['ARCGIS_PASSWORD ending in a lone \\r', { ARCGIS_PASSWORD: `${password}\r` }, undefined],
    ['ARCGIS_PASSWORD ending in \\n', { ARCGIS_PASSWORD: `${password}\n` }, undefined],
    ['--password-stdin with two line endings', {}, `${password}\r\n\r\n`],
    ['--password-stdin with a UTF-8 BOM and \\r\\n', {}, `\uFEFF${password}\r\n`]
  ])('signs in with %s', (_, env, stdin) =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: argsFor(emulator, ...(stdin === undefined ? [] : ['--password-stdin'])),
        env: { ARCGIS_USERNAME: `${username}\r\n`, ...env },
        stdin
      })

      expect(run.stderr).not.toContain('Invalid username or password')
      expect(run.exitCode).toBe(0)
      const [generate] = requestsTo(emulator, 'POST', '/generateToken')
      expect(generate.form).toMatchObject({ username, password })
    })
  )

  it('takes ARCGIS_TOKEN ending in \\r\\n', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: argsFor(emulator),
        env: { ARCGIS_TOKEN: `${emulator.token}\r\n` }
      })

      expect(run.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')[0].form.token).toBe(emulator.token)
    }))

  it.each([
    [
      'ARCGIS_PASSWORD',
      { ARCGIS_USERNAME: username, ARCGIS_PASSWORD: 'pass\tword-of-admin' },
      undefined,
      'ARCGIS_PASSWORD holds a control character, a tab (U+0009), at character 5'
    ],
    [
      'ARCGIS_TOKEN',
      { ARCGIS_TOKEN: 'a-token-with\r\n\r\n\r\n' },
      undefined,
      'ARCGIS_TOKEN holds a control character, a carriage return (U+000D), at character 13'
    ],
    [
      '--token-stdin',
      {},
      'a-token-of-sorts\u0007-bell\n',
      'the token from --token-stdin holds a control character, U+0007, at character 17'
    ]
  ])(
    'refuses %s holding a control character, naming it, and sends nothing',
    (_, env, stdin, message) =>
      withEmulator(quickClock, async (emulator) => {
        const run = await runCommand({
          args: argsFor(emulator, ...(stdin === undefined ? [] : ['--token-stdin'])),
          env,
          stdin
        })

        expect(run.exitCode).toBe(2)
        expect(run.stderr).toContain(message)
        expect(run.stderr).not.toMatch(/pass\tword|a-token-with|a-token-of-sorts/)
        expect(emulator.requests).toEqual([])
      })
  )

  it.each([
    ['e', 'ARCGIS_TOKEN is 1 character long, too short to be an ArcGIS token'],
    // Placeholders that are words of the message itself, which redaction would cut out of it.
    [
      'token',
      'ARCGIS_TOKEN is 5 characters long, too short to be an ArcGIS token (at least 16): check that the secret holds the whole token'
    ],
    ['ARCGIS_TOKEN', 'ARCGIS_TOKEN is 12 characters long, too short'],
    ['short', 'too short to be an ArcGIS token']
  ])(
    'refuses the token %j as too short to be an ArcGIS token, and keeps its lines whole',
    (token, expected) =>
      withEmulator(quickClock, async (emulator) => {
        const run = await runCommand({
          args: [
            '--portal-url',
            'https://gis.example.com/arcgis',
            '--deployment-id',
            'd1',
            '--json'
          ],
          env: { ARCGIS_TOKEN: token }
        })

        expect(run.exitCode).toBe(2)
        expect(run.stderr).toContain(expected)
        expect(run.stderr).not.toContain('***')
        expect(run.stdout).not.toContain('***')
        expect(emulator.requests).toEqual([])
      })
  )
})

/** Runs the command in a pseudo-terminal (python3's pty), types `typed` after the prompt, returns what the terminal showed. */
function inTerminal(
  args: string[],
  env: Record<string, string>,
  typed: string
): Promise<{ exitCode: number; screen: string }> {
  const script = `
import json, os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(sys.argv[1], sys.argv[1:], json.loads(os.environ['COMMAND_ENV']))
screen, typed, deadline = b'', False, time.time() + 30
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    if not typed and b'Password: ' in screen:
        time.sleep(0.2)
        os.write(fd, os.environ['TYPED'].encode())
        typed = True
_, status = os.waitpid(pid, 0)
print(json.dumps({'exitCode': os.waitstatus_to_exitcode(status), 'screen': screen.decode('utf8', 'replace')}))
`
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      ['-c', script, process.execPath, COMMAND, ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          TYPED: typed,
          COMMAND_ENV: JSON.stringify({ PATH: process.env.PATH ?? '', ...env })
        },
        timeout: 60_000
      },
      (error, stdout) =>
        error ? reject(error) : resolve(JSON.parse(stdout) as { exitCode: number; screen: string })
    )
  })
}

describe('--password-stdin at a terminal', () => {
  it('prompts on stderr, does not echo the password, and signs in with it', () =>
    withEmulator(quickClock, async (emulator) => {
      const { exitCode, screen } = await inTerminal(
        argsFor(emulator, '--password-stdin'),
        { ARCGIS_USERNAME: username },
        `${password}\r`
      )

      expect(screen).toMatch(/^Password: /)
      expect(screen).not.toContain(password)
      expect(exitCode).toBe(0)
      const [generate] = requestsTo(emulator, 'POST', '/generateToken')
      expect(generate.form).toMatchObject({ username, password })
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
    }))

  it('does not ask for the password when the rest of the command line is wrong', async () => {
    const { exitCode, screen } = await inTerminal(
      ['--deployment-id', 'd1', '--password-stdin'],
      { ARCGIS_USERNAME: username },
      `${password}\r`
    )

    expect(exitCode).toBe(2)
    expect(screen).not.toContain('Password:')
    expect(screen).toContain('error: Invalid input: --portal-url is required')
  })
})
