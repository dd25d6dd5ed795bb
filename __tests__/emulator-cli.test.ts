// The emulator's command line as the "runner" CI job uses it: started in the background with --outputs-file, its
// portal URL, token and deployment ids feed the action's inputs.
import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseFileCommands, runAction } from '../emulator/run-action.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

interface Started {
  child: ChildProcess
  outputs: Record<string, string>
  stdout: () => string
  exited: Promise<number | null>
}

async function startCli(scenario: string): Promise<Started> {
  const directory = mkdtempSync(path.join(tmpdir(), 'emulator-cli-'))
  const outputsFile = path.join(directory, 'outputs')
  const child = spawn(
    process.execPath,
    ['emulator/cli.ts', '--scenario', scenario, '--outputs-file', outputsFile],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve))
  cleanups.push(() => {
    child.kill('SIGKILL')
    rmSync(directory, { recursive: true, force: true })
  })
  for (let waited = 0; !existsSync(outputsFile); waited += 50) {
    if (child.exitCode !== null || waited > 15_000) {
      throw new Error(`The emulator wrote no outputs file (exit ${child.exitCode}): ${stdout}`)
    }
    await sleep(50)
  }
  return {
    child,
    outputs: parseFileCommands(readFileSync(outputsFile, 'utf8')),
    stdout: () => stdout,
    exited
  }
}

describe('npm run emulator -- --outputs-file', () => {
  it('writes the portal URL, token and deployment ids that the action then restarts with', async () => {
    const emulator = await startCli('success')

    expect(Object.keys(emulator.outputs).sort()).toEqual(['deployment-ids', 'portal-url', 'token'])
    expect(emulator.outputs['portal-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/arcgis$/)
    const ids = emulator.outputs['deployment-ids'].split(',')
    expect(ids.length).toBeGreaterThan(1)
    expect(emulator.stdout()).toContain(`token:          ${emulator.outputs.token}`)

    const run = await runAction({
      inputs: {
        'portal-url': emulator.outputs['portal-url'],
        token: emulator.outputs.token,
        'deployment-id': ids[0],
        'poll-interval': '250ms',
        timeout: '30s'
      }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.outcome).toBe('success')
    expect(run.outputs['deployment-id']).toBe(ids[0])

    emulator.child.kill('SIGTERM')
    expect(await emulator.exited).toBe(0)
    expect(emulator.stdout()).toMatch(/SIGTERM: stopping after [1-9]\d* requests/)
  })

  it('serves the chosen scenario: job-failed makes the action fail with FAILED', async () => {
    const emulator = await startCli('job-failed')
    const run = await runAction({
      inputs: {
        'portal-url': emulator.outputs['portal-url'],
        token: emulator.outputs.token,
        'deployment-id': emulator.outputs['deployment-ids'].split(',')[0],
        'poll-interval': '250ms',
        timeout: '30s'
      }
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs.outcome).toBe('failure')
    expect(run.outputs['job-status']).toBe('FAILED')
  })
})
