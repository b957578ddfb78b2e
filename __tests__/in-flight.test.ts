import { describe, expect, it } from '@jest/globals'
import { isInFlight } from '../src/marketplace/in-flight.js'
import { ApiError } from '../src/model/errors.js'

const error = (status: number, code?: string, apiMessage?: string): ApiError =>
  new ApiError({ method: 'POST', url: 'https://x/golive', status, code, apiMessage, transient: false })

/** A table row named by the error's first line: `%s` of an Error prints its stack into the title. */
const named = (e: Error): [string, Error] => [String(e), e]

describe('isInFlight', () => {
  it.each([
    named(error(409)),
    named(error(400, 'BadRequest', 'Operation is in progress for this offer.')),
    named(error(400, 'OperationInProgress')),
    named(error(400, 'BadRequest', 'There is a pending operation on the offer')),
    named(error(400, 'badRequest', 'A submission is already in progress for product X'))
  ])('recognises %s', (_, e) => {
    expect(isInFlight(e)).toBe(true)
  })

  it.each([
    named(error(400, 'BadRequest', 'The offer has no approved preview.')),
    named(error(404)),
    named(new Error('409'))
  ])('does not take %s for one', (_, e) => {
    expect(isInFlight(e)).toBe(false)
  })
})
