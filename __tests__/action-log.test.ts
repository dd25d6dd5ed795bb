import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { DeploymentLogs, runnerLogger } from '../src/action/action-log.js'
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

describe('DeploymentLogs', () => {
  it('writes a group per deployment, live, and closes it however the work ends', async () => {
    const logs = new DeploymentLogs()
    await logs.within('a', false, async (log) => {
      log.info('one')
      log.warning('careful')
      log.debug(() => 'hidden')
    })
    await expect(
      logs.within('b', false, async (log) => {
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
    await new DeploymentLogs().within('a', false, async (log) =>
      log.debug(() => 'GET /x -> HTTP 200')
    )
    expect(runner.lines).toEqual([
      '::group::Restart a',
      '::debug::GET /x -> HTTP 200',
      '::endgroup::'
    ])
  })

  it('prints the lines of concurrent restarts live with their name, then each group whole', async () => {
    const logs = new DeploymentLogs()
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
      logs.within('a', concurrent, work('a')),
      logs.within('b', concurrent, work('b'))
    ])
    const lines = runner.lines
    const group = (name: string) => {
      const first = lines.indexOf(`::group::Restart ${name}`)
      return lines.slice(first, lines.indexOf('::endgroup::', first) + 1)
    }
    // Live: every line names its deployment; a warning is an annotation, once.
    expect(lines.filter((line) => /^(::warning::)?\[/.test(line)).sort()).toEqual(
      [
        '[a] a 1',
        '[a] a 2',
        '::warning::[a] a: slow',
        '[b] b 1',
        '[b] b 2',
        '::warning::[b] b: slow'
      ].sort()
    )
    // The record: each group whole, the warning as a plain line.
    expect(group('a')).toEqual([
      '::group::Restart a',
      'a 1',
      '::debug::a debug',
      'Warning: a: slow',
      'a 2',
      '::endgroup::'
    ])
    expect(group('b')).toEqual([
      '::group::Restart b',
      'b 1',
      '::debug::b debug',
      'Warning: b: slow',
      'b 2',
      '::endgroup::'
    ])
    expect(lines).toHaveLength(6 + 12)
  })

  it('closes every open group on closeAll, once', async () => {
    const logs = new DeploymentLogs()
    const concurrent = true
    let release: () => void = () => undefined
    const pending = logs.within('a', concurrent, async (log) => {
      log.info('submitted j1')
      await new Promise<void>((resolve) => (release = resolve))
    })
    await tick()
    logs.closeAll()
    expect(runner.lines).toEqual([
      '[a] submitted j1',
      '::group::Restart a',
      'submitted j1',
      '::endgroup::'
    ])
    release()
    await pending
    logs.closeAll()
    expect(runner.lines).toHaveLength(4)
  })
})
