// The built action against the emulator: several deployments, one after another or at once, and fail-fast.
import { describe, expect, it } from '@jest/globals'
import { requestsTo, resultsOf, quickClock, run, stepInputs, withEmulator } from './support/e2e.ts'

describe('several deployments', () => {
  it('waits for each job to end before the next refresh with max-concurrency 1, in input order', () =>
    withEmulator(quickClock, async (emulator) => {
      const ids = emulator.deploymentIds
      const result = await run(
        stepInputs(emulator, { 'deployment-id': `${ids[2]}\n${ids[0]}, ${ids[1]}` })
      )

      expect(result.exitCode).toBe(0)
      const refreshes = requestsTo(emulator, 'POST', '/refresh')
      expect(refreshes.map((request) => request.path.split('/')[5])).toEqual([
        ids[2],
        ids[0],
        ids[1]
      ])
      for (const [index, id] of [ids[2], ids[0]].entries()) {
        const lastStatusCheck = requestsTo(emulator, 'GET', `/deployments/${id}/status`).at(-1)!
        expect(lastStatusCheck.at).toBeLessThanOrEqual(refreshes[index + 1].at)
      }
      expect(result.outputs['deployment-id']).toBe([ids[2], ids[0], ids[1]].join(','))
      expect(result.outputs['job-id'].split(',')).toHaveLength(3)
      expect(resultsOf(result).map((item) => item.deploymentId)).toEqual([ids[2], ids[0], ids[1]])
      expect(result.outputs['job-status']).toBe('COMPLETED')
    }))

  it('restarts deployments at once with max-concurrency', () =>
    withEmulator(quickClock, async (emulator) => {
      const ids = emulator.deploymentIds
      const result = await run(
        stepInputs(emulator, { 'deployment-id': ids.join(','), 'max-concurrency': '3' })
      )

      expect(result.exitCode).toBe(0)
      const refreshes = requestsTo(emulator, 'POST', '/refresh')
      expect(refreshes).toHaveLength(3)
      const firstJobPoll = requestsTo(emulator, 'GET', '/admin/jobs/')[0]
      for (const refresh of refreshes) expect(refresh.at).toBeLessThanOrEqual(firstJobPoll.at)
      expect(resultsOf(result).map((item) => [item.deploymentId, item.status, item.ready])).toEqual(
        ids.map((id) => [id, 'COMPLETED', true])
      )
      // Each line once, named; no groups, which cannot interleave.
      expect(result.stdout.match(/^::group::/gm)).toBeNull()
      expect(result.stdout.match(/Job j[\w-]+ submitted/g)).toHaveLength(3)
      expect(result.stdout).toMatch(/^\[parcels-featureserver \(\w+\)\] Job j[\w-]+ submitted/m)
    }))

  const oneFails = {
    ...quickClock,
    deployments: [
      { deploymentId: 'first', name: 'first-mapserver', job: 'fail' as const },
      { deploymentId: 'second', name: 'second-mapserver' }
    ]
  }

  it('starts no further restart after a failure, and reports the rest as skipped', () =>
    withEmulator(oneFails, async (emulator) => {
      const result = await run(stepInputs(emulator, { 'deployment-id': 'first,second' }))

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(1)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
      expect(resultsOf(result).map((item) => [item.deploymentId, item.status])).toEqual([
        ['first', 'FAILED'],
        ['second', 'SKIPPED']
      ])
      expect(resultsOf(result)[1].error).toContain('first-mapserver (first) failed')
    }))

  it('restarts every deployment with fail-fast: false', () =>
    withEmulator(oneFails, async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': 'first,second', 'fail-fast': 'false' })
      )

      expect(result.exitCode).toBe(1)
      expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(2)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': 'FAILED' })
      expect(resultsOf(result).map((item) => [item.deploymentId, item.status, item.ready])).toEqual(
        [
          ['first', 'FAILED', null],
          ['second', 'COMPLETED', true]
        ]
      )
    }))
})
