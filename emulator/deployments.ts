// The deployments a test seeds and the GIS services they run, and how the admin API describes and lists them.
// Service paths match case-sensitively. A service that several seeds name runs in each of them: its scaling resource
// lists them all. Readiness comes from the restarts (Jobs.readyReplicas). Where the listing operations' answers are
// unconfirmed, the emulator answers as Esri's Python package reads them: findDeploymentIds →
// {"filteredDeploymentIds":[…]}, its filters matched whole and whatever the case.
import { json, type Answer, type ErrorAnswers } from './answers.ts'
import type { DeploymentSeed, EmulatorOptions, ServiceSeed } from './types.ts'

export interface ServiceRecord {
  serviceName: string
  type: string
  folderName: string
  /** Every seed that runs it, in seed order. */
  deploymentIds: string[]
  /** A seed named it in stoppedServices. */
  stopped: boolean
}

export class Deployments {
  readonly #seeds = new Map<string, DeploymentSeed>()
  /** By 'Folder/Name.Type', or 'Name.Type' in the root folder. */
  readonly #services = new Map<string, ServiceRecord>()
  readonly #errors: ErrorAnswers
  readonly #serviceDeployments: NonNullable<EmulatorOptions['serviceDeployments']>

  constructor(
    seeds: DeploymentSeed[],
    errors: ErrorAnswers,
    serviceDeployments: EmulatorOptions['serviceDeployments'] = 'service'
  ) {
    this.#errors = errors
    this.#serviceDeployments = serviceDeployments
    for (const seed of seeds) {
      if (this.#seeds.has(seed.deploymentId)) {
        throw new Error(`Duplicate deploymentId '${seed.deploymentId}'`)
      }
      this.#seeds.set(seed.deploymentId, seed)
    }
    for (const seed of this.#seeds.values()) {
      for (const service of seed.services ?? []) {
        const parsed =
          typeof service === 'string' ? parseServiceName(service) : serviceRecord(service)
        const path = servicePath(parsed)
        const record = this.#services.get(path) ?? parsed
        record.deploymentIds.push(seed.deploymentId)
        this.#services.set(path, record)
      }
      for (const service of seed.stoppedServices ?? []) {
        const record = this.#services.get(service)
        if (!record?.deploymentIds.includes(seed.deploymentId)) {
          throw new Error(
            `Stopped service '${service}' is not one of the services of '${seed.name}'`
          )
        }
        record.stopped = true
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

  /** POST system/deployments/findDeploymentIds: the ids of the deployments every filter given matches. */
  findIds(form: Record<string, string>): Answer {
    const filters = Object.entries(FIND_FILTERS).flatMap(([parameter, field]) =>
      form[parameter] ? [{ field, wanted: form[parameter].toLowerCase() }] : []
    )
    const matching = [...this.#seeds.values()].filter((seed) => {
      const fields: Partial<Record<string, string>> = summary(seed)
      return filters.every(({ field, wanted }) => fields[field]?.toLowerCase() === wanted)
    })
    return json({ filteredDeploymentIds: matching.map((seed) => seed.deploymentId) })
  }

  /** POST system/deployments/getDeploymentsById with deploymentIDs=<id>,<id> */
  byIds(form: Record<string, string>): Answer {
    if (!form.deploymentIDs) return this.#errors.admin(400, ["'deploymentIDs' must be specified."])
    const seeds = form.deploymentIDs.split(',').flatMap((id) => this.#seeds.get(id.trim()) ?? [])
    return json({ deployments: seeds.map(summary) })
  }

  /**
   * GET services: the root folder, its subfolders and its services. As on a real server, the root's entries carry no
   * deploymentId (only a folder listing gives each service's full JSON).
   */
  listRootFolder(): Answer {
    const folders = [...new Set([...this.#services.values()].map((record) => record.folderName))]
    return json({
      folderName: '/',
      description: 'Root folder',
      folders: folders.filter((folder) => folder !== '/').sort(),
      services: this.#servicesIn('/', false)
    })
  }

  /** GET services/<folder> */
  listFolder(folder: string, withDeploymentIds: boolean): Answer {
    const services = this.#servicesIn(folder, withDeploymentIds)
    if (services.length === 0) {
      return this.#errors.admin(404, [`Folder '${folder}' does not exist.`])
    }
    return json({ folderName: folder, services })
  }

  #servicesIn(folder: string, withDeploymentIds: boolean) {
    return [...this.#services.values()]
      .filter((record) => record.folderName === folder)
      .map(({ deploymentIds, serviceName, type }) => ({
        serviceName,
        type,
        folderName: folder === '/' ? '' : folder,
        description: '',
        ...(withDeploymentIds &&
          this.#serviceDeployments === 'service' && { deploymentId: deploymentIds[0] })
      }))
  }

  /** The service at rest/services/[<folder>/]<name>/<type>, and the deployment that serves it. */
  serviceAt(
    folder: string | undefined,
    name: string,
    type: string
  ): { record: ServiceRecord; seed: DeploymentSeed } | undefined {
    const record = this.#services.get(`${folder ? `${folder}/` : ''}${name}.${type}`)
    const seed = record && this.#seeds.get(record.deploymentIds[0])
    return record && seed ? { record, seed } : undefined
  }

  /** GET system/deployments/<id>: its spec's replicas as a real server gives them, an object. */
  describe(seed: DeploymentSeed): Answer {
    const replicas = seed.replicas ?? 1
    return json({
      ...summary(seed),
      spec: { replicas: { min: replicas, max: replicas, scalingMode: 'manual' } }
    })
  }

  /** GET system/deployments/<id>/status; `failed`: its state is FAILED (see DeploymentSeed.unhealthy). */
  status(seed: DeploymentSeed, readyReplicas: number, failed: boolean): Answer {
    return json({
      name: seed.name,
      id: seed.deploymentId,
      currentState: isStopped(seed) ? 'STOPPED' : failed ? 'FAILED' : 'STARTED',
      readyReplicas,
      totalReplicas: seed.replicas ?? 1,
      kubernetesResourceKind: 'Deployment',
      kubernetesResourceName: `arcgis-${seed.name}`
    })
  }

  /** GET services/<Name.Type> or services/<Folder>/<Name.Type>; a classic ArcGIS Server's has no deploymentId. */
  describeService(path: string, server: 'kubernetes' | 'classic' = 'kubernetes'): Answer {
    const record = this.#services.get(path)
    if (!record) return this.#serviceNotFound(path)
    const { deploymentIds, serviceName, type, folderName } = record
    const deploymentId =
      server === 'kubernetes' && this.#serviceDeployments === 'service'
        ? deploymentIds[0]
        : undefined
    return json({
      serviceName,
      type,
      folderName,
      description: '',
      ...(deploymentId && { deploymentId })
    })
  }

  /** GET services/[<Folder>/]<Name.Type>/status */
  serviceStatus(path: string): Answer {
    const record = this.#services.get(path)
    if (!record) return this.#serviceNotFound(path)
    const state = record.stopped ? 'STOPPED' : 'STARTED'
    return json({ configuredState: state, realTimeState: state })
  }

  /** GET services/[<Folder>/]<Name.Type>/scaling: one scalingSpec per deployment that runs it. */
  serviceScaling(path: string): Answer {
    const record = this.#services.get(path)
    if (!record) return this.#serviceNotFound(path)
    return json({
      scalingSpec: record.deploymentIds.map((deploymentId) => {
        const seed = this.#seeds.get(deploymentId)!
        const replicas = seed.replicas ?? 1
        return {
          deploymentType: seed.type ?? 'MapServer',
          replicas: { min: replicas, max: replicas },
          deploymentId,
          resources: { cpuMin: '0.125', cpuMax: '2', memoryMin: '1Gi', memoryMax: '4Gi' }
        }
      })
    })
  }

  #serviceNotFound(path: string): Answer {
    return this.#errors.admin(404, [`Service '${path}' does not exist.`])
  }
}

/** The filters of findDeploymentIds and the field of a deployment each one matches. */
const FIND_FILTERS = {
  filterName: 'name',
  filterType: 'type',
  filterMode: 'mode',
  filterProvider: 'provider'
} as const

export function isStopped(seed: DeploymentSeed): boolean {
  return seed.configuredState === 'STOPPED'
}

/** A deployment as the listings show it (all three carry configuredState), and as its description begins. */
function summary(seed: DeploymentSeed) {
  const type = seed.type ?? 'MapServer'
  const mode = seed.mode === undefined ? 'Dedicated' : seed.mode
  return {
    deploymentId: seed.deploymentId,
    name: seed.name,
    type,
    ...(mode !== null && { mode }),
    provider: seed.provider ?? providerOf(type, mode),
    configuredState: seed.configuredState ?? 'STARTED'
  }
}

function serviceRecord({ folder, name, type }: ServiceSeed): ServiceRecord {
  return { serviceName: name, type, folderName: folder ?? '/', deploymentIds: [], stopped: false }
}

/** 'Folder/Name.Type', or 'Name.Type' in the root folder: how the admin API's paths name a service. */
function servicePath({ folderName, serviceName, type }: ServiceRecord): string {
  return `${folderName === '/' ? '' : `${folderName}/`}${serviceName}.${type}`
}

/** The provider as real servers name it for a GIS service's microservice (the API brief, section 8). */
function providerOf(type: string, mode: string | null): string {
  if (mode !== 'Shared' && mode !== 'Dedicated') return 'Undefined'
  if (type === 'FeatureServer') return 'SDS'
  return mode === 'Shared' && type === 'MapServer' ? 'DMaps' : 'ArcObjects11'
}

function parseServiceName(service: string): ServiceRecord {
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
    deploymentIds: [],
    stopped: false
  }
}
