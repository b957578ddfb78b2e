// @ts-check
// How a CPP go-live or cancel operation progresses: its steps and status at any instant, computed
// from the timing captured when it was created.

/**
 * @typedef {'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled'} CanonicalStatus
 */

/**
 * CPP operation record. `status` is the canonical status at the last observation (refreshed
 * whenever `sim.operations` is read or a request arrives); the wire spelling comes from the knobs.
 * @typedef {object} SimOperation
 * @property {string} id GUID
 * @property {string} publisherId
 * @property {string} offerId
 * @property {'golive' | 'cancel'} kind
 * @property {number} createdAt
 * @property {CanonicalStatus} status
 * @property {string} locationPath path (and api-version query, except for the legacy form) of the operation
 * @property {'migrated' | 'non-migrated' | 'legacy'} style
 * @property {'succeeded' | 'failed' | 'canceled'} finalStatus captured from the knobs at creation
 * @property {number} notStartedMs captured at creation
 * @property {number} operationMs captured at creation
 * @property {number} cancelMs captured at creation (cancel operations)
 * @property {number | null} cancelRequestedAt
 * @property {number | null} cancelEffectiveAt
 * @property {string | null} targetId for a cancel operation: the go-live it canceled, if one ran
 * @property {number} publishingVersion
 */

/**
 * @typedef {object} StepProgress
 * @property {string} status `notStarted` | `inProgress` | `complete` | `failed` | `canceled`
 * @property {number} pct
 * @property {number | null} startedAt
 * @property {number | null} endedAt
 */

// Go-live steps. The failing step of a failed go-live is Certification, matching the
// CertificationFailed error code; a knob-driven cancellation happens during Live.
export const GOLIVE_STEPS = [
  {
    id: 'displaydummycertify',
    stepName: 'Validate Pre-Requisites',
    description: 'Offer settings provided are validated',
    estimatedTimeFrame: '< 15 min',
    startedText: 'Validating the offer settings.',
    doneText: 'Step completed.'
  },
  {
    id: 'certification',
    stepName: 'Certification',
    description: 'Microsoft certifies the offer against the marketplace policies',
    estimatedTimeFrame: '< 5 day',
    startedText: 'Certification started.',
    doneText: 'Certification passed.'
  },
  {
    id: 'packaging',
    stepName: 'Packaging',
    description: 'Offer resources are packaged and replicated',
    estimatedTimeFrame: '< 1 day',
    startedText: 'Packaging the offer.',
    doneText: 'Packaging completed.'
  },
  {
    id: 'live',
    stepName: 'Live',
    description: 'The offer is published to the marketplace',
    estimatedTimeFrame: '~2-5 days',
    startedText: 'Publishing the offer to the marketplace.',
    doneText: 'The offer is live.'
  }
]
export const FAILING_STEP = 1

/**
 * Go-live progress at time t, from the timing captured on the operation.
 * @param {SimOperation} op
 * @param {number} t
 * @returns {{ status: CanonicalStatus, steps: StepProgress[], currentIdx: number, lastActionAt: number }}
 */
export function goLiveProgress(op, t) {
  const runStart = op.createdAt + op.notStartedMs
  const endAt = runStart + op.operationMs
  const lastIdx = op.finalStatus === 'failed' ? FAILING_STEP : GOLIVE_STEPS.length - 1
  const span = op.operationMs / (lastIdx + 1)
  // A cancel that arrives after the end changes nothing; one that arrives before freezes progress.
  const cancelRequestedAt = op.cancelRequestedAt
  const cancelEffectiveAt = op.cancelEffectiveAt
  const cancelApplies = cancelRequestedAt != null && cancelEffectiveAt != null && cancelRequestedAt < endAt
  let evalT = t
  /** @type {CanonicalStatus} */
  let status
  /** @type {number | null} */
  let endTime = null
  let canceledByRequest = false
  if (cancelApplies && t >= cancelRequestedAt) {
    evalT = cancelRequestedAt
    if (t >= cancelEffectiveAt) {
      status = 'canceled'
      endTime = cancelEffectiveAt
      canceledByRequest = true
    } else {
      status = evalT < runStart ? 'notStarted' : 'running'
    }
  } else if (t < runStart) status = 'notStarted'
  else if (t < endAt) status = 'running'
  else {
    status = op.finalStatus
    endTime = endAt
  }

  const naturalEnd = endTime !== null && !canceledByRequest
  /** @type {StepProgress[]} */
  const steps = GOLIVE_STEPS.map((_, i) => {
    const stepStart = runStart + i * span
    const stepEnd = runStart + (i + 1) * span
    if (i > lastIdx || evalT < runStart || evalT < stepStart)
      return { status: 'notStarted', pct: 0, startedAt: null, endedAt: null }
    if (naturalEnd && i === lastIdx && status !== 'succeeded') {
      return { status: status === 'failed' ? 'failed' : 'canceled', pct: 100, startedAt: stepStart, endedAt: endAt }
    }
    if (naturalEnd || evalT >= stepEnd) return { status: 'complete', pct: 100, startedAt: stepStart, endedAt: stepEnd }
    const pct = Math.max(0, Math.min(99, Math.floor(((evalT - stepStart) / (span || 1)) * 100)))
    return { status: 'inProgress', pct, startedAt: stepStart, endedAt: null }
  })
  let currentIdx = naturalEnd
    ? lastIdx
    : Math.max(
        0,
        steps.findIndex((s) => s.status === 'inProgress')
      )
  if (canceledByRequest) {
    const at = /** @type {number} */ (endTime)
    const idx = steps.findIndex((s) => s.status === 'inProgress')
    if (idx >= 0) {
      steps[idx] = { ...steps[idx], status: 'canceled', endedAt: at }
      currentIdx = idx
    } else {
      // Canceled before the first step began.
      steps[0] = { status: 'canceled', pct: 0, startedAt: null, endedAt: at }
      currentIdx = 0
    }
  }

  const events = [op.createdAt]
  if (evalT >= runStart) events.push(runStart)
  for (const s of steps) {
    if (s.startedAt != null) events.push(s.startedAt)
    if (s.endedAt != null) events.push(s.endedAt)
  }
  if (cancelRequestedAt != null && t >= cancelRequestedAt) events.push(cancelRequestedAt)
  if (endTime != null) events.push(endTime)
  const lastActionAt = Math.max(...events.filter((e) => e <= Math.max(t, op.createdAt)))
  return { status, steps, currentIdx, lastActionAt }
}

/**
 * A cancel operation runs for its `cancelMs`, then reports canceled.
 * @param {SimOperation} op
 * @param {number} t
 * @returns {CanonicalStatus}
 */
export function cancelProgress(op, t) {
  return t < op.createdAt + op.cancelMs ? 'running' : 'canceled'
}

/** @param {CanonicalStatus} s */
export function isTerminal(s) {
  return s === 'succeeded' || s === 'failed' || s === 'canceled'
}

/**
 * The `submissionState` of a go-live in the offer's submission list.
 * @param {CanonicalStatus} s
 */
export function submissionState(s) {
  if (s === 'notStarted' || s === 'running') return 'running'
  if (s === 'succeeded') return 'completed'
  return s
}
