import { X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'
import { parseDuration } from './common/duration.js'

export type Credentials =
  { kind: 'token'; token: string } | { kind: 'password'; username: string; password: string }

/** A GIS service named as `Folder/Name.Type` or `Name.Type` (root folder). */
export interface ServiceRef {
  folder?: string
  name: string
  type: string
  /** As the user wrote it, for messages and the `service` field of the results. */
  label: string
}

/** What a deployment-filter criterion looks at in a deployment. */
const FILTER_KEYS = ['name', 'type', 'mode', 'provider'] as const
type FilterKey = (typeof FILTER_KEYS)[number]

/**
 * One line of deployment-filter: a deployment matches when every criterion does (a line `all` has none, and matches
 * every deployment). Values are case-insensitive globs (`*`, `?`).
 */
export interface DeploymentFilter {
  /** The line as the user wrote it, for messages. */
  label: string
  criteria: Partial<Record<FilterKey, string>>
}

export interface RestartInputs {
  /** `https://host/<context>`, without a trailing `/` or `/admin`. */
  portalUrl: string
  credentials: Credentials
  /** Deployments named in deployment-id: each a deployment id or the name of one deployment. */
  deployments: string[]
  services: ServiceRef[]
  /** Any of them selects a deployment (one per line of deployment-filter). */
  deploymentFilters: DeploymentFilter[]
  /** A deployment-filter that matches nothing is not a failure. */
  allowEmpty: boolean
  /** After the pods are ready, check that the services answer (and the verify-url URLs). */
  verify: boolean
  verifyUrls: string[]
  wait: boolean
  waitForReady: boolean
  timeoutMs: number
  pollIntervalMs: number
  requestTimeoutMs: number
  maxConcurrency: number
  failFast: boolean
  dryRun: boolean
  caCertificates: string[]
  /**
   * Inputs that were accepted but may not mean what was meant (a portal page's URL, a timeout in seconds), one
   * sentence each; the engine logs them as warnings, so that every face shows them.
   */
  notices: string[]
}

export class InputError extends Error {
  constructor(readonly problems: string[]) {
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
  'ca-certificate': 'pem'
} as const satisfies Record<string, 'text' | 'list' | 'boolean' | 'secret' | 'pem'>

export type InputName = keyof typeof INPUTS

export const SECRET_INPUTS = (Object.keys(INPUTS) as InputName[]).filter(
  (name) => INPUTS[name] === 'secret'
)

const PLAIN_ID = /^[A-Za-z0-9_-]+$/
const FILTER_VALUE = /^[A-Za-z0-9_.*?-]+$/
/** The modes a deployment can have (the Deployments resource and the findDeploymentIds operation list them). */
const DEPLOYMENT_MODES = ['Shared', 'Dedicated', 'Undefined', 'Primary', 'Standby', 'Coordinator']
const SERVICE = /^(?:([A-Za-z0-9_-]+)\/)?([A-Za-z0-9_-]+)\.([A-Za-z]+Server)$/
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
const MAX_CONCURRENCY = 50

/**
 * Reads and validates every input before anything is sent, collecting all problems so that one run shows them all.
 * `getInput` returns the trimmed value of an input, or '' when it is not set (as `core.getInput` does).
 */
export function parseInputs(getInput: (name: InputName) => string): RestartInputs {
  const problems: string[] = []
  const problem = (text: string) => problems.push(text)
  const notices: string[] = []
  const notice = (text: string) => notices.push(text)

  const portalUrl = parsePortalUrl(getInput('portal-url'), problem, notice)
  const credentials = parseCredentials(getInput, problem)

  const deployments = unique(splitList(getInput('deployment-id')))
  for (const value of deployments) {
    if (!PLAIN_ID.test(value)) {
      problem(
        `deployment-id "${value}" is neither a deployment id nor a deployment name (only letters, digits, "-" and "_" are allowed)`
      )
    }
  }
  const services: ServiceRef[] = []
  for (const label of unique(splitList(getInput('service')))) {
    const match = SERVICE.exec(label)
    if (!match) {
      problem(
        `service "${label}" is not of the form Folder/Name.Type or Name.Type (e.g. Hosted/Parcels.FeatureServer)`
      )
      continue
    }
    const [, folder, name, type] = match
    services.push({ folder, name, type, label })
  }
  const deploymentFilters = parseDeploymentFilters(getInput('deployment-filter'), problem)
  if (
    deployments.length === 0 &&
    splitList(getInput('service')).length === 0 &&
    deploymentFilters.length === 0
  ) {
    problem(
      'deployment-id, service or deployment-filter is required: name at least one deployment (by id or name), service or filter'
    )
  }

  const timeout = getInput('timeout') || '15m'
  const timeoutMs = parsePositiveDuration('timeout', timeout, problem)
  if (/^\d+$/.test(timeout) && timeoutMs > 0 && timeoutMs < 60_000) {
    notice(
      `timeout: ${timeout} means ${timeout} seconds (a bare number is seconds); for ${timeout} minutes write ${timeout}m`
    )
  }
  const pollIntervalMs = parsePositiveDuration(
    'poll-interval',
    getInput('poll-interval') || '10s',
    problem
  )
  const requestTimeoutMs = parsePositiveDuration(
    'request-timeout',
    getInput('request-timeout') || '30s',
    problem
  )

  const inputs: RestartInputs = {
    portalUrl,
    credentials,
    deployments,
    services,
    deploymentFilters,
    allowEmpty: parseBoolean('allow-empty', getInput('allow-empty'), false, problem),
    verify: parseBoolean('verify', getInput('verify'), true, problem),
    verifyUrls: parseVerifyUrls(getInput('verify-url'), problem),
    wait: parseBoolean('wait', getInput('wait'), true, problem),
    waitForReady: parseBoolean('wait-for-ready', getInput('wait-for-ready'), true, problem),
    timeoutMs,
    pollIntervalMs,
    requestTimeoutMs,
    maxConcurrency: parseConcurrency(getInput('max-concurrency'), problem),
    failFast: parseBoolean('fail-fast', getInput('fail-fast'), true, problem),
    dryRun: parseBoolean('dry-run', getInput('dry-run'), false, problem),
    caCertificates: parseCertificates(getInput('ca-certificate'), problem),
    notices
  }
  const switchedOff = Object.entries({
    verify: inputs.verify,
    wait: inputs.wait,
    'wait-for-ready': inputs.waitForReady
  }).flatMap(([name, on]) => (on ? [] : [name]))
  if (inputs.verifyUrls.length > 0 && switchedOff.length > 0) {
    problem(
      `verify-url needs ${switchedOff.join(', ')} to be true: the URLs are checked once the pods are ready`
    )
  }
  if (problems.length > 0) throw new InputError(problems)
  return inputs
}

/**
 * The pages people paste for the portal URL, by the path segment after the context that starts them: the part from
 * that segment on is dropped (with a notice), as is a trailing `/admin` (without one: it names the admin API itself).
 */
const PORTAL_PAGES: Record<string, string> = {
  home: "a page of the portal's home app",
  sharing: "the portal's sharing API",
  portaladmin: 'the Portal Administrator API',
  manager: 'ArcGIS Enterprise Manager',
  rest: 'the services directory',
  admin: 'a resource of the admin API'
}

function parsePortalUrl(
  value: string,
  problem: (text: string) => void,
  notice: (text: string) => void
): string {
  if (!value) {
    problem('portal-url is required (e.g. https://gis.example.com/arcgis)')
    return ''
  }
  // `localhost:8443/arcgis` would parse as a URL whose scheme is `localhost:`.
  if (!/^[a-z][a-z\d+.-]*:(?!\d)/i.test(value)) {
    problem(`portal-url "${value}" has no scheme: write https://${value.replace(/^\/+/, '')}`)
    return ''
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    problem(`portal-url "${value}" is not a URL (expected https://host/<context>)`)
    return ''
  }
  if (url.username || url.password) {
    problem(
      'portal-url must not contain credentials: pass them in the token or username/password inputs'
    )
    return ''
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    problem(
      `portal-url must use https: plain http would send the admin token in clear text (http is allowed only for localhost)`
    )
    return ''
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problem(`portal-url must be an https URL, not ${url.protocol}`)
    return ''
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  // The first segment is the web adaptor's context, whatever its name.
  const pageAt = segments.findIndex(
    (segment, index) => index > 0 && Object.hasOwn(PORTAL_PAGES, segment.toLowerCase())
  )
  if (pageAt === -1 && (url.search || url.hash)) {
    problem(`portal-url must not have a query or fragment: use https://${url.host}${url.pathname}`)
    return ''
  }
  if (pageAt === -1) return `${url.origin}${pathOf(segments)}`

  const portalUrl = `${url.origin}${pathOf(segments.slice(0, pageAt))}`
  const dropped = segments.slice(pageAt)
  if (dropped.length > 1 || dropped[0].toLowerCase() !== 'admin' || url.search || url.hash) {
    const query = url.search || url.hash ? ' and its query' : ''
    notice(
      `portal-url names ${PORTAL_PAGES[dropped[0].toLowerCase()]}, not the portal: using ${portalUrl} (dropped "${pathOf(dropped)}"${query}). Set portal-url to ${portalUrl} to silence this warning.`
    )
  }
  return portalUrl
}

function pathOf(segments: string[]): string {
  return segments.map((segment) => `/${segment}`).join('')
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  return isIP(host) === 4 && host.startsWith('127.')
}

/**
 * The tokens ArcGIS issues (generateToken, OAuth, API keys) are dozens to hundreds of characters long; a shorter
 * value is a placeholder (`x`), a variable's name or a truncated paste, and would get 498 only after the first request.
 * Refusing it also keeps redaction from cutting every occurrence of a short string out of the log.
 */
const MIN_TOKEN_LENGTH = 16

function parseCredentials(
  getInput: (name: InputName) => string,
  problem: (text: string) => void
): Credentials {
  const token = getInput('token')
  const username = getInput('username')
  const password = getInput('password')
  if (token && (username || password)) {
    problem('token and username/password are both set: use one way to authenticate, not both')
  } else if (token) {
    if (token.length < MIN_TOKEN_LENGTH) {
      problem(
        `token is ${token.length} characters long, too short to be an ArcGIS token (at least ${MIN_TOKEN_LENGTH}): check that the secret holds the whole token, not a placeholder or a variable's name`
      )
    }
    return { kind: 'token', token }
  } else if (username && password) {
    return { kind: 'password', username, password }
  } else if (username) {
    problem('password is required with username')
  } else if (password) {
    problem('username is required with password')
  } else {
    problem('token, or both username and password, is required to authenticate to the admin API')
  }
  return { kind: 'token', token: '' }
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

function parseConcurrency(value: string, problem: (text: string) => void): number {
  if (value === '') return 1
  const count = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(count >= 1 && count <= MAX_CONCURRENCY)) {
    problem(`max-concurrency "${value}" must be a whole number from 1 to ${MAX_CONCURRENCY}`)
    return 1
  }
  return count
}

function parseCertificates(value: string, problem: (text: string) => void): string[] {
  if (!value) return []
  const blocks = value.replace(/\r\n/g, '\n').match(PEM_CERTIFICATE) ?? []
  if (blocks.length === 0) {
    problem('ca-certificate holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)')
    return []
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block)
    } catch (error) {
      problem(
        `ca-certificate #${index + 1} is not a valid PEM certificate: ${(error as Error).message}`
      )
    }
  })
  return blocks
}

