import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { deploymentLog, runnerLogger } from '../src/action/action-log.js'
import type { Logger } from '../src/common/logger.js'
import { FakeRunner } from './support/actions-runner.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

let runner: FakeRunner
beforeEach(() => {
  runner = new FakeRunner()
})
afterEach(() => runner.restore())
afterAll(() => FakeRunner.cleanUp())

describe('runnerLogger', () => {
  it('writes info lines and warnings to the runner log', () => {
    runnerLogger.info('hello')
    runnerLogger.warning('careful')
    expect(runner.lines).toEqual(['hello', '::warning::careful'])
  })

  it('builds debug lines only when RUNNER_DEBUG is 1', () => {
    let built = 0
    const message = () => {
      built++
      return 'GET /arcgis/admin -> HTTP 200'
    }
    runnerLogger.debug(message)
    expect(built).toBe(0)
    expect(runner.lines).toEqual([])
    process.env.RUNNER_DEBUG = '1'
    runnerLogger.debug(message)
    expect(built).toBe(1)
    expect(runner.lines).toEqual(['::debug::GET /arcgis/admin -> HTTP 200'])
  })
})

describe('deploymentLog', () => {
  it('writes a group per deployment, live, and closes it however the work ends', async () => {
    await deploymentLog('a', false, async (log) => {
      log.info('one')
      log.warning('careful')
      log.debug(() => 'hidden')
    })
    await expect(
      deploymentLog('b', false, async (log) => {
        log.info('two')
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(runner.lines).toEqual([
      '::group::Restart a',
      'one',
      '::warning::a: careful',
      '::endgroup::',
      '::group::Restart b',
      'two',
      '::endgroup::'
    ])
  })

  it('writes debug lines live in a group when RUNNER_DEBUG is 1', async () => {
    process.env.RUNNER_DEBUG = '1'
    await deploymentLog('a', false, async (log) => log.debug(() => 'GET /x -> HTTP 200'))
    expect(runner.lines).toEqual([
      '::group::Restart a',
      '::debug::GET /x -> HTTP 200',
      '::endgroup::'
    ])
  })

  it('prints each line of concurrent restarts once, live, with its deployment in front and no group', async () => {
    const concurrent = true
    process.env.RUNNER_DEBUG = '1'
    const work = (name: string) => async (log: Logger) => {
      log.info(`${name} 1`)
      await tick()
      log.debug(() => `${name} debug`)
      log.warning('slow')
      await tick()
      log.info(`${name} 2`)
    }
    await Promise.all([
      deploymentLog('a', concurrent, work('a')),
      deploymentLog('b', concurrent, work('b'))
    ])
    // Interleaved as they happened; a warning is an annotation, once.
    expect(runner.lines).toEqual([
      '[a] a 1',
      '[b] b 1',
      '::debug::[a] a debug',
      '::warning::[a] slow',
      '::debug::[b] b debug',
      '::warning::[b] slow',
      '[a] a 2',
      '[b] b 2'
    ])
  })
})
