// npm run demo: starts the ArcGIS admin API emulator, runs the bundled action (dist/index.js) against it on two
// deployments exactly as the runner would, and shows the Actions log, the outputs and the step summary.
import { runAction } from '../emulator/run-action.ts'
import { scenarios, startEmulator } from '../emulator/server.ts'
import { renderRunnerLog, renderSummary } from './runner-log.ts'

const emulator = await startEmulator({
  ...scenarios.success,
  submittedMs: 500,
  executingMs: 3_000,
  readyDelayMs: 1_500
})
try {
  const inputs = {
    'portal-url': emulator.portalUrl,
    username: 'admin',
    password: 'emulator-password',
    'deployment-id': emulator.deploymentIds[0],
    service: 'Hosted/Parcels.FeatureServer',
    timeout: '2m'
  }
  console.log(`ArcGIS admin API emulator at ${emulator.portalUrl}`)
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
  console.log(
    `\nThe step ${run.exitCode === 0 ? 'succeeded' : `failed (exit ${run.exitCode})`} in ${(run.durationMs / 1000).toFixed(1)} s; the emulator saw ${emulator.requests.length} requests.`
  )
  process.exitCode = run.exitCode ?? 1
} finally {
  await emulator.close()
}
