import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { controlCharacterProblem, withoutLineEndings } from '../common/secrets.js'
import { INPUTS, type InputName } from '../inputs.js'

/** Wrong flags, arguments or environment: exit code 2, nothing sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface CommandLine {
  help: boolean
  version: boolean
  json: boolean
  debug: boolean
  /** Where the token or the password comes from, when not from the environment. */
  stdinSecret?: 'token' | 'password'
  /** Input values from flags and the environment, as the action's inputs would hold them. */
  inputs: Partial<Record<InputName, string>>
  /** The inputs taken from environment variables (see ENVIRONMENT) rather than from flags. */
  fromEnvironment: InputName[]
  /** The file named by --ca-certificate (the action takes the PEM content itself). */
  caCertificateFile?: string
  /** Where --junit writes the JUnit XML report. */
  junitFile?: string
}

/** Secrets never travel on a command line, where `ps` and the shell's history would show them. */
const SECRET_FLAG_HINTS: Record<string, string> = {
  token:
    'pass it in the ARCGIS_TOKEN environment variable, or on standard input with --token-stdin',
  password:
    'pass it in the ARCGIS_PASSWORD environment variable, or on standard input with --password-stdin (the username in ARCGIS_USERNAME or --username)'
}

/** The environment variables that stand in for inputs. */
export const ENVIRONMENT: Partial<Record<InputName, string>> = {
  'portal-url': 'ARCGIS_PORTAL_URL',
  token: 'ARCGIS_TOKEN',
  'token-referer': 'ARCGIS_TOKEN_REFERER',
  username: 'ARCGIS_USERNAME',
  password: 'ARCGIS_PASSWORD'
}

const OPTIONS: ParseArgsOptionsConfig = {
  ...Object.fromEntries(
    Object.entries(INPUTS).map(([name, kind]) => [
      name,
      kind === 'boolean'
        ? { type: 'boolean' as const }
        : { type: 'string' as const, multiple: kind === 'list' }
    ])
  ),
  'token-stdin': { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  junit: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' }
}

/** Reads the flags and the environment. Throws UsageError for anything it cannot take. */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): CommandLine {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>
  try {
    ;({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowNegative: true }))
  } catch (error) {
    throw new UsageError(describeParseError(error as NodeJS.ErrnoException))
  }
  for (const [name, hint] of Object.entries(SECRET_FLAG_HINTS)) {
    if (values[name] !== undefined) {
      throw new UsageError(
        `--${name} is not accepted: secrets on a command line show in ps and in shell history; ${hint}`
      )
    }
  }
  const tokenStdin = values['token-stdin'] === true
  const passwordStdin = values['password-stdin'] === true
  if (tokenStdin && passwordStdin) {
    throw new UsageError(
      '--token-stdin and --password-stdin cannot be used together: standard input holds one secret'
    )
  }

  const inputs: Partial<Record<InputName, string>> = {}
  const fromEnvironment: InputName[] = []
  for (const [name, kind] of Object.entries(INPUTS) as [InputName, string][]) {
    const value = values[name]
    if (kind === 'pem') continue
    if (Array.isArray(value)) inputs[name] = value.join('\n')
    else if (typeof value === 'boolean') inputs[name] = String(value)
    else if (typeof value === 'string') inputs[name] = value
    else {
      const variable = ENVIRONMENT[name]
      const fromEnv = variable ? env[variable] : undefined
      if (variable && fromEnv) {
        inputs[name] = variableValue(variable, fromEnv)
        fromEnvironment.push(name)
      }
    }
  }
  const stdinSecret = tokenStdin ? 'token' : passwordStdin ? 'password' : undefined
  if (stdinSecret && inputs[stdinSecret]) {
    throw new UsageError(
      `--${stdinSecret}-stdin and ${ENVIRONMENT[stdinSecret]} are both set: give the ${stdinSecret} one way`
    )
  }
  const caCertificateFile = values['ca-certificate']
  if (values.junit === '')
    throw new UsageError('--junit needs a file to write, e.g. --junit restart-report.xml')
  return {
    help: values.help === true,
    version: values.version === true,
    json: values.json === true,
    debug: values.debug === true,
    stdinSecret,
    inputs,
    fromEnvironment,
    caCertificateFile: typeof caCertificateFile === 'string' ? caCertificateFile : undefined,
    junitFile: typeof values.junit === 'string' ? values.junit : undefined
  }
}

