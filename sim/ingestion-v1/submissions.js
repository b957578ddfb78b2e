// @ts-check
// The products of the ingestion API v1.0 and their submissions: seeded from the knobs with their
// instants timed back from start-up, promoted on request (progress.js says what follows), and
// listed oldest first in pages with a next link in the form the knobs choose.

import { createHash } from 'node:crypto'
import { json, lower } from '../http.js'
import { V1_ROOT, submissionDocument } from './documents.js'
import { v1Error } from './errors.js'
import { STATE_OF, statusAt } from './progress.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */

/**
 * @typedef {'InDraft' | 'Submitted' | 'Failed' | 'ReadyToPublish' | 'Publishing' | 'Published'
 *   | 'FailedInCertification' | 'InStore'} V1Substate
 */

/** @typedef {'InProgress' | 'Published'} V1State */

/**
 * A submission as seeded through the `v1Products` knob.
 * @typedef {object} V1SeedSubmission
 * @property {string} id the submission ID: digits, as a string (it is beyond 2^53)
 * @property {V1Substate} substate where it stands at start-up
 * @property {V1State} [state] when given, must be the one that goes with `substate`
 * @property {number} [releaseNumber] default: one more than the submission before it (1 for the first)
 * @property {string} [friendlyName] default `Submission {releaseNumber}`
 * @property {number} [sinceMs] how long it has been in `substate` at start-up; default 0
 * @property {number} [validationMs] default `v1ValidationMs`
 * @property {number} [publishMs] default `v1PublishMs` (taken at promotion when not promoted yet)
 * @property {'succeeded' | 'failed-validation' | 'failed-certification'} [result] default `v1Result`
 * @property {boolean} [createFailed] an `InDraft` submission whose creation failed validation
 */

/**
 * A product as seeded through the `v1Products` knob.
 * @typedef {object} V1SeedProduct
 * @property {string} productId a GUID
 * @property {'AzureDynamics365BusinessCentral' | 'AzureApplication'} [resourceType] default `AzureDynamics365BusinessCentral`
 * @property {string} [name] default `Product {first 8 characters of the ID}`
 * @property {string} [offerId] the `AzureOfferId` external ID; default `offer-{first 8 characters of the ID}`
 * @property {V1SeedSubmission[]} [submissions] oldest first, as the service lists them
 */

/**
 * A submission as the simulator keeps it. `state` and `substate` are as of the last look; the
 * instants decide them. A null duration or result is taken from the knobs when its phase starts.
 * @typedef {object} V1Submission
 * @property {string} id
 * @property {number} releaseNumber
 * @property {string} friendlyName
 * @property {V1State} state
 * @property {V1Substate} substate
 * @property {{ type: string, value: string }[]} resources
 * @property {boolean} createFailed
 * @property {number | null} submittedAt start of the Preview push; null for a draft
 * @property {number | null} validationMs
 * @property {'succeeded' | 'failed' | null} validationResult
 * @property {number | null} promotedAt start of the Live push; null until promoted
 * @property {number | null} publishMs
 * @property {'succeeded' | 'failed' | null} certificationResult
 */

/**
 * @typedef {object} V1Product
 * @property {string} productId
 * @property {'AzureDynamics365BusinessCentral' | 'AzureApplication'} resourceType
 * @property {string} name
 * @property {{ type: string, value: string }[]} externalIDs
 * @property {V1Submission[]} submissions oldest first
 */

/** Time between a preview being ready and its promotion, for seeds that were promoted before start-up. */
const SIGNOFF_GAP_MS = 30_000

/**
 * @param {object} deps
 * @param {import('./options.js').IngestionV1Options} deps.options read live; durations and results are captured when a phase starts
 * @param {() => number} deps.now
 * @param {() => string} deps.url the simulator's origin
 */
