import type { Vocabulary } from '../common/vocabulary.js'
import type { ServerText } from '../common/server-text.js'
import { DeploymentListingUnavailable, type ArcGISAdminClient } from '../arcgis/admin-client.js'
import { isStopped, type Deployment } from '../arcgis/answers.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import type { ServiceRef } from '../arcgis/service-ref.js'
import type { Logger } from '../common/logger.js'
import type { RestartInputs } from './restart-inputs.js'
import { notKubernetes } from './first-contact.js'
import {
  byNameThenId,
  matchesFilter,
  restartsOnlyWhenNamed,
  similar,
  similarDeployments,
  type DeploymentFilter
} from './selection.js'

/** A deployment to restart, with the services that led to it. */
export interface Target {
  deployment: Deployment
  /** The `service` inputs that resolved to this deployment, in input order. */
  services: string[]
}

/** What was asked for cannot be restarted as asked (a name that matches nothing, a stopped deployment, an empty filter). */
export class TargetsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TargetsError'
  }
}

/** What the inputs select. */
export interface Selection {
  /** The deployments to restart, each once, in order. */
  targets: Target[]
  /** Deployments a filter matched but that restart only when named (see restartsOnlyWhenNamed), by name. */
  namedOnly: Deployment[]
  /** Deployments a filter matched but left out because they are configured as stopped, by name. */
  stopped: Deployment[]
}

export type SelectionInputs = Pick<
  RestartInputs,
  'portalUrl' | 'deployments' | 'services' | 'deploymentFilters' | 'allowEmpty' | 'vocabulary'
> &
  Partial<Pick<RestartInputs, 'restartIf'>>

/**
 * Turns deployment-id (ids or names), service and deployment-filter into deployments, each once: those named in
 * deployment-id in input order, then those of the services, then those the filters select, by name. Everything is
 * resolved before anything restarts, so an unknown name, a named deployment that is stopped or a filter that matches
 * nothing fails the run first. With restart-if: unhealthy, stopped deployments are targets like the others, named or
 * filtered: the health check reports them as stopped and leaves them alone.
 * `version` decides how deployments are listed (see ArcGISAdminClient.listDeployments).
 */
export async function resolveTargets(
  client: ArcGISAdminClient,
  inputs: SelectionInputs,
  version: string | undefined,
  logger: Logger
): Promise<Selection> {
  let listing: Promise<Deployment[]> | undefined
  const allDeployments = () => (listing ??= client.listDeployments(version))

  const targets = new Map<string, Target>()
  const add = (deployment: Deployment, service?: string) => {
    const target = targets.get(deployment.id) ?? { deployment, services: [] }
    if (service) target.services.push(service)
    targets.set(deployment.id, target)
  }

  for (const deployment of await resolveNamed(
    inputs.deployments,
    client,
    allDeployments,
    logger,
    inputs.vocabulary
  )) {
    add(deployment)
  }
  for (const service of inputs.services) {
    const ids = await client.getServiceDeploymentIds(service).catch(async (error: unknown) => {
      throw error instanceof ArcGISRequestError && error.code === 404
        ? new TargetsError(`${error.message}${await similarServices(service, client)}`)
        : error
    })
    if (ids.length === 0) {
      // A classic ArcGIS Server describes its services too, without deployments: it lists none either.
      await allDeployments().catch((error: unknown) => {
        if (!(error instanceof DeploymentListingUnavailable)) throw error
        throw notKubernetes(
          inputs.portalUrl,
          `service ${service.label} names no deployment, and ${lowerFirst(error.message)}`,
          inputs.vocabulary
        )
      })
      throw new TargetsError(
        `Service ${service.label} names no deployment (no deploymentId in its admin resource nor in its scaling resource); name its deployment in ${inputs.vocabulary.name('deployment-id')} instead`
      )
    }
    logger.info(
      `Service ${service.label} runs in deployment${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`
    )
    for (const id of ids) {
      // The label is the input's, validated as Folder/Name.Type: plain text.
      add(targets.get(id)?.deployment ?? (await client.getDeployment(id)), service.label.raw)
    }
  }
  const keepStopped = inputs.restartIf === 'unhealthy'
  if (!keepStopped) refuseStopped([...targets.values()])
  let namedOnly: Deployment[] = []
  let stopped: Deployment[] = []
  if (inputs.deploymentFilters.length > 0) {
    const filtered = applyFilters(
      await allDeployments(),
      inputs,
      { named: new Set(targets.keys()), keepStopped },
      logger
    )
    for (const deployment of filtered.selected) {
      if (!targets.has(deployment.id)) add(deployment)
    }
    ;({ namedOnly, stopped } = filtered)
  }

  for (const { deployment, services } of targets.values()) {
    warnAbout(deployment, services, logger)
  }
  return { targets: [...targets.values()], namedOnly, stopped }
}

