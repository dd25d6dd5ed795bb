import { describe, expect, it, jest } from '@jest/globals'
import nock from 'nock'
import { FixedToken } from '../src/arcgis/auth.js'
import { CancelledError } from '../src/common/cancellation.js'
import { Deadline } from '../src/common/deadline.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import type { PortalRequest, TokenSource } from '../src/arcgis/http.js'
import { recordRequests } from './support/nock-requests.js'
import {
  netError,
  ORIGIN,
  PORTAL,
  testPortalHttp,
  usePortalNock,
  type TestPortalHttpOptions
} from './support/portal-http.js'

const TOKEN = 'tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0ZZ'

const jobRequest: PortalRequest = {
  operation: 'reading job j1',
  method: 'GET',
  path: 'admin/jobs/j1',
  retry: 'idempotent',
  authenticated: true,
  isJob: true
}
const refreshRequest: PortalRequest = {
  operation: 'refresh of deployment d1',
  method: 'POST',
  path: 'admin/system/deployments/d1/refresh',
  form: { async: 'true' },
  retry: 'unless-sent',
  authenticated: true
}
const JOB_PATH = '/arcgis/admin/jobs/j1'
const REFRESH_PATH = '/arcgis/admin/system/deployments/d1/refresh'
const submitted = { jobID: 'j1', jobStatus: 'SUBMITTED' }

function portalHttp(
  options: Omit<TestPortalHttpOptions, 'tokens'> = {},
  tokens: TokenSource | null = new FixedToken(TOKEN, ORIGIN)
) {
  return testPortalHttp({ secrets: [TOKEN], ...options, tokens: tokens ?? undefined })
}