export function createSubmissions({ options, now, url }) {
  /** @type {V1Product[]} */
  let products = []

  /**
   * @param {V1SeedProduct} seed
   * @param {number} t start-up
   * @returns {V1Product}
   */
  function seedProduct(seed, t) {
    const short = seed.productId.slice(0, 8)
    let release = 0
    return {
      productId: seed.productId,
      resourceType: seed.resourceType ?? 'AzureDynamics365BusinessCentral',
      name: seed.name ?? `Product ${short}`,
      externalIDs: [{ type: 'AzureOfferId', value: seed.offerId ?? `offer-${short}` }],
      submissions: (seed.submissions ?? []).map((s) => {
        release = s.releaseNumber ?? release + 1
        return seedSubmission(seed.productId, s, release, t)
      })
    }
  }

  /**
   * A seeded submission with its instants timed back from start-up, so that it stands in its
   * `substate` at t and has been there `sinceMs`.
   * @param {string} productId
   * @param {V1SeedSubmission} seed
   * @param {number} releaseNumber
   * @param {number} t
   * @returns {V1Submission}
   */
  function seedSubmission(productId, seed, releaseNumber, t) {
    if (typeof seed.id !== 'string' || !/^\d+$/.test(seed.id)) {
      throw new TypeError(`v1Products: submission id ${JSON.stringify(seed.id)} must be a string of digits`)
    }
    if (!Object.hasOwn(STATE_OF, seed.substate)) {
      throw new TypeError(`v1Products: submission ${seed.id} has an unknown substate '${seed.substate}'`)
    }
    if (seed.state !== undefined && seed.state !== STATE_OF[seed.substate]) {
      throw new TypeError(
        `v1Products: submission ${seed.id} is ${seed.state}/${seed.substate}; ${seed.substate} goes with ${STATE_OF[seed.substate]}`
      )
    }
    const result = seed.result ?? options.v1Result
    const since = seed.sinceMs ?? 0
    const validationMs = seed.validationMs ?? options.v1ValidationMs
    const promoted = ['Publishing', 'Published', 'FailedInCertification', 'InStore'].includes(seed.substate)
    const publishMs = seed.publishMs ?? (promoted ? options.v1PublishMs : null)
    /** @param {string} r */
    const certification = (r) => (r === 'failed-certification' ? 'failed' : 'succeeded')
    /** @type {Partial<Record<V1Substate, 'succeeded' | 'failed'>>} */
    const certified = { Published: 'succeeded', InStore: 'succeeded', FailedInCertification: 'failed' }
    // Not promoted yet: the result is taken from v1Result at promotion, unless the seed says.
    const certificationResult =
      certified[seed.substate] ?? (promoted || seed.result !== undefined ? certification(result) : null)
    /** @type {V1Submission} */
    const sub = {
      id: seed.id,
      releaseNumber,
      friendlyName: seed.friendlyName ?? `Submission ${releaseNumber}`,
      state: STATE_OF[seed.substate],
      substate: seed.substate,
      resources: ['Availability', 'Listing', 'Package', 'Property'].map((type) => ({
        type,
        value: stableGuid(`${productId}/${seed.id}/${type}`)
      })),
      createFailed: seed.substate === 'InDraft' && seed.createFailed === true,
      submittedAt: null,
      validationMs: null,
      validationResult: null,
      promotedAt: null,
      publishMs,
      certificationResult
    }
    if (seed.substate === 'InDraft') return sub
    sub.validationMs = validationMs
    sub.validationResult =
      seed.substate === 'Failed' || (seed.substate === 'Submitted' && result === 'failed-validation')
        ? 'failed'
        : 'succeeded'
    const ms = publishMs ?? 0
    /** @type {Record<Exclude<V1Substate, 'InDraft'>, () => void>} */
    const placements = {
      Submitted: () => (sub.submittedAt = t - since),
      Failed: () => (sub.submittedAt = t - since - validationMs / 2),
      ReadyToPublish: () => (sub.submittedAt = t - since - validationMs),
      Publishing: () => (sub.promotedAt = t - since),
      Published: () => (sub.promotedAt = t - since - ms / 2),
      FailedInCertification: () => (sub.promotedAt = t - since - ms / 2),
      InStore: () => (sub.promotedAt = t - since - ms)
    }
    placements[seed.substate]()
    if (sub.promotedAt !== null) sub.submittedAt = sub.promotedAt - SIGNOFF_GAP_MS - validationMs
    return sub
  }

  /** (Re)builds the products from the knobs. */
  function seed() {
    const t = now()
    products = (options.v1Products ?? []).map((p) => seedProduct(p, t))
    const first = products[0]
    if (options.v1PreexistingPublishing && first) {
      // Someone promoted the newest ready preview a moment ago: it is publishing.
      const ready = first.submissions
        .filter((s) => statusAt(s, t).substate === 'ReadyToPublish')
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1))[0]
      if (ready) promote(ready, t)
    }
    tick(t)
  }

  /**
   * Starts the Live push of a `ReadyToPublish` submission at t.
   * @param {V1Submission} sub
   * @param {number} t
   */
  function promote(sub, t) {
    sub.promotedAt = t
    sub.publishMs ??= options.v1PublishMs
    sub.certificationResult ??= options.v1Result === 'failed-certification' ? 'failed' : 'succeeded'
    Object.assign(sub, statusAt(sub, t))
  }

  /** @param {number} t */
  function tick(t) {
    for (const product of products) for (const sub of product.submissions) Object.assign(sub, statusAt(sub, t))
  }

  /**
   * One page of a product's submissions, oldest first, filtered by `state` when asked; the link to
   * the next page carries `$skipToken` and is written as `v1NextLink` says.
   * @param {RequestRecord} rec
   * @param {V1Product} product
   * @param {number} t
   * @returns {Reply}
   */
  function page(rec, product, t) {
    let offset = 0
    const token = rec.query.$skipToken
    // What the service once answered to an empty skip token: nothing.
    if (token === '') return json(200, { value: [] })
    if (token !== undefined) {
      const decoded = decodeSkipToken(token)
      if (decoded === null) return v1Error(400, 'BadRequest', 'The $skipToken is not valid.', 'submission')
      offset = decoded
    }
    const wanted = rec.query.state
    const all =
      wanted === undefined ? product.submissions : product.submissions.filter((s) => lower(s.state) === lower(wanted))
    /** @param {V1Submission[]} subs */
    const docs = (subs) => subs.map((s) => submissionDocument(product, s, t))
    const size = options.v1PageSize
    if (!size) return json(200, { value: docs(all) })
    const value = docs(all.slice(offset, offset + size))
    if (offset + size >= all.length) return json(200, { value })
    const query = [
      ...(wanted !== undefined ? [`state=${encodeURIComponent(wanted)}`] : []),
      `$skipToken=${encodeSkipToken(offset + size)}`
    ].join('&')
    // The service's own form: relative to the host, without a leading slash.
    const relative = `${V1_ROOT}/products/${product.productId}/submissions?${query}`
    if (options.v1NextLink === 'odata') return json(200, { value, '@odata.nextLink': relative })
    if (options.v1NextLink === 'absolute')
      return json(200, { value, nextLink: `${options.v1NextLinkOrigin ?? url()}/${relative}` })
    return json(200, { value, nextLink: relative })
  }

  seed()

  return {
    seed,
    promote,
    tick,
    page,
    /** Products and their submissions (not brought up to now: see `tick`). */
    get products() {
      return products
    },
    /** @param {string} productId */
    find(productId) {
      return products.find((p) => lower(p.productId) === lower(productId))
    }
  }
}

/** @typedef {ReturnType<typeof createSubmissions>} Submissions */

/**
 * A GUID that is always the same for the same text (resource IDs of seeded submissions).
 * @param {string} text
 */
function stableGuid(text) {
  const h = createHash('sha256').update(text).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/** @param {number} offset */
function encodeSkipToken(offset) {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url')
}

/**
 * @param {string} token
 * @returns {number | null}
 */
function decodeSkipToken(token) {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    return Number.isInteger(state?.o) && state.o >= 0 ? state.o : null
  } catch {
    return null
  }
}
