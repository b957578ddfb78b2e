/**
 * Whether a product can go live now, from its submission list (a dry run): a running live
 * submission would be joined, one already live reported live with nothing pushed; a preview being
 * published, or a latest preview that did not succeed, would make configure refuse.
 */
import type { StartRefusal } from '../../model/errors.js'
import type { Readiness } from '../../model/status.js'
import {
  alreadyLive,
  inProgressElsewhere,
  listed,
  newestPreview,
  newestSucceededPreview,
  overviewSteps,
  runningLive,
  type Submission
} from './submissions.js'

export function readinessOf(submissions: Submission[], target: string): Readiness {
  const steps = overviewSteps(submissions)
  const running = runningLive(submissions)
  if (running) {
    return {
      ready: true,
      explanation: `a live submission (${running.id}) is already running for ${target}: a go-live now would join it`,
      steps
    }
  }
  const live = alreadyLive(submissions)
  if (live) {
    return {
      ready: true,
      explanation: `submission ${live.id} of ${target} is already live: a go-live now would push nothing and report it live`,
      steps
    }
  }
  const refusal = refusalFromList(submissions)
  if (refusal) return { ready: false, explanation: `configure would refuse a go-live of ${target} now`, steps, refusal }
  const preview = newestSucceededPreview(submissions)
  if (!preview) {
    return {
      ready: false,
      explanation: `${target} has no succeeded preview submission: publish the offer to preview first`,
      steps
    }
  }
  return { ready: true, explanation: `preview ${preview.id} of ${target} is ready to go live`, steps }
}

/**
 * Why configure would refuse a go-live now: something other than a live submission in progress,
 * or a latest preview that is not the newest succeeded one.
 */
function refusalFromList(submissions: Submission[]): StartRefusal | undefined {
  const busy = inProgressElsewhere(submissions)
  if (busy.length > 0) return { kind: 'in-progress', inProgress: busy.map(listed) }
  const preview = newestSucceededPreview(submissions)
  const latest = newestPreview(submissions)
  if (preview && latest && latest.bareId !== preview.bareId) return { kind: 'not-latest', latest: listed(latest) }
  return undefined
}
