// npm run release -- X.Y.Z [--dry-run] [--skip-checks] [--remote origin]: tags a release of main and pushes it.
// npm run release -- --notes X.Y.Z: prints the release notes (the CHANGELOG.md section of X.Y.Z).
// CONTRIBUTING.md ("Releasing") says when to run which; .github/workflows/release.yml runs both.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  changelogSection,
  isLatestOfMajor,
  parseVersion,
  releaseTags,
  type Version
} from './release-lib.ts'

const usage = `Usage:
  npm run release -- X.Y.Z [--dry-run] [--skip-checks] [--remote origin]
      Checks that HEAD is main, clean and pushed, that vX.Y.Z is a new tag, that package.json is at X.Y.Z and
      that CHANGELOG.md has a "## [X.Y.Z] - YYYY-MM-DD" section; then the build checks: the npm package holds
      its files (npm pack --dry-run), dist/ is fresh (.ci/check-dist) and the tests pass (npm test). Then tags
      vX.Y.Z, moves vX to it (when it is the latest X.*.*) and pushes both tags at once.
      --dry-run      run every check, print the git commands that would tag and push, and run none of them
      --skip-checks  skip the build checks (for tests of this script, or when they just ran on this commit)
      --remote       the remote to compare main with and to push to (default: origin)
  npm run release -- --notes X.Y.Z
      Prints the CHANGELOG.md section of X.Y.Z, the GitHub release's notes. Fails when there is none or
      package.json is at another version.`

function fail(message: string): never {
  console.error(`release: ${message}`)
  process.exit(1)
}

function readCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'skip-checks': { type: 'boolean', default: false },
        remote: { type: 'string', default: 'origin' },
        notes: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`)
  }
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  }).trimEnd()
}

function gitOrUndefined(args: string[], cwd: string): string | undefined {
  try {
    return git(args, cwd)
  } catch {
    return undefined
  }
}

const quote = (arg: string): string => (/^[\w@%+=:,./^{}-]+$/.test(arg) ? arg : `'${arg}'`)
const show = (command: string, args: string[]): string => [command, ...args].map(quote).join(' ')

/** Problems with what the release says about itself: package.json's version and the CHANGELOG.md section. */
function contentProblems(root: string, version: Version): { problems: string[]; notes?: string } {
  const problems: string[] = []
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version?: string
  }
  if (packageJson.version !== version.text) {
    problems.push(
      `package.json is at version ${packageJson.version}, not ${version.text}: run 'npm version ${version.text} --no-git-tag-version', commit and push`
    )
  }
  const changelogFile = path.join(root, 'CHANGELOG.md')
  const notes = existsSync(changelogFile)
    ? changelogSection(readFileSync(changelogFile, 'utf8'), version.text)
    : undefined
  if (notes === undefined) {
    problems.push(
      `CHANGELOG.md has no "## [${version.text}] - YYYY-MM-DD" section with notes: move the Unreleased entries under one`
    )
  }
  return { problems, notes }
}

interface GitState {
  problems: string[]
  head: string
  existing: Version[]
}

/** Problems with the repository: branch, working tree, whether main is pushed, whether the tag is new. */
function gitProblems(root: string, version: Version, remote: string): GitState {
  const problems: string[] = []
  const head = git(['rev-parse', 'HEAD'], root)
  const branch = gitOrUndefined(['symbolic-ref', '--quiet', '--short', 'HEAD'], root)
  if (branch !== 'main') {
    problems.push(`releases are made from main, and HEAD is ${branch ?? 'detached'}`)
  }
  const status = git(['status', '--porcelain'], root)
  if (status !== '') problems.push(`the working tree is not clean:\n${status}`)

  let remoteRefs: string
  try {
    remoteRefs = git(['ls-remote', remote, 'refs/heads/main', 'refs/tags/*'], root)
  } catch (error) {
    problems.push(
      `cannot read the remote '${remote}': ${((error as { stderr?: string }).stderr ?? String(error)).trim()}`
    )
    return { problems, head, existing: [] }
  }
  const refs = remoteRefs
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t') as [string, string])
  const remoteMain = refs.find(([, ref]) => ref === 'refs/heads/main')?.[0]
  if (remoteMain !== head) {
    problems.push(
      `HEAD (${head.slice(0, 12)}) is not ${remote}/main (${remoteMain?.slice(0, 12) ?? 'absent'}): push or pull main first`
    )
  }
  const tagNames = new Set(git(['tag', '--list', 'v*'], root).split('\n').filter(Boolean))
  for (const [, ref] of refs) {
    if (ref.startsWith('refs/tags/') && !ref.endsWith('^{}')) tagNames.add(ref.slice(10))
  }
  if (tagNames.has(version.tag)) problems.push(`the tag ${version.tag} exists already`)
  return { problems, head, existing: releaseTags([...tagNames]) }
}

/** What `npm pack` would put in the package: every plain file of package.json's files, something from each folder. */
function packageProblems(root: string): { problems: string[]; warnings: string[] } {
  const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    files?: string[]
    bin?: string | Record<string, string>
  }
  let packed: { files: { path: string }[] }[]
  try {
    packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe']
      })
    ) as typeof packed
  } catch (error) {
    return {
      problems: [`npm pack --dry-run failed: ${error instanceof Error ? error.message : error}`],
      warnings: []
    }
  }
  const files = new Set(packed[0].files.map((file) => file.path))
  const problems: string[] = []
  for (const entry of packageJson.files ?? []) {
    const present = entry.endsWith('/')
      ? [...files].some((file) => file.startsWith(entry))
      : files.has(entry)
    if (!present) problems.push(`the npm package would not contain ${entry}`)
  }
  const bins =
    typeof packageJson.bin === 'string' ? [packageJson.bin] : Object.values(packageJson.bin ?? {})
  const warnings = bins
    .map((bin) => path.posix.normalize(bin))
    .filter((bin) => !files.has(bin))
    .map(
      (bin) =>
        `${bin} (package.json bin) does not exist: the release workflow will not publish to npm`
    )
  return { problems, warnings }
}

function runCheck(root: string, command: string, args: string[]): void {
  console.log(`\n$ ${show(command, args)}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    fail(`'${show(command, args)}' failed: nothing was tagged`)
  }
}