/** The error `promise` rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<ArcGISRequestError> {
  const error = await promise.then(
    () => {
      throw new Error('the request succeeded')
    },
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(ArcGISRequestError)
  return error as ArcGISRequestError
}

usePortalNock()

describe('requests', () => {
  it('sends a GET with ?f=json only and the token in X-Esri-Authorization, never in the URL', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query({ f: 'json' })
      .reply(200, { status: 'EXECUTING' })
    const seen = recordRequests(scope)
    const { http } = portalHttp()
    await expect(http.request(jobRequest)).resolves.toEqual({ status: 'EXECUTING' })
    scope.done()
    expect(seen).toHaveLength(1)
    const [request] = seen
    expect(request.method).toBe('GET')
    expect(request.url.href).toBe(`${ORIGIN}${JOB_PATH}?f=json`)
    expect(request.url.href).not.toContain(TOKEN)
    expect(request.headers['x-esri-authorization']).toBe(`Bearer ${TOKEN}`)
    expect(request.headers.authorization).toBeUndefined()
    expect(request.headers.accept).toBe('application/json')
    expect(request.body).toBe('')
  })

  it('sends a POST as a form with f=json and the token in the body, not in the URL or a header', async () => {
    const scope = nock(ORIGIN).post(REFRESH_PATH).reply(200, submitted)
    const seen = recordRequests(scope)
    const { http } = portalHttp()
    await expect(http.request(refreshRequest)).resolves.toEqual(submitted)
    scope.done()
    const [request] = seen
    expect(request.url.href).toBe(`${ORIGIN}${REFRESH_PATH}`)
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(request.form).toEqual({ async: 'true', f: 'json', token: TOKEN })
    expect(request.headers['x-esri-authorization']).toBeUndefined()
    expect(request.headers.authorization).toBeUndefined()
  })

  it('sends neither token nor token header on an unauthenticated request', async () => {
    const scope = nock(ORIGIN).post('/arcgis/sharing/rest/generateToken').reply(200, { token: 'x' })
    const seen = recordRequests(scope)
    const { http } = portalHttp({}, null)
    await http.request({
      operation: 'generateToken',
      method: 'POST',
      path: 'sharing/rest/generateToken',
      form: { username: 'admin' },
      retry: 'idempotent',
      authenticated: false
    })
    expect(seen[0].form).toEqual({ username: 'admin', f: 'json' })
    expect(seen[0].headers['x-esri-authorization']).toBeUndefined()
  })

  it('sends the headers of the token source (a Referer) with authenticated requests', async () => {
    const scope = nock(ORIGIN).get(JOB_PATH).query(true).reply(200, { status: 'EXECUTING' })
    const seen = recordRequests(scope)
    const tokens: TokenSource = {
      token: async () => 'generated',
      renew: async () => false,
      headers: () => ({ Referer: ORIGIN })
    }
    const { http } = portalHttp({}, tokens)
    await http.request(jobRequest)
    expect(seen[0].headers.referer).toBe(ORIGIN)
    expect(seen[0].headers['x-esri-authorization']).toBe('Bearer generated')
  })

  it('sends the portal origin as Referer with a fixed token, on GET and POST', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
      .post(REFRESH_PATH)
      .reply(200, submitted)
    const seen = recordRequests(scope)
    const { http } = portalHttp()
    await http.request(jobRequest)
    await http.request(refreshRequest)
    expect(seen.map((request) => request.headers.referer)).toEqual([ORIGIN, ORIGIN])
  })

  it('names the host, and the proxy host without its credentials', () => {
    expect(portalHttp().http.host).toBe('gis.example.com')
    expect(portalHttp({ portalUrl: 'https://[2001:db8::10]:7443/arcgis' }).http.host).toBe(
      '[2001:db8::10]:7443'
    )
    const saved = { lower: process.env.https_proxy, upper: process.env.HTTPS_PROXY }
    delete process.env.https_proxy
    try {
      delete process.env.HTTPS_PROXY
      expect(portalHttp().http.proxyHost).toBeUndefined()
      process.env.HTTPS_PROXY = 'http://user:pw@proxy.corp.example:3128'
      expect(portalHttp().http.proxyHost).toBe('proxy.corp.example:3128')
    } finally {
      for (const [name, value] of [
        ['https_proxy', saved.lower],
        ['HTTPS_PROXY', saved.upper]
      ] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('accepts a portal URL with a trailing slash', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query({ f: 'json' })
      .reply(200, { status: 'EXECUTING' })
    const { http } = portalHttp({ portalUrl: `${PORTAL}/` })
    await http.request(jobRequest)
    scope.done()
    expect(http.origin).toBe(ORIGIN)
  })

  it('refuses a path that would leave the portal origin, before sending anything', async () => {
    const evil = nock('https://evil.example').get(/.*/).reply(200, {})
    const { http } = portalHttp()
    await expect(http.request({ ...jobRequest, path: '//evil.example/steal' })).rejects.toThrow(
      "Refusing to send a request outside the portal's origin (https://evil.example)"
    )
    expect(evil.isDone()).toBe(false)
  })

  it('fails an authenticated request without a token source', async () => {
    const { http } = portalHttp({}, null)
    await expect(http.request(jobRequest)).rejects.toThrow('No token source')
  })

  it('logs the method, path and HTTP status of each request at debug level, never the token', async () => {
    nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(503, 'busy')
      .get(JOB_PATH)
      .query(true)
      .reply(200, {})
    const { http, logger } = portalHttp()
    await http.request(jobRequest)
    expect(logger.debugs()).toEqual([
      expect.stringMatching(/^GET \/arcgis\/admin\/jobs\/j1 -> HTTP 503 \(\d+ ms\)$/),
      'GET admin/jobs/j1: attempt 1 failed; next in 0 ms',
      expect.stringMatching(/^GET \/arcgis\/admin\/jobs\/j1 -> HTTP 200 \(\d+ ms\)$/)
    ])
    expect(logger.all()).not.toContain(TOKEN)
  })

  it('says once that it is trying again, with what went wrong', async () => {
    nock(ORIGIN).get(JOB_PATH).query(true).times(3).reply(503, 'busy')
    nock(ORIGIN).get(JOB_PATH).query(true).reply(200, {})
    const { http, logger } = portalHttp()
    await http.request(jobRequest)
    expect(logger.infos()).toEqual([
      'reading job j1: HTTP 503 with a non-JSON answer (busy); trying again until the timeout'
    ])
  })
})

describe('redirects', () => {
  it('fails on a 3xx naming the target host, and never requests the Location', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(302, '', { Location: 'https://sso.example.net/login?return=/arcgis' })
    const elsewhere = nock('https://sso.example.net')
      .get(/.*/)
      .reply(200, {})
      .post(/.*/)
      .reply(200, {})
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    scope.done()
    expect(elsewhere.isDone()).toBe(false)
    expect(error.kind).toBe('redirect')
    expect(error.message).toContain('HTTP 302 redirect to host sso.example.net')
    expect(error.message).toContain('Set portal-url to the address the portal answers on')
  })

  it('does not follow a redirect on a GET, even to the same host', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(301, '', { Location: `${ORIGIN}/other/admin/jobs/j1` })
    const target = nock(ORIGIN).get('/other/admin/jobs/j1').reply(200, {})
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    scope.done()
    expect(target.isDone()).toBe(false)
    expect(error.message).toContain('HTTP 301 redirect to host gis.example.com')
  })

  it('does not show a token that a relative Location echoes', async () => {
    nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(302, '', { Location: `/arcgis/home/signin.html?token=${TOKEN}` })
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.kind).toBe('redirect')
    expect(error.message).not.toContain(TOKEN)
  })
})

