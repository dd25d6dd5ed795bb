import { describe, expect, it, jest } from '@jest/globals'
import { CancelledError } from '../src/common/cancellation.js'
import { Deadline } from '../src/common/deadline.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { HEARTBEAT_MS, pollUntil, type PollStep } from '../src/restart/poll.js'
import { recordingLogger } from './support/recording-logger.js'

const pending = (state: string): PollStep<string> => ({ done: false, state })
const done = (value: string): PollStep<string> => ({ done: true, value })
const outage = (status = 503) =>
  new ArcGISRequestError('http', 'reading job j1', { httpStatus: status })

/** A check that plays `steps` in order (an Error is thrown), repeating the last one. */
function scripted(steps: Array<PollStep<string> | Error>) {
  let index = 0
  return jest.fn(async () => {
    const step = steps[Math.min(index++, steps.length - 1)]
    if (step instanceof Error) throw step
    return step
  })
}

describe('pollUntil', () => {
  it('returns the value as soon as the check reports done', async () => {
    const check = scripted([pending('SUBMITTED'), done('ok')])
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(10_000),
      maxIntervalMs: 5,
      logger: recordingLogger()
    })
    expect(result).toEqual({ kind: 'done', value: 'ok' })
    expect(check).toHaveBeenCalledTimes(2)
  })

  it('logs a state when it changes, not on every poll', async () => {
    const logger = recordingLogger()
    const check = scripted([
      pending('SUBMITTED'),
      pending('SUBMITTED'),
      pending('EXECUTING'),
      pending('EXECUTING'),
      pending('EXECUTING'),
      pending('SUBMITTED'),
      done('ok')
    ])
    await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(10_000),
      maxIntervalMs: 5,
      logger
    })
    expect(check).toHaveBeenCalledTimes(7)
    expect(logger.infos()).toEqual(['Job j1: SUBMITTED', 'Job j1: EXECUTING', 'Job j1: SUBMITTED'])
  })

  it('counts transient faults as pending and says so once, then once when the API is back', async () => {
    const logger = recordingLogger()
    const check = scripted([
      pending('EXECUTING'),
      outage(502),
      outage(503),
      new ArcGISRequestError('non-json', 'reading job j1', { httpStatus: 200, excerpt: 'Welcome' }),
      new ArcGISRequestError('network', 'reading job j1', { errno: 'ECONNREFUSED' }),
      pending('EXECUTING'),
      done('ok')
    ])
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(10_000),
      maxIntervalMs: 5,
      logger
    })
    expect(result).toEqual({ kind: 'done', value: 'ok' })
    expect(logger.infos()).toEqual([
      'Job j1: EXECUTING',
      'Job j1: the admin API is not answering (HTTP 502); still waiting',
      'Job j1: the admin API answers again'
    ])
  })

  it('counts every answer of a restarting API as pending: JSON 500, job not found, a 404 page', async () => {
    const logger = recordingLogger()
    const check = scripted([
      new ArcGISRequestError('api', 'reading job j1', {
        httpStatus: 500,
        code: 500,
        messages: ['Internal server error.']
      }),
      new ArcGISRequestError('api', 'reading job j1', {
        httpStatus: 200,
        code: 404,
        messages: ['Job not found']
      }),
      new ArcGISRequestError('non-json', 'reading job j1', {
        httpStatus: 404,
        excerpt: 'Not Found'
      }),
      new ArcGISRequestError('redirect', 'reading job j1', { httpStatus: 302 }),
      done('ok')
    ])
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(10_000),
      maxIntervalMs: 5,
      logger
    })
    expect(result).toEqual({ kind: 'done', value: 'ok' })
    expect(check).toHaveBeenCalledTimes(5)
    expect(logger.infos()).toEqual([
      'Job j1: the admin API is not answering (ArcGIS error 500: Internal server error. (HTTP 500)); still waiting',
      'Job j1: the admin API answers again'
    ])
  })

  it.each([
    ['a refused token', { httpStatus: 200, code: 498 }],
    ['a missing token', { httpStatus: 200, code: 499 }],
    ['a 401', { httpStatus: 401 }],
    ['a missing role', { httpStatus: 200, code: 403 }],
    ['a 403 page', { httpStatus: 403 }]
  ])('stops at once on %s, which waiting cannot cure', async (_, detail) => {
    const refused = new ArcGISRequestError('api', 'reading job j1', detail)
    const check = scripted([pending('EXECUTING'), refused, done('ok')])
    await expect(
      pollUntil({
        subject: 'Job j1',
        check,
        deadline: new Deadline(10_000),
        maxIntervalMs: 5,
        logger: recordingLogger()
      })
    ).rejects.toBe(refused)
    expect(check).toHaveBeenCalledTimes(2)
  })

  it('rethrows what is not an answer of the server', async () => {
    const bug = new TypeError('boom')
    await expect(
      pollUntil({
        subject: 'Job j1',
        check: scripted([bug]),
        deadline: new Deadline(10_000),
        maxIntervalMs: 5,
        logger: recordingLogger()
      })
    ).rejects.toBe(bug)
  })

  it('gives up after maxOutageMs of failed looks in a row, with the last failure', async () => {
    let now = 0
    let calls = 0
    const check = jest.fn(async (): Promise<PollStep<string>> => {
      calls++
      now += 10_000
      if (calls === 1) return pending('EXECUTING')
      if (calls === 3) return pending('EXECUTING')
      throw new ArcGISRequestError('api', 'reading job j1', {
        httpStatus: 200,
        code: 404,
        messages: [`Job j1 not found (${calls})`]
      })
    })
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(10_000_000),
      maxIntervalMs: 5,
      maxOutageMs: 25_000,
      logger: recordingLogger(),
      now: () => now
    })
    // Look 2 fails, look 3 answers (the outage ends), looks 4, 5, 6 and 7 fail: 30 s after look 4, it gives up.
    expect(check).toHaveBeenCalledTimes(7)
    expect(result).toEqual({
      kind: 'unreadable',
      forMs: 30_000,
      problem: 'ArcGIS error 404: Job j1 not found (7) (HTTP 200)'
    })
  })

  it('returns the last state seen when the deadline passes', async () => {
    const check = scripted([pending('SUBMITTED'), pending('EXECUTING')])
    const clock = steppedClock()
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(100, clock.now),
      maxIntervalMs: 10,
      logger: recordingLogger(),
      now: clock.now,
      sleep: clock.sleep
    })
    expect(result).toEqual({ kind: 'timeout', lastState: 'EXECUTING' })
  })

  it('returns a timeout without a state when nothing answered', async () => {
    const result = await pollUntil({
      subject: 'Job j1',
      check: scripted([outage()]),
      deadline: new Deadline(80),
      maxIntervalMs: 10,
      logger: recordingLogger()
    })
    expect(result).toEqual({ kind: 'timeout', lastState: undefined })
  })

  it('does not poll at all once the deadline has passed', async () => {
    const check = scripted([done('ok')])
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(0),
      maxIntervalMs: 10,
      logger: recordingLogger()
    })
    expect(result).toEqual({ kind: 'timeout', lastState: undefined })
    expect(check).not.toHaveBeenCalled()
  })

  it('waits as long as a Retry-After asks before the next poll', async () => {
    const throttled = new ArcGISRequestError('http', 'reading job j1', {
      httpStatus: 429,
      retryAfterMs: 300
    })
    const play = scripted([throttled, done('ok')])
    const checkedAt: number[] = []
    const check = jest.fn(() => {
      checkedAt.push(Date.now())
      return play()
    })
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(10_000),
      maxIntervalMs: 5,
      logger: recordingLogger()
    })
    expect(result).toEqual({ kind: 'done', value: 'ok' })
    expect(check).toHaveBeenCalledTimes(2)
    // Without Retry-After it would have polled again within 5 ms.
    expect(checkedAt[1] - checkedAt[0]).toBeGreaterThanOrEqual(290)
  })

  it('writes a heartbeat after 30 s without a change', async () => {
    let now = 0
    const logger = recordingLogger()
    let calls = 0
    const check = jest.fn(async (): Promise<PollStep<string>> => {
      now += 10_000
      calls++
      return calls < 8 ? pending('EXECUTING') : done('ok')
    })
    await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(60_000),
      maxIntervalMs: 5,
      logger,
      now: () => now
    })
    expect(HEARTBEAT_MS).toBe(30_000)
    expect(logger.infos()).toEqual([
      'Job j1: EXECUTING',
      'Job j1: still EXECUTING after 40s',
      'Job j1: still EXECUTING after 1m10s'
    ])
  })

  it('says "waiting" in a heartbeat during an outage', async () => {
    let now = 0
    const logger = recordingLogger()
    let calls = 0
    const check = jest.fn(async (): Promise<PollStep<string>> => {
      now += 20_000
      if (++calls < 4) throw outage()
      return done('ok')
    })
    await pollUntil({
      subject: 'Pods of d1',
      check,
      deadline: new Deadline(60_000),
      maxIntervalMs: 5,
      logger,
      now: () => now
    })
    expect(logger.infos()).toEqual([
      'Pods of d1: the admin API is not answering (HTTP 503); still waiting',
      'Pods of d1: still waiting after 1m00s',
      'Pods of d1: the admin API answers again'
    ])
  })

  it('stops with CancelledError when the run is cancelled', async () => {
    const controller = new AbortController()
    const check = scripted([pending('EXECUTING')])
    setTimeout(() => controller.abort(), 30)
    const started = Date.now()
    await expect(
      pollUntil({
        subject: 'Job j1',
        check,
        deadline: new Deadline(60_000),
        maxIntervalMs: 10_000,
        logger: recordingLogger(),
        signal: controller.signal
      })
    ).rejects.toBeInstanceOf(CancelledError)
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

/** A clock that stands still but while the loop sleeps; it records each sleep with the time it began. */
function steppedClock() {
  let time = 0
  const sleeps: Array<{ at: number; ms: number }> = []
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push({ at: time, ms })
      time += ms
    },
    sleeps
  }
}

