/**
 * How a face names its settings, and what makes the requests, in every message below it (input validation, the
 * engine, the HTTP layer's hints): the action's inputs (`allow-empty: true`, the runner) or the command's flags,
 * environment variables and standard input (`--allow-empty`, `ARCGIS_TOKEN`, this machine).
 */
export interface Vocabulary {
  /** A setting by name, as the user gave it or would give it: `deployment-filter`, `--deployment-filter`. */
  name(setting: string): string
  /** A setting given a value: `deployment-filter: all`, `--deployment-filter all`; `--allow-empty` for true. */
  set(setting: string, value: string): string
  /** Where one of several values of a setting goes: `on its own line of deployment-filter`. */
  separately(setting: string): string
  /** What makes the requests: `the runner`, `this machine`. */
  machine: string
  /** What to do when the portal's network is out of reach of `machine`. */
  outOfReach: string
}

/** The action's words, which are also the inputs' names. */
export const INPUT_VOCABULARY: Vocabulary = {
  name: (setting) => setting,
  set: (setting, value) => `${setting}: ${value}`,
  separately: (setting) => `on its own line of ${setting}`,
  machine: 'the runner',
  outOfReach:
    "GitHub-hosted runners cannot reach private networks; run this job on a self-hosted runner inside the portal's network"
}
