// @ts-check
// The preview an offer has before Go Live: nothing submitted, in validation and certification
// until a time, then waiting for publisher sign-off, or failed at Certification. Computed from the
// offer's knobs and the instant the offer was given to the simulator, like operations: no timers.

/** @typedef {import('./options.js').SimOffer} SimOffer */
/** @typedef {import('./progress.js').StepProgress} StepProgress */

/**
 * `ready`: waiting for publisher sign-off (Go Live allowed); `running`: in validation and
 * certification; `failed`: stopped at Certification; `neverPublished`: nothing submitted.
 * @typedef {'neverPublished' | 'running' | 'ready' | 'failed'} PreviewStatus
 */

/**
 * @typedef {object} PreviewProgress
 * @property {PreviewStatus} status
 * @property {StepProgress[]} steps one per PREVIEW_STEPS entry, in that order
 * @property {number | null} endedAt when the preview became ready or failed (null for `ready: true`
 *   offers, whose preview has no time, and for previews that have not ended)
 * @property {string} failure the error message of a failed preview (HTML), empty otherwise
 */

// The steps a preview runs before sign-off, as the offer status lists them. A failing preview
// stops at Certification, like a failing go-live.
export const PREVIEW_STEPS = [
  { id: 'displaydummycertify', startedText: 'Validating the offer settings.', doneText: 'Step completed.' },
  { id: 'certification', startedText: 'Certification started.', doneText: 'Certification passed.' },
  { id: 'packaging', startedText: 'Packaging the offer.', doneText: 'Packaging completed.' },
  { id: 'preview-creation', startedText: 'Creating the preview.', doneText: 'The preview is ready.' }
]
const FAILING_STEP = 1

// HTML on purpose, like the go-live failure: it names the check that failed.
const DEFAULT_FAILURE =
  'Certification failed: check "Offer listing: description" did not pass: the description does not say what the offer does. See the <a href="https://partner.microsoft.com/dashboard">certification report</a> for details.'

/**
 * Whether the offer's preview follows a timeline (`readyAfterMs` or `previewResult` set) rather
 * than the timeless `ready` flag.
 * @param {SimOffer} offer
 */
export function hasTimedPreview(offer) {
  return offer.readyAfterMs != null || offer.previewResult != null
}

/**
 * The offer's preview at time t.
 * @param {SimOffer} offer
 * @param {number} givenAt when the offer was given (simulator start, or the `set` that brought it)
 * @param {number} t
 * @param {string | null} inject `injectMessage`, appended to a failure's message
 * @returns {PreviewProgress}
 */
export function previewProgress(offer, givenAt, t, inject) {
  if (!hasTimedPreview(offer)) {
    const ready = offer.ready === true
    return {
      status: ready ? 'ready' : 'neverPublished',
      steps: PREVIEW_STEPS.map(() =>
        ready
          ? { status: 'complete', pct: 100, startedAt: null, endedAt: null }
          : { status: 'notStarted', pct: 0, startedAt: null, endedAt: null }
      ),
      endedAt: null,
      failure: ''
    }
  }
  const duration = Math.max(0, offer.readyAfterMs ?? 0)
  const failed = offer.previewResult === 'failed'
  const lastIdx = failed ? FAILING_STEP : PREVIEW_STEPS.length - 1
  const span = duration / (lastIdx + 1)
  const endAt = givenAt + duration
  const ended = t >= endAt
  /** @type {StepProgress[]} */
  const steps = PREVIEW_STEPS.map((_, i) => {
    const start = givenAt + i * span
    const end = givenAt + (i + 1) * span
    if (i > lastIdx || t < start) return { status: 'notStarted', pct: 0, startedAt: null, endedAt: null }
    if (ended && failed && i === lastIdx) return { status: 'failed', pct: 100, startedAt: start, endedAt: endAt }
    if (ended || t >= end) return { status: 'complete', pct: 100, startedAt: start, endedAt: end }
    const pct = Math.max(0, Math.min(99, Math.floor(((t - start) / (span || 1)) * 100)))
    return { status: 'inProgress', pct, startedAt: start, endedAt: null }
  })
  const failure = failed ? `${offer.previewFailure ?? DEFAULT_FAILURE}${inject !== null ? ` ${inject}` : ''}` : ''
  return {
    status: ended ? (failed ? 'failed' : 'ready') : 'running',
    steps,
    endedAt: ended ? endAt : null,
    failure: ended ? failure : ''
  }
}
