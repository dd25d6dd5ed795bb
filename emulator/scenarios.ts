// The emulator's defaults (users, deployments) and its named scenarios, as `npm run emulator -- --scenario`
// and the tests use them. A new scenario is one more entry in `scenarios`.
import type { DeploymentSeed, EmulatorOptions, EmulatorUser, JobOutcome } from './types.ts'

export const defaultUsers: EmulatorUser[] = [
  { username: 'admin', password: 'emulator-password', role: 'administrator' }
]

/** A Shared 'shared-mapserver' with two services and two Dedicated deployments. */
export const defaultDeployments: DeploymentSeed[] = [
  {
    deploymentId: 'kvy7vwrnl1j9ozrjrbxvf',
    name: 'shared-mapserver',
    type: 'MapServer',
    mode: 'Shared',
    replicas: 2,
    services: ['SampleWorldCities.MapServer', 'Basemaps/Streets.MapServer']
  },
  {
    deploymentId: 'pq3tbhwamxr8e0cd2uyzn',
    name: 'parcels-featureserver',
    type: 'FeatureServer',
    mode: 'Dedicated',
    services: ['Hosted/Parcels.FeatureServer']
  },
  {
    deploymentId: 'fw2ux5h0kzqj4ye1dbmso',
    name: 'water-mapserver',
    type: 'MapServer',
    mode: 'Dedicated',
    services: ['Utilities/Water.MapServer']
  }
]

/**
 * Microservices that are not service related, as a cluster runs them next to the GIS service deployments: type System,
 * mode and provider Undefined; and a data store.
 */
export const systemDeployments: DeploymentSeed[] = [
  {
    deploymentId: 'kx1c9v7b5n3m8a2s4d6fg',
    name: 'ingress-controller',
    type: 'System',
    mode: 'Undefined',
    provider: 'Undefined',
    replicas: 2
  },
  {
    deploymentId: 'k0a8d2xq3v9m1c5n7b4zr',
    name: 'admin-api',
    type: 'System',
    mode: 'Undefined',
    provider: 'Undefined'
  },
  {
    deploymentId: 'kr5t7y9u1i3o5p7a9s1dd',
    name: 'relational-store-primary',
    type: 'RelationalStore',
    mode: 'Primary',
    provider: 'Postgres'
  }
]

/** The stopped services of the 'stopped-services' scenario. */
export const STOPPED_SERVICES = ['Hosted/Roads.MapServer', 'Hosted/Rivers.MapServer']

/**
 * What a real organisation runs besides the GIS service deployments and systemDeployments: a system microservice of
 * a type of its own (a webhook processor, from 11.0), a second data store (the object store), and a Dedicated
 * deployment configured as stopped, with its service.
 */
export const realOrganisationDeployments: DeploymentSeed[] = [
  {
    deploymentId: 'kw3b5n7m9q1e3r5t7y9uw',
    name: 'webhook-processor',
    type: 'WebhookProcessor',
    mode: 'Undefined',
    provider: 'Undefined'
  },
  {
    deploymentId: 'ko4p6a8s0d2f4g6h8j0ko',
    name: 'object-store-primary',
    type: 'ObjectStore',
    mode: 'Primary',
    provider: 'MinIO'
  },
  {
    deploymentId: 'ks9d7f5g3h1j9k7l5z3xs',
    name: 'archive-mapserver',
    type: 'MapServer',
    mode: 'Dedicated',
    configuredState: 'STOPPED',
    services: ['Archive/Roads1990.MapServer']
  }
]

/** The HTML page an nginx ingress answers with when the API behind it does not. */
export function ingressPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** Short clocks: a whole restart, readiness included, takes about a second. */
export const quickClock = { submittedMs: 100, executingMs: 600, readyDelayMs: 300 }

/** The seeds, shared-mapserver running STOPPED_SERVICES besides its own, configured as stopped. */
function withStoppedServices(seeds: DeploymentSeed[]): DeploymentSeed[] {
  return seeds.map((seed) =>
    seed.name === 'shared-mapserver'
      ? {
          ...seed,
          services: [...(seed.services ?? []), ...STOPPED_SERVICES],
          stoppedServices: STOPPED_SERVICES
        }
      : seed
  )
}

function everyDeploymentDoes(job: JobOutcome): DeploymentSeed[] {
  return everyDeploymentHas({ job })
}

