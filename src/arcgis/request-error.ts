import { joinTexts } from '../common/server-text.js'
import { INPUT_VOCABULARY, type Vocabulary } from '../common/vocabulary.js'

export type FailureKind = 'api' | 'http' | 'non-json' | 'network' | 'timeout' | 'redirect'

export interface FailureDetail {
  httpStatus?: number
  /** The ArcGIS error code (498, 403, …) of an `api` failure. */
  code?: number
  messages?: string[]
  /** The network error code (ECONNRESET, …) of a `network` failure. */
  errno?: string
  /** The host a redirect pointed at. */
  location?: string
  /** A short excerpt of a non-JSON body. */
  excerpt?: string
  retryAfterMs?: number
  /** The step's deadline ended it (rather than a fault of its own). */
  deadline?: boolean
}

/** What to do about an ArcGIS code or HTTP status, in the words of the face that runs. */
const HINTS: Record<number, (words: Vocabulary) => string> = {
  401: (words) =>
    `The server asked for another kind of authentication: ${words.name('portal-url')} may point at a web tier that uses IWA or a single sign-on gateway; use the URL that serves the ArcGIS REST API with tokens.`,
  498: (words) =>
    `The token is invalid or expired: mint a new administrator token and update the secret (${words.name('token')}), or give ${words.name('username')} and ${words.name('password')} instead, to have tokens generated and renewed.`,
  499: (words) =>
    `The server received no token: check that the token secret (${words.name('token')}) is set and not empty.`,
  403: () =>
    'The account is not allowed to do this: restarting deployments needs the default Administrator role (custom roles are refused).'
}
const nonJsonHint = (words: Vocabulary) =>
  `The answer was not ArcGIS JSON: check that ${words.name('portal-url')} points at the portal (https://host/<context>); an ingress that is restarting answers like this for a while.`
const TLS_ERRNO = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/
const tlsHint = (words: Vocabulary) =>
  `The portal's certificate could not be verified: if a private certificate authority issued it, pass that CA's PEM certificate in ${words.name('ca-certificate')} (or point NODE_EXTRA_CA_CERTS at it). Verification is never switched off.`
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504])
/**
 * The network errors a restarting platform produces and that go away by themselves, and whether each one proves that
 * the request never left (which decides whether a request that is not idempotent may be sent again).
 */
const TRANSIENT_NETWORK_ERRORS: Record<string, { neverSent: boolean }> = {
  ECONNREFUSED: { neverSent: true },
  EAI_AGAIN: { neverSent: true },
  EHOSTUNREACH: { neverSent: true },
  ENETUNREACH: { neverSent: true },
  ECONNRESET: { neverSent: false },
  ECONNABORTED: { neverSent: false },
  ETIMEDOUT: { neverSent: false },
  EPIPE: { neverSent: false }
}

/**
 * What a failed request tells about whether the admin API received it, which decides what may follow a request that
 * is not idempotent (the refresh):
 * - `not-received`: it certainly did not get there: the connection was never made (refused, DNS, TLS), or the ingress
 *   turned it away itself (429 throttling, 503 with no upstream to pass it to);
 * - `unknown`: it may have got there and been acted on, with no answer that says so: a timeout, a connection reset
 *   after sending, a 502 (the upstream died mid-request), a 504 (the ingress gave up waiting for the admin API) or a
 *   5xx page instead of ArcGIS JSON;
 * - `answered`: the server answered it (an ArcGIS error, a 4xx page, a redirect): nothing was started.
 */
export type Delivery = 'not-received' | 'unknown' | 'answered'

const NOT_RECEIVED_STATUSES = new Set([429, 503])
const UNANSWERED_STATUSES = new Set([502, 504])

/** True when a network error proves the request never reached the server. */
export function neverSent(errno: string | undefined): boolean {
  return TRANSIENT_NETWORK_ERRORS[errno ?? '']?.neverSent === true
}

/**
 * The one error type of the HTTP layer. Its message is what a user reads: the operation, what went wrong, the server's
 * own messages and, where one helps, a hint. Secrets are redacted before it is built.
 */
export class ArcGISRequestError extends Error {
  /** What went wrong, without the operation and the hint: `HTTP 503 with a non-JSON answer (Bad Gateway)`. */
  readonly problem: string

  constructor(
    readonly kind: FailureKind,
    readonly operation: string,
    readonly detail: FailureDetail = {},
    /** How the hint names the settings. */
    readonly words: Vocabulary = INPUT_VOCABULARY
  ) {
    const { problem, hint } = describe(kind, detail, words)
    const deadline = detail.deadline ? ' The timeout was reached.' : ''
    super(`${operation} failed: ${problem}.${deadline}${hint ? ` ${hint}` : ''}`)
    this.problem = problem
    this.name = 'ArcGISRequestError'
  }

