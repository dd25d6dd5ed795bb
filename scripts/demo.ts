// npm run demo: starts the ArcGIS admin API emulator and runs the bundled action (dist/index.js) against it on two
// deployments exactly as the runner would, showing the Actions log, the outputs and the step summary.
// npm run demo -- --cli: the same restart through the command (dist/cli.js), as GitLab CI or a laptop would run it.
import { runAction } from '../emulator/run-action.ts'
import { runCommand } from '../emulator/run-command.ts'
import { scenarios, startEmulator, type Emulator } from '../emulator/server.ts'
import { renderRunnerLog, renderSummary } from './runner-log.ts'

const emulator = await startEmulator({
  ...scenarios.success,
  submittedMs: 500,
  executingMs: 3_000,
  readyDelayMs: 1_500
})
try {
  console.log(`ArcGIS admin API emulator at ${emulator.portalUrl}`)
  process.exitCode = process.argv.includes('--cli')
    ? await demoCommand(emulator)
    : await demoAction(emulator)
} finally {
  await emulator.close()
}

async function demoAction(emulator: Emulator): Promise<number> {
  const inputs = {
    'portal-url': emulator.portalUrl,
    username: 'admin',
    password: 'emulator-password',
    'deployment-id': emulator.deploymentIds[0],
    service: 'Hosted/Parcels.FeatureServer',
    timeout: '2m'
  }
  console.log('The step:')
  console.log('  - uses: ./')
  console.log('    with:')
  for (const [name, value] of Object.entries(inputs)) {
    console.log(
      `      ${name}: ${name === 'password' ? '${{ secrets.ARCGIS_ADMIN_PASSWORD }}' : value}`
    )
  }

  const run = await runAction({ inputs })

  console.log('\n── Actions log ─────────────────────────────────────────────')
  console.log(renderRunnerLog(run.stdout))
  if (run.stderr.trim()) console.log(run.stderr.trim())
  console.log('\n── Outputs ─────────────────────────────────────────────────')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}: ${value}`)
  console.log('\n── Step summary ────────────────────────────────────────────')
  console.log(renderSummary(run.summary))
  return finished(run.exitCode, run.durationMs)
}

async function demoCommand(emulator: Emulator): Promise<number> {
  const args = [
    '--portal-url',
    emulator.portalUrl,
    '--deployment-id',
    emulator.deploymentIds[0],
    '--service',
    'Hosted/Parcels.FeatureServer',
    '--timeout',
    '2m',
    '--json'
  ]
  console.log('The command (the password comes from the environment, never from a flag):')
  console.log(`  ARCGIS_USERNAME=admin ARCGIS_PASSWORD=… node dist/cli.js ${args.join(' ')}`)

  const run = await runCommand({
    args,
    env: { ARCGIS_USERNAME: 'admin', ARCGIS_PASSWORD: 'emulator-password' }
  })

  console.log('\n── stderr (for people) ─────────────────────────────────────')
  console.log(run.stderr.trimEnd())
  console.log('\n── stdout (--json) ─────────────────────────────────────────')
  console.log(run.stdout.trimEnd())
  return finished(run.exitCode, run.durationMs)
}

function finished(exitCode: number | null, durationMs: number): number {
  console.log(
    `\nIt ${exitCode === 0 ? 'succeeded' : `failed (exit ${exitCode})`} in ${(durationMs / 1000).toFixed(1)} s; the emulator saw ${emulator.requests.length} requests.`
  )
  return exitCode ?? 1
}
