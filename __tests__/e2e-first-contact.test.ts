// The built action's first contact with a portal, against the emulator and its dead ends: a portal the runner cannot
// reach fails within the first contact's budget as a failure naming the host and the likely causes; a page instead
// of the admin API, and a classic ArcGIS Enterprise, fail at once naming the fix; a blip is ridden out; a token
// minted for the portal's referer works.
import { describe, expect, it } from '@jest/globals'
import { startSilentServer } from '../emulator/dead-ends.ts'
import { scenarios, type Emulator } from '../emulator/server.ts'
import {
  failureOf,
  quickClock,
  requestsTo,
  run,
  stepInputs,
  useRefusingPortals,
  withEmulator
} from './support/e2e.ts'

const refusingPortalUrl = useRefusingPortals()

const credentials = { token: '', username: 'admin', password: 'emulator-password' }

// These portals are IP addresses, which have no name to resolve: no DNS cause (first-contact.test.ts has a host name).
const LIKELY_CAUSES = [
  "- the runner cannot reach that network: GitHub-hosted runners cannot reach private networks; run this job on a self-hosted runner inside the portal's network",
  expect.stringMatching(
    /^- a firewall between the runner and \S+ drops or refuses the connection$/
  ),
  '- a proxy: no proxy is set; if the network requires one, set HTTPS_PROXY (and NO_PROXY for hosts reached directly) in the environment'
]

const adminRootRequests = (emulator: Emulator) =>
  emulator.requests.filter((request) => request.path === '/arcgis/admin')

describe('a portal the runner cannot reach', () => {
  it('fails within the first contact as a failure, not a timeout, naming the host and the likely causes', async () => {
    const portalUrl = await refusingPortalUrl()
    const host = new URL(portalUrl).host
    const result = await run({
      'portal-url': portalUrl,
      token: 'a-token-from-a-ci-secret',
      'deployment-id': 'pq3tbhwamxr8e0cd2uyzn',
      timeout: '5s'
    })

    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': '' })
    const [first, ...causes] = failureOf(result).split('\n')
    expect(first).toMatch(
      new RegExp(
        `^Could not reach the portal at ${host} within 5s \\(reading the admin API version: connection failed \\(ECONNREFUSED\\).*\\); nothing was restarted\\. Likely causes:$`
      )
    )
    expect(causes).toEqual(LIKELY_CAUSES)
    expect(failureOf(result)).not.toContain('did not finish before the timeout')
    // A few quick retries rode out a blip first, and said so once.
    expect(result.stdout.match(/trying again for up to /g)).toHaveLength(1)
    expect(result.summary).toContain(`Could not reach the portal at ${host}`)
    expect(result.durationMs).toBeLessThan(30_000)
  })

  it('gives up on a portal that never answers, generating the token, within the first contact', async () => {
    const silent = await startSilentServer()
    try {
      const host = new URL(silent.portalUrl).host
      const result = await run({
        'portal-url': silent.portalUrl,
        ...credentials,
        'deployment-id': 'pq3tbhwamxr8e0cd2uyzn',
        timeout: '4s',
        'request-timeout': '1s'
      })

      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': '' })
      const [first, ...causes] = failureOf(result).split('\n')
      expect(first).toMatch(
        new RegExp(
          `^Could not reach the portal at ${host} within 4s \\(generateToken for user "admin": no answer in time.*\\); nothing was restarted\\. Likely causes:$`
        )
      )
      expect(causes).toEqual(LIKELY_CAUSES)
      expect(silent.connections).toBeGreaterThanOrEqual(2)
      expect(result.durationMs).toBeLessThan(30_000)
    } finally {
      await silent.close()
    }
  })

  it('names the proxy the requests went through', async () => {
    // The portal is never contacted: only the proxy, which refuses.
    const portalUrl = 'https://portal.test:8443/arcgis'
    const proxy = new URL(await refusingPortalUrl()).host
    const result = await run(
      {
        'portal-url': portalUrl,
        token: 'a-token-from-a-ci-secret',
        'deployment-id': 'pq3tbhwamxr8e0cd2uyzn',
        timeout: '3s'
      },
      { env: { HTTPS_PROXY: `http://user:secret@${proxy}` } }
    )

    expect(result.outputs.outcome).toBe('failure')
    const failure = failureOf(result)
    expect(failure).toMatch(/^Could not reach the portal at portal\.test:\d+ within 3s/)
    expect(failure).toContain(
      `- a proxy: the requests go through ${proxy} (HTTPS_PROXY); if the portal must be reached directly, add its host to NO_PROXY`
    )
    expect(failure).not.toContain('secret')
  })

  it('rides out a blip of the first contact', () =>
    withEmulator(
      { ...quickClock, faults: [{ method: 'GET', path: /\/admin$/, times: 2, destroy: true }] },
      async (emulator) => {
        const result = await run(stepInputs(emulator))

        expect(result.exitCode).toBe(0)
        expect(result.outputs.outcome).toBe('success')
        expect(adminRootRequests(emulator)).toHaveLength(3)
        expect(result.stdout).toMatch(
          /reading the admin API version: .*; trying again for up to \d+s/
        )
      }
    ))
})

