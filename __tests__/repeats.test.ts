import { describe, expect, it } from '@jest/globals'
import { FakeClock } from '../__fixtures__/clock.js'
import { RepeatFilter } from '../src/report/repeats.js'

describe('RepeatFilter', () => {
  it('says a line once a while: repeats that differ in delays, attempts and IDs wait', () => {
    const clock = new FakeClock()
    const filter = new RepeatFilter(clock)
    expect(filter.fresh('GET operation answered 503; retrying in 1.0s (attempt 2 of 5)')).toBe(true)
    expect(filter.fresh('GET operation answered 503; retrying in 2.3s (attempt 3 of 5)')).toBe(false)
    expect(
      filter.fresh(
        'A status check failed: GET …/operations/1 answered 503: busy (request ID 4f6c9a2e-1d2b-4c3a-9e8f-0a1b2c3d4e5f)'
      )
    ).toBe(true)
    expect(
      filter.fresh(
        'A status check failed: GET …/operations/1 answered 503: busy (request ID 9a9a9a9a-1d2b-4c3a-9e8f-0a1b2c3d4e5f)'
      )
    ).toBe(false)
    clock.advance(10 * 60_000)
    expect(filter.fresh('GET operation answered 503; retrying in 4.1s (attempt 4 of 5)')).toBe(true)
  })

  it('says another status code at once: a change of failure is news', () => {
    const filter = new RepeatFilter(new FakeClock())
    expect(filter.fresh('GET operation answered 503; retrying in 1.0s (attempt 2 of 5)')).toBe(true)
    expect(filter.fresh('GET operation answered 429; retrying in 1.0s (attempt 2 of 5)')).toBe(true)
  })
})
