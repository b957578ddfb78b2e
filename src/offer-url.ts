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

/** The IDs alone, out of settings or a record that holds more. */
export function offerIds(from: OfferIds): OfferIds {
  return { api: from.api, publisherId: from.publisherId, offerId: from.offerId, productId: from.productId }
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

/** A page named by the operation document, with the API's words for it when it gave some. */
export interface OperationLink {
  url: string
  displayText?: string
}

/**
 * The usable entries of an operation document's `liveLinks` or `previewLinks` (`{ displayText, uri }`
 * or plain strings). They are API text: only https URLs without credentials are taken, so nothing
 * else reaches the outputs, the summary or GitHub.
 */
export function operationLinks(operation: unknown, key: 'liveLinks' | 'previewLinks'): OperationLink[] {
  const document = Array.isArray(operation) ? operation[0] : operation
  if (!isRecord(document) || !Array.isArray(document[key])) return []
  const links: OperationLink[] = []
  for (const link of document[key] as unknown[]) {
    const text =
      typeof link === 'string'
        ? link
        : isRecord(link)
          ? (nonEmptyString(link.uri) ?? nonEmptyString(link.url))
          : undefined
    if (!text) continue
    try {
      const url = new URL(text.trim())
      if (url.protocol !== 'https:' || url.username || url.password || /[\s<>"']/.test(text.trim())) continue
      links.push({ url: url.href, displayText: isRecord(link) ? nonEmptyString(link.displayText) : undefined })
    } catch {
      // not a URL: skipped
    }
  }
  return links
}

/** The first usable `liveLinks` entry: the listing, once the API fills it. */
export function liveLink(operation: unknown): string | undefined {
  return operationLinks(operation, 'liveLinks')[0]?.url
}
