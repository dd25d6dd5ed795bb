import * as core from '@actions/core'
import { Secrets } from '../common/secrets.js'
import { INPUT_VOCABULARY } from '../common/vocabulary.js'
import { parseInputs, secretValues } from '../inputs.js'
import type { RestartInputs } from '../restart/restart-inputs.js'
import { restartDeployments } from '../restart/engine.js'
import { deploymentLog, runnerLogger } from './action-log.js'
import { Reporter } from './report.js'

/**
 * The action: mask the secrets, read and check the inputs, restart the deployments and make sure they came back,
 * then set the outputs, write the step summary and fail the step with the reason when a restart did not succeed.
 */
export async function run(signal?: AbortSignal): Promise<void> {
  const secrets = new Secrets((secret) => core.setSecret(secret))
  for (const secret of secretValues((name) => core.getInput(name))) secrets.add(secret)
  const reporter = new Reporter((text) => secrets.redact(text))

  let inputs: RestartInputs
  try {
    inputs = parseInputs((name) => core.getInput(name), INPUT_VOCABULARY)
  } catch (error) {
    await reporter.finish({ outcome: 'failure', error: (error as Error).message })
    return
  }
  reporter.start(inputs)

  const end = await restartDeployments(inputs, {
    logger: runnerLogger,
    deploymentLog,
    sink: reporter,
    secrets,
    signal
  })
  await reporter.finish(end)
}
