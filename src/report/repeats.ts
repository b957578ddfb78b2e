/**
 * Keeps the same line from filling the log: during an outage every poll retries and fails the same
 * way, hour after hour. A line is said when it is new, or again once a while has passed; a repeat
 * before then goes to the debug log. Lines that differ only in delays, attempt counts, IDs or
 * durations count as the same line; another status code is another line.
 */
import type { Clock } from '../base/clock.js'
import type { Logger } from '../base/logger.js'
import { QUIET_MS } from './progress-pulse.js'

export class RepeatFilter {
  private readonly said = new Map<string, number>()

  /** @param quietMs how long a line stays said: by default the pulse's period for a sign of life */
  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly quietMs = QUIET_MS
  ) {}

  /** True when the line should be said now (and remembers it); false for a recent repeat. */
  fresh(line: string): boolean {
    const key = line
      .replace(/\(request ID [^)]*\)/gi, '')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '#')
      .replace(/\b\d+(\.\d+)?(ms|s|m|h)\b/g, '#')
      .replace(/attempt \d+ of \d+/g, 'attempt #')
      .replace(/\b\d{4,}\b/g, '#')
    const now = this.clock.now()
    const at = this.said.get(key)
    if (at !== undefined && now - at < this.quietMs) return false
    this.said.set(key, now)
    return true
  }
}

/** The logger with its info lines passed through the filter; warnings and debug lines as they are. */
export function withoutRepeats(log: Logger, filter: RepeatFilter): Logger {
  return {
    debug: (message) => log.debug(message),
    warning: (message) => log.warning(message),
    info: (message) => (filter.fresh(message) ? log.info(message) : log.debug(message))
  }
}
