import { XMLParser } from 'fast-xml-parser'
// The CI integrations in templates/ (GitLab CI/CD component, Azure Pipelines step template, Jenkinsfile): parsed,
// their inputs checked against the command's flags, and their shell script run against the emulator with the local
// dist/cli.js in place of the npx of a published version.
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'
import { INPUTS, SECRET_INPUTS, type InputName } from '../src/inputs.ts'
import { quickClock, requestsTo, withEmulator } from './support/e2e.ts'
import type { Emulator } from '../emulator/server.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CLI = path.join(ROOT, 'dist', 'cli.js')
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')
const NPX = 'npx --yes --package="$RESTART_PACKAGE" arcgis-k8s-restart'

type Values = Record<string, string>

/** Every string in `node` with `pattern`'s matches replaced by `value(name)`, keys included. */
function substitute(node: unknown, pattern: RegExp, value: (name: string) => string): unknown {
  if (typeof node === 'string') return node.replace(pattern, (_, name: string) => value(name))
  if (Array.isArray(node)) return node.map((item) => substitute(item, pattern, value))
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, item]) => [
        substitute(key, pattern, value),
        substitute(item, pattern, value)
      ])
    )
  }
  return node
}

/** The test cases of the JUnit report at `file`, or undefined when there is none. */
function junitCases(file: string): number | undefined {
  let xml: string
  try {
    xml = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
    testsuites: { '@_tests': string }
  }
  return Number(parsed.testsuites['@_tests'])
}

/** The variables of `env` that have a value; there are some without. */
function withoutEmptyValues(env: Values): Values {
  const kept = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  expect(Object.keys(kept).length).toBeLessThan(Object.keys(env).length)
  return kept
}

/**
 * Runs a template's script, the local command in place of npx, in an empty directory. `shell` is how the CI system
 * runs it: bash by default; Jenkins' `sh` step runs `/bin/sh -xe`.
 */