describe('error bodies', () => {
  it('throws on an admin-style error body sent with HTTP 200, with the server messages', async () => {
    nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(200, { status: 'error', messages: ['Deployment d1 does not exist.'], code: 404 })
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.message).toBe(
      'refresh of deployment d1 failed: ArcGIS error 404: Deployment d1 does not exist. (HTTP 200).'
    )
    expect(error.code).toBe(404)
  })

  it('throws on a portal-style error body sent with HTTP 200, with message and details', async () => {
    nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(200, { error: { code: 403, message: 'Not permitted.', details: ['Admin only.'] } })
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    expect(error.message).toContain(
      'reading job j1 failed: ArcGIS error 403: Not permitted. Admin only. (HTTP 200).'
    )
    expect(error.message).toContain('needs the default Administrator role')
  })

  it('reads the error body of an HTTP 500 answer', async () => {
    nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(500, { status: 'error', messages: ['Boom.'] })
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    expect(error.message).toContain('Boom.')
    expect(error.message).toContain('HTTP 500')
  })

  it('throws on an HTTP error status with a JSON body that is not an error body', async () => {
    const scope = nock(ORIGIN).get(JOB_PATH).query(true).reply(404, { detail: 'nope' })
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    scope.done()
    expect(error.kind).toBe('http')
    expect(error.message).toBe('reading job j1 failed: HTTP 404.')
  })

  it('does not take a FAILED job for an error', async () => {
    nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'FAILED', messages: ['Pod crash.'] })
    const { http } = portalHttp()
    await expect(http.request(jobRequest)).resolves.toEqual({
      status: 'FAILED',
      messages: ['Pod crash.']
    })
  })

  it('quotes the title of an HTML answer', async () => {
    nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(200, '<html><head><title>Sign in</title></head><body>…</body></html>')
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.kind).toBe('non-json')
    expect(error.message).toContain('HTTP 200 with a non-JSON answer (Sign in)')
  })

  it('shortens a long non-JSON answer', async () => {
    nock(ORIGIN).post(REFRESH_PATH).reply(200, 'x'.repeat(500))
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.message).toContain(`(${'x'.repeat(120)}… (500 characters))`)
  })

  it.each([['[1,2]'], ['"text"'], ['null']])(
    'treats the JSON %s as a non-JSON answer',
    async (body) => {
      nock(ORIGIN).post(REFRESH_PATH).reply(200, body)
      const { http } = portalHttp()
      expect((await failure(http.request(refreshRequest))).kind).toBe('non-json')
    }
  )
})