describe('the schedule pollUntil keeps', () => {
  it('waits a tenth of the time spent between polls, at least 1 s and at most the poll interval', async () => {
    const clock = steppedClock()
    const check = jest.fn(async () => (clock.now() < 180_000 ? pending('EXECUTING') : done('ok')))
    const result = await pollUntil({
      subject: 'Job j1',
      check,
      deadline: new Deadline(15 * 60_000, clock.now),
      maxIntervalMs: 10_000,
      logger: recordingLogger(),
      now: clock.now,
      sleep: clock.sleep
    })

    expect(result).toEqual({ kind: 'done', value: 'ok' })
    for (const { at, ms } of clock.sleeps) {
      expect(ms).toBe(Math.round(Math.min(Math.max(1_000, at / 10), 10_000)))
    }
    const waits = clock.sleeps.map(({ ms }) => ms)
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(1_000))
    expect(waits).toEqual([...waits].sort((a, b) => a - b))
    expect(waits.at(-1)).toBe(10_000)
    // Three minutes in some 40 polls, where polling every second would take 180.
    expect(check.mock.calls.length).toBeLessThan(50)
  })

  it('never sleeps past the deadline, even when a Retry-After asks for longer', async () => {
    const clock = steppedClock()
    const throttled = new ArcGISRequestError('http', 'reading job j1', {
      httpStatus: 429,
      retryAfterMs: 60_000
    })
    const result = await pollUntil({
      subject: 'Job j1',
      check: scripted([throttled]),
      deadline: new Deadline(3_000, clock.now),
      maxIntervalMs: 10_000,
      logger: recordingLogger(),
      now: clock.now,
      sleep: clock.sleep
    })

    expect(result).toEqual({ kind: 'timeout', lastState: undefined })
    expect(clock.sleeps.map(({ ms }) => ms)).toEqual([1_000, 2_000])
    expect(clock.now()).toBe(3_000)
  })
})
