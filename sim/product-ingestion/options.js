// @ts-check
// The knobs of the simulated Product Ingestion API: its products and submissions, how lists are
// paged and ordered, and how configure jobs and the live submissions they start are timed.

import { draftEntry, submissionEntry } from './submissions.js'

/**
 * @typedef {object} ProductIngestionOptions
 * @property {import('./submissions.js').SimProduct[]} products each may carry a preview that completes over time
 *   (`previewReadyAfterMs`, `previewResult`, `previewErrors`: see SimProduct)
 * @property {number | null} piPageSize entries per page of a submission list (`$maxpagesize` wins)
 * @property {'absolute' | 'path' | 'relative' | 'query'} piNextLink how `@nextLink` is written
 * @property {'stored' | 'reversed' | 'rotate'} piListOrder order of a submission list
 * @property {'jobId' | 'jobID'} piJobIdKey how a configure job names its ID
 * @property {number} jobMs
 * @property {'succeeded' | 'failed'} jobResult
 * @property {number} liveMs
 * @property {'succeeded' | 'failed'} liveResult
 * @property {boolean} preexistingLiveRunning the first product starts with a live submission running
 * @property {string | null} alias the `alias` of every product (`GET /product/{id}`); null: the answer has none
 */

const PRODUCT_ID = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'

/** @returns {ProductIngestionOptions} */
export function defaultProductIngestionOptions() {
  return {
    products: [
      {
        productId: PRODUCT_ID,
        // Deliberately not sorted by date: clients must pick the newest succeeded preview themselves.
        submissions: [
          submissionEntry(
            PRODUCT_ID,
            '1152921505694070016',
            'live',
            'completed',
            'succeeded',
            '2023-02-03T10:15:00.0000000Z'
          ),
          submissionEntry(
            PRODUCT_ID,
            '1152921505697139456',
            'preview',
            'completed',
            'succeeded',
            '2023-06-12T08:40:00.0000000Z'
          ),
          submissionEntry(
            PRODUCT_ID,
            '1152921505693427712',
            'preview',
            'completed',
            'succeeded',
            '2023-01-20T16:05:00.0000000Z'
          ),
          // The draft entry carries no status, result or created.
          draftEntry(PRODUCT_ID, '1152921505698000000')
        ]
      }
    ],
    piPageSize: null,
    piNextLink: 'absolute',
    piListOrder: 'stored',
    piJobIdKey: 'jobId',
    jobMs: 1000,
    jobResult: 'succeeded',
    liveMs: 3000,
    liveResult: 'succeeded',
    preexistingLiveRunning: false,
    alias: null
  }
}
