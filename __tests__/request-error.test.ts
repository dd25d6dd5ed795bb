import { describe, expect, it } from '@jest/globals'
import {
  ArcGISRequestError,
  isTransientStatus,
  neverSent,
  type FailureDetail,
  type FailureKind
} from '../src/arcgis/request-error.js'

const op = 'refresh of deployment d1'
const error = (kind: FailureKind, detail: FailureDetail = {}) =>
  new ArcGISRequestError(kind, op, detail)

describe('ArcGISRequestError messages', () => {
  it('names the operation, the ArcGIS code, the server messages and the HTTP status', () => {
    const failure = error('api', {
      httpStatus: 200,
      code: 404,
      messages: ['Not found.', 'Really.']
    })
    expect(failure.message).toBe(
      'refresh of deployment d1 failed: ArcGIS error 404: Not found. Really. (HTTP 200).'
    )
    expect(failure.name).toBe('ArcGISRequestError')
    expect(failure.code).toBe(404)
  })

  it.each([
    [
      498,
      'The token is invalid or expired: mint a new administrator token and update the secret (token)'
    ],
    [499, 'The server received no token: check that the token secret (token) is set and not empty.']
  ])('hints at the token on %d, whatever the HTTP status', (code, hint) => {
    for (const httpStatus of [200, code]) {
      const failure = error('api', { httpStatus, code, messages: ['Invalid Token.'] })
      expect(failure.isAuthError).toBe(true)
      expect(failure.message).toMatch(/token/i)
      expect(failure.message).toContain(hint)
    }
  })

  it('tells how to replace an invalid or expired token (498)', () => {
    const failure = error('api', { httpStatus: 200, code: 498, messages: ['Invalid Token.'] })
    expect(failure.message).toContain('Invalid Token.')
    expect(failure.message).toContain('The token is invalid or expired')
    expect(failure.message).toContain('username and password')
  })

  it('tells that no token reached the server (499)', () => {
    expect(error('http', { httpStatus: 499 }).message).toBe(
      'refresh of deployment d1 failed: HTTP 499. The server received no token: check that the token secret (token) is set and not empty.'
    )
  })

  it('tells that the Administrator role is needed (403, as a code or a status)', () => {
    const hint = 'restarting deployments needs the default Administrator role'
    expect(error('api', { httpStatus: 200, code: 403, messages: ['No.'] }).message).toContain(hint)
    expect(error('http', { httpStatus: 403 }).message).toContain(hint)
    expect(error('api', { httpStatus: 403, messages: ['No.'] }).message).toContain(hint)
  })

  it('hints at portal-url and at restarting ingresses for non-JSON answers', () => {
    const failure = error('non-json', { httpStatus: 502, excerpt: '502 Bad Gateway' })
    expect(failure.message).toBe(
      'refresh of deployment d1 failed: HTTP 502 with a non-JSON answer (502 Bad Gateway). The answer was not ArcGIS JSON: check that portal-url points at the portal (https://host/<context>); an ingress that is restarting answers like this for a while.'
    )
  })

  it('describes network faults, timeouts and redirects', () => {
    expect(error('network', { errno: 'ECONNRESET', messages: ['socket hang up'] }).message).toBe(
      'refresh of deployment d1 failed: connection failed (ECONNRESET): socket hang up.'
    )
    expect(error('timeout', { messages: ['no complete answer within 100 ms'] }).message).toBe(
      'refresh of deployment d1 failed: no answer in time: no complete answer within 100 ms.'
    )
    // The HTTP layer reduces a Location to its host (see http.test.ts); the message names it.
    const redirect = error('redirect', { httpStatus: 302, location: 'sso.example.net' })
    expect(redirect.message).toContain('HTTP 302 redirect to host sso.example.net')
    expect(redirect.message).toContain('redirects are not followed')
    expect(error('redirect', { httpStatus: 301 }).message).toContain('an unnamed location')
  })

  it('hints at IWA or single sign-on on 401, also for a non-JSON page', () => {
    expect(error('http', { httpStatus: 401 }).message).toContain('another kind of authentication')
    const page = error('non-json', { httpStatus: 401, excerpt: 'Sign in' })
    expect(page.message).toContain('another kind of authentication')
    expect(page.message).not.toContain('The answer was not ArcGIS JSON')
  })

  it('hints at a private CA on certificate errors', () => {
    for (const errno of [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'CERT_HAS_EXPIRED'
    ]) {
      const failure = error('network', { errno, messages: ['bad certificate'] })
      expect(failure.message).toContain('ca-certificate')
      expect(failure.message).toContain('Verification is never switched off')
    }
    expect(error('network', { errno: 'ECONNRESET' }).message).not.toContain('ca-certificate')
  })

  it('keeps what went wrong apart from the operation and the hint', () => {
    const failure = error('non-json', { httpStatus: 502, excerpt: 'Bad Gateway' })
    expect(failure.problem).toBe('HTTP 502 with a non-JSON answer (Bad Gateway)')
  })

  it('marks the failure that the deadline ended', () => {
    const failure = error('http', { httpStatus: 503 })
    const last = failure.atDeadline()
    expect(last).toBeInstanceOf(ArcGISRequestError)
    expect(last.detail.deadline).toBe(true)
    expect(last.kind).toBe('http')
    expect(last.message).toBe('refresh of deployment d1 failed: HTTP 503. The timeout was reached.')
    expect(failure.detail.deadline).toBeUndefined()
  })

  it('has no code when there was no HTTP answer', () => {
    expect(error('network', { errno: 'ECONNREFUSED' }).code).toBeUndefined()
    expect(error('network', { errno: 'ECONNREFUSED' }).isAuthError).toBe(false)
  })
})

