import { jest } from '@jest/globals'
import type { ArcGISAdminClient } from '../../src/arcgis/admin-client.js'
import type {
  Deployment,
  DeploymentStatus,
  Job,
  JobListing,
  ListedService,
  RefreshAnswer,
  ServiceStatus
} from '../../src/arcgis/answers.js'
import type { ProbeAnswer } from '../../src/arcgis/http.js'
import type { ServiceRef } from '../../src/arcgis/service-ref.js'

type Step<T> = T | Error

/** Plays `steps` in order (an Error is thrown), repeating the last one. */
function player<T>(steps: Array<Step<T>>): () => Promise<T> {
  let index = 0
  return async () => {
    const step = steps[Math.min(index++, steps.length - 1)]
    if (step instanceof Error) throw step
    return step
  }
}

export interface FakeClientScript {
  refresh?: Array<Step<RefreshAnswer>>
  jobs?: Array<Step<Job>>
  statuses?: Array<Step<DeploymentStatus>>
  /** Answers of GET <root>/jobs. */
  listings?: Array<Step<JobListing[]>>
}

export const job = (status: string, messages: string[] = [], resultIsError = false): Job => ({
  status,
  messages,
  resultIsError
})

export const ready: DeploymentStatus = {
  currentState: 'STARTED',
  readyReplicas: 1,
  totalReplicas: 1
}

/** A stand-in for ArcGISAdminClient that plays a script; every method is a jest mock. */
export function fakeClient(script: FakeClientScript = {}) {
  const refresh = player(script.refresh ?? [{ kind: 'job', jobId: 'j1', status: 'SUBMITTED' }])
  const jobs = player(script.jobs ?? [job('COMPLETED')])
  const statuses = player(script.statuses ?? [ready])
  const listings = player(script.listings ?? [[]])
  const client = {
    getServerInfo: jest.fn(async () => ({ version: '11.3' })),
    getDeployment: jest.fn(async (id: string) => ({ id })),
    getServiceDeploymentIds: jest.fn(async (_service: ServiceRef): Promise<string[]> => []),
    listDeployments: jest.fn(async (_version: string | undefined) => [] as Deployment[]),
    listServices: jest.fn(async () => [] as ListedService[]),
    serviceUrl: jest.fn(
      (service: ServiceRef) =>
        `https://gis.example.com/arcgis/rest/services/${service.folder ? `${service.folder}/` : ''}${service.name}/${service.type}`
    ),
    readServiceEndpoint: jest.fn(async (_service: ServiceRef) => undefined),
    getServiceStatus: jest.fn(async (_service: ServiceRef): Promise<ServiceStatus> => ({
      configuredState: 'STARTED'
    })),
    probe: jest.fn(async (_url: string): Promise<ProbeAnswer> => ({
      status: 200,
      excerpt: '',
      withToken: false
    })),
    refreshDeployment: jest.fn((_id: string) => refresh()),
    getJob: jest.fn((_jobId: string) => jobs()),
    listJobs: jest.fn(() => listings()),
    getDeploymentStatus: jest.fn((_id: string, _retry?: string) => statuses())
  }
  return { client, asClient: client as unknown as ArcGISAdminClient }
}
