import * as core from '@actions/core'
import type { Logger } from './logger.js'

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
 * One log group per deployment. Restarts that run one after another write their group live; restarts that run at
 * once (`buffered`) keep their lines and print each group whole when it closes, since groups cannot interleave.
 */
export class DeploymentLogs {
  buffered = false
  private readonly open = new Set<() => void>()

  /** Runs `work` with the log of a group titled `title`, and closes the group however `work` ends. */
  async within<T>(title: string, work: (log: Logger) => Promise<T>): Promise<T> {
    const buffered = this.buffered
    const lines: Array<() => void> = []
    const write = (line: () => void) => (buffered ? lines.push(line) : line())
    const log: Logger = {
      debug: (message) => {
        if (!core.isDebug()) return
        const text = message()
        write(() => core.debug(text))
      },
      info: (message) => write(() => core.info(message)),
      warning: (message) => write(() => core.warning(`${title}: ${message}`))
    }
    const close = () => {
      if (!this.open.delete(close)) return
      if (buffered) core.startGroup(title)
      for (const line of lines) line()
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
