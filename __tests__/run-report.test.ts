import { describe, expect, it } from '@jest/globals'
import type { HealthVerdict } from '../src/restart/health.js'
import { resultFor, type Outcome, type RestartResult } from '../src/restart/results.js'
import type { Target } from '../src/restart/targets.js'
import { overallJobStatus, publicReport, RunReport, runTally } from '../src/restart/run-report.js'
import { recordingLogger } from './support/recording-logger.js'
import { completed, targets } from './support/sample-results.js'
import { text } from './support/server-texts.js'

describe('overallJobStatus', () => {
  it('is COMPLETED when every job completed, else the first status that is not', () => {
    const done = completed(0)
    expect(overallJobStatus([done, completed(1)], 'success')).toBe('COMPLETED')
    expect(
      overallJobStatus(
        [done, { ...done, status: 'EXECUTING' }, { ...done, status: 'FAILED' }],
        'timeout'
      )
    ).toBe('EXECUTING')
    expect(
      overallJobStatus(
        [
          { ...done, status: 'FAILED' },
          { ...done, status: 'SKIPPED' }
        ],
        'failure'
      )
    ).toBe('FAILED')
  })

  it('is SUBMITTED without waiting, and empty for a dry run or when nothing was restarted', () => {
    expect(overallJobStatus([completed(0, { status: 'EXECUTING' })], 'submitted')).toBe('SUBMITTED')
    expect(overallJobStatus([completed(0, { status: 'NOT RESTARTED' })], 'dry-run')).toBe('')
    expect(overallJobStatus([], 'failure')).toBe('')
  })
})

describe('runTally', () => {
  const results = (...outcomes: RestartResult['outcome'][]) =>
    outcomes.map((outcome, index) => resultFor(targets[index % 2], { status: 'X', outcome }))

  it.each([
    [['success', 'success', 'success'], 'success', '3 of 3 deployments restarted in 2m10s'],
    [['success'], 'success', '1 of 1 deployment restarted in 2m10s'],
    [
      ['success', 'failure', 'skipped'],
      'failure',
      '1 of 3 deployments restarted in 2m10s (1 failed, 1 skipped)'
    ],
    [['timeout', 'success'], 'timeout', '1 of 2 deployments restarted in 2m10s (1 timed out)'],
    [
      ['submitted', 'submitted'],
      'submitted',
      '0 of 2 deployments restarted in 2m10s (2 submitted, not awaited)'
    ],
    [
      ['dry-run', 'dry-run'],
      'dry-run',
      'Dry run: 2 deployments would restart; none restarted (2m10s)'
    ],
    [
      ['success', 'failure'],
      'cancelled',
      '1 of 2 deployments restarted before the run was cancelled after 2m10s'
    ],
    [[], 'failure', 'No deployment restarted (failure after 2m10s)']
  ] as const)('tells %j ending %s as "%s"', (outcomes, outcome, tally) => {
    expect(runTally(results(...outcomes), outcome, 130_000)).toBe(tally)
  })

  // A lost job record leaves status UNKNOWN; the pods' readiness made it a success.
  const lost = (index: number) =>
    resultFor(targets[index % 2], { status: 'UNKNOWN', outcome: 'success', ready: true })

  it('says "ready again", not "restarted", for a restart whose job could not be followed', () => {
    expect(runTally([lost(0)], 'success', 130_000)).toBe(
      '1 of 1 deployment ready again in 2m10s; its restart job could not be followed'
    )
    expect(runTally([lost(0), lost(1)], 'success', 130_000)).toBe(
      '2 of 2 deployments ready again in 2m10s; their restart jobs could not be followed'
    )
    const [followed] = results('success')
    const [failed] = results('failure')
    expect(runTally([followed, lost(1), failed], 'failure', 130_000)).toBe(
      '1 of 3 deployments restarted and 1 ready again in 2m10s (1 failed); the restart job of the one ready again could not be followed'
    )
    expect(runTally([lost(0), failed], 'cancelled', 130_000)).toBe(
      '1 of 2 deployments ready again before the run was cancelled after 2m10s; its restart job could not be followed'
    )
  })
})

describe('a cancelled run in the report', () => {
  it('reports the restarts it came before as skipped, and the one it stopped with its status', () => {
    const report = new RunReport((text) => text)
    report.targets(targets)
    report.update(0, completed(0, { status: 'EXECUTING', outcome: 'failure' }))
    const view = report.finish({ outcome: 'cancelled' }, recordingLogger())
    expect(view.results.map(({ status, outcome, error }) => ({ status, outcome, error }))).toEqual([
      { status: 'EXECUTING', outcome: 'failure', error: undefined },
      { status: 'SKIPPED', outcome: 'skipped', error: 'Not restarted: the run was cancelled first' }
    ])
  })
})

describe('stopped services in the report', () => {
  it('notes them once per deployment, failed or not, and lists them in every result', () => {
    const report = new RunReport((text) => text)
    report.targets(targets)
    report.update(
      0,
      completed(0, {
        stoppedServices: [text('Hosted/Roads.MapServer'), text('Hosted/Rivers.MapServer')]
      })
    )
    report.update(
      1,
      completed(1, {
        outcome: 'timeout',
        error: 'Service did not answer',
        stoppedServices: [text('Hikes.MapServer')]
      })
    )
    const view = report.finish({ outcome: 'timeout' }, recordingLogger())
    expect(view.notes).toEqual([
      'shared-mapserver (d1): 2 stopped services not checked: Hosted/Roads.MapServer, Hosted/Rivers.MapServer',
      'd2: 1 stopped service not checked: Hikes.MapServer'
    ])
    report.update(1, completed(1))
    const results = publicReport(report.finish({ outcome: 'success' }, recordingLogger())).results
    expect(results.map((result) => result.stoppedServices)).toEqual([
      [text('Hosted/Roads.MapServer'), text('Hosted/Rivers.MapServer')],
      []
    ])
  })
})

