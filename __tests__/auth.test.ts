import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import nock from 'nock'
import { FixedToken, GeneratedToken, tokenSourceFor } from '../src/arcgis/auth.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import type { PortalHttp } from '../src/arcgis/http.js'
import { recordRequests } from './support/nock-requests.js'
import { disposeTestClients, ORIGIN, testPortalHttp } from './support/portal-http.js'
import { recordingLogger } from './support/recording-logger.js'

const GENERATE_PATH = '/arcgis/sharing/rest/generateToken'
const credentials = { username: 'admin', password: 'pa55-w0rd!' }
const MINUTE = 60_000

function setUp() {
  const mask = jest.fn<(secret: string) => void>()
  const { http, secrets, logger } = testPortalHttp({ mask, secrets: [credentials.password] })
  return { http, mask, secrets, logger }
}

const readRoot = (http: PortalHttp) =>
  http.request({
    operation: 'reading the admin API version',
    method: 'GET',
    path: 'admin',
    retry: 'idempotent',
    authenticated: true
  })

beforeEach(() => nock.disableNetConnect())
afterEach(() => {
  disposeTestClients()
  nock.cleanAll()
  nock.enableNetConnect()
})
// Each test file loads its own nock: unhook it from node:http so that it cannot catch the next file's requests.
afterAll(() => nock.restore())

describe('FixedToken', () => {
  it('gives its token, cannot renew it and sends the portal origin as Referer', async () => {
    const source = new FixedToken('abc', 'https://gis.example.com')
    await expect(source.token()).resolves.toBe('abc')
    await expect(source.renew()).resolves.toBe(false)
    expect(source.headers()).toEqual({ Referer: 'https://gis.example.com' })
  })
})

describe('tokenSourceFor', () => {
  it('uses a given token as is', async () => {
    const { http } = setUp()
    const source = tokenSourceFor({ kind: 'token', token: 't' }, http, MINUTE, recordingLogger())
    expect(source).toBeInstanceOf(FixedToken)
    await expect(source.token()).resolves.toBe('t')
  })

  it.each([
    [15 * MINUTE, '20'],
    [90_000, '7'],
    [61 * MINUTE, '66'],
    [1_000, '6']
  ])(
    'asks generateToken for a token that outlives a %d ms timeout (%s minutes)',
    async (timeoutMs, minutes) => {
      const scope = nock(ORIGIN)
        .post(GENERATE_PATH)
        .reply(200, { token: 'gen-1', expires: Date.now() + 3_600_000 })
      const seen = recordRequests(scope)
      const { http } = setUp()
      const source = tokenSourceFor(
        { kind: 'password', ...credentials },
        http,
        timeoutMs,
        recordingLogger()
      )
      expect(source).toBeInstanceOf(GeneratedToken)
      await expect(source.token()).resolves.toBe('gen-1')
      expect(seen[0].form.expiration).toBe(minutes)
      expect(Number(seen[0].form.expiration) * MINUTE).toBeGreaterThanOrEqual(timeoutMs)
    }
  )
})

