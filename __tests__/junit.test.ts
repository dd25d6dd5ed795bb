import { describe, expect, it } from '@jest/globals'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { junitReport } from '../src/cli/junit.js'
import { RunReport } from '../src/restart/run-report.js'
import { recordingLogger } from './support/recording-logger.js'
import { completed, targets } from './support/sample-results.js'
import { text } from './support/server-texts.js'

const PORTAL = 'https://gis.example.com/arcgis'

function reportOf(fill: (report: RunReport) => void, outcome: 'success' | 'failure' = 'failure') {
  const report = new RunReport((value) => value)
  fill(report)
  return report.finish({ outcome, error: undefined }, recordingLogger())
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true)
  return new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' }).parse(
    xml
  ) as {
    testsuites: {
      '@_tests': string
      '@_failures': string
      '@_skipped': string
      testsuite: {
        testcase: Record<string, { '@_message'?: string; '#text'?: string } | string>[]
      }
    }
  }
}

describe('junitReport', () => {
  it('has one test case per deployment, a failure with its error, and stays well-formed whatever the text', () => {
    const view = reportOf((report) => {
      report.targets(targets)
      report.serverVersion(text('11.4 <&>'))
      report.update(0, completed(0))
      report.update(
        1,
        completed(1, {
          outcome: 'failure',
          status: 'FAILED',
          error: 'Job j2 ended FAILED: <b> & "x" \u0001 \ud800 end'
        })
      )
    })
    const { testsuites } = parse(junitReport(view, PORTAL))

    expect([testsuites['@_tests'], testsuites['@_failures'], testsuites['@_skipped']]).toEqual([
      '2',
      '1',
      '0'
    ])
    const [passed, failed] = testsuites.testsuite.testcase
    expect(passed['@_name']).toBe('shared-mapserver (d1)')
    expect(passed['@_time']).toBe('42.5')
    expect(failed.failure).toMatchObject({
      '@_type': 'failure',
      '#text': 'Job j2 ended FAILED: <b> & "x" \ufffd \ufffd end'
    })
  })

  it('is one failed test case, portal, when the run ended before any deployment', () => {
    const view = new RunReport((value) => value).finish(
      { outcome: 'failure', error: 'reading the admin API version failed: connection refused' },
      recordingLogger()
    )
    const { testsuites } = parse(junitReport(view, PORTAL))

    expect(testsuites['@_failures']).toBe('1')
    expect(testsuites.testsuite.testcase[0]['@_name']).toBe('portal')
  })

  it('marks a restart that was not started as skipped', () => {
    const view = reportOf((report) => report.targets(targets))
    const { testsuites } = parse(junitReport(view, PORTAL))

    expect(testsuites['@_skipped']).toBe('2')
  })

  it("marks a dry run's deployments as skipped, never as passed", () => {
    const report = new RunReport((value) => value)
    report.targets(targets)
    targets.forEach((_, index) =>
      report.update(index, completed(index, { status: 'NOT RESTARTED', outcome: 'dry-run' }))
    )
    const view = report.finish({ outcome: 'dry-run' }, recordingLogger())
    const { testsuites } = parse(junitReport(view, PORTAL))

    expect(testsuites['@_skipped']).toBe('2')
    expect(testsuites.testsuite.testcase.map((testCase) => testCase.skipped)).toEqual([
      { '@_message': 'dry run: not restarted' },
      { '@_message': 'dry run: not restarted' }
    ])
  })
})
