// @ts-check
// Product Ingestion's error answers: `{"error":{"code","message","details"}}`, with the words a
// person needs in `details` when the schema refuses a body.

import { json } from '../http.js'

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {{ code: string, message: string }[]} [details] what a person needs beyond the message
 */
export function piError(status, code, message, details = []) {
  return json(status, { error: { code, message, details } })
}

/**
 * A configure body the schema refuses.
 * @param {string} message
 */
export function schemaError(message) {
  return json(400, {
    error: {
      code: 'badRequest',
      message: 'Invalid configuration: schema validation failed',
      details: [{ code: 'schemaValidationError', message }]
    }
  })
}