describe('GeneratedToken', () => {
  it('posts username, password, client=referer, referer, expiration and f=json to generateToken', async () => {
    const scope = nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires: Date.now() + 3_600_000, ssl: true })
    const seen = recordRequests(scope)
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 20, recordingLogger())
    await expect(source.token()).resolves.toBe('gen-1')
    scope.done()
    expect(seen).toHaveLength(1)
    expect(seen[0].method).toBe('POST')
    expect(seen[0].url.href).toBe(`${ORIGIN}${GENERATE_PATH}`)
    expect(seen[0].url.search).toBe('')
    expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(seen[0].form).toEqual({
      username: 'admin',
      password: 'pa55-w0rd!',
      client: 'referer',
      referer: ORIGIN,
      expiration: '20',
      f: 'json'
    })
    expect(seen[0].headers['x-esri-authorization']).toBeUndefined()
  })

  it('sends the referer it asked for as the Referer header on every later request', async () => {
    const tokenScope = nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires: Date.now() + 3_600_000 })
    const generated = recordRequests(tokenScope)
    const api = nock(ORIGIN)
      .get('/arcgis/admin')
      .query({ f: 'json' })
      .twice()
      .reply(200, { fullVersion: '11.3' })
    const seen = recordRequests(api)
    const { http } = setUp()
    http.useTokens(new GeneratedToken(http, credentials, 20, recordingLogger()))
    await readRoot(http)
    await readRoot(http)
    api.done()
    expect(seen.map((request) => request.headers.referer)).toEqual([
      generated[0].form.referer,
      generated[0].form.referer
    ])
    expect(seen.map((request) => request.headers['x-esri-authorization'])).toEqual([
      'Bearer gen-1',
      'Bearer gen-1'
    ])
    expect(generated).toHaveLength(1)
  })

  it('registers each generated token as a secret, so it is masked and redacted', async () => {
    nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires: Date.now() + 3_600_000 })
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-2', expires: Date.now() + 3_600_000 })
    const { http, mask, secrets } = setUp()
    const source = new GeneratedToken(http, credentials, 20, recordingLogger())
    await source.token()
    await expect(source.renew('gen-1')).resolves.toBe(true)
    expect(mask.mock.calls).toEqual([[credentials.password], ['gen-1'], ['gen-2']])
    expect(secrets.redact('gen-1 gen-2')).toBe('*** ***')
  })

  it('keeps its token until shortly before it expires, then generates a new one', async () => {
    let now = 1_000_000
    const expires = now + 60 * MINUTE
    const scope = nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires })
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-2', expires: expires + 60 * MINUTE })
    const seen = recordRequests(scope)
    const { http } = setUp()
    const logger = recordingLogger()
    const source = new GeneratedToken(http, credentials, 60, logger, () => now)
    await expect(source.token()).resolves.toBe('gen-1')
    now = expires - 2 * MINUTE
    await expect(source.token()).resolves.toBe('gen-1')
    expect(seen).toHaveLength(1)
    now = expires - 30_000
    await expect(source.token()).resolves.toBe('gen-2')
    expect(seen).toHaveLength(2)
    expect(logger.infos()).toEqual(['The token is about to expire; generating a new one.'])
  })

  it('renews a short-lived token a fifth of its life before it expires', async () => {
    let now = 1_000_000
    const expires = now + 100_000
    nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires })
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-2', expires: expires + 100_000 })
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 2, recordingLogger(), () => now)
    await source.token()
    now = expires - 21_000
    await expect(source.token()).resolves.toBe('gen-1')
    now = expires - 20_000
    await expect(source.token()).resolves.toBe('gen-2')
  })

  it('renews a refused token once, even when several requests saw it refused', async () => {
    const scope = nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires: Date.now() + 3_600_000 })
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-2', expires: Date.now() + 3_600_000 })
    const seen = recordRequests(scope)
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 20, recordingLogger())
    await source.token()
    await Promise.all([source.renew('gen-1'), source.renew('gen-1')])
    // A request that saw the old token refused after the renewal does not renew again.
    await expect(source.renew('gen-1')).resolves.toBe(true)
    await expect(source.token()).resolves.toBe('gen-2')
    expect(seen).toHaveLength(2)
  })

  it('shares one generateToken between requests that need a token at once', async () => {
    const scope = nock(ORIGIN)
      .post(GENERATE_PATH)
      .delay(50)
      .reply(200, { token: 'gen-1', expires: Date.now() + 3_600_000 })
    const seen = recordRequests(scope)
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 20, recordingLogger())
    await expect(Promise.all([source.token(), source.token(), source.token()])).resolves.toEqual([
      'gen-1',
      'gen-1',
      'gen-1'
    ])
    expect(seen).toHaveLength(1)
  })

  it('reads expires given as a numeric string', async () => {
    let now = 1_000_000
    const expires = now + 60 * MINUTE
    const scope = nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires: String(expires) })
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-2', expires: String(expires + 60 * MINUTE) })
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 60, recordingLogger(), () => now)
    await source.token()
    now = expires - 1_000
    await expect(source.token()).resolves.toBe('gen-2')
    scope.done()
  })

  it('keeps a token without expires for the whole run', async () => {
    let now = 0
    const scope = nock(ORIGIN).post(GENERATE_PATH).reply(200, { token: 'gen-1' })
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 20, recordingLogger(), () => now)
    await source.token()
    now = 10 * 24 * 3_600_000
    await expect(source.token()).resolves.toBe('gen-1')
    scope.done()
  })

  it('gets a fresh token and retries once when the server refuses the current one (498)', async () => {
    const tokens = nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-1', expires: Date.now() + 3_600_000 })
      .post(GENERATE_PATH)
      .reply(200, { token: 'gen-2', expires: Date.now() + 3_600_000 })
    const generated = recordRequests(tokens)
    const api = nock(ORIGIN)
      .get('/arcgis/admin')
      .query(true)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
      .get('/arcgis/admin')
      .query(true)
      .reply(200, { fullVersion: '11.3' })
    const seen = recordRequests(api)
    const { http } = setUp()
    http.useTokens(new GeneratedToken(http, credentials, 20, recordingLogger()))
    await expect(readRoot(http)).resolves.toEqual({ fullVersion: '11.3' })
    expect(generated).toHaveLength(2)
    expect(seen.map((request) => request.headers['x-esri-authorization'])).toEqual([
      'Bearer gen-1',
      'Bearer gen-2'
    ])
  })

  it('fails with the server message on bad credentials, without the password', async () => {
    nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, {
        error: {
          code: 400,
          message: 'Unable to generate token.',
          details: ['Invalid username or password.']
        }
      })
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 20, recordingLogger())
    const error = await source.token().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ArcGISRequestError)
    expect((error as Error).message).toBe(
      'generateToken for user "admin" failed: ArcGIS error 400: Unable to generate token. Invalid username or password. (HTTP 200).'
    )
    expect((error as Error).message).not.toContain(credentials.password)
  })

  it('redacts the password if the server echoes it', async () => {
    nock(ORIGIN)
      .post(GENERATE_PATH)
      .reply(200, { error: { code: 400, message: `Bad password ${credentials.password}` } })
    const { http } = setUp()
    const source = new GeneratedToken(http, credentials, 20, recordingLogger())
    await expect(source.token()).rejects.toThrow('Bad password ***')
  })

  it.each([{}, { token: '' }, { token: 42 }])(
    'fails when generateToken answers %j',
    async (answer) => {
      nock(ORIGIN).post(GENERATE_PATH).reply(200, answer)
      const { http } = setUp()
      const source = new GeneratedToken(http, credentials, 20, recordingLogger())
      await expect(source.token()).rejects.toThrow(
        'generateToken for user "admin" answered without a token'
      )
    }
  )
})
