import { describe, expect, it } from '@jest/globals'
import type { Deployment, DeploymentStatus } from '../src/arcgis/answers.js'
import type { ServiceRef } from '../src/arcgis/service-ref.js'
import { Deadline } from '../src/common/deadline.js'
import {
  allowedUnhealthy,
  brakeReason,
  checkHealth,
  HealthCheckError,
  podsProblem,
  type HealthVerdict
} from '../src/restart/health.js'
import type { Target } from '../src/restart/targets.js'
import type { Checks } from '../src/restart/verify.js'
import { fakeClient, ready } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'
import { serviceRef, text } from './support/server-texts.js'
import nock from 'nock'
import { ArcGISAdminClient } from '../src/arcgis/admin-client.js'
import { FixedToken } from '../src/arcgis/auth.js'
import { ORIGIN, testPortalHttp, usePortalNock } from './support/portal-http.js'
import { INPUT_VOCABULARY } from '../src/common/vocabulary.js'

const target = (id: string, fields: Partial<Deployment> = {}): Target => ({
  deployment: { id, name: text(`${id}-mapserver`), ...fields },
  services: []
})
const verdict = (kind: HealthVerdict['verdict'], reason?: string): HealthVerdict => ({
  verdict: kind,
  pods: '1/1',
  services: 'answer',
  reason
})
const service: ServiceRef = serviceRef('Hosted/Parcels.FeatureServer')

describe('podsProblem (the verdict on a status)', () => {
  it.each<[DeploymentStatus, string | undefined]>([
    [ready, undefined],
    [{ currentState: 'started', readyReplicas: 2, totalReplicas: 2 }, undefined],
    [{ currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 }, '0/1 pods ready'],
    [{ currentState: 'STARTED', readyReplicas: 1, totalReplicas: 2 }, '1/2 pods ready'],
    [
      { currentState: 'FAILED', readyReplicas: 1, totalReplicas: 1 },
      'state FAILED, 1/1 pods ready'
    ],
    [
      { currentState: 'STARTING', readyReplicas: 0, totalReplicas: 1 },
      'state STARTING, 0/1 pods ready'
    ],
    // What a status does not say is not held against the deployment: a restart would not make it say more.
    [{ currentState: 'STARTED' }, undefined],
    [{ readyReplicas: 1, totalReplicas: 1 }, undefined]
  ])('%j: %s', (status, problem) => {
    expect(podsProblem(status)).toBe(problem)
  })
})

describe('allowedUnhealthy (the brake arithmetic)', () => {
  it.each([
    [{ percent: 50 }, 12, 6],
    [{ percent: 50 }, 3, 1],
    [{ percent: 50 }, 1, 1],
    [{ percent: 50 }, 0, 1],
    [{ percent: 10 }, 5, 1],
    [{ percent: 34 }, 3, 1],
    [{ percent: 100 }, 7, 7],
    [{ count: 3 }, 40, 3],
    [{ count: 3 }, 2, 3]
  ])('%j of %i checked lets %i through (never fewer than 1)', (max, checked, allowed) => {
    expect(allowedUnhealthy(max, checked)).toBe(allowed)
  })
})

