// Choosing deployments from a listing: deployment-filter lines (their syntax and their meaning), the guard that
// keeps platform deployments out of filters, and the similar names offered when a deployment-id matches nothing.
import type { Deployment } from '../arcgis/answers.js'
import type { Vocabulary } from '../common/vocabulary.js'

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

const FILTER_VALUE = /^[A-Za-z0-9_.*?-]+$/
/** The modes a deployment can have (the Deployments resource and the findDeploymentIds operation list them). */
const DEPLOYMENT_MODES = ['Shared', 'Dedicated', 'Undefined', 'Primary', 'Standby', 'Coordinator']

/**
 * One line of deployment-filter: its criteria separated by spaces (`type=MapServer mode=Shared`), or `all`; undefined
 * when the line has a problem. Commas are refused rather than guessed at: in other inputs they separate alternatives,
 * while the criteria of a filter must all match.
 */
export function parseDeploymentFilter(
  label: string,
  problem: (text: string) => void,
  words: Vocabulary
): DeploymentFilter | undefined {
  let valid = true
  const alternatives = words.separately('deployment-filter')
  const criteria = parseCriteria(label, alternatives, (text) => {
    valid = false
    problem(text)
  })
  return valid ? { label, criteria } : undefined
}

/** `alternatives` says where a filter goes that is an alternative to another: `on its own line of deployment-filter`. */
function parseCriteria(
  line: string,
  alternatives: string,
  problem: (text: string) => void
): DeploymentFilter['criteria'] {
  const criteria: DeploymentFilter['criteria'] = {}
  if (line.includes(',')) {
    problem(
      `separate the criteria of one filter with spaces (all must match) and give each alternative ${alternatives} (any may match), without commas`
    )
    return criteria
  }
  const words = line.split(/\s+/)
  if (words.some((word) => word.toLowerCase() === 'all')) {
    if (words.length > 1) problem('"all" selects every deployment and stands alone')
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
      problem(`${key} is given twice; give each alternative ${alternatives}`)
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

/**
 * Only the microservices of GIS services are known to be safe to restart because a filter matched them: Esri's
 * Deployments page says "Only microservices related to an ArcGIS service type return Dedicated or Shared". So a
 * filter selects a deployment only when its mode is Shared or Dedicated and its type is not System. Everything else
 * restarts only when named: system microservices (type System, or mode Undefined — the admin API, the ingress
 * controller, a webhook processor, …), data stores (mode Primary, Standby or Coordinator — an object store, the
 * relational store) and records with no mode or one this action does not know. Refreshing one takes part of the
 * platform away for a while, the admin API this action polls included.
 */
export function restartsOnlyWhenNamed(deployment: Deployment): boolean {
  if (deployment.type?.raw.toLowerCase() === 'system') return true
  const mode = deployment.mode?.raw.toLowerCase()
  return mode !== 'shared' && mode !== 'dedicated'
}

export function matchesFilter(filter: DeploymentFilter, deployment: Deployment): boolean {
  return Object.entries(filter.criteria).every(([key, glob]) =>
    globPattern(glob).test(deployment[key as keyof typeof filter.criteria]?.raw ?? '')
  )
}

/** `*` any run of characters, `?` any one; case-insensitive, whole value. */
function globPattern(glob: string): RegExp {
  const source = [...glob]
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
    )
    .join('')
  return new RegExp(`^${source}$`, 'i')
}

/** Names first, then ids: the order in which filtered deployments restart, the same on every run. */
export function byNameThenId(a: Deployment, b: Deployment): number {
  return (a.name?.raw ?? '').localeCompare(b.name?.raw ?? '') || a.id.localeCompare(b.id)
}

/** Up to `limit` deployments whose name (or id) is within a few edits of `value`, or contains it. Closest first. */
export function similarDeployments(
  value: string,
  deployments: Deployment[],
  limit = 5
): Deployment[] {
  const ordered = [...deployments].sort(byNameThenId)
  return similar(value, ordered, (deployment) => [deployment.name?.raw, deployment.id], limit)
}

/**
 * Up to `limit` of `items` whose texts are within a few edits of `value`, or contain it, whatever the case. Closest
 * first; ties keep the items' order.
 */
export function similar<T>(
  value: string,
  items: T[],
  textsOf: (item: T) => (string | undefined)[],
  limit = 5
): T[] {
  const wanted = value.toLowerCase()
  const tolerance = Math.max(2, Math.floor(wanted.length / 3))
  return items
    .map((item) => {
      const candidates = textsOf(item).flatMap((text) => (text ? [text.toLowerCase()] : []))
      const related = wanted.length >= 3 && candidates.some((text) => text.includes(wanted))
      const distance = Math.min(...candidates.map((text) => editDistance(wanted, text)))
      return { item, distance, related }
    })
    .filter(({ distance, related }) => related || distance <= tolerance)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map(({ item }) => item)
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length]
}
