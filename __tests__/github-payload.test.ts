/** Deployment payloads read back from GitHub are untrusted input: checked like inputs. */
import { describe, expect, it } from '@jest/globals'
import { readPayload, writePayload } from '../src/github/payload.js'
import { liveLink, offerUrl } from '../src/model/target.js'

const BASE = 'https://cloudpartner.azure.com'
const good = {
  'marketplace-go-live': 1,
  api: 'cpp',
  publisherId: 'contoso',
  offerId: 'contoso-offer',
  operationLocation: '/api/publishers/contoso/offers/contoso-offer/operations/1?api-version=2017-10-31',
  startedAt: '2025-03-01T12:00:00.000Z'
}

describe('readPayload', () => {
  it('reads back what writePayload wrote, with the location made absolute on the API origin', () => {
    const record = readPayload(good, () => BASE)
    expect(record).toEqual({
      api: 'cpp',
      publisherId: 'contoso',
      offerId: 'contoso-offer',
      productId: '',
      operationLocation: `${BASE}${good.operationLocation}`,
      startedAt: good.startedAt
    })
    expect(readPayload(JSON.stringify(writePayload(record)), () => BASE)).toEqual(record)
  })

  it.each([
    ['an off-origin location', { operationLocation: 'https://evil.example/api/x' }, /not on the API origin/],
    ['a location with ..', { operationLocation: '/api/../../x' }, /'\.\.'/],
    ['an ID with a slash', { offerId: 'a/b' }, /offerId is not a valid ID/],
    ['an ID with ..', { publisherId: 'a..b' }, /publisherId is not a valid ID/],
    ['another API', { api: 'ftp' }, /api is not/],
    ['another format', { 'marketplace-go-live': 2 }, /version 1/],
    ['a bad start time', { startedAt: 'yesterday' }, /startedAt/],
    ['a location that is not text', { operationLocation: 42 }, /not a string/],
    [
      'a location of another offer than the payload names',
      { operationLocation: '/api/publishers/contoso/offers/other-offer/operations/1?api-version=2017-10-31' },
      /operationLocation belongs to another target than offer contoso\/contoso-offer/
    ],
    ['a location of no CPP operation form', { operationLocation: '/api/x' }, /not a CPP operation/]
  ])('refuses %s', (_what, change, message) => {
    expect(() => readPayload({ ...good, ...change }, () => BASE)).toThrow(message)
  })

  it('keeps a Product Ingestion location whole: its fragment says what the job hands over to', () => {
    const product = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
    const base = 'https://graph.microsoft.com/rp/product-ingestion'
    const location = `${base}/configure/d4261631/status?$version=2022-03-01-preview2#live=submission/${product}/1152921505697139456`
    const pi = { ...good, api: 'product-ingestion', publisherId: undefined, offerId: undefined, productId: product }
    expect(readPayload({ ...pi, operationLocation: location }, () => base).operationLocation).toBe(location)
    const since = `${base}/submission/${product}?$version=2022-03-01-preview2#since=2025-03-01T12:00:00.000Z`
    expect(readPayload({ ...pi, operationLocation: since }, () => base).operationLocation).toBe(since)
    const other = `${base}/submission/b8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d/1?$version=2022-03-01-preview2`
    expect(() => readPayload({ ...pi, operationLocation: other }, () => base)).toThrow(/another target than product/)
  })

  it('refuses a product ID that is not a GUID and payloads that are not objects', () => {
    expect(() => readPayload({ ...good, api: 'product-ingestion', productId: 'x' }, () => BASE)).toThrow(/GUID/)
    expect(() => readPayload('nope', () => BASE)).toThrow(/not JSON/)
    expect(() => readPayload([1], () => BASE)).toThrow(/not a JSON object/)
  })
})

describe('offerUrl', () => {
  const cpp = { api: 'cpp' as const, publisherId: 'contoso', offerId: 'contoso-offer', productId: '' }
  it('uses a liveLinks URI once the API fills it, else the listing address', () => {
    expect(offerUrl(cpp)).toBe('https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer')
    expect(
      offerUrl(cpp, { liveLinks: [{ displayText: 'Live', uri: 'https://azuremarketplace.microsoft.com/x' }] })
    ).toBe('https://azuremarketplace.microsoft.com/x')
    expect(offerUrl(cpp, [{ liveLinks: ['https://example.com/live'] }])).toBe('https://example.com/live')
  })

  it('takes only https links without credentials from the API', () => {
    expect(
      liveLink({ liveLinks: ['javascript:alert(1)', 'http://x.example', 'https://u:p@x.example'] })
    ).toBeUndefined()
  })

  it('gives a Product Ingestion product its Partner Center page', () => {
    const id = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
    expect(offerUrl({ api: 'product-ingestion', publisherId: '', offerId: '', productId: id })).toBe(
      `https://partner.microsoft.com/dashboard/commercial-marketplace/offers/${id}/overview`
    )
  })
})
