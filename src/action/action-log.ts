import * as core from '@actions/core'
import type { Logger } from '../common/logger.js'

/** The runner's log as a Logger: debug lines are built only when RUNNER_DEBUG is on. */
export const runnerLogger: Logger = {
  debug: (message) => {
    if (core.isDebug()) core.debug(message())
  },
  info: (message) => core.info(message),
  warning: (message) => core.warning(message)
}

/** A log group for one deployment. */
export interface GroupLog extends Logger {
  close(): void
}

/**
 * One log group per deployment. Restarts that run one after another write their group live. Restarts that run at
 * once (`concurrent`) cannot share the log with groups, which do not interleave: each line is printed live with the
 * deployment's name in front, and the group is printed whole, as the deployment's record, when it closes.
 */
export class DeploymentLogs {
  private readonly open = new Set<() => void>()

  /** Runs `work` with the log of the group `Restart <name>`, and closes the group however `work` ends. */
  async within<T>(
    name: string,
    concurrent: boolean,
    work: (log: Logger) => Promise<T>
  ): Promise<T> {
    const title = `Restart ${name}`
    const buffered = concurrent
    const record: Array<() => void> = []
    const write = (print: (text: string) => void, text: string, replay = print) => {
      if (!buffered) return print(text)
      print(`[${name}] ${text}`)
      record.push(() => replay(text))
    }
    const log: Logger = {
      debug: (message) => {
        if (!core.isDebug()) return
        const text = message()
        if (buffered) record.push(() => core.debug(text))
        else core.debug(text)
      },
      info: (message) => write(core.info, message),
      // A warning is an annotation: the record repeats it as a plain line, not as a second annotation.
      warning: (message) =>
        write(core.warning, `${name}: ${message}`, (text) => core.info(`Warning: ${text}`))
    }
    const close = () => {
      if (!this.open.delete(close)) return
      if (buffered) core.startGroup(title)
      for (const line of record) line()
      core.endGroup()
    }
    this.open.add(close)
    if (!buffered) core.startGroup(title)
    try {
      return await work(log)
    } finally {
      close()
    }
  }

  /** Closes every group still open, so that a cancelled run's log is complete. */
  closeAll(): void {
    for (const close of [...this.open]) close()
  }
}
