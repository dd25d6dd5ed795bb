// The deployments a test seeds and the GIS services they run, and how the admin API describes them.
// Service paths match case-sensitively. Readiness comes from the restarts (Jobs.readyReplicas).
import { json, type Answer, type ErrorAnswers } from './answers.ts'
import type { DeploymentSeed } from './types.ts'

interface ServiceRecord {
  serviceName: string
  type: string
  folderName: string
  deploymentId: string
}

export class Deployments {
  readonly #seeds = new Map<string, DeploymentSeed>()
  /** By 'Folder/Name.Type', or 'Name.Type' in the root folder. */
  readonly #services = new Map<string, ServiceRecord>()
  readonly #errors: ErrorAnswers

  constructor(seeds: DeploymentSeed[], errors: ErrorAnswers) {
    this.#errors = errors
    for (const seed of seeds) {
      if (this.#seeds.has(seed.deploymentId)) {
        throw new Error(`Duplicate deploymentId '${seed.deploymentId}'`)
      }
      this.#seeds.set(seed.deploymentId, seed)
    }
    for (const seed of this.#seeds.values()) {
      for (const service of seed.services ?? []) {
        this.#services.set(service, parseServiceName(service, seed.deploymentId))
      }
    }
  }

  get ids(): string[] {
    return [...this.#seeds.keys()]
  }

  get(deploymentId: string): DeploymentSeed | undefined {
    return this.#seeds.get(deploymentId)
  }

  notFound(deploymentId: string): Answer {
    return this.#errors.admin(404, [`Deployment '${deploymentId}' does not exist.`])
  }

  /** GET system/deployments */
  list(): Answer {
    return json({ deployments: [...this.#seeds.values()].map(summary) })
  }

  /** GET system/deployments/<id> */
  describe(seed: DeploymentSeed): Answer {
    return json({
      ...summary(seed),
      configuredState: 'STARTED',
      spec: { replicas: seed.replicas ?? 1 }
    })
  }

  /** GET system/deployments/<id>/status */
  status(seed: DeploymentSeed, readyReplicas: number): Answer {
    return json({
      name: seed.name,
      id: seed.deploymentId,
      currentState: 'STARTED',
      readyReplicas,
      totalReplicas: seed.replicas ?? 1,
      kubernetesResourceKind: 'Deployment',
      kubernetesResourceName: `arcgis-${seed.name}`
    })
  }

  /** GET services/<Name.Type> or services/<Folder>/<Name.Type> */
  describeService(path: string): Answer {
    const record = this.#services.get(path)
    if (!record) return this.#errors.admin(404, [`Service '${path}' does not exist.`])
    return json({ ...record, description: '' })
  }
}

/** A deployment as the listing shows it, and as its description begins. */
function summary(seed: DeploymentSeed) {
  return {
    deploymentId: seed.deploymentId,
    name: seed.name,
    type: seed.type ?? 'MapServer',
    mode: seed.mode ?? 'Dedicated',
    provider: 'ArcGIS'
  }
}

function parseServiceName(service: string, deploymentId: string): ServiceRecord {
  const slash = service.lastIndexOf('/')
  const folderName = slash === -1 ? '/' : service.slice(0, slash)
  const nameAndType = service.slice(slash + 1)
  const dot = nameAndType.lastIndexOf('.')
  if (dot <= 0 || dot === nameAndType.length - 1 || folderName === '') {
    throw new Error(`Service '${service}' is not Folder/Name.Type or Name.Type`)
  }
  return {
    serviceName: nameAndType.slice(0, dot),
    type: nameAndType.slice(dot + 1),
    folderName,
    deploymentId
  }
}
