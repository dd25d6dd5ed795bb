// Readers of ArcGIS JSON: the error shapes the admin API and the portal answer with, and the loose field types
// (numbers as strings, messages as strings, arrays or objects) that real servers send.

/** An error reported by the ArcGIS API in a response body, in either of its two shapes. */
export interface ApiError {
  code?: number
  messages: string[]
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

/** A non-blank string field, trimmed. */
export function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function distinct(texts: string[]): string[] {
  return [...new Set(texts)]
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asCode(value: unknown): number | undefined {
  const code = typeof value === 'string' ? Number(value) : value
  return typeof code === 'number' && Number.isFinite(code) ? code : undefined
}

/** The texts in a message field: a string, an array of strings, or objects with a `message`. */
export function messageTexts(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : []
  if (Array.isArray(value)) return value.flatMap(messageTexts)
  if (isRecord(value)) return messageTexts(value.message ?? value.description)
  return []
}

/** A text field that some answers give as a JSON number: ids, codes, a version (`"10.9.1"` or `11.4`). */
export function looseText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : stringField(value)
}
