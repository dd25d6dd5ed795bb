import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import nock from 'nock'
import { Secrets } from '../src/common/secrets.js'
import { parseInputs, type InputName } from '../src/inputs.js'
import { restartDeployments, type EngineIO, type ResultSink } from '../src/restart/engine.js'
import { recordingLogger } from './support/recording-logger.js'

const ORIGIN = 'https://gis.example.com'

const given: Partial<Record<InputName, string>> = {
  'portal-url': `${ORIGIN}/arcgis`,
  token: 'tok-engine-1-0123456789',
  'deployment-id': 'd1',
  timeout: '5s'
}
const inputs = parseInputs((name) => given[name] ?? '')

function io(sink: Partial<ResultSink> = {}) {
  const logger = recordingLogger()
  const engineIO: EngineIO = {
    logger,
    deploymentLog: (_label, _concurrent, work) => work(logger),
    sink: {
      serverVersion: () => undefined,
      targets: () => undefined,
      update: () => undefined,
      inventory: () => undefined,
      ...sink
    },
    secrets: new Secrets(() => undefined)
  }
  return { logger, engineIO }
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => {
  nock.enableNetConnect()
  nock.restore()
})

describe('restartDeployments', () => {
  it('ends a run that meets a bug as a failure with its message, and logs its stack at debug level', async () => {
    nock(ORIGIN).get('/arcgis/admin').query(true).reply(200, { fullVersion: '11.3' })
    const { logger, engineIO } = io({
      serverVersion: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'split')")
      }
    })

    const end = await restartDeployments(inputs, engineIO)

    expect(end).toEqual({
      outcome: 'failure',
      error: "Cannot read properties of undefined (reading 'split')"
    })
    const unexpected = logger.debugs().filter((line) => line.startsWith('Unexpected error:'))
    expect(unexpected).toHaveLength(1)
    expect(unexpected[0]).toMatch(
      /^Unexpected error: TypeError: Cannot read properties of undefined \(reading 'split'\)\n\s+at /
    )
    expect(unexpected[0]).toContain('engine.test.ts')
    expect(logger.infos().join('\n')).not.toContain('TypeError')
  })

  it('logs no stack for a request the server refused: its message says it all', async () => {
    nock(ORIGIN)
      .get('/arcgis/admin')
      .query(true)
      .reply(200, { error: { code: 498, message: 'Invalid token.' } })
    const { logger, engineIO } = io()

    const end = await restartDeployments(inputs, engineIO)

    expect(end.outcome).toBe('failure')
    expect(end.error).toContain('Invalid token.')
    expect(logger.all()).not.toContain('Unexpected error')
    expect(logger.all()).not.toMatch(/\n\s+at /)
  })

  it('logs no stack for a deployment that does not exist: for the user to fix, not a bug', async () => {
    nock(ORIGIN).get('/arcgis/admin').query(true).reply(200, { fullVersion: '11.3' })
    nock(ORIGIN)
      .get('/arcgis/admin/system/deployments/d1')
      .query(true)
      .reply(200, { error: { code: 404, message: "Deployment 'd1' does not exist." } })
    nock(ORIGIN)
      .post('/arcgis/admin/system/deployments/findDeploymentIds')
      .reply(200, { filteredDeploymentIds: [] })
    nock(ORIGIN).get('/arcgis/admin/system/deployments').query(true).reply(200, { deployments: [] })
    const { logger, engineIO } = io()

    const end = await restartDeployments(inputs, engineIO)

    expect(end.outcome).toBe('failure')
    expect(end.error).toMatch(/^deployment-id "d1" is neither the id nor the name of a deployment/)
    expect(logger.all()).not.toContain('Unexpected error')
  })
})