/** A variable as CI systems set it: the line ending a Windows agent or a paste leaves is dropped, a control character refused. */
function variableValue(variable: string, value: string): string {
  const clean = withoutLineEndings(value)
  const problem = controlCharacterProblem(variable, clean)
  if (problem) throw new UsageError(problem)
  return clean
}

function describeParseError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = /'([^']+)'/.exec(error.message)?.[1] ?? 'an option'
      return `unknown option ${flag}`
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /'([^']+)'/.exec(error.message)?.[1] ?? ''
      return `unexpected argument '${argument}': every value belongs to a flag, e.g. --deployment-id ${argument}`
    }
    default:
      return error.message
  }
}

export const USAGE = `Usage: arcgis-k8s-restart --portal-url <url> (--deployment-id <id|name> | --service <Folder/Name.Type> | --deployment-filter <filter>)... [options]

Restarts ArcGIS Enterprise on Kubernetes deployments through the admin API, waits for each restart job and for the
pods to be ready again, and exits non-zero when a restart did not succeed.

Target:
  --portal-url <url>          https://host/<context> (or ARCGIS_PORTAL_URL)
  --deployment-id <id|name>   a deployment, by id or by name; repeat the flag or separate with commas
  --service <Folder/Name.Type>  a service whose deployment to restart; repeatable, or commas
  --deployment-filter <filter>  every deployment that matches, e.g. 'type=MapServer mode=Shared',
                              'name=*-featureserver' or all (criteria in one flag must all match;
                              repeat the flag for alternatives). Only started GIS service deployments
                              (mode Shared or Dedicated) are selected
  --allow-empty               a filter that matches nothing is not a failure

Authentication (never on the command line):
  ARCGIS_TOKEN                an administrator token, or --token-stdin to read it from standard input
  --token-referer <referer>   the Referer sent with that token (or ARCGIS_TOKEN_REFERER): the one it was
                              minted with; default the portal's origin; none sends no Referer
  ARCGIS_USERNAME, ARCGIS_PASSWORD
                              a built-in administrator (tokens are generated and renewed);
                              --username <name> and --password-stdin work too

Behaviour:
  --wait / --no-wait          wait for each restart job to end (default: wait)
  --wait-for-ready / --no-wait-for-ready
                              then wait until the pods are ready (default: wait)
  --timeout <duration>        one deadline for the whole run: 90s, 10m, 1h30m (default 15m)
  --poll-interval <duration>  the longest wait between two polls (default 10s)
  --request-timeout <duration>  the longest one HTTP request may take (default 30s)
  --max-concurrency <n>       restarts at once (default 1: one after another)
  --fail-fast / --no-fail-fast  after a failure start no further restart (default: fail fast)
  --verify / --no-verify      once the pods are ready, check that the services answer (default: verify)
  --verify-url <url>          a URL that must answer 2xx after each restart; repeatable
  --dry-run                   show what would restart (a table of the deployments); restart nothing
  --restart-if <always|unhealthy>
                              unhealthy: check each deployment first, restart only those that fail
                              the check (default always)
  --max-unhealthy <n|n%>      only with --restart-if unhealthy: restart nothing and fail when more than
                              this many are unhealthy (default 50%, never less than 1)
  --ca-certificate <file>     PEM file of a private certificate authority to trust

Output:
  --json                      one JSON document on stdout at the end, on every exit (people's lines stay on
                              stderr); outcome invalid-input with its error on exit code 2
  --junit <file>              a JUnit XML report: one test case per deployment, written on every exit but 2
                              (exit code 3 has one failed test case, portal, saying why)
  --debug                     also show each request's method, path, status and time (never a secret)
  -h, --help, --version

Exit codes:
  0    success (also a dry run, or restarts submitted with --no-wait)
  1    a restart failed, timed out or was cancelled, or a deployment or service to restart
       was not found (then nothing was restarted)
  2    invalid usage or input: nothing was sent
  3    could not start: the portal was unreachable, not an admin API, a classic ArcGIS Enterprise, or refused
       the credentials; nothing was restarted
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM, after naming the jobs that go on in the cluster`
