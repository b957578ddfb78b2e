/** One interface for every way of getting a bearer token; every API request goes through it. */
import type { CallLimits } from '../model/call-limits.js'

export interface TokenProvider {
  /** A token valid now, renewed ahead of its expiry when the provider can renew; `deadline` bounds a renewal. */
  getToken(limits?: CallLimits): Promise<string>
  /** Forget the cached token (the API answered 401); the next getToken fetches a new one. */
  invalidate(): void
  /** False for a token given as an input: nothing can replace it. */
  readonly renewable: boolean
  /** For messages: "the token input", "client credentials for app …". */
  readonly description: string
}

/** Latest time a Date can hold (±100 000 000 days from 1970); past it, `toISOString` throws. */
const MAX_DATE_MS = 8.64e15

/**
 * The `exp` of a JWT-shaped token in ms since the epoch, or undefined for opaque tokens and for an
 * `exp` that is not a time (not a number, not finite, out of a Date's range): a malformed claim is
 * ignored, never fatal.
 */
export function jwtExpiry(token: string): number | undefined {
  const exp = jwtClaims(token)?.exp
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined
  const ms = exp * 1000
  return Math.abs(ms) <= MAX_DATE_MS ? ms : undefined
}

/** The payload of a JWT without checking its signature (we only read our own or GitHub's claims). */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