/**
 * A deployment configured as stopped never becomes ready: restarting one that was named would wait for it until the
 * timeout, so the run fails before any refresh, naming each one.
 */
function refuseStopped(targets: Target[]): void {
  const lines = targets
    .filter(({ deployment }) => isStopped(deployment))
    .map(
      (target) =>
        `Deployment ${describeTarget(target)}${target.services.length ? `, which runs ${target.services.join(', ')},` : ''} is stopped (configuredState STOPPED): it never becomes ready while stopped, so it must be started first.`
    )
  if (lines.length > 0) throw new TargetsError(`${lines.join('\n')}\nNothing was restarted.`)
}

/**
 * Each deployment-id value is read as an id first; one the server does not know is looked up by name in the
 * listing. Every value that names no deployment, or several, is reported at once.
 */
async function resolveNamed(
  values: string[],
  client: ArcGISAdminClient,
  allDeployments: () => Promise<Deployment[]>,
  logger: Logger,
  words: Vocabulary
): Promise<Deployment[]> {
  const found: Deployment[] = []
  const problems: string[] = []
  for (const value of values) {
    let notAnId: ArcGISRequestError
    try {
      found.push(await client.getDeployment(value))
      continue
    } catch (error) {
      if (!(error instanceof ArcGISRequestError && error.notOffered)) throw error
      notAnId = error
    }
    let deployments: Deployment[]
    try {
      deployments = await allDeployments()
    } catch (error) {
      if (!(error instanceof DeploymentListingUnavailable)) throw error
      problems.push(
        `${words.name('deployment-id')} "${value}" is not a deployment id (${notAnId.problem}), and deployment names cannot be looked up: ${error.message}. ${NOT_KUBERNETES_HINT}`
      )
      continue
    }
    const named = byName(value, deployments)
    if (named.length === 1) {
      logger.info(
        `${words.name('deployment-id')} "${value}" is the name of deployment ${named[0].id}`
      )
      found.push(named[0])
    } else if (named.length > 1) {
      problems.push(
        `${words.name('deployment-id')} "${value}" is the name of ${named.length} deployments: ${list(named)}; give the id of the one to restart`
      )
    } else {
      const similar = similarDeployments(value, deployments)
      problems.push(
        `${words.name('deployment-id')} "${value}" is neither the id nor the name of a deployment. ${
          similar.length > 0
            ? `Similar: ${list(similar)}.`
            : `No deployment has a similar name; a dry run with ${words.set('deployment-filter', 'all')} lists them all.`
        }`
      )
    }
  }
  if (problems.length > 0) throw new TargetsError(problems.join('\n'))
  return found
}

/** Deployments called `value`: exactly as written, or else whatever the case. */
function byName(value: string, deployments: Deployment[]): Deployment[] {
  const exact = deployments.filter((deployment) => deployment.name?.raw === value)
  if (exact.length > 0) return exact
  return deployments.filter(
    (deployment) => deployment.name?.raw.toLowerCase() === value.toLowerCase()
  )
}

/**
 * The deployments any filter matches, by name, without those that restart only when named (unless they are, in
 * `named`) and those configured as stopped (unless `keepStopped`). A filter that selects nothing fails the run (a
 * nightly recycle that silently restarts nothing is a bug) unless allow-empty is set.
 */
