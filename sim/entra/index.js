// @ts-check
// Microsoft Entra's v2 token endpoint, `POST /{tenant}/oauth2/v2.0/token`: client credentials with
// a secret or a federated assertion (GitHub OIDC), errors worded and shaped as Entra's.

import { randomUUID } from 'node:crypto'
import { headerValue, json, lower, methodNotAllowed } from '../http.js'
import { decodeJwtPayload } from '../jwt.js'
import { GITHUB_ISSUER } from '../github-oidc/index.js'
import { CPP_AUDIENCE, GRAPH_AUDIENCE, PARTNER_AUDIENCE } from './access-tokens.js'
import { APPS, TENANTS, TENANT_ID } from './directory.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */

const FIC_AUDIENCE = 'api://AzureADTokenExchange'
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/**
 * @typedef {object} EntraOptions
 * @property {number} tokenLifetimeSec `expires_in` and the lifetime of an issued token
 */

/** @returns {EntraOptions} */
export function defaultEntraOptions() {
  return { tokenLifetimeSec: 3599 }
}

/**
 * @param {object} deps
 * @param {EntraOptions & { oidc: import('../github-oidc/index.js').OidcOptions }} deps.options read live
 * @param {() => number} deps.now
 * @param {() => string} deps.url the simulator's origin
 * @param {import('./access-tokens.js').AccessTokens} deps.tokens
 */
export function createEntra({ options, now, url, tokens }) {
  /**
   * @param {RequestRecord} rec
   * @param {string} tenant
   * @returns {Reply}
   */
  function token(rec, tenant) {
    const form = new URLSearchParams(rec.body)
    const correlation = headerValue(rec.headers['client-request-id']) ?? randomUUID()
    /**
     * @param {number} status
     * @param {string} error
     * @param {number} code
     * @param {string} description
     */
    const fail = (status, error, code, description) => {
      const ts = new Date(now())
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
      const trace = randomUUID()
      return json(status, {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${ts}`,
        error_codes: [code],
        timestamp: ts,
        trace_id: trace,
        correlation_id: correlation,
        error_uri: `${url()}/error?code=${code}`
      })
    }
    if (!TENANTS.some((t) => lower(t) === lower(tenant))) {
      return fail(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`
      )
    }
    const grantType = form.get('grant_type')
    if (!grantType)
      return fail(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'."
      )
    if (grantType !== 'client_credentials') {
      return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`)
    }
    const clientId = form.get('client_id')
    if (!clientId)
      return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.")
    const app = APPS.find((a) => lower(a.clientId) === lower(clientId))
    if (!app) {
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
      )
    }

    const scope = (form.get('scope') ?? '').trim()
    const audience = [CPP_AUDIENCE, GRAPH_AUDIENCE, PARTNER_AUDIENCE].find((a) => scope === `${a}/.default`) ?? null
    if (!audience) {
      return fail(
        400,
        'invalid_scope',
        70011,
        `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`
      )
    }

    const secret = form.get('client_secret')
    const assertion = form.get('client_assertion')
    if (secret !== null) {
      if (secret !== app.clientSecret) {
        return fail(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`
        )
      }
    } else if (assertion !== null) {
      if (form.get('client_assertion_type') !== JWT_BEARER) {
        return fail(400, 'invalid_request', 50027, `The client_assertion_type must be '${JWT_BEARER}'.`)
      }
      // Signatures are not checked: the simulator only models the federation rules, not key trust.
      const claims = decodeJwtPayload(assertion)
      if (!claims) return fail(400, 'invalid_client', 50027, 'JWT token is invalid or malformed.')
      const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud
      if (aud !== FIC_AUDIENCE) {
        return fail(
          400,
          'invalid_request',
          700212,
          `No matching federated identity record found for presented assertion audience '${aud}'. Please note that the matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`
        )
      }
      if (typeof claims.exp === 'number' && now() >= claims.exp * 1000) {
        return fail(400, 'invalid_client', 700024, 'Client assertion is not within its valid time range.')
      }
      const issuer = options.oidc.issuer ?? GITHUB_ISSUER
      if (claims.iss !== issuer || !app.federatedSubjects.includes(claims.sub)) {
        return fail(
          400,
          'invalid_request',
          70021,
          `No matching federated identity record found for presented assertion. Assertion Issuer: '${claims.iss}'. Assertion Subject: '${claims.sub}'. Assertion Audience: '${FIC_AUDIENCE}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`
        )
      }
    } else {
      return fail(
        400,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
      )
    }

    const tid = isGuid(tenant) ? tenant : TENANT_ID
    const lifetime = options.tokenLifetimeSec
    return json(200, {
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: tokens.issue({ audience, lifetimeSec: lifetime, tenantId: tid, clientId: app.clientId })
    })
  }

  return {
    /**
     * @param {RequestRecord} rec
     * @param {string} tenant the first path segment
     * @returns {Reply}
     */
    route(rec, tenant) {
      return rec.method === 'POST' ? token(rec, tenant) : methodNotAllowed()
    }
  }
}

/**
 * Whether a path is the token endpoint of some tenant, `/{tenant}/oauth2/v2.0/token`.
 * @param {string[]} segments decoded path segments
 */
export function isEntraTokenPath(segments) {
  return (
    segments.length === 4 &&
    lower(segments[1]) === 'oauth2' &&
    lower(segments[2]) === 'v2.0' &&
    lower(segments[3]) === 'token'
  )
}

/** @param {string} s */
function isGuid(s) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)
}
