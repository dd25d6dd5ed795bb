import type { PortalHttp, TokenSource } from './http.js'
import type { Deadline } from '../common/deadline.js'
import type { Logger } from '../common/logger.js'

/** How the run authenticates: a token the user gives, or a user whose password asks the portal for one. */
export type Credentials =
  | {
      kind: 'token'
      token: string
      /** The Referer sent with it (token-referer): the portal's origin when undefined; none when false. */
      referer?: string | false
    }
  | { kind: 'password'; username: string; password: string }

/** Tokens are renewed this long before they expire (at most a fifth of their life), so none lapses mid-request. */
const RENEW_BEFORE_EXPIRY_MS = 60_000
/** Minutes added to the step timeout when asking for a token, so the token outlives the step. */
const EXPIRATION_MARGIN_MINUTES = 5

/**
 * A token given by the user: used as is; when the server refuses it, the step fails. It travels with a Referer (the
 * portal's origin unless token-referer says otherwise), so that a token minted with `client=referer&referer=<R>` is
 * accepted (and the header is harmless for a token that is not referer-bound); `false` sends none.
 */
export class FixedToken implements TokenSource {
  constructor(
    private readonly value: string,
    private readonly referer: string | false
  ) {}

  async token(): Promise<string> {
    return this.value
  }

  async renew(): Promise<boolean> {
    return false
  }

  headers(): Record<string, string> {
    return this.referer === false ? {} : { Referer: this.referer }
  }
}

interface GeneratedTokenAnswer extends Record<string, unknown> {
  token?: unknown
  expires?: unknown
}

/**
 * Tokens generated from a built-in administrator's credentials with `client=referer`. Such a token is bound to the
 * referer it was asked for, so that referer (the portal's origin) travels as the Referer header with every later request.
 */
export class GeneratedToken implements TokenSource {
  private current?: { token: string; renewAt?: number }
  /** The generateToken request in flight: restarts running at once share it. */
  private pending?: Promise<string>
  private readonly referer: string

  constructor(
    private readonly http: PortalHttp,
    private readonly credentials: { username: string; password: string },
    private readonly expirationMinutes: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now
  ) {
    this.referer = http.origin
  }

  async token(firstContact?: Deadline): Promise<string> {
    const current = this.current
    if (current && (current.renewAt === undefined || this.now() < current.renewAt)) {
      return current.token
    }
    if (current && !this.pending) {
      this.logger.info('The token is about to expire; generating a new one.')
    }
    return this.generate(firstContact)
  }

  async renew(refused: string): Promise<boolean> {
    if (this.current?.token === refused) await this.generate()
    return true
  }

  headers(): Record<string, string> {
    return { Referer: this.referer }
  }

  private generate(firstContact?: Deadline): Promise<string> {
    this.pending ??= this.request(firstContact).finally(() => (this.pending = undefined))
    return this.pending
  }

  private async request(firstContact?: Deadline): Promise<string> {
    const answer = await this.http.request<GeneratedTokenAnswer>({
      operation: `generateToken for user "${this.credentials.username}"`,
      method: 'POST',
      path: 'sharing/rest/generateToken',
      form: {
        username: this.credentials.username,
        password: this.credentials.password,
        client: 'referer',
        referer: this.referer,
        expiration: String(this.expirationMinutes)
      },
      retry: firstContact ? 'first-contact' : 'idempotent',
      deadline: firstContact,
      authenticated: false
    })
    if (typeof answer.token !== 'string' || answer.token === '') {
      throw new Error(
        `generateToken for user "${this.credentials.username}" answered without a token`
      )
    }
    this.http.addSecret(answer.token)
    const expires = Number(answer.expires)
    const now = this.now()
    const renewAt =
      Number.isFinite(expires) && expires > 0
        ? expires - Math.min(RENEW_BEFORE_EXPIRY_MS, (expires - now) / 5)
        : undefined
    this.current = { token: answer.token, renewAt }
    return answer.token
  }
}

/** The token source for the given credentials (already registered as secrets by main). */
export function tokenSourceFor(
  credentials: Credentials,
  http: PortalHttp,
  timeoutMs: number,
  logger: Logger
): TokenSource {
  if (credentials.kind === 'token') {
    return new FixedToken(credentials.token, credentials.referer ?? http.origin)
  }
  const expirationMinutes = Math.ceil(timeoutMs / 60_000) + EXPIRATION_MARGIN_MINUTES
  return new GeneratedToken(http, credentials, expirationMinutes, logger)
}
