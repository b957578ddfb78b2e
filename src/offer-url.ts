/**
 * The `url` output: a page a person can open for the offer. For CPP its marketplace listing (a
 * `liveLinks` URI once the API fills it, else the listing address built from the IDs); for Product
 * Ingestion its overview page in Partner Center, as Microsoft's documentation links it.
 */
import { isRecord, nonEmptyString } from './json.js'
import type { ApiKind } from './settings.js'

export interface OfferIds {
  api: ApiKind
  publisherId: string
  offerId: string
  /** Bare GUID. */
  productId: string
}

export function offerUrl(ids: OfferIds, operation?: unknown): string {
  if (ids.api === 'product-ingestion') {
    return `https://partner.microsoft.com/dashboard/commercial-marketplace/offers/${encodeURIComponent(ids.productId)}/overview`
  }
  return (
    liveLink(operation) ??
    `https://azuremarketplace.microsoft.com/marketplace/apps/${encodeURIComponent(ids.publisherId)}.${encodeURIComponent(ids.offerId)}`
  )
}

/**
 * The first usable `liveLinks` entry (`{ displayText, uri }` or a plain string). It is API text: only
 * an https URL without credentials is taken, so nothing else reaches the outputs or GitHub.
 */
export function liveLink(operation: unknown): string | undefined {
  const document = Array.isArray(operation) ? operation[0] : operation
  if (!isRecord(document) || !Array.isArray(document.liveLinks)) return undefined
  for (const link of document.liveLinks) {
    const text =
      typeof link === 'string'
        ? link
        : isRecord(link)
          ? (nonEmptyString(link.uri) ?? nonEmptyString(link.url))
          : undefined
    if (!text) continue
    try {
      const url = new URL(text.trim())
      if (url.protocol === 'https:' && !url.username && !url.password && !/[\s<>"']/.test(text.trim())) return url.href
    } catch {
      // not a URL: skipped
    }
  }
  return undefined
}
