// What the admin API answers, read from its JSON: each reader takes one answer and returns the typed value the client
// offers. Every server text goes through the field readers of api-json.ts.
import { findApiError, isRecord, looseText, messageTexts, stringField } from './api-json.js'
import type { ServiceRef } from './service-ref.js'

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
  /**
   * `STARTED` or `STOPPED`, as the listings and the deployment's resource say (upper-cased); undefined when the record
   * does not say, as older servers' records may not: see isStopped.
   */
  configuredState?: string
}

/** A GIS service as the services listing shows it, with the deployment that serves it where the listing says. */
export interface ListedService {
  service: ServiceRef
  deploymentId?: string
}

/** A GIS service's state, from `<root>/services/[<Folder>/]<Name>.<Type>/status`, upper-cased; undefined when unsaid. */
export interface ServiceStatus {
  /** `STARTED` or `STOPPED`: what the administrator set. A stopped service's pods are gone until it is started. */
  configuredState?: string
  realTimeState?: string
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

/** Turns a server text into one that may be logged (the HTTP layer's redaction). */
type Redact = (text: string) => string

export function readServerInfo(answer: Record<string, unknown>): ServerInfo {
  const resources = Array.isArray(answer.resources)
    ? answer.resources.flatMap((name) => stringField(name) ?? [])
    : undefined
  // Esri's example prints currentVersion unquoted (a JSON number) and fullVersion as a string; accept either type.
  return { version: looseText(answer.fullVersion) ?? looseText(answer.currentVersion), resources }
}

export function readDeployment(answer: Record<string, unknown>, id: string): Deployment {
  return { ...deploymentFields(answer), id }
}

function deploymentFields(entry: Record<string, unknown>): Omit<Deployment, 'id'> {
  return {
    name: stringField(entry.name),
    type: stringField(entry.type),
    mode: stringField(entry.mode),
    provider: stringField(entry.provider),
    configuredState: stringField(entry.configuredState)?.toUpperCase()
  }
}

/**
 * A deployment configured as stopped never becomes ready, so a restart of it would wait until the timeout. A record
 * without configuredState (an older server's) is taken as started: nothing says otherwise.
 */
export function isStopped(deployment: Deployment): boolean {
  return deployment.configuredState === 'STOPPED'
}

/** The deployments of a listing, or undefined when `value` is no list; entries without an id are left out. */
export function deploymentList(value: unknown): Deployment[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.flatMap((entry) => {
    if (!isRecord(entry)) return []
    const id = looseText(entry.deploymentId) ?? looseText(entry.id)
    return id ? [{ ...deploymentFields(entry), id }] : []
  })
}

/** The ids findDeploymentIds answered, or undefined when it answered no list. */
export function deploymentIds(found: Record<string, unknown>): string[] | undefined {
  const value = found.filteredDeploymentIds ?? found.deploymentIds
  return Array.isArray(value) ? value.flatMap((id) => looseText(id) ?? []) : undefined
}

/** The folders of the services root. */
export function folderNames(root: Record<string, unknown>): string[] {
  return Array.isArray(root.folders)
    ? root.folders.flatMap((folder) => stringField(folder) ?? [])
    : []
}

/** The services of a folder listing; `folder` when the entries do not name their own. */
export function serviceEntries(value: unknown, folder?: string): ListedService[] {
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

/** The deployment a service resource names at its top level. */
export function serviceDeploymentId(answer: Record<string, unknown>): string | undefined {
  return looseText(answer.deploymentId)
}

/** Every distinct `scalingSpec[].deploymentId` of a service's `scaling` resource. */
export function scalingDeploymentIds(scaling: Record<string, unknown>): string[] {
  const specs = Array.isArray(scaling.scalingSpec) ? scaling.scalingSpec : []
  const ids = specs.map((spec) => (isRecord(spec) ? looseText(spec.deploymentId) : undefined))
  return [...new Set(ids.filter((id): id is string => id !== undefined))]
}

export function readDeploymentStatus(answer: Record<string, unknown>): DeploymentStatus {
  return {
    currentState: stringField(answer.currentState),
    readyReplicas: count(answer.readyReplicas),
    totalReplicas: count(answer.totalReplicas)
  }
}

export function readServiceStatus(answer: Record<string, unknown>): ServiceStatus {
  return {
    configuredState: stringField(answer.configuredState)?.toUpperCase(),
    realTimeState: stringField(answer.realTimeState)?.toUpperCase()
  }
}

/** A refresh's answer, or undefined when it names neither a job nor success. */
export function readRefreshAnswer(answer: Record<string, unknown>): RefreshAnswer | undefined {
  const jobsUrl = stringField(answer.jobsUrl)
  const jobId =
    looseText(answer.jobID) ??
    looseText(answer.jobid) ??
    looseText(answer.jobId) ??
    jobIdIn(jobsUrl)
  const status = stringField(answer.jobStatus) ?? stringField(answer.status)
  if (jobId) return { kind: 'job', jobId, jobsUrl, status: status ?? 'SUBMITTED' }
  if (status?.toLowerCase() === 'success') return { kind: 'done' }
  return undefined
}

/** The start of an answer that could not be read, for a message. */
export function answerExcerpt(answer: Record<string, unknown>): string {
  return JSON.stringify(answer).slice(0, 200)
}

/** A job record; its messages are the server's texts that get logged, so they are redacted here. */
export function readJob(answer: Record<string, unknown>, redact: Redact): Job {
  return {
    status: (stringField(answer.status) ?? stringField(answer.jobStatus) ?? '').toUpperCase(),
    messages: failureReasons(answer).map(redact),
    resultIsError: isRecord(answer.result) && resultIsError(answer.result),
    operationUri: stringField(answer.operationURI) ?? stringField(answer.operationUri),
    startTime: count(answer.starttime) ?? count(answer.startTime)
  }
}

/** The entries of the jobs listing, given as ids or as job objects (see ArcGISAdminClient.listJobs). */
export function jobListings(answer: Record<string, unknown>, redact: Redact): JobListing[] {
  const entries = [answer.jobs, answer.jobIds, answer.jobids].find(Array.isArray) ?? []
  return entries.flatMap((entry: unknown): JobListing[] => {
    if (!isRecord(entry)) {
      const jobId = looseText(entry)
      return jobId ? [{ jobId }] : []
    }
    const jobId = looseText(entry.jobid) ?? looseText(entry.jobId) ?? looseText(entry.jobID)
    return jobId ? [{ jobId, job: readJob(entry, redact) }] : []
  })
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

/** A count, which some answers give as a numeric string. */
function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined
}
