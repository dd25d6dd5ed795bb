// The emulator's public types: how a test configures it (EmulatorOptions, DeploymentSeed, FaultRule)
// and what it hands back (Emulator, RecordedRequest). emulator/server.ts re-exports them all.

export type Role = 'administrator' | 'publisher'

export interface EmulatorUser {
  username: string
  password: string
  role: Role
}

export interface ServiceSeed {
  /** The root folder when absent. */
  folder?: string
  name: string
  type: string
}

export interface DeploymentSeed {
  deploymentId: string
  /** For example 'shared-mapserver' or 'parcels-featureserver'. */
  name: string
  /** Default 'MapServer'. */
  type?: string
  /** Default 'Dedicated'; null: its records carry no mode at all. Real servers also say 'Undefined', 'Primary', … */
  mode?: string | null
  /**
   * Default as real servers name them: 'DMaps' for a Shared MapServer, 'SDS' for a FeatureServer, 'ArcObjects11' for
   * any other GIS service; 'Undefined' for microservices that are not service related (set it for a data store:
   * 'Postgres', 'MinIO', …).
   */
  provider?: string
  /**
   * Default 'STARTED'. A 'STOPPED' deployment says so in every listing and in its resource, its status answers
   * currentState STOPPED with no replica ready, and its refresh answers an error (what a real server answers is
   * unconfirmed): it is never ready.
   */
  configuredState?: 'STARTED' | 'STOPPED' | (string & {})
  /** totalReplicas, default 1. */
  replicas?: number
  /**
   * The GIS services it runs, as 'Folder/Name.Type' or 'Name.Type' (root folder), or as their parts when a name holds
   * a '/' or a '.' (any text a server might send).
   */
  services?: (string | ServiceSeed)[]
  /** The id of its refresh jobs, instead of a fresh one each time (any text a server might send). */
  jobId?: string
  /**
   * Of its services, those configured as stopped: their admin `status` says STOPPED, and their REST endpoint answers
   * `{"error":{"code":500,"message":"Service <Folder>/<Name>/<Type> not started ","details":[]}}` forever.
   */
  stoppedServices?: string[]
  /**
   * What its refresh job does, default 'complete'. 'cancel': it is cancelled half-way through EXECUTING, goes
   * CANCELLING for the other half (a rollback), then CANCELLED.
   */
  job?: 'complete' | 'fail' | 'stuck' | 'complete-with-error' | 'cancel'
  /** The messages of a FAILED job, or of the error inside a 'complete-with-error' job's result. */
  failureMessages?: string[]
  /**
   * Where a FAILED job tells why. Default 'result': `result: {messages: [...]}`, where Esri's Job page puts failure
   * details. 'result-error': `result: {error: "..."}`; 'result-error-object': `result: {error: {code, message,
   * details}}`; 'messages': top-level `messages`, which Esri's CLI reads.
   */
  failureShape?: 'result' | 'result-error' | 'result-error-object' | 'messages'
  /** In the middle of EXECUTING, the job answers the documented status UNAVAILABLE for this long. */
  unavailableMs?: number
  /**
   * This long after the refresh, its job record is gone (as when the admin API's store restarts): GET jobs/<id>
   * answers `{"error":{"code":404,"message":"Job not found"}}` and the jobs listing leaves it out.
   */
  jobRecordLostAfterMs?: number
  /** After a refresh, readyReplicas never comes back. */
  neverReady?: boolean
  /** After a refresh, its services answer an error at their REST endpoints forever. */
  servicesNeverAnswer?: boolean
  /**
   * Unhealthy until its first refresh, which heals it (the usual timeline follows): 'pods': no replica is ready;
   * 'state': its status answers currentState 'FAILED' (a value Esri does not document: only STARTED is), all replicas
   * ready; 'services': its services answer an error at their REST endpoints.
   */
  unhealthy?: 'pods' | 'state' | 'services'
}

/** GET system/deployments ('resource'), or POST findDeploymentIds and getDeploymentsById ('find-ids'). */
export type DeploymentListing = 'resource' | 'find-ids'

/**
 * The first rule that matches a request and has uses left answers it instead of the API. A rule
 * with only delayMs delays the real answer.
 */
export interface FaultRule {
  /** Any method when absent. */
  method?: string
  /** A string matches any path that includes it; a RegExp is tested against the path. */
  path: string | RegExp
  /** Let this many matching requests through before answering (default 0). */
  skip?: number
  /** Answer this many requests, then stop matching (default: unlimited). */
  times?: number
  /** Default 200. */
  status?: number
  /** An object is sent as JSON, a string as it is (HTML, truncated JSON, ...). */
  body?: string | object
  /** Default application/json for an object body, text/html otherwise. */
  contentType?: string
  headers?: Record<string, string>
  delayMs?: number
  /** Destroy the socket without an answer: the client sees ECONNRESET or "socket hang up". */
  destroy?: boolean
  /**
   * Let the API act on the request first (a refresh starts its job), then send this rule's answer instead of the
   * API's: an ingress that answers 502 or 504 for an upstream that did the work.
   */
  afterApi?: boolean
}

