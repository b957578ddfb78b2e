/**
 * API errors nest: `{"code":"internalServerError","message":"Operation failed","details":[{"code":
 * "invalidState","message":"Certification","details":[{…"Issues found during Certification."}]}]}`.
 * The line a person needs is often the innermost one, so the whole tree is flattened into one
 * bounded sentence. The result is untrusted API text: callers log and show it like any other.
 */
import { arrayOfRecords, isRecord, nonEmptyString } from '../base/json.js'
import { withoutTrailingStop, redactAndCut } from '../base/text.js'

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
  return redactAndCut(flattenErrorTree(error).join(' > '), MAX_CHARS)
}

/** Several error trees (a job's `errors`), each described, separated by `; `. */
export function describeErrors(errors: unknown): string {
  return redactAndCut(
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
  const text = redactAndCut(extra.slice(0, MAX_ITEMS).join(' > '), MAX_CHARS)
  return message ? `${withoutTrailingStop(message)} (details: ${text})` : text
}

/**
 * `{"error":{"code","message"}}`, `{"error":"…","error_description":"…"}`, `{"code","message"}`, a
 * ProblemDetails document (`{"title","errors":{field:[…]}}`), or a JSON string of error text.
 */
export function readApiError(body: unknown): { code?: string; message?: string } | undefined {
  if (typeof body === 'string') return readErrorText(body)
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
  const problem = describeProblem(record)
  return problem ? { message: problem } : undefined
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

/**
 * A body that is a JSON string (the ingestion API v1.0): .NET exception text, often with a JSON
 * document inside, e.g. `Microsoft.…RestClientException: Product request failed, API=GetProduct,
 * HttpStatusCode=BadRequest, ResponseContent={…ProblemDetails…}` or `ICH50400 - Unable to complete
 * request. {"faultCode":50400,"reasonPhrase":"Request validation failed.","data":{…}}`. The
 * exception's type name goes; the document inside is read for its words.
 */
function readErrorText(text: string): { code?: string; message?: string } | undefined {
  const trimmed = text.trim()
  if (!trimmed) return undefined
  const code = /^([A-Z]{2,}\d{3,})\b/.exec(trimmed)?.[1]
  const brace = trimmed.indexOf('{')
  let lead = trimmed
  let inner: string | undefined
  if (brace >= 0) {
    try {
      const embedded: unknown = JSON.parse(trimmed.slice(brace))
      inner = isRecord(embedded) ? (describeProblem(embedded) ?? readApiError(embedded)?.message) : undefined
      lead = trimmed.slice(0, brace)
    } catch {
      // Not one JSON document to the end: the text is shown as it is.
    }
  }
  lead = lead
    .replace(/^(?:[A-Za-z_]\w*\.)+\w*Exception:\s*/, '')
    .replace(/^[A-Z]{2,}\d{3,}\s*-\s*/, '')
    .replace(/,?\s*ResponseContent=\s*$/, '')
  const message = [withoutTrailingStop(lead), inner].filter(Boolean).join(': ')
  return message ? { code, message: redactAndCut(message, MAX_CHARS) } : { code }
}

/**
 * A ProblemDetails document (`title`, `detail`, `errors` by field) or the ingestion API's fault
 * (`reasonPhrase`, `data` by field): `One or more validation errors occurred (x-ms-publisherId:
 * PublisherId is a required header, …)`. Undefined for any other document.
 */
function describeProblem(doc: Record<string, unknown>): string | undefined {
  const fields = isRecord(doc.errors) ? doc.errors : isRecord(doc.data) ? doc.data : undefined
  const title = stringOrUndefined(doc.title) ?? stringOrUndefined(doc.reasonPhrase)
  if (!title && !fields) return undefined
  const items = Object.entries(fields ?? {})
    .slice(0, MAX_ITEMS)
    .map(([field, messages]) => {
      const texts = (Array.isArray(messages) ? messages : [messages]).filter((m) => typeof m === 'string')
      return `${field}: ${texts.map((m) => withoutTrailingStop(m as string)).join('; ')}`
    })
  const head = [title && withoutTrailingStop(title), stringOrUndefined(doc.detail)].filter(Boolean).join(': ')
  const text = items.length ? `${head}${head ? ' ' : ''}(${items.join('; ')})` : head
  return text ? redactAndCut(text, MAX_CHARS) : undefined
}
