import { findApiError, isRecord, messageTexts, stringField } from './api-json.js'
import type { PortalHttp, ProbeAnswer } from './http.js'
import { ArcGISRequestError } from './request-error.js'
import type { RetryPolicy } from './retry-policy.js'
import type { ServiceRef } from '../inputs.js'

export interface ServerInfo {
  /** `fullVersion` of the admin API, e.g. `11.3`; undefined when the server does not say. */
  version?: string
}

export interface Deployment {
  id: string
  name?: string
  type?: string
  mode?: string
  provider?: string
}

/** A GIS service as the services listing shows it, with the deployment that serves it where the listing says. */
export interface ListedService {
  service: ServiceRef
  deploymentId?: string
}

/** Neither way of listing deployments is offered by the server; `problems` says what each answered. */
export class DeploymentListingUnavailable extends Error {
  constructor(readonly problems: string[]) {
    super(`The server lists its deployments neither way: ${problems.join('; ')}`)
    this.name = 'DeploymentListingUnavailable'
  }
}

export interface DeploymentStatus {
  currentState?: string
  readyReplicas?: number
  totalReplicas?: number
}

/** What a refresh request answered. */
export type RefreshAnswer =
  /** An asynchronous restart: a job to poll. */
  | { kind: 'job'; jobId: string; jobsUrl?: string; status: string }
  /** A server that ignores `async` (10.9.0) answers once the restart is done. */
  | { kind: 'done' }

export interface Job {
  status: string
  /** Messages of a failed job, or the error a COMPLETED job carries in its `result`. */
  messages: string[]
  /** True when a COMPLETED job's `result` reports an error. */
  resultIsError: boolean
}

/**
 * A small typed client for the parts of the ArcGIS Enterprise on Kubernetes admin API that a restart needs.
 * It only builds requests and reads answers; the HTTP layer handles transport, errors, retries and secrets.
 */
export class ArcGISAdminClient {
  constructor(private readonly http: PortalHttp) {}

  async getServerInfo(): Promise<ServerInfo> {
    const answer = await this.get('admin', 'reading the admin API version')
    return { version: stringField(answer.fullVersion) ?? stringField(answer.currentVersion) }
  }

  async getDeployment(id: string): Promise<Deployment> {
    const answer = await this.get(
      `admin/system/deployments/${segment(id)}`,
      `reading deployment ${id}`
    )
    return { ...deploymentFields(answer), id }
  }

  /**
   * Every deployment, read the way the server's version offers it first and the other way when that one is not
   * offered (which each version still serves is unconfirmed):
   * - the Deployments resource, `GET <root>/system/deployments` (10.9) → `{"deployments":[{deploymentId, name, type,
   *   mode, provider}]}` (developers.arcgis.com/rest/enterprise-administration/enterprise/deployments);
   * - from 11.0, `POST <root>/system/deployments/findDeploymentIds` with no filter, which answers the ids of every
   *   deployment (…/enterprise/find-deployment-id; the arcgis Python package's DeploymentManager.search reads them
   *   from `filteredDeploymentIds`), then `POST …/getDeploymentsById` with `deploymentIDs=<id>,<id>` → the same
   *   `{"deployments":[…]}` (…/enterprise/get-deployment-by-id).
   * Filters are applied by the caller, so both ways select alike and names can be matched with wildcards.
   */
  async listDeployments(version: string | undefined): Promise<Deployment[]> {
    const byResource = {
      label: 'GET system/deployments',
      list: () => this.listDeploymentsByResource()
    }
    const byIds = {
      label: 'findDeploymentIds',
      list: () => this.listDeploymentsByIds()
    }
    const ways = version && atLeast(version, [11, 0, 0]) ? [byIds, byResource] : [byResource, byIds]
    const problems: string[] = []
    for (const way of ways) {
      try {
        const deployments = await way.list()
        if (deployments) return deployments
        problems.push(`${way.label} answered without a list of deployments`)
      } catch (error) {
        if (!(error instanceof ArcGISRequestError && error.notOffered)) throw error
        problems.push(`${way.label}: ${error.problem}`)
      }
    }
    throw new DeploymentListingUnavailable(problems)
  }

  private async listDeploymentsByResource(): Promise<Deployment[] | undefined> {
    const answer = await this.get('admin/system/deployments', 'listing deployments')
    return deploymentList(answer.deployments)
  }

