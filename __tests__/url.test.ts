import { describe, expect, it } from '@jest/globals'
import { ProtocolError } from '../src/model/errors.js'
import { isAllowedScheme, lastPathSegment, resolveLocation, resolveNextLink } from '../src/model/url.js'

const base = 'https://cloudpartner.azure.com'

describe('resolveLocation', () => {
  it('resolves the migrated relative Location against the base URL', () => {
    expect(
      resolveLocation(
        base,
        '/api/publishers/contoso/offers/contoso-offer/operations/56615b67-2185-49fe-80d2-c4ddf77bb2e8?api-version=2017-10-31'
      )
    ).toBe(
      'https://cloudpartner.azure.com/api/publishers/contoso/offers/contoso-offer/operations/56615b67-2185-49fe-80d2-c4ddf77bb2e8?api-version=2017-10-31'
    )
  })

  it('keeps the $ characters of a non-migrated operation path', () => {
    const url = resolveLocation(base, '/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31')
    expect(url).toBe(
      'https://cloudpartner.azure.com/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31'
    )
    expect(lastPathSegment(url)).toBe('contoso$contoso-offer$2$preview')
  })

  it('keeps a proxy path prefix of the base URL', () => {
    expect(resolveLocation('https://proxy.example.com/cpp/', '/api/operations/x')).toBe(
      'https://proxy.example.com/cpp/api/operations/x'
    )
  })

  it('accepts an absolute URL on the same origin (legacy Operation-Location)', () => {
    expect(resolveLocation(base, 'https://cloudpartner.azure.com/api/publishers/p/offers/o/operations/1')).toBe(
      'https://cloudpartner.azure.com/api/publishers/p/offers/o/operations/1'
    )
  })

  it.each([
    'https://evil.example.com/api/operations/1',
    'http://cloudpartner.azure.com/api/operations/1',
    'https://cloudpartner.azure.com:8443/api/operations/1',
    '//evil.example.com/api/operations/1'
  ])('refuses another origin: %s', (location) => {
    expect(() => resolveLocation(base, location)).toThrow(ProtocolError)
    expect(() => resolveLocation(base, location)).toThrow(/not on the API origin/)
  })

  it.each(['/api/../admin', '/api/%2e%2e/admin', 'a b', '', 'https://user:pw@cloudpartner.azure.com/x'])(
    'refuses unsafe location %j',
    (location) => {
      expect(() => resolveLocation(base, location)).toThrow(ProtocolError)
    }
  )

  it('drops a fragment', () => {
    expect(resolveLocation(base, '/api/operations/1#frag')).toBe('https://cloudpartner.azure.com/api/operations/1')
  })
})

describe('isAllowedScheme', () => {
  it('allows https anywhere and http only on loopback', () => {
    expect(isAllowedScheme(new URL('https://cloudpartner.azure.com'))).toBe(true)
    expect(isAllowedScheme(new URL('http://127.0.0.1:8080'))).toBe(true)
    expect(isAllowedScheme(new URL('http://localhost:8080'))).toBe(true)
    expect(isAllowedScheme(new URL('http://cloudpartner.azure.com'))).toBe(false)
    expect(isAllowedScheme(new URL('ftp://127.0.0.1'))).toBe(false)
  })
})

describe('locations and next links under a base path', () => {
  const pi = 'https://graph.microsoft.com/rp/product-ingestion'

  it('keeps a path from the origin that already holds the base path', () => {
    expect(resolveLocation(pi, '/rp/product-ingestion/configure/j/status?$version=v')).toBe(
      `${pi}/configure/j/status?$version=v`
    )
    expect(resolveLocation(pi, '/configure/j/status')).toBe(`${pi}/configure/j/status`)
  })

  it('resolves @nextLink absolute, as a path, relative to the API root, or as a query alone', () => {
    const current = `${pi}/submission/p?$version=v`
    expect(resolveNextLink(pi, current, `${pi}/submission/p?continuationToken=t`)).toBe(
      `${pi}/submission/p?continuationToken=t`
    )
    expect(resolveNextLink(pi, current, '/rp/product-ingestion/submission/p?continuationToken=t')).toBe(
      `${pi}/submission/p?continuationToken=t`
    )
    expect(resolveNextLink(pi, current, 'submission/p?continuationToken=t')).toBe(
      `${pi}/submission/p?continuationToken=t`
    )
    expect(resolveNextLink(pi, current, '?continuationToken=t')).toBe(`${pi}/submission/p?continuationToken=t`)
  })

  it('holds a next link to the API origin', () => {
    expect(() => resolveNextLink(pi, `${pi}/submission/p`, 'https://evil.example.com/submission/p')).toThrow(
      ProtocolError
    )
  })
})
