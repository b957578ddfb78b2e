// @ts-check
// The Cloud Partner Portal API under `/api`: Go Live, operations (in three location forms), cancel,
// the offer's submissions and its status, for the offers in the knobs.

import { randomUUID } from 'node:crypto'
import { iso7 } from '../clock.js'
import { apiError, json, lower, methodNotAllowed, notFound } from '../http.js'
import { CPP_AUDIENCE } from '../entra/access-tokens.js'
import { cancelDocument, goLiveDocument, offerStatusDocument } from './documents.js'
import { previewProgress } from './preview.js'
import { cancelProgress, goLiveProgress, submissionState } from './progress.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */
/** @typedef {import('./options.js').CppOptions} CppOptions */
/** @typedef {import('./options.js').SimOffer} SimOffer */
/** @typedef {import('./progress.js').SimOperation} SimOperation */

/**
 * @param {object} deps
 * @param {CppOptions} deps.options read live; timing knobs are captured when an operation starts
 * @param {() => number} deps.now
 * @param {() => string} deps.url the simulator's origin
 * @param {import('../entra/access-tokens.js').AccessTokens} deps.tokens
 */
export function createCpp({ options, now, url, tokens }) {
  /** @type {SimOperation[]} */
  const operations = []
  /** @type {Map<string, string>} */
  const stagingIds = new Map()
  // When each offer object was given (start, or the set() that brought it): a timed preview runs from then.
  /** @type {WeakMap<SimOffer, number>} */
  const givenAt = new WeakMap()

  /** Notes the arrival of offers not seen before. */
  function noteOffers() {
    const t = now()
    for (const offer of options.offers ?? []) if (!givenAt.has(offer)) givenAt.set(offer, t)
  }
  noteOffers()

  /**
   * The offer's preview at time t.
   * @param {SimOffer} offer
   * @param {number} t
   */
  function previewOf(offer, t) {
    if (!givenAt.has(offer)) givenAt.set(offer, t)
    const inject = typeof options.injectMessage === 'string' ? options.injectMessage : null
    return previewProgress(offer, /** @type {number} */ (givenAt.get(offer)), t, inject)
  }

  /** Brings every operation's `status` up to time t. @param {number} t */
  function tick(t) {
    for (const op of operations) op.status = op.kind === 'golive' ? goLiveProgress(op, t).status : cancelProgress(op, t)
  }

  /**
   * @param {SimOffer} offer
   * @param {number} t
   * @returns {SimOperation}
   */
  function createGoLive(offer, t) {
    const style = styleFor(offer)
    const id = randomUUID()
    /** @type {SimOperation} */
    const op = {
      id,
      publisherId: offer.publisherId,
      offerId: offer.offerId,
      kind: 'golive',
      createdAt: t,
      status: 'notStarted',
      locationPath: locationPathFor(style, offer, id),
      style,
      finalStatus: options.finalStatus,
      notStartedMs: options.notStartedMs,
      operationMs: options.operationMs,
      cancelMs: options.cancelMs,
      cancelRequestedAt: null,
      cancelEffectiveAt: null,
      targetId: null,
      publishingVersion: operations.filter((o) => o.kind === 'golive' && sameOffer(o, offer)).length + 2
    }
    operations.push(op)
    op.status = goLiveProgress(op, t).status
    return op
  }

  if (options.preexistingOperation && options.offers[0]) createGoLive(options.offers[0], now())

  /**
   * @param {RequestRecord} rec
   * @param {string[]} seg path segments after `api`
   * @returns {Reply}
   */
  function route(rec, seg) {
    tick(now())
    // /api/operations/{p}${o}$2$preview
    if (seg.length === 2 && lower(seg[0]) === 'operations') {
      if (rec.method !== 'GET') return methodNotAllowed()
      return checked(rec, false, () => {
        const m = /^([^$]+)\$([^$]+)\$2\$preview$/.exec(seg[1])
        if (!m) return cppNotFound(`Operation '${seg[1]}' was not found.`)
        const found = lookupOffer(m[1], m[2])
        if ('reply' in found) return found.reply
        const latest = operations.filter((o) => sameOffer(o, found.offer)).at(-1)
        if (!latest) return cppNotFound(`No operation was found on offer '${m[2]}'.`)
        return operationReply(latest, seg[1])
      })
    }

    if (seg.length < 5 || lower(seg[0]) !== 'publishers' || lower(seg[2]) !== 'offers') return notFound(rec)
    const [, publisherId, , offerId, action, ...rest] = seg
    const act = lower(action)

    if (act === 'operations' && rest.length === 1) {
      if (rec.method !== 'GET') return methodNotAllowed()
      // The legacy absolute Operation-Location carries no api-version, and this path is the same.
      return checked(rec, true, () => {
        const found = lookupOffer(publisherId, offerId)
        if ('reply' in found) return found.reply
        const op = operations.find((o) => o.id === rest[0] && sameOffer(o, found.offer))
        if (!op) return cppNotFound(`Operation '${rest[0]}' was not found on offer '${offerId}'.`)
        return operationReply(op, op.id)
      })
    }
    if (rest.length !== 0) return notFound(rec)

    /** @type {Record<string, [string, (offer: SimOffer) => Reply]>} */
    const actions = {
      golive: ['POST', goLive],
      cancel: ['POST', (offer) => cancel(rec, offer)],
      submissions: ['GET', (offer) => submissions(rec, offer)],
      status: ['GET', (offer) => offerStatusReply(offer)]
    }
    if (!Object.hasOwn(actions, act)) return notFound(rec)
    const [method, handler] = actions[act]
    if (rec.method !== method) return methodNotAllowed()
    return checked(rec, false, () => {
      const found = lookupOffer(publisherId, offerId)
      return 'reply' in found ? found.reply : handler(found.offer)
    })
  }

  /**
   * Bearer and api-version first, then the handler.
   * @param {RequestRecord} rec
   * @param {boolean} versionOptional
   * @param {() => Reply} handler
   * @returns {Reply}
   */
  function checked(rec, versionOptional, handler) {
    const denied = tokens.check(rec, CPP_AUDIENCE)
    if (denied) return denied
    const v = rec.query['api-version']
    if (!(versionOptional && v === undefined) && v !== options.apiVersion) {
      return apiError(400, 'InvalidAPIVersion', `Invalid api version. Allowed values are [${options.apiVersion}]`)
    }
    return handler()
  }

  /**
   * @param {string} publisherId
   * @param {string} offerId
   * @returns {{ offer: SimOffer } | { reply: Reply }}
   */
  function lookupOffer(publisherId, offerId) {
    const offers = options.offers ?? []
    if (!offers.some((o) => o.publisherId === publisherId)) {
      return { reply: cppNotFound(`Publisher '${publisherId}' was not found.`) }
    }
    const offer = offers.find((o) => o.publisherId === publisherId && o.offerId === offerId)
    if (!offer) return { reply: cppNotFound(`Offer '${offerId}' was not found for publisher '${publisherId}'.`) }
    return { offer }
  }

  /** @param {SimOffer} offer */
  function runningGoLive(offer) {
    return operations.find(
      (o) => o.kind === 'golive' && sameOffer(o, offer) && (o.status === 'notStarted' || o.status === 'running')
    )
  }

  /**
   * @param {SimOffer} offer
   * @returns {Reply}
   */
  function goLive(offer) {
    if (runningGoLive(offer)) {
      if (options.inFlightAnswer === 400) {
        return apiError(
          400,
          'BadRequest',
          `Cannot start Go Live: an operation is in progress on offer ${offer.offerId}. Wait for it to complete or cancel it.`
        )
      }
      return apiError(409, 'Conflict', `An operation is already in progress on offer ${offer.offerId}.`)
    }
    // Worded so that no client takes it for "an operation is in progress": nothing runs to join.
    const preview = previewOf(offer, now())
    if (preview.status === 'neverPublished') {
      return apiError(
        400,
        'BadRequest',
        'The offer has no approved preview waiting for publisher sign-off. Publish the offer to preview first.'
      )
    }
    if (preview.status === 'running') {
      return apiError(
        400,
        'BadRequest',
        'The offer is not ready for publisher sign-off: its preview is still being validated and certified. Go Live once the preview waits for publisher sign-off.'
      )
    }
    if (preview.status === 'failed') {
      return apiError(
        400,
        'BadRequest',
        'The offer is not ready for publisher sign-off: its preview failed certification. Fix the offer and publish it to preview again.'
      )
    }
    const op = createGoLive(offer, now())
    return { status: 202, headers: { ...locationHeaders(op), ...retryAfterHeader() }, body: '' }
  }

  /**
   * @param {RequestRecord} rec
   * @param {SimOffer} offer
   * @returns {Reply}
   */
  function cancel(rec, offer) {
    if (rec.body.trim() !== '') {
      try {
        JSON.parse(rec.body)
      } catch {
        return apiError(400, 'BadRequest', 'The request body is not valid JSON.')
      }
    }
    const t = now()
    const immediate = options.cancelAnswer === 200
    const cancelMs = immediate ? 0 : options.cancelMs
    const target = runningGoLive(offer)
    if (target && target.cancelRequestedAt == null) {
      target.cancelRequestedAt = t
      target.cancelEffectiveAt = t + cancelMs
      target.status = goLiveProgress(target, t).status
    }
    const style = styleFor(offer)
    const id = randomUUID()
    /** @type {SimOperation} */
    const op = {
      id,
      publisherId: offer.publisherId,
      offerId: offer.offerId,
      kind: 'cancel',
      createdAt: t,
      status: cancelMs > 0 ? 'running' : 'canceled',
      locationPath: locationPathFor(style, offer, id),
      style,
      finalStatus: 'canceled',
      notStartedMs: 0,
      operationMs: 0,
      cancelMs,
      cancelRequestedAt: null,
      cancelEffectiveAt: null,
      targetId: target?.id ?? null,
      publishingVersion: target?.publishingVersion ?? 1
    }
    operations.push(op)
    if (immediate) return { status: 200, headers: {}, body: '' }
    return { status: 202, headers: locationHeaders(op), body: '' }
  }

  /**
   * The offer's submissions: an old staging publish, then one production entry per go-live.
   * @param {RequestRecord} rec
   * @param {SimOffer} offer
   * @returns {Reply}
   */
  function submissions(rec, offer) {
    const key = `${offer.publisherId}/${offer.offerId}`
    let stagingId = stagingIds.get(key)
    if (!stagingId) {
      stagingId = randomUUID()
      stagingIds.set(key, stagingId)
    }
    const t = now()
    const list = [
      {
        id: stagingId,
        offerId: offer.offerId,
        publisherId: offer.publisherId,
        submissionType: 'publish',
        submissionState: 'completed',
        slot: 'staging',
        changedTime: '2024-01-15T09:30:00.0000000Z'
      },
      ...operations
        .filter((o) => o.kind === 'golive' && sameOffer(o, offer))
        .map((o) => {
          const p = goLiveProgress(o, t)
          return {
            id: o.id,
            offerId: o.offerId,
            publisherId: o.publisherId,
            submissionType: 'goLive',
            submissionState: submissionState(p.status),
            slot: 'production',
            changedTime: iso7(p.lastActionAt)
          }
        })
    ]
    const wanted = rec.query.status ?? rec.query.submissionState
    const filtered = wanted === undefined ? list : list.filter((s) => lower(s.submissionState) === lower(wanted))
    return json(200, filtered)
  }

  /**
   * @param {SimOffer} offer
   * @returns {Reply}
   */
  function offerStatusReply(offer) {
    const running = runningGoLive(offer) !== undefined
    const t = now()
    return json(200, offerStatusDocument(offer, running, previewOf(offer, t), t, options))
  }

  /**
   * @param {SimOperation} op
   * @param {string} idShown
   * @returns {Reply}
   */
  function operationReply(op, idShown) {
    const doc =
      op.kind === 'golive' ? goLiveDocument(op, idShown, now(), options) : cancelDocument(op, idShown, now(), options)
    return json(200, options.wrapOperationInArray ? [doc] : doc, retryAfterHeader())
  }

  /** @param {SimOffer} offer */
  function styleFor(offer) {
    if (options.locationStyle === 'legacy') return 'legacy'
    if (offer.migrated === false) return 'non-migrated'
    return options.locationStyle
  }

  /**
   * @param {'migrated' | 'non-migrated' | 'legacy'} style
   * @param {{ publisherId: string, offerId: string }} offer
   * @param {string} id
   */
  function locationPathFor(style, offer, id) {
    const p = encodeURIComponent(offer.publisherId)
    const o = encodeURIComponent(offer.offerId)
    if (style === 'non-migrated') return `/api/operations/${p}$${o}$2$preview?api-version=${options.apiVersion}`
    if (style === 'legacy') return `/api/publishers/${p}/offers/${o}/operations/${id}`
    return `/api/publishers/${p}/offers/${o}/operations/${id}?api-version=${options.apiVersion}`
  }

  /**
   * @param {SimOperation} op
   * @returns {Record<string, string>}
   */
  function locationHeaders(op) {
    if (op.style === 'legacy')
      return { 'Operation-Location': `${(options.legacyOrigin ?? url()).replace(/\/+$/, '')}${op.locationPath}` }
    return { Location: op.locationPath }
  }

  /** @returns {Record<string, string>} */
  function retryAfterHeader() {
    return options.retryAfter == null ? {} : { 'Retry-After': String(options.retryAfter) }
  }

  return {
    route,
    /** Notes offers given by `sim.set({ offers })`: their timed previews run from now. */
    offersChanged: noteOffers,
    /** CPP operations (go-live and cancel), oldest first, brought up to now. */
    get operations() {
      tick(now())
      return operations
    }
  }
}

/**
 * @param {{ publisherId: string, offerId: string }} a
 * @param {{ publisherId: string, offerId: string }} b
 */
function sameOffer(a, b) {
  return a.publisherId === b.publisherId && a.offerId === b.offerId
}

/** @param {string} message */
function cppNotFound(message) {
  return apiError(404, 'NotFound', message)
}