describe('retries of reads', () => {
  it('retries a GET through 502 and 503 HTML pages until it succeeds', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(502, '<html><title>502 Bad Gateway</title></html>')
      .get(JOB_PATH)
      .query(true)
      .reply(503, '<html><title>503 Service Temporarily Unavailable</title></html>')
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'COMPLETED' })
    const { http } = portalHttp()
    await expect(http.request(jobRequest)).resolves.toEqual({ status: 'COMPLETED' })
    scope.done()
  })

  it.each([
    ['ECONNRESET', 'socket hang up'],
    ['ECONNREFUSED', 'connect ECONNREFUSED'],
    ['ETIMEDOUT', 'connect ETIMEDOUT'],
    ['EAI_AGAIN', 'getaddrinfo EAI_AGAIN gis.example.com']
  ])('retries a GET after %s', async (code, message) => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .replyWithError(netError(code, message))
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const { http } = portalHttp()
    await expect(http.request(jobRequest)).resolves.toEqual({ status: 'EXECUTING' })
    scope.done()
  })

  it('keeps retrying a GET until the deadline, then fails marking the timeout', async () => {
    const scope = nock(ORIGIN).get(JOB_PATH).query(true).reply(503, 'unavailable').persist()
    const seen = recordRequests(scope)
    // Waits of 50, 100, 200 and 400 ms, then 800 ms: more than the deadline leaves. The last request has some 700 ms
    // to be answered, so that a loaded machine does not turn its 503 into a timeout.
    const { http } = portalHttp({ deadline: new Deadline(1_500), random: () => 0.05 })
    const error = await failure(http.request(jobRequest))
    expect(seen.length).toBeGreaterThanOrEqual(2)
    expect(seen.length).toBeLessThanOrEqual(5)
    expect(error.detail.deadline).toBe(true)
    expect(error.message).toBe(
      'reading job j1 failed: HTTP 503 with a non-JSON answer (unavailable). The timeout was reached. The answer was not ArcGIS JSON: check that portal-url points at the portal (https://host/<context>); an ingress that is restarting answers like this for a while.'
    )
  })

  it('reports the failure before an attempt that the deadline cut short', async () => {
    nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(503, '<html><title>503 Service Temporarily Unavailable</title></html>')
      .get(JOB_PATH)
      .query(true)
      .delay(5_000)
      .reply(200, { status: 'EXECUTING' })
    const { http } = portalHttp({ deadline: new Deadline(1_000), random: () => 0.05 })
    const error = await failure(http.request(jobRequest))
    expect(error.detail.httpStatus).toBe(503)
    expect(error.detail.deadline).toBe(true)
    expect(error.message).toContain(
      'HTTP 503 with a non-JSON answer (503 Service Temporarily Unavailable). The timeout was reached.'
    )
  })

  it('does not retry a non-JSON 404 page', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(404, '<html><title>Not Found</title></html>')
      .get(JOB_PATH)
      .query(true)
      .reply(200, {})
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    expect(error.message).toContain('HTTP 404 with a non-JSON answer (Not Found)')
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('does not retry what is not transient', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(200, { error: { code: 400, message: 'Bad request' } })
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    expect(error.code).toBe(400)
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('does not retry a TLS failure, and says how to trust a private CA', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .replyWithError(
        netError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate')
      )
      .get(JOB_PATH)
      .query(true)
      .reply(200, {})
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    expect(error.message).toContain(
      'reading job j1 failed: connection failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE): unable to verify the first certificate.'
    )
    expect(error.message).toContain('ca-certificate')
    expect(error.message).toContain('NODE_EXTRA_CA_CERTS')
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('waits as long as Retry-After asks after a 429', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '1' })
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const { http, logger } = portalHttp()
    const started = Date.now()
    await expect(http.request(jobRequest)).resolves.toEqual({ status: 'EXECUTING' })
    scope.done()
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(logger.debugs()).toContainEqual(expect.stringContaining('next in 1000 ms'))
  })

  it('reads Retry-After given as an HTTP date', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(429, 'slow down', { 'Retry-After': new Date(Date.now() + 120_000).toUTCString() })
      .get(JOB_PATH)
      .query(true)
      .reply(200, {})
    const { http } = portalHttp({ deadline: new Deadline(30_000) })
    const error = await failure(http.request(jobRequest))
    expect(error.detail.retryAfterMs).toBeGreaterThan(100_000)
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('gives up at once when Retry-After asks for more than the deadline leaves', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '120' })
      .get(JOB_PATH)
      .query(true)
      .reply(200, {})
    const { http } = portalHttp({ deadline: new Deadline(30_000) })
    const started = Date.now()
    const error = await failure(http.request(jobRequest))
    expect(error.code).toBe(429)
    expect(scope.pendingMocks()).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('lets the deadline bound the backoff', async () => {
    const scope = nock(ORIGIN).get(JOB_PATH).query(true).times(5).reply(503, 'unavailable')
    const seen = recordRequests(scope)
    // Full jitter at its ceiling: 1 s before the second attempt, more than the 500 ms left.
    const { http } = portalHttp({ deadline: new Deadline(500), random: () => 1 })
    const error = await failure(http.request(jobRequest))
    expect(seen).toHaveLength(1)
    expect(error.detail.httpStatus).toBe(503)
    expect(error.detail.deadline).toBe(true)
  })

  it('backs off exponentially with full jitter', async () => {
    nock(ORIGIN).get(JOB_PATH).query(true).times(3).reply(503, 'x')
    nock(ORIGIN).get(JOB_PATH).query(true).reply(200, {})
    const { http, logger } = portalHttp({ random: () => 0.01 })
    await http.request(jobRequest)
    const waits = logger
      .debugs()
      .map((line) => /next in (\d+) ms/.exec(line)?.[1])
      .filter((wait) => wait !== undefined)
    expect(waits).toEqual(['10', '20', '40'])
  })
})

