// Fault rules (FaultRule in types.ts): the first rule that matches a request and has uses left
// answers it instead of the API, delays it, or drops its connection. A new kind of fault is a new
// field of FaultRule, read here (faultAnswer) or where server.ts applies the rule.
import { HTML_TYPE, JSON_TYPE, type Answer } from './answers.ts'
import type { FaultRule, RecordedRequest } from './types.ts'

interface Counted {
  rule: FaultRule
  /** Requests that matched, skipped ones included. */
  matched: number
  /** Requests it answered. */
  answered: number
}

export class Faults {
  readonly #rules: Counted[] = []

  constructor(rules: FaultRule[] = []) {
    for (const rule of rules) this.add(rule)
  }

  add(rule: FaultRule): void {
    this.#rules.push({ rule, matched: 0, answered: 0 })
  }

  /** The rule that takes this request, its counters advanced; undefined lets the API answer. */
  take(request: RecordedRequest): FaultRule | undefined {
    for (const counted of this.#rules) {
      const { rule } = counted
      if (rule.times !== undefined && counted.answered >= rule.times) continue
      if (!matches(rule, request)) continue
      counted.matched += 1
      if (counted.matched <= (rule.skip ?? 0)) continue
      counted.answered += 1
      return rule
    }
    return undefined
  }
}

function matches(rule: FaultRule, request: RecordedRequest): boolean {
  if (rule.method && rule.method.toUpperCase() !== request.method) return false
  if (typeof rule.path === 'string') return request.path.includes(rule.path)
  rule.path.lastIndex = 0
  return rule.path.test(request.path)
}

/** The answer a rule sends itself; undefined when it only delays or destroys. */
export function faultAnswer(rule: FaultRule): Answer | undefined {
  const answersItself =
    rule.status !== undefined ||
    rule.body !== undefined ||
    rule.headers !== undefined ||
    rule.contentType !== undefined
  if (!answersItself) return undefined
  const isJson = typeof rule.body === 'object'
  return {
    status: rule.status ?? 200,
    contentType: rule.contentType ?? (isJson ? JSON_TYPE : HTML_TYPE),
    body: typeof rule.body === 'object' ? JSON.stringify(rule.body) : (rule.body ?? ''),
    headers: rule.headers
  }
}
