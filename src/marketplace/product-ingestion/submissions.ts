/**
 * A product's submissions: reading the (paged) list, and telling its entries apart. A submission
 * keeps its ID when it goes live, so the list can hold `X` twice, as a `preview` and as a `live`
 * entry: an entry is identified by ID and target together, never by ID alone.
 */
import { ApiError, type ListedSubmission } from '../../model/errors.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { arrayOfRecords, isRecord, nonEmptyString } from '../../base/json.js'
import { resolveNextLink } from '../../model/url.js'
import type { CallContext } from '../backend.js'
import { COMPLETED, COMPLETED_RESULT, SUBMISSION_STATUS } from './status.js'
import { mapStatus, normaliseStatus, type OperationStatus, type StepView } from '../../model/status.js'
import { bareSubmissionId, type Locations } from './locations.js'

export interface Submission {
  /** As the API writes it: `submission/{productId}/{id}`. */
  id: string
  /** The last segment of `id`: what the preview and live entries of one submission share. */
  bareId: string
  /** Lower case: `draft`, `preview`, `live`, … */
  targetType: string
  status: string
  result: string
  created: string
  document: Record<string, unknown>
}

/** A list longer than this many pages is not a list of one product's submissions. */
const MAX_PAGES = 50

/** Every entry of the product's list, following `@nextLink` (held to the API origin) to the end. */
export async function listSubmissions(
  api: ApiClient,
  locations: Locations,
  context: CallContext,
  log: Logger
): Promise<Submission[]> {
  const entries: Submission[] = []
  const seen = new Set<string>()
  let url: string | undefined = locations.request(locations.listPath)
  for (let page = 1; url && page <= MAX_PAGES; page++) {
    seen.add(url)
    const response = await api.request({ method: 'GET', url, label: 'List submissions', ...context })
    if (!isRecord(response.body) && !Array.isArray(response.body)) {
      throw new ApiError({
        method: 'GET',
        url,
        status: response.status,
        apiMessage: 'the submission list is not a JSON object',
        transient: true
      })
    }
    const list = isRecord(response.body) ? response.body.value : response.body
    entries.push(...arrayOfRecords(list).map(readSubmission))
    const next = isRecord(response.body) ? nonEmptyString(response.body['@nextLink']) : undefined
    url = next ? withVersion(resolveNextLink(api.baseUrl, url, next), locations) : undefined
    if (url && seen.has(url)) {
      log.debug(`@nextLink repeats ${url}; the list ends here`)
      url = undefined
    }
    if (url && page === MAX_PAGES)
      log.warning(`The submission list has more than ${MAX_PAGES} pages; read the first ${MAX_PAGES}`)
  }
  return entries
}

/** A next link without `$version` gets ours: every call carries it. */
function withVersion(url: string, locations: Locations): string {
  if (new URL(url).searchParams.has('$version')) return url
  return `${url}${url.includes('?') ? '&' : '?'}${locations.versionQuery}`
}

function readSubmission(s: Record<string, unknown>): Submission {
  const id = nonEmptyString(s.id) ?? ''
  return {
    id,
    bareId: bareSubmissionId(id),
    targetType: normaliseStatus(isRecord(s.target) ? (nonEmptyString(s.target.targetType) ?? '') : ''),
    status: nonEmptyString(s.status) ?? '',
    result: nonEmptyString(s.result) ?? '',
    created: nonEmptyString(s.created) ?? '',
    document: s
  }
}

/** The `live` entry of submission `bareId`, if the list has one. */
export function liveEntry(submissions: Submission[], bareId: string): Submission | undefined {
  return submissions.find((s) => s.targetType === 'live' && s.bareId === bareId)
}

export function runningLive(submissions: Submission[]): Submission | undefined {
  return newest(submissions.filter((s) => s.targetType === 'live' && isUnfinished(s)))
}