describe('the first contact', () => {
  const rootRequest: PortalRequest = {
    operation: 'reading the admin API version',
    method: 'GET',
    path: 'admin',
    retry: 'first-contact',
    authenticated: true
  }

  it("gives up at the request's own deadline, long before the step's, saying how long it tries", async () => {
    const scope = nock(ORIGIN)
      .get('/arcgis/admin')
      .query(true)
      .replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:443'))
      .persist()
    const seen = recordRequests(scope)
    const { http, logger } = portalHttp({ deadline: new Deadline(60_000), random: () => 0.05 })
    const started = Date.now()
    const error = await failure(http.request({ ...rootRequest, deadline: new Deadline(1_000) }))
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(seen.length).toBeGreaterThanOrEqual(2)
    // The last attempt may be cut short by the deadline itself: either way, nothing answered.
    expect(error.noAnswer).toBe(true)
    expect(logger.infos()).toEqual([
      expect.stringMatching(
        /^reading the admin API version: connection failed \(ECONNREFUSED\): connect ECONNREFUSED 10\.0\.0\.5:443; trying again for up to \d+ms$/
      )
    ])
  })

  it('does not retry a page that answers 200: it is not the admin API', async () => {
    const scope = nock(ORIGIN)
      .get('/arcgis/admin')
      .query(true)
      .reply(200, '<html><title>Sign in</title></html>')
      .get('/arcgis/admin')
      .query(true)
      .reply(200, { fullVersion: '11.4' })
    const { http } = portalHttp()
    const error = await failure(http.request({ ...rootRequest, deadline: new Deadline(10_000) }))
    expect(error.isPageWithSuccessStatus).toBe(true)
    expect(error.message).toContain('HTTP 200 with a non-JSON answer (Sign in)')
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('still retries a 503 page, as any read does', async () => {
    nock(ORIGIN)
      .get('/arcgis/admin')
      .query(true)
      .reply(503, '<html><title>503</title></html>')
      .get('/arcgis/admin')
      .query(true)
      .reply(200, { fullVersion: '11.4' })
    const { http } = portalHttp()
    await expect(http.request({ ...rootRequest, deadline: new Deadline(10_000) })).resolves.toEqual(
      { fullVersion: '11.4' }
    )
  })
})

describe('requests tried once (polls)', () => {
  it('does not retry a transient fault: the poll loop tries again on its own schedule', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(503, 'unavailable')
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const { http } = portalHttp()
    const error = await failure(http.request({ ...jobRequest, retry: 'once' }))
    expect(error.transient).toBe(true)
    expect(error.problem).toBe('HTTP 503 with a non-JSON answer (unavailable)')
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('still renews a refused token once', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const tokens: TokenSource = {
      token: async () => 'token',
      renew: jest.fn(async () => true),
      headers: () => ({})
    }
    const { http } = portalHttp({}, tokens)
    await expect(http.request({ ...jobRequest, retry: 'once' })).resolves.toEqual({
      status: 'EXECUTING'
    })
    scope.done()
  })
})

describe('retries of the refresh (not idempotent)', () => {
  it.each([429, 503])(
    'retries after HTTP %d, with which the ingress turns a request away',
    async (status) => {
      const scope = nock(ORIGIN)
        .post(REFRESH_PATH)
        .reply(status, '<html><title>busy</title></html>')
        .post(REFRESH_PATH)
        .reply(200, submitted)
      const { http } = portalHttp()
      await expect(http.request(refreshRequest)).resolves.toEqual(submitted)
      scope.done()
    }
  )

  it.each([502, 504])(
    'does not retry after HTTP %d, when the admin API may have acted on it',
    async (status) => {
      const scope = nock(ORIGIN)
        .post(REFRESH_PATH)
        .reply(status, '<html><title>gateway</title></html>')
        .post(REFRESH_PATH)
        .reply(200, submitted)
      const { http } = portalHttp()
      const error = await failure(http.request(refreshRequest))
      expect(error.detail.httpStatus).toBe(status)
      expect(error.delivery).toBe('unknown')
      expect(scope.pendingMocks()).toHaveLength(1)
    }
  )

  it('makes at most 3 attempts', async () => {
    const scope = nock(ORIGIN).post(REFRESH_PATH).times(4).reply(503, 'unavailable')
    const seen = recordRequests(scope)
    const { http } = portalHttp()
    await failure(http.request(refreshRequest))
    expect(seen).toHaveLength(3)
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it.each(['ECONNREFUSED', 'EAI_AGAIN'])(
    'retries after %s, which means the request never left',
    async (code) => {
      const scope = nock(ORIGIN)
        .post(REFRESH_PATH)
        .replyWithError(netError(code, `connect ${code}`))
        .post(REFRESH_PATH)
        .reply(200, submitted)
      const { http } = portalHttp()
      await expect(http.request(refreshRequest)).resolves.toEqual(submitted)
      scope.done()
    }
  )

  it.each(['ECONNRESET', 'ETIMEDOUT', 'EPIPE'])(
    'does not retry after %s, when the server may have acted on it',
    async (code) => {
      const scope = nock(ORIGIN)
        .post(REFRESH_PATH)
        .replyWithError(netError(code, 'socket hang up'))
        .post(REFRESH_PATH)
        .reply(200, submitted)
      const { http } = portalHttp()
      const error = await failure(http.request(refreshRequest))
      expect(error.message).toContain(`connection failed (${code})`)
      expect(scope.pendingMocks()).toHaveLength(1)
    }
  )

  it('does not retry after a non-JSON HTTP 200 answer', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(200, '<html><title>Welcome</title></html>')
      .post(REFRESH_PATH)
      .reply(200, submitted)
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.kind).toBe('non-json')
    expect(scope.pendingMocks()).toHaveLength(1)
  })

  it('does not retry after its own request timeout', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH_PATH)
      .delay(2_000)
      .reply(200, submitted)
      .post(REFRESH_PATH)
      .reply(200, submitted)
    const { http } = portalHttp({ requestTimeoutMs: 50 })
    const error = await failure(http.request(refreshRequest))
    expect(error.kind).toBe('timeout')
    expect(error.message).toContain('no answer in time')
    expect(scope.pendingMocks()).toHaveLength(1)
    // Its own timeout, not the step's: the deadline is a minute away.
    expect(error.detail.deadline).toBeFalsy()
    expect(error.message).not.toContain('The timeout was reached.')
  })

  it("marks a refresh cut short by the step's deadline as reaching it", async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH_PATH)
      .delay(2_000)
      .reply(200, submitted)
      .post(REFRESH_PATH)
      .reply(200, submitted)
    const { http } = portalHttp({ deadline: new Deadline(100), requestTimeoutMs: 30_000 })
    const error = await failure(http.request(refreshRequest))
    expect(error.kind).toBe('timeout')
    expect(error.detail.deadline).toBe(true)
    expect(error.message).toContain('The timeout was reached.')
    expect(scope.pendingMocks()).toHaveLength(1)
  })
})

