import { X509Certificate } from 'node:crypto'
import type { Credentials } from './arcgis/auth.js'
import { parseServiceRef, type ServiceRef } from './arcgis/service-ref.js'
import { parseDuration } from './common/duration.js'
import { parsePortalUrl } from './inputs/portal-url.js'
import type { MaxUnhealthy, RestartInputs } from './restart/restart-inputs.js'
import { parseDeploymentFilter, type DeploymentFilter } from './restart/selection.js'
import { INPUT_VOCABULARY, type Vocabulary } from './common/vocabulary.js'

export class InputError extends Error {
  constructor(
    readonly problems: string[],
    /** True when how to authenticate is among the problems. */
    readonly aboutCredentials = false
  ) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map((problem) => `- ${problem}`).join('\n')}`
    )
    this.name = 'InputError'
  }
}

/**
 * Every input: the action declares each in action.yml and the command takes each as a flag of the same name.
 * `list` values are separated by newlines or commas; `pem` is certificate content (the command reads it from a file).
 */
export const INPUTS = {
  'portal-url': 'text',
  token: 'secret',
  'token-referer': 'text',
  username: 'text',
  password: 'secret',
  'deployment-id': 'list',
  service: 'list',
  'deployment-filter': 'list',
  'allow-empty': 'boolean',
  verify: 'boolean',
  'verify-url': 'list',
  wait: 'boolean',
  'wait-for-ready': 'boolean',
  timeout: 'text',
  'poll-interval': 'text',
  'request-timeout': 'text',
  'max-concurrency': 'text',
  'fail-fast': 'boolean',
  'dry-run': 'boolean',
  'restart-if': 'text',
  'max-unhealthy': 'text',
  'ca-certificate': 'pem'
} as const satisfies Record<string, 'text' | 'list' | 'boolean' | 'secret' | 'pem'>

export type InputName = keyof typeof INPUTS

export const SECRET_INPUTS = (Object.keys(INPUTS) as InputName[]).filter(
  (name) => INPUTS[name] === 'secret'
)

/**
 * The values of the secret inputs, to mask and redact the moment they are read. A token too short to be one is left
 * out: it is refused before anything is sent, and redacting it as a word would cut a placeholder such as `token`
 * out of the very message that refuses it.
 */
export function secretValues(getInput: (name: InputName) => string): string[] {
  return SECRET_INPUTS.map(getInput).filter(
    (value, index) => SECRET_INPUTS[index] !== 'token' || value.length >= MIN_TOKEN_LENGTH
  )
}

const PLAIN_ID = /^[A-Za-z0-9_-]+$/
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
const MAX_CONCURRENCY = 50

/**
 * Reads and validates every input before anything is sent, collecting all problems so that one run shows them all.
 * `getInput` returns the trimmed value of an input, or '' when it is not set (as `core.getInput` does); `words` name
 * the inputs in the messages, and go with the inputs into the run.
 */
export function parseInputs(
  getInput: (name: InputName) => string,
  words: Vocabulary = INPUT_VOCABULARY
): RestartInputs {
  const problems: string[] = []
  const problem = (text: string) => problems.push(text)
  const notices: string[] = []
  const notice = (text: string) => notices.push(text)
  const name = (input: InputName) => words.name(input)

  const portalUrl = parsePortalUrl(getInput('portal-url'), problem, notice, words)
  // A Referer that cannot be sent is a problem of its own, not one of how to authenticate.
  const referer = parseTokenReferer(getInput('token-referer'), problem, name('token-referer'))
  const credentialProblems = problems.length
  const credentials = parseCredentials(getInput, referer, problem, words)
  const aboutCredentials = problems.length > credentialProblems

  const deployments = unique(splitList(getInput('deployment-id')))
  for (const value of deployments) {
    if (!PLAIN_ID.test(value)) {
      problem(
        `${name('deployment-id')} "${value}" is neither a deployment id nor a deployment name (only letters, digits, "-" and "_" are allowed)`
      )
    }
  }
  const services: ServiceRef[] = []
  for (const label of unique(splitList(getInput('service')))) {
    const service = parseServiceRef(label)
    if (service) services.push(service)
    else {
      problem(
        `${name('service')} "${label}" is not of the form Folder/Name.Type or Name.Type (e.g. Hosted/Parcels.FeatureServer)`
      )
    }
  }
  const deploymentFilters = parseDeploymentFilters(getInput('deployment-filter'), problem, words)
  // A filter that was given but refused has its own message: "required" would only mislead.
  if (
    deployments.length === 0 &&
    splitList(getInput('service')).length === 0 &&
    getInput('deployment-filter').trim() === ''
  ) {
    problem(
      `${name('deployment-id')}, ${name('service')} or ${name('deployment-filter')} is required: name at least one deployment (by id or name), service or filter`
    )
  }

  const timeout = getInput('timeout') || '15m'
  const timeoutMs = parsePositiveDuration(name('timeout'), timeout, problem)
  if (/^\d+$/.test(timeout) && timeoutMs > 0 && timeoutMs < 60_000) {
    notice(
      `${words.set('timeout', timeout)} means ${timeout} seconds (a bare number is seconds); for ${timeout} minutes write ${words.set('timeout', `${timeout}m`)}`
    )
  }
  const pollIntervalMs = parsePositiveDuration(
    name('poll-interval'),
    getInput('poll-interval') || '10s',
    problem
  )
  const requestTimeoutMs = parsePositiveDuration(
    name('request-timeout'),
    getInput('request-timeout') || '30s',
    problem
  )

  const inputs: RestartInputs = {
    portalUrl,
    credentials,
    deployments,
    services,
    deploymentFilters,
    allowEmpty: parseBoolean(name('allow-empty'), getInput('allow-empty'), false, problem),
    verify: parseBoolean(name('verify'), getInput('verify'), true, problem),
    verifyUrls: parseVerifyUrls(getInput('verify-url'), problem, name('verify-url')),
    wait: parseBoolean(name('wait'), getInput('wait'), true, problem),
    waitForReady: parseBoolean(name('wait-for-ready'), getInput('wait-for-ready'), true, problem),
    timeoutMs,
    pollIntervalMs,
    requestTimeoutMs,
    maxConcurrency: parseConcurrency(getInput('max-concurrency'), problem, name('max-concurrency')),
    failFast: parseBoolean(name('fail-fast'), getInput('fail-fast'), true, problem),
    dryRun: parseBoolean(name('dry-run'), getInput('dry-run'), false, problem),
    restartIf: parseRestartIf(getInput('restart-if'), problem, name('restart-if')),
    maxUnhealthy: parseMaxUnhealthy(getInput('max-unhealthy'), problem, name('max-unhealthy')),
    caCertificates: parseCertificates(getInput('ca-certificate'), problem, name('ca-certificate')),
    notices,
    vocabulary: words
  }
  const switchedOff = Object.entries({
    verify: inputs.verify,
    wait: inputs.wait,
    'wait-for-ready': inputs.waitForReady
  }).flatMap(([input, on]) => (on ? [] : [words.set(input, 'true')]))
  // Only when restart-if was given as always or not at all: a restart-if refused above has its own message.
  if (getInput('max-unhealthy') && /^(always)?$/i.test(getInput('restart-if'))) {
    problem(
      `${name('max-unhealthy')} goes with ${words.set('restart-if', 'unhealthy')} only: without a health check first, there is nothing for the brake to count`
    )
  }
  if (inputs.verifyUrls.length > 0 && switchedOff.length > 0) {
    problem(
      `${name('verify-url')} needs ${switchedOff.join(' and ')} (the URLs are checked once the pods are ready)`
    )
  }
  if (problems.length > 0) throw new InputError(problems, aboutCredentials)
  return inputs
}

/**
 * The tokens ArcGIS issues (generateToken, OAuth, API keys) are dozens to hundreds of characters long; a shorter
 * value is a placeholder (`x`), a variable's name or a truncated paste, and would get 498 only after the first request.
 * Refusing it also keeps redaction from cutting every occurrence of a short string out of the log.
 */
const MIN_TOKEN_LENGTH = 16

function parseCredentials(
  getInput: (name: InputName) => string,
  referer: string | false | undefined,
  problem: (text: string) => void,
  words: Vocabulary
): Credentials {
  const name = (input: InputName) => words.name(input)
  const token = getInput('token')
  const username = getInput('username')
  const password = getInput('password')
  if (token && (username || password)) {
    problem(
      `${name('token')} and ${username ? name('username') : name('password')} are both set: use one way to authenticate, not both`
    )
  } else if (token) {
    if (token.length < MIN_TOKEN_LENGTH) {
      problem(
        `${name('token')} is ${token.length} character${token.length === 1 ? '' : 's'} long, too short to be an ArcGIS token (at least ${MIN_TOKEN_LENGTH}): check that the secret holds the whole token, not a placeholder or a variable's name`
      )
    }
    return { kind: 'token', token, ...(referer !== undefined && { referer }) }
  } else if (referer !== undefined) {
    problem(
      `${name('token-referer')} goes with ${name('token')} only: with ${name('username')} and ${name('password')} the tokens are generated for the portal's origin`
    )
  } else if (username && password) {
    return { kind: 'password', username, password }
  } else if (username) {
    problem(`${name('password')} is required with ${name('username')}`)
  } else if (password) {
    problem(`${name('username')} is required with ${name('password')}`)
  } else {
    problem(
      `${name('token')}, or both ${name('username')} and ${name('password')}, is required to authenticate to the admin API`
    )
  }
  return { kind: 'token', token: '' }
}

