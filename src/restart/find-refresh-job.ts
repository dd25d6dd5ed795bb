import type { ServerText } from '../common/server-text.js'
import type { ArcGISAdminClient } from '../arcgis/admin-client.js'
import type { Job, JobListing } from '../arcgis/answers.js'
import { jobPhase } from '../arcgis/job-status.js'
import { ArcGISRequestError } from '../arcgis/request-error.js'
import { sleep } from '../common/cancellation.js'
import type { Deadline } from '../common/deadline.js'
import type { Logger } from '../common/logger.js'

/** The server's clock and the runner's differ: a job that started this much before the refresh went out may be its. */
export const CLOCK_SKEW_MS = 60_000
/** A job can show up in the listing a moment after its refresh's answer was lost: look again after these pauses. */
const LOOK_AGAIN_AFTER_MS = [2_000, 4_000]
/** Job records read one by one, at most, when the listing gives bare ids (from both ends: its order is undocumented). */
const MAX_JOB_READS = 40

export type RefreshJobSearch =
  { kind: 'found'; jobId: ServerText; status: string } | { kind: 'not-found'; reason: string }

interface Bounds {
  deadline: Deadline
  signal?: AbortSignal
}

/**
 * Looks in `<root>/jobs` for the job of a refresh of `deploymentId` whose answer was lost: a job whose operationURI
 * is that deployment's refresh and that started since `sentAt` (epoch ms, less CLOCK_SKEW_MS), or one without a start
 * time that is still running. The nearest to `sentAt` wins. The listing has no documented filter, so the filtering is
 * done here.
 */
export async function findRefreshJob(
  client: ArcGISAdminClient,
  deploymentId: string,
  sentAt: number,
  { deadline, signal }: Bounds,
  logger: Logger
): Promise<RefreshJobSearch> {
  for (const pause of [0, ...LOOK_AGAIN_AFTER_MS]) {
    if (pause > 0) {
      if (pause >= deadline.remaining()) break
      await sleep(pause, signal)
    }
    let listing: JobListing[]
    try {
      listing = await client.listJobs()
    } catch (error) {
      if (!(error instanceof ArcGISRequestError)) throw error
      return { kind: 'not-found', reason: `the list of jobs could not be read (${error.problem})` }
    }
    const found = await nearestRefreshJob(client, listing, deploymentId, sentAt, logger)
    if (found) return { kind: 'found', ...found }
  }
  return {
    kind: 'not-found',
    reason: `the admin API lists no refresh job for it submitted since ${new Date(sentAt).toISOString()}`
  }
}

async function nearestRefreshJob(
  client: ArcGISAdminClient,
  listing: JobListing[],
  deploymentId: string,
  sentAt: number,
  logger: Logger
): Promise<{ jobId: ServerText; status: string } | undefined> {
  const candidates: { jobId: ServerText; job: Job }[] = []
  for (const entry of readable(listing, logger)) {
    const known = entry.job
    const job =
      known?.operationUri && (known.startTime !== undefined || known.status)
        ? known
        : await readJob(client, entry.jobId, logger)
    if (!job || !refreshes(job.operationUri, deploymentId)) continue
    const recent =
      job.startTime !== undefined
        ? job.startTime >= sentAt - CLOCK_SKEW_MS
        : jobPhase(job.status) === 'pending'
    if (recent) candidates.push({ jobId: entry.jobId, job })
  }
  const distance = ({ job }: { job: Job }) => Math.abs((job.startTime ?? sentAt) - sentAt)
  const [nearest] = candidates.sort((a, b) => distance(a) - distance(b))
  return nearest && { jobId: nearest.jobId, status: nearest.job.status || 'SUBMITTED' }
}

/** The entries worth reading: all of a short listing, both ends of a long one. */
function readable(listing: JobListing[], logger: Logger): JobListing[] {
  if (listing.length <= MAX_JOB_READS) return listing
  logger.info(
    `The admin API lists ${listing.length} jobs; looking at the first and last ${MAX_JOB_READS / 2}.`
  )
  return [...listing.slice(0, MAX_JOB_READS / 2), ...listing.slice(-MAX_JOB_READS / 2)]
}

/** One job record; a job that cannot be read (gone, or the API busy) is passed over. */
async function readJob(
  client: ArcGISAdminClient,
  jobId: ServerText,
  logger: Logger
): Promise<Job | undefined> {
  try {
    return await client.getJob(jobId)
  } catch (error) {
    if (!(error instanceof ArcGISRequestError)) throw error
    logger.debug(() => `Job ${jobId} could not be read: ${error.problem}`)
    return undefined
  }
}

/**
 * True when `operationUri` is the refresh of `deploymentId`. Esri's examples give it relative
 * (`system/deployments/<id>/refresh`) or from the context (`/<context>/admin/…`); a full URL reads the same.
 */
export function refreshes(operationUri: string | undefined, deploymentId: string): boolean {
  if (!operationUri) return false
  const segments = operationUri.split(/[?#]/)[0].split('/').filter(Boolean).map(decode)
  const [system, deployments, id, operation] = segments.slice(-4)
  return (
    system?.toLowerCase() === 'system' &&
    deployments?.toLowerCase() === 'deployments' &&
    id === deploymentId &&
    operation?.toLowerCase() === 'refresh'
  )
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
