import { describe, expect, it } from '@jest/globals'
import { overallOutcome, resultFor, type RestartResult } from '../src/restart/results.js'
import { targets } from './support/sample-results.js'

describe('overallOutcome', () => {
  const of = (...outcomes: RestartResult['outcome'][]) =>
    outcomes.map((outcome, index) => resultFor(targets[index % 2], { status: 'X', outcome }))

  it('weighs failure over timeout over a restart left running over success', () => {
    expect(overallOutcome(of('success', 'timeout', 'failure'))).toBe('failure')
    expect(overallOutcome(of('success', 'timeout', 'skipped'))).toBe('timeout')
    expect(overallOutcome(of('success', 'submitted'))).toBe('submitted')
    expect(overallOutcome(of('submitted', 'failure', 'skipped'))).toBe('failure')
    expect(overallOutcome(of('success', 'success'))).toBe('success')
  })
})

describe('resultFor', () => {
  it('carries the services that led to the deployment', () => {
    const result = resultFor(
      { deployment: { id: 'd1' }, services: ['Hosted/A.FeatureServer', 'B.MapServer'] },
      { status: 'PENDING', outcome: 'skipped' }
    )
    expect(result).toEqual({
      deploymentId: 'd1',
      name: undefined,
      service: 'Hosted/A.FeatureServer,B.MapServer',
      ready: null,
      verified: null,
      durationSeconds: 0,
      status: 'PENDING',
      outcome: 'skipped'
    })
  })
})
