/**
 * The inputs that name the target, for the API chosen: `publisher-id` and `offer-id` (cpp),
 * `product-id` (product-ingestion, ingestion-v1), `submission-id` and `seller-id` (ingestion-v1).
 * An ID of another API standing alone where the chosen API's IDs are missing says which API was
 * meant: the likely fix is given with the errors.
 */
import { InputError } from '../model/errors.js'
import type { ApiKind, GoLiveSettings } from '../model/settings.js'
import { GUID_PATTERN, isSafeId, SUBMISSION_ID_PATTERN } from '../model/target.js'
import { warning } from '../runner/port.js'
import type { InputCheck } from './input-values.js'

export type Target = Pick<GoLiveSettings, 'publisherId' | 'offerId' | 'productId' | 'submissionId' | 'sellerId'>

/** A seller ID as the service wanted it: a positive number. */
const SELLER_ID_PATTERN = /^(?=\d*[1-9])\d{1,20}$/

const V1_OFFERS = 'Dynamics 365 apps on AppSource (such as Business Central) and Azure Application offers'

/** The IDs of the API chosen; errors are recorded on `check`. */
export function readTarget(check: InputCheck, api: ApiKind, follow: boolean): Target {
  const v1 = readV1Inputs(check, api, follow)
  if (api === 'cpp') return { ...readCppIds(check, follow), ...v1 }
  return { ...readProductId(check, api, follow), ...v1 }
}

function readCppIds(check: InputCheck, follow: boolean): Pick<Target, 'publisherId' | 'offerId' | 'productId'> {
  const publisherId = check.value('publisher-id')
  const offerId = check.value('offer-id')
  const productId = check.value('product-id')
  if (follow && !publisherId && !offerId) {
    if (productId) {
      warning(
        "Input 'product-id' is ignored: it belongs to api: product-ingestion and api: ingestion-v1 (set 'api' to " +
          'the API of that product to follow it)'
      )
    }
    return { publisherId, offerId, productId: '' }
  }
  if (productId && !publisherId && !offerId) {
    check.hint(
      `'product-id' is given but 'api' is ${check.value('api') ? "'cpp'" : "'cpp' (the default)"}, which needs ` +
        "'publisher-id' and 'offer-id'. Offers created in Partner Center go live through the Product Ingestion API " +
        `with 'product-id': set 'api: product-ingestion' (or 'api: ingestion-v1' for ${V1_OFFERS}).`
    )
  } else if (productId) {
    warning("Input 'product-id' is ignored: it belongs to api: product-ingestion and api: ingestion-v1")
  }
  requireId(check, 'publisher-id', publisherId, "a publisher ID such as 'contoso'")
  requireId(check, 'offer-id', offerId, "an offer ID such as 'contoso-offer'")
  return { publisherId, offerId, productId: '' }
}

function readProductId(
  check: InputCheck,
  api: ApiKind,
  follow: boolean
): Pick<Target, 'publisherId' | 'offerId' | 'productId'> {
  const productId = check.value('product-id')
  const cppIds = ['publisher-id', 'offer-id'].filter((name) => check.value(name))
  if (follow && !productId) return { publisherId: '', offerId: '', productId: '' }
  if (!productId) {
    check.fail(new InputError('product-id', `is required with api: ${api} (the product's durable ID, a GUID)`))
    if (cppIds.length > 0) {
      check.hint(
        `${cppIds.map((n) => `'${n}'`).join(' and ')} ${cppIds.length > 1 ? 'are' : 'is'} given but 'api' is ` +
          `'${api}', which needs 'product-id'. For an offer of the Cloud Partner Portal API, remove ` +
          `'api: ${api}' (cpp is the default); for a Partner Center product, give its 'product-id'.`
      )
    }
    return { publisherId: '', offerId: '', productId: '' }
  }
  const bare = productId.replace(/^product\//i, '')
  if (!GUID_PATTERN.test(bare)) {
    check.fail(
      new InputError(
        'product-id',
        "must be a GUID, optionally prefixed with 'product/' (the product's durable ID, the GUID in its " +
          `Partner Center address .../offers/<GUID>/overview); got '${productId}'`
      )
    )
  }
  for (const name of cppIds) warning(`Input '${name}' is ignored: it belongs to api: cpp`)
  return { publisherId: '', offerId: '', productId: bare }
}

/** `submission-id` and `seller-id`: ingestion-v1 only; with any other API, an error naming the fix. */
function readV1Inputs(check: InputCheck, api: ApiKind, follow: boolean): Pick<Target, 'submissionId' | 'sellerId'> {
  const submissionId = check.value('submission-id')
  const sellerId = check.value('seller-id')
  // A follow run checks every API's records: its seller ID goes with the ingestion-v1 ones.
  const sellerAllowed = follow && api !== 'ingestion-v1'
  if (api !== 'ingestion-v1') {
    const given = ['submission-id', 'seller-id'].filter(
      (name) => check.value(name) && !(sellerAllowed && name === 'seller-id')
    )
    const apiSaid = check.value('api') ? `'${api}'` : `'${api}' (the default)`
    for (const name of given) {
      check.fail(new InputError(name, `belongs to api: ingestion-v1, but 'api' is ${apiSaid}`))
    }
    if (given.length) {
      check.hint(
        `${given.map((n) => `'${n}'`).join(' and ')} ${given.length > 1 ? 'are' : 'is'} given: for ${V1_OFFERS}, ` +
          `set 'api: ingestion-v1' with the product's 'product-id'; otherwise remove ${given.length > 1 ? 'them' : 'it'}.`
      )
    }
    if (!sellerAllowed || !sellerId) return { submissionId: '', sellerId: '' }
    checkSellerId(check, sellerId)
    return { submissionId: '', sellerId }
  }
  if (submissionId && follow) {
    check.fail(
      new InputError(
        'submission-id',
        'cannot be combined with follow: true, which follows the submissions recorded on GitHub: remove it'
      )
    )
  } else if (submissionId && !SUBMISSION_ID_PATTERN.test(submissionId)) {
    check.fail(
      new InputError(
        'submission-id',
        `must be the submission's ID as the API gives it, digits only (e.g. 1152921505699173393); got '${submissionId}'`
      )
    )
  }
  checkSellerId(check, sellerId)
  return { submissionId, sellerId }
}

function checkSellerId(check: InputCheck, sellerId: string): void {
  if (!sellerId || SELLER_ID_PATTERN.test(sellerId)) return
  check.fail(
    new InputError(
      'seller-id',
      'must be the Partner Center seller ID, a positive number (Partner Center: gear icon > Account settings > ' +
        `Legal info > Seller ID); got '${sellerId}'`
    )
  )
}

function requireId(check: InputCheck, name: string, value: string, example: string): void {
  if (!value) {
    check.fail(new InputError(name, `is required with api: cpp (${example})`))
  } else if (!isSafeId(value)) {
    check.fail(
      new InputError(
        name,
        `must be letters, digits, '-', '_' or '.' (no '/', '?', '#' or '..'), at most 128 characters; got '${value}'`
      )
    )
  }
}
