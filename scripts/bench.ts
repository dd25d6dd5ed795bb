// npm run bench: measures the bundled action against the emulator and writes BENCHMARKS.md.
// - detection delay (job end → the poll that sees COMPLETED) and job requests, for the action's adaptive schedule
//   and for fixed 5 s / 10 s polling (what users would otherwise script, and Esri's CLI);
// - 5 deployments of 10 s at max-concurrency 1 and 5;
// - cold start (process start → first request) next to a bare `node -e 0`, and peak memory;
// - the size of dist/index.js.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { actionEnv, runAction } from '../emulator/run-action.ts'
import { startEmulator, type Emulator } from '../emulator/server.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIST = path.join(ROOT, 'dist', 'index.js')
const RUNS = 5
const JOB_SECONDS = [5, 20, 60]
const SUBMITTED_MS = 500
const TARGETS = { sizeKB: 400, coldStartOverBareMs: 60, peakMiB: 80 }
// Prints the process's peak resident memory to stderr at exit, for any Node program it is preloaded into.
const PEAK_RSS_HOOK =
  "data:text/javascript,import fs from 'node:fs';process.on('exit',()=>fs.writeSync(2,'\\nmaxrss-kb='+process.resourceUsage().maxRSS+'\\n'))"

type Strategy = 'adaptive (this action)' | 'fixed 5 s' | 'fixed 10 s'

interface Detection {
  delayMs: number
  jobRequests: number
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** When the job of the first refresh ended, and how soon and with how many polls the client saw it. */
function detection(emulator: Emulator, jobMs: number): Detection {
  const refresh = emulator.requests.find(
    (request) => request.method === 'POST' && request.path.endsWith('/refresh')
  )
  if (!refresh) throw new Error('no refresh was sent')
  const polls = emulator.requests.filter(
    (request) => request.method === 'GET' && request.path.includes('/admin/jobs/')
  )
  const endedAt = refresh.at + jobMs
  const seen = polls.find((poll) => poll.at >= endedAt)
  if (!seen) throw new Error('the job end was never seen')
  return { delayMs: seen.at - endedAt, jobRequests: polls.length }
}

async function withJob<T>(jobMs: number, work: (emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({
    submittedMs: SUBMITTED_MS,
    executingMs: jobMs - SUBMITTED_MS,
    readyDelayMs: 0
  })
  try {
    return await work(emulator)
  } finally {
    await emulator.close()
  }
}

async function adaptive(jobMs: number): Promise<Detection> {
  return withJob(jobMs, async (emulator) => {
    const run = await runAction({
      inputs: {
        'portal-url': emulator.portalUrl,
        token: emulator.token,
        'deployment-id': emulator.deploymentIds[1],
        'wait-for-ready': 'false',
        timeout: '5m'
      },
      timeoutMs: 300_000
    })
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}`)
    return detection(emulator, jobMs)
  })
}

/** What a workflow would otherwise do: submit, then poll every `intervalMs` until the job ends. */
async function fixed(jobMs: number, intervalMs: number): Promise<Detection> {
  return withJob(jobMs, async (emulator) => {
    const admin = `${emulator.portalUrl}/admin`
    const submitted = (await (
      await fetch(`${admin}/system/deployments/${emulator.deploymentIds[1]}/refresh`, {
        method: 'POST',
        body: new URLSearchParams({ async: 'true', f: 'json', token: emulator.token })
      })
    ).json()) as { jobID: string }
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
      const job = (await (
        await fetch(`${admin}/jobs/${submitted.jobID}?f=json`, {
          headers: { 'X-Esri-Authorization': `Bearer ${emulator.token}` }
        })
      ).json()) as { status: string }
      if (job.status === 'COMPLETED') return detection(emulator, jobMs)
    }
  })
}

async function detectionTable(): Promise<string[]> {
  const rows: string[] = []
  for (const jobSeconds of JOB_SECONDS) {
    // Job lengths spread over ±10 % so that fixed polling is not measured at one lucky phase.
    const lengths = Array.from(
      { length: RUNS },
      (_, run) => jobSeconds * 1000 * (0.9 + (0.2 * run) / (RUNS - 1))
    )
    const strategies: Record<Strategy, (jobMs: number) => Promise<Detection>> = {
      'adaptive (this action)': adaptive,
      'fixed 5 s': (jobMs) => fixed(jobMs, 5_000),
      'fixed 10 s': (jobMs) => fixed(jobMs, 10_000)
    }
    const measured = await Promise.all(
      Object.entries(strategies).map(async ([name, measure]) => ({
        name,
        runs: await Promise.all(lengths.map((jobMs) => measure(jobMs)))
      }))
    )
    for (const { name, runs } of measured) {
      const delay = median(runs.map((run) => run.delayMs))
      const requests = median(runs.map((run) => run.jobRequests))
      const bound = Math.max(1000, jobSeconds * 100)
      rows.push(
        `| ${jobSeconds} s | ${name} | ${seconds(delay)} | ${requests} | ${delay <= bound ? 'within' : 'over'} ${seconds(bound)} |`
      )
      console.log(rows.at(-1))
    }
  }
  return rows
}

async function concurrencyTable(): Promise<string[]> {
  const rows: string[] = []
  for (const maxConcurrency of [1, 5]) {
    const deployments = Array.from({ length: 5 }, (_, index) => ({
      deploymentId: `bench${index}`,
      name: `bench-${index}-mapserver`
    }))
    const emulator = await startEmulator({
      deployments,
      submittedMs: SUBMITTED_MS,
      executingMs: 9_500,
      readyDelayMs: 1_000
    })
    try {
      const run = await runAction({
        inputs: {
          'portal-url': emulator.portalUrl,
          token: emulator.token,
          'deployment-id': emulator.deploymentIds.join(','),
          'max-concurrency': String(maxConcurrency),
          timeout: '5m'
        },
        timeoutMs: 300_000
      })
      if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}`)
      rows.push(`| ${maxConcurrency} | ${seconds(run.durationMs)} | ${emulator.requests.length} |`)
      console.log(rows.at(-1))
    } finally {
      await emulator.close()
    }
  }
  return rows
}

