import type { Deadline } from '../common/deadline.js'
import { findApiError, isRecord, messageTexts, stringField } from './api-json.js'
import type { PortalHttp, ProbeAnswer } from './http.js'
import { ArcGISRequestError } from './request-error.js'
import type { RetryPolicy } from './retry-policy.js'
import type { ServiceRef } from '../inputs.js'

export interface ServerInfo {
  /** `fullVersion` of the admin API, e.g. `11.3`; undefined when the server does not say. */
  version?: string
  /** The child resources the admin root lists (`system`, `services`, … or a classic server's `machines`, …). */
  resources?: string[]
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
  /** Why a job failed, from wherever its record says it (see failureReasons), or the error in a COMPLETED job's `result`. */
  messages: string[]
  /** True when a COMPLETED job's `result` reports an error. */
  resultIsError: boolean
  /** What the job does, e.g. `system/deployments/<id>/refresh` or `/<context>/admin/system/deployments/<id>/refresh`. */
  operationUri?: string
  /** When it was submitted, epoch ms on the server's clock. */
  startTime?: number
}

/** An entry of the jobs listing: its id, and whatever else the listing tells about it. */
export interface JobListing {
  jobId: string
  /** Present when the listing gives job objects rather than ids. */
  job?: Job
}

/**
 * A small typed client for the parts of the ArcGIS Enterprise on Kubernetes admin API that a restart needs.
 * It only builds requests and reads answers; the HTTP layer handles transport, errors, retries and secrets.
 */
export class ArcGISAdminClient {
  constructor(private readonly http: PortalHttp) {}