/**
 * The Referer to send with a fixed token: undefined for the default (the portal's origin), false for `none`. Any
 * other text is sent as it is, since a token is bound to whatever string it was minted with (Esri's own command-line
 * client mints with the literal `referer`); only what cannot travel in a header is refused.
 */
function parseTokenReferer(
  value: string,
  problem: (text: string) => void,
  name: string
): string | false | undefined {
  if (value === '') return undefined
  if (value.toLowerCase() === 'none') return false
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    problem(`${name} must be one line without control characters`)
    return undefined
  }
  return value
}

function parsePositiveDuration(
  name: string,
  value: string,
  problem: (text: string) => void
): number {
  const ms = parseDuration(value)
  if (ms === undefined) {
    problem(`${name} "${value}" is not a duration (use e.g. 90, 90s, 10m, 1h or 1h30m)`)
    return 0
  }
  if (ms <= 0) problem(`${name} must be greater than zero`)
  return ms
}

function parseBoolean(
  name: string,
  value: string,
  fallback: boolean,
  problem: (text: string) => void
): boolean {
  if (value === '') return fallback
  if (/^(true|yes|on)$/i.test(value)) return true
  if (/^(false|no|off)$/i.test(value)) return false
  problem(`${name} "${value}" is not a boolean (use true or false)`)
  return fallback
}

