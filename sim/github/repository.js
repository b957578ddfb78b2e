// @ts-check
// The one repository the simulated GitHub serves, the token it accepts, how its refs resolve to
// commits, and the accounts that appear in its answers.

import { createHash } from 'node:crypto'

/** The one repository served (case-insensitive); others are not found. */
export const REPOSITORY = 'contoso/offer-release'
/** Tokens accepted, as `Authorization: token X` or `Bearer X`. */
export const TOKENS = ['gh-token']

/** The account GITHUB_TOKEN acts as. */
export const BOT = {
  login: 'github-actions[bot]',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  type: 'Bot',
  site_admin: false
}

/**
 * A user as GitHub's `simple-user` shows one (approvers, run actors).
 * @param {string} login
 */
export function user(login) {
  const id = stableNumber(`user:${login}`, 1_000_000, 90_000_000)
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `https://api.github.com/users/${encodeURIComponent(login)}`,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
    type: 'User',
    site_admin: false
  }
}

/** A 40-hex SHA stands for itself; a branch or tag name resolves to a stable made-up commit. */
export function resolveRef(/** @type {string} */ ref) {
  return /^[0-9a-f]{40}$/i.test(ref) ? ref.toLowerCase() : createHash('sha1').update(`ref:${ref}`).digest('hex')
}

/**
 * A number in [min, min + span) that depends only on `key`, for IDs that must not change between runs.
 * @param {string} key
 * @param {number} min
 * @param {number} span
 */
export function stableNumber(key, min, span) {
  return min + (createHash('sha1').update(key).digest().readUInt32BE(0) % span)
}
