import { describe, expect, it } from '@jest/globals'
import { jobPhase } from '../src/arcgis/job-status.js'

describe('jobPhase', () => {
  it.each([
    ['SUBMITTED', 'pending'],
    ['EXECUTING', 'pending'],
    ['CANCELLING', 'pending'],
    ['UNAVAILABLE', 'pending'],
    ['COMPLETED', 'completed'],
    ['FAILED', 'failed'],
    ['CANCELLED', 'failed'],
    ['TIME OUT', 'failed'],
    ['TIMED OUT', 'failed'],
    ['completed', 'completed'],
    [' Executing ', 'pending']
  ])('%j is %s', (status, phase) => {
    expect(jobPhase(status)).toBe(phase)
  })

  it.each(['', 'RUNNING', 'SUCCEEDED', 'ERROR'])('does not know %j', (status) => {
    expect(jobPhase(status)).toBeUndefined()
  })
})