function parseConcurrency(value: string, problem: (text: string) => void, name: string): number {
  if (value === '') return 1
  const count = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(count >= 1 && count <= MAX_CONCURRENCY)) {
    problem(`${name} "${value}" must be a whole number from 1 to ${MAX_CONCURRENCY}`)
    return 1
  }
  return count
}

function parseRestartIf(
  value: string,
  problem: (text: string) => void,
  name: string
): RestartInputs['restartIf'] {
  const wanted = value.toLowerCase() || 'always'
  if (wanted === 'always' || wanted === 'unhealthy') return wanted
  problem(`${name} "${value}" must be always or unhealthy`)
  return 'always'
}

/** A count (`3`) or a percentage of the deployments checked (`50%`, the default). */
function parseMaxUnhealthy(
  value: string,
  problem: (text: string) => void,
  name: string
): MaxUnhealthy {
  const match = /^(\d+)(%?)$/.exec(value || '50%')
  const amount = match ? Number(match[1]) : NaN
  if (match?.[2] === '%' && amount >= 1 && amount <= 100) return { percent: amount }
  if (match?.[2] === '' && amount >= 1) return { count: amount }
  problem(
    `${name} "${value}" must be a whole number of deployments (at least 1) or a percentage from 1% to 100%`
  )
  return { percent: 50 }
}

function parseCertificates(value: string, problem: (text: string) => void, name: string): string[] {
  if (!value) return []
  const blocks = value.replace(/\r\n/g, '\n').match(PEM_CERTIFICATE) ?? []
  if (blocks.length === 0) {
    problem(`${name} holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)`)
    return []
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block)
    } catch (error) {
      problem(`${name} #${index + 1} is not a valid PEM certificate: ${(error as Error).message}`)
    }
  })
  return blocks
}

/** One filter per line (see parseDeploymentFilter); each line's problems name the line. */
function parseDeploymentFilters(
  value: string,
  problem: (text: string) => void,
  words: Vocabulary
): DeploymentFilter[] {
  const name = words.name('deployment-filter')
  return unique(splitLines(value)).flatMap(
    (label) =>
      parseDeploymentFilter(label, (text) => problem(`${name} "${label}": ${text}`), words) ?? []
  )
}

/** URLs that must answer 2xx: one per line (a comma may be part of a URL, e.g. a map export's bbox). */
function parseVerifyUrls(value: string, problem: (text: string) => void, name: string): string[] {
  const urls: string[] = []
  for (const line of unique(splitLines(value))) {
    let url: URL
    try {
      url = new URL(line)
    } catch {
      problem(`${name} "${line}" is not a URL (expected https://host/path, one per line)`)
      continue
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      problem(`${name} "${line}" must be an http or https URL, not ${url.protocol}`)
    } else if (url.username || url.password) {
      problem(`${name} "${url.host}${url.pathname}" must not contain credentials`)
    } else {
      urls.push(url.href)
    }
  }
  return urls
}

/** Splits a list given one per line or comma-separated, ignoring blanks. */
function splitList(value: string): string[] {
  return splitLines(value).flatMap((line) =>
    line
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
  )
}

/** The non-blank lines of a multi-line input, trimmed. */
function splitLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}