async function runScript(script: string, env: Values, shell = ['bash']) {
  expect(script).toContain(NPX)
  const dir = mkdtempSync(path.join(tmpdir(), 'arcgis-template-'))
  try {
    // Asynchronously: the emulator answers from this process.
    const [command, ...options] = shell
    const child = spawn(
      command,
      [...options, '-c', script.replace(NPX, '"$TEST_NODE" "$TEST_CLI"')],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', TEST_NODE: process.execPath, TEST_CLI: CLI, ...env },
        stdio: ['ignore', 'ignore', 'pipe']
      }
    )
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve))
    let report: { outcome?: string } | undefined
    try {
      report = JSON.parse(readFileSync(path.join(dir, env.RESTART_REPORT), 'utf8')) as {
        outcome: string
      }
    } catch {
      report = undefined
    }
    return { status, stderr, report, junit: junitCases(path.join(dir, env.RESTART_JUNIT)) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The values a test gives a template, by the command's input names. */
function testInputs(emulator: Emulator, overrides: Values = {}): Values {
  return {
    'portal-url': emulator.portalUrl,
    'deployment-id': emulator.deploymentIds[1],
    service: '',
    'deployment-filter': '',
    'allow-empty': 'false',
    'dry-run': 'false',
    verify: 'true',
    'fail-fast': 'true',
    timeout: '30s',
    'poll-interval': '250ms',
    'max-concurrency': '1',
    'ca-certificate': '',
    ...overrides
  }
}

/** Names that are template-only (how to run the job), not the command's inputs. */
const TEMPLATE_ONLY = new Set([
  'job-name',
  'stage',
  'image',
  'package',
  'resource-group',
  'report',
  'junit',
  'node-version',
  'secrets'
])

/** A template's own inputs are the command's (non-secret) inputs, and its script passes each on as its flag. */
function expectCommandInputs(names: string[], script: string): void {
  const commandInputs = names.filter((name) => !TEMPLATE_ONLY.has(name))
  expect(commandInputs.length).toBeGreaterThan(5)
  for (const name of commandInputs) {
    expect(Object.keys(INPUTS)).toContain(name)
    expect(SECRET_INPUTS).not.toContain(name as InputName)
    if (name === 'portal-url') expect(script).not.toContain('--portal-url')
    else if (INPUTS[name as InputName] === 'boolean')
      expect(script).toMatch(new RegExp(`--(no-)?${name}\\b`))
    else expect(script).toContain(`--${name} "$RESTART_`)
  }
}

const kebab = (camel: string) => camel.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

describe('the GitLab CI/CD component (templates/arcgis-k8s-restart.yml)', () => {
  const [header, body] = parseAllDocuments(read('templates/arcgis-k8s-restart.yml')).map(
    (document) => document.toJS() as Record<string, unknown>
  )
  const inputs = (header.spec as { inputs: Record<string, { default?: unknown; type?: string }> })
    .inputs
  const jobFor = (values: Values) => {
    const substituted = substitute(body, /\$\[\[ inputs\.([a-z-]+) \]\]/g, (name) => {
      expect(inputs).toHaveProperty(name)
      return values[name] ?? String(inputs[name].default)
    }) as Record<string, Record<string, unknown>>
    expect(Object.keys(substituted)).toHaveLength(1)
    return Object.values(substituted)[0]
  }

  it('has spec inputs for the flags, a Node 24 image, a resource group and the report kept always', () => {
    expect(inputs.image.default).toBe('node:24-slim')
    expect(inputs.package.default).toBeUndefined()
    const job = jobFor({ package: 'arcgis-k8s-restart@1.2.3' })
    expect(job.resource_group).toBe('arcgis-k8s-restart')
    expect(job.artifacts).toEqual({
      when: 'always',
      paths: ['arcgis-k8s-restart.json', 'arcgis-k8s-restart.xml'],
      reports: { junit: 'arcgis-k8s-restart.xml' }
    })
    expectCommandInputs(Object.keys(inputs), (job.script as string[]).join('\n'))
  })

  it.each([
    ['restarts', {}, 'success', 1],
    ['does a dry run', { 'dry-run': 'true' }, 'dry-run', 0]
  ])('%s against the emulator, writing the JSON report', (_, overrides, outcome, refreshes) =>
    withEmulator(quickClock, async (emulator) => {
      const job = jobFor({ ...testInputs(emulator, overrides), package: 'unused' })
      const variables = substitute(job.variables, /\$(CI_PROJECT_DIR)/g, () => tmpdir()) as Values
      const result = await runScript((job.script as string[]).join('\n'), {
        ...variables,
        ARCGIS_TOKEN: emulator.token
      })

      expect(result.stderr).not.toMatch(/unbound variable|command not found/)
      expect(result.status).toBe(0)
      expect(result.report?.outcome).toBe(outcome)
      expect(result.junit).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(refreshes)
    })
  )
})

describe('the Azure Pipelines step template (templates/azure-pipelines/arcgis-k8s-restart.yml)', () => {
  const template = parseAllDocuments(
    read('templates/azure-pipelines/arcgis-k8s-restart.yml')
  )[0].toJS() as {
    parameters: { name: string; type: string; default?: unknown }[]
    steps: Record<string, unknown>[]
  }
  const parameters = new Map(template.parameters.map((parameter) => [parameter.name, parameter]))
  const bashStep = template.steps.find((step) => 'bash' in step) as {
    bash: string
    env: Record<string, string>
  }

  it('has parameters for the flags, uses Node 24 and publishes the report always', () => {
    expect(parameters.get('nodeVersion')?.default).toBe('24.x')
    expect(parameters.get('package')?.default).toBeUndefined()
    expect(template.steps.find((step) => 'publish' in step)).toMatchObject({
      publish: '${{ parameters.report }}',
      condition: 'always()'
    })
    expect(template.steps.find((step) => step.task === 'PublishTestResults@2')).toMatchObject({
      condition: 'always()',
      inputs: { testResultsFormat: 'JUnit', testResultsFiles: '${{ parameters.junit }}' }
    })
    expectCommandInputs([...parameters.keys()].map(kebab), bashStep.bash)
  })

  it('restarts against the emulator with the secrets mapped in, writing the JSON report', () =>
    withEmulator(quickClock, async (emulator) => {
      const values = Object.fromEntries(
        Object.entries(testInputs(emulator)).map(([name, value]) => [
          name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()),
          value
        ])
      )
      const env = substitute(
        bashStep.env,
        /\$\{\{ (?:lower\()?parameters\.(\w+)\)? \}\}/g,
        (name) => values[name] ?? String(parameters.get(name)?.default)
      ) as Record<string, unknown>
      const secretsKey = Object.keys(env).find((key) => key.includes('each secret'))
      expect(secretsKey).toBeDefined()
      delete env[secretsKey!]
      // Whether the agent sets a variable of an empty parameter to '' or leaves it out, the script works: here it is
      // left out, as Jenkins does.
      const result = await runScript(bashStep.bash, {
        ...withoutEmptyValues(env as Values),
        npm_config_cache: tmpdir(),
        ARCGIS_TOKEN: emulator.token
      })

      expect(result.stderr).not.toMatch(/unbound variable|command not found/)
      expect(result.status).toBe(0)
      expect(result.report?.outcome).toBe('success')
      expect(result.junit).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
    }))
})

