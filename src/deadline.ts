import { setTimeout as delay } from 'node:timers/promises'

/** The one deadline of the step: every wait, poll and request is bounded by it. */
export class Deadline {
  readonly at: number

  constructor(
    timeoutMs: number,
    private readonly now: () => number = Date.now
  ) {
    this.at = now() + timeoutMs
  }

  remaining(): number {
    return Math.max(0, this.at - this.now())
  }

  passed(): boolean {
    return this.remaining() === 0
  }
}

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
