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
    const backend = createBackend({ ...settings, ...ids, baseUrl, apiVersion }, client, clock, log)
    return { backend, baseUrl, apiVersion }
  }
}

/**
 * Another API's root in a follow run: its public endpoint, or, when `base-url` points elsewhere (a
 * proxy, the simulator), that origin with the API's own path, as the public endpoints lay them out.
 */
function otherApiRoot(settings: GoLiveSettings, api: ApiKind): string {
  if (settings.baseUrl === DEFAULT_BASE_URL[settings.api]) return DEFAULT_BASE_URL[api]
  return `${new URL(settings.baseUrl).origin}${new URL(DEFAULT_BASE_URL[api]).pathname.replace(/\/+$/, '')}`
}
