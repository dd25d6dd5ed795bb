// The command's face in process (the end-to-end tests run dist/cli.js itself): what it prints, where, and its exit code.
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import nock from 'nock'
import { runCommand, type CommandIO } from '../src/cli/main.js'

const ORIGIN = 'https://gis.example.com'
const PORTAL = `${ORIGIN}/arcgis`
const ADMIN = '/arcgis/admin'
const TOKEN = 'tok-cli-4f9a2c0e7b1d'

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
  nock.enableNetConnect()
})
afterAll(() => nock.restore())

interface Captured {
  io: CommandIO
  stdout: () => string
  stderr: () => string
}

function command(args: string[], env: Record<string, string> = {}, stdin = ''): Captured {
  let stdout = ''
  let stderr = ''
  return {
    io: {
      argv: args,
      env,
      readStdin: async () => stdin,
      stdout: (text) => (stdout += text),
      stderr: { write: (text) => (stderr += text), isTTY: false }
    },
    stdout: () => stdout,
    stderr: () => stderr
  }
}

// Verification (its own requests) is tested in verify.test.ts and end to end.
const restartArgs = [
  '--portal-url',
  PORTAL,
  '--deployment-id',
  'd1',
  '--poll-interval',
  '10ms',
  '--no-verify'
]

function portal(jobStatus = 'COMPLETED') {
  return nock(ORIGIN)
    .get(ADMIN)
    .query(true)
    .reply(200, { fullVersion: '11.3' })
    .get(`${ADMIN}/system/deployments/d1`)
    .query(true)
    .reply(200, { deploymentId: 'd1', name: 'parcels-featureserver', mode: 'Dedicated' })
    .post(`${ADMIN}/system/deployments/d1/refresh`)
    .reply(200, { jobID: 'j1', jobStatus: 'SUBMITTED', jobsUrl: `${PORTAL}/admin/jobs/j1` })
    .get(`${ADMIN}/jobs/j1`)
    .query(true)
    .reply(200, { status: jobStatus, messages: jobStatus === 'FAILED' ? ['CrashLoopBackOff'] : [] })
    .get(`${ADMIN}/system/deployments/d1/status`)
    .query(true)
    .reply(200, { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 1 })
}

describe('runCommand', () => {
  it('restarts, prints the table and the outcome on stderr, and returns 0', async () => {
    const scope = portal()
    const run = command([...restartArgs, '--json'], { ARCGIS_TOKEN: TOKEN })

    expect(await runCommand(run.io)).toBe(0)
    expect(scope.isDone()).toBe(true)
    expect(run.stderr()).toContain('Restart parcels-featureserver (d1)\n  Refreshing deployment')
    expect(run.stderr()).toMatch(/^parcels-featureserver\s+d1\s+j1\s+COMPLETED\s+yes\s+-\s+\S+$/m)
    expect(run.stderr()).toMatch(/Outcome: success\n1 of 1 deployment restarted in \S+\n$/)
    expect(JSON.parse(run.stdout())).toMatchObject({
      outcome: 'success',
      jobStatus: 'COMPLETED',
      serverVersion: '11.3',
      results: [{ deploymentId: 'd1', jobId: 'j1', status: 'COMPLETED', ready: true }]
    })
  })

  it('returns 1 with the reason when the job fails', async () => {
    portal('FAILED')
    const run = command(restartArgs, { ARCGIS_TOKEN: TOKEN })

    expect(await runCommand(run.io)).toBe(1)
    expect(run.stderr()).toContain(
      'error: parcels-featureserver (d1): Job j1 ended FAILED: CrashLoopBackOff'
    )
    expect(run.stdout()).toBe('')
  })

  it('returns 2 for an input error, with how to authenticate, before any request', async () => {
    const run = command(restartArgs)

    expect(await runCommand(run.io)).toBe(2)
    expect(run.stderr()).toContain(
      'error: Invalid input: ARCGIS_TOKEN, or both ARCGIS_USERNAME and ARCGIS_PASSWORD, is required'
    )
    expect(run.stderr()).toContain('ARCGIS_TOKEN (or --token-stdin)')
  })

  it('returns 2 when --token-stdin finds standard input empty', async () => {
    const run = command([...restartArgs, '--token-stdin'], {}, '\n')

    expect(await runCommand(run.io)).toBe(2)
    expect(run.stderr()).toContain(
      '--token-stdin: no token came on standard input; pipe it in, or type it at the prompt'
    )
  })

  it('shows debug lines only with --debug, never the token', async () => {
    portal()
    const quiet = command(restartArgs, { ARCGIS_TOKEN: TOKEN })
    await runCommand(quiet.io)
    expect(quiet.stderr()).not.toContain('debug:')

    portal()
    const verbose = command([...restartArgs, '--debug'], { ARCGIS_TOKEN: TOKEN })
    await runCommand(verbose.io)
    expect(verbose.stderr()).toMatch(
      /debug: POST \/arcgis\/admin\/system\/deployments\/d1\/refresh -> HTTP 200/
    )
    expect(verbose.stderr()).not.toContain(TOKEN)
  })

  it('names the job that goes on in the cluster when cancelled, and returns 1', async () => {
    const cancellation = new AbortController()
    nock(ORIGIN)
      .get(ADMIN)
      .query(true)
      .reply(200, { fullVersion: '11.3' })
      .get(`${ADMIN}/system/deployments/d1`)
      .query(true)
      .reply(200, { deploymentId: 'd1', name: 'parcels-featureserver' })
      .post(`${ADMIN}/system/deployments/d1/refresh`)
      .reply(200, () => {
        setTimeout(() => cancellation.abort(), 20)
        return { jobID: 'j1', jobStatus: 'SUBMITTED', jobsUrl: `${PORTAL}/admin/jobs/j1` }
      })
      .get(`${ADMIN}/jobs/j1`)
      .query(true)
      .times(100)
      .reply(200, { status: 'EXECUTING' })
    const run = command([...restartArgs, '--json'], { ARCGIS_TOKEN: TOKEN, NO_COLOR: '1' })
    // At a terminal, which has echoed ^C where the cursor was: the first line after it starts a line of its own.
    const stderr = { ...run.io.stderr, isTTY: true }

    expect(await runCommand({ ...run.io, stderr, signal: cancellation.signal })).toBe(1)
    expect(run.stderr()).toContain(
      `\n\nJob j1 of parcels-featureserver (d1) was submitted and goes on in the cluster (last status`
    )
    expect(JSON.parse(run.stdout())).toMatchObject({ outcome: 'cancelled' })
  })
})
