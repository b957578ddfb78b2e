/**
 * Where a Product Ingestion product's preview is, from its submission list: a live submission
 * running (a go-live now joins it); already live (nothing to push); a preview still being published
 * (pending: in validation and certification, and configure would refuse now); a latest preview that
 * failed (with the checks its document names); a succeeded preview ready to push; nothing submitted.
 */
import { arrayOfRecords, isRecord } from '../../base/json.js'
import { flattenErrorTree } from '../../http/error-details.js'
import { normaliseStatus, type Readiness, type StepView } from '../../model/status.js'
import {
  alreadyLive,
  inProgressElsewhere,
  isSucceeded,
  listed,
  newestPreview,
  newestSucceededPreview,
  runningLive,
  type Submission
} from './submissions.js'

/** The failing checks a failed submission's document names (its `errors`, nested `details` flattened). */
export function failedChecks(document: unknown): string[] {
  if (!isRecord(document)) return []
  // The innermost messages are the checks; the outer ones ("Operation failed") say nothing.
  return arrayOfRecords(document.errors).flatMap((error) => flattenErrorTree(error).slice(-3))
}

/** The latest preview when it failed: its failing checks are worth one more request. */
export function failedLatestPreview(submissions: Submission[]): Submission | undefined {
  const latest = newestPreview(submissions)
  const failed = latest && !isSucceeded(latest) && normaliseStatus(latest.status) === 'completed'
  return failed && !alreadyLive(submissions) && !runningLive(submissions) ? latest : undefined
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
  const live = alreadyLive(submissions)
  if (live) {
    return {
      state: 'live',
      ready: true,
      explanation: `submission ${live.id} of ${target} is already live: a go-live now would push nothing and report it live`,
      steps
    }
  }
  const busy = inProgressElsewhere(submissions)
  if (busy.length) {
    const [first] = busy
    return {
      state: 'pending',
      ready: false,
      explanation:
        `${first.targetType} submission ${first.id} of ${target} is still being published ` +
        `(in validation and certification: ${first.status || 'not started'} / ${first.result || 'pending'})`,
      steps,
      refusal: { kind: 'in-progress', inProgress: busy.map(listed) }
    }
  }
  const succeeded = newestSucceededPreview(submissions)
  const latest = newestPreview(submissions)
  if (latest && latest !== succeeded && !isSucceeded(latest)) {
    return {
      state: 'failed',
      ready: false,
      explanation: `preview ${latest.id} of ${target} failed validation or certification (result '${latest.result}'): fix what it reports and publish to preview again`,
      steps,
      failures: failedChecks(failedDocument ?? latest.document),
      refusal: { kind: 'not-latest', latest: listed(latest) }
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
  return { state: 'ready', ready: true, explanation: `preview ${succeeded.id} of ${target} is ready to go live`, steps }
}