describe('request timeout', () => {
  it('takes a socket that went silent for a timeout, and retries a GET', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .replyWithError(new Error('Request timeout: /arcgis/admin/jobs/j1'))
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const { http, logger } = portalHttp()
    await expect(http.request(jobRequest)).resolves.toEqual({ status: 'EXECUTING' })
    scope.done()
    expect(logger.infos()).toEqual([
      'reading job j1: no answer in time: the connection went silent; trying again until the timeout'
    ])
  })

  it('abandons a request that takes longer than requestTimeoutMs and retries a GET', async () => {
    // The first answer never comes within the test, and the retry's answer, sent at once, has a whole second: no
    // load on the machine makes the retry time out too (as a 50 ms limit did).
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .delay(60_000)
      .reply(200, { status: 'SUBMITTED' })
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const { http, logger } = portalHttp({ requestTimeoutMs: 1_000 })
    await expect(http.request(jobRequest)).resolves.toEqual({ status: 'EXECUTING' })
    scope.done()
    expect(logger.infos()).toEqual([
      'reading job j1: no answer in time: no complete answer within 1000 ms; trying again until the timeout'
    ])
  })

  it('never waits past the deadline for an answer', async () => {
    nock(ORIGIN).get(JOB_PATH).query(true).delay(3_000).reply(200, {})
    const { http } = portalHttp({ deadline: new Deadline(100), requestTimeoutMs: 30_000 })
    const started = Date.now()
    const error = await failure(http.request(jobRequest))
    expect(error.kind).toBe('timeout')
    expect(error.detail.deadline).toBe(true)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('sends nothing once the deadline has passed', async () => {
    const scope = nock(ORIGIN).get(JOB_PATH).query(true).reply(200, {})
    const { http } = portalHttp({ deadline: new Deadline(0) })
    const error = await failure(http.request(jobRequest))
    expect(error.kind).toBe('timeout')
    expect(error.detail.deadline).toBe(true)
    expect(error.message).toContain('The timeout was reached.')
    expect(scope.isDone()).toBe(false)
  })
})

describe('token renewal', () => {
  function renewable(values: string[]) {
    let current = 0
    const renew = jest.fn(async () => {
      current++
      return true
    })
    const source: TokenSource = {
      token: async () => values[Math.min(current, values.length - 1)],
      renew,
      headers: () => ({})
    }
    return { source, renew }
  }

  it.each([
    ['a 498 body with HTTP 200', 200, { error: { code: 498, message: 'Invalid token.' } }],
    ['an HTTP 498', 498, { error: { code: 498, message: 'Invalid token.' } }],
    ['a 499 admin body', 200, { status: 'error', code: 499, messages: ['Token required.'] }]
  ])('renews the token once after %s and retries with the new one', async (_, status, body) => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .reply(status, body)
      .get(JOB_PATH)
      .query(true)
      .reply(200, { status: 'EXECUTING' })
    const seen = recordRequests(scope)
    const { source, renew } = renewable(['old-token', 'new-token'])
    const { http, logger } = portalHttp({}, source)
    await expect(http.request(jobRequest)).resolves.toEqual({ status: 'EXECUTING' })
    expect(renew).toHaveBeenCalledTimes(1)
    expect(seen.map((request) => request.headers['x-esri-authorization'])).toEqual([
      'Bearer old-token',
      'Bearer new-token'
    ])
    expect(logger.infos()).toContainEqual(expect.stringContaining('The token was refused'))
  })

  it('renews the token of a POST in its body', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
      .post(REFRESH_PATH)
      .reply(200, submitted)
    const seen = recordRequests(scope)
    const { source } = renewable(['old-token', 'new-token'])
    const { http } = portalHttp({}, source)
    await http.request(refreshRequest)
    expect(seen.map((request) => request.form.token)).toEqual(['old-token', 'new-token'])
  })

  it('renews only once when the new token is refused too', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .times(3)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
    const seen = recordRequests(scope)
    const { source, renew } = renewable(['old-token', 'new-token'])
    const { http } = portalHttp({}, source)
    const error = await failure(http.request(jobRequest))
    expect(error.code).toBe(498)
    expect(renew).toHaveBeenCalledTimes(1)
    expect(seen).toHaveLength(2)
  })

  it('gives the refresh its full 3 attempts after renewing the token', async () => {
    const scope = nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
      .post(REFRESH_PATH)
      .times(2)
      .reply(503, 'unavailable')
      .post(REFRESH_PATH)
      .reply(200, submitted)
    const seen = recordRequests(scope)
    const { source, renew } = renewable(['old-token', 'new-token'])
    const { http } = portalHttp({}, source)
    await expect(http.request(refreshRequest)).resolves.toEqual(submitted)
    scope.done()
    expect(renew).toHaveBeenCalledTimes(1)
    expect(seen.map((request) => request.form.token)).toEqual([
      'old-token',
      'new-token',
      'new-token',
      'new-token'
    ])
  })

  it('fails at once with the token hint when the token is fixed', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .times(2)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
    const seen = recordRequests(scope)
    const { http } = portalHttp()
    const error = await failure(http.request(jobRequest))
    expect(seen).toHaveLength(1)
    expect(error.message).toContain('ArcGIS error 498: Invalid token.')
    expect(error.message).toContain(
      'The token is invalid or expired: mint a new administrator token'
    )
  })
})

