// @ts-check
// The ingestion API v1.0's error answers: the service's error object, the seller-ID refusal it
// sent as a JSON string (a .NET exception text around a ProblemDetails document), and the empty
// answers of a route that does not exist.

import { randomBytes } from 'node:crypto'
import { json } from '../http.js'

/** @typedef {import('../http.js').Reply} Reply */

/**
 * The service's error object, as its Store flavour answers a 409 (ASSUMED for every error here).
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {string} target what the request was about: `product` or `submission`
 * @returns {Reply}
 */
export function v1Error(status, code, message, target) {
  return json(status, { code, data: [], details: [], message, source: 'Ingestion Api', target })
}

/**
 * A call without a usable `x-ms-publisherId`, as the service answered it while it required one:
 * 400 with a JSON string. The doc records it for GetProduct; the client word of the other calls is
 * ASSUMED.
 * @param {string} api the API name, such as `GetProduct`
 * @param {'Product' | 'Submission'} client
 * @returns {Reply}
 */
export function sellerIdRequired(api, client) {
  const problem = {
    errors: { 'x-ms-publisherId': ['PublisherId is a required header, and must be a positive number.'] },
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`
  }
  return json(
    400,
    `Microsoft.Ingestion.Shared.WebApi.Client.ErrorHandler.RestClientException: ${client} request failed, API=${api}, HttpStatusCode=BadRequest, ResponseContent=${JSON.stringify(problem)}`
  )
}

/**
 * An answer with no body, as a web server answers a path it has no route for (404) or a route
 * without that method (405).
 * @param {404 | 405} status
 * @param {string} [allow] the methods the route takes (405)
 * @returns {Reply}
 */
export function noRoute(status, allow) {
  return { status, headers: allow ? { Allow: allow } : {}, body: '' }
}
