import { describe, expect, it } from '@jest/globals'
import { isReady } from '../src/restart/readiness.js'

describe('isReady', () => {
  it.each([
    [{ currentState: 'STARTED', readyReplicas: 1, totalReplicas: 1 }, true],
    [{ currentState: 'started', readyReplicas: 3, totalReplicas: 3 }, true],
    [{ currentState: 'STARTED', readyReplicas: 0, totalReplicas: 0 }, true],
    [{ currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 }, false],
    [{ currentState: 'STOPPED', readyReplicas: 1, totalReplicas: 1 }, false],
    [{ readyReplicas: 1, totalReplicas: 1 }, false],
    [{ currentState: 'STARTED' }, false],
    [{ currentState: 'STARTED', readyReplicas: 1 }, false]
  ])('%j → %s', (status, expected) => {
    expect(isReady(status)).toBe(expected)
  })
})
