/**
 * Product Ingestion operation references. As with @azure/core-lro, the location is the whole state
 * of what is followed (its forms are parsed in model/locations.ts):
 *
 * - `{base}/configure/{jobId}/status?$version=V#live=submission/{productId}/{X}`: the configure job
 *   that pushed preview submission X; once the job succeeds, the `live` entry of X is followed.
 * - `{base}/submission/{productId}/{X}?$version=V`: the `live` entry of submission X (a submission
 *   keeps its ID when it goes live, so it is found by ID and target in the product's list).
 * - `{base}/submission/{productId}?$version=V#since=T`: a go-live someone else's request started,
 *   whose submission is not known: the live entry that runs, or that was created at or after T.
 */
import type { Followed } from '../../model/locations.js'
import type { OperationRef } from '../../model/status.js'

export { parseLocation, type Followed } from '../../model/locations.js'

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
