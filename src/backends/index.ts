/** The backend of the API the settings name, and the APIs' names for messages. */
import type { Clock } from '../clock.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../logger.js'
import type { GoLiveSettings } from '../settings.js'
import type { Backend } from './backend.js'
import { CppBackend } from './cpp-backend.js'
import { ProductIngestionBackend } from './product-ingestion/backend.js'

export function createBackend(settings: GoLiveSettings, api: ApiClient, clock: Clock, log: Logger): Backend {
  return settings.api === 'cpp'
    ? new CppBackend(api, settings, log)
    : new ProductIngestionBackend(api, settings, log, clock)
}

export const API_NAME: Record<GoLiveSettings['api'], string> = {
  cpp: 'Cloud Partner Portal API',
  'product-ingestion': 'Product Ingestion API'
}
