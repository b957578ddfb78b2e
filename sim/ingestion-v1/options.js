// @ts-check
// The knobs of the simulated Partner Center ingestion API v1.0: its products and submissions, how
// validation and publishing are timed and how they end, the seller-ID requirement, and how
// submission lists are paged.

/**
 * @typedef {object} IngestionV1Options
 * @property {import('./submissions.js').V1SeedProduct[]} v1Products products and their submissions, oldest first
 * @property {number} v1ValidationMs submission → `ReadyToPublish` (Automated validation, then Preview Creation)
 * @property {number} v1PublishMs promotion → `InStore` (Certification, then Publish)
 * @property {'succeeded' | 'failed-validation' | 'failed-certification'} v1Result how validations and promotions end
 * @property {boolean} v1RequireSellerId every call needs `x-ms-publisherId` holding a positive number, else 400
 * @property {number | null} v1PageSize submissions per page of a list; null: one page
 * @property {'relative' | 'odata' | 'absolute'} v1NextLink how the link to the next page is written
 * @property {string | null} v1NextLinkOrigin origin of `absolute` next links (default: the simulator's)
 * @property {boolean} v1PreexistingPublishing the first product's newest `ReadyToPublish` submission starts promoted
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The default product's ID (a Business Central app). */
export const V1_PRODUCT_ID = 'e2b5c6d7-3f41-4a8b-9c0d-1e2f3a4b5c6d'

/**
 * The default product's submissions, oldest first. The IDs are beyond 2^53: as JavaScript numbers
 * they would change their last digits.
 */
export const V1_SUBMISSION_IDS = {
  /** the live one, `Published`/`InStore` */
  inStore: '1152921505699041297',
  /** the preview waiting to go live, `Published`/`ReadyToPublish` */
  ready: '1152921505699173393',
  /** a newer draft, `InProgress`/`InDraft`: never the one to take live */
  draft: '1152921505699305489'
}

/** @returns {IngestionV1Options} */
export function defaultIngestionV1Options() {
  return {
    v1Products: [
      {
        productId: V1_PRODUCT_ID,
        resourceType: 'AzureDynamics365BusinessCentral',
        name: 'Contoso.Analytics.AppSource',
        offerId: 'contoso-analytics',
        submissions: [
          // Durations as in a recorded Business Central go-live: 14 minutes to preview, 3 hours to live.
          // Seeds are timed back from start-up, so they read the same whatever the clock says.
          {
            id: V1_SUBMISSION_IDS.inStore,
            substate: 'InStore',
            releaseNumber: 4,
            sinceMs: 35 * DAY,
            validationMs: 14 * MINUTE,
            publishMs: 3 * HOUR
          },
          {
            id: V1_SUBMISSION_IDS.ready,
            substate: 'ReadyToPublish',
            releaseNumber: 5,
            sinceMs: 9 * DAY,
            validationMs: 14 * MINUTE
          },
          { id: V1_SUBMISSION_IDS.draft, substate: 'InDraft', releaseNumber: 6 }
        ]
      }
    ],
    v1ValidationMs: 2000,
    v1PublishMs: 3000,
    v1Result: 'succeeded',
    v1RequireSellerId: false,
    v1PageSize: null,
    v1NextLink: 'relative',
    v1NextLinkOrigin: null,
    v1PreexistingPublishing: false
  }
}
