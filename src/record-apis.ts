/**
 * Part of the composition root: the API client, root and version a follow run reaches each
 * recorded go-live's own API with.
 */
import { createTokenProvider } from './auth/index.js'
import type { Clock } from './base/clock.js'
import type { Logger } from './base/logger.js'
import type { RecordApi } from './flow/dependencies.js'
import { ApiClient } from './marketplace/api-client.js'
import { createBackend } from './marketplace/index.js'
import { PreconditionError } from './model/errors.js'
import { DEFAULT_API_VERSION, DEFAULT_BASE_URL, type ApiKind, type GoLiveSettings } from './model/settings.js'
import type { OfferIds } from './model/target.js'
import { isLoopback } from './model/url.js'
import { followLines } from './report/follow-lines.js'
import { setSecret } from './runner/port.js'

/**
 * A follow run checks each record with its own API's client, root and token audience; `base-url`
 * and `api-version` apply to the API the inputs name. A `token` input is for that API alone.
 */
export function recordApis(
  settings: GoLiveSettings,
  own: ApiClient,
  clock: Clock,
  log: Logger
): (ids: OfferIds) => RecordApi {
  const clients = new Map<ApiKind, ApiClient>([[settings.api, own]])
  return (ids) => {
    const same = ids.api === settings.api
    const baseUrl = same ? settings.baseUrl : otherApiRoot(settings, ids.api)
    const apiVersion = same ? settings.apiVersion : DEFAULT_API_VERSION[ids.api]
    let client = clients.get(ids.api)
    if (!client) {
      if (settings.auth.kind === 'token')
        throw new PreconditionError(followLines.tokenForOtherApi(ids.api, settings.api))
      client = new ApiClient(baseUrl, createTokenProvider(settings.auth, ids.api, clock, log, setSecret), clock, log)
      clients.set(ids.api, client)
    }
    // A v1 record names the submission its release chose: the follow run takes exactly that one.
    const submissionId = 'submissionId' in ids && typeof ids.submissionId === 'string' ? ids.submissionId : ''
    const backend = createBackend({ ...settings, ...ids, submissionId, baseUrl, apiVersion }, client, clock, log)
    return { backend, baseUrl, apiVersion }
  }
}

/**
 * Another API's root in a follow run: its public endpoint. `base-url` is for the API the inputs
 * name, and a proxy for one API must not receive tokens for another; only a local stand-in (a
 * loopback `base-url`, as the simulator) serves every API, each at its public path.
 */
function otherApiRoot(settings: GoLiveSettings, api: ApiKind): string {
  const given = new URL(settings.baseUrl)
  if (!isLoopback(given)) return DEFAULT_BASE_URL[api]
  return `${given.origin}${new URL(DEFAULT_BASE_URL[api]).pathname.replace(/\/+$/, '')}`
}
