/**
 * An operation's location in the few characters a GitHub deployment status description can hold
 * (140 in all): the deployment is created before Go Live and its payload cannot change, so the
 * operation, known only from Go Live's answer, is recorded in the statuses that follow. The
 * payload already holds the API and the IDs and the reading run knows its `base-url` and
 * `api-version`, so only the operation's own part is written:
 *
 * - CPP: `op cpp:{operationId}` (`/api/publishers/{p}/offers/{o}/operations/{id}`) or
 *   `op cpp-preview:{n}` (`/api/operations/{p}${o}${n}$preview`);
 * - Product Ingestion: `op job:{jobId}:{submissionId}`, `op live:{submissionId}`, `op since:{time}`;
 * - ingestion API v1.0: `op submission:{submissionId}` (`/products/{p}/submissions/{s}`);
 * - any other location on the API root: `op rel:{path}`.
 *
 * What is read back is untrusted (anyone who may write deployments can post a status): the
 * rebuilt location goes through the same checks as one given as an input.
 */
import { redactAndCut } from '../base/text.js'
import { cppLocationTarget, parseLocation, parseV1Location } from './locations.js'
import type { OfferIds } from './target.js'
import { isSafeId } from './target.js'
import { resolveLocation, splitFragment } from './url.js'

/** What marks the reference in a description. */
const MARK = ' · op '

/** The compact reference of a location, or undefined when it has none short enough. */
export function compactRef(ids: OfferIds, baseUrl: string, location: string): string | undefined {
  try {
    const root = baseUrl.replace(/\/+$/, '')
    if (ids.api === 'cpp') {
      const url = new URL(resolveLocation(root, location))
      if (!cppLocationTarget(url)) return undefined
      const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
      const last = segments[segments.length - 1] ?? ''
      const preview = /^[^$]+\$[^$]+\$(\d{1,9})\$preview$/.exec(last)
      if (preview) return `cpp-preview:${preview[1]}`
      return segments[segments.length - 2] === 'operations' && isSafeId(last) ? `cpp:${last}` : undefined
    }
    if (ids.api === 'product-ingestion') {
      const { followed } = parseLocation(root, location)
      if (followed.kind === 'job')
        return followed.live ? `job:${followed.jobId}:${followed.live}` : `job:${followed.jobId}`
      if (followed.kind === 'live') return `live:${followed.submissionId}`
      return followed.since ? `since:${followed.since}` : 'since:'
    }
    if (ids.api === 'ingestion-v1') return `submission:${parseV1Location(root, location).submissionId}`
    const parts = splitFragment(location)
    const absolute = resolveLocation(root, parts.location)
    if (!absolute.startsWith(`${root}/`)) return undefined
    return `rel:${absolute.slice(root.length + 1)}${parts.fragment}`
  } catch {
    return undefined
  }
}

/** The location a compact reference stands for, on this run's API root and version. */
export function expandRef(ids: OfferIds, baseUrl: string, apiVersion: string, ref: string): string | undefined {
  const root = baseUrl.replace(/\/+$/, '')
  const colon = ref.indexOf(':')
  if (colon < 0) return undefined
  const kind = ref.slice(0, colon)
  const value = ref.slice(colon + 1)
  const e = encodeURIComponent
  if (ids.api === 'cpp') {
    const version = `?api-version=${e(apiVersion)}`
    if (kind === 'cpp' && isSafeId(value))
      return `${root}/api/publishers/${e(ids.publisherId)}/offers/${e(ids.offerId)}/operations/${e(value)}${version}`
    if (kind === 'cpp-preview' && /^\d{1,9}$/.test(value))
      return `${root}/api/operations/${e(ids.publisherId)}$${e(ids.offerId)}$${value}$preview${version}`
    return undefined
  }
  if (ids.api === 'product-ingestion') {
    const version = `?$version=${e(apiVersion)}`
    const product = e(ids.productId)
    if (kind === 'job') {
      const [job, live] = value.split(':')
      if (!isSafeId(job) || (live !== undefined && !isSafeId(live))) return undefined
      return `${root}/configure/${e(job)}/status${version}${live ? `#live=submission/${product}/${e(live)}` : ''}`
    }
    if (kind === 'live' && isSafeId(value)) return `${root}/submission/${product}/${e(value)}${version}`
    if (kind === 'since' && (value === '' || !Number.isNaN(Date.parse(value))))
      return `${root}/submission/${product}${version}${value ? `#since=${e(value)}` : ''}`
    return undefined
  }
  if (ids.api === 'ingestion-v1') {
    if (kind !== 'submission' || !/^\d{1,30}$/.test(value)) return undefined
    return `${root}/products/${e(ids.productId)}/submissions/${value}`
  }
  if (kind === 'rel' && /^[A-Za-z0-9][A-Za-z0-9_.~%/$=&?#+-]*$/.test(value) && !value.includes('..')) {
    return `${root}/${value}`
  }
  return undefined
}

/** GitHub's limit on a deployment status description. */
export const MAX_DESCRIPTION = 140

/**
 * A deployment status description: `text`, cut to fit, then the reference of the operation at
 * `location`, when one is given. Undefined when the reference itself does not fit (the caller
 * says so in the log, with the location).
 */
export function statusDescription(ids: OfferIds, baseUrl: string, text: string, location?: string): string | undefined {
  const ref = location === undefined ? undefined : compactRef(ids, baseUrl, location)
  if (!ref) return redactAndCut(text, MAX_DESCRIPTION)
  const tail = `${MARK}${ref}`
  if (tail.length > MAX_DESCRIPTION - 10) return undefined
  return `${redactAndCut(text, MAX_DESCRIPTION - tail.length)}${tail}`
}

/** The reference a description carries, if any. */
export function refInDescription(description: string): string | undefined {
  const at = description.lastIndexOf(MARK)
  if (at < 0) return undefined
  const ref = description.slice(at + MARK.length).trim()
  return /^[a-z-]+:\S*$/.test(ref) ? ref : undefined
}
