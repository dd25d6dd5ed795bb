// npm run emulator -- --port 8443 --scenario success [--tls] [--host 127.0.0.1] [--outputs-file FILE]
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultUsers, scenarios, startEmulator } from './server.ts'
import { createTestCertificates } from './tls.ts'

const usage = `Usage: npm run emulator -- [--port 8443] [--scenario success] [--tls] [--host 127.0.0.1] [--outputs-file FILE]

--outputs-file FILE  once listening, write portal-url=, token=, deployment-ids= (and ca-file= with --tls)
                     lines to FILE, for a workflow step that appends them to $GITHUB_OUTPUT

Scenarios: ${Object.keys(scenarios).join(', ')}`

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`)
  process.exit(2)
}

function readFlags() {
  return parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      scenario: { type: 'string', default: 'success' },
      tls: { type: 'boolean', default: false },
      'outputs-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  }).values
}

function parseCommandLine(): {
  host: string
  port: number
  scenario: string
  tls: boolean
  outputsFile?: string
} {
  let values: ReturnType<typeof readFlags>
  try {
    values = readFlags()
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }
  if (values.help) {
    console.log(usage)
    process.exit(0)
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port must be an integer from 0 to 65535, not '${values.port}'`)
  }
  if (!Object.hasOwn(scenarios, values.scenario)) {
    fail(
      `Unknown scenario '${values.scenario}'. Known scenarios: ${Object.keys(scenarios).join(', ')}`
    )
  }
  return {
    host: values.host,
    port,
    scenario: values.scenario,
    tls: values.tls,
    outputsFile: values['outputs-file']
  }
}

const commandLine = parseCommandLine()
let caDirectory: string | undefined
let tls: { key: string; cert: string } | undefined
if (commandLine.tls) {
  const certificates = createTestCertificates([
    ...new Set([commandLine.host, 'localhost', '127.0.0.1'])
  ])
  caDirectory = mkdtempSync(path.join(tmpdir(), 'arcgis-emulator-ca-'))
  writeFileSync(path.join(caDirectory, 'ca.pem'), certificates.caCert)
  tls = { key: certificates.key, cert: certificates.cert }
}

const scenario = scenarios[commandLine.scenario]
const emulator = await startEmulator({
  ...scenario,
  host: commandLine.host,
  port: commandLine.port,
  tls
})

const caFile = caDirectory ? path.join(caDirectory, 'ca.pem') : undefined
const exampleCommand = [
  `ARCGIS_TOKEN='${emulator.token}'`,
  ...(caFile ? [`NODE_EXTRA_CA_CERTS=${caFile}`] : []),
  'npx node dist/cli.js',
  `--portal-url ${emulator.portalUrl}`,
  `--deployment-id ${emulator.deploymentIds[0]}`,
  '--poll-interval 1s'
].join(' ')
const lines = [
  `ArcGIS admin API emulator, scenario '${commandLine.scenario}'`,
  `  portal URL:     ${emulator.portalUrl}`,
  `  token:          ${emulator.token}`,
  ...(scenario.users ?? defaultUsers).map(
    (user) => `  ${`${user.role}:`.padEnd(16)}${user.username} / ${user.password}`
  ),
  `  deployment ids: ${emulator.deploymentIds.join(', ')}`
]
if (caFile) {
  lines.push(
    `  CA certificate: ${caFile}`,
    `  trust it with:  NODE_EXTRA_CA_CERTS=${caFile} (or pass its content as the ca-certificate input)`
  )
}
lines.push(
  '',
  'Run the built command against it (npm run demo runs the action as the runner would):',
  `  ${exampleCommand}`,
  '',
  'Ctrl-C stops it.'
)
console.log(lines.join('\n'))

if (commandLine.outputsFile) {
  // Written whole and then renamed, so that a script waiting for the file never reads half of it.
  const outputs = [
    `portal-url=${emulator.portalUrl}`,
    `token=${emulator.token}`,
    `deployment-ids=${emulator.deploymentIds.join(',')}`,
    ...(caFile ? [`ca-file=${caFile}`] : [])
  ]
  const partial = `${commandLine.outputsFile}.partial`
  writeFileSync(partial, `${outputs.join('\n')}\n`)
  renameSync(partial, commandLine.outputsFile)
}

let stopping = false
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping after ${emulator.requests.length} requests`)
  await emulator.close()
  if (caDirectory) rmSync(caDirectory, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', (signal) => void stop(signal))
process.on('SIGTERM', (signal) => void stop(signal))