function everyDeploymentHas(fields: Partial<DeploymentSeed>): DeploymentSeed[] {
  return defaultDeployments.map((seed) => ({ ...seed, ...fields }))
}

/** What the admin API answers while it restarts: a JSON error with code 500, sent with HTTP 500. */
const internalError = {
  status: 500,
  body: { status: 'error', messages: ['Internal server error.'], code: 500 }
}
/** What it answers for a job its store does not know (yet, or any more). */
const jobNotFound = { body: { error: { code: 404, message: 'Job not found' } } }

export const scenarios: Record<string, EmulatorOptions> = {
  // Every refresh job completes and the pods come back.
  success: { ...quickClock },
  // Every refresh job ends FAILED with a CrashLoopBackOff message in its result.
  'job-failed': { ...quickClock, deployments: everyDeploymentDoes('fail') },
  // Every refresh job is cancelled half-way: EXECUTING, CANCELLING (750 ms), then CANCELLED.
  'job-cancelled': {
    ...quickClock,
    executingMs: 1500,
    deployments: everyDeploymentDoes('cancel')
  },
  // Every refresh job answers UNAVAILABLE for 800 ms in the middle of EXECUTING, then completes.
  'job-unavailable': {
    ...quickClock,
    executingMs: 1500,
    deployments: everyDeploymentHas({ unavailableMs: 800 })
  },
  // While a job runs, the admin API restarts: two job polls answer a JSON error 500 (HTTP 500), two
  // more "Job not found", and the first status read a JSON error 500; then everything answers again.
  'poll-errors': {
    ...quickClock,
    executingMs: 1500,
    faults: [
      { method: 'GET', path: '/admin/jobs/', skip: 1, times: 2, ...internalError },
      { method: 'GET', path: '/admin/jobs/', skip: 1, times: 2, ...jobNotFound },
      // The pods' status, not a service's (read before the restart).
      { method: 'GET', path: /\/system\/deployments\/[^/]+\/status$/, times: 1, ...internalError }
    ]
  },
  // Each job's record is lost 300 ms after its refresh (the admin API's store restarted): the job
  // answers "Job not found" and is no longer listed; the restart itself goes on.
  'job-record-lost': {
    ...quickClock,
    deployments: everyDeploymentHas({ jobRecordLostAfterMs: 300 })
  },
  // The first refresh starts its job, but the ingress answers 504 (it gave up waiting).
  'refresh-504-started': {
    ...quickClock,
    faults: [
      {
        method: 'POST',
        path: '/refresh',
        times: 1,
        afterApi: true,
        status: 504,
        body: ingressPage(504, 'Gateway Time-out')
      }
    ]
  },
  // The first refresh starts its job, but its upstream dies before answering: 502. The jobs listing
  // gives job objects.
  'refresh-502-started': {
    ...quickClock,
    jobsListing: 'objects',
    faults: [
      {
        method: 'POST',
        path: '/refresh',
        times: 1,
        afterApi: true,
        status: 502,
        body: ingressPage(502, 'Bad Gateway')
      }
    ]
  },
  // The first refresh never reaches the admin API and the ingress answers 504: no job starts.
  'refresh-504-lost': {
    ...quickClock,
    faults: [
      {
        method: 'POST',
        path: '/refresh',
        times: 1,
        status: 504,
        body: ingressPage(504, 'Gateway Time-out')
      }
    ]
  },
  // refresh answers HTTP 200 with an admin-style error body.
  'error-200-admin': {
    ...quickClock,
    faults: [
      {
        method: 'POST',
        path: '/refresh',
        body: {
          status: 'error',
          messages: ['Unable to refresh the deployment: the Kubernetes API server did not answer.'],
          code: 500
        }
      }
    ]
  },
  // refresh answers HTTP 200 with a portal-style error body.
  'error-200-portal': {
    ...quickClock,
    faults: [
      {
        method: 'POST',
        path: '/refresh',
        body: {
          error: {
            code: 500,
            message: 'Unable to refresh the deployment.',
            details: ['The Kubernetes API server did not answer.']
          }
        }
      }
    ]
  },
  // The first three job polls meet an ingress answering 503 with an HTML page, then the API answers.
  unavailable: {
    ...quickClock,
    faults: [
      {
        method: 'GET',
        path: '/admin/jobs/',
        times: 3,
        status: 503,
        body: ingressPage(503, 'Service Temporarily Unavailable')
      }
    ]
  },
  // The first refresh is throttled with 429 and Retry-After: 1.
  'rate-limited': {
    ...quickClock,
    faults: [
      {
        method: 'POST',
        path: '/refresh',
        times: 1,
        status: 429,
        headers: { 'Retry-After': '1' },
        body: ingressPage(429, 'Too Many Requests')
      }
    ]
  },
  // refresh answers {"jobsUrl","jobid","status"} as refreshAllServices does.
  'lowercase-keys': { ...quickClock, lowerCaseJobKeys: true },
  // A 10.9.0 server: refresh ignores async and answers {"status":"success"} once the restart is done.
  'sync-10.9.0': { ...quickClock, version: '10.9', syncRefresh: true },
  // GET /admin gives only currentVersion, as the JSON number 11.4.
  'numeric-version': { ...quickClock, numericVersion: true },
  // Services name their deployments only in their scaling resource, and Basemaps/Streets.MapServer
  // runs in two: shared-mapserver and water-mapserver.
  'services-in-scaling': {
    ...quickClock,
    serviceDeployments: 'scaling',
    deployments: defaultDeployments.map((seed) =>
      seed.name === 'water-mapserver'
        ? { ...seed, services: [...(seed.services ?? []), 'Basemaps/Streets.MapServer'] }
        : seed
    )
  },
  // shared-mapserver runs two more services, Hosted/Roads.MapServer and Hosted/Rivers.MapServer, which are stopped: their
  // status says STOPPED and their endpoints answer "not started" forever, as in any real organisation.
  'stopped-services': { ...quickClock, deployments: withStoppedServices(defaultDeployments) },
  // Every refresh job stays EXECUTING forever and the pods never come back.
  stuck: { ...quickClock, deployments: everyDeploymentDoes('stuck') },
  // jobsUrl names an internal host the client cannot reach; the job is only reachable under the portal URL.
  'foreign-jobs-url': { ...quickClock, jobsUrlOrigin: 'https://internal.example:7443' },
  // Every token, the pre-issued one included, expires after 1 s, while a job runs for about 3 s.
  'token-expiry': { ...quickClock, executingMs: 2500, tokenLifetimeMs: 1000 },
  // The service deployments and the system ones (ingress controller, admin API, relational store), for filters and
  // names; services answer errors for a second after their pods are ready again.
  platform: {
    ...quickClock,
    deployments: [...defaultDeployments, ...systemDeployments],
    serviceWarmupMs: 1000
  },
  // A real organisation, as far as a restart meets it: the GIS service deployments (shared-mapserver with two stopped
  // services), the platform's system ones, a webhook processor, an object store, a stopped Dedicated deployment, and a
  // jobs listing with 300 unrelated ids, in a new random order each time.
  'real-organisation': {
    ...quickClock,
    deployments: [
      ...withStoppedServices(defaultDeployments),
      ...systemDeployments,
      ...realOrganisationDeployments
    ],
    jobsListingNoise: 300
  },
  // The real organisation, where parcels-featureserver's pods are not ready and water-mapserver's services answer
  // errors until each is refreshed: what restart-if: unhealthy heals (with max-unhealthy: 2 or more, since the
  // default 50% of the three GIS service deployments it checks lets one through).
  unhealthy: {
    ...quickClock,
    deployments: [
      ...defaultDeployments.map((seed) =>
        seed.name === 'parcels-featureserver'
          ? { ...seed, unhealthy: 'pods' as const }
          : seed.name === 'water-mapserver'
            ? { ...seed, unhealthy: 'services' as const }
            : seed
      ),
      ...systemDeployments,
      ...realOrganisationDeployments
    ]
  },
  // Every answer is delayed by 300 ms.
  slow: { ...quickClock, faults: [{ path: '/', delayMs: 300 }] },
  // A classic ArcGIS Enterprise's ArcGIS Server: no system/deployments, services without a deploymentId.
  'classic-server': { ...quickClock, version: '11.3', classicServer: true },
  // A single sign-on gateway in front of the portal answers every request with its HTML sign-in page (HTTP 200).
  'sign-in-gateway': { ...quickClock, signInGateway: true }
}
