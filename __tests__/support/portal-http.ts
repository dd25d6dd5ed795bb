import { afterAll, afterEach, beforeEach } from '@jest/globals'
import nock from 'nock'
import { Deadline } from '../../src/common/deadline.js'
import { PortalHttp, type PortalHttpOptions, type TokenSource } from '../../src/arcgis/http.js'
import { Secrets } from '../../src/common/secrets.js'
import { recordingLogger, type RecordingLogger } from './recording-logger.js'
import { INPUT_VOCABULARY } from '../../src/common/vocabulary.js'

export const ORIGIN = 'https://gis.example.com'
export const PORTAL = `${ORIGIN}/arcgis`

export type TestPortalHttpOptions = Partial<Omit<PortalHttpOptions, 'logger' | 'secrets'>> & {
  /** Registered (and so masked) before the client is built. */
  secrets?: string[]
  /** What the Secrets call for each secret; nothing by default. */
  mask?: (secret: string) => void
  /** Handed to `useTokens` when given. */
  tokens?: TokenSource
}

export interface TestPortalHttp {
  http: PortalHttp
  logger: RecordingLogger
  secrets: Secrets
}

const clients: PortalHttp[] = []

/**
 * A PortalHttp on PORTAL with a recording logger, a 60 s deadline, 5 s requests and no backoff jitter, unless `options`
 * say otherwise. disposeTestClients() (in afterEach) disposes of every one built.
 */
export function testPortalHttp(options: TestPortalHttpOptions = {}): TestPortalHttp {
  const { secrets: values = [], mask = () => undefined, tokens, ...overrides } = options
  const secrets = new Secrets(mask)
  for (const value of values) secrets.add(value)
  const logger = recordingLogger()
  const http = new PortalHttp({
    portalUrl: PORTAL,
    logger,
    deadline: new Deadline(60_000),
    requestTimeoutMs: 5_000,
    secrets,
    random: () => 0,
    words: INPUT_VOCABULARY,
    ...overrides
  })
  if (tokens) http.useTokens(tokens)
  clients.push(http)
  return { http, logger, secrets }
}

/** Disposes of every client testPortalHttp built since the last call. */
export function disposeTestClients(): void {
  clients.splice(0).forEach((http) => http.dispose())
}

/**
 * The hooks of a test file whose PortalHttp clients talk to nock only: no real connection, every client disposed of
 * and every interceptor removed after each test.
 */
export function usePortalNock(): void {
  beforeEach(() => {
    nock.disableNetConnect()
  })
  afterEach(() => {
    disposeTestClients()
    nock.abortPendingRequests()
    nock.cleanAll()
    nock.enableNetConnect()
  })
  // Each test file loads its own nock: unhook it from node:http so that it cannot catch the next file's requests.
  afterAll(() => nock.restore())
}

/** A connection error as node:http reports it (nock needs an Error, not a plain object). */
export function netError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}
