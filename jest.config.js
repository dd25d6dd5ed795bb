// ESM jest with ts-jest, as in actions/typescript-action; run through `npm test` (which sets --experimental-vm-modules).
// Three projects: `unit` (in-process, nock), `e2e` (the built dist/ against the emulator, files e2e-*.test.ts) and
// `e2e-node22` (the command's end-to-end tests again, the command on Node.js 22).
import { buildArgv } from 'jest'

// The end-to-end test files, as a glob (testMatch) and as a regular expression (testPathIgnorePatterns).
const E2E = '<rootDir>/__tests__/e2e-*.test.ts'
const E2E_PATTERN = '/__tests__/e2e-[^/]*\\.test\\.ts$'
/** The end-to-end tests of the command alone (dist/cli.js as a child process). */
const COMMAND_E2E = ['cli', 'cli-exits', 'cli-secrets', 'cli-words'].map(
  (name) => `<rootDir>/__tests__/e2e-${name}.test.ts`
)

/** What both projects share (a project does not inherit the options of the root config). */
const project = {
  clearMocks: true,
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup/server-text-equality.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.check.json', useESM: true }]
  }
}

/**
 * Whether this run selects some of the tests (a file, a test name, a project): its coverage then leaves most of src/
 * unrun, so it is reported but not held to the thresholds, and `npm test -- <file>` passes on its own.
 */
async function runsSomeTests() {
  const argv = await buildArgv(process.argv.slice(2))
  const selectors = [
    'testPathPatterns',
    'testNamePattern',
    'selectProjects',
    'ignoreProjects',
    'findRelatedTests',
    'onlyChanged',
    'onlyFailures',
    'changedSince',
    'lastCommit',
    'shard'
  ]
  return argv._.length > 0 || selectors.some((option) => argv[option])
}

export default async () => ({
  testTimeout: 30_000,
  // The end-to-end tests mostly wait on child processes, clocks and sockets: run files side by side even on 2 cores,
  // where the suite of 923 tests keeps them only 1.4 busy with four workers. Six ran it in 72-80 s, four in 81-124 s.
  maxWorkers: 6,
  verbose: true,
  // Test certificates for the whole run, made once (forge is slow inside jest's sandbox).
  globalSetup: '<rootDir>/__tests__/setup/certificates.ts',
  globalTeardown: '<rootDir>/__tests__/setup/certificates-teardown.ts',
  collectCoverage: true,
  // V8's own counters: instrumenting every file with babel doubled the time of a first run, in every worker.
  coverageProvider: 'v8',
  collectCoverageFrom: ['./src/**'],
  coverageDirectory: './coverage',
  coveragePathIgnorePatterns: ['/node_modules/', '/dist/'],
  coverageReporters: ['json-summary', 'text-summary', 'lcov'],
  // A little below what the suite reaches, as V8 counts it. The client and the engine are run in-process by the unit
  // tests, so their branches are the behaviour measured (95.0 % and 93.6 %). jest leaves the files of those two
  // directories out of `global`, which covers the faces, the inputs and src/common (lines 89.5 %): the faces' entry
  // points, the command's Node.js check and its terminal prompt run only in the end-to-end tests' child processes,
  // which V8 does not count here.
  coverageThreshold: (await runsSomeTests())
    ? {}
    : {
        global: { lines: 88, branches: 94 },
        './src/arcgis/': { branches: 94 },
        './src/restart/': { branches: 93 }
      },
  projects: [
    {
      ...project,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: [...project.testPathIgnorePatterns, E2E_PATTERN]
    },
    {
      ...project,
      displayName: 'e2e',
      testMatch: [E2E],
      // The end-to-end tests run dist/: make sure it was built from the src/ on disk.
      globalSetup: '<rootDir>/__tests__/setup/fresh-dist.ts'
    },
    {
      // The command's own end-to-end tests again, the command run by Node.js 22, the older maintained release line
      // that it supports (the action runs on node24 only).
      ...project,
      displayName: 'e2e-node22',
      testMatch: COMMAND_E2E,
      setupFiles: ['<rootDir>/__tests__/setup/node22.ts'],
      globalSetup: '<rootDir>/__tests__/setup/fresh-dist.ts'
    }
  ]
})
