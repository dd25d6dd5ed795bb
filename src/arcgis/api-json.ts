// Readers of ArcGIS JSON: the error shapes the admin API and the portal answer with, and the loose field types
// (numbers as strings, messages as strings, arrays or objects) that real servers send. They are where server text
// is read, so they are where it is made safe: a text that is data (a name, a message, a version) is wrapped as a
// ServerText, and a text that is only a token of the protocol (a status, an id) comes out in its printable form.
import { printable, ServerText } from '../common/server-text.js'

/** An error reported by the ArcGIS API in a response body, in either of its two shapes. */
export interface ApiError {
  code?: number
  messages: ServerText[]
}

const ERROR_STATUSES = new Set(['error', 'failed', 'failure'])

/**
 * Finds an error in a response body, whatever the HTTP status was:
 * admin style `{"status":"error","messages":[…],"code":403}`, portal style `{"error":{"code":498,"message":…,"details":[…]}}`,
 * `status: "failed" | "failure"`, or a top-level `code >= 400`.
 * A job body that carries a job status (FAILED included) reports on the job, not an API error: `isJob` says so.
 */
export function findApiError(body: unknown, { isJob = false } = {}): ApiError | undefined {
  if (!isRecord(body)) return undefined
  const status = stringField(body.status) ?? (isJob ? stringField(body.jobStatus) : undefined)
  if (isJob && status !== undefined && status.toLowerCase() !== 'error') return undefined
  if (isRecord(body.error)) {
    const { code, message, details } = body.error
    return {
      code: asCode(code),
      messages: distinct([...messageTexts(message), ...messageTexts(details)])
    }
  }
  const code = asCode(body.code)
  if (
    (status !== undefined && ERROR_STATUSES.has(status.toLowerCase())) ||
    (code !== undefined && code >= 400)
  ) {
    return {
      code,
      messages: distinct([...messageTexts(body.messages), ...messageTexts(body.message)])
    }
  }
  return undefined
}

/** A non-blank string field of the protocol (a status, a state, an id), trimmed and printable. */
export function stringField(value: unknown): string | undefined {
  return ServerText.from(value)?.toString()
}

/** A non-blank string field that is data (a name, a type), trimmed. */
export function textField(value: unknown): ServerText | undefined {
  return ServerText.from(value)
}

/** The texts, each once. */
export function distinct(texts: ServerText[]): ServerText[] {
  const seen = new Set<string>()
  return texts.filter((text) => !seen.has(text.raw) && seen.add(text.raw))
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asCode(value: unknown): number | undefined {
  const code = typeof value === 'string' ? Number(value) : value
  return typeof code === 'number' && Number.isFinite(code) ? code : undefined
}

/** The texts in a message field: a string, an array of strings, or objects with a `message`. */
export function messageTexts(value: unknown): ServerText[] {
  if (typeof value === 'string') return ServerText.from(value) ? [ServerText.of(value)] : []
  if (Array.isArray(value)) return value.flatMap(messageTexts)
  if (isRecord(value)) return messageTexts(value.message ?? value.description)
  return []
}

/** A text field that some answers give as a JSON number (a job id, a version: `"10.9.1"` or `11.4`), as data. */
export function looseTextField(value: unknown): ServerText | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? ServerText.of(String(value))
    : textField(value)
}

/** A protocol field that some answers give as a JSON number (an id, a code), printable. */
export function looseText(value: unknown): string | undefined {
  return looseTextField(value)?.toString()
}

/** A body that is not ArcGIS JSON (an HTML page, a truncated answer), as a short printable excerpt. */
export function bodyExcerpt(body: string, limit = 200): string {
  return printable(body.replace(/\s+/g, ' '), limit)
}
