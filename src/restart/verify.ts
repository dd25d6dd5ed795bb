// Proving that what a deployment serves answers again once its pods are ready: its GIS services, at their REST
// endpoints, and the URLs of verify-url.
import type { ArcGISAdminClient } from '../arcgis/admin-client.js'
import type { ListedService } from '../arcgis/answers.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import type { Logger } from '../common/logger.js'
import type { ServiceRef } from '../arcgis/service-ref.js'
import type { RestartInputs } from './restart-inputs.js'
import { pollWithin, type PollContext, type PollStep } from './poll.js'
import type { Target } from './targets.js'

/** What is checked once a deployment's pods are ready. */
export interface Checks {
  services: ServiceRef[]
  urls: string[]
  /** Why the services of the deployment are not known, when they are not: `the admin API lists no service …`. */
  servicesUnknown?: string
}

export type Verification =
  | { kind: 'verified' }
  /** Nothing could be checked: only pod readiness was. */
  | { kind: 'unchecked' }
  | { kind: 'timeout'; error: string }

export interface VerifyContext extends PollContext {
  client: ArcGISAdminClient
}

/**
 * Decides, before anything restarts, what to check for each target: the services named in `service` for a target
 * reached through them; for any other, the services the admin API lists as running in its deployment; and the
 * verify-url URLs for every target.
 */
export async function planChecks(
  targets: Target[],
  inputs: Pick<RestartInputs, 'services' | 'verifyUrls'>,
  client: ArcGISAdminClient
): Promise<Checks[]> {
  const unnamed = targets.filter((target) => target.services.length === 0)
  const served = unnamed.length > 0 ? await servicesOf(unnamed, client) : new Map()
  return targets.map(({ deployment, services }) => {
    const urls = inputs.verifyUrls
    if (services.length > 0) {
      return {
        services: inputs.services.filter((service) => services.includes(service.label)),
        urls
      }
    }
    if (typeof served === 'string') return { services: [], urls, servicesUnknown: served }
    const found = served.get(deployment.id) ?? []
    return found.length > 0
      ? { services: found, urls }
      : { services: [], urls, servicesUnknown: 'the admin API lists no service running in it' }
  })
}

/**
 * The services running in each of `targets`' deployments, from the services listing. An entry that does not say
 * which deployment serves it is read on its own, if its type is one of the targets' types (a MapServer deployment
 * serves MapServer services). When the server offers no listing, why.
 */
async function servicesOf(
  targets: Target[],
  client: ArcGISAdminClient
): Promise<Map<string, ServiceRef[]> | string> {
  let listed: ListedService[]
  try {
    listed = await client.listServices()
  } catch (error) {
    if (!(error instanceof ArcGISRequestError && error.notOffered)) throw error
    return `the admin API did not list the services (${error.problem})`
  }
  const ids = new Set(targets.map((target) => target.deployment.id))
  const types = targets.map((target) => target.deployment.type?.toLowerCase())
  const byDeployment = new Map<string, ServiceRef[]>()
  for (const { service, deploymentId } of listed) {
    const serving = deploymentId
      ? [deploymentId]
      : types.includes(undefined) || types.includes(service.type.toLowerCase())
        ? await deploymentsOf(service, client)
        : []
    for (const id of serving) {
      if (ids.has(id)) byDeployment.set(id, [...(byDeployment.get(id) ?? []), service])
    }
  }
  return byDeployment
}

async function deploymentsOf(service: ServiceRef, client: ArcGISAdminClient): Promise<string[]> {
  try {
    return await client.getServiceDeploymentIds(service)
  } catch (error) {
    if (error instanceof ArcGISRequestError && error.notOffered) return []
    throw error
  }
}

/**
 * Polls each service's REST endpoint until it answers JSON without an error, then each URL until it answers 2xx,
 * all within the step's deadline. Any failed answer counts as "not yet": a restarted service answers errors for a
 * while. The first check that does not succeed before the deadline ends the verification.
 */
export async function verifyTarget(
  checks: Checks,
  context: VerifyContext,
  logger: Logger
): Promise<Verification> {
  if (checks.servicesUnknown) {
    const what =
      checks.urls.length > 0 ? 'pod readiness and the verify-url URLs are' : 'pod readiness is'
    logger.info(`Only ${what} checked: ${checks.servicesUnknown}.`)
  }
  if (checks.services.length === 0 && checks.urls.length === 0) return { kind: 'unchecked' }
  const unanswered = await firstUnanswered(checks, context, logger)
  if (!unanswered) return { kind: 'verified' }
  return {
    kind: 'timeout',
    error: `${unanswered.failed} before the timeout (last answer: ${unanswered.answer})`
  }
}

/** A check that did not succeed: `Service X did not answer at <url>`, and the last answer it gave. */
export interface Unanswered {
  failed: string
  answer: string
}

/**
 * Probes the services, then the URLs, of `checks`, each until it answers correctly or `context`'s deadline passes
 * (the step's for a verification, a few seconds for a health check); the first that does not is returned.
 */
export async function firstUnanswered(
  checks: Checks,
  context: VerifyContext,
  logger: Logger
): Promise<Unanswered | undefined> {
  const { client } = context
  for (const service of checks.services) {
    const url = client.serviceUrl(service)
    const answered = await answers(`Service ${service.label}`, context, logger, async () => {
      await client.readServiceEndpoint(service)
      return { done: true, value: undefined }
    })
    if (answered !== true) {
      return { failed: `Service ${service.label} did not answer at ${url}`, answer: answered }
    }
    logger.info(`Service ${service.label} answers at ${url}`)
  }
  for (const url of checks.urls) {
    const answered = await answers(url, context, logger, async () => {
      const { status, excerpt } = await client.probe(url)
      return status >= 200 && status < 300
        ? { done: true, value: undefined }
        : { done: false, state: `HTTP ${status}${excerpt ? ` (${excerpt})` : ''}` }
    })
    if (answered !== true) {
      return { failed: `${url} did not answer with HTTP 2xx`, answer: answered }
    }
    logger.info(`${url} answers`)
  }
  return undefined
}

/** True once `check` is done; else the last answer seen before the deadline. */
async function answers(
  subject: string,
  context: VerifyContext,
  logger: Logger,
  check: () => Promise<PollStep<undefined>>
): Promise<true | string> {
  let lastAnswer: string | undefined
  const result = await pollWithin(context, logger, subject, async () => {
    try {
      const step = await check()
      if (!step.done) lastAnswer = step.state
      return step
    } catch (error) {
      if (!(error instanceof ArcGISRequestError)) throw error
      // An attempt that the deadline cut short tells nothing of the URL: the answer before it is the one to report.
      if (!(error.detail.deadline && lastAnswer !== undefined)) lastAnswer = error.problem
      return { done: false, state: lastAnswer }
    }
  })
  if (result.kind === 'done') return true
  return result.kind === 'timeout' ? (result.lastState ?? 'no answer') : result.problem
}
