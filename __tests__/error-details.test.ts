import { describe, expect, it } from '@jest/globals'
import { describeErrors, flattenErrorTree, withDetails } from '../src/http/error-details.js'

const jobError = {
  resourceId: 'submission/p/1',
  code: 'internalServerError',
  message: 'Operation failed',
  details: [
    {
      code: 'invalidState',
      message: 'Certification',
      details: [{ code: 'invalidState', message: 'Issues found during Certification.' }]
    }
  ]
}

describe('nested error details', () => {
  it('flattens a job error depth first, down to the line a person needs', () => {
    expect(describeErrors([jobError])).toBe(
      'internalServerError: Operation failed > invalidState: Certification > invalidState: Issues found during Certification'
    )
  })

  it('adds the details of an API error body after its message', () => {
    expect(
      withDetails('Invalid configuration: schema validation failed', [
        { code: 'schemaValidationError', message: 'Property x is required.' }
      ])
    ).toBe('Invalid configuration: schema validation failed (details: schemaValidationError: Property x is required)')
    expect(withDetails('Cannot cancel job, job has already completed.', [])).toBe(
      'Cannot cancel job, job has already completed.'
    )
    expect(withDetails(undefined, [{ message: 'only here' }])).toBe('only here')
  })

  it('stays bounded on a hostile body: deep, wide and long', () => {
    let deep: Record<string, unknown> = { code: 'leaf', message: 'x' }
    for (let i = 0; i < 1000; i++) deep = { code: `c${i}`, message: 'm', details: [deep] }
    expect(flattenErrorTree(deep).length).toBeLessThanOrEqual(12)
    const wide = {
      code: 'a',
      details: Array.from({ length: 10_000 }, (_, i) => ({ code: `d${i}`, message: 'y'.repeat(500) }))
    }
    expect(describeErrors([wide]).length).toBeLessThanOrEqual(1000)
    expect(describeErrors('not an array')).toBe('')
  })
})