export function newestSucceededPreview(submissions: Submission[]): Submission | undefined {
  return newest(submissions.filter((s) => s.targetType === 'preview' && isSucceeded(s)))
}

/** The newest `preview` entry, whatever its state: the only one configure takes. */
export function newestPreview(submissions: Submission[]): Submission | undefined {
  return newest(submissions.filter((s) => s.targetType === 'preview'))
}

/** Entries in progress that are not a live submission (a preview being published), newest first. */
export function inProgressElsewhere(submissions: Submission[]): Submission[] {
  return submissions.filter((s) => s.targetType !== 'live' && isUnfinished(s)).sort(byCreatedDescending)
}

/**
 * The live entry that is already what a go-live would push, so there is nothing to push: the live
 * entry of the newest succeeded preview, or a succeeded live entry listed without a preview entry
 * of its own (the list may drop it) and no succeeded preview newer than it.
 */
export function alreadyLive(submissions: Submission[]): Submission | undefined {
  const preview = newestSucceededPreview(submissions)
  const ofPreview = preview && liveEntry(submissions, preview.bareId)
  if (ofPreview && isSucceeded(ofPreview)) return ofPreview
  const live = newest(submissions.filter((s) => s.targetType === 'live' && isSucceeded(s)))
  if (!live || submissions.some((s) => s.targetType === 'preview' && s.bareId === live.bareId)) return undefined
  return !preview || byCreatedDescending(live, preview) <= 0 ? live : undefined
}

/** An entry as a refusal names it. */
export function listed(s: Submission): ListedSubmission {
  return { id: s.id, targetType: s.targetType, status: s.status, result: s.result, created: s.created }
}

/** The newest live entry created at or after `since` (a go-live someone else started). */
export function liveSince(submissions: Submission[], since: string | undefined): Submission | undefined {
  const bound = Date.parse(since ?? '')
  if (Number.isNaN(bound)) return undefined
  return newest(submissions.filter((s) => s.targetType === 'live' && Date.parse(s.created) >= bound))
}

export function isSucceeded(s: Submission): boolean {
  return normaliseStatus(s.status) === COMPLETED && normaliseStatus(s.result) === 'succeeded'
}

function isUnfinished(s: Submission): boolean {
  const status = normaliseStatus(s.status)
  return status === 'running' || status === 'notstarted' || status === 'inprogress'
}

/** `status`, and `result` once completed, in the wait loop's terms. */
export function submissionStatus(s: Submission, log: Logger): OperationStatus {
  return normaliseStatus(s.status) === COMPLETED
    ? mapStatus(COMPLETED_RESULT, s.result, (raw) => log.debug(`unknown submission result '${raw}'`))
    : mapStatus(SUBMISSION_STATUS, s.status, (raw) => log.debug(`unknown submission status '${raw}'`))
}

/** The table row of the live entry of `bareId` (or of the one awaited). */
export function liveStep(bareId: string | undefined, entry: Submission | undefined, waiting?: string): StepView {
  return {
    name: bareId ? `Live submission ${bareId}` : 'Live submission',
    status: entry?.status ? [entry.status, entry.result].filter(Boolean).join(' / ') : 'not listed yet',
    estimate: 'hours to days',
    message: entry ? undefined : waiting
  }
}

/** The newest few entries, for a dry run's table. */
export function overviewSteps(submissions: Submission[]): StepView[] {
  return submissions
    .filter((s) => s.created)
    .sort(byCreatedDescending)
    .slice(0, 5)
    .map((s) => ({
      name: `${s.targetType} submission ${s.bareId}`,
      status: [s.status, s.result].filter(Boolean).join(' / '),
      message: `created ${s.created}`
    }))
}

function byCreatedDescending(a: Submission, b: Submission): number {
  return (Date.parse(b.created) || 0) - (Date.parse(a.created) || 0)
}

function newest(submissions: Submission[]): Submission | undefined {
  return submissions.slice().sort(byCreatedDescending)[0]
}
