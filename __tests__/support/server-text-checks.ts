// What everything the action or the command writes must keep, whatever text the server sent: no command for a runner
// or a CI system, no escape sequence for a terminal, no HTML, link, image or code span in the step summary.
import { expect } from '@jest/globals'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { logLineProblems } from './hostile-text.ts'

/** The workflow commands the action writes itself. */
const ACTION_COMMANDS = new Set([
  'add-mask',
  'debug',
  'error',
  'warning',
  'notice',
  'group',
  'endgroup',
  'set-output'
])

/** Lines of `text` with their problems, for a readable failure. */
function problemsIn(text: string, allowed: ReadonlySet<string>): string[] {
  return text
    .split('\n')
    .flatMap((line, index) =>
      logLineProblems(line.replace(/\r$/, ''), allowed).map(
        (problem) => `line ${index + 1}: ${problem}: ${JSON.stringify(line.slice(0, 200))}`
      )
    )
}

/** The runner's log: only the action's own commands, groups opened and closed in turn, nothing else obeyed. */
export function expectSafeRunnerLog(stdout: string, stderr: string): void {
  expect(problemsIn(stdout, ACTION_COMMANDS)).toEqual([])
  // The toolkit escapes %, CR and LF in a command's text: a `%` not part of such an escape was written unescaped.
  for (const line of stdout.split('\n').filter((line) => /^::(error|warning)/.test(line))) {
    expect(line).not.toMatch(/%(?!25|0D|0A)/)
  }
  expect(problemsIn(stderr, new Set())).toEqual([])
  const groups = stdout
    .split('\n')
    .flatMap((line) => (/^::(group|endgroup)::/.exec(line)?.[1] ?? []) as string[])
  for (const [index, command] of groups.entries()) {
    expect(command).toBe(index % 2 === 0 ? 'group' : 'endgroup')
  }
  expect(groups.length % 2).toBe(0)
}

/**
 * An annotation's text, unescaped: the action's own line breaks only (the runner does not read commands in it, but
 * shows it in the run's page), and nothing a terminal would act on.
 */
export function expectSafeAnnotation(message: string): void {
  expect(problemsIn(message, new Set()).filter((problem) => !/: command ::/.test(problem))).toEqual(
    []
  )
}

/** The tags the toolkit's summary builder writes, and the job links the action makes on the portal's origin. */
function withoutOwnMarkup(summary: string, portalOrigin: string): string {
  const link = new RegExp(`<a href="${escapeRegExp(portalOrigin)}/[^"<>\\s]*">`, 'g')
  return summary
    .replace(link, '')
    .replace(/<\/?(?:table|tr|th|td|h[1-6]|ul|li|a|br|p)>/g, '')
    .replace(/&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi, '')
}

/** The step summary: the action's markup only, every server text inert, and well under GitHub's 1 MiB. */
export function expectSafeSummary(summary: string, portalOrigin: string): void {
  expect(Buffer.byteLength(summary)).toBeLessThan(512 * 1024)
  const text = withoutOwnMarkup(summary, portalOrigin)
  expect(text).not.toMatch(/[<>[\]`|]/)
  expect(text).not.toMatch(/&/)
  // eslint-disable-next-line no-control-regex
  expect(summary).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/)
  expect(summary).not.toMatch(/##\[|##vso\[/i)
}

/** What the command writes for people and scripts, as another CI system would read it. */
export function expectSafeCommandOutput(stdout: string, stderr: string): void {
  expect(problemsIn(stderr, new Set())).toEqual([])
  expect(problemsIn(stdout, new Set())).toEqual([])
  expect(`${stdout}${stderr}`).not.toContain('\u001b')
}

/**
 * The command's JUnit report, which CI systems parse and show: well-formed, one test case per deployment (no server
 * text opened another), no control character XML would refuse or a terminal obey, and no line a log would obey.
 */
export function expectSafeJunit(xml: string, deployments: number): void {
  expect(XMLValidator.validate(xml)).toBe(true)
  const parsed = new XMLParser({ isArray: (name) => name === 'testcase' }).parse(xml) as {
    testsuites: { testsuite: { testcase: unknown[] } }
  }
  expect(parsed.testsuites.testsuite.testcase).toHaveLength(deployments)
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/)
  expect(problemsIn(xml, new Set())).toEqual([])
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
