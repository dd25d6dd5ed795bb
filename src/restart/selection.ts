// Choosing deployments from a listing: deployment-filter lines, the guard that keeps platform deployments out of
// filters, and the similar names offered when a deployment-id matches nothing.
import type { Deployment } from '../arcgis/answers.js'
import type { DeploymentFilter } from '../inputs.js'

/**
 * Deployments that are not the microservice of a GIS service: system microservices (type System, mode Undefined —
 * the admin API, the ingress controller, portal sharing, …) and data stores (mode Primary, Standby or Coordinator).
 * Refreshing one takes part of the platform away for a while, the admin API this action polls included, so they
 * restart only when named, never because a filter matched them.
 */
export function restartsOnlyWhenNamed(deployment: Deployment): boolean {
  if (deployment.type?.toLowerCase() === 'system') return true
  const mode = deployment.mode?.toLowerCase()
  return mode !== undefined && mode !== 'shared' && mode !== 'dedicated'
}

export function matchesFilter(filter: DeploymentFilter, deployment: Deployment): boolean {
  return Object.entries(filter.criteria).every(([key, glob]) =>
    globPattern(glob).test(deployment[key as keyof typeof filter.criteria] ?? '')
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
  return (a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id)
}

/** Up to `limit` deployments whose name (or id) is within a few edits of `value`, or contains it. Closest first. */
export function similarDeployments(
  value: string,
  deployments: Deployment[],
  limit = 5
): Deployment[] {
  const wanted = value.toLowerCase()
  const tolerance = Math.max(2, Math.floor(wanted.length / 3))
  return deployments
    .map((deployment) => {
      const candidates = [deployment.name, deployment.id].flatMap((text) =>
        text ? [text.toLowerCase()] : []
      )
      const related = wanted.length >= 3 && candidates.some((text) => text.includes(wanted))
      const distance = Math.min(...candidates.map((text) => editDistance(wanted, text)))
      return { deployment, distance, related }
    })
    .filter(({ distance, related }) => related || distance <= tolerance)
    .sort((a, b) => a.distance - b.distance || byNameThenId(a.deployment, b.deployment))
    .slice(0, limit)
    .map(({ deployment }) => deployment)
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
