import { describe, expect, it } from '@jest/globals'
import { ProtocolError } from '../src/model/errors.js'
import { Locations, parseLocation } from '../src/marketplace/product-ingestion/locations.js'

const BASE = 'https://graph.microsoft.com/rp/product-ingestion'
const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const locations = new Locations(BASE, PRODUCT, '2022-07-01')

describe('Product Ingestion locations: the whole state of what is followed', () => {
  it.each([
    [{ kind: 'job', jobId: 'd4261631-0000-4000-8000-000000000001', live: '1152921505697139456' }, PRODUCT],
    [{ kind: 'job', jobId: 'd4261631-0000-4000-8000-000000000001' }, undefined],
    [{ kind: 'live', submissionId: '1152921505697139456' }, PRODUCT],
    [{ kind: 'next-live', since: '2026-01-02T03:04:05.000Z' }, PRODUCT]
  ] as const)('reads back what it wrote: %j', (followed, productId) => {
    const ref = locations.reference(followed)
    expect(parseLocation(BASE, ref.location)).toEqual({ followed, productId })
  })

  it('sends the API only the path and $version; what the action needs stays in the fragment', () => {
    const job = { kind: 'job', jobId: 'j1', live: '42' } as const
    expect(locations.reference(job)).toEqual({
      location: `${BASE}/configure/j1/status?$version=2022-07-01#live=submission/${PRODUCT}/42`,
      id: 'j1'
    })
    expect(locations.requestUrl(job)).toBe(`${BASE}/configure/j1/status?$version=2022-07-01`)
    expect(locations.requestUrl({ kind: 'live', submissionId: '42' })).toBe(
      `${BASE}/submission/${PRODUCT}?$version=2022-07-01`
    )
  })

  it('reads relative locations and the older query form of since', () => {
    expect(parseLocation(BASE, `/submission/${PRODUCT}?since=2026-01-02T03:04:05Z`).followed).toEqual({
      kind: 'next-live',
      since: '2026-01-02T03:04:05Z'
    })
  })

  it.each([
    '/api/operations/x',
    `/submission/not-a-guid/1`,
    '/configure/j1/status#live=submission/p/../x',
    `/submission/${PRODUCT}#since=yesterday`,
    '/configure/%E0%A4%A/status'
  ])('refuses %s', (location) => {
    expect(() => parseLocation(BASE, location)).toThrow(ProtocolError)
  })
})