describe('brakeReason', () => {
  const targets = ['a', 'b', 'c', 'd', 'e'].map((id) => target(id))

  it('lets as many unhealthy through as allowed, and counts only those checked (not the stopped)', () => {
    const verdicts = [
      verdict('unhealthy', '0/1 pods ready'),
      verdict('unhealthy', 'state FAILED, 1/1 pods ready'),
      verdict('healthy'),
      verdict('healthy'),
      verdict('stopped')
    ]
    // 50% of the 4 checked: 2.
    expect(brakeReason(targets, verdicts, { percent: 50 }, INPUT_VOCABULARY)).toBeUndefined()
    expect(brakeReason(targets, verdicts, { count: 2 }, INPUT_VOCABULARY)).toBeUndefined()
  })

  it('stops one more, saying why and naming each with what was wrong', () => {
    const verdicts = [
      verdict('unhealthy', '0/1 pods ready'),
      verdict('unhealthy', 'state FAILED, 1/1 pods ready'),
      verdict('unhealthy', 'Service X did not answer'),
      verdict('healthy'),
      verdict('stopped')
    ]
    expect(brakeReason(targets, verdicts, { percent: 50 }, INPUT_VOCABULARY)).toBe(
      [
        '3 of 4 deployments checked are unhealthy, more than max-unhealthy allows (50% of 4, so 2): nothing was restarted.',
        'So many at once looks like a platform problem (storage, the ingress, the cluster) rather than the microservices, and restarting them all would make it worse. Unhealthy:',
        '- a-mapserver (a): 0/1 pods ready',
        '- b-mapserver (b): state FAILED, 1/1 pods ready',
        '- c-mapserver (c): Service X did not answer'
      ].join('\n')
    )
    expect(brakeReason(targets, verdicts, { count: 2 }, INPUT_VOCABULARY)).toMatch(
      /^3 of 4 deployments checked are unhealthy, more than max-unhealthy allows \(2\)/
    )
  })

  it('always lets one through: a single broken deployment is healed', () => {
    expect(
      brakeReason([target('a')], [verdict('unhealthy', 'x')], { percent: 10 }, INPUT_VOCABULARY)
    ).toBeUndefined()
  })
})

describe('checkHealth', () => {
  const context = (client: ReturnType<typeof fakeClient>['asClient'], maxConcurrency = 1) => ({
    client,
    deadline: new Deadline(30_000),
    maxConcurrency,
    words: INPUT_VOCABULARY
  })
  const checks = (services: ServiceRef[] = [service]): Checks => ({ services, urls: [] })

  it('leaves a stopped deployment alone without reading its status, and judges the others on their pods', async () => {
    const { client, asClient } = fakeClient({
      statuses: [ready, { currentState: 'STARTED', readyReplicas: 0, totalReplicas: 2 }]
    })
    const verdicts = await checkHealth(
      [target('a'), target('s', { configuredState: 'STOPPED' }), target('b')],
      undefined,
      context(asClient),
      recordingLogger()
    )
    expect(verdicts).toEqual([
      { verdict: 'healthy', pods: '1/1', services: 'not checked' },
      {
        verdict: 'stopped',
        pods: '',
        services: '',
        reason: 'stopped by an administrator (configuredState STOPPED): left alone'
      },
      { verdict: 'unhealthy', pods: '0/2', services: 'not checked', reason: '0/2 pods ready' }
    ])
    expect(client.getDeploymentStatus.mock.calls.map(([id]) => id)).toEqual(['a', 'b'])
  })

  it('probes the services only when the pods are healthy, once when they answer at once', async () => {
    const { client, asClient } = fakeClient({
      statuses: [ready, { currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 }]
    })
    const verdicts = await checkHealth(
      [target('a'), target('b')],
      [checks(), checks()],
      context(asClient),
      recordingLogger()
    )
    expect(verdicts.map((each) => [each.verdict, each.services])).toEqual([
      ['healthy', 'answer'],
      ['unhealthy', 'not checked']
    ])
    expect(client.readServiceEndpoint).toHaveBeenCalledTimes(1)
  })

  it('says the services are unknown when the admin API does not say which they are', async () => {
    const { asClient } = fakeClient()
    const [only] = await checkHealth(
      [target('a')],
      [{ services: [], urls: [], servicesUnknown: 'the admin API lists no service running in it' }],
      context(asClient),
      recordingLogger()
    )
    expect(only).toEqual({ verdict: 'healthy', pods: '1/1', services: 'unknown' })
  })

  it('cannot be made with a refused token: that is no reason to restart', async () => {
    const { client, asClient } = fakeClient()
    client.probe.mockResolvedValue({ status: 403, excerpt: 'Forbidden', withToken: true })
    await expect(
      checkHealth(
        [target('a')],
        [{ services: [], urls: ['https://gis.example.com/app/'] }],
        context(asClient),
        recordingLogger()
      )
    ).rejects.toThrow(
      new HealthCheckError(
        "The health of a-mapserver (a) could not be checked: https://gis.example.com/app/ refused the request (HTTP 403 (Forbidden)) and would go on refusing it until the timeout, so the verification stopped. Likely causes: a token minted for another referer (set token-referer to the referer it was minted with) or for another IP address (client=ip or requestip), or a service the administrator's account cannot see. Nothing was restarted: a check that cannot be made is no reason to restart."
      )
    )
  })

  it('checks at most max-concurrency deployments at once', async () => {
    const { client, asClient } = fakeClient()
    let running = 0
    let most = 0
    client.getDeploymentStatus.mockImplementation(async () => {
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, 10))
      running -= 1
      return ready
    })
    const many = ['a', 'b', 'c', 'd', 'e'].map((id) => target(id))
    const verdicts = await checkHealth(many, undefined, context(asClient, 2), recordingLogger())
    expect(verdicts).toHaveLength(5)
    expect(most).toBe(2)
  })
})

