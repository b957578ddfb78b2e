/**
 * A go-live the API refuses to start while nothing runs to join (Product Ingestion's configure:
 * a preview being published, a preview that is not the latest), in words: the API's own, then
 * what its submission list shows and what to do. The dry run says the same from the list alone.
 */
import type { ListedSubmission, StartRefusal, StartRefusedError } from '../model/errors.js'
import { redactAndCut, withoutTrailingStop } from '../base/text.js'

/** `completed / failed, created 2024-02-01T00:00:00Z`: the state of an entry as listed. */
function stateOf(entry: ListedSubmission): string {
  const state = [entry.status, entry.result].filter(Boolean).join(' / ') || 'no status'
  return entry.created ? `${state}, created ${entry.created}` : state
}

/** `preview submission X is being published (running / pending, created …)`. */
export function inProgressLine(entry: ListedSubmission): string {
  const what = entry.targetType === 'preview' ? 'is being published' : 'is in progress'
  return `${entry.targetType || 'a'} submission ${entry.id} ${what} (${stateOf(entry)})`
}

/** What to do about the latest preview, by how it stands. */
function latestAdvice(latest: ListedSubmission): string {
  if (/^(running|notstarted|inprogress)$/i.test(latest.status.replace(/[\s_-]/g, ''))) {
    return 'wait until it has succeeded in preview'
  }
  return 'fix what it reports in Partner Center and publish to preview again'
}

/** The list's part: what is in progress, or which preview is the latest, and what to do. */
function listSays(refusal: StartRefusal): string {
  if (refusal.kind === 'in-progress') {
    const shown = refusal.inProgress.slice(0, 3).map(inProgressLine)
    const more = refusal.inProgress.length > shown.length ? ` and ${refusal.inProgress.length - shown.length} more` : ''
    return (
      `In progress: ${shown.join('; ')}${more}. No live submission is running, so there is no go-live to join and ` +
      'none was started: run again once it has completed'
    )
  }
  if (!refusal.latest) return 'Only the latest preview submission can go live: publish to preview again, then run again'
  return (
    `The latest preview submission is ${refusal.latest.id} (${stateOf(refusal.latest)}): only the latest preview ` +
    `can go live, so ${latestAdvice(refusal.latest)}, then run again`
  )
}

/** The step's failure: the API's answer in its own words, then what the list shows. */
export function refusalFailure(error: StartRefusedError): string {
  const { status, code, apiMessage } = error.answer.details
  const words = apiMessage ? `: "${withoutTrailingStop(redactAndCut(apiMessage, 500))}"` : ''
  const request = error.answer.details.requestId ? ` (request ID ${error.answer.details.requestId})` : ''
  return `Configure was refused (HTTP ${status}${code ? `, ${code}` : ''})${words}${request}. ${listSays(error.refusal)}.`
}

/** A dry run's explanation when configure would refuse: what the list shows, in the same words. */
export function refusalExplanation(refusal: StartRefusal, target: string): string {
  if (refusal.kind === 'in-progress') {
    return (
      `${target}: ${refusal.inProgress.slice(0, 3).map(inProgressLine).join('; ')}, and no live submission is ` +
      'running: configure refuses a go-live until it has completed'
    )
  }
  if (!refusal.latest) return `configure refuses a go-live of ${target}: its newest succeeded preview is not the latest`
  return (
    `the latest preview submission ${refusal.latest.id} is ${stateOf(refusal.latest)}: only the latest preview can ` +
    `go live, so ${latestAdvice(refusal.latest)}`
  )
}
