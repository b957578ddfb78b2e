// @ts-check
// The wire documents of the ingestion API v1.0 at a given time: the product, a submission, its two
// workflow details (Preview push, Live push), its validations and its certification reports.
// Workflow times carry seven fractional digits and no zone; a time not reached yet is .NET's
// default date (ASSUMED).

import { iso7, iso7NoZone } from '../clock.js'
import { timeline } from './progress.js'

/** @typedef {import('./submissions.js').V1Product} V1Product */
/** @typedef {import('./submissions.js').V1Submission} V1Submission */

/** The API's root as the service writes it in links: relative to the host, no leading slash. */
export const V1_ROOT = 'v1.0/ingestion'

/** `publishedTimeInUtc` of a submission that has not been published. */
export const NOT_PUBLISHED = '1601-01-01T00:00:00Z'

/** A workflow time not reached yet. */
const NOT_YET = '0001-01-01T00:00:00'

/** The step names of each push. */
export const PREVIEW_STEPS = ['Automated validation', 'Preview Creation']
export const LIVE_STEPS = ['Publisher Signoff', 'Certification', 'Publish']

/**
 * `GET /products/{productId}`.
 * @param {V1Product} product
 */
export function productDocument(product) {
  return {
    resourceType: product.resourceType,
    name: product.name,
    externalIDs: product.externalIDs,
    isModularPublishing: true,
    id: product.productId
  }
}

/**
 * A submission as `GET …/submissions/{submissionId}` and the list answer it. The ID stays a string.
 * @param {V1Product} product
 * @param {V1Submission} sub
 * @param {number} t
 */
export function submissionDocument(product, sub, t) {
  const { live } = timeline(sub)
  const published = live && !live.failed && t >= live.end ? iso7(live.end) : NOT_PUBLISHED
  return {
    resourceType: 'Submission',
    state: sub.state,
    substate: sub.substate,
    // Stays Preview after the submission went live, as the service shows it.
    targets: [{ type: 'Scope', value: 'Preview' }],
    resources: sub.resources,
    publishedTimeInUtc: published,
    pendingUpdateInfo: sub.createFailed
      ? {
          updateType: 'Create',
          status: 'Failed',
          href: `${V1_ROOT}/products/${product.productId}/submissions/${sub.id}/validations`,
          failureReason: 'Active validation errors'
        }
      : { updateType: 'Create', status: 'Completed' },
    releaseNumber: sub.releaseNumber,
    friendlyName: sub.friendlyName,
    areResourcesReady: true,
    id: sub.id
  }
}

/**
 * A step or push: not started before `start` (or when `start` is null), in progress until `end`,
 * then succeeded or failed.
 * @param {number | null} start
 * @param {number} end
 * @param {boolean} failed
 * @param {number} t
 */
function stage(start, end, failed, t) {
  if (start === null || t < start)
    return { state: 'NotStarted', startDateTimeInUtc: NOT_YET, completeDateTimeInUtc: NOT_YET }
  if (t < end) return { state: 'InProgress', startDateTimeInUtc: iso7NoZone(start), completeDateTimeInUtc: NOT_YET }
  return {
    state: failed ? 'Failed' : 'Success',
    startDateTimeInUtc: iso7NoZone(start),
    completeDateTimeInUtc: iso7NoZone(end)
  }
}

/**
 * One WorkflowDetail: a push with its steps, each step `[name, start, end, failed]`.
 * @param {'Preview' | 'Live'} targetEnvironment
 * @param {{ start: number, end: number, failed: boolean } | null} push
 * @param {[string, number | null, number, boolean][]} steps
 * @param {number} t
 */
function workflowDetail(targetEnvironment, push, steps, t) {
  const { state, startDateTimeInUtc, completeDateTimeInUtc } = push
    ? stage(push.start, push.end, push.failed, t)
    : stage(null, 0, false, t)
  return {
    type: 'Push',
    state,
    targetEnvironment,
    workflowSteps: steps.map(([name, start, end, failed]) => ({ name, ...stage(start, end, failed, t) })),
    startDateTimeInUtc,
    completeDateTimeInUtc
  }
}

/**
 * The Live push's WorkflowDetail, as `POST …/promote` answers it.
 * @param {V1Submission} sub
 * @param {number} t
 */
export function liveWorkflowDetail(sub, t) {
  const { live } = timeline(sub)
  /** @type {[string, number | null, number, boolean][]} */
  const steps = live
    ? [
        [LIVE_STEPS[0], live.start, live.start, false],
        [LIVE_STEPS[1], live.start, live.certified, live.failed],
        [LIVE_STEPS[2], live.failed ? null : live.certified, live.end, false]
      ]
    : LIVE_STEPS.map((name) => [name, null, 0, false])
  return workflowDetail('Live', live, steps, t)
}

/**
 * `GET …/workflowdetails`: the Preview push and the Live push; none for a draft.
 * @param {V1Submission} sub
 * @param {number} t
 */
export function workflowDetailsDocument(sub, t) {
  const { preview } = timeline(sub)
  if (!preview) return { value: [] }
  /** @type {[string, number | null, number, boolean][]} */
  const steps = [
    [PREVIEW_STEPS[0], preview.start, preview.validated, preview.failed],
    [PREVIEW_STEPS[1], preview.failed ? null : preview.validated, preview.end, false]
  ]
  return { value: [workflowDetail('Preview', preview, steps, t), liveWorkflowDetail(sub, t)] }
}

/**
 * `GET …/validations`: filled when validation failed (or the draft's creation did).
 * @param {V1Submission} sub
 * @param {number} t
 */
export function validationsDocument(sub, t) {
  if (sub.createFailed) {
    return {
      value: [
        {
          errorCode: 'Package-10001',
          severity: 'Error',
          message: 'The app package could not be read: it is not a valid app file.',
          resource: 'Package'
        }
      ]
    }
  }
  const { preview } = timeline(sub)
  if (!preview?.failed || t < preview.end) return { value: [] }
  return {
    value: [
      {
        errorCode: 'Package-10003',
        severity: 'Error',
        message: 'Automated validation failed: the app manifest does not name a privacy statement.',
        resource: 'Package'
      },
      {
        errorCode: 'Listing-20011',
        severity: 'Warning',
        message: 'The listing has no screenshot for one of its languages.',
        resource: 'Listing'
      }
    ]
  }
}

/**
 * `GET …/reports`: one report once certification ended (`Failed` with its link when it failed).
 * @param {V1Product} product
 * @param {V1Submission} sub
 * @param {number} t
 */
export function reportsDocument(product, sub, t) {
  const { live } = timeline(sub)
  if (!live || t < live.certified) return { value: [] }
  return {
    value: [
      {
        reportTimeInUtc: iso7(live.certified),
        status: live.failed ? 'Failed' : 'Passed',
        fileUri: `https://certification-reports.example.com/${product.productId}/${sub.id}/report.pdf`
      }
    ]
  }
}
