import type { RequestOptions as NodeRequestOptions } from 'node:http'
import { HttpClient } from '@actions/http-client'
import type { RequestHandler } from '@actions/http-client/lib/interfaces'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { CancelledError, sleep } from '../common/cancellation.js'
import type { Deadline } from '../common/deadline.js'
import { formatDuration } from '../common/duration.js'
import type { Logger } from '../common/logger.js'
import type { Secrets } from '../common/secrets.js'
import { printable } from '../common/server-text.js'
import type { Vocabulary } from '../common/vocabulary.js'
import { bodyExcerpt, findApiError, isRecord } from './api-json.js'
import { ArcGISRequestError, type FailureDetail, type FailureKind } from './request-error.js'
import { retryDelay, type RetryPolicy } from './retry-policy.js'

export interface PortalRequest {
  /** What the request does, for messages: `refresh of deployment abc`. */
  operation: string
  method: 'GET' | 'POST'
  /** Relative to the portal URL, each segment already encoded: `admin/jobs/j123`. */
  path: string
  form?: Record<string, string>
  retry: RetryPolicy
  /** Attach the token (POST: in the body; GET: in the X-Esri-Authorization header). */
  authenticated: boolean
  /** Job bodies carry their own `status`, which is not an API error status. */
  isJob?: boolean
  /** Overrides the request timeout (a synchronous refresh answers only when its restart is done). */
  timeoutMs?: number
  /** A tighter bound than the step's deadline, within it (the first contact has its own short budget). */
  deadline?: Deadline
}

/** Supplies the token for authenticated requests; see auth.ts. */
export interface TokenSource {
  /** `firstContact`: the first token of a run, asked for within that deadline under the 'first-contact' policy. */
  token(firstContact?: Deadline): Promise<string>
  /**
   * Makes sure the next token() is not `refused`, which the server just turned down; false when that is impossible
   * (a fixed token). Concurrent callers that saw the same refused token share one renewal.
   */
  renew(refused: string): Promise<boolean>
  /** Headers that travel with the token: the Referer that a referer-bound token is checked against. */
  headers(): Record<string, string>
}