  private async listDeploymentsByIds(): Promise<Deployment[] | undefined> {
    const found = await this.post(
      'admin/system/deployments/findDeploymentIds',
      {},
      'finding deployment ids'
    )
    const ids = idList(found.filteredDeploymentIds ?? found.deploymentIds)
    if (!ids) return undefined
    if (ids.length === 0) return []
    const answer = await this.post(
      'admin/system/deployments/getDeploymentsById',
      { deploymentIDs: ids.join(',') },
      'reading deployments by id'
    )
    return deploymentList(answer.deployments)
  }

  /**
   * Every GIS service, from the root folder `GET <root>/services` (`folders`, `services`) and each folder
   * `GET <root>/services/<folder>` (developers.arcgis.com/rest/enterprise-administration/enterprise/services and
   * …/folder). A folder lists each service's JSON, whose top-level `deploymentId` names the deployment that serves it
   * (the API brief, section 3); where an entry does not carry it, `deploymentId` is undefined. (findServiceIds, from
   * 11.0, filters by folder, name, type and provider but not by deployment, so it would not spare these reads.)
   */
  async listServices(): Promise<ListedService[]> {
    const root = await this.get('admin/services', 'listing services')
    const folders = Array.isArray(root.folders)
      ? root.folders.flatMap((folder) => stringField(folder) ?? [])
      : []
    const listed = serviceEntries(root.services)
    for (const folder of folders) {
      const answer = await this.get(
        `admin/services/${segment(folder)}`,
        `listing the services in folder ${folder}`
      )
      listed.push(...serviceEntries(answer.services, folder))
    }
    return listed
  }

  /** `retry: 'once'` when a poll loop asks: it tries again on its own schedule. */
  async getDeploymentStatus(
    id: string,
    retry: RetryPolicy = 'idempotent'
  ): Promise<DeploymentStatus> {
    const answer = await this.get(
      `admin/system/deployments/${segment(id)}/status`,
      `reading the status of deployment ${id}`,
      retry
    )
    return {
      currentState: stringField(answer.currentState),
      readyReplicas: count(answer.readyReplicas),
      totalReplicas: count(answer.totalReplicas)
    }
  }

  /** The deployment a GIS service runs in. */
  async getServiceDeploymentId(service: ServiceRef): Promise<string | undefined> {
    const path = [service.folder, `${service.name}.${service.type}`]
      .filter((part): part is string => part !== undefined)
      .map(segment)
      .join('/')
    const answer = await this.get(`admin/services/${path}`, `reading service ${service.label}`)
    return stringField(answer.deploymentId)
  }

  /** Where a GIS service answers: `<portal>/rest/services/[<Folder>/]<Name>/<Type>` (the API brief, section 7). */
  serviceUrl(service: ServiceRef): string {
    return this.http.urlOf(servicePath(service))
  }

  /**
   * Asks a GIS service for its description, with the token in the header; resolves when it answers JSON without an
   * error. Tried once: the verification loop asks again on its own schedule.
   */
  async readServiceEndpoint(service: ServiceRef): Promise<void> {
    await this.http.request({
      operation: `service ${service.label}`,
      method: 'GET',
      path: servicePath(service),
      retry: 'once',
      authenticated: true
    })
  }

  /** One GET of a URL the user gave; see PortalHttp.probe for which credentials travel. */
  probe(url: string): Promise<ProbeAnswer> {
    return this.http.probe(url)
  }

  /** `timeoutMs`: how long to wait for a server that answers only when the restart is done. */
  async refreshDeployment(id: string, timeoutMs?: number): Promise<RefreshAnswer> {
    const answer = await this.http.request({
      operation: `refresh of deployment ${id}`,
      method: 'POST',
      path: `admin/system/deployments/${segment(id)}/refresh`,
      form: { async: 'true' },
      retry: 'unless-sent',
      authenticated: true,
      timeoutMs
    })
    const jobsUrl = stringField(answer.jobsUrl)
    const jobId =
      idText(answer.jobID) ?? idText(answer.jobid) ?? idText(answer.jobId) ?? jobIdIn(jobsUrl)
    const status = stringField(answer.jobStatus) ?? stringField(answer.status)
    if (jobId) return { kind: 'job', jobId, jobsUrl, status: status ?? 'SUBMITTED' }
    if (status?.toLowerCase() === 'success') return { kind: 'done' }
    throw new Error(
      `refresh of deployment ${id} answered neither a job nor success: ${JSON.stringify(answer).slice(0, 200)}`
    )
  }

