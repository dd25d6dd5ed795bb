import { describe, expect, it } from '@jest/globals'
import { CancelledError, sleep } from '../src/common/cancellation.js'
import { Deadline } from '../src/common/deadline.js'

describe('Deadline', () => {
  it('counts down from its timeout on the clock it is given, never below zero', () => {
    let now = 1_000
    const deadline = new Deadline(5_000, () => now)
    expect(deadline.at).toBe(6_000)
    expect(deadline.remaining()).toBe(5_000)
    expect(deadline.passed()).toBe(false)
    now = 5_999
    expect(deadline.remaining()).toBe(1)
    now = 6_000
    expect(deadline.passed()).toBe(true)
    now = 10_000
    expect(deadline.remaining()).toBe(0)
  })
})

describe('sleep', () => {
  it('resolves once the time has passed, not before', async () => {
    const started = performance.now()
    await expect(sleep(100)).resolves.toBeUndefined()
    // A sleep that does not wait takes about 0 ms; a timer may fire a little early when the event loop's clock lags.
    expect(performance.now() - started).toBeGreaterThanOrEqual(50)
  })

  it('throws CancelledError at once when the signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(sleep(60_000, controller.signal)).rejects.toBeInstanceOf(CancelledError)
  })

  it('throws CancelledError as soon as the signal aborts', async () => {
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(), 10)
    await expect(sleep(60_000, controller.signal)).rejects.toThrow('The run was cancelled')
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})