describe('checkHealth against a service that does not answer', () => {
  usePortalNock()

  /**
   * The verdict on deployment `a`, whose pods are ready, from its `checks` over HTTP (nock) with a 30 s request
   * timeout, longer than any probe.
   */
  async function verdictOf(checks: Checks): Promise<HealthVerdict> {
    const { http } = testPortalHttp({
      requestTimeoutMs: 30_000,
      tokens: new FixedToken('a-token-0123456789', ORIGIN)
    })
    nock(ORIGIN)
      .get('/arcgis/admin/system/deployments/a/status')
      .query(true)
      .reply(200, { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 1 })
    const [verdict] = await checkHealth(
      [target('a')],
      [checks],
      {
        client: new ArcGISAdminClient(http),
        deadline: new Deadline(60_000),
        maxConcurrency: 1,
        words: INPUT_VOCABULARY
      },
      recordingLogger()
    )
    return verdict
  }

  /** How long the request that did not answer was allowed, as the verdict's reason tells. */
  const requestLimitMs = (verdict: HealthVerdict) =>
    Number(/no complete answer within (\d+) ms/.exec(verdict.reason ?? '')?.[1])

  it('gives up on the hanging request within the probe, not after the request timeout', async () => {
    nock(ORIGIN)
      .get('/arcgis/rest/services/Hosted/Parcels/FeatureServer')
      .query(true)
      .delay(60_000)
      .reply(200, {})
    const verdict = await verdictOf({ services: [service], urls: [] })
    expect(verdict).toMatchObject({ verdict: 'unhealthy', services: 'do not answer' })
    // The one request was cut at the probe's own 5 s: with the 30 s request timeout it would have said 30000 ms.
    expect(requestLimitMs(verdict)).toBeLessThanOrEqual(5_000)
  }, 20_000)

  it('gives up on a verify-url that does not answer within the probe too', async () => {
    nock('https://apps.example.com').get('/health').delay(60_000).reply(200, 'ok')
    const verdict = await verdictOf({ services: [], urls: ['https://apps.example.com/health'] })
    expect(verdict).toMatchObject({ verdict: 'unhealthy', services: 'do not answer' })
    expect(requestLimitMs(verdict)).toBeLessThanOrEqual(5_000)
  }, 20_000)

  it('gives each service its own probe: slow answers of one leave the next its time', async () => {
    nock(ORIGIN)
      .get('/arcgis/rest/services/Hosted/Parcels/FeatureServer')
      .query(true)
      .delay(3_500)
      .reply(200, {})
      .get('/arcgis/rest/services/Hosted/Roads/MapServer')
      .query(true)
      .delay(2_500)
      .reply(200, {})
    const verdict = await verdictOf({
      services: [service, serviceRef('Hosted/Roads.MapServer')],
      urls: []
    })
    // Within one 5 s for both, Roads would have had 1.5 s for an answer that takes 2.5 s.
    expect(verdict).toMatchObject({ verdict: 'healthy', services: 'answer' })
  }, 20_000)
})
