import type { ArcGISAdminClient, Deployment } from '../arcgis/admin-client.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import type { RestartInputs } from '../inputs.js'
import type { Logger } from '../common/logger.js'
import { notKubernetes } from './first-contact.js'

/** A deployment to restart, with the services that led to it. */
export interface Target {
  deployment: Deployment
  /** The `service` inputs that resolved to this deployment, in input order. */
  services: string[]
}

/**
 * Turns the deployment-id and service inputs into deployments, each once, in input order (ids first), and reads
 * each deployment so that an unknown one fails before anything restarts. Warns when a deployment is Shared.
 */
export async function resolveTargets(
  client: ArcGISAdminClient,
  inputs: Pick<RestartInputs, 'portalUrl' | 'deploymentIds' | 'services'>,
  logger: Logger
): Promise<Target[]> {
  const ensureKubernetes = async (evidence: string) => {
    if (!(await client.hasDeployments())) {
      throw notKubernetes(
        inputs.portalUrl,
        `${evidence}, and its admin API has no system/deployments`
      )
    }
  }
  const servicesById = new Map<string, string[]>(inputs.deploymentIds.map((id) => [id, []]))
  for (const service of inputs.services) {
    const ids = await client.getServiceDeploymentIds(service)
    if (ids.length === 0) {
      await ensureKubernetes(`service ${service.label} names no deployment`)
      throw new Error(
        `Service ${service.label} names no deployment (no deploymentId in its admin resource nor in its scaling resource); name its deployment-id instead`
      )
    }
    logger.info(
      `Service ${service.label} runs in deployment${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`
    )
    for (const id of ids) servicesById.set(id, [...(servicesById.get(id) ?? []), service.label])
  }

  const targets: Target[] = []
  for (const [id, services] of servicesById) {
    const deployment = await client.getDeployment(id).catch(async (error: unknown) => {
      if (error instanceof ArcGISRequestError && error.code === 404) {
        await ensureKubernetes(`deployment ${id} was not found`)
      }
      throw error
    })
    if (deployment.mode?.toLowerCase() === 'shared') {
      logger.warning(
        `Deployment ${id} (${deployment.name ?? 'unnamed'}) is Shared: refreshing it restarts the pods of every service that shares it${services.length ? `, not only ${services.join(', ')}` : ''}.`
      )
    }
    targets.push({ deployment, services })
  }
  return targets
}

export function describeTarget({ deployment }: Target): string {
  return describeDeployment(deployment.name, deployment.id)
}

/** `shared-mapserver (kvy7…)`, or the id alone when the deployment has no name. */
export function describeDeployment(name: string | undefined, id: string): string {
  return name ? `${name} (${id})` : id
}
