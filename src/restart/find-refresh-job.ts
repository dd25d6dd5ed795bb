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
/**
 * A real listing gives bare ids, hundreds on a busy server, in no documented order and without paging: each record
 * is read on its own, this many at once at most, until the refresh job is found.
 */
const MAX_CONCURRENT_READS = 8
/** Job records read, at most, in one search (over every look at the listing). */
const MAX_JOB_READS = 1_000

export type RefreshJobSearch =
  { kind: 'found'; jobId: ServerText; status: string } | { kind: 'not-found'; reason: string }

interface Bounds {
  deadline: Deadline
  signal?: AbortSignal
}

/** What a search has learnt so far, kept over its looks: a job's operation and start time never change. */
interface Records {
  /** By the job id's text. */
  known: Map<string, Job>
  /** Records asked for, read or not: counted against MAX_JOB_READS. */
  asked: number
  /** Whether the long listing was announced in the log. */
  announced: boolean
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
  const records: Records = { known: new Map(), asked: 0, announced: false }
  const isCandidate = (job: Job) =>
    refreshes(job.operationUri, deploymentId) &&
    (job.startTime !== undefined
      ? job.startTime >= sentAt - CLOCK_SKEW_MS
      : jobPhase(job.status) === 'pending')
  let listing: JobListing[] = []
  for (const pause of [0, ...LOOK_AGAIN_AFTER_MS]) {
    if (pause > 0) {
      if (pause >= deadline.remaining()) break
      await sleep(pause, signal)
    }
    try {
      listing = await client.listJobs()
    } catch (error) {
      if (!(error instanceof ArcGISRequestError)) throw error
      return { kind: 'not-found', reason: `the list of jobs could not be read (${error.problem})` }
    }
    const found = await nearestRefreshJob(client, listing, isCandidate, sentAt, records, {
      deadline,
      logger
    })
    if (found) return { kind: 'found', ...found }
  }
  return {
    kind: 'not-found',
    reason: `the admin API lists no refresh job for it submitted since ${new Date(sentAt).toISOString()} (${howMuchWasRead(listing, records, deadline)})`
  }
}

/** `480 of 1200 job records read before the timeout`, for a search that found nothing. */
function howMuchWasRead(listing: JobListing[], records: Records, deadline: Deadline): string {
  if (listing.length === 0) return 'its list of jobs is empty'
  const read = listing.filter((entry) => records.known.has(entry.jobId.raw)).length
  const why =
    read === listing.length
      ? ''
      : deadline.passed()
        ? ' before the timeout'
        : records.asked >= MAX_JOB_READS
          ? `: at most ${MAX_JOB_READS} are read`
          : ' (the others could not be read)'
  return `${read} of ${listing.length} job records read${why}`
}

async function nearestRefreshJob(
  client: ArcGISAdminClient,
  listing: JobListing[],
  isCandidate: (job: Job) => boolean,
  sentAt: number,
  records: Records,
  { deadline, logger }: { deadline: Deadline; logger: Logger }
): Promise<{ jobId: ServerText; status: string } | undefined> {
  for (const { jobId, job } of listing) {
    // A listing of job objects tells enough when it gives the operation and a start time or status.
    if (job?.operationUri && (job.startTime !== undefined || job.status)) {
      records.known.set(jobId.raw, job)
    }
  }
  const candidates = () =>
    listing.flatMap(({ jobId }) => {
      const job = records.known.get(jobId.raw)
      return job && isCandidate(job) ? [{ jobId, job }] : []
    })
  if (candidates().length === 0) {
    const unread = listing.filter(({ jobId }) => !records.known.has(jobId.raw))
    const ids = fromBothEnds(unread.map(({ jobId }) => jobId)).slice(
      0,
      Math.max(0, MAX_JOB_READS - records.asked)
    )
    if (ids.length > MAX_CONCURRENT_READS && !records.announced) {
      records.announced = true
      logger.info(
        `The admin API lists ${listing.length} jobs; reading their records ${MAX_CONCURRENT_READS} at a time until the refresh job is found (at most ${MAX_JOB_READS}).`
      )
    }
    await readUntilFound(
      ids,
      async (jobId) => {
        records.asked++
        const job = await readJob(client, jobId, logger)
        if (job) records.known.set(jobId.raw, job)
        return job !== undefined && isCandidate(job)
      },
      deadline
    )
  }
  const distance = ({ job }: { job: Job }) => Math.abs((job.startTime ?? sentAt) - sentAt)
  const [nearest] = candidates().sort((a, b) => distance(a) - distance(b))
  return nearest && { jobId: nearest.jobId, status: nearest.job.status || 'SUBMITTED' }
}

/**
 * Reads the records of `ids` in order, MAX_CONCURRENT_READS at once, until `read` says one is the job wanted or the
 * deadline passes; the reads under way then end, and no new one starts.
 */
async function readUntilFound(
  ids: ServerText[],
  read: (jobId: ServerText) => Promise<boolean>,
  deadline: Deadline
): Promise<void> {
  let next = 0
  let stop = false
  const reader = async () => {
    try {
      while (!stop && next < ids.length && !deadline.passed()) {
        if (await read(ids[next++])) stop = true
      }
    } catch (error) {
      stop = true
      throw error
    }
  }
  await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_READS, ids.length) }, reader))
}

/** The last, the first, the last but one, …: where a job just submitted is likeliest, whichever way it is ordered. */
function fromBothEnds<T>(items: T[]): T[] {
  const ordered: T[] = []
  for (let low = 0, high = items.length - 1; low <= high; low++, high--) {
    ordered.push(items[high])
    if (low < high) ordered.push(items[low])
  }
  return ordered
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
