import { resultFor, SKIPPED, type RestartResult } from './results.js'
import { describeTarget, type Target } from './targets.js'

/**
 * Restarts the targets, at most `maxConcurrency` at once, in input order. With `failFast`, no further restart starts
 * after a failure or a timeout (as a rolling deploy halts): those not started are reported as skipped.
 */
export async function restartAll(
  targets: Target[],
  { maxConcurrency, failFast }: { maxConcurrency: number; failFast: boolean },
  restart: (target: Target, index: number) => Promise<RestartResult>
): Promise<RestartResult[]> {
  const results: RestartResult[] = []
  let next = 0
  let haltedBy: string | undefined
  const worker = async () => {
    while (next < targets.length) {
      const index = next++
      const target = targets[index]
      if (haltedBy) {
        results[index] = resultFor(target, {
          status: SKIPPED,
          outcome: 'skipped',
          error: `Not restarted because ${haltedBy}`
        })
        continue
      }
      const result = await restart(target, index)
      results[index] = result
      if (failFast && (result.outcome === 'failure' || result.outcome === 'timeout')) {
        haltedBy ??= `${describeTarget(target)} ${result.outcome === 'failure' ? 'failed' : 'timed out'}`
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(maxConcurrency, targets.length) }, worker))
  return results
}
