/**
 * Where a CPP offer's preview is, read from its offer status: nothing submitted, in validation and
 * certification (its sign-off step not reached), ready (waiting for publisher sign-off), failed (a
 * step failed, was rejected or blocked), or a go-live already running (sign-off done, Live running).
 */
import { arrayOfRecords, isRecord, nonEmptyString } from '../../base/json.js'
import { normaliseStatus, type Readiness, type ReadinessState } from '../../model/status.js'
import { CPP_READY_STATUS, CPP_SIGNOFF_STEP } from './status.js'
import { readSteps } from './wire.js'

const DONE = new Set(['complete', 'completed', 'succeeded'])
const STOPPED = /fail|reject|block/

export function cppReadiness(body: unknown, target: string): Readiness {
  const document = isRecord(body) ? body : {}
  const status = normaliseStatus(nonEmptyString(document.status) ?? '')
  const steps = readSteps(document.steps)
  const rawSteps = arrayOfRecords(document.steps)
  const signOff = rawSteps.find(
    (s) =>
      CPP_SIGNOFF_STEP.has(normaliseStatus(nonEmptyString(s.id) ?? '')) ||
      CPP_SIGNOFF_STEP.has(normaliseStatus(nonEmptyString(s.stepName) ?? ''))
  )
  const signOffStatus = normaliseStatus(nonEmptyString(signOff?.status) ?? '')
  const said = `offer status '${nonEmptyString(document.status) ?? 'unknown'}'${signOff ? `, sign-off step '${nonEmptyString(signOff.status) ?? 'unknown'}'` : ''}`
  const stopped = steps.filter((step) => STOPPED.test(normaliseStatus(step.status)))
  let state: ReadinessState
  let explanation: string
  if (status === CPP_READY_STATUS || signOffStatus === CPP_READY_STATUS) {
    state = 'ready'
    explanation = `${target} has a preview waiting for publisher sign-off: it is ready to go live`
  } else if (status === 'running' && (!signOff || DONE.has(signOffStatus))) {
    state = 'running'
    explanation = `a go-live is already running on ${target}: a go-live now would join it`
  } else if (status === 'running') {
    state = 'pending'
    const step = steps.find((s) => !DONE.has(normaliseStatus(s.status)) && normaliseStatus(s.status) !== 'notstarted')
    explanation = `the preview of ${target} is still in validation and certification${step ? ` (step ${step.name})` : ''} (${said})`
  } else if (status === 'failed' || stopped.length) {
    state = 'failed'
    explanation = `the preview of ${target} failed${stopped[0] ? ` at step ${stopped[0].name}` : ''} (${said}): fix what it reports and publish to preview again`
  } else if (status === 'neverpublished' || status === 'notstarted' || status === '') {
    state = 'nothing-submitted'
    explanation = `${target} is not waiting for publisher sign-off (${said}): nothing was submitted; publish the offer to preview first`
  } else {
    state = 'nothing-submitted'
    explanation =
      `${target} is not waiting for publisher sign-off (${said}): ` +
      'publish the offer to preview and wait until the preview is approved before going live'
  }
  const failures = state === 'failed' ? stopped.map((s) => `${s.name}: ${s.message ?? s.status}`) : undefined
  return { state, ready: state === 'ready' || state === 'running', explanation, steps, document, failures }
}
