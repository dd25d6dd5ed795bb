import * as core from '@actions/core'
import type { Logger } from '../common/logger.js'

/** The runner's log as a Logger: debug lines are built only when RUNNER_DEBUG is on. */
export const runnerLogger: Logger = prefixedLog('')

/**
 * Runs one deployment's `work` with its log, each line written once. Restarts that run one after another each get a
 * log group, written live and closed however `work` ends. Restarts that run at once (`concurrent`) cannot use groups,
 * which do not interleave: each of their lines is written live with the deployment's name in front.
 */
export async function deploymentLog<T>(
  name: string,
  concurrent: boolean,
  work: (log: Logger) => Promise<T>
): Promise<T> {
  if (concurrent) return work(prefixedLog(`[${name}] `))
  core.startGroup(`Restart ${name}`)
  try {
    // A warning is also an annotation, read away from its group: it names the deployment.
    return await work({
      ...runnerLogger,
      warning: (message) => core.warning(`${name}: ${message}`)
    })
  } finally {
    core.endGroup()
  }
}

/** The runner's log with `prefix` in front of every line. */
function prefixedLog(prefix: string): Logger {
  return {
    debug: (message) => {
      if (core.isDebug()) core.debug(`${prefix}${message()}`)
    },
    info: (message) => core.info(`${prefix}${message}`),
    warning: (message) => core.warning(`${prefix}${message}`)
  }
}
