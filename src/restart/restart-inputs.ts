import type { Credentials } from '../arcgis/auth.js'
import type { ServiceRef } from '../arcgis/service-ref.js'
import type { DeploymentFilter } from './selection.js'
import type { Vocabulary } from '../common/vocabulary.js'

/** What a run is asked to do: both faces' inputs, validated by parseInputs (src/inputs.ts). */
export interface RestartInputs {
  /** `https://host/<context>`, without a trailing `/` or `/admin`. */
  portalUrl: string
  credentials: Credentials
  /** Deployments named in deployment-id: each a deployment id or the name of one deployment. */
  deployments: string[]
  services: ServiceRef[]
  /** Any of them selects a deployment (one per line of deployment-filter). */
  deploymentFilters: DeploymentFilter[]
  /** A deployment-filter that matches nothing is not a failure. */
  allowEmpty: boolean
  /** After the pods are ready, check that the services answer (and the verify-url URLs). */
  verify: boolean
  verifyUrls: string[]
  wait: boolean
  waitForReady: boolean
  timeoutMs: number
  pollIntervalMs: number
  requestTimeoutMs: number
  maxConcurrency: number
  failFast: boolean
  dryRun: boolean
  /** `unhealthy`: check each deployment's health first and refresh only those that fail the check. */
  restartIf: 'always' | 'unhealthy'
  /** The brake: more unhealthy deployments than this at once look like a platform problem (see allowedUnhealthy). */
  maxUnhealthy: MaxUnhealthy
  caCertificates: string[]
  /**
   * Inputs that were accepted but may not mean what was meant (a portal page's URL, a timeout in seconds), one
   * sentence each; the engine logs them as warnings, so that every face shows them.
   */
  notices: string[]
  /** How the messages name the settings: the action's inputs, or the command's flags and variables. */
  vocabulary: Vocabulary
}

/** A count of deployments, or a percentage of those checked. */
export type MaxUnhealthy = { count: number } | { percent: number }