  /** The admin root: read as the run's first contact with the portal, within that deadline. */
  async getServerInfo(firstContact?: Deadline): Promise<ServerInfo> {
    const answer = await this.http.request({
      operation: 'reading the admin API version',
      method: 'GET',
      path: 'admin',
      retry: firstContact ? 'first-contact' : 'idempotent',
      deadline: firstContact,
      authenticated: true
    })
    const resources = Array.isArray(answer.resources)
      ? answer.resources.filter((name): name is string => typeof name === 'string')
      : undefined
    // Esri's example prints currentVersion unquoted (a JSON number) and fullVersion as a string; accept either type.
    return { version: looseText(answer.fullVersion) ?? looseText(answer.currentVersion), resources }
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

  /**
   * The deployments a GIS service runs in: the service resource's top-level `deploymentId`, or else every
   * `scalingSpec[].deploymentId` of its `scaling` resource (a service may span several). Empty when neither names one.
   */
  async getServiceDeploymentIds(service: ServiceRef): Promise<string[]> {
    const path = [service.folder, `${service.name}.${service.type}`]
      .filter((part): part is string => part !== undefined)
      .map(segment)
      .join('/')
    const answer = await this.get(`admin/services/${path}`, `reading service ${service.label}`)
    const deploymentId = looseText(answer.deploymentId)
    if (deploymentId) return [deploymentId]
    const scaling = await this.get(
      `admin/services/${path}/scaling`,
      `reading the scaling of service ${service.label}`
    ).catch((error: unknown): Record<string, unknown> => {
      if (error instanceof ArcGISRequestError && error.code === 404) return {}
      throw error
    })
    const specs = Array.isArray(scaling.scalingSpec) ? scaling.scalingSpec : []
    const ids = specs.map((spec) => (isRecord(spec) ? looseText(spec.deploymentId) : undefined))
    return [...new Set(ids.filter((id): id is string => id !== undefined))]
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
      looseText(answer.jobID) ??
      looseText(answer.jobid) ??
      looseText(answer.jobId) ??
      jobIdIn(jobsUrl)
    const status = stringField(answer.jobStatus) ?? stringField(answer.status)
    if (jobId) return { kind: 'job', jobId, jobsUrl, status: status ?? 'SUBMITTED' }
    if (status?.toLowerCase() === 'success') return { kind: 'done' }
    throw new Error(
      `refresh of deployment ${id} answered neither a job nor success: ${JSON.stringify(answer).slice(0, 200)}`
    )
  }

  /** Tried once by default: a poll loop tries again on its own schedule. */
  async getJob(jobId: string, retry: RetryPolicy = 'once'): Promise<Job> {
    const answer = await this.http.request({
      operation: `reading job ${jobId}`,
      method: 'GET',
      path: `admin/jobs/${segment(jobId)}`,
      retry,
      authenticated: true,
      isJob: true
    })
    return this.readJob(answer)
  }

  /**
   * `GET <root>/jobs`: Esri documents it as "a collection of the jobs (asynchronous operations) created in your
   * deployment" with `f` as its only parameter, no filter and no example answer
   * (https://developers.arcgis.com/rest/enterprise-administration/enterprise/jobs). Its sibling in ArcGIS Server,
   * `<root>/system/jobs`, answers `{"jobs": ["<jobID1>", "<jobID2>", …]}`
   * (https://developers.arcgis.com/rest/enterprise-administration/server/jobs). So this reads `jobs` (or `jobIds`) as
   * ids or as job objects, and leaves the filtering to the caller.
   */
  async listJobs(): Promise<JobListing[]> {
    const answer = await this.get('admin/jobs', 'reading the list of jobs')
    const entries = [answer.jobs, answer.jobIds, answer.jobids].find(Array.isArray) ?? []
    return entries.flatMap((entry: unknown): JobListing[] => {
      if (!isRecord(entry)) {
        const jobId = looseText(entry)
        return jobId ? [{ jobId }] : []
      }
      const jobId = looseText(entry.jobid) ?? looseText(entry.jobId) ?? looseText(entry.jobID)
      return jobId ? [{ jobId, job: this.readJob(entry) }] : []
    })
  }

  /** A job record; its messages are the server's texts that get logged, so they are redacted here. */
  private readJob(answer: Record<string, unknown>): Job {
    return {
      status: (stringField(answer.status) ?? stringField(answer.jobStatus) ?? '').toUpperCase(),
      messages: failureReasons(answer).map((text) => this.http.redact(text)),
      resultIsError: isRecord(answer.result) && resultIsError(answer.result),
      operationUri: stringField(answer.operationURI) ?? stringField(answer.operationUri),
      startTime: count(answer.starttime) ?? count(answer.startTime)
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
    const id = looseText(entry.deploymentId) ?? looseText(entry.id)
    return id ? [{ ...deploymentFields(entry), id }] : []
  })
}

function idList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.flatMap((id) => looseText(id) ?? []) : undefined
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
        deploymentId: looseText(entry.deploymentId)
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
function resultIsError(result: Record<string, unknown>): boolean {
  return (
    findApiError(result) !== undefined ||
    result.success === false ||
    stringField(result.error) !== undefined
  )
}

/**
 * Why a job failed, wherever its record says it: Esri's Job page puts it in `result` ("More information about the
 * failure is available in the response's result property"), Esri's CLI reads top-level `messages`, and the shapes seen
 * inside `result` vary: `messages`, `message`, `error` as text or as `{message, details}`, `details`. When no text is
 * found, a `status` or `code` inside `result` is still a reason worth showing.
 */
function failureReasons(answer: Record<string, unknown>): string[] {
  const { result } = answer
  const texts = [...messageTexts(answer.messages), ...errorTexts(answer.error)]
  if (typeof result === 'string' || Array.isArray(result)) texts.push(...messageTexts(result))
  if (isRecord(result)) {
    texts.push(
      ...messageTexts(result.messages),
      ...messageTexts(result.message),
      ...errorTexts(result.error),
      ...messageTexts(result.details)
    )
    if (texts.length === 0) texts.push(...statusAndCode(result))
  }
  return [...new Set(texts)]
}

/** An `error` given as text, as a list, or as `{message, details}`. */
function errorTexts(error: unknown): string[] {
  if (!isRecord(error)) return messageTexts(error)
  return [...messageTexts(error.message ?? error.description), ...messageTexts(error.details)]
}

/** `status "error", code 500` of a result that says nothing else; nothing for a plain success. */
function statusAndCode(result: Record<string, unknown>): string[] {
  const status = stringField(result.status)
  const code = looseText(result.code)
  const parts = [
    status && status.toLowerCase() !== 'success' ? `status "${status}"` : undefined,
    code ? `code ${code}` : undefined
  ].filter((part): part is string => part !== undefined)
  return parts.length ? [`the job's result says ${parts.join(', ')}`] : []
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

/** A text field that some answers give as a JSON number: ids, codes, a version (`"10.9.1"` or `11.4`). */
function looseText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : stringField(value)
}

/** A count, which some answers give as a numeric string. */
function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined
}
