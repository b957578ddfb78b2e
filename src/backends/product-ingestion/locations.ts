/**
 * Product Ingestion operation references. As with @azure/core-lro, the location is the whole state
 * of what is followed, so a resume (or a later poll) knows exactly what to do with it:
 *
 * - `{base}/configure/{jobId}/status?$version=V#live=submission/{productId}/{X}`: the configure job
 *   that pushed preview submission X; once the job succeeds, the `live` entry of X is followed.
 * - `{base}/submission/{productId}/{X}?$version=V`: the `live` entry of submission X (a submission
 *   keeps its ID when it goes live, so it is found by ID and target in the product's list).
 * - `{base}/submission/{productId}?$version=V#since=T`: a go-live someone else's request started,
 *   whose submission is not known: the live entry that runs, or that was created at or after T.
 *
 * What only the action needs (`live`, `since`) is in the fragment: HTTP clients never send it, so
 * the API only ever sees the path and `$version`.
 */
import { ProtocolError } from '../../errors.js'
import { resolveLocation, splitFragment } from '../../url.js'
import type { OperationRef } from '../backend.js'

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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Submission and job IDs go into paths: a strict pattern, no `/ ? # ..`. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/

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
    if (!pushed || (pushed[1] !== undefined && !GUID.test(pushed[1]))) {
      throw new ProtocolError(`'${location}' names the pushed submission as '${live}', not submission/{productId}/{id}`)
    }
    return {
      followed: { kind: 'job', jobId, live: checkedId(pushed[2], 'submission ID', location) },
      productId: pushed[1]
    }
  }
  if ((segments.length === 2 || segments.length === 3) && segments[0] === 'submission') {
    const productId = part(1)
    if (!GUID.test(productId)) throw new ProtocolError(`'${location}' names product '${productId}', not a GUID`)
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

/** Builds locations and request URLs of one product on one API root. */
export class Locations {
  constructor(
    private readonly baseUrl: string,
    readonly productId: string,
    private readonly apiVersion: string
  ) {}

  /** A request URL: the path and `$version` only (sent literally, as the API documents it). */
  request(path: string): string {
    return `${this.baseUrl}${path}?${this.versionQuery}`
  }

  /** `$version=…`, the one query parameter every call carries. */
  get versionQuery(): string {
    return `$version=${encodeURIComponent(this.apiVersion)}`
  }

  get listPath(): string {
    return `/submission/${encodeURIComponent(this.productId)}`
  }

  /** What a followed operation's GET is: the job status, or the product's submission list. */
  requestUrl(followed: Followed): string {
    return followed.kind === 'job'
      ? this.request(`/configure/${encodeURIComponent(followed.jobId)}/status`)
      : this.request(this.listPath)
  }

  /** The output `operation-location` (and `operation-id`) of what is followed. */
  reference(followed: Followed): OperationRef {
    const product = encodeURIComponent(this.productId)
    switch (followed.kind) {
      case 'job': {
        const live = followed.live ? `#live=submission/${product}/${encodeURIComponent(followed.live)}` : ''
        return { location: this.requestUrl(followed) + live, id: followed.jobId }
      }
      case 'live':
        return {
          location: this.request(`${this.listPath}/${encodeURIComponent(followed.submissionId)}`),
          id: followed.submissionId
        }
      case 'next-live':
        return {
          location:
            this.request(this.listPath) + (followed.since ? `#since=${encodeURIComponent(followed.since)}` : ''),
          id: this.productId
        }
    }
  }
}

/** `submission/{productId}/{id}` → `id`. */
export function bareSubmissionId(id: string): string {
  return id.split('/').pop() ?? id
}

function checkedId(id: string, what: string, location: string): string {
  if (!ID.test(id) || id.includes('..')) throw new ProtocolError(`'${location}' has an unusable ${what} '${id}'`)
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
