import { describeResult, jobUrl } from '../restart/results.js'
import type { RunReportView } from '../restart/run-report.js'

/**
 * The run report as a JUnit XML file, which GitLab, Azure Pipelines and Jenkins show as test results: one test case
 * per deployment (its name and id, its job's URL under the portal, its duration); a failed or timed-out restart is a
 * failure with its error, a restart not started (or only shown by a dry run) is skipped. A run that ended before any deployment (the portal could
 * not be used) is one failed test case, `portal`, so that the CI system shows why.
 */
export function junitReport(report: RunReportView, portalUrl: string): string {
  const cases = report.results.map((result) => {
    const url = result.jobId ? jobUrl(portalUrl, result.jobId) : undefined
    const verdict =
      result.outcome === 'failure' || result.outcome === 'timeout'
        ? `      <failure type="${result.outcome}" message="${attribute(firstLine(result.error ?? result.status))}">${text(result.error ?? result.status)}</failure>\n`
        : result.outcome === 'skipped'
          ? `      <skipped message="${attribute(`not restarted (${result.status})`)}"/>\n`
          : result.outcome === 'dry-run'
            ? `      <skipped message="dry run: not restarted"/>\n`
            : ''
    const properties = url
      ? `      <properties>\n        <property name="jobUrl" value="${attribute(url)}"/>\n      </properties>\n`
      : ''
    return `    <testcase classname="arcgis-k8s-restart" name="${attribute(describeResult(result))}" time="${result.durationSeconds}">\n${properties}${verdict}    </testcase>\n`
  })
  if (report.results.length === 0 && report.failure) {
    cases.push(
      `    <testcase classname="arcgis-k8s-restart" name="portal" time="0">\n      <failure type="${report.outcome}" message="${attribute(firstLine(report.failure))}">${text(report.failure)}</failure>\n    </testcase>\n`
    )
  }
  const failures = cases.filter((testCase) => testCase.includes('<failure ')).length
  const skipped = cases.filter((testCase) => testCase.includes('<skipped ')).length
  const seconds = (report.durationMs / 1000).toFixed(1)
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}"`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites name="arcgis-k8s-restart" ${counts}>\n`,
    `  <testsuite name="arcgis-k8s-restart" ${counts}>\n`,
    `    <properties>\n      <property name="outcome" value="${report.outcome}"/>\n`,
    report.version
      ? `      <property name="serverVersion" value="${attribute(String(report.version))}"/>\n`
      : '',
    '    </properties>\n',
    ...cases,
    '  </testsuite>\n',
    '</testsuites>\n'
  ].join('')
}

function firstLine(message: string): string {
  return message.split('\n')[0]
}

/**
 * Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE and U+FFFF): a parser refuses
 * the whole file for one of them, so each becomes U+FFFD.
 */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

/** Element text: the markup characters as entities. */
function text(value: string): string {
  return value
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** An attribute's value, quoted with `"`: also the quotes, and the line breaks a parser would fold into spaces. */
function attribute(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}
