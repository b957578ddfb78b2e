// @ts-check
// The GitHub Actions OIDC token service, `GET /_github/oidc/token`: hands a job's ID token (a JWT
// for the asked audience) to whoever shows the runner's request token.

import { randomUUID } from 'node:crypto'
import { bearerToken, json, methodNotAllowed } from '../http.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

/**
 * @typedef {object} OidcOptions
 * @property {string} requestToken bearer the runner hands out as ACTIONS_ID_TOKEN_REQUEST_TOKEN
 * @property {string} subject `sub` claim of the issued GitHub ID token
 * @property {string} [issuer] `iss` claim; default `https://token.actions.githubusercontent.com`
 * @property {number} [lifetimeSec] lifetime of an issued ID token; default 300
 */

/** @returns {OidcOptions} */
export function defaultOidcOptions() {
  return {
    requestToken: 'gh-request-token',
    subject: 'repo:contoso/offer-release:environment:production',
    issuer: GITHUB_ISSUER,
    lifetimeSec: 300
  }
}

/**
 * @param {object} deps
 * @param {{ oidc: OidcOptions }} deps.options read live (`oidc` may be replaced)
 * @param {() => number} deps.now
 * @param {import('../jwt.js').JwtSigner} deps.jwt
 */
export function createGitHubOidc({ options, now, jwt }) {
  return {
    /**
     * @param {RequestRecord} rec
     * @returns {Reply}
     */
    route(rec) {
      if (rec.method !== 'GET') return methodNotAllowed()
      const oidc = options.oidc
      if (bearerToken(rec) !== oidc.requestToken)
        return json(401, { message: 'Unauthorized: the ID token request token is missing or not valid.' })
      const subject = oidc.subject
      const repo = /^repo:([^:]+)/.exec(subject)?.[1] ?? 'contoso/offer-release'
      const owner = repo.split('/')[0]
      const environment = /:environment:([^:]+)/.exec(subject)?.[1]
      const t = now()
      const iat = Math.floor(t / 1000)
      return json(200, {
        value: jwt.sign({
          jti: randomUUID(),
          sub: subject,
          aud: rec.query.audience ?? `https://github.com/${owner}`,
          iss: oidc.issuer ?? GITHUB_ISSUER,
          iat,
          nbf: iat,
          exp: (t + (oidc.lifetimeSec ?? 300) * 1000) / 1000,
          repository: repo,
          repository_owner: owner,
          ...(environment ? { environment } : {}),
          ref: 'refs/heads/main',
          event_name: 'workflow_dispatch',
          runner_environment: 'github-hosted'
        }),
        count: 1
      })
    }
  }
}
