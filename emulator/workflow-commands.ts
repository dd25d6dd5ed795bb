// Workflow commands as @actions/core writes them to stdout, one a line: `::name::message` or
// `::name key=value,...::message`, with %, CR and LF in the message escaped as %25, %0D and %0A.
// For the tests and scripts that read what a step printed.

export interface WorkflowCommand {
  /** For example 'error', 'warning', 'debug', 'group', 'add-mask'. */
  name: string
  /** The `key=value,...` part as written, '' when there is none. */
  properties: string
  /** Unescaped: it may hold newlines. */
  message: string
}

const COMMAND = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/s
const ESCAPES: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n' }

/** Undoes the escaping of command data: %25, %0D and %0A back to %, CR and LF. */
export function unescapeCommandData(data: string): string {
  return data.replace(/%25|%0D|%0A/g, (escape) => ESCAPES[escape])
}

/** The command a stdout line carries, or undefined for a plain log line. */
function parseCommand(line: string): WorkflowCommand | undefined {
  const match = COMMAND.exec(line)
  if (!match) return undefined
  const [, name, properties = '', message] = match
  return { name, properties, message: unescapeCommandData(message) }
}

/** Every line of stdout (LF or CRLF), each with the command it carries, if any. */
export function stdoutLines(stdout: string): { line: string; command?: WorkflowCommand }[] {
  return stdout.split(/\r?\n/).map((line) => ({ line, command: parseCommand(line) }))
}

/** The messages of every `name` command in stdout, in order: commandMessages(stdout, 'error'). */
export function commandMessages(stdout: string, name: string): string[] {
  return stdoutLines(stdout).flatMap(({ command }) =>
    command?.name === name ? [command.message] : []
  )
}