describe('the report of restart-if: unhealthy', () => {
  const deployment = (name: string): Target => ({
    deployment: { id: `k-${name}`, name: text(name) },
    services: []
  })
  const checked = (
    name: string,
    verdict: HealthVerdict['verdict'],
    fields: Pick<RestartResult, 'status' | 'outcome'> & Partial<RestartResult>,
    reason?: string
  ) =>
    resultFor(deployment(name), {
      ...fields,
      health: { verdict, pods: '1/1', services: 'answer', reason }
    })
  const healthy = (name: string) =>
    checked(name, 'healthy', { status: 'HEALTHY', outcome: 'skipped' })
  const restarted = (name: string, reason: string, fields: Partial<RestartResult> = {}) =>
    checked(
      name,
      'unhealthy',
      { status: 'COMPLETED', outcome: 'success', jobId: text('j1'), ...fields },
      reason
    )
  const eleven = Array.from({ length: 11 }, (_, index) => healthy(`healthy-${index}`))

  it.each<[string, RestartResult[], Outcome, string]>([
    [
      'one restarted among twelve',
      [...eleven, restarted('parcels-featureserver', '0/1 pods ready')],
      'success',
      '12 deployments checked: 11 healthy, 1 restarted (parcels-featureserver: 0/1 pods ready) in 2m10s'
    ],
    [
      'all healthy',
      eleven.slice(0, 2),
      'success',
      '2 deployments checked: all healthy, none restarted in 2m10s'
    ],
    [
      'a stopped one',
      [healthy('a'), checked('b', 'stopped', { status: 'STOPPED', outcome: 'skipped' }, 'stopped')],
      'success',
      '2 deployments checked: 1 healthy, 1 stopped, left alone, none restarted in 2m10s'
    ],
    [
      'the brake',
      [
        healthy('a'),
        checked('b', 'unhealthy', { status: 'UNHEALTHY', outcome: 'skipped' }, '0/1 pods ready'),
        checked(
          'c',
          'unhealthy',
          { status: 'UNHEALTHY', outcome: 'skipped' },
          'state FAILED, 1/1 pods ready'
        )
      ],
      'failure',
      '3 deployments checked: 1 healthy, 2 unhealthy, none restarted (b: 0/1 pods ready; c: state FAILED, 1/1 pods ready) in 2m10s'
    ],
    [
      'a dry run',
      [
        healthy('a'),
        checked('b', 'unhealthy', { status: 'NOT RESTARTED', outcome: 'dry-run' }, '0/1 pods ready')
      ],
      'dry-run',
      'Dry run: 2 deployments checked: 1 healthy, 1 would restart (b: 0/1 pods ready) in 2m10s'
    ],
    [
      'a failed restart and one fail-fast skipped',
      [
        healthy('a'),
        restarted('b', '0/1 pods ready', { status: 'FAILED', outcome: 'failure' }),
        restarted('c', '0/2 pods ready', { status: 'SKIPPED', outcome: 'skipped' })
      ],
      'failure',
      '3 deployments checked: 1 healthy, 0 restarted, 1 failed, 1 skipped in 2m10s'
    ],
    [
      // The honest tally of restart-if: always, composed: a restart whose job was lost is told as what was seen.
      'a restart whose job could not be followed',
      [healthy('a'), restarted('b', '0/1 pods ready', { status: 'UNKNOWN' })],
      'success',
      '2 deployments checked: 1 healthy, 1 ready again (b: 0/1 pods ready) in 2m10s; its restart job could not be followed'
    ]
  ])('tells %s', (_what, results, outcome, tally) => {
    expect(runTally(results, outcome, 130_000)).toBe(tally)
  })

  it('lists the refreshed ids in `restarted`, and gives every result its health, null with always', () => {
    const report = new RunReport((text) => text)
    const results = [
      healthy('a'),
      restarted('b', '0/1 pods ready'),
      restarted('c', 'x', { status: 'FAILED', outcome: 'failure' }),
      restarted('d', 'y', { status: 'SKIPPED', outcome: 'skipped' })
    ]
    report.targets(results.map((result) => deployment(result.name!.raw)))
    results.forEach((result, index) => report.update(index, result))
    const document = publicReport(report.finish({ outcome: 'failure' }, recordingLogger()))
    expect(document.restarted).toEqual(['k-b', 'k-c'])
    expect(document.jobStatus).toBe('FAILED')
    expect(
      document.results.map(({ status, health, healthReason }) => [status, health, healthReason])
    ).toEqual([
      ['HEALTHY', 'healthy', null],
      ['COMPLETED', 'unhealthy', '0/1 pods ready'],
      ['FAILED', 'unhealthy', 'x'],
      ['SKIPPED', 'unhealthy', 'y']
    ])
    const always = new RunReport((text) => text)
    always.targets(targets)
    always.update(0, completed(0))
    always.update(1, completed(1))
    const plain = publicReport(always.finish({ outcome: 'success' }, recordingLogger()))
    expect(plain.restarted).toEqual(['d1', 'd2'])
    expect(plain.results.map((result) => [result.health, result.healthReason])).toEqual([
      [null, null],
      [null, null]
    ])
  })

  it('has no job status when nothing was restarted', () => {
    expect(overallJobStatus([healthy('a'), healthy('b')], 'success')).toBe('')
  })
})
