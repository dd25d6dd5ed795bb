import type { Deadline } from '../common/deadline.js'
import { findApiError, isRecord, messageTexts, stringField } from './api-json.js'
import type { PortalHttp } from './http.js'
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

  /**
   * Whether the admin API has `system/deployments` at all, for telling an unknown deployment from a server that is
   * not ArcGIS Enterprise on Kubernetes (a classic ArcGIS Server answers 404 there).
   */
  async hasDeployments(): Promise<boolean> {
    try {
      await this.get('admin/system/deployments', 'listing the deployments')
      return true
    } catch (error) {
      if (error instanceof ArcGISRequestError && error.code === 404) return false
      throw error
    }
  }

  async getDeployment(id: string): Promise<Deployment> {
    const answer = await this.get(
      `admin/system/deployments/${segment(id)}`,
      `reading deployment ${id}`
    )
    return {
      id,
      name: stringField(answer.name),
      type: stringField(answer.type),
      mode: stringField(answer.mode)
    }
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
}

/** Asynchronous restart jobs came with 10.9.1; a 10.9.0 server ignores `async` and answers when it is done. */
export function supportsAsyncJobs(version: string): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0)
  const [major = 0, minor = 0, patch = 0] = parts
  return major !== 10 ? major > 10 : minor !== 9 ? minor > 9 : patch >= 1
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
