import { describe, expect, it, jest } from '@jest/globals'
import { restartAll } from '../src/restart/restart-all.js'
import { resultFor, type RestartResult } from '../src/restart/results.js'
import type { Target } from '../src/restart/targets.js'
import { text } from './support/server-texts.js'

describe('restartAll', () => {
  const targets: Target[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
    deployment: { id, name: text(`svc-${id}`) },
    services: []
  }))
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  const outcomeOf = (target: Target, outcome: RestartResult['outcome'], status = 'COMPLETED') =>
    resultFor(target, { status, outcome })

  it('restarts one after another in input order with max-concurrency 1', async () => {
    const events: string[] = []
    const results = await restartAll(
      targets,
      { maxConcurrency: 1, failFast: true },
      async (target, index) => {
        events.push(`start ${target.deployment.id} ${index}`)
        await sleep(2)
        events.push(`end ${target.deployment.id}`)
        return outcomeOf(target, 'success')
      }
    )
    expect(events).toEqual(
      targets.flatMap(({ deployment: { id } }, index) => [`start ${id} ${index}`, `end ${id}`])
    )
    expect(results.map((result) => result.deploymentId)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it.each([2, 3])(
    'runs at most %d at once, and keeps input order in the results',
    async (limit) => {
      let active = 0
      let peak = 0
      const started: string[] = []
      const results = await restartAll(
        targets,
        { maxConcurrency: limit, failFast: true },
        async (target, index) => {
          started.push(target.deployment.id)
          active++
          peak = Math.max(peak, active)
          // Later targets finish first.
          await sleep((targets.length - index) * 5)
          active--
          return outcomeOf(target, 'success')
        }
      )
      expect(peak).toBe(limit)
      expect(started).toEqual(['a', 'b', 'c', 'd', 'e'])
      expect(results.map((result) => result.deploymentId)).toEqual(['a', 'b', 'c', 'd', 'e'])
    }
  )

  it('halts after a failure: the rest are SKIPPED with the reason', async () => {
    const restart = jest.fn(async (target: Target) =>
      target.deployment.id === 'b'
        ? { ...outcomeOf(target, 'failure', 'FAILED'), error: 'Job jb ended FAILED' }
        : outcomeOf(target, 'success')
    )
    const results = await restartAll(targets, { maxConcurrency: 1, failFast: true }, restart)
    expect(restart.mock.calls.map(([target]) => target.deployment.id)).toEqual(['a', 'b'])
    expect(results.map((result) => [result.deploymentId, result.status, result.outcome])).toEqual([
      ['a', 'COMPLETED', 'success'],
      ['b', 'FAILED', 'failure'],
      ['c', 'SKIPPED', 'skipped'],
      ['d', 'SKIPPED', 'skipped'],
      ['e', 'SKIPPED', 'skipped']
    ])
    expect(results[2].error).toBe('Not restarted because svc-b (b) failed')
    expect(results[2]).toMatchObject({ name: text('svc-c'), ready: null, durationSeconds: 0 })
  })

  it('halts after a timeout too', async () => {
    const results = await restartAll(
      targets.slice(0, 3),
      { maxConcurrency: 1, failFast: true },
      async (target) =>
        outcomeOf(target, target.deployment.id === 'a' ? 'timeout' : 'success', 'EXECUTING')
    )
    expect(results.map((result) => result.outcome)).toEqual(['timeout', 'skipped', 'skipped'])
    expect(results[1].error).toBe('Not restarted because svc-a (a) timed out')
  })

  it('lets running restarts finish but starts no new one after a failure', async () => {
    const started: string[] = []
    const results = await restartAll(
      targets,
      { maxConcurrency: 2, failFast: true },
      async (target) => {
        started.push(target.deployment.id)
        if (target.deployment.id === 'b') return outcomeOf(target, 'failure', 'FAILED')
        await sleep(30)
        return outcomeOf(target, 'success')
      }
    )
    expect(started).toEqual(['a', 'b'])
    expect(results.map((result) => result.outcome)).toEqual([
      'success',
      'failure',
      'skipped',
      'skipped',
      'skipped'
    ])
  })

  it('restarts every deployment whatever happened to the others without fail-fast', async () => {
    const restart = jest.fn(async (target: Target) =>
      outcomeOf(target, target.deployment.id === 'b' ? 'failure' : 'success')
    )
    const results = await restartAll(targets, { maxConcurrency: 1, failFast: false }, restart)
    expect(restart).toHaveBeenCalledTimes(5)
    expect(results.map((result) => result.outcome)).toEqual([
      'success',
      'failure',
      'success',
      'success',
      'success'
    ])
  })

  it('does not halt on submitted restarts', async () => {
    const results = await restartAll(
      targets.slice(0, 3),
      { maxConcurrency: 1, failFast: true },
      async (target) => outcomeOf(target, 'submitted', 'SUBMITTED')
    )
    expect(results.map((result) => result.outcome)).toEqual(['submitted', 'submitted', 'submitted'])
  })
})
