// The first module of the command (src/cli/index.ts imports it before anything else, so it runs first in the
// bundle too): on a Node.js that cannot run the command, one line and exit code 2 instead of a failure half-way
// (Node.js 20 has no tls.getCACertificates). Plain code only: it must parse and run on any Node.js.
import { invalidInputDocument } from './invalid-input.js'

const MINIMUM_MAJOR = 22

if (Number(process.versions.node.split('.')[0]) < MINIMUM_MAJOR) {
  const error = `arcgis-k8s-restart needs Node.js ${MINIMUM_MAJOR} or later; this is ${process.version}`
  process.stderr.write(`${error}\n`)
  // --json promises its document on every exit: the one of exit code 2, as for any input the command cannot run with.
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(invalidInputDocument(error), null, 2)}\n`)
  }
  process.exit(2)
}
