import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as runner from '../__fixtures__/runner.js'

jest.unstable_mockModule('../src/runner.js', () => runner)
const { getSettings } = await import('../src/input-helper.js')
const { InputError } = await import('../src/errors.js')

const CPP = { 'publisher-id': 'contoso', 'offer-id': 'contoso-offer', token: 'tok' }
const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''

function errorOf(inputs: Record<string, string>): InstanceType<typeof InputError> {
  try {
    getSettings(reader(inputs))
  } catch (err) {
    if (err instanceof InputError) return err
    throw err
  }
  throw new Error('expected an InputError')
}

describe('getSettings', () => {
  beforeEach(() => {
    jest.clearAllMocks()
  })

  it('applies the contract defaults when inputs are absent', () => {
    const s = getSettings(reader(CPP))
    expect(s).toMatchObject({
      api: 'cpp',
      publisherId: 'contoso',
      offerId: 'contoso-offer',
      auth: { kind: 'token', token: 'tok' },
      baseUrl: 'https://cloudpartner.azure.com',
      apiVersion: '2017-10-31',
      wait: true,
      timeoutMs: 3_600_000,
      pollIntervalMs: 60_000,
      onTimeout: 'fail',
      onCancel: 'leave',
      operationLocation: '',
      dryRun: false
    })
  })

  it('masks the token and the client secret', () => {
    getSettings(reader(CPP))
    expect(runner.setSecret).toHaveBeenCalledWith('tok')
    getSettings(
      reader({
        ...CPP,
        token: '',
        'tenant-id': 'contoso.onmicrosoft.com',
        'client-id': '11111111-1111-1111-1111-111111111111',
        'client-secret': 's3cret'
      })
    )
    expect(runner.setSecret).toHaveBeenCalledWith('s3cret')
  })

  it('uses product-ingestion defaults and strips the product/ prefix', () => {
    const s = getSettings(
      reader({ api: 'product-ingestion', 'product-id': 'product/A8A1F1B4-4E7C-4A58-9A6E-0D0F5B1E2C3D', token: 't' })
    )
    expect(s.productId).toBe('A8A1F1B4-4E7C-4A58-9A6E-0D0F5B1E2C3D')
    expect(s.baseUrl).toBe('https://graph.microsoft.com/rp/product-ingestion')
    expect(s.apiVersion).toBe('2022-03-01-preview2')
  })

  it.each([
    [{ ...CPP, 'publisher-id': '' }, 'publisher-id', /required/],
    [{ ...CPP, 'offer-id': 'a/b' }, 'offer-id', /no '\/'/],
    [{ ...CPP, 'offer-id': 'a..b' }, 'offer-id', /\.\./],
    [{ ...CPP, 'offer-id': 'x?y' }, 'offer-id', /got 'x\?y'/],
    [{ ...CPP, 'publisher-id': 'a#b' }, 'publisher-id', /a#b/],
    [{ ...CPP, api: 'CPP' }, 'api', /one of 'cpp', 'product-ingestion'/],
    [{ api: 'product-ingestion', token: 't' }, 'product-id', /required/],
    [{ api: 'product-ingestion', token: 't', 'product-id': 'not-a-guid' }, 'product-id', /GUID/],
    [{ ...CPP, timeout: 'soon' }, 'timeout', /'soon'/],
    [{ ...CPP, timeout: '0' }, 'timeout', /positive/],
    [{ ...CPP, 'poll-interval': '500ms' }, 'poll-interval', /at least 1s/],
    [{ ...CPP, wait: 'yes' }, 'wait', /'true' or 'false'/],
    [{ ...CPP, 'dry-run': '1' }, 'dry-run', /'true' or 'false'/],
    [{ ...CPP, 'on-timeout': 'ignore' }, 'on-timeout', /'fail', 'warn', 'cancel'/],
    [{ ...CPP, 'on-cancel': 'stop' }, 'on-cancel', /'leave', 'cancel'/],
    [{ ...CPP, 'base-url': 'http://cloudpartner.azure.com' }, 'base-url', /https/],
    [{ ...CPP, 'base-url': 'not a url' }, 'base-url', /absolute URL/],
    [{ ...CPP, 'api-version': 'latest' }, 'api-version', /2017-10-31/],
    [{ ...CPP, 'operation-location': 'https://evil.example.com/api/operations/1' }, 'operation-location', /origin/],
    [{ ...CPP, 'operation-location': '/api/../x' }, 'operation-location', /\.\./],
    [{ ...CPP, token: '' }, 'token', /missing/],
    [{ ...CPP, token: 'Bearer abc' }, 'token', /bare token/],
    [{ ...CPP, 'client-secret': 's' }, 'token', /cannot be combined with 'client-secret'/],
    [{ ...CPP, token: '', 'client-secret': 's' }, 'client-secret', /needs 'tenant-id'/],
    [{ ...CPP, token: '', 'tenant-id': 'contoso.onmicrosoft.com' }, 'client-id', /required/],
    [{ ...CPP, token: '', 'client-id': '11111111-1111-1111-1111-111111111111' }, 'tenant-id', /required/],
    [
      { ...CPP, token: '', 'tenant-id': 'not a tenant', 'client-id': '11111111-1111-1111-1111-111111111111' },
      'tenant-id',
      /GUID or a domain/
    ],
    [{ ...CPP, token: '', 'tenant-id': 'contoso.onmicrosoft.com', 'client-id': 'app' }, 'client-id', /GUID/],
    [
      {
        ...CPP,
        token: '',
        'tenant-id': 'contoso.onmicrosoft.com',
        'client-id': '11111111-1111-1111-1111-111111111111',
        'authority-host': 'http://login.example.com'
      },
      'authority-host',
      /https/
    ]
  ])('rejects %j naming %s', (inputs, input, detail) => {
    const error = errorOf(inputs)
    expect(error.input).toBe(input)
    expect(error.message).toContain(`'${input}'`)
    expect(error.message).toMatch(detail)
  })

  it('never quotes the token or secret in an error', () => {
    const error = errorOf({ ...CPP, 'client-secret': 'very-secret-value' })
    expect(error.message).not.toContain('very-secret-value')
    expect(error.message).not.toContain("'tok'")
  })

  it('chooses OIDC when tenant and client are given without a secret', () => {
    const s = getSettings(
      reader({
        ...CPP,
        token: '',
        'tenant-id': '00000000-0000-0000-0000-000000000001',
        'client-id': '11111111-1111-1111-1111-111111111111'
      })
    )
    expect(s.auth).toEqual({
      kind: 'oidc',
      tenantId: '00000000-0000-0000-0000-000000000001',
      clientId: '11111111-1111-1111-1111-111111111111',
      authorityHost: 'https://login.microsoftonline.com'
    })
  })

  it('accepts the boolean spellings of the YAML core schema', () => {
    expect(getSettings(reader({ ...CPP, wait: 'False', 'dry-run': 'TRUE' }))).toMatchObject({
      wait: false,
      dryRun: true
    })
  })

  it('accepts http on loopback for the simulator and keeps a resume location', () => {
    const s = getSettings(
      reader({
        ...CPP,
        'base-url': 'http://127.0.0.1:8080/',
        'operation-location': '/api/operations/contoso$contoso-offer$2$preview'
      })
    )
    expect(s.baseUrl).toBe('http://127.0.0.1:8080')
    expect(s.operationLocation).toBe('/api/operations/contoso$contoso-offer$2$preview')
  })

  it('warns about inputs that belong to the other API', () => {
    getSettings(reader({ ...CPP, 'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d' }))
    expect(runner.warning).toHaveBeenCalledWith(expect.stringContaining("'product-id' is ignored"))
  })

  it.each([
    [CPP, '/api/publishers/contoso/offers/other/operations/1', 'names offer contoso/other, but'],
    [
      CPP,
      'https://cloudpartner.azure.com/api/operations/fabrikam$contoso-offer$2$preview',
      'names offer fabrikam/contoso-offer'
    ],
    [
      { api: 'product-ingestion', 'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d', token: 't' },
      '/submission/00000000-0000-0000-0000-000000000009/1',
      "names product 00000000-0000-0000-0000-000000000009, but 'product-id' names product a8a1f1b4"
    ]
  ])('refuses a resume location of another target, naming both', (inputs, location, text) => {
    const err = errorOf({ ...inputs, 'operation-location': location })
    expect(err.input).toBe('operation-location')
    expect(err.message).toContain(text)
  })

  it('accepts a location of the same offer in another letter case, and a bare configure job', () => {
    expect(
      getSettings(reader({ ...CPP, 'operation-location': '/api/publishers/Contoso/offers/Contoso-Offer/operations/1' }))
        .operationLocation
    ).toContain('Contoso-Offer')
    const pi = { api: 'product-ingestion', 'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d', token: 't' }
    expect(getSettings(reader({ ...pi, 'operation-location': '/configure/j1/status' })).operationLocation).toBe(
      '/configure/j1/status'
    )
  })
})