export interface PortalHttpOptions {
  portalUrl: string
  logger: Logger
  deadline: Deadline
  requestTimeoutMs: number
  /** Every secret the layer meets (generated tokens) is added here; everything it logs or throws is redacted by it. */
  secrets: Secrets
  signal?: AbortSignal
  userAgent?: string
  /** Jitter source for the backoff; injectable for tests. */
  random?: () => number
  /** How the hints of failed requests name the settings. */
  words: Vocabulary
}

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** What a URL answered to a probe: its HTTP status, and the start of its body (or the page's title) for messages. */
export interface ProbeAnswer {
  status: number
  excerpt: string
  /** The token travelled with it (the URL is on the portal's origin). */
  withToken: boolean
}

/** What send() needs to know of a request. */
type Exchange = Pick<PortalRequest, 'operation' | 'method' | 'timeoutMs' | 'deadline'>

/**
 * The only code that talks to the network. It builds every URL from the portal URL (so a token can only reach the
 * portal's origin), never follows redirects, reads every body whatever its status, recognises ArcGIS error bodies,
 * retries transient faults with backoff inside the deadline, renews tokens once on 498/499, and keeps secrets out
 * of everything it logs or throws.
 */
export class PortalHttp {
  private readonly client: HttpClient
  private readonly base: URL
  /** The proxy the requests go through (HTTPS_PROXY, HTTP_PROXY unless NO_PROXY), if any. */
  private readonly proxy?: URL
  private tokens?: TokenSource

  constructor(private readonly options: PortalHttpOptions) {
    this.base = new URL(`${options.portalUrl.replace(/\/+$/, '')}/`)
    this.proxy = getProxyUrl(this.base)
    // A proxy's CONNECT needs the host as the URL writes it, brackets included; a direct connection must not have them.
    const handlers = this.proxy ? [] : [new UnbracketedIpv6Host()]
    this.client = new HttpClient(options.userAgent ?? 'arcgis-k8s-restart-action', handlers, {
      allowRedirects: false,
      allowRetries: false,
      keepAlive: false,
      // Per-request limits are enforced in send(); the socket may idle as long as the step may run.
      socketTimeout: Math.max(options.requestTimeoutMs, options.deadline.remaining())
    })
  }

  get origin(): string {
    return this.base.origin
  }

  /** The host (and port) of the portal, as the URL names it: `gis.example.com`, `[2001:db8::10]:8443`. */
  get host(): string {
    return this.base.host
  }

  /** The host of the proxy the requests go through, if any (never its credentials). */
  get proxyHost(): string | undefined {
    return this.proxy?.host
  }

  /** The full URL of a path relative to the portal URL, for messages. */
  urlOf(path: string): string {
    return new URL(path, this.base).href
  }

  useTokens(tokens: TokenSource): void {
    this.tokens = tokens
  }

  addSecret(secret: string): void {
    this.options.secrets.add(secret)
  }

  /** `text` without any secret: for server texts that callers log (a server may echo a token anywhere). */
  redact(text: string): string {
    return this.options.secrets.redact(text)
  }

  /** Sends a request and returns its JSON body; throws ArcGISRequestError (or CancelledError). */
  async request<T extends Record<string, unknown>>(request: PortalRequest): Promise<T> {
    const { signal, logger } = this.options
    const deadline = request.deadline ?? this.options.deadline
    let renewed = false
    let previous: ArcGISRequestError | undefined
    for (let attempt = 1; ; attempt++) {
      const token = request.authenticated ? await this.token() : undefined
      try {
        return (await this.attempt(request, token)) as T
      } catch (error) {
        if (!(error instanceof ArcGISRequestError)) throw error
        // An attempt that the deadline cut short tells less than the failure that led to it.
        if (previous && error.kind === 'timeout' && error.detail.deadline)
          throw previous.atDeadline()
        previous = error
        if (
          error.isAuthError &&
          token !== undefined &&
          !renewed &&
          (await this.tokens!.renew(token))
        ) {
          renewed = true
          logger.info(`The token was refused (${error.code}); retrying with a new one.`)
          attempt--
          continue
        }
        const waitMs = retryDelay(request.retry, error, attempt, this.options.random)
        if (waitMs === undefined) throw error
        if (waitMs >= deadline.remaining()) throw error.atDeadline()
        if (attempt === 1) {
          const until = request.deadline
            ? `for up to ${formatDuration(deadline.remaining())}`
            : 'until the timeout'
          logger.info(`${request.operation}: ${error.problem}; trying again ${until}`)
        }
        logger.debug(
          () => `${request.method} ${request.path}: attempt ${attempt} failed; next in ${waitMs} ms`
        )
        await sleep(waitMs, signal)
      }
    }
  }

  private async token(): Promise<string> {
    if (!this.tokens) throw new Error('No token source for an authenticated request')
    return this.tokens.token()
  }

  private async attempt(
    request: PortalRequest,
    token: string | undefined
  ): Promise<Record<string, unknown>> {
    const url = new URL(request.path, this.base)
    if (url.origin !== this.base.origin) {
      throw new Error(`Refusing to send a request outside the portal's origin (${url.origin})`)
    }
    const headers: Record<string, string> = { Accept: 'application/json' }
    let body: string | undefined
    if (token !== undefined) Object.assign(headers, this.tokens!.headers())
    if (request.method === 'GET') {
      url.search = new URLSearchParams({ f: 'json' }).toString()
      if (token !== undefined) headers['X-Esri-Authorization'] = `Bearer ${token}`
    } else {
      const form = new URLSearchParams({ ...request.form, f: 'json' })
      if (token !== undefined) form.set('token', token)
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      body = form.toString()
    }

    const started = Date.now()
    const response = await this.send(request, url, headers, body)
    this.options.logger.debug(
      () =>
        `${request.method} ${url.pathname} -> HTTP ${response.status} (${Date.now() - started} ms)`
    )
    return this.interpret(request, response)
  }

  /** One HTTP exchange, bounded by the request timeout, the deadline and cancellation. */
  private async send(
    request: Exchange,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined
  ): Promise<RawResponse> {
    const { signal } = this.options
    const deadline = request.deadline ?? this.options.deadline
    if (signal?.aborted) throw new CancelledError()
    const requestTimeoutMs = request.timeoutMs ?? this.options.requestTimeoutMs
    const limitMs = Math.min(requestTimeoutMs, deadline.remaining())
    const limitedByDeadline = limitMs < requestTimeoutMs
    const timedOut = () =>
      this.failure('timeout', request.operation, {
        messages: [`no complete answer within ${limitMs} ms`],
        deadline: limitedByDeadline
      })
    if (limitMs <= 0) throw timedOut()

    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    const exchange = (async () => {
      const response = await this.client.request(request.method, url.href, body ?? null, headers)
      return {
        status: response.message.statusCode ?? 0,
        headers: response.message.headers,
        body: await response.readBody()
      }
    })()
    const bounds = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut()), limitMs)
      onAbort = () => reject(new CancelledError())
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    try {
      return await Promise.race([exchange, bounds])
    } catch (error) {
      if (error instanceof ArcGISRequestError || error instanceof CancelledError) throw error
      throw this.networkError(request, error)
    } finally {
      clearTimeout(timer)
      if (onAbort) signal?.removeEventListener('abort', onAbort)
      exchange.catch(() => undefined)
    }
  }

  /** A failed request, its hint in the words of the face that runs. */
  private failure(kind: FailureKind, operation: string, detail: FailureDetail): ArcGISRequestError {
    return new ArcGISRequestError(kind, operation, detail, this.options.words)
  }

  private networkError(request: Exchange, error: unknown): ArcGISRequestError {
    const { code, message } = error as NodeJS.ErrnoException
    if (!code && /^Request timeout/.test(message)) {
      return this.failure('timeout', request.operation, {
        messages: ['the connection went silent']
      })
    }
    return this.failure('network', request.operation, {
      errno: code,
      messages: [printable(this.redact(String(message ?? error)))]
    })
  }

  private interpret(request: PortalRequest, response: RawResponse): Record<string, unknown> {
    const detail: FailureDetail = {
      httpStatus: response.status,
      retryAfterMs: parseRetryAfter(headerValue(response.headers['retry-after']))
    }
    if (response.status >= 300 && response.status < 400) {
      throw this.failure('redirect', request.operation, {
        ...detail,
        location: redirectHost(headerValue(response.headers.location), this.base)
      })
    }
    let body: unknown
    try {
      // A server may echo a secret in any text: every string of the answer is redacted before anything reads it.
      body = JSON.parse(response.body, (_key, value: unknown) =>
        typeof value === 'string' ? this.redact(value) : value
      )
    } catch {
      body = undefined
    }
    if (!isRecord(body)) {
      throw this.failure('non-json', request.operation, {
        ...detail,
        excerpt: excerpt(this.redact(response.body))
      })
    }
    const apiError = findApiError(body, { isJob: request.isJob })
    if (apiError) {
      throw this.failure('api', request.operation, {
        ...detail,
        code: apiError.code,
        messages: apiError.messages.map(String)
      })
    }
    if (response.status >= 400) throw this.failure('http', request.operation, detail)
    return body
  }

  /**
   * One GET of a URL the user gave, answered with its status whatever it is. The token (and its Referer) travels
   * only to the portal's own origin, in the X-Esri-Authorization header; any other origin gets a request without
   * credentials. A token refused with 498 or 499 is renewed once, as for any request. Redirects are never followed: a
   * 3xx is an answer like any other. Throws ArcGISRequestError when nothing complete came back (network error,
   * timeout) and CancelledError on cancellation.
   */
  async probe(href: string, deadline?: Deadline): Promise<ProbeAnswer> {
    const url = new URL(href)
    const withToken = url.origin === this.base.origin && this.tokens !== undefined
    const operation = `GET ${url.origin}${url.pathname}`
    for (let renewed = false; ; renewed = true) {
      const headers: Record<string, string> = {}
      const token = withToken ? await this.token() : undefined
      if (token !== undefined) {
        Object.assign(headers, this.tokens!.headers())
        headers['X-Esri-Authorization'] = `Bearer ${token}`
      }
      const started = Date.now()
      const response = await this.send(
        { operation, method: 'GET', deadline },
        url,
        headers,
        undefined
      )
      this.options.logger.debug(
        () => `${operation} -> HTTP ${response.status} (${Date.now() - started} ms)`
      )
      const refused = response.status === 498 || response.status === 499
      if (token !== undefined && refused && !renewed && (await this.tokens!.renew(token))) {
        this.options.logger.info(
          `The token was refused (${response.status}); retrying with a new one.`
        )
        continue
      }
      return { status: response.status, excerpt: excerpt(this.redact(response.body)), withToken }
    }
  }

  dispose(): void {
    this.client.dispose()
  }
}

/**
 * @actions/http-client hands the URL's hostname to Node as it is, so an IPv6 literal reaches the resolver with its
 * brackets (`getaddrinfo ENOTFOUND [::1]`). Node wants the bare address; it brackets it again in the Host header.
 */
class UnbracketedIpv6Host implements RequestHandler {
  prepareRequest(options: NodeRequestOptions): void {
    const host = options.host
    if (host?.startsWith('[') && host.endsWith(']')) options.host = host.slice(1, -1)
  }

  canHandleAuthentication(): boolean {
    return false
  }

  handleAuthentication(): never {
    throw new Error('UnbracketedIpv6Host does not handle authentication')
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** The host a redirect points at (a relative Location points at the portal's own host); never its path or query. */
function redirectHost(location: string | undefined, base: URL): string | undefined {
  if (!location) return undefined
  try {
    return new URL(location, base).host
  } catch {
    return undefined
  }
}

/** Retry-After in seconds or as an HTTP date. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1_000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/** The title of an HTML page, or the start of any other text, for an error message. */
function excerpt(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]
  return bodyExcerpt((title ?? body).trim(), 120)
}
