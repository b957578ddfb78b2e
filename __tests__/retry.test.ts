import { describe, expect, it, jest } from '@jest/globals'
import { FakeClock } from '../__fixtures__/clock.js'
import { ApiError } from '../src/model/errors.js'
import { backoffDelay, parseRetryAfter, sendWithRetries } from '../src/http/retry.js'
import type { RawResponse } from '../src/http/transport.js'

const silent = { debug: jest.fn(), info: jest.fn(), warning: jest.fn() }
const answer = (status: number, headers: Record<string, string> = {}): RawResponse => ({ status, headers, text: '' })
const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, random: () => 1 }

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})

describe('backoffDelay', () => {
  it('doubles from the base, capped, with jitter between half and all', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000])
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(2000)
  })
})

describe('sendWithRetries', () => {
  it('retries 429 and 5xx, honouring Retry-After first', async () => {
    const clock = new FakeClock()
    const answers = [answer(429, { 'retry-after': '3' }), answer(503), answer(502), answer(200)]
    const result = await sendWithRetries(
      { clock, deadline: clock.now() + 60_000, policy, log: silent, label: 'GET' },
      async () => answers.shift()!
    )
    expect(result.status).toBe(200)
    expect(clock.sleeps).toEqual([3000, 2000, 4000])
  })

  it.each([400, 401, 403, 404, 409])('never retries %d', async (status) => {
    const clock = new FakeClock()
    const send = jest.fn(async () => answer(status))
    expect(
      (await sendWithRetries({ clock, deadline: clock.now() + 60_000, policy, log: silent, label: 'GET' }, send)).status
    ).toBe(status)
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('retries resets and gives up after the attempts, throwing the last failure', async () => {
    const clock = new FakeClock()
    const reset = new ApiError({
      method: 'GET',
      url: 'https://x',
      status: 0,
      apiMessage: 'the connection was reset',
      transient: true
    })
    const send = jest.fn(async (): Promise<RawResponse> => Promise.reject(reset))
    await expect(
      sendWithRetries({ clock, deadline: clock.now() + 600_000, policy, log: silent, label: 'GET' }, send)
    ).rejects.toBe(reset)
    expect(send).toHaveBeenCalledTimes(5)
  })

  it('does not sleep past the deadline', async () => {
    const clock = new FakeClock()
    const send = jest.fn(async () => answer(503, { 'retry-after': '120' }))
    const result = await sendWithRetries(
      { clock, deadline: clock.now() + 60_000, policy, log: silent, label: 'GET' },
      send
    )
    expect(result.status).toBe(503)
    expect(send).toHaveBeenCalledTimes(1)
    expect(clock.sleeps).toEqual([])
  })

  it('bounds each attempt by the time left, with a short grace', async () => {
    const clock = new FakeClock()
    const timeouts: number[] = []
    await sendWithRetries({ clock, deadline: clock.now() + 10_000, policy, log: silent, label: 'GET' }, async (t) => {
      timeouts.push(t)
      return answer(200)
    })
    clock.advance(60_000)
    await sendWithRetries({ clock, deadline: clock.now() - 1, policy, log: silent, label: 'GET' }, async (t) => {
      timeouts.push(t)
      return answer(200)
    })
    expect(timeouts).toEqual([10_000, 2_000])
  })
})
