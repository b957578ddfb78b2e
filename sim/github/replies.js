// @ts-check
// GitHub's REST answers: JSON with GitHub's media-type headers, and its 404, 422 and validation
// error shapes.

/** @typedef {import('../http.js').Reply} Reply */

export const DOCS = 'https://docs.github.com/rest/deployments'

/**
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
export function gh(status, value, headers = {}) {
  return {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'X-GitHub-Media-Type': 'github.v3; format=json',
      'X-GitHub-Api-Version-Selected': '2022-11-28',
      ...headers
    },
    body: JSON.stringify(value)
  }
}

/** GitHub's 404. */
export function notFound() {
  return gh(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' })
}

/** GitHub answers a method a path does not take with its 404 too. */
export function methodNotAllowed() {
  return notFound()
}

/** @param {string} message */
export function invalid(message) {
  return gh(422, { message, documentation_url: `${DOCS}/deployments#create-a-deployment`, status: '422' })
}

/**
 * @param {string} resource
 * @param {string} field
 * @param {string} message
 */
export function validationFailed(resource, field, message) {
  return gh(422, {
    message: 'Validation Failed',
    errors: [{ resource, field, code: 'custom', message }],
    documentation_url: `${DOCS}/statuses#create-a-deployment-status`,
    status: '422'
  })
}
