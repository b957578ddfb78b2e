// @ts-check
// The CPP documents as they go on the wire: go-live and cancel operations, the offer status, and
// the spelling, casing, message and link variants the knobs choose.

import { iso7 } from '../clock.js'
import { PREVIEW_STEPS } from './preview.js'
import { FAILING_STEP, GOLIVE_STEPS, cancelProgress, goLiveProgress, isTerminal } from './progress.js'

/** @typedef {import('./options.js').CppOptions} CppOptions */
/** @typedef {import('./progress.js').SimOperation} SimOperation */
/** @typedef {import('./progress.js').CanonicalStatus} CanonicalStatus */

// HTML on purpose: messageHtml is HTML from a remote service and clients must treat it as text.
const FAILURE_TEXT =
  'Certification failed: the offer does not meet the marketplace certification policies. See the <a href="https://partner.microsoft.com/dashboard">certification report</a> for details.'

// The steps of the offer status: the go-live steps with preview creation and sign-off between.
const OFFER_STEPS = [
  ['displaydummycertify', 'Validate Pre-Requisites', 'Offer settings provided are validated', '< 15 min'],
  ['certification', 'Certification', 'Microsoft certifies the offer against the marketplace policies', '< 5 day'],
  ['packaging', 'Packaging', 'Offer resources are packaged and replicated', '< 1 day'],
  ['preview-creation', 'Preview Creation', 'A preview of the offer is created for the publisher to review', '< 1 day'],
  ['publisher-signoff', 'Publisher signoff', 'The publisher reviews the preview and selects Go Live', ''],
  ['live', 'Live', 'The offer is published to the marketplace', '~2-5 days']
]

/**
 * @param {SimOperation} op
 * @param {string} idShown
 * @param {number} t
 * @param {CppOptions} options
 */
export function goLiveDocument(op, idShown, t, options) {
  const p = goLiveProgress(op, t)
  const inject = typeof options.injectMessage === 'string' ? options.injectMessage : null
  const steps = p.steps.map((s, i) => {
    const def = GOLIVE_STEPS[i]
    /** @type {unknown[]} */
    const messages = []
    if (s.startedAt != null) messages.push(message(def.startedText, 'information', s.startedAt, options))
    if (s.status === 'complete' && s.endedAt != null)
      messages.push(message(def.doneText, 'information', s.endedAt, options))
    if (s.status === 'failed' && s.endedAt != null) {
      // As in the docs' own example: an error and an information message at the same instant,
      // the information one last. The error is what a person must see.
      messages.push(message(FAILURE_TEXT, 'error', s.endedAt, options))
      messages.push(message('Step processing finished.', 'information', s.endedAt, options))
    }
    if (s.status === 'canceled' && s.endedAt != null)
      messages.push(message('The operation was canceled.', 'warning', s.endedAt, options))
    if (inject !== null && i === p.currentIdx)
      messages.push(message(inject, 'information', Math.min(t, p.lastActionAt), options))
    return {
      id: def.id,
      stepName: inject !== null && i === FAILING_STEP ? `${def.stepName} ${inject}` : def.stepName,
      description: def.description,
      estimatedTimeFrame: def.estimatedTimeFrame,
      status: spellStep(s.status === 'failed' ? options.failedStepStatus : s.status, options),
      progressPercentage: s.pct,
      messages
    }
  })
  const error =
    p.status === 'failed'
      ? {
          code: 'CertificationFailed',
          message: `The offer failed certification.${inject !== null ? ` ${inject}` : ''}`
        }
      : { code: '', message: '' }
  return {
    id: idShown,
    submissionType: 'GoLive',
    createdDateTime: iso7(op.createdAt),
    lastActionDateTime: iso7(p.lastActionAt),
    status: spellStatus(p.status, options),
    error,
    publishingVersion: op.publishingVersion,
    offerVersion: 1,
    cancellationRequestState: isTerminal(p.status)
      ? 'cannotCancel'
      : op.cancelRequestedAt != null
        ? 'cancelRequested'
        : 'canCancel',
    steps,
    ...linksFor(op, p.status === 'succeeded', options)
  }
}

/**
 * @param {SimOperation} op
 * @param {string} idShown
 * @param {number} t
 * @param {CppOptions} options
 */
export function cancelDocument(op, idShown, t, options) {
  const status = cancelProgress(op, t)
  const doneAt = op.createdAt + op.cancelMs
  const pct =
    status === 'canceled' ? 100 : Math.min(99, Math.floor(((t - op.createdAt) / Math.max(1, op.cancelMs)) * 100))
  const messages = [
    message(
      op.targetId ? 'Cancellation requested.' : 'Cancellation requested; no operation was running.',
      'information',
      op.createdAt,
      options
    )
  ]
  if (status === 'canceled') messages.push(message('The operation was canceled.', 'information', doneAt, options))
  return {
    id: idShown,
    submissionType: 'Cancel',
    createdDateTime: iso7(op.createdAt),
    lastActionDateTime: iso7(status === 'canceled' ? doneAt : op.createdAt),
    status: spellStatus(status, options),
    error: { code: '', message: '' },
    publishingVersion: op.publishingVersion,
    offerVersion: 1,
    cancellationRequestState: 'cannotCancel',
    steps: [
      {
        id: 'cancel',
        stepName: 'Cancel',
        description: 'The running operation is canceled',
        estimatedTimeFrame: '1-3 min',
        status: spellStep(status === 'canceled' ? 'complete' : 'inProgress', options),
        progressPercentage: pct,
        messages
      }
    ],
    previewLinks: [],
    liveLinks: []
  }
}