/**
 * One filter per line, its criteria separated by spaces (`type=MapServer mode=Shared`), or `all`. Commas are refused
 * rather than guessed at: in other inputs they separate alternatives, while the criteria of a filter must all match.
 */
function parseDeploymentFilters(
  value: string,
  problem: (text: string) => void
): DeploymentFilter[] {
  const filters: DeploymentFilter[] = []
  for (const label of unique(splitLines(value))) {
    const lineProblems: string[] = []
    const criteria = parseCriteria(label, (text) =>
      lineProblems.push(`deployment-filter "${label}": ${text}`)
    )
    lineProblems.forEach(problem)
    if (lineProblems.length === 0) filters.push({ label, criteria })
  }
  return filters
}

function parseCriteria(
  line: string,
  problem: (text: string) => void
): DeploymentFilter['criteria'] {
  const criteria: DeploymentFilter['criteria'] = {}
  if (line.includes(',')) {
    problem(
      'separate the criteria of one filter with spaces (all must match) and put filters on separate lines (any may match), without commas'
    )
    return criteria
  }
  const words = line.split(/\s+/)
  if (words.some((word) => word.toLowerCase() === 'all')) {
    if (words.length > 1) problem('"all" selects every deployment and stands alone on its line')
    return criteria
  }
  for (const word of words) {
    const equals = word.indexOf('=')
    const key = word.slice(0, equals).toLowerCase() as FilterKey
    const wanted = word.slice(equals + 1)
    if (equals <= 0 || !FILTER_KEYS.includes(key)) {
      problem(
        `"${word}" is not a criterion (use ${FILTER_KEYS.map((name) => `${name}=…`).join(', ')}, or all)`
      )
    } else if (criteria[key] !== undefined) {
      problem(`${key} is given twice; put alternatives on separate lines`)
    } else if (!FILTER_VALUE.test(wanted)) {
      problem(
        `${key} "${wanted}" may hold only letters, digits, ".", "-", "_" and the wildcards * and ?`
      )
    } else if (key === 'mode' && !isKnownMode(wanted)) {
      problem(`mode "${wanted}" is not a deployment mode (${DEPLOYMENT_MODES.join(', ')})`)
    } else {
      criteria[key] = wanted
    }
  }
  return criteria
}

function isKnownMode(value: string): boolean {
  return (
    /[*?]/.test(value) ||
    DEPLOYMENT_MODES.some((mode) => mode.toLowerCase() === value.toLowerCase())
  )
}

/** URLs that must answer 2xx: one per line (a comma may be part of a URL, e.g. a map export's bbox). */
function parseVerifyUrls(value: string, problem: (text: string) => void): string[] {
  const urls: string[] = []
  for (const line of unique(splitLines(value))) {
    let url: URL
    try {
      url = new URL(line)
    } catch {
      problem(`verify-url "${line}" is not a URL (expected https://host/path, one per line)`)
      continue
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      problem(`verify-url "${line}" must be an http or https URL, not ${url.protocol}`)
    } else if (url.username || url.password) {
      problem(`verify-url "${url.host}${url.pathname}" must not contain credentials`)
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
