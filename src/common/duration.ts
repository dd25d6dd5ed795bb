const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const

// Units must appear in this order, each at most once: 1h30m, 90s, 2m15s, 500ms.
const DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/

/**
 * Parses `90` (seconds), `90s`, `10m`, `1h`, `1h30m` or `500ms` into milliseconds.
 * Returns undefined for anything else, so the caller can name the input in its error.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim()
  if (/^\d+$/.test(value)) return Number(value) * UNIT_MS.s
  const match = DURATION.exec(value)
  if (!match || value === '') return undefined
  const [, hours, minutes, seconds, millis] = match
  return (
    Number(hours ?? 0) * UNIT_MS.h +
    Number(minutes ?? 0) * UNIT_MS.m +
    Number(seconds ?? 0) * UNIT_MS.s +
    Number(millis ?? 0) * UNIT_MS.ms
  )
}

/** A human-readable duration for logs: `850ms`, `12s`, `1m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`
  const totalSeconds = Math.round(ms / 1_000)
  if (totalSeconds < 60) return `${totalSeconds}s`
  const hours = Math.floor(totalSeconds / 3_600)
  const minutes = Math.floor((totalSeconds % 3_600) / 60)
  const seconds = totalSeconds % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return hours > 0 ? `${hours}h${pad(minutes)}m` : `${minutes}m${pad(seconds)}s`
}