describe('the Jenkinsfile (templates/jenkins/Jenkinsfile)', () => {
  const jenkinsfile = read('templates/jenkins/Jenkinsfile')
  const script = /sh '''\n([\s\S]*?)'''/.exec(jenkinsfile)?.[1] ?? ''
  const environment = Object.fromEntries(
    [
      ...(/environment \{([\s\S]*?)\n {2}\}/.exec(jenkinsfile)?.[1] ?? '').matchAll(
        /^\s*(\w+) = ['"](.*)['"]$/gm
      )
    ].map(([, name, value]) => [name, value])
  )

  it('keeps npx cache in the workspace, locks the portal and archives the report', () => {
    expect(script).toContain('export npm_config_cache="$WORKSPACE/.npm"')
    expect(jenkinsfile).toMatch(/lock\(resource: '[^']+'\) \{[\s\S]*sh '''/)
    expect(jenkinsfile).toContain(
      "archiveArtifacts artifacts: 'arcgis-k8s-restart.json, arcgis-k8s-restart.xml'"
    )
    expect(jenkinsfile).toContain(
      "junit allowEmptyResults: true, testResults: 'arcgis-k8s-restart.xml'"
    )
    expect(environment.RESTART_PACKAGE).toMatch(/^arcgis-k8s-restart@\d+\.\d+\.\d+$/)
    const names = Object.keys(environment)
      .filter((name) => name.startsWith('RESTART_'))
      .map((name) => name.slice('RESTART_'.length).toLowerCase().replace(/_/g, '-'))
    expectCommandInputs(names, script)
  })

  it('restarts against the emulator, writing the JSON report', () =>
    withEmulator(quickClock, async (emulator) => {
      const inputs = testInputs(emulator)
      const env: Values = { ...environment, WORKSPACE: tmpdir(), ARCGIS_TOKEN: emulator.token }
      env.ARCGIS_PORTAL_URL = inputs['portal-url']
      for (const [name, value] of Object.entries(inputs)) {
        const variable = `RESTART_${name.toUpperCase().replace(/-/g, '_')}`
        if (variable in env) env[variable] = value
      }
      // Jenkins drops a variable whose value is empty (hudson.EnvVars.override) rather than setting it to ''; the
      // switches on by default are left empty too, and must stay on.
      const jenkinsEnv = withoutEmptyValues({ ...env, RESTART_VERIFY: '', RESTART_FAIL_FAST: '' })
      const result = await runScript(script, jenkinsEnv, ['/bin/sh', '-xe'])

      expect(result.stderr).not.toMatch(/parameter not set|unbound variable|command not found/)
      expect(result.status).toBe(0)
      expect(result.report?.outcome).toBe('success')
      expect(result.junit).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      // Verified: the service's endpoint was read after the restart.
      expect(requestsTo(emulator, 'GET', '/rest/services/').length).toBeGreaterThan(0)
    }))
})
