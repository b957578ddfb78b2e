/**
 * The ingestion API v1.0's submission states as data: what a submission's `substate` means for the
 * wait loop, and for a go-live that is about to start. Judged by `substate` alone (which `state`
 * stands beside `FailedInCertification` is not recorded); spellings are matched case-insensitively.
 */
import { normaliseStatus, type StatusTable } from '../../model/status.js'

/**
 * A followed submission's `substate` in the wait loop's terms. Succeeded means `InStore`: a
 * `Published` submission is published but not in the store yet. Before the promotion shows
 * (`ReadyToPublish`, or earlier), nothing has started. Unknown spellings mean "still running".
 */
export const SUBSTATE_STATUS: StatusTable = {
  indraft: 'notStarted',
  submitted: 'notStarted',
  readytopublish: 'notStarted',
  publishing: 'running',
  published: 'running',
  instore: 'succeeded',
  failed: 'failed',
  failedincertification: 'failed',
  cancelled: 'canceled',
  canceled: 'canceled'
}

/** Where a submission stands for a go-live that is about to start. */
export type Stage =
  /** `InDraft`: nothing submitted; never the one to take live. */
  | 'draft'
  /** `Submitted`: automated validation (and for Azure apps certification) runs. */
  | 'validating'
  /** `ReadyToPublish`: the preview waits for its go-live: promote it. */
  | 'ready'
  /** `Publishing`, `Published`: promoted, being published: join it, never promote again. */
  | 'publishing'
  /** `InStore`: live. */
  | 'live'
  /** `Failed` (validation), `FailedInCertification`. */
  | 'failed'
  /** `Cancelled`. */
  | 'canceled'
  /** A substate the action does not know: neither promoted nor joined. */
  | 'unknown'

const STAGE_OF_SUBSTATE: Readonly<Record<string, Stage>> = {
  indraft: 'draft',
  submitted: 'validating',
  readytopublish: 'ready',
  publishing: 'publishing',
  published: 'publishing',
  instore: 'live',
  failed: 'failed',
  failedincertification: 'failed',
  cancelled: 'canceled',
  canceled: 'canceled'
}

export function stageOf(substate: string): Stage {
  return STAGE_OF_SUBSTATE[normaliseStatus(substate)] ?? 'unknown'
}

/** What a submission in each stage is, for people: `is still in automated validation`. */
export const STAGE_WORDS: Readonly<Record<Stage, string>> = {
  draft: 'is a draft: nothing has been submitted',
  validating: 'is still in automated validation',
  ready: 'is ready to go live',
  publishing: 'has been promoted and is being published',
  live: 'is live (in the store)',
  failed: 'failed',
  canceled: 'was cancelled',
  unknown: 'is in a state the action does not know'
}
