/**
 * What a product's submissions say about a go-live about to start, for the start and the dry run
 * alike: which submission is taken live (`submission-id`, or the newest that is not a draft), and
 * whether it is promoted, joined (a promotion already publishing: never promoted twice), already
 * live, or not ready, in the API's own terms.
 */
import { describeSubmission, newestFirst, stateOf, type V1Submission } from './submissions.js'
import { STAGE_WORDS } from './status.js'

export type Verdict =
  /** `Published`/`ReadyToPublish`: promote it. */
  | { kind: 'promote'; submission: V1Submission }
  /** A promotion is publishing: follow it. */
  | { kind: 'join'; submission: V1Submission; note: string }
  /** The submission taken live is `InStore` already. */
  | { kind: 'live'; submission: V1Submission }
  /**
   * Nothing can be promoted now; `submission`: the one that is not ready, when there is one;
   * `hint`: what else could be done, said after what the submission's failure details say.
   */
  | { kind: 'not-ready'; submission?: V1Submission; reason: string; hint?: string }

/**
 * `submissions`: the product's list (holding `wanted`, when given); `target`: the product, for
 * people. Pure: it reads nothing.
 */
export function judge(submissions: V1Submission[], wanted: string, target: string): Verdict {
  const sorted = newestFirst(submissions)
  const publishing = sorted.find((s) => s.stage === 'publishing')
  const chosen = wanted ? sorted.find((s) => s.id === wanted) : sorted.find((s) => s.stage !== 'draft')
  if (publishing && (!wanted || publishing.id === wanted)) {
    const waiting = chosen && chosen !== publishing && chosen.stage === 'ready' ? chosen : undefined
    return {
      kind: 'join',
      submission: publishing,
      note:
        `${describeSubmission(publishing)} is already being published (${stateOf(publishing)}): following that ` +
        'promotion instead of promoting again' +
        (waiting ? `; the newer ${describeSubmission(waiting)} waits: run again once this one is in the store` : '')
    }
  }
  if (!chosen) {
    // The newest draft is named: one whose creation failed says why with its validations.
    return {
      kind: 'not-ready',
      submission: wanted ? undefined : sorted[0],
      reason: nothingSubmitted(sorted, wanted, target)
    }
  }
  const named = `${describeSubmission(chosen)} of ${target}`
  if (publishing) {
    return {
      kind: 'not-ready',
      submission: chosen,
      reason:
        `${named} is ${stateOf(chosen)}, but ${describeSubmission(publishing)} is being published ` +
        `(${stateOf(publishing)}) and one promotion runs at a time: run again once it is in the store`
    }
  }
  switch (chosen.stage) {
    case 'ready':
      return { kind: 'promote', submission: chosen }
    case 'live': {
      const newerLive = sorted.find(
        (s) => s.stage === 'live' && s !== chosen && sorted.indexOf(s) < sorted.indexOf(chosen)
      )
      if (!newerLive) return { kind: 'live', submission: chosen }
      return {
        kind: 'not-ready',
        submission: chosen,
        reason:
          `${named} is ${stateOf(chosen)}, but the newer ${describeSubmission(newerLive)} is in the store too: ` +
          `${chosen.id} is no longer the live submission`
      }
    }
    case 'validating':
      return {
        kind: 'not-ready',
        submission: chosen,
        reason: `${named} is ${stateOf(chosen)}: it ${STAGE_WORDS.validating}; it can be promoted once it is Published/ReadyToPublish`,
        hint: olderReady(sorted, chosen)
      }
    default:
      return {
        kind: 'not-ready',
        submission: chosen,
        reason: `${named} is ${stateOf(chosen)}: it ${failedWhat(chosen) ?? STAGE_WORDS[chosen.stage]}`,
        hint: olderReady(sorted, chosen)
      }
  }
}

/** `failed certification` or `failed automated validation`, for a failed submission. */
function failedWhat(s: V1Submission): string | undefined {
  if (s.stage !== 'failed') return undefined
  return /certification/i.test(s.substate) ? 'failed certification' : 'failed automated validation'
}

/** No submission to take live: none at all, only drafts, or not the one `submission-id` names. */
function nothingSubmitted(sorted: V1Submission[], wanted: string, target: string): string {
  if (wanted) return `${target} has no submission ${wanted} ('submission-id')`
  const draft = sorted[0]
  if (!draft) return `${target} has no submission: create one and publish it to preview in Partner Center first`
  return (
    `${target} has nothing submitted: its newest ${describeSubmission(draft)} is ${stateOf(draft)}, a draft; ` +
    'publish it to preview first and wait until it is Published/ReadyToPublish'
  )
}

/** Another preview that is ready while the one chosen is not: how to take that one live instead. */
function olderReady(sorted: V1Submission[], chosen: V1Submission): string | undefined {
  const other = sorted.find((s) => s.stage === 'ready' && s !== chosen)
  return other
    ? `${describeSubmission(other)} is ready to go live: give 'submission-id: ${other.id}' to promote that one`
    : undefined
}