  /** The same failure, marked as the last one before the step's deadline. */
  atDeadline(): ArcGISRequestError {
    return new ArcGISRequestError(
      this.kind,
      this.operation,
      { ...this.detail, deadline: true },
      this.words
    )
  }

  /** The ArcGIS code of an API error, or the HTTP status otherwise. */
  get code(): number | undefined {
    return this.detail.code ?? this.detail.httpStatus
  }

  /** A page (HTML or other text) with a 2xx status: an ingress hiccup mid-restart, or not the admin API at all. */
  get isPageWithSuccessStatus(): boolean {
    const status = this.detail.httpStatus ?? 0
    return this.kind === 'non-json' && status >= 200 && status < 300
  }

  /** Nothing came back: the host could not be reached or went silent (a TLS failure is an answer of a kind). */
  get noAnswer(): boolean {
    if (this.kind === 'timeout') return true
    return this.kind === 'network' && !TLS_ERRNO.test(this.detail.errno ?? '')
  }

  get isAuthError(): boolean {
    return this.code === 498 || this.code === 499
  }

  get delivery(): Delivery {
    const { httpStatus, errno } = this.detail
    if (NOT_RECEIVED_STATUSES.has(httpStatus ?? 0)) return 'not-received'
    if (this.kind === 'network') {
      const neverConnected =
        neverSent(errno) || errno === 'ENOTFOUND' || TLS_ERRNO.test(errno ?? '')
      return neverConnected ? 'not-received' : 'unknown'
    }
    if (this.kind === 'timeout' || UNANSWERED_STATUSES.has(httpStatus ?? 0)) return 'unknown'
    return this.kind === 'non-json' && (httpStatus ?? 0) >= 500 ? 'unknown' : 'answered'
  }

  /**
   * The server answered, with neither a passing fault nor a refusal of the caller: what was asked for is not offered
   * here (a missing resource or operation, an error page). The cue to try another way, where there is one.
   */
  get notOffered(): boolean {
    return (
      (this.kind === 'api' || this.kind === 'http' || this.kind === 'non-json') &&
      !this.isAuthError &&
      this.code !== 403 &&
      !this.transient
    )
  }

  /** Faults that a restarting platform produces and that go away by themselves. */
  get transient(): boolean {
    if (isTransientStatus(this.detail.httpStatus) || isTransientStatus(this.detail.code))
      return true
    if (this.kind === 'timeout') return true
    if (this.kind === 'non-json') return isAnswerOfRestartingPlatform(this.detail.httpStatus)
    return (
      this.kind === 'network' && TRANSIENT_NETWORK_ERRORS[this.detail.errno ?? ''] !== undefined
    )
  }
}

/** A page instead of JSON is expected from an ingress while its backend restarts; a 4xx page is not going away. */
function isAnswerOfRestartingPlatform(httpStatus: number | undefined): boolean {
  return httpStatus === undefined || httpStatus < 300 || httpStatus === 429 || httpStatus >= 500
}

/** 429 and the gateway errors of an ingress whose backend is restarting. */
export function isTransientStatus(status: number | undefined): boolean {
  return TRANSIENT_STATUSES.has(status ?? 0)
}

function describe(
  kind: FailureKind,
  detail: FailureDetail,
  words: Vocabulary
): { problem: string; hint?: string } {
  const status = detail.httpStatus === undefined ? '' : `HTTP ${detail.httpStatus}`
  const messages = detail.messages?.length ? `: ${joinTexts(detail.messages, ' ')}` : ''
  let what: string
  let hint: ((words: Vocabulary) => string) | undefined
  switch (kind) {
    case 'api':
      what = `ArcGIS error${detail.code === undefined ? '' : ` ${detail.code}`}${messages} (${status})`
      hint = HINTS[detail.code ?? detail.httpStatus ?? 0]
      break
    case 'http':
      what = `${status}${messages}`
      hint = HINTS[detail.httpStatus ?? 0]
      break
    case 'non-json':
      what = `${status} with a non-JSON answer${detail.excerpt ? ` (${detail.excerpt})` : ''}`
      hint = HINTS[detail.httpStatus ?? 0] ?? nonJsonHint
      break
    case 'network':
      what = `connection failed${detail.errno ? ` (${detail.errno})` : ''}${messages}`
      if (TLS_ERRNO.test(detail.errno ?? '')) hint = tlsHint
      break
    case 'timeout':
      what = `no answer in time${messages}`
      break
    case 'redirect':
      what = `${status} redirect to ${detail.location ? `host ${detail.location}` : 'an unnamed location'}; redirects are not followed on requests that carry credentials. Set ${words.name('portal-url')} to the address the portal answers on`
      break
  }
  return { problem: what, hint: hint?.(words) }
}