describe('a page instead of the admin API', () => {
  it('fails at once, with the portal-url hint, when the admin root answers a page with HTTP 200', () =>
    withEmulator(scenarios['sign-in-gateway'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': '' })
      expect(failureOf(result)).toBe(
        "reading the admin API version: HTTP 200 with a non-JSON answer (Sign in - Example Corp SSO): a page answered, not the ArcGIS REST API (a single sign-on gateway, a web app or the portal's home page answer like this). portal-url must be the URL of the portal that serves the ArcGIS REST API, https://host/<context> (for example https://gis.example.com/arcgis)."
      )
      expect(emulator.requests).toHaveLength(1)
    }))

  it('fails at once when generateToken answers a page', () =>
    withEmulator(scenarios['sign-in-gateway'], async (emulator) => {
      const result = await run(stepInputs(emulator, credentials))

      expect(result.outputs.outcome).toBe('failure')
      expect(failureOf(result)).toMatch(
        /^generateToken for user "admin": HTTP 200 with a non-JSON answer \(Sign in - Example Corp SSO\): a page answered, not the ArcGIS REST API .* portal-url must be/
      )
      expect(requestsTo(emulator, 'POST', 'generateToken')).toHaveLength(1)
      expect(emulator.requests).toHaveLength(1)
    }))
})

describe('a classic ArcGIS Enterprise', () => {
  const NOT_KUBERNETES =
    'Only ArcGIS Enterprise on Kubernetes has deployments to restart (its admin API has system/deployments); a classic ArcGIS Enterprise (ArcGIS Server, Portal for ArcGIS on Windows or Linux) has none. Check portal-url.'

  it('says from the admin root that the action works with ArcGIS Enterprise on Kubernetes, and restarts nothing', () =>
    withEmulator(scenarios['classic-server'], async (emulator) => {
      const result = await run(stepInputs(emulator))

      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': '' })
      expect(failureOf(result)).toBe(
        `${emulator.portalUrl} is not ArcGIS Enterprise on Kubernetes: its admin root lists machines, clusters, system, services, security, data, uploads, logs, mode, usagereports but no system deployments. ${NOT_KUBERNETES}`
      )
      expect(emulator.requests.map((request) => request.path)).toEqual(['/arcgis/admin'])
    }))

  describe('when the admin root does not list its resources', () => {
    const classicBehindAPlainRoot = {
      ...scenarios['classic-server'],
      faults: [{ method: 'GET', path: /\/admin$/, body: { currentVersion: 11.3 } }]
    }

    it('says that an unknown deployment id may mean a classic ArcGIS Enterprise, instead of a bare 404', () =>
      withEmulator(classicBehindAPlainRoot, async (emulator) => {
        const result = await run(stepInputs(emulator))

        expect(result.exitCode).toBe(1)
        const failure = failureOf(result)
        expect(failure).toMatch(
          /^deployment-id "pq3tbhwamxr8e0cd2uyzn" is not a deployment id \(ArcGIS error 404: .*\), and deployment names cannot be looked up: The server lists its deployments neither way: /
        )
        expect(failure).toMatch(
          /A classic ArcGIS Enterprise \(ArcGIS Server, Portal for ArcGIS on Windows or Linux\) has no deployments: only ArcGIS Enterprise on Kubernetes has deployments to restart\.$/
        )
        expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(0)
      }))

    it('says that a service without a deployment is on a classic ArcGIS Enterprise', () =>
      withEmulator(classicBehindAPlainRoot, async (emulator) => {
        const result = await run(
          stepInputs(emulator, { 'deployment-id': '', service: 'Hosted/Parcels.FeatureServer' })
        )

        expect(result.exitCode).toBe(1)
        const failure = failureOf(result)
        expect(failure).toMatch(
          new RegExp(
            `^${emulator.portalUrl} is not ArcGIS Enterprise on Kubernetes: service Hosted/Parcels\\.FeatureServer names no deployment, and the server lists its deployments neither way: `
          )
        )
        expect(failure.endsWith(NOT_KUBERNETES)).toBe(true)
        expect(requestsTo(emulator, 'POST', '/refresh')).toHaveLength(0)
      }))
  })
})

describe('a token minted with client=referer for the portal', () => {
  it('is sent with the portal origin as Referer on every request, and works', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(stepInputs(emulator, { token: emulator.refererToken }))

      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ outcome: 'success', 'job-status': 'COMPLETED' })
      expect(emulator.requests.length).toBeGreaterThan(3)
      for (const request of emulator.requests) expect(request.headers.referer).toBe(emulator.origin)
    }))
})
