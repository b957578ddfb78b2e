/**
 * The step outputs: written as soon as a value is known (the operation location is the resume
 * state) and again at the end; every value from the API checked or bounded. Outputs that cannot be
 * written fail the step: a later step that reads an empty `result` would go on as if nothing happened.
 */
import { boundedJson } from '../base/json.js'
import type { Result } from '../model/outcome.js'
import { warning, writeOutputs } from '../runner/port.js'
import { redactSecrets, redactAndCut } from '../base/text.js'

export interface Outputs {
  result?: Result
  operationLocation?: string
  operationId?: string
  operationStatus?: string
  operation?: unknown
  /** A page a person can open for the offer. */
  url?: string
  /** The GitHub deployment recording the go-live. */
  deploymentId?: number
  /** follow: true - one entry per go-live checked. */
  followed?: unknown[]
}

/**
 * What `operation-id` may hold: a GUID (CPP operations, Product Ingestion jobs and products), the
 * non-migrated CPP form `publisher$offer$N$preview`, or the digits of a Product Ingestion submission.
 */
const OPERATION_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\$[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\$\d{1,9}\$preview|\d{1,30})$/i

/** Characters left as they are in `operation-location`; any other is percent-encoded. */
const URL_SAFE = /[^A-Za-z0-9\-._~:/?#[\]@$&+,;=%]/gu

/** `%XX` for each UTF-8 byte; encodeURIComponent leaves `!'()*` as they are and throws on a lone surrogate. */
function percentEncode(char: string): string {
  return [...Buffer.from(char.length === 1 && /[\ud800-\udfff]/.test(char) ? '\ufffd' : char, 'utf8')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}

/** Longest `operation` output; the runner takes 1 MiB per output. */
const MAX_OPERATION_OUTPUT_CHARS = 512 * 1024
/** Deepest `operation` document written as an output (the real ones are four levels deep). */
const MAX_OPERATION_OUTPUT_DEPTH = 64
const MAX_STATUS_OUTPUT_CHARS = 1024

/**
 * The outputs' values as written: everything from the API checked or bounded. `warn` hears why a
 * value is left empty (StepOutputs says it once per run).
 */
export function outputValues(
  outputs: Outputs,
  warn: (message: string) => void = warning
): [name: string, value: string][] {
  const values: [string, string][] = []
  if (outputs.result) values.push(['result', outputs.result])
  if (outputs.operationLocation) {
    // Only the characters of a URL: an API-chosen location cannot smuggle quotes, spaces, `(` or backticks.
    const location = outputs.operationLocation.replace(URL_SAFE, percentEncode)
    values.push(['operation-location', location])
  }
  if (outputs.operationId !== undefined) {
    const valid = OPERATION_ID.test(outputs.operationId)
    if (!valid) {
      warn(
        `The operation ID '${outputs.operationId}' (the last segment of the operation's URL) is not a GUID, ` +
          "a 'publisher$offer$N$preview' name or a submission number, so the 'operation-id' output is left empty. " +
          "'operation-location' still names the operation."
      )
    }
    values.push(['operation-id', valid ? outputs.operationId : ''])
  }
  if (outputs.operationStatus !== undefined) {
    values.push(['operation-status', redactAndCut(outputs.operationStatus, MAX_STATUS_OUTPUT_CHARS)])
  }
  if (outputs.operation !== undefined) {
    const json = boundedJson(outputs.operation, MAX_OPERATION_OUTPUT_DEPTH, MAX_OPERATION_OUTPUT_CHARS)
    if (json === undefined) {
      warn(
        `The operation document is nested deeper than ${MAX_OPERATION_OUTPUT_DEPTH} levels or is longer than ` +
          `${MAX_OPERATION_OUTPUT_CHARS / 1024} KiB, so the 'operation' output is left empty; the other outputs are written.`
      )
    }
    values.push(['operation', json ?? ''])
  }
  if (outputs.url) values.push(['url', outputs.url.replace(URL_SAFE, percentEncode)])
  if (outputs.deploymentId !== undefined) values.push(['deployment-id', String(outputs.deploymentId)])
  if (outputs.followed !== undefined) {
    // URLs in it as in the url output: only the characters of a URL, so `$( )` or a backtick from a
    // liveLinks URI cannot run in a script that reads the JSON.
    const followed = outputs.followed.map((entry) =>
      Object.fromEntries(
        Object.entries(entry as Record<string, unknown>).map(([key, value]) => [
          key,
          typeof value === 'string' && (key === 'url' || key === 'operation-location')
            ? value.replace(URL_SAFE, percentEncode)
            : value
        ])
      )
    )
    const json = boundedJson(followed, MAX_OPERATION_OUTPUT_DEPTH, MAX_OPERATION_OUTPUT_CHARS)
    if (json === undefined) {
      warn(
        `The list of the go-lives checked is longer than ${MAX_OPERATION_OUTPUT_CHARS / 1024} KiB, so the ` +
          "'followed' output is left empty; the job summary and the log name each go-live."
      )
    }
    values.push(['followed', json ?? ''])
  }
  // A secret the API echoed (in a status, a document, a name) stays out of outputs too.
  return values.map(([name, value]) => [name, redactSecrets(value)])
}

/** Outputs that could not be written: each with its value, and why. */
export interface LostOutputs {
  lost: [name: string, value: string][]
  reason?: string
}

/**
 * The step outputs of one run, which owns it. They are written as soon as values are known and
 * again at the end, so a warning about a value is said once per run.
 */
export class StepOutputs {
  private readonly warned = new Set<string>()

  /**
   * Writes every known output, each on its own; returns those that could not be written, and why
   * (the end of the run fails on it).
   */
  write(outputs: Outputs): LostOutputs | undefined {
    const values = outputValues(outputs, (message) => this.warnOnce(message))
    if (values.length === 0) return undefined
    const written = writeOutputs(values)
    return written.lost.length > 0 ? written : undefined
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return
    this.warned.add(message)
    warning(message)
  }
}

/**
 * The step's failure when outputs were lost: which, with their values (a person can still use
 * them), and why. Said after the run's own result, so that nothing else is lost with them.
 */
export function lostOutputsFailure({ lost, reason }: LostOutputs): string {
  const shown = lost.map(([name, value]) =>
    name === 'operation' ? `operation (the operation document, ${value.length} characters)` : `${name}=${value}`
  )
  return (
    `Could not write the step outputs (${reason ?? 'no reason given'}), so later steps do not get them. ` +
    `Lost: ${shown.join(', ')}. The run's own result is in the log above and in the job summary.`
  )
}
