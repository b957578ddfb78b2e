/**
 * The lines a go-live run logs while it goes: its first lines, a warning about an expiring token,
 * a line per event of the flow, and the signal that cancels it. How a run ends is in sentences.ts.
 */
import { formatDuration } from '../base/duration.js'
import type { GoLiveEvent } from '../model/outcome.js'
import { readinessLine } from './readiness-lines.js'
import type { GoLiveSettings } from '../model/settings.js'

export const signalLine = (signal: string): string =>
  `Received ${signal}: the workflow run is being cancelled, so the wait stops now.`

/**
 * The run's first lines. They say nothing of a new go-live: whether one is started, joined or
 * resumed is known only later (the 'source' event says it).
 */
export const announceLines = (target: string, apiName: string, baseUrl: string, authentication: string): string[] => [
  `Target: ${target}, through the ${apiName} at ${baseUrl}`,
  `Authentication: ${authentication}`
]

/**
 * A `token` input that has expired, or will before the wait ends: a warning saying what to use
 * instead. `expiry`: the token's own `exp` as clock time, when it is a JWT that says.
 */
export function tokenExpiryWarning(
  settings: GoLiveSettings,
  expiry: number | undefined,
  now: number,
  deadline: number
): string | undefined {
  if (settings.auth.kind !== 'token' || expiry === undefined) return undefined
  if (expiry <= now) {
    return (
      `The 'token' input expired at ${new Date(expiry).toISOString()}; the API will refuse it. ` +
      "Use 'tenant-id' + 'client-id' with 'client-secret' or GitHub OIDC so the action gets and renews tokens."
    )
  }
  if (settings.wait && !settings.dryRun && expiry < deadline) {
    return (
      `The 'token' input expires at ${new Date(expiry).toISOString()} (in ${formatDuration(expiry - now)}), ` +
      `before the ${formatDuration(settings.timeoutMs)} timeout: a longer wait fails with 401. ` +
      "Client credentials or GitHub OIDC ('tenant-id' + 'client-id') are renewed during the wait."
    )
  }
  return undefined
}

/** The line a go-live event is logged with; `fenced`: it holds API text. */
export function eventLine(event: GoLiveEvent, target: string): { text: string; fenced?: boolean } | undefined {
  switch (event.type) {
    case 'source':
      if (event.source.kind === 'recorded')
        return {
          text: `Following an existing go-live of ${target}: the one recorded in GitHub deployment ${event.source.deploymentId}; nothing new is started`
        }
      if (event.source.kind === 'resumed')
        return {
          text: `Following an existing go-live of ${target}: the operation given in 'operation-location'; nothing new is started`
        }
      if (event.source.joined) return { text: `Following an existing go-live: ${event.source.note}`, fenced: true }
      return { text: `Going live: ${target} - ${event.source.note}`, fenced: true }
    case 'operation':
      return { text: `Operation: ${event.operation.location}` }
    case 'waiting':
      return {
        text: `Waiting up to ${formatDuration(event.timeoutMs)}, checking every ${formatDuration(event.pollIntervalMs)}`
      }
    case 'poll-failed':
      return {
        text: `A status check failed and will be retried at the next poll: ${(event.error as Error).message}`,
        fenced: true
      }
    case 'cancelling':
      return { text: `${event.reason} - asking the API to cancel the operation` }
    case 'cancel-answered':
      return { text: `Cancellation: ${event.message}`, fenced: true }
    case 'following-cancellation':
      return { text: `Following the cancellation operation: ${event.operation.location}` }
    case 'readiness':
      return { text: readinessLine(event.readiness, event.queued), fenced: true }
    case 'snapshot':
      return undefined
  }
}
