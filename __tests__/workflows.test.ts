// The supply-chain rules of .github/workflows, held for every workflow file (actionlint checks their syntax):
// third-party actions pinned to a full commit SHA with the version beside it, no permissions beyond what each job
// needs, one Node version from .node-version, and GitHub CI running what .ci/run runs.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const WORKFLOWS = path.join(ROOT, '.github', 'workflows')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  permissions?: Record<string, string> | string
  steps?: Step[]
}
interface Workflow {
  permissions?: Record<string, string> | string
  jobs: Record<string, Job>
}

const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name))
const workflows = files.map((name) => {
  const text = readFileSync(path.join(WORKFLOWS, name), 'utf8')
  return { name, text, workflow: parse(text) as Workflow }
})
const jobs = workflows.flatMap(({ name, workflow }) =>
  Object.entries(workflow.jobs).map(([id, job]) => ({ at: `${name} ${id}`, job }))
)

describe('.github/workflows', () => {
  it('pins every third-party action to a full commit SHA, with its version in a comment', () => {
    const pins = new Map<string, Set<string>>()
    for (const { name, text } of workflows) {
      for (const [, reference, comment] of text.matchAll(/uses:\s*(\S+)(.*)$/gm)) {
        if (reference.startsWith('./')) continue
        const at = `${name}: ${reference}`
        expect({ at, pinned: /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(reference) }).toEqual({
          at,
          pinned: true
        })
        expect({ at, comment: /^\s+# v\d+\.\d+\.\d+$/.test(comment) }).toEqual({
          at,
          comment: true
        })
        const [action, sha] = reference.split('@')
        const repository = action.split('/').slice(0, 2).join('/')
        pins.set(
          `${repository}${comment}`,
          (pins.get(`${repository}${comment}`) ?? new Set()).add(sha)
        )
      }
    }
    expect(pins.size).toBeGreaterThan(2)
    // One version of an action, one SHA, in every workflow.
    for (const [version, shas] of pins)
      expect({ version, shas: shas.size }).toEqual({ version, shas: 1 })
  })

  it('grants nothing at the top and only what each job needs, writes only where they are used', () => {
    for (const { name, workflow } of workflows) {
      expect({ name, permissions: workflow.permissions }).toEqual({ name, permissions: {} })
    }
    const writes: string[] = []
    for (const { at, job } of jobs) {
      expect({ at, permissions: typeof job.permissions }).toEqual({ at, permissions: 'object' })
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        expect(['read', 'write', 'none']).toContain(level)
        if (level === 'write') writes.push(`${at}: ${scope}`)
      }
    }
    expect(writes.sort()).toEqual([
      'codeql.yml analyze: security-events',
      'dependabot-dist.yml rebuild: contents',
      'release.yml github-release: contents',
      'release.yml npm-publish: id-token',
      'release.yml tag: contents'
    ])
  })

  it('leaves no credentials in the checkout of jobs that do not push', () => {
    const pushing = ['dependabot-dist.yml rebuild', 'release.yml tag']
    for (const { at, job } of jobs) {
      for (const step of job.steps ?? []) {
        if (!step.uses?.startsWith('actions/checkout@')) continue
        const persisted = step.with?.['persist-credentials'] !== false
        expect({ at, persisted }).toEqual({ at, persisted: pushing.includes(at) })
      }
    }
  })

  it('sets Node up from .node-version, the major version action.yml runs on', () => {
    const nodeVersion = readFileSync(path.join(ROOT, '.node-version'), 'utf8').trim()
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      runs: { using: string }
    }
    expect(`node${nodeVersion.split('.')[0]}`).toBe(action.runs.using)
    const setups = jobs.flatMap(({ at, job }) =>
      (job.steps ?? [])
        .filter((step) => step.uses?.startsWith('actions/setup-node@'))
        .map((step) => ({ at, with: step.with }))
    )
    expect(setups.length).toBeGreaterThan(3)
    for (const { at, with: inputs } of setups) {
      expect({
        at,
        file: inputs?.['node-version-file'],
        version: inputs?.['node-version']
      }).toEqual({
        at,
        file: '.node-version',
        version: undefined
      })
    }
  })

  it("runs every check of .ci/run in CI's check job", () => {
    const ciRun = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
    const checks = [...ciRun.matchAll(/^(npm run [\w:-]+|bash \.ci\/[\w-]+)/gm)].map((m) => m[1])
    expect(checks).toEqual(
      expect.arrayContaining(['npm run lint', 'npm run lint:workflows', 'bash .ci/check-dist'])
    )
    const ci = workflows.find(({ name }) => name === 'ci.yml')!.workflow
    const runs = (ci.jobs.check.steps ?? []).map((step) => step.run ?? '')
    for (const check of checks) {
      expect({ check, inCi: runs.some((run) => run.includes(check)) }).toEqual({
        check,
        inCi: true
      })
    }
    expect(runs).toContain('npm test')
  })
})
