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

/** The HTML page an nginx ingress answers with when the API behind it does not. */
export function ingressPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** Short clocks: a whole restart, readiness included, takes about a second. */
export const quickClock = { submittedMs: 100, executingMs: 600, readyDelayMs: 300 }

function everyDeploymentDoes(job: JobOutcome): DeploymentSeed[] {
  return defaultDeployments.map((seed) => ({ ...seed, job }))
}

export const scenarios: Record<string, EmulatorOptions> = {
  // Every refresh job completes and the pods come back.
  success: { ...quickClock },
  // Every refresh job ends FAILED with a CrashLoopBackOff message.
  'job-failed': { ...quickClock, deployments: everyDeploymentDoes('fail') },
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
  // Every refresh job stays EXECUTING forever and the pods never come back.
  stuck: { ...quickClock, deployments: everyDeploymentDoes('stuck') },
  // jobsUrl names an internal host the client cannot reach; the job is only reachable under the portal URL.
  'foreign-jobs-url': { ...quickClock, jobsUrlOrigin: 'https://internal.example:7443' },
  // Every token, the pre-issued one included, expires after 1 s, while a job runs for about 3 s.
  'token-expiry': { ...quickClock, executingMs: 2500, tokenLifetimeMs: 1000 },
  // Every answer is delayed by 300 ms.
  slow: { ...quickClock, faults: [{ path: '/', delayMs: 300 }] }
}
