/**
 * Which target an operation location belongs to, for every API: the location forms each API's
 * operations take (parsed here, without HTTP), and whether a location names the target the inputs
 * name, so that a resume can never follow (and report live) another offer or product. Checked with
 * the inputs, before any request, and on every location read back from a GitHub deployment.
 *
 * Product Ingestion locations carry what only the action needs in the fragment (`#live=…`,
 * `#since=…`): HTTP clients never send it, so the API only ever sees the path and `$version`.
 */
import { ProtocolError } from './errors.js'
import type { GoLiveSettings } from './settings.js'
import { GUID_PATTERN, isSafeId, SUBMISSION_ID_PATTERN } from './target.js'
import { resolveLocation, splitFragment } from './url.js'

// Product Ingestion ---------------------------------------------------------------------

export type Followed =
  /** `live`: the bare ID of the submission the job pushed, when known. */
  | { kind: 'job'; jobId: string; live?: string }
  | { kind: 'live'; submissionId: string }
  | { kind: 'next-live'; since?: string }

export interface ParsedLocation {
  followed: Followed
  /** The product the location names, when it names one (a bare job location does not). */
  productId?: string
}

const FORMS =
  'expected .../configure/{jobId}/status, .../submission/{productId}/{submissionId} or .../submission/{productId}'

/** Reads a location (relative or absolute, with or without our fragment); throws ProtocolError. */
export function parseLocation(baseUrl: string, location: string): ParsedLocation {
  const parts = splitFragment(location)
  const fragment = new URLSearchParams(parts.fragment.slice(1))
  const url = new URL(resolveLocation(baseUrl, parts.location))
  const root = new URL(baseUrl).pathname.replace(/\/+$/, '')
  const segments = url.pathname.slice(root.length).split('/').filter(Boolean)
  const part = (index: number): string => decode(segments[index], location)

  if (segments.length === 3 && segments[0] === 'configure' && segments[2] === 'status') {
    const jobId = checkedId(part(1), 'job ID', location)
    const live = fragment.get('live') ?? undefined
    if (live === undefined) return { followed: { kind: 'job', jobId } }
    const pushed = /^(?:submission\/([^/]+)\/)?([^/]+)$/.exec(live)
    if (!pushed || (pushed[1] !== undefined && !GUID_PATTERN.test(pushed[1]))) {
      throw new ProtocolError(`'${location}' names the pushed submission as '${live}', not submission/{productId}/{id}`)
    }
    return {
      followed: { kind: 'job', jobId, live: checkedId(pushed[2], 'submission ID', location) },
      productId: pushed[1]
    }
  }
  if ((segments.length === 2 || segments.length === 3) && segments[0] === 'submission') {
    const productId = part(1)
    if (!GUID_PATTERN.test(productId)) throw new ProtocolError(`'${location}' names product '${productId}', not a GUID`)
    if (segments.length === 3) {
      return { followed: { kind: 'live', submissionId: checkedId(part(2), 'submission ID', location) }, productId }
    }
    // Locations written before the marker moved into the fragment carried `since` in the query.
    const since = fragment.get('since') ?? url.searchParams.get('since') ?? undefined
    if (since !== undefined && Number.isNaN(Date.parse(since))) {
      throw new ProtocolError(`'${location}' has a 'since' that is not a time: '${since}'`)
    }
    return { followed: { kind: 'next-live', since }, productId }
  }
  throw new ProtocolError(`'${location}' is not a Product Ingestion operation: ${FORMS}`)
}

// CPP ----------------------------------------------------------------------------------------

/** The publisher and offer an operation location names (`/api/publishers/{p}/offers/{o}/…` or `/api/operations/{p}${o}$…`). */
export function cppLocationTarget(url: URL): { publisherId: string; offerId: string } | undefined {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment)
  const at = segments.indexOf('api')
  const rest = at >= 0 ? segments.slice(at + 1) : []
  if (rest[0]?.toLowerCase() === 'publishers' && rest[2]?.toLowerCase() === 'offers' && rest[3]) {
    return { publisherId: rest[1], offerId: rest[3] }
  }
  const legacy = rest[0]?.toLowerCase() === 'operations' ? /^([^$]+)\$([^$]+)\$/.exec(rest[1] ?? '') : null
  return legacy ? { publisherId: legacy[1], offerId: legacy[2] } : undefined
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

// Ingestion API v1.0 ------------------------------------------------------------------------

/** What a v1 location names: the submission of the product that is followed. */
export interface V1Location {
  productId: string
  submissionId: string
}

/**
 * Reads a v1 location, `{base}/products/{productId}/submissions/{submissionId}` (relative or
 * absolute; a query or fragment is ignored); throws ProtocolError.
 */
export function parseV1Location(baseUrl: string, location: string): V1Location {
  const url = new URL(resolveLocation(baseUrl, splitFragment(location).location))
  const root = new URL(baseUrl).pathname.replace(/\/+$/, '')
  const segments = url.pathname.startsWith(`${root}/`) ? url.pathname.slice(root.length).split('/').filter(Boolean) : []
  if (
    segments.length !== 4 ||
    segments[0].toLowerCase() !== 'products' ||
    segments[2].toLowerCase() !== 'submissions'
  ) {
    throw new ProtocolError(
      `'${location}' is not an ingestion API v1.0 operation: expected .../products/{productId}/submissions/{submissionId} ` +
        "(the 'operation-location' output, not 'operation-id')"
    )
  }
  const productId = decode(segments[1], location)
  const submissionId = decode(segments[3], location)
  if (!GUID_PATTERN.test(productId)) throw new ProtocolError(`'${location}' names product '${productId}', not a GUID`)
  if (!SUBMISSION_ID_PATTERN.test(submissionId)) {
    throw new ProtocolError(`'${location}' names submission '${submissionId}', not a submission ID (digits)`)
  }
  return { productId, submissionId }
}

// Every API ------------------------------------------------------------------------------------

type Target = Pick<GoLiveSettings, 'api' | 'baseUrl' | 'publisherId' | 'offerId' | 'productId'> &
  Partial<Pick<GoLiveSettings, 'submissionId'>>

/**
 * Why the location does not belong to the target, naming both; undefined when it does (or, for a
 * bare configure job, names none). A location of no known form is a ProtocolError.
 */
export function locationTargetMismatch(target: Target, location: string): string | undefined {
  if (target.api === 'ingestion-v1') {
    const named = parseV1Location(target.baseUrl, location)
    if (target.submissionId && named.submissionId !== target.submissionId) {
      return (
        `names submission ${named.submissionId}, but 'submission-id' is ${target.submissionId}: ` +
        'give one of them (the location already names the submission it follows)'
      )
    }
  }
  if (target.api === 'product-ingestion' || target.api === 'ingestion-v1') {
    const named =
      target.api === 'ingestion-v1'
        ? parseV1Location(target.baseUrl, location).productId
        : parseLocation(target.baseUrl, location).productId
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

function checkedId(id: string, what: string, location: string): string {
  if (!isSafeId(id)) throw new ProtocolError(`'${location}' has an unusable ${what} '${id}'`)
  return id
}

/** A path segment; a malformed escape is the location's fault, said as such. */
function decode(segment: string, location: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ProtocolError(`'${location}' has a malformed %-escape`)
  }
}
