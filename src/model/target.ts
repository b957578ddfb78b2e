/**
 * A target's identity, in one place: what an ID may look like, how a target is named for people,
 * its key (one go-live at a time runs per key), its default GitHub environment, and the page a
 * person opens for it (the `url` output). Whether a location belongs to a target is in locations.ts.
 */
import { isRecord, nonEmptyString } from '../base/json.js'
import { oneLine, redactAndCut } from '../base/text.js'
import type { ApiKind } from './settings.js'

/**
 * Publisher, offer, job and submission IDs go into URL paths: a strict pattern with one limit,
 * no `/ ? #`, and never `..` (checked by isSafeId).
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** An ingestion API v1.0 submission ID: digits, kept as text (19 of them are beyond 2^53). */
export const SUBMISSION_ID_PATTERN = /^\d{1,30}$/

/** An ID that is safe in a path segment. */
export function isSafeId(text: string): boolean {
  return ID_PATTERN.test(text) && !text.includes('..')
}

/** The APIs' names, for people. */
export const API_NAME: Record<ApiKind, string> = {
  cpp: 'Cloud Partner Portal API',
  'product-ingestion': 'Product Ingestion API',
  'ingestion-v1': 'Partner Center ingestion API v1.0'
}

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

/** Longest product name (alias) shown; Partner Center keeps them short. */
const MAX_NAME_CHARS = 100

/**
 * A product's name as the API gives it (an alias, a v1 product's `name`), made fit to stand in a
 * target's name: API text, so one line, secrets replaced, bounded; undefined when there is none.
 */
export function productName(value: unknown): string | undefined {
  const name = redactAndCut(oneLine(nonEmptyString(value) ?? '').trim(), MAX_NAME_CHARS)
  return name || undefined
}

/** "offer contoso/contoso-offer" or "product {guid}" (with its alias once known: "product Contoso ({guid})"). */
export function describeTarget(ids: OfferIds, alias?: string): string {
  if (ids.api === 'cpp') return `offer ${ids.publisherId}/${ids.offerId}`
  return alias ? `product ${alias} (${ids.productId})` : `product ${ids.productId}`
}

/** `cpp:contoso/contoso-offer`, `product-ingestion:{guid}` or `ingestion-v1:{guid}`: one go-live at a time runs per key. */
export function targetKey(ids: OfferIds): string {
  return ids.api === 'cpp'
    ? `cpp:${ids.publisherId}/${ids.offerId}`.toLowerCase()
    : `${ids.api}:${ids.productId.toLowerCase()}`
}

/** The default `deployment-environment`. */
export function defaultEnvironment(ids: OfferIds): string {
  return `marketplace-${ids.api === 'cpp' ? ids.offerId : ids.productId}`
}

/** Partner Center's commercial marketplace overview: where a CPP offer that did not go live is looked at. */
export const PARTNER_CENTER_OVERVIEW = 'https://partner.microsoft.com/dashboard/commercial-marketplace/overview'

/**
 * The `url` output: for CPP its marketplace listing (a `liveLinks` URI once the API fills it, else
 * the listing address built from the IDs); for Product Ingestion its overview page in Partner
 * Center, as Microsoft's documentation links it. For an ingestion API v1.0 product the same
 * overview address is used: no source confirms that form for v1 products (Business Central apps,
 * Azure Applications), but Partner Center opens a commercial marketplace offer by its product ID.
 */
export function offerUrl(ids: OfferIds, operation?: unknown): string {
  if (ids.api === 'product-ingestion' || ids.api === 'ingestion-v1') {
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
    const url = httpsUrl(text)
    if (url) links.push({ url, displayText: isRecord(link) ? nonEmptyString(link.displayText) : undefined })
  }
  return links
}

/**
 * A link from the API that may be shown and opened: an https URL without credentials, quotes,
 * spaces or angle brackets; undefined for anything else.
 */
export function httpsUrl(text: unknown): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined
  try {
    const url = new URL(text.trim())
    if (url.protocol !== 'https:' || url.username || url.password || /[\s<>"']/.test(text.trim())) return undefined
    return url.href
  } catch {
    return undefined
  }
}

/** The first usable `liveLinks` entry: the listing, once the API fills it. */
export function liveLink(operation: unknown): string | undefined {
  return operationLinks(operation, 'liveLinks')[0]?.url
}
