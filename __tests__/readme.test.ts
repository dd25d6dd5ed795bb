// The README's examples are what users copy: each YAML block must parse, each step that uses this action may pass
// only inputs that action.yml declares (and the ones it needs), and no workflow may expand ${{ }} inside a script.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, parseDocument } from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ACTION = 'arcgis-k8s-restart/arcgis-k8s-restart-action@'

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const declaredInputs = Object.keys(
  (parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs
)

/** The ```yaml blocks of the README, with the line each starts on. */
const yamlBlocks = [...readme.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match) => ({
  line: readme.slice(0, match.index).split('\n').length,
  text: match[1]
}))

type Node = unknown

/** Every object anywhere in `node`. */
function objects(node: Node): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(objects)
  if (typeof node !== 'object' || node === null) return []
  const record = node as Record<string, unknown>
  return [record, ...Object.values(record).flatMap(objects)]
}

const parsed = yamlBlocks.map((block) => {
  const document = parseDocument(block.text)
  const errors = document.errors.map((error) => error.message)
  return { ...block, errors, document: (errors.length ? undefined : document.toJS()) as Node }
})
const actionSteps = parsed.flatMap(({ line, document }) =>
  objects(document)
    .filter((node) => typeof node.uses === 'string' && node.uses.startsWith(ACTION))
    .map((step) => ({ line, step }))
)
// GitHub workflows (an Azure pipeline has jobs: too, but no on:)
const workflows = parsed.filter(
  ({ document }) =>
    objects(document)[0]?.jobs !== undefined && objects(document)[0]?.on !== undefined
)

describe('README', () => {
  it('opens with an example that uses the action, pinned to a commit until a release exists', () => {
    const firstBlock = yamlBlocks[0]
    expect(readme.indexOf('```yaml')).toBeLessThan(readme.indexOf('\n## '))
    expect(firstBlock.text).toContain(`uses: ${ACTION}<full-commit-sha>`)
  })

  it('says on its first screen what is released, and how to run what is not', () => {
    const firstScreen = readme.slice(0, readme.indexOf('\n## '))
    expect(firstScreen).toContain('What is released: nothing yet.')
    for (const path of [
      'node dist/cli.js',
      'npm pack',
      'npm install -g ./arcgis-k8s-restart-1.0.0.tgz'
    ]) {
      expect(firstScreen).toContain(path)
    }
    const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
    expect(firstScreen).toContain(`arcgis-k8s-restart-${packageJson.version}.tgz`)
  })

  it('runs the command from npm only at an exact version, and says how to check provenance', () => {
    const codeBlocks = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((match) => match[1])
    const npx = codeBlocks.flatMap((block) => block.match(/npx [^\n]*/g) ?? [])
    expect(npx.length).toBeGreaterThan(0)
    for (const line of npx)
      expect(line).toMatch(
        /^npx --yes --package=arcgis-k8s-restart@\d+\.\d+\.\d+ arcgis-k8s-restart /
      )
    expect(readme).toContain('npm audit signatures')
  })

  it('uses the templates in its GitLab, Azure Pipelines and Jenkins sections', () => {
    for (const file of [
      'templates/arcgis-k8s-restart.yml',
      'templates/azure-pipelines/arcgis-k8s-restart.yml',
      'templates/jenkins/Jenkinsfile'
    ]) {
      expect(readme).toContain(file)
    }
    for (const heading of ['### GitLab CI', '### Azure Pipelines', '### Jenkins', '### A laptop']) {
      expect(readme).toContain(`\n${heading}\n`)
    }
  })

  it('has YAML blocks that parse', () => {
    expect(yamlBlocks.length).toBeGreaterThan(5)
    for (const { line, errors } of parsed) expect({ line, errors }).toEqual({ line, errors: [] })
  })

  it('passes only inputs that action.yml declares, and those a step needs, in every step with inputs', () => {
    const withInputs = actionSteps.filter(({ step }) => step.with !== undefined)
    expect(withInputs.length).toBeGreaterThan(4)
    for (const { line, step } of withInputs) {
      const inputs = Object.keys(step.with as object)
      const where = `the step on line ${line}`
      expect({
        where,
        undeclared: inputs.filter((name) => !declaredInputs.includes(name))
      }).toEqual({
        where,
        undeclared: []
      })
      expect({ where, inputs }).toEqual({ where, inputs: expect.arrayContaining(['portal-url']) })
      const authenticates =
        inputs.includes('token') || (inputs.includes('username') && inputs.includes('password'))
      const names = ['deployment-id', 'service', 'deployment-filter'].some((name) =>
        inputs.includes(name)
      )
      expect({ where, authenticates, names }).toEqual({ where, authenticates: true, names: true })
    }
  })

  it('pins the action to a release tag or a full commit SHA in every example', () => {
    expect(actionSteps.length).toBeGreaterThan(4)
    for (const { step } of actionSteps) {
      expect(step.uses).toMatch(/@(v\d+(\.\d+\.\d+)?|[0-9a-f]{40}|<full-commit-sha>)$/)
    }
  })

  it('gives every workflow no token permissions and a concurrency group that does not cancel restarts', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(3)
    for (const { line, document } of workflows) {
      const workflow = document as Record<string, unknown>
      expect({ line, permissions: workflow.permissions }).toEqual({ line, permissions: {} })
      expect({ line, concurrency: workflow.concurrency }).toEqual({
        line,
        concurrency: { group: expect.any(String), 'cancel-in-progress': false }
      })
    }
  })

  it('never expands ${{ }} inside a run: script (outputs go through env:)', () => {
    const scripts = parsed.flatMap(({ line, document }) =>
      objects(document)
        .filter((node) => typeof node.run === 'string')
        .map((node) => ({ line, run: node.run as string }))
    )
    expect(scripts.length).toBeGreaterThan(0)
    for (const { line, run } of scripts)
      expect({ line, run }).toEqual({ line, run: expect.not.stringContaining('${{') })
  })
})
