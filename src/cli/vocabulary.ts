import type { Vocabulary } from '../common/vocabulary.js'
import type { InputName } from '../inputs.js'
import { ENVIRONMENT, type CommandLine } from './args.js'

/**
 * The command's words: each setting named where this run took it from (a flag, an environment variable, standard
 * input), a secret never as a flag, and a machine that is a person's or a CI agent's, not a GitHub runner.
 */
export function commandVocabulary({
  inputs,
  fromEnvironment,
  stdinSecret
}: Pick<CommandLine, 'inputs' | 'fromEnvironment' | 'stdinSecret'>): Vocabulary {
  const name = (setting: string) => {
    const input = setting as InputName
    if (stdinSecret === input) return `--${input}-stdin`
    // A secret is never a flag; a user name not given at all is asked for where the password is.
    const fromVariable =
      fromEnvironment.includes(input) ||
      input === 'token' ||
      input === 'password' ||
      (input === 'username' && !inputs.username)
    return (fromVariable && ENVIRONMENT[input]) || `--${setting}`
  }
  return {
    name,
    set: (setting, value) =>
      value === 'true'
        ? `--${setting}`
        : value === 'false'
          ? `--no-${setting}`
          : `--${setting} ${value}`,
    separately: (setting) => `in its own --${setting} flag`,
    machine: 'this machine',
    outOfReach:
      "run the command on a machine inside the portal's network (a CI agent there, or connected through its VPN)"
  }
}
