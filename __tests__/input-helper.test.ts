import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as runner from '../__fixtures__/runner-port.js'

jest.unstable_mockModule('../src/runner/port.js', () => runner)
const { getSettings } = await import('../src/inputs/input-helper.js')
const { InputError } = await import('../src/model/errors.js')
const { InputErrors } = await import('../src/inputs/input-values.js')
const { closestInput, unknownInputs } = await import('../src/inputs/declared.js')

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

  describe('reports every bad input at once', () => {
    it('lists each bad input on its own line, naming it, its value and the expected form', () => {
      const error = errorOf({
        ...CPP,
        'offer-id': 'a/b',
        timeout: 'soon',
        'on-timeout': 'ignore',
        wait: 'yes',
        token: 'Bearer abc'
      })
      expect(error).toBeInstanceOf(InputErrors)
      const all = error as InstanceType<typeof InputErrors>
      expect(all.errors.map((e) => e.input)).toEqual(['offer-id', 'token', 'timeout', 'wait', 'on-timeout'])
      const lines = error.message.split('\n')
      expect(lines[0]).toBe('5 inputs are not valid; nothing was started:')
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(/^- Input 'offer-id' must be letters.*got 'a\/b'$/),
        expect.stringMatching(/^- Input 'token' must be the bare token/),
        expect.stringMatching(/^- Input 'timeout' must be a positive duration .*got 'soon'$/),
        expect.stringMatching(/^- Input 'wait' must be 'true' or 'false'; got 'yes'$/),
        expect.stringMatching(/^- Input 'on-timeout' must be one of 'fail', 'warn', 'cancel'; got 'ignore'$/)
      ])
    })

    it('masks the secrets before it reports, and never quotes them', () => {
      const error = errorOf({ ...CPP, token: 'Bearer s3cret-token', 'github-token': 'ghs_x', 'offer-id': '' })
      expect(runner.setSecret).toHaveBeenCalledWith('Bearer s3cret-token')
      expect(runner.setSecret).toHaveBeenCalledWith('ghs_x')
      expect(error.message).not.toContain('s3cret-token')
    })

    it('reports a single bad input as before, without a list', () => {
      const error = errorOf({ ...CPP, timeout: 'soon' })
      expect(error).not.toBeInstanceOf(InputErrors)
      expect(error.message).toBe(
        "Input 'timeout' must be a positive duration such as '90s', '45m', '6h', '2d' or a bare number of minutes; got 'soon'"
      )
    })

    it('names both missing tenant and client checks, and the bad authority, together', () => {
      const error = errorOf({
        ...CPP,
        token: '',
        'tenant-id': 'not a tenant',
        'client-id': 'app',
        'authority-host': 'ftp://x'
      }) as InstanceType<typeof InputErrors>
      expect(error.errors.map((e) => e.input)).toEqual(['tenant-id', 'client-id', 'authority-host'])
    })

    it('does not judge the IDs against an unknown api, nor a location against bad IDs', () => {
      expect(errorOf({ ...CPP, api: 'partner-center', 'publisher-id': '' }).input).toBe('api')
      const error = errorOf({
        ...CPP,
        'offer-id': 'a/b',
        'operation-location': '/api/publishers/x/offers/y/operations/1'
      })
      expect(error.input).toBe('offer-id')
      expect(error.message).not.toContain('operation-location')
    })
  })

  describe('says the likely fix when the combination says it', () => {
    it('product-id with api left at cpp: set api: product-ingestion', () => {
      const error = errorOf({ 'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d', token: 't' })
      const all = error as InstanceType<typeof InputErrors>
      expect(all.errors.map((e) => e.input)).toEqual(['publisher-id', 'offer-id'])
      expect(error.message).toMatch(/\nLikely fix: 'product-id' is given but 'api' is 'cpp' \(the default\)/)
      expect(error.message).toContain("set 'api: product-ingestion'")
      expect(runner.warning).not.toHaveBeenCalled()
      const explicit = errorOf({ api: 'cpp', 'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d', token: 't' })
      expect(explicit.message).toContain("'api' is 'cpp', which needs")
    })

    it('publisher-id and offer-id with api: product-ingestion: remove it, or give product-id', () => {
      const error = errorOf({ ...CPP, api: 'product-ingestion' })
      expect(error.input).toBe('product-id')
      expect(error.message.split('\n')).toEqual([
        "Input 'product-id' is required with api: product-ingestion (the product's durable ID, a GUID)",
        expect.stringMatching(
          /^Likely fix: 'publisher-id' and 'offer-id' are given but 'api' is 'product-ingestion'.*remove 'api: product-ingestion'.*give its 'product-id'/
        )
      ])
    })

    it("a token with 'Bearer ' in front: the action adds it", () => {
      expect(errorOf({ ...CPP, token: 'Bearer abc' }).message).toContain("the action adds 'Bearer ' itself")
    })

    it('a token beside a complete client form: remove the token', () => {
      const error = errorOf({
        ...CPP,
        'tenant-id': 'contoso.onmicrosoft.com',
        'client-id': '11111111-1111-1111-1111-111111111111',
        'client-secret': 's'
      })
      expect(error.input).toBe('token')
      expect(error.message).toMatch(
        /\nLikely fix: remove 'token': with 'tenant-id' and 'client-id' and 'client-secret'/
      )
    })

    it('a client secret without tenant and client says which IDs they are', () => {
      const error = errorOf({ ...CPP, token: '', 'client-secret': 's' })
      expect(error.input).toBe('client-secret')
      expect(error.message).toContain('Directory (tenant) ID and Application (client) ID')
    })

    it('follow: true with operation-location: remove one, and what each does', () => {
      const error = errorOf({ ...CPP, follow: 'true', 'github-token': 'g', 'operation-location': 'not even a path' })
      expect(error.input).toBe('operation-location')
      expect(error.message).toContain('cannot be combined with follow: true')
      expect(error.message).toContain("remove 'follow: true' to wait on this one operation")
      expect(error.message).not.toContain('spaces')
    })

    it.each([
      ['base-url', 'https://graph.microsoft.com/rp/product-ingestion/', 'endpoint'],
      ['api-version', '2022-03-01-preview2', 'version']
    ])('%s of the Product Ingestion API with api: cpp', (input, value, what) => {
      const error = errorOf({ ...CPP, [input]: value })
      expect(error.input).toBe(input)
      expect(error.message).toContain(`is the Product Ingestion API's ${what}, but 'api' is 'cpp'`)
      expect(error.message).toContain("set 'api: product-ingestion'")
    })

    it('the CPP version with api: product-ingestion', () => {
      const error = errorOf({
        api: 'product-ingestion',
        'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d',
        token: 't',
        'api-version': '2017-10-31'
      })
      expect(error.message).toContain("set 'api: cpp' if that API is meant, or leave 'api-version' empty")
    })
  })

  describe('warns when a GitHub-hosted runner would stop the job before the timeout', () => {
    const hosted = { RUNNER_ENVIRONMENT: 'github-hosted' }
    const warnings = (): string[] => runner.warning.mock.calls.map(([text]) => text)

    it('says what will happen and what to do', () => {
      getSettings(reader({ ...CPP, timeout: '3d' }), hosted)
      expect(warnings()).toEqual([expect.stringContaining("Input 'timeout' is 3d, not under the 6-hour limit")])
      const [text] = warnings()
      expect(text).toContain('stop this job at 6 hours')
      expect(text).toContain('the result (outputs, job summary, step status) is lost')
      expect(text).toMatch(/'timeout' under 6h .*'on-timeout: warn' and 'github-deployment: true'.*'follow: true'/)
      expect(text).toContain('self-hosted runner')
    })

    it('warns at exactly 6h too: the set-up of the job counts towards the limit', () => {
      getSettings(reader({ ...CPP, timeout: '6h' }), hosted)
      expect(warnings()).toEqual([expect.stringContaining("Input 'timeout' is 6h, not under the 6-hour limit")])
    })

    it.each([
      ['a self-hosted runner', { timeout: '3d' }, { RUNNER_ENVIRONMENT: 'self-hosted' }],
      ['a timeout of 5h 59m', { timeout: '359m' }, hosted],
      ['wait: false', { timeout: '3d', wait: 'false' }, hosted],
      ['a dry run', { timeout: '3d', 'dry-run': 'true' }, hosted],
      ['follow: true', { timeout: '3d', follow: 'true', 'github-token': 'g' }, hosted]
    ])('says nothing for %s', (_name, inputs, env) => {
      getSettings(reader({ ...CPP, ...inputs }), env)
      expect(runner.warning).not.toHaveBeenCalled()
    })
  })
})

