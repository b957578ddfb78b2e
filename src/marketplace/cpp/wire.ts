/**
 * Reading what the CPP API sends: the header that names an operation, step documents (with the
 * message a person must see), and the offer an operation location belongs to.
 */
import type { ApiResponse } from '../api-client.js'
import { arrayOfRecords, isRecord, nonEmptyString } from '../../base/json.js'
import { htmlToText } from '../../base/text.js'
import { normaliseStatus, type StepView } from '../../model/status.js'

/** `Location` (relative, current) or the legacy absolute `Operation-Location`. */
export function operationHeader(response: ApiResponse): string | undefined {
  const pick = (name: string): string | undefined => {
    const value = response.headers[name]
    const text = Array.isArray(value) ? value[0] : value
    return text?.trim() || undefined
  }
  return pick('location') ?? pick('operation-location')
}

/** Step documents to table rows; messages are objects in current docs, strings in older ones. */
export function readSteps(steps: unknown): StepView[] {
  return arrayOfRecords(steps).map((step) => {
    const messages = Array.isArray(step.messages) ? step.messages : []
    const newest = newestMessage(messages)
    const progress = typeof step.progressPercentage === 'number' ? step.progressPercentage : undefined
    return {
      name: nonEmptyString(step.stepName) ?? nonEmptyString(step.id) ?? '(unnamed step)',
      status: nonEmptyString(step.status) ?? '',
      progress,
      estimate: nonEmptyString(step.estimatedTimeFrame),
      message: newest
    }
  })
}

/** How much a message matters: an error outranks a warning, which outranks information. */
const LEVEL_RANK: Record<string, number> = { error: 2, warning: 1 }

/**
 * The message to show for a step: the newest of the highest level present. Messages often share a
 * timestamp (the docs put an error and an information message on a blocked step at one instant),
 * and the error is what a person must see.
 */
function newestMessage(messages: unknown[]): string | undefined {
  let best: { text: string; rank: number; time: number } | undefined
  messages.forEach((m, index) => {
    const text =
      typeof m === 'string' ? m : isRecord(m) ? (nonEmptyString(m.messageHtml) ?? nonEmptyString(m.message) ?? '') : ''
    if (!text) return
    const rank = isRecord(m) ? (LEVEL_RANK[normaliseStatus(nonEmptyString(m.level) ?? '')] ?? 0) : 0
    const stamp = isRecord(m) ? Date.parse(nonEmptyString(m.timestamp) ?? '') : NaN
    // Without timestamps, later in the list is newer.
    const time = Number.isNaN(stamp) ? index : stamp
    if (!best || rank > best.rank || (rank === best.rank && time >= best.time)) best = { text, rank, time }
  })
  return best ? htmlToText(best.text) : undefined
}
