// The npm package as a user gets it: packed (npm pack), installed globally into a temporary prefix without the
// network, and its bin run against the emulator. It holds the command's bundle and its documents, and nothing else.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { quickClock, requestsTo, withEmulator } from './support/e2e.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = promisify(execFile)

let work: string
let tarball: string
let packedFiles: string[]

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'arcgis-package-'))
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
  ) as { filename: string; files: { path: string }[] }[]
  tarball = path.join(work, packed.filename)
  packedFiles = packed.files.map((file) => file.path).sort()
}, 60_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the npm package', () => {
  it("holds the command's bundle, the licences of what it bundles and its documents: not the action's bundle, action.yml or the sources", () => {
    expect(packedFiles).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli-licenses.txt',
      'dist/cli.js',
      'package.json'
    ])
  })

  it('has no runtime dependencies: the bundle is self-contained', () => {
    const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: object
      bin: Record<string, string>
    }
    expect(packageJson.dependencies).toBeUndefined()
    expect(packageJson.bin).toEqual({ 'arcgis-k8s-restart': 'dist/cli.js' })
  })

  it('installs from the tarball without the network and its bin restarts a deployment', async () => {
    const prefix = path.join(work, 'prefix')
    // An empty cache and --offline: any dependency to fetch would fail the install.
    await run(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--cache',
        path.join(work, 'cache'),
        '--offline',
        '--no-audit',
        '--no-fund',
        tarball
      ],
      { cwd: work }
    )
    const bin = path.join(prefix, 'bin', 'arcgis-k8s-restart')
    const installed = path.join(prefix, 'lib', 'node_modules', 'arcgis-k8s-restart')
    expect(realpathSync(bin)).toBe(path.join(realpathSync(installed), 'dist', 'cli.js'))
    expect(execFileSync('ls', [installed], { encoding: 'utf8' }).split('\n').sort()).toEqual(
      ['', 'CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json'].sort()
    )

    await withEmulator(quickClock, async (emulator) => {
      // As a shell runs it: through its #!/usr/bin/env node line, with Node.js first on the PATH.
      const { stdout, stderr } = await run(
        bin,
        [
          '--portal-url',
          emulator.portalUrl,
          '--deployment-id',
          emulator.deploymentIds[1],
          '--poll-interval',
          '250ms',
          '--timeout',
          '30s',
          '--json'
        ],
        {
          cwd: work,
          env: {
            PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
            ARCGIS_TOKEN: emulator.token
          }
        }
      )

      expect(stderr).toContain('All pods are ready')
      expect(JSON.parse(stdout)).toMatchObject({ outcome: 'success' })
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
    })
  }, 120_000)
})
