import { describe, expect, it, jest } from '@jest/globals'
import nock from 'nock'
import { ArcGISAdminClient } from '../src/arcgis/admin-client.js'
import { FixedToken, GeneratedToken } from '../src/arcgis/auth.js'
import type { TokenSource } from '../src/arcgis/http.js'
import { ArcGISRequestError } from '../src/arcgis/request-error.js'
import { Deadline } from '../src/common/deadline.js'
import { firstContact, PortalUnusableError } from '../src/restart/first-contact.js'
import { recordRequests } from './support/nock-requests.js'
import { netError, ORIGIN, PORTAL, testPortalHttp, usePortalNock } from './support/portal-http.js'
import { recordingLogger } from './support/recording-logger.js'
import { text } from './support/server-texts.js'
import { INPUT_VOCABULARY } from '../src/common/vocabulary.js'

const ROOT = '/arcgis/admin'

function contact(
  timeoutMs = 60_000,
  tokens?: (http: ReturnType<typeof testPortalHttp>['http']) => TokenSource,
  url = PORTAL
) {
  const { http, logger } = testPortalHttp({ random: () => 0.05, portalUrl: url })
  const source = tokens ? tokens(http) : new FixedToken('t', ORIGIN)
  http.useTokens(source)
  const portal = { url, http, tokens: source, client: new ArcGISAdminClient(http) }
  return { run: () => firstContact(portal, timeoutMs, logger, INPUT_VOCABULARY), logger }
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('the first contact succeeded')
    },
    (error: unknown) => error as Error
  )
}

usePortalNock()

/**
 * The first contact on a fake clock (jest.useFakeTimers first), with a timeout of 15 minutes and requests allowed 30:
 * only its own minute can end a wait. `settled()` tells whether it has ended.
 */
function slowFirstContact() {
  const { http, logger } = testPortalHttp({
    deadline: new Deadline(15 * 60_000),
    requestTimeoutMs: 30 * 60_000
  })
  const tokens = new FixedToken('t', ORIGIN)
  http.useTokens(tokens)
  const portal = { url: PORTAL, http, tokens, client: new ArcGISAdminClient(http) }
  let settled = false
  const outcome = failure(firstContact(portal, 15 * 60_000, logger, INPUT_VOCABULARY)).finally(
    () => {
      settled = true
    }
  )
  return { outcome, settled: () => settled }
}

