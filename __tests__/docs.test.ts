// The published pieces around the code: the npm package's contents, and the links between the Markdown documents
// (README, SECURITY, CONTRIBUTING, CHANGELOG), which must lead to files and headings that exist.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8')
const DOCUMENTS = ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md']
const SLUG = 'arcgis-k8s-restart/arcgis-k8s-restart-action'

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchorsOf(file: string): Set<string> {
  const text = read(file).replace(/```[\s\S]*?```/g, '')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1].trim())))
}

describe('the npm package', () => {
  it("ships the command's bundle, its licence and changelog, and nothing else", () => {
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe']
      })
    ) as { name: string; files: { path: string }[] }[]
    const files = pack.files.map((file) => file.path).sort()

    expect(pack.name).toBe('arcgis-k8s-restart')
    // Not the action's bundle (dist/index.js) or action.yml: the action is used from the repository, not from npm.
    expect(files).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli-licenses.txt',
      'dist/cli.js',
      'package.json'
    ])
  })

  it('points at this repository, and its bin at dist/', () => {
    const packageJson = JSON.parse(read('package.json')) as {
      private?: boolean
      repository: { url: string }
      bin: Record<string, string>
    }
    expect(packageJson.private).toBeUndefined()
    expect(packageJson.repository.url).toBe(`git+https://github.com/${SLUG}.git`)
    for (const target of Object.values(packageJson.bin))
      expect(target).toMatch(/^dist\/[\w-]+\.js$/)
  })
})

describe('links between the documents', () => {
  it.each(DOCUMENTS)('%s links only to files and headings that exist', (document) => {
    const text = read(document).replace(/```[\s\S]*?```/g, '')
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1])
    const local = links.filter((link) => !/^[a-z]+:/.test(link))
    for (const link of local) {
      const [file, fragment] = link.split('#')
      const target = file === '' ? document : file
      expect({ link, exists: existsSync(path.join(ROOT, target)) }).toEqual({ link, exists: true })
      if (fragment !== undefined) {
        expect({ link, heading: anchorsOf(target).has(fragment) }).toEqual({ link, heading: true })
      }
    }
    const external = links.filter((link) => link.startsWith(`https://github.com/`))
    for (const link of external) expect(link.startsWith(`https://github.com/${SLUG}`)).toBe(true)
  })

  it('LICENSE is the MIT licence that package.json declares', () => {
    expect(read('LICENSE')).toMatch(/^MIT License\n/)
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT')
  })
})
