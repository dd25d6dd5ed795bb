// Proving that what a deployment serves answers again once its pods are ready: its GIS services, at their REST
// endpoints, and the URLs of verify-url.
import type { ArcGISAdminClient } from '../arcgis/admin-client.js'
import type { ListedService } from '../arcgis/answers.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import { Deadline } from '../common/deadline.js'
import type { Logger } from '../common/logger.js'
import type { ServerText } from '../common/server-text.js'
import { mapLimited } from '../common/map-limited.js'
import type { ServiceRef } from '../arcgis/service-ref.js'
import type { RestartInputs } from './restart-inputs.js'
import { pollWithin, type PollContext, type PollStep } from './poll.js'
import { describeTarget, type Target } from './targets.js'
import type { Vocabulary } from '../common/vocabulary.js'

/** Service statuses read at once while planning: a Shared deployment may run hundreds of services. */
const STATUS_READS_AT_ONCE = 8

/** What is checked once a deployment's pods are ready. */
export interface Checks {
  services: ServiceRef[]
  /**
   * Services of the deployment that are configured as stopped: not checked, since a stopped service has no pods and
   * its endpoint answers "not started" until someone starts it.
   */
  stopped?: ServiceRef[]
  urls: string[]
  /** Why the services of the deployment are not known, when they are not: `the admin API lists no service …`. */
  servicesUnknown?: string
}

export type Verification =
  | { kind: 'verified' }
  /** Nothing could be checked: only pod readiness was. */
  | { kind: 'unchecked' }
  | { kind: 'timeout'; error: string }
  /** An answer that would not change before the timeout (the token refused at a service's endpoint). */
  | { kind: 'failed'; error: string }

export interface VerifyContext extends PollContext {
  client: ArcGISAdminClient
  /** Each check (a service, a URL) ends within this long of its start, as well as within the deadline. */
  checkMs?: number
  /** How a refusal's hint names the settings. */
  words: Vocabulary
}

/**
 * Decides, before anything restarts, what to check for each target: the services named in `service` for a target
 * reached through them; for any other, the services the admin API lists as running in its deployment; and the
 * verify-url URLs for every target. Of those services, the ones configured as stopped are left out and named once.
 */
export async function planChecks(
  targets: Target[],
  inputs: Pick<RestartInputs, 'services' | 'verifyUrls'>,
  client: ArcGISAdminClient,
  logger: Logger
): Promise<Checks[]> {
  const unnamed = targets.filter((target) => target.services.length === 0)
  const served = unnamed.length > 0 ? await servicesOf(unnamed, client) : new Map()
  const planned: Checks[] = targets.map(({ deployment, services }) => {
    const urls = inputs.verifyUrls
    if (services.length > 0) {
      return {
        services: inputs.services.filter((service) => services.includes(service.label.raw)),
        urls
      }
    }
    if (typeof served === 'string') return { services: [], urls, servicesUnknown: served }
    const found = served.get(deployment.id) ?? []
    return found.length > 0
      ? { services: found, urls }
      : { services: [], urls, servicesUnknown: 'the admin API lists no service running in it' }
  })
  const stopped = await stoppedServices(
    planned.flatMap((checks) => checks.services),
    client,
    logger
  )
  return planned.map((checks, index) => {
    const left = checks.services.filter((service) => stopped.has(service.label.raw))
    if (left.length > 0) {
      logger.info(
        `${describeTarget(targets[index])}: ${stoppedNotChecked(left.map((service) => service.label))}`
      )
    }
    return {
      ...checks,
      services: checks.services.filter((service) => !stopped.has(service.label.raw)),
      stopped: left
    }
  })
}

/** `2 stopped services not checked: A, B`, as the log and the summary say it. */
export function stoppedNotChecked(labels: readonly ServerText[]): string {
  const services = labels.length === 1 ? 'service' : 'services'
  return `${labels.length} stopped ${services} not checked: ${labels.join(', ')}`
}

/**
 * The labels (their text) of the services configured as stopped. A status that cannot be read leaves its service checked, as if
 * started: the verification then finds out whether it answers.
 */
