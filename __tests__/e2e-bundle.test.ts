// What the built bundles leave out: undici and @actions/exec (with @actions/io), which the toolkit imports but the
// action never runs, are replaced at build time by the stubs in stubs/ ("paths" in tsconfig.json, read by ncc).
import { describe, expect, it } from '@jest/globals'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stub = (name: string) => import(pathToFileURL(path.join(ROOT, 'stubs', name)).href)
const LEFT_OUT = /left out of this bundle .*yet something called it: this is a bug/

describe('the bundles', () => {
  it.each(['index.js', 'cli.js'])('keep dist/%s within 400 KB', (file) => {
    expect(statSync(path.join(ROOT, 'dist', file)).size).toBeLessThanOrEqual(400_000)
  })

  it('carry only @actions/core, @actions/http-client and tunnel (dist/licenses.txt)', () => {
    const licenses = readFileSync(path.join(ROOT, 'dist', 'licenses.txt'), 'utf8')
    // Each package's entry starts with its name alone on a line, followed by its licence's identifier.
    const packages = [...licenses.matchAll(/^(\S+)\n(?:MIT|ISC|Apache-2\.0|BSD-\S+)\n/gm)]
    expect(packages.map((entry) => entry[1])).toEqual([
      '@actions/core',
      '@actions/http-client',
      'tunnel'
    ])
  })
})

describe('the stubs bundled in place of what is left out', () => {
  it("throws, saying so, when undici's ProxyAgent is built", async () => {
    const { ProxyAgent } = await stub('undici.js')
    expect(() => new ProxyAgent({ uri: 'http://proxy.example:3128' })).toThrow(LEFT_OUT)
  })

  it('throws, saying so, when @actions/exec runs a command', async () => {
    const { getExecOutput } = await stub('actions-exec.js')
    expect(() => getExecOutput('lsb_release', ['-i'])).toThrow(LEFT_OUT)
  })
})
