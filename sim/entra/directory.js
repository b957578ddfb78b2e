// @ts-check
// The simulated Entra directory: the tenants and the one app registration the token endpoint knows.

/**
 * @typedef {object} SimApp
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {string[]} federatedSubjects GitHub OIDC `sub` values the app trusts.
 */

/** The tenant's GUID, which is the `tid` of every token. */
export const TENANT_ID = '00000000-0000-0000-0000-000000000001'

/** Names the token endpoint accepts for the tenant (case-insensitive). */
export const TENANTS = [TENANT_ID, 'contoso.onmicrosoft.com']

/** @type {SimApp[]} */
export const APPS = [
  {
    clientId: '11111111-1111-1111-1111-111111111111',
    clientSecret: 'sim-secret',
    federatedSubjects: ['repo:contoso/offer-release:environment:production']
  }
]