describe('secrets', () => {
  it('redacts a token that the server echoes in an error message', async () => {
    nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(200, { error: { code: 400, message: `Invalid parameter token=${TOKEN}` } })
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.message).toContain('Invalid parameter token=***')
    expect(error.message).not.toContain(TOKEN)
    // Nothing the error keeps (its server messages included) holds the token.
    expect(JSON.stringify(error)).not.toContain(TOKEN)
  })

  it('redacts a token that a non-JSON answer echoes', async () => {
    nock(ORIGIN).post(REFRESH_PATH).reply(200, `<p>bad token ${TOKEN}</p>`)
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.message).toContain('bad token ***')
    expect(error.message).not.toContain(TOKEN)
  })

  it('never shows part of a token that the excerpt of a long non-JSON answer cuts', async () => {
    // The token starts 105 characters in: an excerpt cut at 117 characters would keep its first 12.
    nock(ORIGIN)
      .post(REFRESH_PATH)
      .reply(200, `${'x'.repeat(100)} tok ${TOKEN} ${'y'.repeat(100)}`)
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.message).not.toContain(TOKEN.slice(0, 8))
  })

  it('redacts a token in a connection error message', async () => {
    nock(ORIGIN)
      .post(REFRESH_PATH)
      .replyWithError(netError('ECONNRESET', `reset while sending token=${TOKEN}`))
    const { http } = portalHttp()
    const error = await failure(http.request(refreshRequest))
    expect(error.message).toContain('token=***')
    expect(error.message).not.toContain(TOKEN)
  })

  it('registers secrets added to it', () => {
    const mask = jest.fn<(secret: string) => void>()
    const { http, secrets } = testPortalHttp({
      mask,
      deadline: new Deadline(1_000),
      requestTimeoutMs: 1_000
    })
    http.addSecret('generated-token')
    expect(mask).toHaveBeenCalledWith('generated-token')
    expect(secrets.redact('x generated-token')).toBe('x ***')
  })
})