describe('firstContact', () => {
  it('returns the version of an ArcGIS Enterprise on Kubernetes admin root', async () => {
    nock(ORIGIN)
      .get(ROOT)
      .query(true)
      .reply(200, { fullVersion: '10.9.1', resources: ['orgs', 'logs', 'system', 'services'] })
    await expect(contact().run()).resolves.toEqual(text('10.9.1'))
  })

  it.each([
    [['machines', 'clusters', 'system', 'services', 'security', 'data', 'uploads', 'logs']],
    [['services', 'security', 'logs']]
  ])(
    'refuses an admin root that lists %j: not ArcGIS Enterprise on Kubernetes',
    async (resources) => {
      nock(ORIGIN).get(ROOT).query(true).reply(200, { fullVersion: '11.3', resources })
      const error = await failure(contact().run())
      expect(error).toBeInstanceOf(PortalUnusableError)
      expect(error.message).toBe(
        `${PORTAL} is not ArcGIS Enterprise on Kubernetes: its admin root lists ${resources.join(', ')} but no system deployments. Only ArcGIS Enterprise on Kubernetes has deployments to restart (its admin API has system/deployments); a classic ArcGIS Enterprise (ArcGIS Server, Portal for ArcGIS on Windows or Linux) has none. Check portal-url.`
      )
    }
  )

  it('fails at once on a page that answers 200, pointing at portal-url', async () => {
    const scope = nock(ORIGIN)
      .get(ROOT)
      .query(true)
      .reply(200, '<html><head><title>Sign In</title></head></html>')
    const seen = recordRequests(scope)
    const error = await failure(contact().run())
    expect(seen).toHaveLength(1)
    expect(error).toBeInstanceOf(PortalUnusableError)
    expect(error.message).toMatch(
      /^reading the admin API version: HTTP 200 with a non-JSON answer \(Sign In\): a page answered, not the ArcGIS REST API .*portal-url must be the URL of the portal that serves the ArcGIS REST API, https:\/\/host\/<context>/
    )
  })

  it('says so when generateToken answers with a page, too', async () => {
    nock(ORIGIN)
      .post('/arcgis/sharing/rest/generateToken')
      .reply(200, '<html><title>Okta</title></html>')
    const error = await failure(
      contact(
        60_000,
        (http) => new GeneratedToken(http, { username: 'a', password: 'p' }, 20, recordingLogger())
      ).run()
    )
    expect(error.message).toMatch(
      /^generateToken for user "a": HTTP 200 with a non-JSON answer \(Okta\): a page answered/
    )
  })

  it('names the missing admin API on a 404 page', async () => {
    nock(ORIGIN).get(ROOT).query(true).reply(404, '<html><title>404 Not Found</title></html>')
    const error = await failure(contact().run())
    expect(error.message).toMatch(
      /^reading the admin API version: HTTP 404 with a non-JSON answer \(404 Not Found\): there is no ArcGIS admin API under https:\/\/gis\.example\.com\/arcgis\. /
    )
  })

  it('gives up on an unreachable host within its budget, as a failure naming the host and the likely causes', async () => {
    nock(ORIGIN)
      .get(ROOT)
      .query(true)
      .replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:443'))
      .persist()
    const started = Date.now()
    const error = await failure(contact(3_000).run())
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(error).toBeInstanceOf(PortalUnusableError)
    const lines = error.message.split('\n')
    expect(lines[0]).toBe(
      'Could not reach the portal at gis.example.com within 3s (reading the admin API version: connection failed (ECONNREFUSED): connect ECONNREFUSED 10.0.0.5:443); nothing was restarted. Likely causes:'
    )
    expect(lines.slice(1)).toEqual([
      expect.stringContaining(
        'GitHub-hosted runners cannot reach private networks; run this job on a self-hosted runner'
      ),
      expect.stringMatching(/^- DNS: /),
      expect.stringMatching(/^- a firewall between the runner and gis\.example\.com/),
      expect.stringMatching(/^- a proxy: no proxy is set; .*HTTPS_PROXY.*NO_PROXY/)
    ])
  })

  it('says it could not reach a host with no address at once, without claiming to have waited', async () => {
    nock(ORIGIN)
      .get(ROOT)
      .query(true)
      .replyWithError(netError('ENOTFOUND', 'getaddrinfo ENOTFOUND gis.example.com'))
    const error = await failure(contact(3_000).run())
    expect(error).toBeInstanceOf(PortalUnusableError)
    expect(error.message.split('\n')[0]).toBe(
      'Could not reach the portal at gis.example.com (reading the admin API version: connection failed (ENOTFOUND): getaddrinfo ENOTFOUND gis.example.com); nothing was restarted. Likely causes:'
    )
  })

  it('has a minute at most, whatever the timeout', async () => {
    // A portal that never answers.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    try {
      nock(ORIGIN).get(ROOT).query(true).delay(3_600_000).reply(200, {})
      const { outcome, settled } = slowFirstContact()

      await jest.advanceTimersByTimeAsync(59_999)
      expect(settled()).toBe(false)
      await jest.advanceTimersByTimeAsync(1)
      expect(settled()).toBe(true)
      const error = await outcome
      expect(error).toBeInstanceOf(PortalUnusableError)
      expect(error.message).toContain(
        'Could not reach the portal at gis.example.com within 1m00s ('
      )
    } finally {
      jest.useRealTimers()
    }
  })

  it('passes a refused token on as it is, with its own hint', async () => {
    nock(ORIGIN)
      .get(ROOT)
      .query(true)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
    const error = await failure(contact().run())
    expect(error).toBeInstanceOf(ArcGISRequestError)
    expect(error.message).toContain('The token is invalid or expired')
  })

  it('goes on without a version when the admin root answers an ArcGIS error', async () => {
    nock(ORIGIN)
      .get(ROOT)
      .query(true)
      .reply(200, { status: 'error', messages: ['Unable to read the version.'], code: 500 })
    const { run, logger } = contact()
    await expect(run()).resolves.toBeUndefined()
    expect(logger.warnings()).toEqual([
      'The admin API did not tell its version (ArcGIS error 500: Unable to read the version. (HTTP 200)); going on without it.'
    ])
  })

  const notFound = (path: string) => ({
    status: 'error',
    messages: [`Could not find resource or operation '${path}' on the system.`],
    code: 404
  })

  it('stops when the admin root and the deployments answer 404 in ArcGIS JSON: no admin API under that context', async () => {
    nock(ORIGIN).get(ROOT).query(true).reply(200, notFound('/arcgis/admin'))
    nock(ORIGIN)
      .get(`${ROOT}/system/deployments`)
      .query(true)
      .reply(200, notFound('/arcgis/admin/system/deployments'))
    nock(ORIGIN)
      .post(`${ROOT}/system/deployments/findDeploymentIds`)
      .reply(200, notFound('/arcgis/admin/system/deployments/findDeploymentIds'))
    const { run, logger } = contact()
    const error = await failure(run())
    expect(error).toBeInstanceOf(PortalUnusableError)
    expect(error.message).toBe(
      "reading the admin API version: ArcGIS error 404: Could not find resource or operation '/arcgis/admin' on the system. (HTTP 200): there is no ArcGIS admin API under https://gis.example.com/arcgis. portal-url must be the URL of the portal that serves the ArcGIS REST API, https://host/<context> (for example https://gis.example.com/arcgis), of ArcGIS Enterprise on Kubernetes."
    )
    expect(logger.warnings()).toEqual([])
  })

  it('looks for the deployments after a 404 of the admin root within the same minute', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    try {
      nock(ORIGIN).get(ROOT).query(true).reply(200, notFound('/arcgis/admin'))
      nock(ORIGIN).get(`${ROOT}/system/deployments`).query(true).delay(3_600_000).reply(200, {})
      const { outcome, settled } = slowFirstContact()

      for (let second = 0; second < 60 && !settled(); second++)
        await jest.advanceTimersByTimeAsync(1_000)
      expect(settled()).toBe(true)
      expect((await outcome).message).toMatch(
        /^Could not reach the portal at gis\.example\.com within 1m00s \(listing deployments: no answer in time/
      )
    } finally {
      jest.useRealTimers()
    }
  })

  it('goes on when only the admin root answers 404: the deployments are there', async () => {
    nock(ORIGIN).get(ROOT).query(true).reply(200, notFound('/arcgis/admin'))
    nock(ORIGIN)
      .get(`${ROOT}/system/deployments`)
      .query(true)
      .reply(200, { deployments: [{ deploymentId: 'd1', name: 'a-mapserver' }] })
    const { run, logger } = contact()
    await expect(run()).resolves.toBeUndefined()
    expect(logger.warnings()).toEqual([
      "The admin API did not tell its version (ArcGIS error 404: Could not find resource or operation '/arcgis/admin' on the system. (HTTP 200)); going on without it."
    ])
  })

  it('stops with the missing context when the admin root of a URL without one answers 404', async () => {
    nock(ORIGIN).get('/admin').query(true).reply(200, notFound('/admin'))
    nock(ORIGIN)
      .get('/admin/system/deployments')
      .query(true)
      .reply(200, notFound('/admin/system/deployments'))
    nock(ORIGIN)
      .post('/admin/system/deployments/findDeploymentIds')
      .reply(200, notFound('/admin/system/deployments/findDeploymentIds'))
    const { run, logger } = contact(60_000, undefined, ORIGIN)
    const error = await failure(run())
    expect(error).toBeInstanceOf(PortalUnusableError)
    expect(error.message).toBe(
      `reading the admin API version: ArcGIS error 404: Could not find resource or operation '/admin' on the system. (HTTP 200). ${ORIGIN} names no context: the portal is usually at ${ORIGIN}/arcgis or ${ORIGIN}/portal. portal-url must be the URL of the portal that serves the ArcGIS REST API, https://host/<context> (for example https://gis.example.com/arcgis).`
    )
    expect(logger.warnings()).toEqual([])
  })
})