describe('unknown inputs', () => {
  it('finds the INPUT_* variables no declared input gives, as their with: keys', () => {
    expect(
      unknownInputs({
        'INPUT_OFFER-ID': 'x',
        INPUT_GITHUB_DEPLOYMENT: 'true',
        'INPUT_POLL-INTERVAL': '1s',
        'input_dry-run': 'false',
        INPUTS: 'not an input',
        PATH: '/bin'
      })
    ).toEqual(['github_deployment'])
  })

  it.each([
    ['github_deployment', 'github-deployment'],
    ['GitHub Deployment', 'github-deployment'],
    ['timout', 'timeout'],
    ['pollinterval', 'poll-interval'],
    ['polling-interval', 'poll-interval'],
    ['product', 'product-id'],
    ['environment', 'deployment-environment'],
    ['secret', 'client-secret'],
    ['on_time_out', 'on-timeout']
  ])('takes %s for %s', (name, expected) => {
    expect(closestInput(name)).toBe(expected)
  })

  it.each(['foo', 'colour-scheme', 'environment-name-of-mine'])('suggests nothing for %s', (name) => {
    expect(closestInput(name)).toBeUndefined()
  })

  it('fails getSettings naming the unknown key and its likely input', () => {
    expect(() => getSettings(reader(CPP), { INPUT_GITHUB_DEPLOYMENT: 'true' })).toThrow(
      "Input 'github_deployment' is not an input of this action: did you mean 'github-deployment'?"
    )
  })
})
