/**
 * The ingestion API v1.0 without a socket: its status table, its locations, the choice of the
 * submission to take live, its next links, and its error bodies.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { readApiError } from '../src/http/error-details.js'
import type { ApiClient } from '../src/marketplace/api-client.js'
import { readWorkflow } from '../src/marketplace/ingestion-v1/details.js'
import { V1Locations } from '../src/marketplace/ingestion-v1/locations.js'
import { stageOf, SUBSTATE_STATUS } from '../src/marketplace/ingestion-v1/status.js'
import {
  compareIds,
  listSubmissions,
  newestFirst,
  readSubmission,
  type V1Submission
} from '../src/marketplace/ingestion-v1/submissions.js'
import { judge } from '../src/marketplace/ingestion-v1/verdict.js'
import { ApiError, ProtocolError } from '../src/model/errors.js'
import { locationTargetMismatch, parseV1Location } from '../src/model/locations.js'
import { apiTime, currentStep, isTerminal, mapStatus } from '../src/model/status.js'
import { resolveNextLink } from '../src/model/url.js'

const BASE = 'https://api.partner.microsoft.com/v1.0/ingestion'
const PRODUCT = 'e2b5c6d7-3f41-4a8b-9c0d-1e2f3a4b5c6d'
const ID = '1152921505699173393'

describe('submission substate table', () => {
  it.each([
    ['InDraft', 'notStarted'],
    ['Submitted', 'notStarted'],
    ['ReadyToPublish', 'notStarted'],
    ['Publishing', 'running'],
    ['Published', 'running'],
    ['InStore', 'succeeded'],
    ['instore', 'succeeded'],
    ['Failed', 'failed'],
    ['FailedInCertification', 'failed'],
    ['Cancelled', 'canceled']
  ])('maps %j to %s', (raw, status) => {
    expect(mapStatus(SUBSTATE_STATUS, raw)).toBe(status)
  })

  it('succeeds only in the store: Published is not yet live', () => {
    expect(isTerminal(mapStatus(SUBSTATE_STATUS, 'Published'))).toBe(false)
  })

  it('keeps waiting on a substate it does not know, and says so in a debug line', () => {
    const onUnknown = jest.fn()
    expect(mapStatus(SUBSTATE_STATUS, 'PendingSomething', onUnknown)).toBe('running')
    expect(onUnknown).toHaveBeenCalledWith('PendingSomething')
  })

  it.each([
    ['InDraft', 'draft'],
    ['Submitted', 'validating'],
    ['ReadyToPublish', 'ready'],
    ['Publishing', 'publishing'],
    ['Published', 'publishing'],
    ['InStore', 'live'],
    ['FailedInCertification', 'failed'],
    ['Whatever', 'unknown']
  ])('a go-live about to start reads %s as %s', (substate, stage) => {
    expect(stageOf(substate)).toBe(stage)
  })
})

describe('v1 locations', () => {
  const locations = new V1Locations(BASE, PRODUCT)

  it('the submission is the operation; its location is the whole resume state', () => {
    const ref = locations.reference(ID)
    expect(ref).toEqual({ location: `${BASE}/products/${PRODUCT}/submissions/${ID}`, id: ID })
    expect(parseV1Location(BASE, ref.location)).toEqual({ productId: PRODUCT, submissionId: ID })
    expect(locations.of(ID, 'promote')).toBe(`${BASE}/products/${PRODUCT}/submissions/${ID}/promote`)
  })

  it('reads a relative location and one from the origin, behind a proxy prefix too', () => {
    expect(parseV1Location(BASE, `products/${PRODUCT}/submissions/${ID}`).submissionId).toBe(ID)
    expect(parseV1Location(BASE, `/v1.0/ingestion/products/${PRODUCT}/submissions/${ID}`).submissionId).toBe(ID)
    const proxy = 'https://proxy.example/mp/v1.0/ingestion'
    expect(parseV1Location(proxy, `${proxy}/products/${PRODUCT}/submissions/${ID}`).productId).toBe(PRODUCT)
  })

  it.each([
    [`${BASE}/products/${PRODUCT}/submissions`, /not an ingestion API v1.0 operation/],
    [`${BASE}/products/${PRODUCT}/submissions/${ID}/promote`, /not an ingestion API v1.0 operation/],
    [`${BASE}/products/contoso/submissions/${ID}`, /names product 'contoso', not a GUID/],
    [`${BASE}/products/${PRODUCT}/submissions/12x`, /names submission '12x', not a submission ID/],
    [`https://elsewhere.example/v1.0/ingestion/products/${PRODUCT}/submissions/${ID}`, /not on the API origin/],
    [`${BASE}/products/${PRODUCT}/submissions/%E0`, /malformed %-escape/]
  ])('refuses %s', (location, message) => {
    expect(() => parseV1Location(BASE, location)).toThrow(ProtocolError)
    expect(() => parseV1Location(BASE, location)).toThrow(message)
  })

  it('a location of another product, or another submission than submission-id, is not this target', () => {
    const target = { api: 'ingestion-v1' as const, baseUrl: BASE, publisherId: '', offerId: '', productId: PRODUCT }
    const other = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
    expect(
      locationTargetMismatch(target, `${BASE}/products/${PRODUCT.toUpperCase()}/submissions/${ID}`)
    ).toBeUndefined()
    expect(locationTargetMismatch(target, `${BASE}/products/${other}/submissions/${ID}`)).toMatch(
      new RegExp(`names product ${other}, but 'product-id' names product ${PRODUCT}`)
    )
    expect(
      locationTargetMismatch({ ...target, submissionId: '7' }, `${BASE}/products/${PRODUCT}/submissions/${ID}`)
    ).toMatch(/names submission 1152921505699173393, but 'submission-id' is 7/)
  })
})

const submission = (id: string, substate: string, releaseNumber?: number): V1Submission =>
  readSubmission({ id, substate, state: substate === 'InStore' ? 'Published' : 'InProgress', releaseNumber })!

describe('the submission taken live', () => {
  it('compares IDs as digits, never as JavaScript numbers', () => {
    expect(compareIds('1152921505699173395', '1152921505699173393')).toBeGreaterThan(0)
    expect(compareIds('99', '100')).toBeLessThan(0)
    expect(compareIds('0100', '100')).toBe(0)
    const sorted = newestFirst([
      submission('9', 'InStore'),
      submission('1152921505699173395', 'Submitted'),
      submission('10', 'Failed')
    ])
    expect(sorted.map((s) => s.id)).toEqual(['1152921505699173395', '10', '9'])
  })

  it('keeps a string ID as written, and refuses a number that lost its digits', () => {
    expect(readSubmission({ id: ID })?.id).toBe(ID)
    // The ID as JSON.parse reads an unquoted 19-digit number: its last digits are gone.
    expect(readSubmission(JSON.parse(`{"id":${ID}}`))).toBeUndefined()
    expect(readSubmission({ id: 42 })?.id).toBe('42')
    expect(readSubmission({ id: '../1' })).toBeUndefined()
  })

  it('promotes the newest that is not a draft; joins a promotion that publishes; never a draft', () => {
    const list = [submission('1', 'InStore'), submission('2', 'ReadyToPublish'), submission('3', 'InDraft')]
    expect(judge(list, '', 'product P')).toMatchObject({ kind: 'promote', submission: { id: '2' } })
    const publishing = [submission('2', 'Publishing'), submission('3', 'InDraft')]
    expect(judge(publishing, '', 'product P')).toMatchObject({ kind: 'join', submission: { id: '2' } })
    expect(judge([submission('3', 'InDraft')], '', 'product P')).toMatchObject({ kind: 'not-ready' })
    expect(judge([submission('1', 'InStore'), submission('3', 'InDraft')], '', 'product P')).toMatchObject({
      kind: 'live',
      submission: { id: '1' }
    })
  })

  it('with submission-id: that one, and never another promotion that publishes', () => {
    const list = [submission('1', 'Publishing'), submission('2', 'ReadyToPublish')]
    expect(judge(list, '1', 'product P')).toMatchObject({ kind: 'join', submission: { id: '1' } })
    expect(judge(list, '2', 'product P')).toMatchObject({
      kind: 'not-ready',
      reason: expect.stringMatching(/but submission 1 is being published .* one promotion runs at a time/)
    })
    expect(judge(list, '5', 'product P')).toMatchObject({
      kind: 'not-ready',
      reason: "product P has no submission 5 ('submission-id')"
    })
  })

  it('names the ready older preview when the newest is not ready', () => {
    const verdict = judge([submission('1', 'ReadyToPublish'), submission('2', 'Submitted')], '', 'product P')
    expect(verdict).toMatchObject({
      kind: 'not-ready',
      reason: expect.stringContaining('is InProgress/Submitted: it is still in automated validation'),
      hint: "submission 1 is ready to go live: give 'submission-id: 1' to promote that one"
    })
  })
})

describe('workflow details', () => {
  it('shows the Preview push steps, then the Live push steps; the Live push start is the go-live start', () => {
    const workflow = readWorkflow({
      value: [
        {
          type: 'Push',
          state: 'Success',
          targetEnvironment: 'Preview',
          workflowSteps: [{ name: 'Automated validation', state: 'Success' }]
        },
        {
          type: 'Push',
          state: 'InProgress',
          targetEnvironment: 'Live',
          startDateTimeInUtc: '2022-08-04T10:51:57.0499235',
          workflowSteps: [
            { name: 'Publisher Signoff', state: 'Success' },
            { name: 'Certification', state: 'InProgress' },
            { name: 'Publish', state: 'NotStarted' }
          ]
        }
      ]
    })
    expect(workflow.steps.map((s) => `${s.name}=${s.status}`)).toEqual([
      'Preview: Automated validation=Success',
      'Live: Publisher Signoff=Success',
      'Live: Certification=InProgress',
      'Live: Publish=NotStarted'
    ])
    expect(workflow.liveStartedAt).toBe(Date.UTC(2022, 7, 4, 10, 51, 57, 49))
    expect(currentStep(workflow.steps)?.name).toBe('Live: Certification')
  })

  it('reads a time without a zone as UTC', () => {
    expect(apiTime('2022-08-04T10:51:57.0499235')).toBe(apiTime('2022-08-04T10:51:57.0499235Z'))
    expect(apiTime('0001-01-01T00:00:00')).toBeUndefined()
  })
})

describe('next links as the service writes them', () => {
  const page = `${BASE}/products/${PRODUCT}/submissions`

  it.each([
    [`v1.0/ingestion/products/${PRODUCT}/submissions?$skipToken=abc`, `${page}?$skipToken=abc`],
    [`/v1.0/ingestion/products/${PRODUCT}/submissions?$skipToken=abc`, `${page}?$skipToken=abc`],
    [`${page}?$skipToken=abc`, `${page}?$skipToken=abc`]
  ])('%s', (link, expected) => {
    expect(resolveNextLink(BASE, page, link, 'v1.0/ingestion')).toBe(expected)
  })

  it('keeps a proxy prefix of base-url', () => {
    const proxy = 'https://proxy.example/mp/v1.0/ingestion'
    expect(
      resolveNextLink(proxy, `${proxy}/x`, 'v1.0/ingestion/products/p/submissions?$skipToken=a', 'v1.0/ingestion')
    ).toBe(`${proxy}/products/p/submissions?$skipToken=a`)
  })

  it('refuses another origin', () => {
    expect(() => resolveNextLink(BASE, page, 'https://elsewhere.example/v1.0/ingestion/x', 'v1.0/ingestion')).toThrow(
      /not on the API origin/
    )
  })

  const pages = (answers: Record<string, unknown>) =>
    ({
      baseUrl: BASE,
      request: jest.fn(async ({ url }: { url: string }) => {
        const answer = answers[url]
        if (answer === 404) throw new ApiError({ method: 'GET', url, status: 404, transient: false })
        return { status: 200, headers: {}, body: answer }
      })
    }) as unknown as ApiClient
  const log = { info: jest.fn(), debug: jest.fn(), warning: jest.fn() }
  const context = { deadline: Infinity }

  it('ends the list at a next link that answers 404, and at one that repeats', async () => {
    const locations = new V1Locations(BASE, PRODUCT)
    const next = `v1.0/ingestion/products/${PRODUCT}/submissions?$skipToken=2`
    const api = pages({
      [page]: { value: [{ id: '1', substate: 'InStore' }], nextLink: next },
      [`${page}?$skipToken=2`]: 404
    })
    expect((await listSubmissions(api, locations, context, log)).map((s) => s.id)).toEqual(['1'])
    const looping = pages({ [page]: { value: [{ id: '1' }], '@odata.nextLink': page } })
    expect(await listSubmissions(looping, locations, context, log)).toHaveLength(1)
  })

  it('reads at most 50 pages', async () => {
    const locations = new V1Locations(BASE, PRODUCT)
    const api = {
      baseUrl: BASE,
      request: jest.fn(async ({ url }: { url: string }) => {
        const n = Number(new URL(url).searchParams.get('$skipToken') ?? '0')
        return {
          status: 200,
          headers: {},
          body: {
            value: [{ id: String(n + 1) }],
            nextLink: `v1.0/ingestion/products/${PRODUCT}/submissions?$skipToken=${n + 1}`
          }
        }
      })
    } as unknown as ApiClient
    expect(await listSubmissions(api, locations, context, log)).toHaveLength(50)
    expect(log.warning).toHaveBeenCalledWith(expect.stringMatching(/more than 50 pages/))
  })
})

describe('error bodies of the ingestion API v1.0', () => {
  it('reads the x-ms-publisherId refusal, a JSON string of .NET exception text around a ProblemDetails document', () => {
    const problem = {
      errors: { 'x-ms-publisherId': ['PublisherId is a required header, and must be a positive number.'] },
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      traceId: '00-ac04-2e72-00'
    }
    const body = `Microsoft.Ingestion.Shared.WebApi.Client.ErrorHandler.RestClientException: Product request failed, API=GetProduct, HttpStatusCode=BadRequest, ResponseContent=${JSON.stringify(problem)}`
    expect(readApiError(body)).toEqual({
      code: undefined,
      message:
        'Product request failed, API=GetProduct, HttpStatusCode=BadRequest: One or more validation errors occurred ' +
        '(x-ms-publisherId: PublisherId is a required header, and must be a positive number)'
    })
  })

  it('reads an ICH fault, a ProblemDetails object, the error object and plain text', () => {
    expect(
      readApiError(
        'ICH50400 - Unable to complete request. {"faultCode":50400,"reasonPhrase":"Request validation failed.","data":{"FeatureName":["The field FeatureName is invalid."]}}'
      )
    ).toEqual({
      code: 'ICH50400',
      message: 'Unable to complete request: Request validation failed (FeatureName: The field FeatureName is invalid)'
    })
    expect(readApiError({ title: 'Not Found', status: 404 })).toEqual({ message: 'Not Found' })
    expect(
      readApiError({ code: 'InvalidState', data: [], details: [], message: 'Submission 1 is InProgress/Submitted.' })
    ).toEqual({ code: 'InvalidState', message: 'Submission 1 is InProgress/Submitted.' })
    expect(readApiError('The API you have called is not applicable for this product')).toEqual({
      code: undefined,
      message: 'The API you have called is not applicable for this product'
    })
    expect(readApiError('Broken {json')).toEqual({ code: undefined, message: 'Broken {json' })
  })
})
