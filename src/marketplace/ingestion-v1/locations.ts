/**
 * Ingestion API v1.0 request URLs and operation references. The operation followed is the
 * submission itself: `{base}/products/{productId}/submissions/{submissionId}` is the whole resume
 * state (parsed in model/locations.ts), and its ID is the `operation-id` output.
 */
import type { OperationRef } from '../../model/status.js'

export { parseV1Location } from '../../model/locations.js'

/** The API's root as the service writes it in next links: relative to the host, no leading slash. */
export const HOST_ROOT = 'v1.0/ingestion'

/** Builds the request URLs of one product on one API root; no call carries a query of ours. */
export class V1Locations {
  constructor(
    private readonly baseUrl: string,
    readonly productId: string
  ) {}

  get product(): string {
    return `${this.baseUrl}/products/${encodeURIComponent(this.productId)}`
  }

  get submissions(): string {
    return `${this.product}/submissions`
  }

  submission(submissionId: string): string {
    return `${this.submissions}/${encodeURIComponent(submissionId)}`
  }

  /** `promote`, `workflowdetails`, `validations`, `reports` of one submission. */
  of(submissionId: string, what: 'promote' | 'workflowdetails' | 'validations' | 'reports'): string {
    return `${this.submission(submissionId)}/${what}`
  }

  /** The output `operation-location` (and `operation-id`): the submission followed. */
  reference(submissionId: string): OperationRef {
    return { location: this.submission(submissionId), id: submissionId }
  }
}
