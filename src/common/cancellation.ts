import { setTimeout as delay } from 'node:timers/promises'

export class CancelledError extends Error {
  constructor() {
    super('The run was cancelled')
    this.name = 'CancelledError'
  }
}

/** Waits `ms`, or throws CancelledError as soon as `signal` aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new CancelledError()
  try {
    await delay(ms, undefined, { signal })
  } catch (error) {
    if (signal?.aborted) throw new CancelledError()
    throw error
  }
}
