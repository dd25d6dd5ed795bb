import type { DeploymentStatus } from '../arcgis/answers.js'

/** Ready means every replica is ready and the deployment is STARTED. */
export function isReady(status: DeploymentStatus): boolean {
  return (
    status.currentState?.toUpperCase() === 'STARTED' &&
    status.totalReplicas !== undefined &&
    status.readyReplicas === status.totalReplicas
  )
}

export function describeStatus(status: DeploymentStatus): string {
  return `${status.readyReplicas ?? '?'}/${status.totalReplicas ?? '?'} replicas ready, ${status.currentState ?? 'state unknown'}`
}
