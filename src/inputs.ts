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

export interface RestartInputs {
  /** `https://host/<context>`, without a trailing `/` or `/admin`. */
  portalUrl: string
  credentials: Credentials
  deploymentIds: string[]
  services: ServiceRef[]
  wait: boolean
  waitForReady: boolean
  timeoutMs: number
  pollIntervalMs: number
  requestTimeoutMs: number
  maxConcurrency: number
  failFast: boolean
  dryRun: boolean
  caCertificates: string[]
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

  const portalUrl = parsePortalUrl(getInput('portal-url'), problem)
  const credentials = parseCredentials(getInput, problem)

  const deploymentIds = unique(splitList(getInput('deployment-id')))
  for (const id of deploymentIds) {
    if (!PLAIN_ID.test(id)) {
      problem(
        `deployment-id "${id}" is not a plain deployment id (only letters, digits, "-" and "_" are allowed)`
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
  if (deploymentIds.length === 0 && splitList(getInput('service')).length === 0) {
    problem('deployment-id or service is required: name at least one deployment id or service')
  }

  const timeoutMs = parsePositiveDuration('timeout', getInput('timeout') || '15m', problem)
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
    deploymentIds,
    services,
    wait: parseBoolean('wait', getInput('wait'), true, problem),
    waitForReady: parseBoolean('wait-for-ready', getInput('wait-for-ready'), true, problem),
    timeoutMs,
    pollIntervalMs,
    requestTimeoutMs,
    maxConcurrency: parseConcurrency(getInput('max-concurrency'), problem),
    failFast: parseBoolean('fail-fast', getInput('fail-fast'), true, problem),
    dryRun: parseBoolean('dry-run', getInput('dry-run'), false, problem),
    caCertificates: parseCertificates(getInput('ca-certificate'), problem)
  }
  if (problems.length > 0) throw new InputError(problems)
  return inputs
}

function parsePortalUrl(value: string, problem: (text: string) => void): string {
  if (!value) {
    problem('portal-url is required (e.g. https://gis.example.com/arcgis)')
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
  if (url.search || url.hash) {
    problem(`portal-url must not have a query or fragment: use https://${url.host}${url.pathname}`)
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
  const path = url.pathname.replace(/\/+$/, '').replace(/\/admin$/i, '')
  return `${url.origin}${path}`
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  return isIP(host) === 4 && host.startsWith('127.')
}

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

/** Splits a list given one per line or comma-separated, ignoring blanks. */
function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}
