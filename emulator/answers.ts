// What a handler answers with (status, content type, body), and the two shapes of ArcGIS error bodies.
import type { EmulatorOptions } from './types.ts'

export interface Answer {
  status: number
  contentType: string
  body: string
  headers?: Record<string, string>
}

/** A handler's answer; undefined when the request must never be answered (the client gives up). */
export type Answered = Answer | undefined | Promise<Answer | undefined>

export const JSON_TYPE = 'application/json; charset=utf-8'
export const HTML_TYPE = 'text/html; charset=utf-8'
export const TEXT_TYPE = 'text/plain; charset=utf-8'

export function json(value: unknown, status = 200): Answer {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) }
}

/** What a single sign-on gateway in front of the portal answers to any request: its sign-in page, with HTTP 200. */
export function signInPage(): Answer {
  return {
    status: 200,
    contentType: HTML_TYPE,
    body: '<!DOCTYPE html><html><head><title>Sign in - Example Corp SSO</title></head><body><form method="post" action="/sso/login"><input name="username"><input name="password" type="password"></form></body></html>'
  }
}

/**
 * Error bodies, sent with HTTP 200 (as ArcGIS often does) unless errorHttpStatus is 'code'. Token
 * errors (498, 499) are portal-style, every other error admin-style.
 */
export class ErrorAnswers {
  readonly #withCode: boolean

  constructor(errorHttpStatus: EmulatorOptions['errorHttpStatus']) {
    this.#withCode = errorHttpStatus === 'code'
  }

  /** {"status":"error","messages":[...],"code":...} */
  admin(code: number, messages: string[]): Answer {
    return json({ status: 'error', messages, code }, this.#status(code))
  }

  /** {"error":{"code":...,"message":...,"details":[...]}} */
  portal(code: number, message: string, details: string[] = []): Answer {
    return json({ error: { code, message, details } }, this.#status(code))
  }

  notFound(path: string): Answer {
    return this.admin(404, [`Could not find resource or operation '${path}' on the system.`])
  }

  #status(code: number): number {
    return this.#withCode ? code : 200
  }
}
