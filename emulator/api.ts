// The admin API's state and handlers as one Api, apart from any socket: server.ts serves it over HTTP(S), and tests
// that run the engine in-process answer with it directly (routes.ts answerApi).
import { ErrorAnswers } from './answers.ts'
import { Deployments } from './deployments.ts'
import { Jobs } from './jobs.ts'
import type { Api } from './routes.ts'
import { defaultDeployments, defaultUsers } from './scenarios.ts'
import { ServiceEndpoints } from './services.ts'
import { Tokens } from './tokens.ts'
import type { EmulatorOptions } from './types.ts'

export interface CreatedApi {
  api: Api
  /** An administrator token issued up front, not bound to a referer. */
  preIssuedToken: string
}

/** `sleep`: how a synchronous refresh waits for its restart (the caller decides which clock, and cancels). */
export function createApi(
  options: EmulatorOptions,
  ssl: boolean,
  sleep: (ms: number) => Promise<void>
): CreatedApi {
  const context = options.context ?? 'arcgis'
  const errors = new ErrorAnswers(options.errorHttpStatus)
  const deployments = new Deployments(
    options.deployments ?? defaultDeployments,
    errors,
    options.serviceDeployments
  )
  const tokens = new Tokens({
    users: options.users ?? defaultUsers,
    lifetimeMs: options.tokenLifetimeMs,
    ssl,
    errors
  })
  const preIssuedToken = tokens.issueAdministratorToken()
  const version = options.version ?? '11.4'
  const jobs = new Jobs({ options, context, errors, sleep })
  const api: Api = {
    context,
    version,
    numericVersion: options.numericVersion ?? false,
    classicServer: options.classicServer ?? false,
    errors,
    tokens,
    deployments,
    jobs,
    services: new ServiceEndpoints({
      deployments,
      jobs,
      errors,
      version,
      warmupMs: options.serviceWarmupMs ?? 0
    }),
    deploymentListings: options.deploymentListings ?? ['resource', 'find-ids'],
    serviceListing: options.serviceListing ?? 'full'
  }
  return { api, preIssuedToken }
}
