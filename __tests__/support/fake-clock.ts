// Runs async work on jest's fake clock while the HTTP exchanges it makes go through nock. Nock answers through real
// event-loop turns (streams, the interceptor), not through timers, so the clock may only move when no exchange is on
// its way: Transit follows each exchange from the client's call until it read the answer, except while the server
// waits on a timer of its own (a delayed answer, one that never comes). The clock jumps to the next timer only when
// every open exchange waits so.
import { jest } from '@jest/globals'
import { HttpClient } from '@actions/http-client'

/** jest's fake clock from `now` (epoch ms); the event loop's own turns stay real, for nock and the streams. */
export function useFakeClock(now: number): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now })
}

/** The header that tells the fake server which exchange a request is, so that both ends count the same one. */
export const EXCHANGE_HEADER = 'x-test-exchange'

export class Transit {
  /** Exchanges whose answer the client has not read yet, and whether the server is waiting on its clock for each. */
  private readonly open = new Map<string, { parked: boolean }>()
  private issued = 0

  get quiet(): boolean {
    return [...this.open.values()].every((exchange) => exchange.parked)
  }

  /** Marks exchange `id` (its EXCHANGE_HEADER) as waiting on the server's clock while `waiting` is pending. */
  async park<T>(id: string | undefined, waiting: Promise<T>): Promise<T> {
    const exchange = id === undefined ? undefined : this.open.get(id)
    if (exchange) exchange.parked = true
    try {
      return await waiting
    } finally {
      if (exchange) exchange.parked = false
    }
  }

  /**
   * Counts every request of @actions/http-client (the only HTTP client of src/) from its call until its body was read
   * or it failed, and names it in EXCHANGE_HEADER. Returns the restore function.
   */
  trackHttpClient(): () => void {
    const original = HttpClient.prototype.request
    const { open } = this
    const next = () => String(this.issued++)
    const spy = jest.spyOn(HttpClient.prototype, 'request').mockImplementation(async function (
      this: HttpClient,
      verb,
      url,
      data,
      headers
    ) {
      const id = next()
      open.set(id, { parked: false })
      let response
      try {
        response = await original.call(this, verb, url, data, { ...headers, [EXCHANGE_HEADER]: id })
      } catch (error) {
        open.delete(id)
        throw error
      }
      const readBody = response.readBody.bind(response)
      response.readBody = () => readBody().finally(() => open.delete(id))
      return response
    })
    return () => spy.mockRestore()
  }
}

export type Driven<T> =
  | { kind: 'ended'; value: T }
  /** Nothing can happen any more: no timer is pending and no exchange is on its way. */
  | { kind: 'hung' }
  /** The fake clock reached `until` first. */
  | { kind: 'overran' }

/** How many real turns an exchange may take on its way before the harness gives up on it (a few suffice). */
const MAX_TURNS = 10_000

/**
 * Settles `work` on the fake clock: lets every exchange arrive, then moves the clock to the next timer, until `work`
 * settles, nothing is left to wait for, or the clock passes `until` (epoch ms on the fake clock).
 */
export async function drive<T>(
  work: Promise<T>,
  transit: Transit,
  until: number
): Promise<Driven<T>> {
  let outcome: { value: T } | { error: unknown } | undefined
  work.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error })
  )
  for (;;) {
    await settle(transit)
    if (outcome) {
      if ('error' in outcome) throw outcome.error
      return { kind: 'ended', value: outcome.value }
    }
    if (jest.getTimerCount() === 0) return { kind: 'hung' }
    if (Date.now() > until) return { kind: 'overran' }
    await jest.advanceTimersToNextTimerAsync()
  }
}

/**
 * Real turns until no exchange is on its way. A turn runs every pending promise callback first, so once it ends quiet
 * the work waits on a timer (or on nothing).
 */
async function settle(transit: Transit): Promise<void> {
  for (let turn = 0; ; turn++) {
    await new Promise((resolve) => setImmediate(resolve))
    if (transit.quiet) return
    if (turn > MAX_TURNS)
      throw new Error(`An HTTP exchange did not arrive within ${MAX_TURNS} turns`)
  }
}

/**
 * `setTimeout` of node:timers/promises on the global timers, which jest's fake clock replaces (it does not replace
 * node:timers/promises itself): for jest.unstable_mockModule('node:timers/promises', …).
 */
export function delayOnGlobalTimers<T>(
  ms: number,
  value?: T,
  options: { signal?: AbortSignal } = {}
): Promise<T | undefined> {
  const { signal } = options
  const abortError = () =>
    Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError())
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted)
      resolve(value)
    }, ms)
    const aborted = () => {
      clearTimeout(timer)
      reject(abortError())
    }
    signal?.addEventListener('abort', aborted, { once: true })
  })
}