describe('cancellation', () => {
  it('rejects with CancelledError promptly while a request hangs', async () => {
    nock(ORIGIN).get(JOB_PATH).query(true).delay(10_000).reply(200, {})
    const controller = new AbortController()
    const { http } = portalHttp({ signal: controller.signal, requestTimeoutMs: 30_000 })
    const started = Date.now()
    setTimeout(() => controller.abort(), 50)
    await expect(http.request(jobRequest)).rejects.toBeInstanceOf(CancelledError)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('rejects with CancelledError promptly while backing off', async () => {
    // The server asks for 20 s (the deadline leaves 60 s); the run is cancelled 50 ms into that wait.
    const controller = new AbortController()
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .query(true)
      .times(5)
      .reply(
        503,
        () => {
          setTimeout(() => controller.abort(), 50)
          return 'busy'
        },
        { 'Retry-After': '20' }
      )
    const seen = recordRequests(scope)
    const { http, logger } = portalHttp({ signal: controller.signal, random: () => 1 })
    const started = Date.now()
    await expect(http.request(jobRequest)).rejects.toBeInstanceOf(CancelledError)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(seen).toHaveLength(1)
    expect(logger.debugs()).toContain('GET admin/jobs/j1: attempt 1 failed; next in 20000 ms')
  })

  it('sends nothing when the run is already cancelled', async () => {
    const scope = nock(ORIGIN).post(REFRESH_PATH).reply(200, submitted)
    const controller = new AbortController()
    controller.abort()
    const { http } = portalHttp({ signal: controller.signal })
    await expect(http.request(refreshRequest)).rejects.toBeInstanceOf(CancelledError)
    expect(scope.isDone()).toBe(false)
  })
})

describe('probes of URLs the user gave (verify-url)', () => {
  const referer = (): TokenSource => ({
    token: async () => TOKEN,
    renew: async () => false,
    headers: () => ({ Referer: ORIGIN })
  })

  it('sends a URL on another origin no credentials at all, and answers its status', async () => {
    const { http } = portalHttp({}, referer())
    const scope = nock('https://apps.example.com')
    const seen = recordRequests(scope)
    scope.get('/health').query({ deep: '1' }).reply(503, '<html><title>Down</title></html>')
    await expect(http.probe('https://apps.example.com/health?deep=1')).resolves.toEqual({
      status: 503,
      excerpt: 'Down',
      withToken: false
    })
    expect(seen).toHaveLength(1)
    expect(seen[0].url.search).toBe('?deep=1')
    expect(seen[0].headers['x-esri-authorization']).toBeUndefined()
    expect(seen[0].headers.authorization).toBeUndefined()
    expect(seen[0].headers.referer).toBeUndefined()
    expect(JSON.stringify(seen[0])).not.toContain(TOKEN)
  })

  it('sends a URL on the portal origin the token in the header, with the headers that go with it', async () => {
    const { http } = portalHttp({}, referer())
    const scope = nock(ORIGIN)
    const seen = recordRequests(scope)
    scope.get('/arcgis/home/index.html').reply(200, 'ok')
    await expect(http.probe(`${PORTAL}/home/index.html`)).resolves.toEqual({
      status: 200,
      excerpt: 'ok',
      withToken: true
    })
    expect(seen[0].headers['x-esri-authorization']).toBe(`Bearer ${TOKEN}`)
    expect(seen[0].headers.referer).toBe(ORIGIN)
    expect(seen[0].url.search).toBe('')
  })

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const { http } = portalHttp()
    const scope = nock('https://apps.example.com')
      .get('/app')
      .reply(302, '', { Location: 'https://login.example.com/sso' })
    const elsewhere = nock('https://login.example.com').get('/sso').reply(200, 'signed in')
    await expect(http.probe('https://apps.example.com/app')).resolves.toEqual({
      status: 302,
      excerpt: '',
      withToken: false
    })
    scope.done()
    expect(elsewhere.isDone()).toBe(false)
  })

  it('redacts secrets from what it reports of the body', async () => {
    const { http } = portalHttp()
    nock('https://apps.example.com').get('/echo').reply(500, `token was ${TOKEN}`)
    await expect(http.probe('https://apps.example.com/echo')).resolves.toEqual({
      status: 500,
      excerpt: 'token was ***',
      withToken: false
    })
  })

  it('renews a refused token once and asks again, then answers what the portal said', async () => {
    const tokens = ['old', 'new']
    const renewals: string[] = []
    const source: TokenSource = {
      token: async () => tokens[renewals.length],
      renew: async (refused) => (renewals.push(refused), true),
      headers: () => ({})
    }
    const { http } = portalHttp({}, source)
    const scope = nock(ORIGIN)
    const seen = recordRequests(scope)
    scope.get('/arcgis/home/').times(3).reply(498, 'Invalid token')
    await expect(http.probe(`${PORTAL}/home/`)).resolves.toEqual({
      status: 498,
      excerpt: 'Invalid token',
      withToken: true
    })
    expect(renewals).toEqual(['old'])
    expect(seen.map((request) => request.headers['x-esri-authorization'])).toEqual([
      'Bearer old',
      'Bearer new'
    ])
  })

  it('fails with the network error when nothing answers', async () => {
    const { http } = portalHttp()
    nock('https://apps.example.com')
      .get('/health')
      .replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED'))
    const error = await failure(http.probe('https://apps.example.com/health'))
    expect(error.kind).toBe('network')
    expect(error.message).toContain(
      'GET https://apps.example.com/health failed: connection failed (ECONNREFUSED)'
    )
  })
})
