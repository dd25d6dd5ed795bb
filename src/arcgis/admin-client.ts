import type { ServerText } from '../common/server-text.js'
import type { Deadline } from '../common/deadline.js'
import {
  answerExcerpt,
  deploymentIds,
  deploymentList,
  folderNames,
  jobListings,
  readDeployment,
  readDeploymentStatus,
  readJob,
  readRefreshAnswer,
  readServerInfo,
  readServiceStatus,
  scalingDeploymentIds,
  serviceDeploymentId,
  serviceEntries,
  type Deployment,
  type DeploymentStatus,
  type Job,
  type JobListing,
  type ListedService,
  type RefreshAnswer,
  type ServerInfo,
  type ServiceStatus
} from './answers.js'
import type { PortalHttp, ProbeAnswer } from './http.js'
import { ArcGISRequestError } from './request-error.js'
import type { RetryPolicy } from './retry-policy.js'
import type { ServiceRef } from './service-ref.js'

/** Neither way of listing deployments is offered by the server; `problems` says what each answered. */
export class DeploymentListingUnavailable extends Error {
  constructor(readonly problems: string[]) {
    super(`The server lists its deployments neither way: ${problems.join('; ')}`)
    this.name = 'DeploymentListingUnavailable'
  }
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
    return readServerInfo(answer)
  }

  async getDeployment(id: string): Promise<Deployment> {
    const answer = await this.get(
      `admin/system/deployments/${segment(id)}`,
      `reading deployment ${id}`
    )
    return readDeployment(answer, id)
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
  async listDeployments(version: string | undefined, deadline?: Deadline): Promise<Deployment[]> {
    const byResource = {
      label: 'GET system/deployments',
      list: () => this.listDeploymentsByResource(deadline)
    }
    const byIds = {
      label: 'findDeploymentIds',
      list: () => this.listDeploymentsByIds(deadline)
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

  private async listDeploymentsByResource(deadline?: Deadline): Promise<Deployment[] | undefined> {
    const answer = await this.get(
      'admin/system/deployments',
      'listing deployments',
      'idempotent',
      deadline
    )
    return deploymentList(answer.deployments)
  }

  private async listDeploymentsByIds(deadline?: Deadline): Promise<Deployment[] | undefined> {
    const found = await this.post(
      'admin/system/deployments/findDeploymentIds',
      {},
      'finding deployment ids',
      deadline
    )
    const ids = deploymentIds(found)
    if (!ids) return undefined
    if (ids.length === 0) return []
    const answer = await this.post(
      'admin/system/deployments/getDeploymentsById',
      { deploymentIDs: ids.join(',') },
      'reading deployments by id',
      deadline
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
    const folders = folderNames(root)
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

  /**
   * `retry: 'once'` when a poll loop asks: it tries again on its own schedule. `deadline`: a tighter bound than the
   * run's, such as a health check's.
   */
  async getDeploymentStatus(
    id: string,
    retry: RetryPolicy = 'idempotent',
    deadline?: Deadline
  ): Promise<DeploymentStatus> {
    const answer = await this.get(
      `admin/system/deployments/${segment(id)}/status`,
      `reading the status of deployment ${id}`,
      retry,
      deadline
    )
    return readDeploymentStatus(answer)
  }

  /**
   * The deployments a GIS service runs in: the service resource's top-level `deploymentId`, or else every
   * `scalingSpec[].deploymentId` of its `scaling` resource (a service may span several). Empty when neither names one.
   */
  async getServiceDeploymentIds(service: ServiceRef): Promise<string[]> {
    const path = adminServicePath(service)
    const answer = await this.get(path, `reading service ${service.label}`)
    const deploymentId = serviceDeploymentId(answer)
    if (deploymentId) return [deploymentId]
    const scaling = await this.get(
      `${path}/scaling`,
      `reading the scaling of service ${service.label}`
    ).catch((error: unknown): Record<string, unknown> => {
      if (error instanceof ArcGISRequestError && error.code === 404) return {}
      throw error
    })
    return scalingDeploymentIds(scaling)
  }

  /**
   * Whether a GIS service is started or stopped: `GET <root>/services/[<Folder>/]<Name>.<Type>/status` →
   * `{"configuredState":"STARTED"|"STOPPED","realTimeState":…}`
   * (developers.arcgis.com/rest/enterprise-administration/enterprise/service-status). Tried once: an unread status
   * only means the service is checked as if started.
   */
  async getServiceStatus(service: ServiceRef): Promise<ServiceStatus> {
    const answer = await this.get(
      `${adminServicePath(service)}/status`,
      `reading the status of service ${service.label}`,
      'once'
    )
    return readServiceStatus(answer)
  }

  /** Where a GIS service answers: `<portal>/rest/services/[<Folder>/]<Name>/<Type>` (the API brief, section 7). */
  serviceUrl(service: ServiceRef): string {
    return this.http.urlOf(servicePath(service))
  }

  /**
   * Asks a GIS service for its description, with the token in the header; resolves when it answers JSON without an
   * error. Tried once: the verification loop asks again on its own schedule. `deadline` bounds the request too: a
   * probe that hangs must not outlast the check it is part of.
   */
  async readServiceEndpoint(service: ServiceRef, deadline?: Deadline): Promise<void> {
    await this.http.request({
      operation: `service ${service.label}`,
      method: 'GET',
      path: servicePath(service),
      retry: 'once',
      authenticated: true,
      deadline
    })
  }

  /** One GET of a URL the user gave, bounded by `deadline` too; see PortalHttp.probe for which credentials travel. */
  probe(url: string, deadline?: Deadline): Promise<ProbeAnswer> {
    return this.http.probe(url, deadline)
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
    const refresh = readRefreshAnswer(answer)
    if (refresh) return refresh
    throw new Error(
      `refresh of deployment ${id} answered neither a job nor success: ${answerExcerpt(answer)}`
    )
  }

  /** Tried once by default: a poll loop tries again on its own schedule. */
  async getJob(jobId: ServerText, retry: RetryPolicy = 'once'): Promise<Job> {
    const answer = await this.http.request({
      operation: `reading job ${jobId}`,
      method: 'GET',
      path: `admin/jobs/${segment(jobId)}`,
      retry,
      authenticated: true,
      isJob: true
    })
    return readJob(answer)
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
    return jobListings(answer)
  }

  private get(
    path: string,
    operation: string,
    retry: RetryPolicy = 'idempotent',
    deadline?: Deadline
  ): Promise<Record<string, unknown>> {
    return this.http.request({
      operation,
      method: 'GET',
      path,
      retry,
      deadline,
      authenticated: true
    })
  }

  /** A POST that only reads (the admin API offers some searches as POST), so it may be retried like a GET. */
  private post(
    path: string,
    form: Record<string, string>,
    operation: string,
    deadline?: Deadline
  ): Promise<Record<string, unknown>> {
    return this.http.request({
      operation,
      method: 'POST',
      path,
      form,
      retry: 'idempotent',
      deadline,
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

/** A service's admin resource: `admin/services/[<Folder>/]<Name>.<Type>`. */
function adminServicePath(service: ServiceRef): string {
  return pathOf('admin/services', [service.folder, `${service.name.raw}.${service.type.raw}`])
}

/** Where a service answers: `rest/services/[<Folder>/]<Name>/<Type>`. */
function servicePath(service: ServiceRef): string {
  return pathOf('rest/services', [service.folder, service.name, service.type])
}

/**
 * `<root>/<part>/…`, each part percent-encoded from its exact text: a name the server sent is found again only by
 * what it is, never by the printable form that a template literal would give.
 */
function pathOf(root: string, parts: (ServerText | string | undefined)[]): string {
  return [root, ...parts.flatMap((part) => (part === undefined ? [] : [segment(part)]))].join('/')
}

/** Ids are validated as plain ids; encoding them anyway keeps the path shape fixed whatever the caller passes. */
function segment(value: string | ServerText): string {
  return encodeURIComponent(typeof value === 'string' ? value : value.raw)
}
