import { describe, expect, it } from '@jest/globals'
import { FIRST_POLL_MS, nextPollDelay } from '../src/restart/poll-schedule.js'

const minutes = (n: number) => n * 60_000

describe('nextPollDelay', () => {
  it('polls first about a second after the job was submitted', () => {
    expect(nextPollDelay(0, minutes(15), 10_000)).toBe(FIRST_POLL_MS)
    expect(nextPollDelay(5_000, minutes(15), 10_000)).toBe(1_000)
  })

  it('waits a tenth of the time already spent', () => {
    expect(nextPollDelay(20_000, minutes(15), 10_000)).toBe(2_000)
    expect(nextPollDelay(60_000, minutes(15), 10_000)).toBe(6_000)
  })

  it('never waits longer than poll-interval', () => {
    expect(nextPollDelay(minutes(5), minutes(15), 10_000)).toBe(10_000)
    expect(nextPollDelay(0, minutes(15), 300)).toBe(300)
  })

  it('never waits past the deadline', () => {
    expect(nextPollDelay(minutes(5), 2_500, 10_000)).toBe(2_500)
    expect(nextPollDelay(minutes(5), 0, 10_000)).toBe(0)
  })

  it('notices a job within max(1 s, 10 % of its duration) when polling started at submission', () => {
    for (const jobMs of [500, 5_000, 20_000, 60_000, minutes(3)]) {
      let elapsed = 0
      while (elapsed < jobMs) elapsed += nextPollDelay(elapsed, minutes(15), 10_000)
      expect(elapsed - jobMs).toBeLessThanOrEqual(Math.max(1_000, jobMs * 0.1))
    }
  })
})
