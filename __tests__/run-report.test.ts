import { describe, expect, it } from '@jest/globals'
import { resultFor, type RestartResult } from '../src/restart/results.js'
import { overallJobStatus, publicReport, RunReport, runTally } from '../src/restart/run-report.js'
import { recordingLogger } from './support/recording-logger.js'
import { completed, targets } from './support/sample-results.js'

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

describe('stopped services in the report', () => {
  it('notes them once per deployment, failed or not, and lists them in every result', () => {
    const report = new RunReport((text) => text)
    report.targets(targets)
    report.update(
      0,
      completed(0, { stoppedServices: ['Hosted/Roads.MapServer', 'Hosted/Rivers.MapServer'] })
    )
    report.update(
      1,
      completed(1, {
        outcome: 'timeout',
        error: 'Service did not answer',
        stoppedServices: ['Hikes.MapServer']
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
      ['Hosted/Roads.MapServer', 'Hosted/Rivers.MapServer'],
      []
    ])
  })
})
