// The release script against a throwaway repository whose origin is a local bare repository: what it tags, what it
// pushes, what it refuses, and that --dry-run changes nothing. Nothing here reaches a real remote.
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  changelogSection,
  compareVersions,
  isLatestOfMajor,
  parseVersion,
  releaseTags
} from '../scripts/release-lib.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RELEASE = path.join(ROOT, 'scripts', 'release.ts')

// Git as a fresh machine has it: no user configuration, a fixed identity for commits and tags.
const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release-test@example.invalid'
}

function changelog(...versions: string[]): string {
  return [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    ...versions.flatMap((version) => [
      `## [${version}] - 2026-11-27`,
      '',
      '### Fixed',
      '',
      `- Something fixed in ${version}.`,
      ''
    ]),
    ...versions.map((version) => `[${version}]: https://example.invalid/releases/v${version}`),
    ''
  ].join('\n')
}

// Each release run starts node, git and npm: generous timeouts for a busy 2-core machine.
const SLOW = 90_000

const directories: string[] = []
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true })
})

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

interface Fixture {
  work: string
  remote: string
  /** Lines appended by the fixture's .ci/check-dist and npm test, in order. */
  checks: () => string[]
  git: (...args: string[]) => string
  /** Sets package.json's version and CHANGELOG.md, commits and pushes main. */
  prepare: (version: string, ...changelogVersions: string[]) => string
  release: (...args: string[]) => Promise<Run>
  remoteTags: () => Record<string, string>
}

/** A repository shaped like this one (package.json, CHANGELOG.md, .ci/check-dist, dist/), cloned from a bare one. */
function fixture(options: { testsPass?: boolean } = {}): Fixture {
  const directory = mkdtempSync(path.join(tmpdir(), 'release-test-'))
  directories.push(directory)
  const remote = path.join(directory, 'remote.git')
  const work = path.join(directory, 'work')
  const checksLog = path.join(directory, 'checks.log')
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: work,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe']
    }).trim()

  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', remote], {
    env: { ...process.env, ...GIT_ENV }
  })
  mkdirSync(path.join(work, '.ci'), { recursive: true })
  mkdirSync(path.join(work, 'dist'))
  git('init', '--quiet', '--initial-branch=main')
  git('remote', 'add', 'origin', remote)
  const record = (what: string, exitCode: number): string =>
    `node -e "require('fs').appendFileSync(process.env.CHECKS_LOG, '${what}\\n'); process.exit(${exitCode})"`
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify(
      {
        name: 'release-fixture',
        version: '0.0.0',
        bin: { 'release-fixture': 'dist/cli.js' },
        files: ['dist/', 'README.md', 'LICENSE', 'CHANGELOG.md'],
        scripts: { test: record('npm test', options.testsPass === false ? 1 : 0) }
      },
      null,
      2
    )
  )
  writeFileSync(path.join(work, '.ci', 'check-dist'), `${record('check-dist', 0)}\n`)
  chmodSync(path.join(work, '.ci', 'check-dist'), 0o755)
  writeFileSync(path.join(work, 'dist', 'index.js'), 'export {}\n')
  writeFileSync(path.join(work, 'README.md'), '# Fixture\n')
  writeFileSync(path.join(work, 'LICENSE'), 'MIT\n')
  writeFileSync(path.join(work, 'CHANGELOG.md'), changelog())
  git('add', '.')
  git('commit', '--quiet', '--message', 'Initial commit')
  git('push', '--quiet', 'origin', 'main')

  return {
    work,
    remote,
    git,
    checks: () => {
      try {
        return readFileSync(checksLog, 'utf8').trim().split('\n')
      } catch {
        return []
      }
    },
    prepare(version, ...changelogVersions) {
      const packageFile = path.join(work, 'package.json')
      const packageJson = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }
      packageJson.version = version
      writeFileSync(packageFile, JSON.stringify(packageJson, null, 2))
      writeFileSync(path.join(work, 'CHANGELOG.md'), changelog(...changelogVersions))
      git('commit', '--quiet', '--all', '--message', `Prepare ${version}`)
      git('push', '--quiet', 'origin', 'main')
      return git('rev-parse', 'HEAD')
    },
    release(...args) {
      const child = spawn(process.execPath, [RELEASE, ...args], {
        cwd: work,
        env: { ...process.env, ...GIT_ENV, CHECKS_LOG: checksLog },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
      return new Promise((resolve, reject) => {
        child.once('error', reject)
        child.once('close', (status) => resolve({ status, stdout, stderr }))
      })
    },
    remoteTags() {
      // refs/tags/vX.Y.Z^{} is the commit an annotated tag points to.
      const lines = execFileSync('git', ['ls-remote', '--tags', remote], { encoding: 'utf8' })
      const tags: Record<string, string> = {}
      for (const line of lines.trim().split('\n').filter(Boolean)) {
        const [sha, ref] = line.split('\t')
        tags[ref.replace('refs/tags/', '')] = sha
      }
      return tags
    }
  }
}

