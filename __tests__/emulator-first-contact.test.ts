// The emulator's portals that go wrong at the first contact, checked over real sockets: a port that refuses, a
// server that never answers, a sign-in gateway, a classic ArcGIS Server, and a pre-issued referer-bound token.
import { afterEach, describe, expect, it } from '@jest/globals'
import { connect, createServer } from 'node:net'
import { startRefusingPortal, startSilentServer } from '../emulator/dead-ends.ts'
import {
  scenarios,
  startEmulator,
  type Emulator,
  type EmulatorOptions
} from '../emulator/server.ts'

const running: Array<{ close(): Promise<void> }> = []
async function emulate(options: EmulatorOptions): Promise<Emulator> {
  const emulator = await startEmulator(options)
  running.push(emulator)
  return emulator
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** What connecting to host:port comes to: 'refused', 'answered' or 'silent' (nothing within `waitMs`). */
function probe(url: string, waitMs: number): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''))
    const timer = setTimeout(() => {
      socket.destroy()
      resolve('silent')
    }, waitMs)
    socket.on('connect', () => socket.write('GET /arcgis/admin?f=json HTTP/1.1\r\nHost: x\r\n\r\n'))
    socket.on('data', () => {
      clearTimeout(timer)
      socket.destroy()
      resolve('answered')
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : String(error.code))
    })
  })
}

/** The error code of listening on host:port, or 'listened' (and closed again). */
function bindError(port: number, host: string): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (error: NodeJS.ErrnoException) => resolve(String(error.code)))
    server.listen(port, host, () => server.close(() => resolve('listened')))
  })
}

describe('dead ends', () => {
  it('gives the URL of a port that refuses connections, and holds the port while it is open', async () => {
    const refusing = await startRefusingPortal()
    running.push(refusing)
    const url = refusing.portalUrl
    expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/arcgis$/)
    await expect(probe(url, 2_000)).resolves.toBe('refused')
    // No other server (an emulator of another test file, a wildcard bind) can take its port and answer.
    const port = Number(new URL(url).port)
    for (const host of ['127.0.0.1', '0.0.0.0']) {
      await expect(bindError(port, host)).resolves.toBe('EADDRINUSE')
    }
  })

  it('runs a server that accepts connections and never answers', async () => {
    const silent = await startSilentServer()
    running.push(silent)
    await expect(probe(silent.portalUrl, 500)).resolves.toBe('silent')
    expect(silent.connections).toBe(1)
  })
})

describe('a single sign-on gateway', () => {
  it('answers every request, the admin root and generateToken too, with its sign-in page and HTTP 200', async () => {
    const emulator = await emulate(scenarios['sign-in-gateway'])
    for (const response of [
      await fetch(`${emulator.portalUrl}/admin?f=json`),
      await fetch(`${emulator.portalUrl}/sharing/rest/generateToken`, { method: 'POST' })
    ]) {
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await response.text()).toContain('<title>Sign in')
    }
  })
})

describe('a classic ArcGIS Server', () => {
  it('lists machines and clusters at its admin root, and has no deployments nor jobs', async () => {
    const emulator = await emulate(scenarios['classic-server'])
    const token = `token=${emulator.token}`
    const root = await getJson(`${emulator.portalUrl}/admin?f=json&${token}`)
    expect(root.body).toEqual({
      resources: expect.arrayContaining(['machines', 'clusters', 'system', 'services']),
      currentVersion: 11.3,
      fullVersion: '11.3'
    })
    for (const path of [
      'admin/system/deployments',
      `admin/system/deployments/${emulator.deploymentIds[0]}`,
      'admin/jobs/j1'
    ]) {
      const answer = await getJson(`${emulator.portalUrl}/${path}?f=json&${token}`)
      expect(answer.body).toMatchObject({ status: 'error', code: 404 })
    }
  })

  it('describes a service without a deploymentId', async () => {
    const emulator = await emulate(scenarios['classic-server'])
    const answer = await getJson(
      `${emulator.portalUrl}/admin/services/Hosted/Parcels.FeatureServer?f=json&token=${emulator.token}`
    )
    expect(answer.body).toEqual({
      serviceName: 'Parcels',
      type: 'FeatureServer',
      folderName: 'Hosted',
      description: ''
    })
  })
})

describe('the pre-issued referer-bound token', () => {
  it('is accepted with the Referer of the emulator origin only', async () => {
    const emulator = await emulate(scenarios.success)
    const url = `${emulator.portalUrl}/admin?f=json&token=${emulator.refererToken}`
    expect((await getJson(url, { Referer: emulator.origin })).body).toMatchObject({
      fullVersion: '11.4'
    })
    for (const headers of [{}, { Referer: 'https://elsewhere.example' }] as Record<
      string,
      string
    >[]) {
      expect((await getJson(url, headers)).body).toMatchObject({ error: { code: 498 } })
    }
    // The token not bound to a referer needs none.
    expect(
      (await getJson(`${emulator.portalUrl}/admin?f=json&token=${emulator.token}`)).body
    ).toMatchObject({ fullVersion: '11.4' })
  })
})
