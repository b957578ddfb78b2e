// @ts-check
// How a v1 submission moves over time. A submitted preview is validated (the Preview push:
// Automated validation, then Preview Creation) into `Published`/`ReadyToPublish`; promoting it starts
// the Live push (Publisher Signoff, Certification, then Publish) through `Publishing` and `Published`
// to `InStore`. Either push can fail: its failing step fails when it would have ended, and the steps
// after it never start. Everything is computed from the submission's instants and the time asked.

/** @typedef {import('./submissions.js').V1Submission} V1Submission */
/** @typedef {import('./submissions.js').V1Substate} V1Substate */
/** @typedef {import('./submissions.js').V1State} V1State */

/**
 * The instants of a submission's two pushes, each step's start and end (a failing step ends when
 * it fails; steps after it never start).
 * @typedef {object} V1Timeline
 * @property {{ start: number, validated: number, end: number, failed: boolean } | null} preview
 *   Automated validation runs from `start` to `validated`, Preview Creation from `validated` to `end`
 * @property {{ start: number, certified: number, end: number, failed: boolean } | null} live
 *   Publisher Signoff ends at `start`, Certification runs to `certified`, Publish to `end`
 */

/**
 * The state that goes with each substate.
 * @type {Record<V1Substate, V1State>}
 */
export const STATE_OF = {
  InDraft: 'InProgress',
  Submitted: 'InProgress',
  Failed: 'InProgress',
  ReadyToPublish: 'Published',
  Publishing: 'Published',
  Published: 'Published',
  // Which state stands beside it is not recorded; certification runs after promotion here (ASSUMED).
  FailedInCertification: 'Published',
  InStore: 'Published'
}

/**
 * The two pushes of a submission, as instants.
 * @param {V1Submission} sub
 * @returns {V1Timeline}
 */
export function timeline(sub) {
  if (sub.submittedAt === null) return { preview: null, live: null }
  const validationMs = sub.validationMs ?? 0
  const failed = sub.validationResult === 'failed'
  const validated = sub.submittedAt + validationMs / 2
  const preview = {
    start: sub.submittedAt,
    validated,
    end: failed ? validated : sub.submittedAt + validationMs,
    failed
  }
  if (sub.promotedAt === null || failed) return { preview, live: null }
  const publishMs = sub.publishMs ?? 0
  const certFailed = sub.certificationResult === 'failed'
  const certified = sub.promotedAt + publishMs / 2
  return {
    preview,
    live: {
      start: sub.promotedAt,
      certified,
      end: certFailed ? certified : sub.promotedAt + publishMs,
      failed: certFailed
    }
  }
}

/**
 * Where a submission stands at time t.
 * @param {V1Submission} sub
 * @param {number} t
 * @returns {{ state: V1State, substate: V1Substate }}
 */
export function statusAt(sub, t) {
  const { preview, live } = timeline(sub)
  /** @param {V1Substate} substate */
  const at = (substate) => ({ state: STATE_OF[substate], substate })
  if (!preview) return at('InDraft')
  if (t < preview.end) return at('Submitted')
  if (preview.failed) return at('Failed')
  if (!live || t < live.start) return at('ReadyToPublish')
  if (t < live.certified) return at('Publishing')
  if (live.failed) return at('FailedInCertification')
  if (t < live.end) return at('Published')
  return at('InStore')
}