/**
 * The offer status: `running` while a go-live runs; otherwise what the preview is doing: waiting
 * for sign-off when ready, `running` through its steps while in validation and certification (sign-off
 * not started), `failed` at Certification with an error message, or never published.
 * @param {import('./options.js').SimOffer} offer
 * @param {boolean} running
 * @param {import('./preview.js').PreviewProgress} preview
 * @param {number} t
 * @param {CppOptions} options
 */
export function offerStatusDocument(offer, running, preview, t, options) {
  /** @type {(id: string) => { status: string, pct: number, messages: unknown[] }} */
  let stepOf
  let status
  const plain = (/** @type {string} */ s) => ({ status: s, pct: s === 'complete' ? 100 : 0, messages: [] })
  if (running) {
    status = 'running'
    stepOf = (id) => plain(id === 'live' ? 'inProgress' : 'complete')
  } else if (preview.status === 'ready') {
    status = 'waitingForPublisherReview'
    const readyAt = preview.endedAt ?? t
    stepOf = (id) =>
      id === 'publisher-signoff'
        ? {
            status: 'waitingForPublisherReview',
            pct: 0,
            messages: [
              message('The preview is ready. Review it, then select Go Live.', 'information', readyAt, options)
            ]
          }
        : plain(id === 'live' ? 'notStarted' : 'complete')
  } else if (preview.status === 'neverPublished') {
    status = 'neverPublished'
    stepOf = () => plain('notStarted')
  } else {
    status = preview.status
    stepOf = (id) => {
      const i = PREVIEW_STEPS.findIndex((p) => p.id === id)
      if (i < 0) return plain('notStarted')
      const s = preview.steps[i]
      /** @type {unknown[]} */
      const messages = []
      if (s.startedAt != null) messages.push(message(PREVIEW_STEPS[i].startedText, 'information', s.startedAt, options))
      if (s.status === 'complete' && s.endedAt != null)
        messages.push(message(PREVIEW_STEPS[i].doneText, 'information', s.endedAt, options))
      if (s.status === 'failed' && s.endedAt != null) {
        // As on a failed go-live: the error and an information message at one instant.
        messages.push(message(preview.failure, 'error', s.endedAt, options))
        messages.push(message('Step processing finished.', 'information', s.endedAt, options))
      }
      return { status: s.status === 'failed' ? options.failedStepStatus : s.status, pct: s.pct, messages }
    }
  }
  const steps = OFFER_STEPS.map(([id, stepName, description, estimatedTimeFrame]) => {
    const s = stepOf(id)
    return {
      id,
      stepName,
      description,
      estimatedTimeFrame,
      status: spellStep(s.status, options),
      progressPercentage: s.pct,
      messages: s.messages
    }
  })
  return { status: caseStatus(status, options), messages: [], steps, ...linksFor(offer, false, options) }
}

/**
 * `previewLinks` / `liveLinks`: empty as Learn shows them, or filled as objects or strings.
 * @param {{ publisherId: string, offerId: string }} offer
 * @param {boolean} live
 * @param {CppOptions} options
 */
function linksFor(offer, live, options) {
  if (options.links === 'empty') return { previewLinks: [], liveLinks: [] }
  const p = encodeURIComponent(offer.publisherId)
  const o = encodeURIComponent(offer.offerId)
  const preview = {
    displayText: 'Preview',
    uri: `https://azuremarketplace.microsoft.com/marketplace/apps/${p}.${o}-preview`
  }
  const listing = {
    displayText: 'Marketplace listing',
    uri: `https://azuremarketplace.microsoft.com/marketplace/apps/${p}.${o}`
  }
  const shape = (/** @type {{ displayText: string, uri: string }} */ link) =>
    options.links === 'strings' ? link.uri : link
  return { previewLinks: [shape(preview)], liveLinks: live ? [shape(listing)] : [] }
}

/**
 * @param {string} text
 * @param {string} level
 * @param {number} at
 * @param {CppOptions} options
 */
function message(text, level, at, options) {
  return options.messageStyle === 'string' ? text : { messageHtml: text, level, timestamp: iso7(at) }
}

/**
 * @param {CanonicalStatus} s
 * @param {CppOptions} options
 */
function spellStatus(s, options) {
  const spelled =
    s === 'notStarted'
      ? options.notStartedSpelling
      : s === 'succeeded'
        ? options.successSpelling
        : s === 'canceled'
          ? options.canceledSpelling
          : s
  return caseStatus(spelled, options)
}

/**
 * @param {string} s
 * @param {CppOptions} options
 */
function spellStep(s, options) {
  return caseStatus(s === 'canceled' ? options.canceledSpelling : s, options)
}

/**
 * @param {string} s
 * @param {CppOptions} options
 */
function caseStatus(s, options) {
  if (options.statusCase === 'upper') return s.toUpperCase()
  if (options.statusCase === 'title' || options.statusCase === 'pascal')
    return s
      .split(' ')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ')
  return s
}
