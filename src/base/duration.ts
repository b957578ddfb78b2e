/** Durations as users write them in workflow inputs: `90s`, `45m`, `6h`, `2d`, or bare minutes. */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000
}

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i

/**
 * Parses a duration into milliseconds, or returns undefined when the text is not one.
 * A bare number means minutes, as the contract says.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim())
  if (!match) return undefined
  const amount = Number(match[1])
  const unit = (match[2] ?? 'm').toLowerCase()
  const ms = Math.round(amount * UNIT_MS[unit])
  return Number.isFinite(ms) ? ms : undefined
}

/** A short human form for logs and the summary: `45s`, `12m 05s`, `3h 02m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) ms = 0
  if (ms < 1000) return `${Math.round(ms)}ms`
  const totalSeconds = Math.round(ms / 1000)
  const days = Math.floor(totalSeconds / 86_400)
  const hours = Math.floor((totalSeconds % 86_400) / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  if (days > 0) return `${days}d ${hours}h`
  if (hours > 0) return `${hours}h ${pad(minutes)}m`
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`
  return `${seconds}s`
}
