// @ts-check
// The knobs of the simulated Cloud Partner Portal API: its offers, how operations are located,
// timed and spelled.

/**
 * @typedef {object} SimOffer
 * @property {string} publisherId
 * @property {string} offerId
 * @property {boolean} [migrated] `false` makes this offer answer with the non-migrated `$` location form.
 * @property {boolean} [ready] whether an approved preview waits for publisher sign-off (Go Live allowed).
 *   Ignored when `readyAfterMs` or `previewResult` is set.
 * @property {number} [readyAfterMs] the preview is in validation and certification for this long from when
 *   the offer was given (simulator start, or the `sim.set({ offers })` that brought this offer object), then
 *   ends with `previewResult`.
 * @property {'succeeded' | 'failed'} [previewResult] how that preview ends (default `succeeded`: waiting for
 *   publisher sign-off); `failed` stops it at Certification with an error message.
 * @property {string} [previewFailure] the error message (HTML) of a failed preview, naming the failing check.
 */

/**
 * @typedef {object} CppOptions
 * @property {string} apiVersion CPP api-version accepted
 * @property {SimOffer[]} offers
 * @property {'migrated' | 'non-migrated' | 'legacy'} locationStyle how Go Live and Cancel name their operation
 * @property {string | null} legacyOrigin origin put in the legacy absolute Operation-Location (default: the simulator)
 * @property {409 | 400} inFlightAnswer answer to Go Live while a go-live runs on the offer
 * @property {boolean} preexistingOperation the first offer starts with a go-live running
 * @property {number} operationMs running time of a go-live
 * @property {number} notStartedMs time a go-live reports notStarted before running
 * @property {'succeeded' | 'failed' | 'canceled'} finalStatus
 * @property {'succeeded' | 'complete' | 'completed'} successSpelling
 * @property {'canceled' | 'cancelled'} canceledSpelling
 * @property {'notStarted' | 'not started'} notStartedSpelling
 * @property {'as-is' | 'upper' | 'title' | 'pascal'} statusCase
 * @property {boolean} wrapOperationInArray
 * @property {'object' | 'string'} messageStyle
 * @property {string | null} injectMessage
 * @property {'failed' | 'blocked' | 'rejected'} failedStepStatus status of the step a failed go-live stops at
 * @property {'empty' | 'objects' | 'strings'} links how `previewLinks` / `liveLinks` are filled
 * @property {string | number | null} retryAfter
 * @property {202 | 200} cancelAnswer
 * @property {number} cancelMs
 */

/** @returns {CppOptions} */
export function defaultCppOptions() {
  return {
    apiVersion: '2017-10-31',
    offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ready: true }],
    locationStyle: 'migrated',
    legacyOrigin: null,
    inFlightAnswer: 409,
    preexistingOperation: false,
    operationMs: 3000,
    notStartedMs: 0,
    finalStatus: 'succeeded',
    successSpelling: 'succeeded',
    canceledSpelling: 'canceled',
    notStartedSpelling: 'notStarted',
    statusCase: 'as-is',
    wrapOperationInArray: false,
    messageStyle: 'object',
    injectMessage: null,
    failedStepStatus: 'failed',
    links: 'empty',
    retryAfter: null,
    cancelAnswer: 202,
    cancelMs: 1000
  }
}
