import type { Vocabulary } from '../restart/vocabulary.js'

/** The command's words: its flags, and a machine that is a person's or a CI agent, not a GitHub runner. */
export const COMMAND_VOCABULARY: Vocabulary = {
  name: (setting) => `--${setting}`,
  set: (setting, value) =>
    value === 'true'
      ? `--${setting}`
      : value === 'false'
        ? `--no-${setting}`
        : `--${setting} ${value}`,
  machine: 'this machine',
  outOfReach:
    "run the command on a machine inside the portal's network (a CI agent there, or connected through its VPN)"
}
