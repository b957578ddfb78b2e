/**
 * What stopped a failed go-live, in words: the step it failed at, and what went wrong, each fact
 * once: the operation's error as `message (code X)`, then the step's own message when it adds to it.
 */
import type { OperationSnapshot, StepView } from '../model/status.js'
import { withoutTrailingStop } from '../base/text.js'

/** The step that stopped the go-live: the first whose status says it failed, was rejected or blocked. */
export function failedStepOf(snapshot: OperationSnapshot | undefined): StepView | undefined {
  return snapshot?.steps.find((step) => /fail|reject|block/i.test(step.status))
}

/** `failed at step Certification after 3d 0h`: where a failed go-live stopped and, when known, when. */
export function failedAt(step: StepView | undefined, elapsed: string | undefined): string {
  return `failed${step ? ` at step ${step.name}` : ''}${elapsed ? ` after ${elapsed}` : ''}`
}

/** `The offer failed certification (code CertificationFailed)`: the API's message, its code beside it. */
export function errorText(error: { code?: string; message?: string } | undefined): string {
  const message = error?.message ? withoutTrailingStop(error.message) : ''
  if (!error?.code) return message
  return message ? `${message} (code ${error.code})` : `code ${error.code}`
}

/**
 * What went wrong, each fact once: the operation's error, then the step's message when it adds to
 * it. `stepShown`: the step's message is shown beside it (its row in the summary), so it is left out.
 */
export function whatWentWrong(
  snapshot: OperationSnapshot | undefined,
  step: StepView | undefined,
  { stepShown = false }: { stepShown?: boolean } = {}
): string {
  const error = errorText(snapshot?.error)
  const stepText = step?.message ? withoutTrailingStop(step.message) : ''
  const parts = [error]
  if (stepText && !stepShown && !error.includes(stepText)) parts.push(stepText)
  if (!parts.some(Boolean) && step && !stepText) parts.push(`the step reports '${step.status}'`)
  return parts.filter(Boolean).join('; ')
}
