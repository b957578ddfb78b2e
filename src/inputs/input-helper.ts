/**
 * The single reader of inputs: defaults, normalising and validation, into one GoLiveSettings.
 * Every bad input is collected and all are thrown together (one InputError listing each, with the
 * likely fix when the combination says it) before anything touches the network.
 */
import { locationTargetMismatch } from '../model/locations.js'
import { InputError, ProtocolError } from '../model/errors.js'
import { readAuth, readGitHubSettings } from './input-auth.js'
import { checkOtherApiInputs, unknownInputError, warnAboutHostedRunnerLimit } from './input-hints.js'
import { unknownInputs } from './declared.js'
import { readTarget, type Target } from './input-target.js'
import { InputCheck, readUrl, type InputReader } from './input-values.js'
import {
  DEFAULT_API_VERSION,
  DEFAULT_BASE_URL,
  MIN_POLL_INTERVAL_MS,
  type ApiKind,
  type GoLiveSettings
} from '../model/settings.js'
import { resolveLocation } from '../model/url.js'
import { debug, getInput, setSecret } from '../runner/port.js'

export type { InputReader } from './input-values.js'

const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(-[A-Za-z0-9]+)?$/

export function getSettings(read: InputReader = getInput, env: NodeJS.ProcessEnv = process.env): GoLiveSettings {
  // Mask first: nothing below may log these, and no message may leak them either.
  for (const name of ['token', 'client-secret', 'github-token']) {
    const secret = read(name).trim()
    if (secret) setSecret(secret)
  }
  const check = new InputCheck(read)
  // A `with:` key the action does not know would be ignored in silence: `github_deployment: true` records nothing.
  for (const name of unknownInputs(env)) check.fail(unknownInputError(name))
  const api = check.oneOf<ApiKind>('api', ['cpp', 'product-ingestion', 'ingestion-v1'], 'cpp')
  // follow: with no ID, every target recorded on GitHub is followed; an ID given narrows it down.
  const follow = check.boolean('follow', false)
  // With an unknown 'api', which IDs are required is a guess: its own error is enough.
  const target = check.failed('api') ? undefined : readTarget(check, api, follow)

  const baseUrl = check.attempt(undefined, () => {
    const value = check.value('base-url')
    return value ? readUrl('base-url', value) : DEFAULT_BASE_URL[api]
  })
  // The ingestion API v1.0 has no version parameter: its version is in its path.
  const apiVersion = api === 'ingestion-v1' ? '' : check.value('api-version') || DEFAULT_API_VERSION[api]
  if (api === 'ingestion-v1') {
    if (check.value('api-version')) {
      check.fail(
        new InputError(
          'api-version',
          "is not used with api: ingestion-v1, whose version (v1.0) is part of its path: leave 'api-version' empty"
        )
      )
    }
  } else if (!API_VERSION_PATTERN.test(apiVersion)) {
    check.fail(new InputError('api-version', `must look like ${DEFAULT_API_VERSION[api]}; got '${apiVersion}'`))
  }
  if (!check.failed('api')) checkOtherApiInputs(check, api, baseUrl, apiVersion)

  const auth = readAuth(check)

  const timeoutMs = check.duration('timeout', '60m')
  const pollIntervalMs = check.duration('poll-interval', '60s')
  if (pollIntervalMs !== undefined && pollIntervalMs < MIN_POLL_INTERVAL_MS) {
    check.fail(new InputError('poll-interval', `must be at least 1s; got '${check.value('poll-interval')}'`))
  }

  const operationLocation = check.value('operation-location')
  if (follow && operationLocation) {
    check.fail(
      new InputError(
        'operation-location',
        "cannot be combined with follow: true, which finds its operations on GitHub: remove 'operation-location' " +
          "to follow every go-live recorded there, or remove 'follow: true' to wait on this one operation"
      )
    )
  } else if (operationLocation && target && baseUrl !== undefined) {
    checkLocation({ api, baseUrl, ...target }, operationLocation, check)
  }

  const wait = check.boolean('wait', true)
  const whenReady = check.boolean('when-ready', false)
  const onTimeout = check.oneOf('on-timeout', ['fail', 'warn', 'cancel'], 'fail')
  const onCancel = check.oneOf('on-cancel', ['leave', 'cancel'], 'leave')
  const dryRun = check.boolean('dry-run', false)
  const github = readGitHubSettings(check, follow)
  if (follow && dryRun) {
    check.fail(new InputError('dry-run', 'cannot be combined with follow: true; a follow run starts nothing anyway'))
  }
  check.throwIfAny()

  // Every value below was checked: an undefined one has thrown above.
  const settings: GoLiveSettings = {
    api,
    ...(target as Target),
    auth: auth!,
    baseUrl: baseUrl!,
    apiVersion,
    wait,
    whenReady,
    timeoutMs: timeoutMs!,
    pollIntervalMs: pollIntervalMs!,
    onTimeout,
    onCancel,
    operationLocation,
    dryRun,
    ...github
  }
  const { publisherId, offerId, productId } = settings
  debug(
    `settings: api=${api} target=${api === 'cpp' ? `${publisherId}/${offerId}` : productId}` +
      `${settings.submissionId ? ` submission-id=${settings.submissionId}` : ''}${settings.sellerId ? ` seller-id=${settings.sellerId}` : ''} auth=${settings.auth.kind} ` +
      `base-url=${settings.baseUrl} api-version=${apiVersion} wait=${wait} timeout=${settings.timeoutMs}ms ` +
      `poll-interval=${settings.pollIntervalMs}ms on-timeout=${onTimeout} on-cancel=${onCancel} ` +
      `dry-run=${dryRun} when-ready=${whenReady} follow=${follow} github-deployment=${settings.githubDeployment}${operationLocation ? ` operation-location=${operationLocation}` : ''}`
  )
  warnAboutHostedRunnerLimit(settings, read('timeout').trim() || '60m', env)
  return settings
}

/**
 * A usable location of this target: one of another offer or product would follow (and report live)
 * the wrong target. Its target is judged only when the IDs it is compared with are themselves valid.
 */
function checkLocation(target: Parameters<typeof locationTargetMismatch>[0], location: string, check: InputCheck) {
  check.attempt(undefined, () => {
    try {
      resolveLocation(target.baseUrl, location)
      if (check.failed('publisher-id', 'offer-id', 'product-id', 'submission-id')) return
      const mismatch = locationTargetMismatch(target, location)
      if (mismatch) throw new InputError('operation-location', mismatch)
    } catch (err) {
      if (err instanceof ProtocolError) throw new InputError('operation-location', `is not usable: ${err.message}`)
      if (err instanceof InputError) throw err
      throw new InputError('operation-location', `is not a relative path or a URL: '${location}'`)
    }
  })
}
