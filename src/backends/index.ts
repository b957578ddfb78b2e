import type { ApiClient, Logger } from '../http.js'
import type { GoLiveSettings } from '../settings.js'
import type { Backend } from './backend.js'
import { CppBackend } from './cpp-backend.js'
import { ProductIngestionBackend } from './product-ingestion/backend.js'

export function createBackend(settings: GoLiveSettings, api: ApiClient, log: Logger): Backend {
  return settings.api === 'cpp' ? new CppBackend(api, settings, log) : new ProductIngestionBackend(api, settings, log)
}

export const API_NAME: Record<GoLiveSettings['api'], string> = {
  cpp: 'Cloud Partner Portal API',
  'product-ingestion': 'Product Ingestion API'
}
