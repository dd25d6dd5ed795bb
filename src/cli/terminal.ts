import { fixedWidthLines } from '../common/fixed-width.js'
import type { Logger } from '../common/logger.js'
import type { DeploymentLog } from '../restart/engine.js'
import type { RestartResult } from '../restart/results.js'
import { RESULT_COLUMNS, resultCells } from '../restart/run-report.js'

type Paint = (text: string) => string

/**
 * ANSI colours, or none when the output is not a terminal, NO_COLOR is set (https://no-color.org) or the terminal
 * says it has none (TERM=dumb, as Emacs' shell and some CI consoles set it).
 */
export interface Palette {
  red: Paint
  yellow: Paint
  green: Paint
  dim: Paint
  bold: Paint
}

export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Palette {
  const enabled = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb'
  const ansi =
    (open: number, close: number): Paint =>
    (text) =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return {
    red: ansi(31, 39),
    yellow: ansi(33, 39),
    green: ansi(32, 39),
    dim: ansi(2, 22),
    bold: ansi(1, 22)
  }
}

/**
 * The command's lines for people, on stderr: what the action logs, without workflow commands. Everything passes
 * through `redact`, since a terminal or a CI log has no masking of its own.
 */
export class Terminal {
  readonly logger: Logger

  constructor(
    private readonly write: (text: string) => void,
    private readonly paint: Palette,
    private readonly redact: (text: string) => string,
    private readonly debugging: boolean
  ) {
    this.logger = this.prefixed('')
  }

  line(text: string): void {
    this.write(`${this.redact(text)}\n`)
  }

  error(text: string): void {
    this.line(this.paint.red(`error: ${text}`))
  }

  /**
   * One deployment's lines. Restarts one after another get a heading and indented lines; restarts that run at once
   * interleave, so each line carries the deployment's name instead.
   */
  readonly deploymentLog: DeploymentLog = async (label, concurrent, work) => {
    if (!concurrent) this.line(this.paint.bold(`Restart ${label}`))
    return work(this.prefixed(concurrent ? `[${label}] ` : '  '))
  }

  private prefixed(prefix: string): Logger {
    return {
      debug: (message) => {
        if (this.debugging) this.line(this.paint.dim(`${prefix}debug: ${message()}`))
      },
      info: (message) => this.line(`${prefix}${message}`),
      warning: (message) => this.line(this.paint.yellow(`${prefix}warning: ${message}`))
    }
  }

  /** The results as a plain-text table, `-` where nothing is known, coloured by outcome. */
  table(results: readonly RestartResult[]): void {
    if (results.length === 0) return
    const rows = [
      RESULT_COLUMNS.map((title) => title.toUpperCase()),
      ...results.map((result) => resultCells(result).map((text) => text || '-'))
    ]
    for (const [index, text] of fixedWidthLines(rows).entries()) {
      this.line(
        index === 0 ? this.paint.bold(text) : this.colourByOutcome(text, results[index - 1])
      )
    }
  }

  private colourByOutcome(text: string, result: RestartResult): string {
    if (result.outcome === 'failure' || result.outcome === 'timeout') return this.paint.red(text)
    if (result.outcome === 'success') return this.paint.green(text)
    return text
  }
}
