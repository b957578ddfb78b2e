/** The backend of the API the settings name. */
import type { Clock } from '../base/clock.js'
import type { ApiClient } from './api-client.js'
import type { Logger } from '../base/logger.js'
import type { GoLiveSettings } from '../model/settings.js'
import type { Backend } from './backend.js'
import { CppBackend } from './cpp/backend.js'
import { ProductIngestionBackend } from './product-ingestion/backend.js'

export function createBackend(settings: GoLiveSettings, api: ApiClient, clock: Clock, log: Logger): Backend {
  return settings.api === 'cpp'
    ? new CppBackend(api, settings, log)
    : new ProductIngestionBackend(api, settings, log, clock)
}
