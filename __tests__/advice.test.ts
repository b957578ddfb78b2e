import { describe, expect, it } from '@jest/globals'
import { formatFailure, type FailureContext } from '../src/report/advice.js'
import { ApiError, InputError } from '../src/model/errors.js'
import { InputErrors } from '../src/inputs/input-values.js'

const ORIGIN = 'https://cloudpartner.azure.com'
const OFFER = `${ORIGIN}/api/publishers/contoso/offers/contoso-offer`
const OPERATION = `${OFFER}/operations/56615b67-2185-49fe-80d2-c4ddf77bb2e8?api-version=2017-10-31`
const cpp: FailureContext = { api: 'cpp', target: 'offer contoso/contoso-offer', staticToken: false }

const notFound = (method: string, url: string): ApiError =>
  new ApiError({ method, url, status: 404, code: 'NotFound', apiMessage: 'Not found', transient: false })

const PARTNER_CENTER_HINT = "Offers created in Partner Center are not in the CPP API: use 'api: product-ingestion'"

describe('formatFailure', () => {
  it.each([
    ['Go Live', 'POST', `${OFFER}/golive?api-version=2017-10-31`],
    ['the offer status', 'GET', `${OFFER}/status?api-version=2017-10-31`],
    ['cancel', 'POST', `${OFFER}/cancel?api-version=2017-10-31`]
  ])('a CPP 404 on %s says the offer was not found and names the Product Ingestion API', (_name, method, url) => {
    const text = formatFailure(notFound(method, url), { ...cpp, operationLocation: OPERATION })
    expect(text).toContain('offer contoso/contoso-offer was not found')
    expect(text).toContain(PARTNER_CENTER_HINT)
  })

  it('a 404 of the operation itself says the operation was not found, without the API hint', () => {
    const text = formatFailure(notFound('GET', OPERATION), { ...cpp, operationLocation: OPERATION })
    expect(text).toContain('was not found by the API')
    expect(text).not.toContain('product-ingestion')
  })

  it('a Product Ingestion 404 does not send the user to the API they already use', () => {
    const text = formatFailure(notFound('GET', 'https://graph.microsoft.com/rp/product-ingestion/submission/x'), {
      api: 'product-ingestion',
      target: 'product x',
      staticToken: false
    })
    expect(text).toContain("check 'product-id'")
    expect(text).not.toContain("use 'api: product-ingestion'")
  })

  it('reports every input error of a run as it is, all lines kept', () => {
    const error = new InputErrors(
      [
        new InputError('offer-id', "must be letters; got 'a/b'"),
        new InputError('timeout', "must be a duration; got 'x'")
      ],
      ['set this']
    )
    expect(formatFailure(error).split('\n')).toEqual([
      '2 inputs are not valid; nothing was started:',
      "- Input 'offer-id' must be letters; got 'a/b'",
      "- Input 'timeout' must be a duration; got 'x'",
      'Likely fix: set this'
    ])
  })
})
