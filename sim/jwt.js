// @ts-check
// JWTs the simulator signs (Entra access tokens, GitHub ID tokens) with one random key per run, and
// reading the payload of any JWT.

import { createHmac, randomBytes } from 'node:crypto'

/** Signs and verifies HS256 JWTs with a key made for this simulator run. */
export function createJwtSigner() {
  const key = randomBytes(32)
  /** @param {string} data */
  const signature = (data) => createHmac('sha256', key).update(data).digest('base64url')
  return {
    /** @param {object} payload */
    sign(payload) {
      const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'marketplace-simulator' }))
      const body = b64url(JSON.stringify(payload))
      return `${head}.${body}.${signature(`${head}.${body}`)}`
    },
    /**
     * @param {string} token
     * @returns {Record<string, any> | null} payload when the token was signed by this simulator
     */
    verify(token) {
      const parts = token.split('.')
      if (parts.length !== 3) return null
      if (signature(`${parts[0]}.${parts[1]}`) !== parts[2]) return null
      return decodeJwtPayload(token)
    }
  }
}

/** @typedef {ReturnType<typeof createJwtSigner>} JwtSigner */

/**
 * @param {string} token
 * @returns {Record<string, any> | null}
 */
export function decodeJwtPayload(token) {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return payload && typeof payload === 'object' ? payload : null
  } catch {
    return null
  }
}

/** @param {string} s */
function b64url(s) {
  return Buffer.from(s, 'utf8').toString('base64url')
}
