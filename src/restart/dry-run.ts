import type { ArcGISAdminClient } from '../arcgis/admin-client.js'
import type { Logger } from '../common/logger.js'
import { describeStatus, isReady } from './readiness.js'
import { resultFor, type RestartResult } from './results.js'
import { describeTarget, type Target } from './targets.js'

/** A dry run's look at one deployment: what would restart, and whether it is healthy now. */
export async function inspectDeployment(
  target: Target,
  client: ArcGISAdminClient,
  logger: Logger
): Promise<RestartResult> {
  const status = await client.getDeploymentStatus(target.deployment.id)
  const mode = target.deployment.mode ? `${target.deployment.mode}, ` : ''
  logger.info(`Would restart ${describeTarget(target)}: ${mode}${describeStatus(status)}`)
  return resultFor(target, { status: 'NOT RESTARTED', outcome: 'dry-run', ready: isReady(status) })
}