function printNotes(root: string, version: Version): void {
  const { problems, notes } = contentProblems(root, version)
  if (problems.length > 0) fail(problems.join('\n'))
  console.log(notes)
}

function release(
  root: string,
  version: Version,
  options: { dryRun: boolean; skipChecks: boolean; remote: string }
): void {
  const state = gitProblems(root, version, options.remote)
  const content = contentProblems(root, version)
  const problems = [...state.problems, ...content.problems]
  if (problems.length > 0) {
    fail(`cannot release ${version.tag}:\n${problems.map((problem) => `- ${problem}`).join('\n')}`)
  }
  console.log(`Releasing ${version.tag} from main at ${state.head.slice(0, 12)}`)

  if (options.skipChecks) {
    console.log('Skipping npm pack --dry-run, .ci/check-dist and npm test (--skip-checks)')
  } else {
    const packed = packageProblems(root)
    if (packed.problems.length > 0)
      fail(`cannot release ${version.tag}:\n- ${packed.problems.join('\n- ')}`)
    for (const warning of packed.warnings) console.log(`warning: ${warning}`)
    runCheck(root, 'bash', ['.ci/check-dist'])
    runCheck(root, 'npm', ['test'])
    if (git(['status', '--porcelain'], root) !== '') {
      fail('the checks changed the working tree: nothing was tagged')
    }
  }

  const moveMajor = isLatestOfMajor(version, state.existing)
  const commands: string[][] = [['tag', '--annotate', '--message', version.tag, version.tag]]
  if (moveMajor) commands.push(['tag', '--force', version.majorTag, `${version.tag}^{commit}`])
  const push = [
    'push',
    '--atomic',
    options.remote,
    `refs/tags/${version.tag}`,
    ...(moveMajor ? [`+refs/tags/${version.majorTag}`] : [])
  ]
  const majorNote = moveMajor
    ? `${version.majorTag} moves to ${version.tag}`
    : `${version.majorTag} stays where it is: a later ${version.major}.x release exists`

  if (options.dryRun) {
    console.log(`\nDry run: every check passed; ${majorNote}. These commands would tag and push:`)
    for (const args of [...commands, push]) console.log(`  ${show('git', args)}`)
    return
  }

  const previousMajor = gitOrUndefined(
    ['rev-parse', '--verify', '--quiet', `refs/tags/${version.majorTag}`],
    root
  )
  for (const args of commands) git(args, root)
  try {
    git(push, root)
  } catch (error) {
    // Put the local tags back as they were, so that the release can simply be run again.
    git(['tag', '--delete', version.tag], root)
    if (moveMajor) {
      git(
        previousMajor
          ? ['tag', '--force', version.majorTag, previousMajor]
          : ['tag', '--delete', version.majorTag],
        root
      )
    }
    const stderr = (error as { stderr?: string }).stderr ?? String(error)
    fail(`'${show('git', push)}' failed; the local tags are as before:\n${stderr.trim()}`)
  }
  console.log(`\nReleased ${version.tag}; ${majorNote}. Pushed to ${options.remote}.`)
}

const { values, positionals } = readCommandLine()
if (values.help) {
  console.log(usage)
  process.exit(0)
}
if (positionals.length !== 1) fail(`give one version X.Y.Z\n\n${usage}`)
let version: Version
try {
  version = parseVersion(positionals[0])
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}
const root = gitOrUndefined(['rev-parse', '--show-toplevel'], process.cwd())
if (root === undefined) fail(`${process.cwd()} is not in a git repository`)

if (values.notes) {
  printNotes(root, version)
} else {
  release(root, version, {
    dryRun: values['dry-run'],
    skipChecks: values['skip-checks'],
    remote: values.remote
  })
}
