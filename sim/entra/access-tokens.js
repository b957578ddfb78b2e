// @ts-check
// The bearer tokens the Marketplace APIs accept (JWTs this simulator issued, until `exp`, for the
// API's audience; and static tokens) and the 401 answers for all others.

import { json, bearerToken } from '../http.js'
import { APPS, TENANT_ID } from './directory.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */

export const CPP_AUDIENCE = 'https://cloudpartner.azure.com'
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com'
/** The Partner Center API's audience: the ingestion API v1.0 under `/v1.0/ingestion`. */
export const PARTNER_AUDIENCE = 'https://api.partner.microsoft.com'

/**
 * @typedef {object} AccessTokenOptions
 * @property {string[]} staticTokens bearer tokens accepted on every API
 * @property {number | null} staticTokenValidForMs a static token answers 401 this long after its first use
 */

/** @returns {AccessTokenOptions} */
export function defaultAccessTokenOptions() {
  return { staticTokens: ['sim-token'], staticTokenValidForMs: null }
}

/**
 * @typedef {object} IssueTokenOptions
 * @property {string} [audience] default `https://cloudpartner.azure.com`
 * @property {number} [lifetimeSec] default 3600
 * @property {string} [tenantId]
 * @property {string} [clientId]
 */

/**
 * @param {object} deps
 * @param {AccessTokenOptions} deps.options read live
 * @param {() => number} deps.now
 * @param {import('../jwt.js').JwtSigner} deps.jwt
 */
export function createAccessTokens({ options, now, jwt }) {
  /** @type {Map<string, number>} */
  const staticFirstUse = new Map()

  return {
    /**
     * A JWT-shaped access token the APIs accept until its `exp`.
     * @param {IssueTokenOptions} [o]
     * @returns {string}
     */
    issue({ audience = CPP_AUDIENCE, lifetimeSec = 3600, tenantId, clientId } = {}) {
      const t = now()
      const tid = tenantId ?? TENANT_ID
      const appid = clientId ?? APPS[0].clientId
      const iat = Math.floor(t / 1000)
      return jwt.sign({
        aud: audience,
        iss: `https://sts.windows.net/${tid}/`,
        iat,
        nbf: iat,
        // Exact to the millisecond so short-lived tokens in tests expire exactly when asked.
        exp: (t + lifetimeSec * 1000) / 1000,
        tid,
        appid,
        appidacr: '1',
        oid: appid,
        sub: appid,
        ver: '1.0'
      })
    },

    /**
     * @param {RequestRecord} rec
     * @param {string} audience
     * @returns {Reply | null} a 401 when the bearer is not good for this audience
     */
    check(rec, audience) {
      const token = bearerToken(rec)
      if (token === undefined)
        return unauthorized(
          'Authentication failed. The Authorization header is missing or is not a bearer token.',
          'invalid_request'
        )
      if (options.staticTokens.includes(token)) {
        const t = now()
        const first = staticFirstUse.get(token)
        if (first === undefined) staticFirstUse.set(token, t)
        else if (options.staticTokenValidForMs != null && t - first >= options.staticTokenValidForMs) {
          return unauthorized('Authentication failed. The access token has expired.', 'invalid_token')
        }
        return null
      }
      const payload = jwt.verify(token)
      if (!payload) return unauthorized('Authentication failed. The access token is invalid.', 'invalid_token')
      if (typeof payload.exp !== 'number' || now() >= payload.exp * 1000) {
        return unauthorized(
          `Authentication failed. The access token expired at ${new Date((payload.exp ?? 0) * 1000).toISOString()}.`,
          'invalid_token'
        )
      }
      if (normAudience(payload.aud) !== audience) {
        return unauthorized(
          `Authentication failed. The access token audience '${payload.aud}' is not valid for this API; expected '${audience}'.`,
          'invalid_token'
        )
      }
      return null
    }
  }
}

/** @typedef {ReturnType<typeof createAccessTokens>} AccessTokens */

/** @param {unknown} aud */
function normAudience(aud) {
  return typeof aud === 'string' ? aud.replace(/\/+$/, '') : ''
}

/**
 * @param {string} message
 * @param {string} error OAuth error for the WWW-Authenticate challenge
 */
function unauthorized(message, error) {
  return json(
    401,
    { error: { code: 'Unauthorized', message } },
    { 'WWW-Authenticate': `Bearer error="${error}", error_description="${message.replace(/"/g, "'")}"` }
  )
}
