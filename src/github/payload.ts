/**
 * What a deployment of this action records in its payload, and reading it back. Anyone who may
 * write deployments to the repository can create one with any payload, so a payload read back is
 * untrusted input: the IDs are checked with the patterns the inputs use, and the operation location
 * is held to the API origin of the run that reads it (never to one the payload names).
 */
import { ProtocolError } from '../model/errors.js'
import { isRecord, nonEmptyString } from '../base/json.js'
import { describeTarget, GUID_PATTERN, isSafeId, type OfferIds } from '../model/target.js'
import type { ApiKind } from '../model/settings.js'
import { locationTargetMismatch } from '../model/locations.js'
import { resolveLocation, splitFragment } from '../model/url.js'

/** The deployment task that marks a deployment as one of this action's go-lives. */
export const DEPLOYMENT_TASK = 'marketplace-go-live'

/** The payload format's version, the value of the `marketplace-go-live` key. */
const PAYLOAD_VERSION = 1

/** A go-live as recorded on GitHub. */
export interface GoLiveRecord extends OfferIds {
  /** Absolute URL on the reading run's API origin; empty when the run stopped before knowing it. */
  operationLocation: string
  /** ISO time the go-live was started (or first recorded). */
  startedAt: string
  /** The workflow run that recorded it (GITHUB_RUN_ID), when known. */
  runId?: string
  /** ingestion-v1: the submission the release named (`submission-id`); a follow run takes exactly it. */
  submissionId?: string
}

/** The payload written at creation (see README, "Following a go-live for days"). */
export function writePayload(record: GoLiveRecord): Record<string, unknown> {
  return {
    'marketplace-go-live': PAYLOAD_VERSION,
    api: record.api,
    ...(record.api === 'cpp'
      ? { publisherId: record.publisherId, offerId: record.offerId }
      : { productId: record.productId }),
    ...(record.operationLocation ? { operationLocation: record.operationLocation } : {}),
    startedAt: record.startedAt,
    ...(record.runId ? { runId: record.runId } : {}),
    ...(record.api === 'ingestion-v1' && record.submissionId ? { submissionId: record.submissionId } : {})
  }
}

/**
 * Reads a payload back. Throws ProtocolError saying what is wrong with it; the caller skips the
 * deployment with a warning naming it.
 */
export function readPayload(payload: unknown, baseUrlFor: (ids: OfferIds) => string): GoLiveRecord {
  let value = payload
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      throw new ProtocolError('its payload is not JSON')
    }
  }
  if (!isRecord(value)) throw new ProtocolError('its payload is not a JSON object')
  if (value['marketplace-go-live'] !== PAYLOAD_VERSION) {
    throw new ProtocolError(`its payload is not a marketplace-go-live record of version ${PAYLOAD_VERSION}`)
  }
  const api = value.api
  if (api !== 'cpp' && api !== 'product-ingestion' && api !== 'ingestion-v1')
    throw new ProtocolError("its payload's api is not 'cpp', 'product-ingestion' or 'ingestion-v1'")
  let publisherId = ''
  let offerId = ''
  let productId = ''
  if (api === 'cpp') {
    publisherId = checkId(value.publisherId, 'publisherId')
    offerId = checkId(value.offerId, 'offerId')
  } else {
    productId = (nonEmptyString(value.productId) ?? '').replace(/^product\//i, '')
    if (!GUID_PATTERN.test(productId)) throw new ProtocolError("its payload's productId is not a GUID")
  }
  const startedAt = nonEmptyString(value.startedAt) ?? ''
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(startedAt) || Number.isNaN(Date.parse(startedAt))) {
    throw new ProtocolError("its payload's startedAt is not an ISO time")
  }
  const location = value.operationLocation
  if (location !== undefined && typeof location !== 'string') {
    throw new ProtocolError("its payload's operationLocation is not a string")
  }
  const ids = { api: api as ApiKind, publisherId, offerId, productId }
  const runId = typeof value.runId === 'string' && /^\d{1,20}$/.test(value.runId) ? value.runId : undefined
  const submissionId = value.submissionId
  if (submissionId !== undefined && (typeof submissionId !== 'string' || !/^\d{1,30}$/.test(submissionId))) {
    throw new ProtocolError("its payload's submissionId is not a submission number")
  }
  const baseUrl = baseUrlFor(ids)
  return {
    ...ids,
    operationLocation: location ? recordedLocation(ids, baseUrl, location) : '',
    startedAt,
    runId,
    ...(api === 'ingestion-v1' && submissionId ? { submissionId } : {})
  }
}

/**
 * The recorded location, held to this run's API origin as every location is (the bearer token goes
 * with each poll), and to the target the payload names: a payload of offer A with a location of
 * offer B would report B's go-live as A's. The fragment stays: it is the backend's own part of the
 * location (what a Product Ingestion job hands over to), which the API never sees.
 */
export function recordedLocation(ids: OfferIds, baseUrl: string, location: string): string {
  const parts = splitFragment(location)
  const operationLocation = `${resolveLocation(baseUrl, parts.location)}${parts.fragment}`
  if (locationTargetMismatch({ ...ids, baseUrl }, operationLocation)) {
    throw new ProtocolError(`its payload's operationLocation belongs to another target than ${describeTarget(ids)}`)
  }
  return operationLocation
}

function checkId(value: unknown, name: string): string {
  const text = typeof value === 'string' ? value : ''
  if (!isSafeId(text)) {
    throw new ProtocolError(`its payload's ${name} is not a valid ID (letters, digits, '-', '_', '.')`)
  }
  return text
}
