/**
 * The --json document of exit code 2: what was given cannot be used, and nothing was sent. Plain code without imports:
 * the Node.js check (node-version.ts), which must run on any Node.js, writes it too.
 */
export function invalidInputDocument(error: string) {
  return {
    outcome: 'invalid-input',
    exitCode: 2,
    error,
    serverVersion: null,
    durationSeconds: 0,
    results: []
  }
}