describe('npm run release', () => {
  it(
    'runs check-dist and the tests, then pushes an annotated vX.Y.Z and vX on the release commit',
    async () => {
      const repo = fixture()
      const head = repo.prepare('1.2.3', '1.2.3')

      const result = await repo.release('1.2.3')

      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
      expect(repo.checks()).toEqual(['check-dist', 'npm test'])
      expect(result.stdout).toContain('warning: dist/cli.js (package.json bin) does not exist')
      const tags = repo.remoteTags()
      expect(tags['v1.2.3^{}']).toBe(head)
      expect(tags['v1.2.3']).not.toBe(head) // the annotated tag object
      expect(repo.git('cat-file', '-t', 'v1.2.3')).toBe('tag')
      expect(tags.v1).toBe(head)
      expect(Object.keys(tags).sort()).toEqual(['v1', 'v1.2.3', 'v1.2.3^{}'])
    },
    SLOW
  )

  it(
    'moves vX to a newer release, not to a patch of an older line, and starts vX+1 beside it',
    async () => {
      const repo = fixture()
      repo.prepare('1.2.3', '1.2.3')
      expect((await repo.release('1.2.3', '--skip-checks')).status).toBe(0)
      const minor = repo.prepare('1.3.0', '1.3.0', '1.2.3')
      expect((await repo.release('v1.3.0', '--skip-checks')).status).toBe(0)
      expect(repo.remoteTags().v1).toBe(minor)

      const patch = repo.prepare('1.2.4', '1.3.0', '1.2.4', '1.2.3')
      const result = await repo.release('1.2.4', '--skip-checks')

      expect(result.status).toBe(0)
      expect(result.stdout).toContain('v1 stays where it is: a later 1.x release exists')
      expect(repo.remoteTags()['v1.2.4^{}']).toBe(patch)
      expect(repo.remoteTags().v1).toBe(minor)

      const major = repo.prepare('2.0.0', '2.0.0', '1.3.0', '1.2.4', '1.2.3')
      expect((await repo.release('2.0.0', '--skip-checks')).status).toBe(0)
      expect(repo.remoteTags().v2).toBe(major)
      expect(repo.remoteTags().v1).toBe(minor)
      expect(repo.checks()).toEqual([])
    },
    SLOW
  )

  it(
    '--dry-run runs the checks, prints the git commands, and creates and pushes nothing',
    async () => {
      const repo = fixture()
      repo.prepare('1.0.0', '1.0.0')

      const result = await repo.release('1.0.0', '--dry-run')

      expect(result.status).toBe(0)
      expect(repo.checks()).toEqual(['check-dist', 'npm test'])
      expect(result.stdout).toContain('git tag --annotate --message v1.0.0 v1.0.0')
      expect(result.stdout).toContain('git tag --force v1 v1.0.0^{commit}')
      expect(result.stdout).toContain('git push --atomic origin refs/tags/v1.0.0 +refs/tags/v1')
      expect(repo.remoteTags()).toEqual({})
      expect(repo.git('tag', '--list')).toBe('')
    },
    SLOW
  )

  it(
    'tags nothing when the tests fail',
    async () => {
      const repo = fixture({ testsPass: false })
      repo.prepare('1.0.0', '1.0.0')

      const result = await repo.release('1.0.0')

      expect(result.status).toBe(1)
      expect(result.stderr).toContain("'npm test' failed: nothing was tagged")
      expect(repo.checks()).toEqual(['check-dist', 'npm test'])
      expect(repo.remoteTags()).toEqual({})
      expect(repo.git('tag', '--list')).toBe('')
    },
    SLOW
  )

  it(
    'refuses a release whose npm package would miss a file of package.json files',
    async () => {
      const repo = fixture()
      repo.git('rm', '--quiet', 'LICENSE')
      repo.prepare('1.0.0', '1.0.0')

      const result = await repo.release('1.0.0')

      expect(result.status).toBe(1)
      expect(result.stderr).toContain('the npm package would not contain LICENSE')
      expect(repo.checks()).toEqual([])
      expect(repo.remoteTags()).toEqual({})
    },
    SLOW
  )

  it(
    'refuses a release from another branch, a dirty tree, unpushed commits, or without its changelog and version',
    async () => {
      const repo = fixture()
      repo.git('checkout', '--quiet', '-b', 'feature')
      writeFileSync(path.join(repo.work, 'dist', 'index.js'), 'export const changed = 1\n')
      repo.git('commit', '--quiet', '--all', '--message', 'Not pushed')
      writeFileSync(path.join(repo.work, 'untracked.txt'), 'x\n')

      const result = await repo.release('1.0.0')

      expect(result.status).toBe(1)
      expect(result.stderr).toContain('releases are made from main, and HEAD is feature')
      expect(result.stderr).toContain('the working tree is not clean:\n?? untracked.txt')
      expect(result.stderr).toMatch(/HEAD \([0-9a-f]{12}\) is not origin\/main \([0-9a-f]{12}\)/)
      expect(result.stderr).toContain('package.json is at version 0.0.0, not 1.0.0')
      expect(result.stderr).toContain('CHANGELOG.md has no "## [1.0.0] - YYYY-MM-DD" section')
      expect(repo.checks()).toEqual([])
      expect(repo.remoteTags()).toEqual({})
    },
    SLOW
  )

  it(
    'refuses a version that is tagged already or is not X.Y.Z',
    async () => {
      const repo = fixture()
      repo.prepare('1.0.0', '1.0.0')
      expect((await repo.release('1.0.0', '--skip-checks')).status).toBe(0)
      repo.git('tag', '--delete', 'v1.0.0') // only the remote knows it now

      const again = await repo.release('1.0.0', '--skip-checks')
      expect(again.status).toBe(1)
      expect(again.stderr).toContain('the tag v1.0.0 exists already')
      for (const version of ['1.0', 'v1.0.0-rc.1', '01.0.0', 'latest']) {
        const result = await repo.release(version)
        expect({ version, status: result.status }).toEqual({ version, status: 1 })
        expect(result.stderr).toContain(`'${version}' is not a version X.Y.Z`)
      }
    },
    SLOW
  )

  it(
    'puts the local tags back when the push is refused, so that it can be run again',
    async () => {
      const repo = fixture()
      const first = repo.prepare('1.0.0', '1.0.0')
      expect((await repo.release('1.0.0', '--skip-checks')).status).toBe(0)
      repo.prepare('1.1.0', '1.1.0', '1.0.0')
      const hook = path.join(repo.remote, 'hooks', 'pre-receive')
      writeFileSync(hook, '#!/bin/sh\necho "tags are protected" >&2\nexit 1\n')
      chmodSync(hook, 0o755)

      const result = await repo.release('1.1.0', '--skip-checks')

      expect(result.status).toBe(1)
      expect(result.stderr).toContain('the local tags are as before')
      expect(result.stderr).toContain('tags are protected')
      expect(repo.git('tag', '--list')).toBe('v1\nv1.0.0')
      expect(repo.git('rev-parse', 'v1')).toBe(first)
      expect(repo.remoteTags().v1).toBe(first)
    },
    SLOW
  )

  it(
    '--notes prints the CHANGELOG section of a version, for the GitHub release',
    async () => {
      const repo = fixture()
      repo.prepare('1.3.0', '1.3.0', '1.2.3')

      const notes = await repo.release('--notes', '1.3.0')
      expect(notes.status).toBe(0)
      expect(notes.stdout).toBe('### Fixed\n\n- Something fixed in 1.3.0.\n')

      const missing = await repo.release('--notes', '1.4.0')
      expect(missing.status).toBe(1)
      expect(missing.stderr).toContain('package.json is at version 1.3.0, not 1.4.0')
      expect(missing.stderr).toContain('CHANGELOG.md has no "## [1.4.0] - YYYY-MM-DD" section')
    },
    SLOW
  )
})

