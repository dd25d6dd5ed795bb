import { describe, expect, it } from '@jest/globals'
import { findApiError, messageTexts } from '../src/arcgis/api-json.js'

describe('findApiError', () => {
  it('reads the admin shape', () => {
    expect(
      findApiError({ status: 'error', messages: ['Deployment d1 does not exist.'], code: 404 })
    ).toEqual({ code: 404, messages: ['Deployment d1 does not exist.'] })
  })

  it('reads the portal shape, message then details', () => {
    expect(
      findApiError({
        error: { code: 498, message: 'Invalid Token.', details: ['Token has expired.'] }
      })
    ).toEqual({ code: 498, messages: ['Invalid Token.', 'Token has expired.'] })
  })

  it('reads a portal error without a code or with a code given as text', () => {
    expect(findApiError({ error: { message: 'Something broke' } })).toEqual({
      code: undefined,
      messages: ['Something broke']
    })
    expect(findApiError({ error: { code: '403', message: 'Not permitted' } })).toEqual({
      code: 403,
      messages: ['Not permitted']
    })
  })

  it.each(['failed', 'failure', 'error', 'FAILED', 'Error'])(
    'treats status %j as an error, in any case',
    (status) => {
      expect(findApiError({ status, messages: ['it broke'] })).toEqual({
        code: undefined,
        messages: ['it broke']
      })
    }
  )

  it('names each server message once', () => {
    expect(
      findApiError({ error: { code: 500, message: 'Broken.', details: ['Broken.', 'Really.'] } })
    ).toEqual({ code: 500, messages: ['Broken.', 'Really.'] })
  })

  it('treats a top-level code >= 400 as an error, with `message` as well as `messages`', () => {
    expect(findApiError({ code: 500, message: 'Internal error' })).toEqual({
      code: 500,
      messages: ['Internal error']
    })
    expect(findApiError({ code: 400 })).toEqual({ code: 400, messages: [] })
  })

  it.each([
    { status: 'success' },
    { jobID: 'j1', jobStatus: 'SUBMITTED' },
    { code: 200, status: 'ok' },
    { deployments: [] },
    { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 1 }
  ])('finds no error in %j', (body) => {
    expect(findApiError(body)).toBeUndefined()
  })

  it.each([null, 'text', 42, ['status', 'error']])(
    'finds no error in the non-object %j',
    (body) => {
      expect(findApiError(body)).toBeUndefined()
    }
  )

  it('does not mistake a job body for an error on FAILED, failed or failure', () => {
    for (const status of ['FAILED', 'failed', 'failure', 'CANCELLED', 'TIMED OUT']) {
      expect(
        findApiError({ jobid: 'j1', status, messages: ['x'] }, { isJob: true })
      ).toBeUndefined()
      expect(
        findApiError({ jobid: 'j1', jobStatus: status, messages: ['x'] }, { isJob: true })
      ).toBeUndefined()
    }
  })

  it('does not take a job that reports its own error for an API error', () => {
    expect(
      findApiError(
        { status: 'FAILED', code: 500, error: { message: 'Pod crashed.' } },
        { isJob: true }
      )
    ).toBeUndefined()
  })

  it('still finds API errors in answers to job requests', () => {
    expect(
      findApiError({ status: 'error', messages: ['Job j1 not found'], code: 404 }, { isJob: true })
    ).toEqual({ code: 404, messages: ['Job j1 not found'] })
    expect(
      findApiError({ error: { code: 498, message: 'Invalid Token.' } }, { isJob: true })
    ).toEqual({ code: 498, messages: ['Invalid Token.'] })
  })
})

describe('messageTexts', () => {
  it('reads strings, arrays and objects with a message or description, skipping blanks', () => {
    expect(messageTexts(' one ')).toEqual(['one'])
    expect(messageTexts(['a', '', ['b'], { message: 'c' }, { description: 'd' }, 3])).toEqual([
      'a',
      'b',
      'c',
      'd'
    ])
    expect(messageTexts(undefined)).toEqual([])
    expect(messageTexts('   ')).toEqual([])
  })
})
