/**
 * How a face names its settings, and what makes the requests, in the engine's messages: the action's inputs
 * (`allow-empty: true`, the runner) or the command's flags (`--allow-empty`, this machine).
 */
export interface Vocabulary {
  /** A setting by name: `deployment-filter`, `--deployment-filter`. */
  name(setting: string): string
  /** A setting given a value: `deployment-filter: all`, `--deployment-filter all`; `--allow-empty` for true. */
  set(setting: string, value: string): string
  /** What makes the requests: `the runner`, `this machine`. */
  machine: string
  /** What to do when the portal's network is out of reach of `machine`. */
  outOfReach: string
}

/** The action's words, which are also the inputs' names: the engine's default. */
export const INPUT_VOCABULARY: Vocabulary = {
  name: (setting) => setting,
  set: (setting, value) => `${setting}: ${value}`,
  machine: 'the runner',
  outOfReach:
    "GitHub-hosted runners cannot reach private networks; run this job on a self-hosted runner inside the portal's network"
}
