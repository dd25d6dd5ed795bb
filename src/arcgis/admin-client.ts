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
    return {
      version: stringField(answer.fullVersion) ?? idText(answer.currentVersion),
      resources
    }
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

  /** The deployment a GIS service runs in. */
  async getServiceDeploymentId(service: ServiceRef): Promise<string | undefined> {
    const path = [service.folder, `${service.name}.${service.type}`]
      .filter((part): part is string => part !== undefined)
      .map(segment)
      .join('/')
    const answer = await this.get(`admin/services/${path}`, `reading service ${service.label}`)
    return stringField(answer.deploymentId)
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
}

/** Asynchronous restart jobs came with 10.9.1; a 10.9.0 server ignores `async` and answers when it is done. */
export function supportsAsyncJobs(version: string): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0)
  const [major = 0, minor = 0, patch = 0] = parts
  return major !== 10 ? major > 10 : minor !== 9 ? minor > 9 : patch >= 1
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
