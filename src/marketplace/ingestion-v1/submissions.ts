/**
 * A product's submissions in the ingestion API v1.0: reading one (its ID stays text: 19 digits are
 * beyond 2^53), listing them through every page as the service links them, and telling the newest
 * apart (by ID, compared as digits, never as a JavaScript number).
 */
import { ApiError, ProtocolError } from '../../model/errors.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { arrayOfRecords, isRecord, nonEmptyString } from '../../base/json.js'
import { oneLine, redactAndCut } from '../../base/text.js'
import { resolveNextLink } from '../../model/url.js'
import { SUBMISSION_ID_PATTERN } from '../../model/target.js'
import type { CallContext } from '../backend.js'
import { HOST_ROOT, type V1Locations } from './locations.js'
import { stageOf, type Stage } from './status.js'

export interface V1Submission {
  /** Digits, as the API wrote them. */
  id: string
  releaseNumber?: string
  /** `Submission 28`: API text, one line, bounded. */
  friendlyName?: string
  state: string
  substate: string
  stage: Stage
  /** `pendingUpdateInfo.failureReason` (a draft whose creation failed): API text. */
  failureReason?: string
  document: Record<string, unknown>
}

/** A list longer than this many pages is not a list of one product's submissions. */
const MAX_PAGES = 50

/** One submission document; undefined when it has no usable ID. */
export function readSubmission(doc: Record<string, unknown>, log?: Logger): V1Submission | undefined {
  const id = submissionIdOf(doc.id)
  if (!id) {
    log?.debug(`a submission without a usable ID was skipped: ${redactAndCut(JSON.stringify(doc.id) ?? '', 60)}`)
    return undefined
  }
  const substate = nonEmptyString(doc.substate) ?? ''
  const pending = isRecord(doc.pendingUpdateInfo) ? doc.pendingUpdateInfo : {}
  return {
    id,
    releaseNumber: text(doc.releaseNumber),
    friendlyName: nonEmptyString(doc.friendlyName) && redactAndCut(oneLine(doc.friendlyName as string).trim(), 100),
    state: nonEmptyString(doc.state) ?? '',
    substate,
    stage: stageOf(substate),
    failureReason: nonEmptyString(pending.failureReason) && redactAndCut(oneLine(pending.failureReason as string), 300),
    document: doc
  }
}

/**
 * A submission ID as text. A JSON number is taken only while it is exact: a 19-digit ID read into
 * a JavaScript number has lost its last digits, and that number names another submission.
 */
function submissionIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return SUBMISSION_ID_PATTERN.test(value.trim()) ? value.trim() : undefined
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'number' || (typeof value === 'string' && value) ? String(value) : undefined
}

/** `submission 1152921505699173393 (Submission 5)`. */
export function describeSubmission(s: V1Submission): string {
  const name = s.friendlyName ?? (s.releaseNumber ? `release ${s.releaseNumber}` : '')
  return `submission ${s.id}${name ? ` (${name})` : ''}`
}

/** `Published/ReadyToPublish`, as the API says it. */
export function stateOf(s: V1Submission): string {
  return [s.state, s.substate].filter(Boolean).join('/') || 'no state'
}

/** Two submission IDs compared as the numbers they are (by digits: no precision lost). */
export function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '')
  const y = b.replace(/^0+(?=\d)/, '')
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0)
}

/** Newest first: IDs grow with each new submission (the release number breaks a tie). */
export function newestFirst(submissions: V1Submission[]): V1Submission[] {
  const release = (s: V1Submission) => s.releaseNumber ?? ''
  return submissions.slice().sort((a, b) => compareIds(b.id, a.id) || compareIds(release(b), release(a)))
}

/** Every submission of the product, following the next link (in each of its forms) to the end. */
export async function listSubmissions(
  api: ApiClient,
  locations: V1Locations,
  context: CallContext,
  log: Logger
): Promise<V1Submission[]> {
  const entries: V1Submission[] = []
  const seen = new Set<string>()
  let url: string | undefined = locations.submissions
  for (let page = 1; url && page <= MAX_PAGES; page++) {
    seen.add(url)
    let body: unknown
    try {
      body = (await api.request({ method: 'GET', url, label: 'List submissions', ...context })).body
    } catch (err) {
      // A next link that answers 404 is the end of the list, as the service has answered.
      if (page > 1 && err instanceof ApiError && err.status === 404) {
        log.debug(`The next page of the submission list answered 404; the list ends at page ${page - 1}`)
        break
      }
      throw err
    }
    if (!isRecord(body) && !Array.isArray(body)) {
      throw new ApiError({
        method: 'GET',
        url,
        status: 200,
        apiMessage: 'the submission list is not a JSON object',
        transient: true
      })
    }
    const list = isRecord(body) ? body.value : body
    for (const doc of arrayOfRecords(list)) {
      const submission = readSubmission(doc, log)
      if (submission) entries.push(submission)
    }
    url = nextPage(api, url, isRecord(body) ? body : {})
    if (url && seen.has(url)) {
      log.debug(`The next link repeats ${url}; the list ends here`)
      url = undefined
    }
    if (url && page === MAX_PAGES)
      log.warning(`The submission list has more than ${MAX_PAGES} pages; read the first ${MAX_PAGES}`)
  }
  return entries
}

/** The next page's URL: `nextLink` (host-relative `v1.0/ingestion/…`), `@odata.nextLink`, or absolute on the API origin. */
function nextPage(api: ApiClient, current: string, body: Record<string, unknown>): string | undefined {
  const link =
    nonEmptyString(body.nextLink) ?? nonEmptyString(body['@odata.nextLink']) ?? nonEmptyString(body['@nextLink'])
  if (!link) return undefined
  try {
    return resolveNextLink(api.baseUrl, current, link, HOST_ROOT)
  } catch (err) {
    if (err instanceof ProtocolError)
      throw new ProtocolError(`the submission list's next page was not read: ${err.message}`)
    throw err
  }
}