describe('neverSent', () => {
  it.each([
    ['ECONNREFUSED', true],
    ['EAI_AGAIN', true],
    ['EHOSTUNREACH', true],
    ['ENETUNREACH', true],
    ['ECONNRESET', false],
    ['ETIMEDOUT', false],
    ['EPIPE', false],
    ['ECONNABORTED', false],
    ['ENOTFOUND', false],
    [undefined, false]
  ])('%s → %s', (errno, expected) => {
    expect(neverSent(errno)).toBe(expected)
  })
})

describe('ArcGISRequestError.transient', () => {
  it.each([429, 502, 503, 504])('is transient for HTTP %d and for ArcGIS code %d', (status) => {
    expect(error('http', { httpStatus: status }).transient).toBe(true)
    expect(error('api', { httpStatus: 200, code: status }).transient).toBe(true)
    expect(isTransientStatus(status)).toBe(true)
  })

  it.each([200, 400, 401, 403, 404, 498, 499, 500, 501])(
    'is not transient for HTTP %d',
    (status) => {
      expect(error('http', { httpStatus: status }).transient).toBe(false)
      expect(error('api', { httpStatus: status, code: status }).transient).toBe(false)
    }
  )

  it.each([200, 429, 500, 502, 503, 504, undefined])(
    'is transient for a non-JSON answer with HTTP %s (an ingress whose backend restarts)',
    (httpStatus) => {
      expect(error('non-json', { httpStatus }).transient).toBe(true)
    }
  )

  it.each([301, 401, 403, 404])('is not transient for a non-JSON HTTP %d page', (httpStatus) => {
    expect(error('non-json', { httpStatus }).transient).toBe(false)
  })

  it('is transient for timeouts', () => {
    expect(error('timeout').transient).toBe(true)
  })

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN'])(
    'is transient for the connection error %s',
    (errno) => {
      expect(error('network', { errno }).transient).toBe(true)
    }
  )

  it.each(['ENOTFOUND', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', undefined])(
    'is not transient for the connection error %s',
    (errno) => {
      expect(error('network', { errno }).transient).toBe(false)
    }
  )

  it('is not transient for a redirect', () => {
    expect(error('redirect', { httpStatus: 302, location: 'https://x.example' }).transient).toBe(
      false
    )
  })
})

describe('ArcGISRequestError.delivery', () => {
  it.each<[string, FailureKind, FailureDetail]>([
    ['a 429 page', 'non-json', { httpStatus: 429 }],
    ['a 503 page of an ingress without upstream', 'non-json', { httpStatus: 503 }],
    ['a JSON 503', 'api', { httpStatus: 503, code: 503 }],
    ['a refused connection', 'network', { errno: 'ECONNREFUSED' }],
    ['a DNS failure', 'network', { errno: 'ENOTFOUND' }],
    ['a DNS hiccup', 'network', { errno: 'EAI_AGAIN' }],
    ['an unverifiable certificate', 'network', { errno: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }]
  ])('is not-received after %s', (_, kind, detail) => {
    expect(error(kind, detail).delivery).toBe('not-received')
  })

  it.each<[string, FailureKind, FailureDetail]>([
    ['a 502 page', 'non-json', { httpStatus: 502 }],
    ['a 504 page', 'non-json', { httpStatus: 504 }],
    ['a JSON 504 from the ingress', 'api', { httpStatus: 504, code: 504 }],
    ['a 500 page', 'non-json', { httpStatus: 500 }],
    ['a timeout', 'timeout', {}],
    ['a reset', 'network', { errno: 'ECONNRESET' }],
    ['a broken pipe', 'network', { errno: 'EPIPE' }],
    ['a network error without a code', 'network', {}]
  ])('is unknown after %s', (_, kind, detail) => {
    expect(error(kind, detail).delivery).toBe('unknown')
  })

  it.each<[string, FailureKind, FailureDetail]>([
    ['an ArcGIS error in a 200', 'api', { httpStatus: 200, code: 500 }],
    ['an ArcGIS error 504 in a 200', 'api', { httpStatus: 200, code: 504 }],
    ['a 403 page', 'non-json', { httpStatus: 403 }],
    ['a 404', 'http', { httpStatus: 404 }],
    ['a non-JSON 200', 'non-json', { httpStatus: 200 }],
    ['a redirect', 'redirect', { httpStatus: 302 }]
  ])('is answered after %s', (_, kind, detail) => {
    expect(error(kind, detail).delivery).toBe('answered')
  })
})
