/** The backend of the API the settings name. */
import type { Clock } from '../base/clock.js'
import type { ApiClient } from './api-client.js'
import type { Logger } from '../base/logger.js'
import type { GoLiveSettings } from '../model/settings.js'
import type { Backend } from './backend.js'
import { CppBackend } from './cpp/backend.js'
import { IngestionV1Backend } from './ingestion-v1/backend.js'
import { ProductIngestionBackend } from './product-ingestion/backend.js'

export function createBackend(settings: GoLiveSettings, api: ApiClient, clock: Clock, log: Logger): Backend {
  switch (settings.api) {
    case 'cpp':
      return new CppBackend(api, settings, log)
    case 'product-ingestion':
      return new ProductIngestionBackend(api, settings, log, clock)
    case 'ingestion-v1':
      return new IngestionV1Backend(api, settings, log)
  }
}
