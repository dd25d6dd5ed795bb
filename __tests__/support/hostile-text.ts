// Texts a hostile or broken server might send in any field, and the properties that whatever the action or the
// command writes must keep, whichever field carried them.

/** One of each way a text could steer a runner, a CI system, a terminal or a Markdown summary. */
export const HOSTILE_TEXTS = [
  'boom\n::stop-commands::pwned123',
  'x\r::set-output name=outcome::success',
  'more %0A::warning::x',
  '::endgroup::',
  '::group::opened',
  'x ##[add-mask]y',
  'x ##vso[task.setvariable variable=a]b',
  'red \u001b[31mtext\u001b[0m',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  'single-byte CSI \u009b31m and NEL \u0085 here',
  'line\u2028separator\u2029paragraph',
  'a | b | c',
  '<img src=x onerror=alert(1)>',
  '[x](https://evil.example) ![i](https://evil.example/i.png)',
  'a `code` span',
  `an "attribute" closed, 'another' & an entity &amp;`,
  'right-to-left \u202eoverride'
]

/** A text far longer than any log line should be. */
export const LONG_TEXT = `${'A'.repeat(50_000)}\n::stop-commands::late${'B'.repeat(50_000)}`

/** The line's workflow command, if it is one the runner would obey (leading whitespace is ignored by the runner). */
export function runnerCommandIn(line: string): string | undefined {
  const match = /^\s*::([A-Za-z-]+)/.exec(line)
  return match?.[1]
}

/** Problems with one line of a runner's log or a CI job's output; `allowed` commands are the action's own. */
export function logLineProblems(line: string, allowed: ReadonlySet<string>): string[] {
  const problems: string[] = []
  const command = runnerCommandIn(line)
  if (command !== undefined && !allowed.has(command)) problems.push(`command ::${command}::`)
  if (line.includes('##[')) problems.push('##[')
  if (/##vso\[/i.test(line)) problems.push('##vso[')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(line)) problems.push('a control character')
  if (/[\u2028\u2029\u202a-\u202e]/.test(line)) problems.push('a Unicode separator or override')
  return problems
}