export interface EmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string
  /** Default 0: any free port. */
  port?: number
  /** The web adaptor context, default 'arcgis'. */
  context?: string
  /** Serve HTTPS with this PEM key and certificate (see createTestCertificates). */
  tls?: { key: string; cert: string }
  /** fullVersion and currentVersion of GET /admin, default '11.4'. */
  version?: string
  /** GET /admin gives no fullVersion, only currentVersion as a JSON number (Esri prints it unquoted): 10.9, 11.4. */
  numericVersion?: boolean
  /**
   * Where a GIS service names its deployments. Default 'service': a top-level deploymentId in the service resource
   * (the first, for a service that several seeds run). 'scaling': only in `scalingSpec[].deploymentId` of its
   * `scaling` resource, which lists every deployment that runs it in either case.
   */
  serviceDeployments?: 'service' | 'scaling'
  /**
   * GET /admin/jobs, whose shape Esri does not document. Default 'ids': `{"jobs": ["j…", …]}`, as ArcGIS Server's
   * system/jobs answers; 'objects': `{"jobs": [{jobid, status, operationURI, starttime, …}]}`; 'none': not found.
   */
  jobsListing?: 'ids' | 'objects' | 'none'
  /**
   * This many unrelated jobs (service edits of the past, COMPLETED) besides the refresh jobs, as a busy server has
   * hundreds: listed with them, every listing in a new random order (a real listing has no documented order), and
   * each readable at jobs/<id>.
   */
  jobsListingNoise?: number
  /** Default: admin / emulator-password, an administrator. */
  users?: EmulatorUser[]
  /** Default: a Shared 'shared-mapserver' with two services and two Dedicated deployments. */
  deployments?: DeploymentSeed[]
  /**
   * The clock of the job, readiness and service timelines (default Date.now): a test of those timings advances its
   * own instead of sleeping, so that no load on the machine moves a request across a boundary.
   */
  now?: () => number
  /** How long a job stays SUBMITTED (default 300). */
  submittedMs?: number
  /** Then how long it stays EXECUTING (default 1500). */
  executingMs?: number
  /** How long readyReplicas stays below totalReplicas after the job ended (default 500). */
  readyDelayMs?: number
  /** The lifetime of every token, the pre-issued one included (default: as requested; 1 day). */
  tokenLifetimeMs?: number
  /** refresh answers {"jobsUrl","jobid","status"} as refreshAllServices does. */
  lowerCaseJobKeys?: boolean
  /** A 10.9.0 server: refresh ignores async and answers {"status":"success"} once done. */
  syncRefresh?: boolean
  /** The origin of the jobsUrl it returns, e.g. 'https://internal.example:7443'. */
  jobsUrlOrigin?: string
  /** The ways it lists deployments, default both; one left out answers 404. */
  deploymentListings?: DeploymentListing[]
  /**
   * GET services and services/<folder>: 'full' (default: each service's JSON, deploymentId included), 'names-only'
   * (folderName, serviceName and type only) or 'none' (404).
   */
  serviceListing?: 'full' | 'names-only' | 'none'
  /**
   * How long a restarted deployment's services go on answering an error at <context>/rest/services/… once its pods
   * are ready again (default 0). Until its pods are ready they answer an error too.
   */
  serviceWarmupMs?: number
  /** Send error bodies with HTTP 200 (default, as ArcGIS often does) or with their code. */
  errorHttpStatus?: 'ok' | 'code'
  /**
   * A classic ArcGIS Enterprise's ArcGIS Server instead (Windows or Linux): its admin root lists machines and
   * clusters, it has no system/deployments (404) and no jobs, and a service's admin resource has no deploymentId.
   */
  classicServer?: boolean
  /**
   * A single sign-on gateway in front of the portal: every request, whatever its path, gets the gateway's HTML
   * sign-in page with HTTP 200.
   */
  signInGateway?: boolean
  faults?: FaultRule[]
}

export type JobOutcome = NonNullable<DeploymentSeed['job']>

export interface RecordedRequest {
  method: string
  /** The pathname only. */
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body: string
  /** The parsed x-www-form-urlencoded body, {} for any other body. */
  form: Record<string, string>
  /** Date.now() when it arrived. */
  at: number
  /** Date.now() when its answer was sent; undefined while it has none (or never got one). */
  answeredAt?: number
}

export interface Emulator {
  /** For example 'http://127.0.0.1:38211/arcgis'. */
  portalUrl: string
  origin: string
  /** A pre-issued administrator token, not bound to a referer. */
  token: string
  /**
   * A pre-issued administrator token bound to the emulator's origin, as `generateToken` with
   * `client=referer&referer=<origin>` mints it: refused (498) unless the request's Referer is that origin.
   */
  refererToken: string
  /**
   * A pre-issued administrator token minted as Esri's command-line client mints it, `client=referer&referer=referer`:
   * refused (498) unless the request's Referer is the literal `referer`.
   */
  foreignRefererToken: string
  deploymentIds: string[]
  /** Every request in arrival order, faulted ones and generateToken included. */
  requests: RecordedRequest[]
  addFault(rule: FaultRule): void
  /** Every token issued so far becomes invalid (498): token expiry in the middle of a poll. */
  expireTokens(): void
  /** Closes the server and destroys its open sockets, so that tests end promptly. */
  close(): Promise<void>
}
