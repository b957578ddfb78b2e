/**
 * Talking to the simulator over real sockets with fetch, for the simulator's own tests: the IDs and
 * credentials it knows, and requests that return status, headers and the parsed body.
 */
import { expect } from '@jest/globals'
import type { Sim } from './simulators.js'

export const AUTH = { authorization: 'Bearer sim-token' }
export const V = 'api-version=2017-10-31'
export const OFFER = '/api/publishers/contoso/offers/contoso-offer'
export const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
export const PI = '/rp/product-ingestion'
export const PIV = '$version=2022-03-01-preview2'
export const V1 = '/v1.0/ingestion'
export const TENANT = '00000000-0000-0000-0000-000000000001'
export const CLIENT = '11111111-1111-1111-1111-111111111111'
export const CPP_SCOPE = 'https://cloudpartner.azure.com/.default'
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default'
export const PARTNER_SCOPE = 'https://api.partner.microsoft.com/.default'
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/** The instant every simulator test's fake clock starts at. */
export const SIM_EPOCH = Date.parse('2025-03-01T12:00:00Z')

// Response bodies are checked field by field; a precise type per endpoint would add nothing here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export async function call(
  s: Sim,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | URLSearchParams } = {}
): Promise<{ status: number; headers: Headers; text: string; json: Json }> {
  const res = await fetch(`${s.url}${path}`, { method, headers: options.headers ?? AUTH, body: options.body })
  const text = await res.text()
  let json: Json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

export const goLive = (s: Sim, headers: Record<string, string> = AUTH) =>
  call(s, 'POST', `${OFFER}/golive?${V}`, { headers })
export const get = (s: Sim, path: string, headers: Record<string, string> = AUTH) => call(s, 'GET', path, { headers })

export function token(s: Sim, tenant: string, form: Record<string, string>) {
  return call(s, 'POST', `/${tenant}/oauth2/v2.0/token`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form)
  })
}

export function jwtPayload(jwt: string): Json {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))
}

export async function oidcAssertion(s: Sim, audience = 'api://AzureADTokenExchange'): Promise<string> {
  const res = await fetch(`${s.oidcRequestUrl}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: 'Bearer gh-request-token' }
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { value: string }).value
}
