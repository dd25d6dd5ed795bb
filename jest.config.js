// ESM jest with ts-jest, as in actions/typescript-action; run through `npm test`
// (which sets --experimental-vm-modules).
export default {
  clearMocks: true,
  testTimeout: 30_000,
  // The end-to-end tests mostly wait on child processes and sockets: run files side by side even on 2 cores.
  maxWorkers: 3,
  collectCoverage: true,
  collectCoverageFrom: ['./src/**'],
  coverageDirectory: './coverage',
  coveragePathIgnorePatterns: ['/node_modules/', '/dist/'],
  coverageReporters: ['json-summary', 'text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90 } },
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.check.json', useESM: true }]
  },
  verbose: true
}
