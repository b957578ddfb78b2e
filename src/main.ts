/**
 * The composition root: settings, the runner port, the token provider, the API client, the
 * backend, the clock and the signals; then the flow (go-live.ts, follow.ts), whose outcome value
 * report/ renders. `run()` does nothing on import.
 */
import { ApiClient } from './marketplace/api-client.js'
import { createTokenProvider } from './auth/index.js'
import { jwtExpiry } from './auth/token-provider.js'
import type { CallContext } from './marketplace/backend.js'
import { createBackend } from './marketplace/index.js'
import { systemClock, type Clock } from './base/clock.js'
import { followGoLives } from './flow/follow.js'
import { deploymentsFor, GoLiveDeploymentHooks } from './flow/deployment-record.js'
import { checkReadiness, goLive } from './flow/go-live.js'
import { getSettings } from './inputs/input-helper.js'
import { recordApis } from './record-apis.js'
import type { GoLiveSettings } from './model/settings.js'
import { API_NAME, describeTarget, offerIds, offerUrl } from './model/target.js'
import type { RunOutcome } from './model/outcome.js'
import { conclude, followEventLog, goLiveEventLog, publish } from './report/index.js'
import { StepOutputs } from './report/outputs.js'
import { RepeatFilter, withoutRepeats } from './report/repeats.js'
import { announceLines, signalLine, tokenExpiryWarning } from './report/run-lines.js'
import { beginRun, info, runnerLog, setSecret, warning } from './runner/port.js'

/** How long the look-up of a product's alias may take before the run goes on without it. */
const NAME_TARGET_MS = 10_000

export async function run(clock: Clock = systemClock): Promise<void> {
  beginRun()
  const startedAt = clock.now()
  const stepOutputs = new StepOutputs()
  const signal = abortOnSignals()
  let hooks: GoLiveDeploymentHooks | undefined
  let outcome: RunOutcome
  try {
    const settings = getSettings()
    // An outage retries and fails the same way at every poll: such lines are said once a while.
    const repeats = new RepeatFilter(clock)
    const networkLog = withoutRepeats(runnerLog, repeats)
    const tokens = createTokenProvider(settings.auth, settings.api, clock, networkLog, setSecret)
    const api = new ApiClient(settings.baseUrl, tokens, clock, networkLog)
    const context: CallContext = { deadline: startedAt + settings.timeoutMs, signal }
    const targetGiven = Boolean(settings.publisherId || settings.productId)
    if (settings.follow) {
      outcome = { kind: 'follow', startedAt, target: targetGiven ? describeTarget(settings) : 'every target' }
      if (targetGiven) outcome.url = offerUrl(settings)
      const deployments = deploymentsFor(settings, clock, runnerLog, { deadline: context.deadline, signal })
      const emit = followEventLog
      // `api` defaults to cpp, so only another value (or a target's IDs) says the user narrowed the run.
      const apiGiven = targetGiven || settings.api !== 'cpp'
      const apiFor = recordApis(settings, api, clock, networkLog)
      outcome.report = await followGoLives({
        settings,
        apiFor,
        apiGiven,
        deployments,
        clock,
        context,
        log: runnerLog,
        emit
      })
    } else {
      const url = offerUrl(settings)
      const backend = createBackend(settings, api, clock, runnerLog)
      // The product's alias, when the API gives it, names it from the first line on (one request, no retry).
      await backend.nameTarget?.({ deadline: Math.min(context.deadline, clock.now() + NAME_TARGET_MS), signal })
      const ids = offerIds(settings)
      const target = { startedAt, api: settings.api, target: backend.target, staticToken: !tokens.renewable, url, ids }
      announceLines(backend.target, API_NAME[settings.api], settings.baseUrl, tokens.description).forEach(info)
      const expiry = tokenExpiryWarning(settings, tokenExpiry(settings), clock.now(), context.deadline)
      if (expiry) warning(expiry)
      if (settings.githubDeployment && !settings.dryRun) {
        hooks = new GoLiveDeploymentHooks(settings, backend, clock, runnerLog, { deadline: context.deadline, signal })
      }
      outcome = settings.dryRun
        ? await checkReadiness(backend, context, target)
        : await goLive({
            settings,
            backend,
            clock,
            context,
            target,
            deployment: hooks,
            emit: goLiveEventLog(startedAt, backend.target, stepOutputs, repeats)
          })
    }
  } catch (error) {
    // Before the flow had its outcome: bad inputs, no OIDC, GitHub refusing a follow run's reads.
    outcome ??= { kind: 'setup-failed', startedAt }
    Object.assign(outcome, { error, aborted: signal.aborted, result: signal.aborted ? undefined : 'failed' })
  }
  const conclusion = conclude(outcome)
  // The outcome is reported first: a slow GitHub must not hold up (or, past the runner's grace, lose) it.
  await publish(outcome, conclusion, clock.now(), stepOutputs)
  if (hooks && outcome.kind === 'go-live') await hooks.settle(outcome, conclusion.failure)
}

/**
 * One AbortController for the run: SIGINT and SIGTERM abort it (the runner sends SIGINT, then
 * SIGTERM ~7.5 s later). The handlers stay to the end: a late signal must neither cut the report
 * short nor turn the exit code into a kill. They do not keep the process alive.
 */
function abortOnSignals(): AbortSignal {
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    info(signalLine(signal))
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return controller.signal
}

/** When a `token` input expires, if it is a JWT that says. */
function tokenExpiry(settings: GoLiveSettings): number | undefined {
  return settings.auth.kind === 'token' ? jwtExpiry(settings.auth.token) : undefined
}