describe('release-lib', () => {
  it('reads versions and orders them numerically', () => {
    expect(parseVersion('v10.2.3')).toEqual({
      major: 10,
      minor: 2,
      patch: 3,
      text: '10.2.3',
      tag: 'v10.2.3',
      majorTag: 'v10'
    })
    expect(
      releaseTags(['v1.10.0', 'v1', 'v1.9.2', 'latest', '2.0.0', 'v1.9.10']).map((v) => v.text)
    ).toEqual(['1.9.2', '1.9.10', '1.10.0'])
    expect(compareVersions(parseVersion('2.0.0'), parseVersion('1.99.99'))).toBeGreaterThan(0)
    const existing = releaseTags(['v1.2.0', 'v1.10.0', 'v2.0.0'])
    expect(isLatestOfMajor(parseVersion('1.10.1'), existing)).toBe(true)
    expect(isLatestOfMajor(parseVersion('1.9.0'), existing)).toBe(false)
    expect(isLatestOfMajor(parseVersion('3.0.0'), existing)).toBe(true)
  })

  it("finds a release's section, not the Unreleased one, a similar version or the link references", () => {
    const text = [
      '# Changelog',
      '## [Unreleased]',
      '- not yet',
      '## [1.0.10] - 2026-12-01',
      '- ten',
      '## [1.0.1] - 2026-11-30',
      '### Fixed',
      '- one',
      '',
      '[unreleased]: https://example.invalid/compare/v1.0.10...HEAD',
      '[1.0.10]: https://example.invalid/v1.0.10'
    ].join('\n')
    expect(changelogSection(text, '1.0.1')).toBe('### Fixed\n- one')
    expect(changelogSection(text, '1.0.10')).toBe('- ten')
    expect(changelogSection(text, '1.0.0')).toBeUndefined()
    expect(
      changelogSection('## [1.0.0] - 2026-11-30\n\n## [0.9.0] - 2026-11-01\n- x', '1.0.0')
    ).toBe(undefined)
  })

  it('CHANGELOG.md keeps the Keep a Changelog shape the release script reads', () => {
    const text = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')
    const headings = text.split('\n').filter((line) => line.startsWith('## '))
    expect(headings[0]).toBe('## [Unreleased]')
    for (const heading of headings.slice(1)) {
      expect(heading).toMatch(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/)
      const version = /\[(.+)\]/.exec(heading)![1]
      expect({ version, notes: changelogSection(text, version) !== undefined }).toEqual({
        version,
        notes: true
      })
      expect(text.toLowerCase()).toContain(`\n[${version}]: https://`)
    }
    expect(text.toLowerCase()).toContain('\n[unreleased]: https://')
  })
})