function applyFilters(
  deployments: Deployment[],
  {
    deploymentFilters,
    allowEmpty,
    vocabulary: words
  }: Pick<SelectionInputs, 'deploymentFilters' | 'allowEmpty' | 'vocabulary'>,
  { named, keepStopped }: { named: Set<string>; keepStopped: boolean },
  logger: Logger
): Omit<Selection, 'targets'> & { selected: Deployment[] } {
  const sorted = [...deployments].sort(byNameThenId)
  const selected = new Set<Deployment>()
  const namedOnly = new Set<Deployment>()
  const stopped = new Set<Deployment>()
  const empty: string[] = []
  for (const filter of deploymentFilters) {
    const matching = sorted.filter((deployment) => matchesFilter(filter, deployment))
    // Named ones are targets already (and, unless kept, none of them is stopped: refuseStopped saw to that).
    const unnamed = matching.filter((deployment) => !named.has(deployment.id))
    const halted = keepStopped ? [] : unnamed.filter(isStopped)
    const left = unnamed.filter(
      (deployment) => restartsOnlyWhenNamed(deployment) && !halted.includes(deployment)
    )
    const kept = matching.filter(
      (deployment) => !left.includes(deployment) && !halted.includes(deployment)
    )
    kept.forEach((deployment) => selected.add(deployment))
    left.forEach((deployment) => namedOnly.add(deployment))
    halted.forEach((deployment) => stopped.add(deployment))
    if (kept.length > 0) {
      logger.info(`${words.name('deployment-filter')} "${filter.label}" selects ${list(kept)}`)
    }
    if (left.length > 0) {
      logger.info(
        `${words.name('deployment-filter')} "${filter.label}" leaves out ${list(left)}: a filter selects only deployments of GIS services (mode Shared or Dedicated, type not System); system and data store deployments, and any of another or no mode, restart only when named in ${words.name('deployment-id')}`
      )
    }
    if (halted.length > 0) {
      logger.info(
        `${words.name('deployment-filter')} "${filter.label}" leaves out ${list(halted)}: stopped (configuredState STOPPED), ${halted.length === 1 ? 'it' : 'they'} would never become ready; start ${halted.length === 1 ? 'it' : 'them'} to restart ${halted.length === 1 ? 'it' : 'them'}`
      )
    }
    if (kept.length === 0) empty.push(describeEmpty(filter, left, halted, words))
  }
  if (empty.length > 0 && !allowEmpty) {
    throw new TargetsError(
      `${empty.join('\n')}\nNothing was restarted. Set ${words.set('allow-empty', 'true')} if a filter may match nothing.`
    )
  }
  empty.forEach((line) => logger.info(`${line} (${words.set('allow-empty', 'true')})`))
  const inOrder = (set: Set<Deployment>) => sorted.filter((deployment) => set.has(deployment))
  return { selected: inOrder(selected), namedOnly: inOrder(namedOnly), stopped: inOrder(stopped) }
}

/** ` Similar: A, B.` of the services the admin API lists, or '' when none is close or they cannot be listed. */
async function similarServices(service: ServiceRef, client: ArcGISAdminClient): Promise<string> {
  const listed = await client.listServices().catch(() => [])
  const close = similar(service.label.raw, listed, ({ service: each }) => [
    each.label.raw,
    each.name.raw
  ])
  return close.length > 0
    ? ` Similar: ${close.map(({ service: each }) => each.label).join(', ')}.`
    : ''
}

function describeEmpty(
  filter: DeploymentFilter,
  left: Deployment[],
  stopped: Deployment[],
  words: Vocabulary
): string {
  const reasons = [
    left.length > 0 ? `deployments that restart only when named: ${list(left)}` : undefined,
    stopped.length > 0 ? `stopped deployments: ${list(stopped)}` : undefined
  ].filter((reason): reason is string => reason !== undefined)
  return reasons.length > 0
    ? `${words.name('deployment-filter')} "${filter.label}" matches only ${reasons.join('; and ')}`
    : `${words.name('deployment-filter')} "${filter.label}" matches no deployment`
}

function warnAbout(deployment: Deployment, services: string[], logger: Logger): void {
  const label = describeDeployment(deployment.name, deployment.id)
  if (deployment.mode?.raw.toLowerCase() === 'shared') {
    logger.warning(
      `Deployment ${deployment.id} (${deployment.name ?? 'unnamed'}) is Shared: refreshing it restarts the pods of every service that shares it${services.length ? `, not only ${services.join(', ')}` : ''}.`
    )
  } else if (
    restartsOnlyWhenNamed(deployment) &&
    // Known to be platform: a record that gives no mode is only not known to serve GIS services.
    (deployment.mode !== undefined || deployment.type?.raw.toLowerCase() === 'system')
  ) {
    logger.warning(
      `Deployment ${label} is not a GIS service's deployment (type ${deployment.type ?? 'unknown'}, mode ${deployment.mode ?? 'unknown'}): while it restarts, the portal and the admin API may not answer; polling goes on through that until the timeout.`
    )
  }
}

/** Why a server may list no deployments at all (unlike the admin root's, the evidence here is not conclusive). */
const NOT_KUBERNETES_HINT =
  'A classic ArcGIS Enterprise (ArcGIS Server, Portal for ArcGIS on Windows or Linux) has no deployments: only ArcGIS Enterprise on Kubernetes has deployments to restart.'

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

function list(deployments: Deployment[]): string {
  return deployments
    .map((deployment) => describeDeployment(deployment.name, deployment.id))
    .join(', ')
}

export function describeTarget({ deployment }: Target): string {
  return describeDeployment(deployment.name, deployment.id)
}

/** `shared-mapserver (kvy7…)`, or the id alone when the deployment has no name. */
export function describeDeployment(name: ServerText | undefined, id: string): string {
  return name ? `${name} (${id})` : id
}
