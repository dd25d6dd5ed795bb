import { isIP } from 'node:net'
import type { Vocabulary } from '../common/vocabulary.js'
import type { ServerText } from '../common/server-text.js'
import { DeploymentListingUnavailable, type ArcGISAdminClient } from '../arcgis/admin-client.js'
import type { PortalHttp, TokenSource } from '../arcgis/http.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import { Deadline } from '../common/deadline.js'
import { formatDuration } from '../common/duration.js'
import type { Logger } from '../common/logger.js'

/**
 * How long the first contact (the token, the admin root) may take at most. A portal the runner cannot reach is the
 * typical first run of a GitHub-hosted runner against a portal on premises: it must fail in a minute, not after the
 * step's whole timeout, and a few quick retries within that minute ride out a blip.
 */
const FIRST_CONTACT_MS = 60_000

/** The run cannot go on with this portal; the message names the fix. Ends the run as a failure, never as a timeout. */
export class PortalUnusableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PortalUnusableError'
  }
}

export interface Portal {
  url: string
  http: PortalHttp
  tokens: TokenSource
  client: ArcGISAdminClient
}

/**
 * Gets the first token and reads the admin root within min(FIRST_CONTACT_MS, timeout), and makes sure this is ArcGIS
 * Enterprise on Kubernetes. Returns the admin API's version. An unreachable host, a page instead of the API or a
 * classic ArcGIS Enterprise is a PortalUnusableError naming the host and the likely causes.
 */
export async function firstContact(
  portal: Portal,
  timeoutMs: number,
  logger: Logger,
  words: Vocabulary
): Promise<ServerText | undefined> {
  const deadline = new Deadline(Math.min(FIRST_CONTACT_MS, timeoutMs))
  const budget = formatDuration(Math.min(FIRST_CONTACT_MS, timeoutMs))
  try {
    await portal.tokens.token(deadline)
    const info = await readServerInfo(portal.client, deadline, logger)
    if (info.resources && !looksLikeKubernetes(info.resources)) {
      throw notKubernetes(
        portal.url,
        `its admin root lists ${info.resources.join(', ')} but no system deployments`,
        words
      )
    }
    return info.version
  } catch (error) {
    throw error instanceof ArcGISRequestError ? explain(error, portal, budget, words) : error
  }
}

/**
 * The admin root, read once: its version decides how refresh answers are read and goes into the summary. A server
 * that answers it with an ArcGIS error is not a reason to stop (the deployments may still answer), but a refused
 * token, a missing role, an unreachable portal or a page is.
 */
async function readServerInfo(
  client: ArcGISAdminClient,
  deadline: Deadline,
  logger: Logger
): ReturnType<ArcGISAdminClient['getServerInfo']> {
  try {
    return await client.getServerInfo(deadline)
  } catch (error) {
    // A page instead of JSON here means the portal URL points elsewhere: that fails with its hint.
    const versionUnavailable =
      error instanceof ArcGISRequestError && error.notOffered && error.kind !== 'non-json'
    if (!versionUnavailable) throw error
    // So does a 404 when the deployments are not there either (a wrong context: with a token, this is the first
    // request); a server that lists them is only one that does not tell its version.
    if (error.code === 404 && !(await listsDeployments(client, deadline))) throw error
    logger.warning(
      `The admin API did not tell its version (${error.problem}); going on without it.`
    )
    return {}
  }
}

/** Whether the deployments can be listed, within the first contact's deadline. */
async function listsDeployments(client: ArcGISAdminClient, deadline: Deadline): Promise<boolean> {
  try {
    await client.listDeployments(undefined, deadline)
    return true
  } catch (error) {
    if (error instanceof DeploymentListingUnavailable) return false
    throw error
  }
}

/** The admin root of ArcGIS Enterprise on Kubernetes lists `system`; a classic ArcGIS Server's lists machines too. */
function looksLikeKubernetes(resources: string[]): boolean {
  const names = new Set(resources.map((name) => name.toLowerCase()))
  return names.has('system') && !names.has('machines') && !names.has('clusters')
}

/** The error for a portal that is not ArcGIS Enterprise on Kubernetes; `evidence` says how that showed. */
export function notKubernetes(
  portalUrl: string,
  evidence: string,
  words: Vocabulary
): PortalUnusableError {
  return new PortalUnusableError(
    `${portalUrl} is not ArcGIS Enterprise on Kubernetes: ${evidence}. Only ArcGIS Enterprise on Kubernetes has deployments to restart (its admin API has system/deployments); a classic ArcGIS Enterprise (ArcGIS Server, Portal for ArcGIS on Windows or Linux) has none. Check ${words.name('portal-url')}.`
  )
}

function portalUrlForm(words: Vocabulary): string {
  return `${words.name('portal-url')} must be the URL of the portal that serves the ArcGIS REST API, https://host/<context> (for example https://gis.example.com/arcgis)`
}

/** A portal URL without its web adaptor's context (`https://host`): the usual cause of a 404 at the first contact. */
function missingContext(url: string): string {
  const { origin, pathname } = new URL(url)
  return pathname === '/' || pathname === ''
    ? ` ${url} names no context: the portal is usually at ${origin}/arcgis or ${origin}/portal.`
    : ''
}

/** An IP address has no name to resolve. */
function isIpAddress(host: string): boolean {
  return isIP(new URL(`https://${host}`).hostname.replace(/^\[|\]$/g, '')) !== 0
}

/** Says what a failed first contact most likely means, or returns the error as it is when its own hint says it. */
function explain(
  error: ArcGISRequestError,
  portal: Portal,
  budget: string,
  words: Vocabulary
): Error {
  const { http } = portal
  const what = `${error.operation}: ${error.problem}`
  if (error.noAnswer) {
    const proxy = http.proxyHost
      ? `a proxy: the requests go through ${http.proxyHost} (HTTPS_PROXY); if the portal must be reached directly, add its host to NO_PROXY`
      : 'a proxy: no proxy is set; if the network requires one, set HTTPS_PROXY (and NO_PROXY for hosts reached directly) in the environment'
    // A fault that is not retried (no such host) ends the first contact at once, not at the end of its budget.
    const within = error.transient ? ` within ${budget}` : ''
    return new PortalUnusableError(
      [
        `Could not reach the portal at ${http.host}${within} (${what}); nothing was restarted. Likely causes:`,
        `- ${words.machine} cannot reach that network: ${words.outOfReach}`,
        ...(isIpAddress(http.host)
          ? []
          : [
              `- DNS: ${words.machine} cannot resolve the portal's host name, or resolves it to another address`
            ]),
        `- a firewall between ${words.machine} and ${http.host} drops or refuses the connection`,
        `- ${proxy}`
      ].join('\n')
    )
  }
  const context = missingContext(portal.url)
  if (error.code === 404 && context) {
    return new PortalUnusableError(`${what}.${context} ${portalUrlForm(words)}.`)
  }
  if (error.isPageWithSuccessStatus) {
    return new PortalUnusableError(
      `${what}: a page answered, not the ArcGIS REST API (a single sign-on gateway, a web app or the portal's home page answer like this). ${portalUrlForm(words)}.`
    )
  }
  if (error.code === 404) {
    return new PortalUnusableError(
      `${what}: there is no ArcGIS admin API under ${portal.url}. ${portalUrlForm(words)}, of ArcGIS Enterprise on Kubernetes.`
    )
  }
  if (error.transient) {
    return new PortalUnusableError(
      `${http.host} answered, but the admin API did not come up within ${budget} (${what}); nothing was restarted. If the portal is restarting, run again when it is back; otherwise check ${words.name('portal-url')}.`
    )
  }
  return error
}
