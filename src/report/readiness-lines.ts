/**
 * The words of `when-ready`: where the preview is as a run checks it, a go-live queued for a
 * follow run, a preview that failed (each failing check and report link), and a preview that was
 * not ready within the timeout.
 */
import { formatDuration } from '../base/duration.js'
import { withoutTrailingStop } from '../base/text.js'
import type { GoLiveOutcome } from '../model/outcome.js'
import type { Readiness, ReadinessState } from '../model/status.js'
import type { Conclusion } from './conclusion.js'

const STATE_WORDS: Record<ReadinessState, string> = {
  'nothing-submitted': 'nothing submitted',
  pending: 'in validation or certification',
  ready: 'ready',
  failed: 'failed',
  running: 'a go-live already running',
  live: 'already live'
}

/** `in validation or certification`: a readiness state for people. */
export function readinessWords(state: ReadinessState): string {
  return STATE_WORDS[state]
}

/** The line a readiness check is logged with (API text: fenced). */
export function readinessLine(readiness: Readiness, queued?: boolean): string {
  const line = `Preview: ${readinessWords(readiness.state)} - ${withoutTrailingStop(readiness.explanation)}`
  return queued ? `${line}. The GitHub deployment is queued: a follow run goes live once the preview is ready` : line
}

/** What a failed preview reports: each failing check, then each certification report. */
export function previewFailureDetails(readiness: Readiness): string {
  const checks = (readiness.failures ?? []).map((f) => withoutTrailingStop(f)).filter(Boolean)
  const reports = readiness.reports ?? []
  return [
    checks.length ? ` Failing checks: ${checks.join('; ')}.` : '',
    reports.length ? ` Certification reports: ${reports.join(' ')}` : ''
  ].join('')
}

/** A deployment status for a queued go-live (140 characters, cut by the caller). */
export function queuedDescription(readiness: Readiness): string {
  return `Waiting for the preview (${readinessWords(readiness.state)}); a follow run goes live once it is ready`
}

/** A deployment status for a queued go-live whose preview failed. */
export function previewFailedDescription(readiness: Readiness): string {
  const first = readiness.failures?.[0]
  return `Not started: the preview failed${first ? `: ${withoutTrailingStop(first)}` : ''}`
}

/** How a `when-ready` run ends when it did not go live: queued, preview failed or not submitted, or out of time. */
export function readinessConclusion(outcome: GoLiveOutcome, notes: string[]): Conclusion | undefined {
  const readiness = outcome.readiness
  if (!readiness || outcome.operation) return undefined
  const explanation = withoutTrailingStop(readiness.explanation)
  if (outcome.result === 'queued') {
    const headline =
      `The preview is not ready yet (${readinessWords(readiness.state)}): ${explanation}. ` +
      `GitHub deployment ${outcome.deploymentId ?? ''} is queued; a follow run goes live once the preview is ready.`
    return { log: [{ text: headline, fenced: true, notice: true }], headline, notes }
  }
  if (outcome.result === 'timed-out') {
    const headline =
      `The preview of ${outcome.target} was not ready within ${formatDuration(outcome.timeoutMs)} (${readinessWords(readiness.state)}): ` +
      `${explanation}. Nothing was started. Add 'github-deployment: true' and a follow workflow to go live once it is ready.`
    return outcome.onTimeout === 'warn'
      ? { log: [], headline, warning: headline, notes }
      : { log: [], headline, failure: headline, notes }
  }
  if (outcome.result === 'failed' && outcome.error === undefined) {
    const failure = `Not going live: ${explanation}.${previewFailureDetails(readiness)}`
    return { log: [], headline: failure, failure, notes }
  }
  return undefined
}
