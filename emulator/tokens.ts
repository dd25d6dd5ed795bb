// Tokens: generateToken issues them, authenticate checks the one a request presents. Token errors
// (498 invalid or expired, 499 missing) are portal-style.
import { randomBytes } from 'node:crypto'
import { json, type Answer, type ErrorAnswers } from './answers.ts'
import type { EmulatorUser, RecordedRequest, Role } from './types.ts'

export interface IssuedToken {
  username: string
  role: Role
  expiresAt: number
  referer?: string
}

export type Authentication = { ok: true; token: IssuedToken } | { ok: false; answer: Answer }

const DAY_MS = 24 * 60 * 60 * 1000
const DEFAULT_TOKEN_MINUTES = 60
const MAX_TOKEN_MINUTES = 1440

export interface TokensSetup {
  users: EmulatorUser[]
  /** The lifetime of every token, whatever the client asks for. */
  lifetimeMs?: number
  /** The server is HTTPS: generateToken answers ssl: true. */
  ssl: boolean
  errors: ErrorAnswers
}

export class Tokens {
  readonly #issued = new Map<string, IssuedToken>()
  readonly #setup: TokensSetup

  constructor(setup: TokensSetup) {
    this.#setup = setup
  }

  /** A token startEmulator hands out: the first administrator's, bound to `referer` when one is given. */
  issueAdministratorToken(referer?: string): string {
    const administrator = this.#setup.users.find((user) => user.role === 'administrator')
    const token = newToken()
    this.#issued.set(token, {
      username: administrator?.username ?? 'admin',
      role: 'administrator',
      expiresAt: Date.now() + (this.#setup.lifetimeMs ?? DAY_MS),
      referer
    })
    return token
  }

  /** POST sharing/rest/generateToken with username, password, client, referer and expiration. */
  generateToken(request: RecordedRequest): Answer {
    const { errors } = this.#setup
    const { form } = request
    if (request.method !== 'POST') {
      return errors.portal(400, 'Unable to generate token.', [
        'generateToken must be called with POST.'
      ])
    }
    const missing = ['username', 'password'].filter((name) => !form[name])
    if (form.client === 'referer' && !form.referer) missing.push('referer')
    if (missing.length > 0) {
      return errors.portal(
        400,
        'Unable to generate token.',
        missing.map((name) => `'${name}' must be specified.`)
      )
    }
    const user = this.#setup.users.find(
      (candidate) => candidate.username === form.username && candidate.password === form.password
    )
    if (!user) {
      return errors.portal(400, 'Unable to generate token.', ['Invalid username or password.'])
    }
    const requestedMinutes = Number(form.expiration)
    const minutes =
      Number.isFinite(requestedMinutes) && requestedMinutes > 0
        ? Math.min(requestedMinutes, MAX_TOKEN_MINUTES)
        : DEFAULT_TOKEN_MINUTES
    const expiresAt = Date.now() + (this.#setup.lifetimeMs ?? minutes * 60_000)
    const token = newToken()
    this.#issued.set(token, {
      username: user.username,
      role: user.role,
      expiresAt,
      referer: form.client === 'referer' ? form.referer : undefined
    })
    return json({ token, expires: expiresAt, ssl: this.#setup.ssl })
  }

  /** The token in the form, the query, X-Esri-Authorization or Authorization, if it is valid. */
  authenticate(request: RecordedRequest): Authentication {
    const { errors } = this.#setup
    const presented =
      request.form.token ||
      request.query.token ||
      bearerToken(request.headers['x-esri-authorization']) ||
      bearerToken(request.headers.authorization)
    if (!presented) return { ok: false, answer: errors.portal(499, 'Token Required.') }
    const issued = this.#issued.get(presented)
    if (!issued)
      return { ok: false, answer: errors.portal(498, 'Invalid token.', ['Invalid token.']) }
    if (issued.expiresAt <= Date.now()) {
      return { ok: false, answer: errors.portal(498, 'Invalid token.', ['Token has expired.']) }
    }
    if (issued.referer !== undefined && request.headers.referer !== issued.referer) {
      return {
        ok: false,
        answer: errors.portal(498, 'Invalid token.', [
          'The token is bound to a referer: make sure the referrer information is available with every request in header.'
        ])
      }
    }
    return { ok: true, token: issued }
  }

  /** Every token issued so far becomes invalid. */
  expireAll(): void {
    this.#issued.clear()
  }
}

function newToken(): string {
  return randomBytes(48).toString('base64url')
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  const match = value?.match(/^Bearer\s+(\S+)$/i)
  return match?.[1]
}
