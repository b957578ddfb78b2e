/**
 * Where a Product Ingestion product's preview is, from its submission list: a live submission
 * running (join), the newest preview already live, a newer preview still in validation and
 * certification (pending), one that failed (with the checks it names), a succeeded preview ready
 * to push, or nothing submitted.
 */
import { arrayOfRecords, isRecord } from '../../base/json.js'
import { flattenErrorTree } from '../../http/error-details.js'
import { normaliseStatus, type Readiness, type StepView } from '../../model/status.js'
import { isSucceeded, liveEntry, newestSucceededPreview, runningLive, type Submission } from './submissions.js'

/** The newest preview entry and whether it is newer than the newest succeeded one. */
export function newestPreview(submissions: Submission[]): Submission | undefined {
  return submissions
    .filter((s) => s.targetType === 'preview' && s.created)
    .sort((a, b) => (Date.parse(b.created) || 0) - (Date.parse(a.created) || 0))[0]
}

/** The failing checks a failed submission's document names (its `errors`, nested `details` flattened). */
export function failedChecks(document: unknown): string[] {
  if (!isRecord(document)) return []
  // The innermost messages are the checks; the outer ones ("Operation failed") say nothing.
  return arrayOfRecords(document.errors).flatMap((error) => flattenErrorTree(error).slice(-3))
}

export function piReadiness(
  submissions: Submission[],
  target: string,
  steps: StepView[],
  failedDocument?: unknown
): Readiness {
  const running = runningLive(submissions)
  if (running) {
    return {
      state: 'running',
      ready: true,
      explanation: `a live submission (${running.id}) is already running for ${target}: a go-live now would join it`,
      steps
    }
  }
  const succeeded = newestSucceededPreview(submissions)
  const latest = newestPreview(submissions)
  if (latest && latest !== succeeded && !isSucceeded(latest)) {
    const status = normaliseStatus(latest.status)
    if (status !== 'completed') {
      return {
        state: 'pending',
        ready: false,
        explanation: `preview ${latest.id} of ${target} is still in validation and certification (${latest.status || 'not started'} / ${latest.result || 'pending'})`,
        steps
      }
    }
    const failures = failedChecks(failedDocument ?? latest.document)
    return {
      state: 'failed',
      ready: false,
      explanation: `preview ${latest.id} of ${target} failed validation or certification (result '${latest.result}'): fix what it reports and publish to preview again`,
      steps,
      failures
    }
  }
  if (!succeeded) {
    return {
      state: 'nothing-submitted',
      ready: false,
      explanation: `${target} has no succeeded preview submission: publish the offer to preview first`,
      steps
    }
  }
  const live = liveEntry(submissions, succeeded.bareId)
  if (live && isSucceeded(live)) {
    return {
      state: 'live',
      ready: true,
      explanation: `preview ${succeeded.id} of ${target} is already live: a go-live now would push nothing and report it live`,
      steps
    }
  }
  return { state: 'ready', ready: true, explanation: `preview ${succeeded.id} of ${target} is ready to go live`, steps }
}