/** Spawns a Node program and resolves with its exit, its wall time and its peak memory. */
function spawnNode(
  args: string[],
  env: Record<string, string>
): Promise<{ startedAt: number; wallMs: number; peakKiB: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now()
    const child = spawn(process.execPath, ['--import', PEAK_RSS_HOOK, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', () => {
      const peakKiB = Number(/maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN)
      resolve({ startedAt, wallMs: Date.now() - startedAt, peakKiB })
    })
  })
}

/** Bundles scripts/bench-floor.js (only @actions/core + @actions/http-client) the way dist/ is bundled. */
function buildFloorBundle(): { file: string; sizeKB: number; cleanUp: () => void } {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'))
  const ncc = path.join(ROOT, 'node_modules', '.bin', 'ncc')
  execFileSync(ncc, ['build', path.join(ROOT, 'scripts', 'bench-floor.js'), '-o', outDir], {
    cwd: ROOT,
    stdio: 'ignore'
  })
  const file = path.join(outDir, 'index.js')
  return {
    file,
    sizeKB: statSync(file).size / 1_000,
    cleanUp: () => rmSync(outDir, { recursive: true, force: true })
  }
}

async function coldStart(floorBundle: string) {
  const env = { PATH: process.env.PATH ?? '' }
  const bare = []
  const floor = []
  const action = []
  for (let run = 0; run < 10; run++) {
    bare.push(await spawnNode(['-e', '0'], env))
    floor.push(await spawnNode([floorBundle], env))
    const emulator = await startEmulator({ submittedMs: 0, executingMs: 0, readyDelayMs: 0 })
    try {
      const inputEnv = actionEnv({
        'portal-url': emulator.portalUrl,
        token: emulator.token,
        'deployment-id': emulator.deploymentIds[1],
        wait: 'false'
      })
      const started = await spawnNode([DIST], { ...env, ...inputEnv })
      action.push({
        firstRequestMs: emulator.requests[0].at - started.startedAt,
        peakKiB: started.peakKiB
      })
    } finally {
      await emulator.close()
    }
  }
  return {
    bareMs: median(bare.map((run) => run.wallMs)),
    floorMs: median(floor.map((run) => run.wallMs)),
    firstRequestMs: median(action.map((run) => run.firstRequestMs)),
    peakMiB: median(action.map((run) => run.peakKiB)) / 1024,
    floorPeakMiB: median(floor.map((run) => run.peakKiB)) / 1024,
    barePeakMiB: median(bare.map((run) => run.peakKiB)) / 1024
  }
}