  /** Read by the poll loop only, so it is tried once: the loop tries again on its own schedule. */
  async getJob(jobId: string): Promise<Job> {
    const answer = await this.http.request({
      operation: `reading job ${jobId}`,
      method: 'GET',
      path: `admin/jobs/${segment(jobId)}`,
      retry: 'once',
      authenticated: true,
      isJob: true
    })
    const result = answer.result
    const resultError = isRecord(result) ? resultErrorMessages(result) : undefined
    return {
      status: (stringField(answer.status) ?? stringField(answer.jobStatus) ?? '').toUpperCase(),
      messages: resultError ?? messageTexts(answer.messages ?? answer.error ?? answer.result),
      resultIsError: resultError !== undefined
    }
  }

  private get(
    path: string,
    operation: string,
    retry: RetryPolicy = 'idempotent'
  ): Promise<Record<string, unknown>> {
    return this.http.request({ operation, method: 'GET', path, retry, authenticated: true })
  }

  /** A POST that only reads (the admin API offers some searches as POST), so it may be retried like a GET. */
  private post(
    path: string,
    form: Record<string, string>,
    operation: string
  ): Promise<Record<string, unknown>> {
    return this.http.request({
      operation,
      method: 'POST',
      path,
      form,
      retry: 'idempotent',
      authenticated: true
    })
  }
}

/** Asynchronous restart jobs came with 10.9.1; a 10.9.0 server ignores `async` and answers when it is done. */
export function supportsAsyncJobs(version: string): boolean {
  return atLeast(version, [10, 9, 1])
}

function atLeast(version: string, minimum: [number, number, number]): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0)
  for (const [index, wanted] of minimum.entries()) {
    const part = parts[index] ?? 0
    if (part !== wanted) return part > wanted
  }
  return true
}

function deploymentFields(entry: Record<string, unknown>): Omit<Deployment, 'id'> {
  return {
    name: stringField(entry.name),
    type: stringField(entry.type),
    mode: stringField(entry.mode),
    provider: stringField(entry.provider)
  }
}

/** The deployments of a listing, or undefined when `value` is no list; entries without an id are left out. */
function deploymentList(value: unknown): Deployment[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.flatMap((entry) => {
    if (!isRecord(entry)) return []
    const id = idText(entry.deploymentId) ?? idText(entry.id)
    return id ? [{ ...deploymentFields(entry), id }] : []
  })
}

function idList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.flatMap((id) => idText(id) ?? []) : undefined
}

/** The services of a folder listing; `folder` when the entries do not name their own. */
function serviceEntries(value: unknown, folder?: string): ListedService[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((entry) => {
    if (!isRecord(entry)) return []
    const name = stringField(entry.serviceName)
    const type = stringField(entry.type)
    if (!name || !type) return []
    const named = stringField(entry.folderName)
    const inFolder = named && named !== '/' ? named : folder
    const label = `${inFolder ? `${inFolder}/` : ''}${name}.${type}`
    return [
      {
        service: { folder: inFolder, name, type, label },
        deploymentId: idText(entry.deploymentId)
      }
    ]
  })
}

function servicePath(service: ServiceRef): string {
  return ['rest/services', service.folder, service.name, service.type]
    .filter((part): part is string => part !== undefined)
    .map((part, index) => (index === 0 ? part : segment(part)))
    .join('/')
}

/** The older ArcGIS Server job API reports failures inside `result`; a COMPLETED job may do the same. */
function resultErrorMessages(result: Record<string, unknown>): string[] | undefined {
  const apiError = findApiError(result)
  if (apiError) return apiError.messages
  return result.success === false ? messageTexts(result.messages ?? result.message) : undefined
}

/** The last segment of a `…/admin/jobs/<id>` URL, for an answer that names the job only by its URL. */
function jobIdIn(jobsUrl: string | undefined): string | undefined {
  const match = jobsUrl && /\/jobs\/([A-Za-z0-9_-]+)\/?(?:\?.*)?$/.exec(jobsUrl)
  return match ? match[1] : undefined
}

/** Ids are validated as plain ids; encoding them anyway keeps the path shape fixed whatever the caller passes. */
function segment(value: string): string {
  return encodeURIComponent(value)
}

/** An id, which some answers give as a number. */
function idText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : stringField(value)
}

/** A count, which some answers give as a numeric string. */
function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined
}