async function stoppedServices(
  services: ServiceRef[],
  client: ArcGISAdminClient,
  logger: Logger
): Promise<Set<string>> {
  const distinct = [...new Map(services.map((service) => [service.label.raw, service])).values()]
  const unread: string[] = []
  const states = await mapLimited(distinct, STATUS_READS_AT_ONCE, async (service) => {
    try {
      return (await client.getServiceStatus(service)).configuredState
    } catch (error) {
      if (!(error instanceof ArcGISRequestError)) throw error
      unread.push(`${service.label} (${error.problem})`)
      return undefined
    }
  })
  if (unread.length > 0) {
    const first = unread.length > 1 ? `${unread[0]} and ${unread.length - 1} more` : unread[0]
    logger.info(
      `The status of ${unread.length === 1 ? 'a service' : `${unread.length} services`} could not be read, so ${unread.length === 1 ? 'it is' : 'they are'} checked as if started: ${first}.`
    )
  }
  return new Set(
    distinct.flatMap((service, index) => (states[index] === 'STOPPED' ? [service.label.raw] : []))
  )
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
  const types = targets.map((target) => target.deployment.type?.raw.toLowerCase())
  const byDeployment = new Map<string, ServiceRef[]>()
  for (const { service, deploymentId } of listed) {
    const serving = deploymentId
      ? [deploymentId]
      : types.includes(undefined) || types.includes(service.type.raw.toLowerCase())
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
 * while; but a refused token (498, 499, 403) would be refused until the timeout, so it ends the verification at once
 * (the HTTP layer has already renewed a generated token once). The first check that does not succeed ends it.
 */
export async function verifyTarget(
  checks: Checks,
  context: VerifyContext,
  logger: Logger
): Promise<Verification> {
  if (checks.servicesUnknown) {
    const what =
      checks.urls.length > 0 ? 'pod readiness and the URLs to verify are' : 'pod readiness is'
    logger.info(`Only ${what} checked: ${checks.servicesUnknown}.`)
  }
  if (checks.services.length === 0 && checks.urls.length === 0) return { kind: 'unchecked' }
  const unanswered = await firstUnanswered(checks, context, logger)
  if (!unanswered) return { kind: 'verified' }
  if ('refused' in unanswered) return { kind: 'failed', error: unanswered.refused }
  return {
    kind: 'timeout',
    error: `${unanswered.failed} before the timeout (last answer: ${unanswered.answer})`
  }
}

/** A check that did not succeed. */
export type Unanswered =
  /** `Service X did not answer at <url>`, and the last answer it gave before the deadline. */
  | { failed: string; answer: string }
  /** A refused token, which waiting would not change: why, and what may cause it. */
  | { refused: string }

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
  // Each check its own time, so that slow answers of the first do not leave the next none.
  const each = (): VerifyContext =>
    context.checkMs === undefined
      ? context
      : {
          ...context,
          deadline: new Deadline(Math.min(context.checkMs, context.deadline.remaining()))
        }
  for (const service of checks.services) {
    const url = client.serviceUrl(service)
    const subject = `Service ${service.label}`
    const check = each()
    const answered = await answers(subject, check, logger, async () => {
      try {
        await client.readServiceEndpoint(service, check.deadline)
        return { done: true, value: undefined }
      } catch (error) {
        if (error instanceof ArcGISRequestError && refusesToken(error.code)) {
          return {
            done: true,
            value: refusal(`${subject} at ${url}`, error.problem, context.words)
          }
        }
        throw error
      }
    })
    if (typeof answered === 'object') return answered
    if (answered !== true) {
      return { failed: `Service ${service.label} did not answer at ${url}`, answer: answered }
    }
    logger.info(`Service ${service.label} answers at ${url}`)
  }
  for (const url of checks.urls) {
    const check = each()
    const answered = await answers(url, check, logger, async () => {
      const { status, excerpt, withToken } = await client.probe(url, check.deadline)
      const answer = `HTTP ${status}${excerpt ? ` (${excerpt})` : ''}`
      if (withToken && refusesToken(status)) {
        return { done: true, value: refusal(url, answer, context.words) }
      }
      return status >= 200 && status < 300
        ? { done: true, value: undefined }
        : { done: false, state: answer }
    })
    if (typeof answered === 'object') return answered
    if (answered !== true) {
      return { failed: `${url} did not answer with HTTP 2xx`, answer: answered }
    }
    logger.info(`${url} answers`)
  }
  return undefined
}

/** 498 (invalid token), 499 (no token), 403 (not allowed): answers that waiting does not change. */
function refusesToken(code: number | undefined): boolean {
  return code === 498 || code === 499 || code === 403
}

function refusal(where: string, answer: string, words: Vocabulary): Unanswered {
  return {
    refused: `${where} refused the request (${answer}) and would go on refusing it until the timeout, so the verification stopped. Likely causes: a token minted for another referer (set ${words.name('token-referer')} to the referer it was minted with) or for another IP address (client=ip or requestip), or a service the administrator's account cannot see.`
  }
}

/** True once `check` is done; the refusal it ended with, if it ended with one; else the last answer seen. */
async function answers(
  subject: string,
  context: VerifyContext,
  logger: Logger,
  check: () => Promise<PollStep<Unanswered | undefined>>
): Promise<true | string | Unanswered> {
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
  if (result.kind === 'done') return result.value ?? true
  return result.kind === 'timeout' ? (result.lastState ?? 'no answer') : result.problem
}
