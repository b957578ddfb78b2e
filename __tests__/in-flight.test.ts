import { describe, expect, it } from '@jest/globals'
import { isInFlight } from '../src/marketplace/in-flight.js'
import { ApiError } from '../src/model/errors.js'

const error = (status: number, code?: string, apiMessage?: string): ApiError =>
  new ApiError({ method: 'POST', url: 'https://x/golive', status, code, apiMessage, transient: false })

describe('isInFlight', () => {
  it.each([
    [error(409)],
    [error(400, 'BadRequest', 'Operation is in progress for this offer.')],
    [error(400, 'OperationInProgress')],
    [error(400, 'BadRequest', 'There is a pending operation on the offer')],
    [error(400, 'badRequest', 'A submission is already in progress for product X')]
  ])('recognises %s', (e) => {
    expect(isInFlight(e)).toBe(true)
  })

  it.each([[error(400, 'BadRequest', 'The offer has no approved preview.')], [error(404)], [new Error('409')]])(
    'does not take %s for one',
    (e) => {
      expect(isInFlight(e)).toBe(false)
    }
  )
})
