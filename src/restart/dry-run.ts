import type { ArcGISAdminClient } from '../arcgis/admin-client.js'
import { isStopped, type Deployment, type DeploymentStatus } from '../arcgis/answers.js'
import { fixedWidthLines } from '../common/fixed-width.js'
import type { Logger } from '../common/logger.js'
import { describeStatus, isReady } from './readiness.js'
import { resultFor, type RestartResult } from './results.js'
import { describeTarget, type Selection } from './targets.js'

/** One deployment in a dry run's table. */
export interface InventoryRow {
  deployment: Deployment
  /** `1/2`; `?` where the status does not say. */
  replicasReady: string
  /** False for a deployment a filter matched but left out: one that restarts only when named, or a stopped one. */
  wouldRestart: boolean
}

/**
 * A dry run: reads the status of every deployment selected (and of every one a filter left out, stopped ones
 * included), says what would
 * restart, and logs them all as a table, so that the ids can be found without the admin directory. `report` hears
 * each target's result. Restarts nothing.
 */
export async function dryRun(
  { targets, namedOnly, stopped }: Selection,
  client: ArcGISAdminClient,
  logger: Logger,
  report: (index: number, result: RestartResult) => void
): Promise<InventoryRow[]> {
  const rows: InventoryRow[] = []
  for (const [index, target] of targets.entries()) {
    const status = await client.getDeploymentStatus(target.deployment.id)
    const mode = target.deployment.mode ? `${target.deployment.mode}, ` : ''
    logger.info(`Would restart ${describeTarget(target)}: ${mode}${describeStatus(status)}`)
    report(
      index,
      resultFor(target, { status: 'NOT RESTARTED', outcome: 'dry-run', ready: isReady(status) })
    )
    rows.push(inventoryRow(target.deployment, status, true))
  }
  for (const deployment of [...namedOnly, ...stopped]) {
    rows.push(inventoryRow(deployment, await client.getDeploymentStatus(deployment.id), false))
  }
  logTable(rows, logger)
  return rows
}

function inventoryRow(
  deployment: Deployment,
  status: DeploymentStatus,
  wouldRestart: boolean
): InventoryRow {
  return {
    deployment,
    replicasReady: `${status.readyReplicas ?? '?'}/${status.totalReplicas ?? '?'}`,
    wouldRestart
  }
}

export const INVENTORY_COLUMNS = ['Deployment', 'Id', 'Type', 'Mode', 'State', 'Ready', 'Restart']

/** The cells of a row, in the order of INVENTORY_COLUMNS. */
export function inventoryCells({
  deployment,
  replicasReady,
  wouldRestart
}: InventoryRow): string[] {
  return [
    deployment.name ?? '',
    deployment.id,
    deployment.type ?? '',
    deployment.mode ?? '',
    // Blank when the server does not say (older servers): the run takes such a deployment as started.
    deployment.configuredState ?? '',
    replicasReady,
    wouldRestart ? 'yes' : isStopped(deployment) ? 'no: stopped' : 'only when named'
  ]
}

function logTable(rows: InventoryRow[], logger: Logger): void {
  if (rows.length === 0) return
  logger.info(`Deployments (${rows.filter((row) => row.wouldRestart).length} would restart):`)
  for (const line of fixedWidthLines([INVENTORY_COLUMNS, ...rows.map(inventoryCells)])) {
    logger.info(line)
  }
}
