/**
 * Which target an `operation-location` belongs to, so that a resume can never follow (and report
 * live) another offer or product than the inputs name. Checked with the inputs, before any request.
 */
import { ProtocolError } from '../errors.js'
import type { GoLiveSettings } from '../settings.js'
import { resolveLocation } from '../url.js'
import { cppLocationTarget } from './cpp-wire.js'
import { parseLocation } from './product-ingestion/locations.js'

type Target = Pick<GoLiveSettings, 'api' | 'baseUrl' | 'publisherId' | 'offerId' | 'productId'>

/**
 * Why the location does not belong to the target, naming both; undefined when it does (or, for a
 * bare configure job, names none). A location of no known form is a ProtocolError.
 */
export function locationTargetMismatch(target: Target, location: string): string | undefined {
  if (target.api === 'product-ingestion') {
    const named = parseLocation(target.baseUrl, location).productId
    if (!named || named.toLowerCase() === target.productId.toLowerCase()) return undefined
    return (
      `names product ${named}, but 'product-id' names product ${target.productId}: ` +
      "give the operation-location output of a go-live of this product, or correct 'product-id'"
    )
  }
  const named = cppLocationTarget(new URL(resolveLocation(target.baseUrl, location)))
  if (!named) {
    throw new ProtocolError(
      `'${location}' is not a CPP operation: expected .../api/publishers/{publisherId}/offers/{offerId}/operations/{id} ` +
        "or .../api/operations/{publisherId}${offerId}$2$preview (the 'operation-location' output, not 'operation-id')"
    )
  }
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()
  if (same(named.publisherId, target.publisherId) && same(named.offerId, target.offerId)) return undefined
  return (
    `names offer ${named.publisherId}/${named.offerId}, but 'publisher-id' and 'offer-id' name offer ` +
    `${target.publisherId}/${target.offerId}: give the operation-location output of a go-live of this offer, ` +
    'or correct the IDs'
  )
}
