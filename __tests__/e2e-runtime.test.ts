// The command on each Node.js it supports (24, and 22 from the node package of the tools/node22 workspace), and the
// one line it prints on a Node.js it does not support, before anything else runs.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCommand } from '../emulator/run-command.ts'
import { testCertificates } from './support/certificates.ts'
import { commandArgs as restartArgs, quickClock, requestsTo, withEmulator } from './support/e2e.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const NODE_22 = path.join(ROOT, 'tools', 'node22', 'node_modules', '.bin', 'node')
/** Debian's Node.js 20, where the machine has it: a runtime the command refuses. */
const SYSTEM_NODE = '/usr/bin/node'

function majorOf(node: string): number {
  return Number(execFileSync(node, ['-p', 'process.versions.node.split(".")[0]']).toString())
}

function preload(source: string): string[] {
  return ['--import', `data:text/javascript,${encodeURIComponent(source)}`]
}

function caFile(): { file: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'arcgis-ca-'))
  const file = path.join(dir, 'ca.pem')
  writeFileSync(file, testCertificates().caCert)
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

describe('the command on Node.js 22', () => {
  it('has Node.js 22 to run on (npm ci installs the tools/node22 workspace)', () => {
    expect(majorOf(NODE_22)).toBe(22)
  })

  it('restarts a deployment and exits 0', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        node: NODE_22,
        args: restartArgs(emulator.portalUrl, emulator.deploymentIds[1], '--json'),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.stderr).not.toContain('needs Node.js')
      expect(run.exitCode).toBe(0)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'success' })
    }))

  it('trusts --ca-certificate over https', async () => {
    const ca = caFile()
    try {
      await withEmulator({ ...quickClock, tls: testCertificates() }, async (emulator) => {
        expect(emulator.portalUrl).toMatch(/^https:/)
        const run = await runCommand({
          node: NODE_22,
          args: restartArgs(
            emulator.portalUrl,
            emulator.deploymentIds[1],
            '--ca-certificate',
            ca.file
          ),
          env: { ARCGIS_TOKEN: emulator.token }
        })

        expect(run.stderr).not.toContain('getCACertificates')
        expect(run.exitCode).toBe(0)
        expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      })
    } finally {
      ca.remove()
    }
  })
})

describe('a Node.js the command cannot run on', () => {
  const systemNode = existsSync(SYSTEM_NODE) && majorOf(SYSTEM_NODE) < 22
  ;(systemNode ? it : it.skip)(
    `says so in one line and exits 2 on ${SYSTEM_NODE}, before reading anything`,
    async () => {
      const version = execFileSync(SYSTEM_NODE, ['--version']).toString().trim()
      const run = await runCommand({
        node: SYSTEM_NODE,
        args: ['--portal-url', 'https://gis.example.com/arcgis', '--deployment-id', 'd1'],
        env: { ARCGIS_TOKEN: 'a-token-that-is-never-sent' }
      })

      expect(run.exitCode).toBe(2)
      expect(run.stderr).toBe(`arcgis-k8s-restart needs Node.js 22 or later; this is ${version}\n`)
      expect(run.stdout).toBe('')
    }
  )

  it('checks before --version, --help or anything else (a Node.js 20 faked by a preload)', async () => {
    const run = await runCommand({
      nodeArgs: preload(
        "Object.defineProperty(process, 'version', { value: 'v20.20.2' });" +
          "Object.defineProperty(process.versions, 'node', { value: '20.20.2' })"
      ),
      args: ['--version']
    })

    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe('arcgis-k8s-restart needs Node.js 22 or later; this is v20.20.2\n')
    expect(run.stdout).toBe('')
  })

  it('still writes the JSON document of exit code 2 with --json', async () => {
    const run = await runCommand({
      nodeArgs: preload(
        "Object.defineProperty(process, 'version', { value: 'v20.20.2' });" +
          "Object.defineProperty(process.versions, 'node', { value: '20.20.2' })"
      ),
      args: ['--portal-url', 'https://gis.example.com/arcgis', '--deployment-id', 'd1', '--json']
    })

    expect(run.exitCode).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      outcome: 'invalid-input',
      exitCode: 2,
      error: 'arcgis-k8s-restart needs Node.js 22 or later; this is v20.20.2',
      serverVersion: null,
      durationSeconds: 0,
      results: []
    })
  })

  it('refuses --ca-certificate on a Node.js without tls.setDefaultCACertificates, pointing to NODE_EXTRA_CA_CERTS', async () => {
    const ca = caFile()
    try {
      const run = await runCommand({
        nodeArgs: preload(
          "import tls from 'node:tls'; delete tls.setDefaultCACertificates;" +
            "Object.defineProperty(process, 'version', { value: 'v22.12.0' })"
        ),
        args: [
          '--portal-url',
          'https://gis.example.com/arcgis',
          '--deployment-id',
          'd1',
          '--ca-certificate',
          ca.file
        ],
        env: { ARCGIS_TOKEN: 'a-token-that-is-never-sent' }
      })

      expect(run.exitCode).toBe(2)
      expect(run.stderr).toContain(
        `--ca-certificate needs Node.js 22.19 or later on the 22 line, or 24.5 or later (this is v22.12.0); on this Node.js, set NODE_EXTRA_CA_CERTS=${ca.file} instead`
      )
    } finally {
      ca.remove()
    }
  })
})