const started = Date.now()
console.log('Detection delay and job requests (median of 5 runs per job length)…')
const detectionRows = await detectionTable()
console.log('5 deployments of 10 s…')
const concurrencyRows = await concurrencyTable()
console.log('Cold start and memory…')
const floorBundle = buildFloorBundle()
const cold = await coldStart(floorBundle.file)
floorBundle.cleanUp()
const sizeKB = statSync(DIST).size / 1_000
const overBareMs = cold.firstRequestMs - cold.bareMs
const met = (ok: boolean) => (ok ? 'met' : '**not met**')

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
const report = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB,
${os.type()} ${os.release()}, Node ${process.version}. The bundled action (\`dist/index.js\`) runs against the emulator
over loopback; the whole run took ${seconds(Date.now() - started)}.

## Noticing the end of a job

Detection delay = from the moment the job ended to the poll that saw COMPLETED (median of ${RUNS} runs with job lengths
spread over ±10 %); job requests = polls of the job. Fixed polling is what a workflow would otherwise script (Esri's CLI
polls every 10 s). The aim: a delay within max(1 s, 10 % of the job's length).

| job | polling | detection delay | job requests | aim |
|---|---|---|---|---|
${detectionRows.join('\n')}

## Several deployments

5 deployments whose jobs take 10 s, pods ready 1 s later, default inputs otherwise.

| max-concurrency | step wall time | requests |
|---|---|---|
${concurrencyRows.join('\n')}

## Footprint

| measure | this action | floor bundle, measured here | target | |
|---|---|---|---|---|
| \`dist/index.js\` size | ${sizeKB.toFixed(0)} KB | ${floorBundle.sizeKB.toFixed(0)} KB | ≤ ${TARGETS.sizeKB} KB | ${met(sizeKB <= TARGETS.sizeKB)} |
| wall time over bare \`node -e 0\` (${cold.bareMs.toFixed(0)} ms) | ${overBareMs.toFixed(0)} ms to the first request | ${(cold.floorMs - cold.bareMs).toFixed(0)} ms to exit | ≤ ${TARGETS.coldStartOverBareMs} ms | ${met(overBareMs <= TARGETS.coldStartOverBareMs)} |
| peak memory (max RSS) | ${cold.peakMiB.toFixed(1)} MiB | ${cold.floorPeakMiB.toFixed(1)} MiB (bare Node ${cold.barePeakMiB.toFixed(1)} MiB) | ≤ ${TARGETS.peakMiB} MiB | ${met(cold.peakMiB <= TARGETS.peakMiB)} |

The floor bundle is \`scripts/bench-floor.js\`: only \`@actions/core\` 3 + \`@actions/http-client\` 4, bundled by ncc
like \`dist/\` (so with the same stubs in place of undici and \`@actions/exec\`, see \`stubs/\`); compare the action with
the floor measured on the same machine. Cold start and memory are medians of 10 runs; the load average when the run
ended was ${os
  .loadavg()
  .map((load) => load.toFixed(2))
  .join(', ')} (1, 5, 15 min).
`
writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), report)
console.log(`\n${report}`)
