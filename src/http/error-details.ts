/**
 * API errors nest: `{"code":"internalServerError","message":"Operation failed","details":[{"code":
 * "invalidState","message":"Certification","details":[{…"Issues found during Certification."}]}]}`.
 * The line a person needs is often the innermost one, so the whole tree is flattened into one
 * bounded sentence. The result is untrusted API text: callers log and show it like any other.
 */
import { arrayOfRecords, isRecord, nonEmptyString } from '../base/json.js'
import { withoutTrailingStop, truncate } from '../base/text.js'

/** Deep enough for every nesting seen; a hostile body cannot make the walk long. */
const MAX_DEPTH = 6
const MAX_ITEMS = 12
const MAX_CHARS = 1000

/** `code: message` of one error and each of its nested `details`, depth first, without repeats. */
export function flattenErrorTree(error: unknown): string[] {
  const items: string[] = []
  const walk = (node: unknown, depth: number): void => {
    if (!isRecord(node) || depth > MAX_DEPTH || items.length >= MAX_ITEMS) return
    const code = nonEmptyString(node.code)?.trim()
    const message = nonEmptyString(node.message)?.trim()
    const item = [code, message && withoutTrailingStop(message)].filter(Boolean).join(': ')
    if (item && !items.includes(item)) items.push(item)
    for (const detail of arrayOfRecords(node.details)) walk(detail, depth + 1)
  }
  walk(error, 0)
  return items
}

/** One error tree as a sentence: `internalServerError: Operation failed > invalidState: …`. */
function describeErrorTree(error: unknown): string {
  return truncate(flattenErrorTree(error).join(' > '), MAX_CHARS)
}

/** Several error trees (a job's `errors`), each described, separated by `; `. */
export function describeErrors(errors: unknown): string {
  return truncate(
    arrayOfRecords(errors).slice(0, MAX_ITEMS).map(describeErrorTree).filter(Boolean).join('; '),
    MAX_CHARS
  )
}

/**
 * The nested details of an API error body, after its own message: `message (details: a > b)`;
 * the message alone when there are none.
 */
export function withDetails(message: string | undefined, details: unknown): string | undefined {
  const nested = arrayOfRecords(details).flatMap(flattenErrorTree)
  const extra = nested.filter((item) => !message || !item.endsWith(withoutTrailingStop(message)))
  if (!extra.length) return message
  const text = truncate(extra.slice(0, MAX_ITEMS).join(' > '), MAX_CHARS)
  return message ? `${withoutTrailingStop(message)} (details: ${text})` : text
}

/** `{"error":{"code","message"}}`, `{"error":"…","error_description":"…"}` or `{"code","message"}`. */
export function readApiError(body: unknown): { code?: string; message?: string } | undefined {
  if (!body || typeof body !== 'object') return undefined
  const record = body as Record<string, unknown>
  const inner = record.error
  if (inner && typeof inner === 'object') {
    const e = inner as Record<string, unknown>
    // Product Ingestion puts the useful words in nested `details`.
    return { code: stringOrUndefined(e.code), message: withDetails(stringOrUndefined(e.message), e.details) }
  }
  if (typeof inner === 'string') return { code: inner, message: stringOrUndefined(record.error_description) }
  if (typeof record.code === 'string' || typeof record.message === 'string') {
    return { code: stringOrUndefined(record.code), message: stringOrUndefined(record.message) }
  }
  return undefined
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}
