import { describe, expect, it, jest } from '@jest/globals'
import { FakeClock } from '../__fixtures__/clock.js'
import type { OperationSnapshot, OperationStatus } from '../src/model/status.js'
import { ApiError } from '../src/model/errors.js'
import { waitForOperation } from '../src/flow/wait-for-operation.js'

const snap = (status: OperationStatus, extra: Partial<OperationSnapshot> = {}): OperationSnapshot => ({
  status,
  rawStatus: status,
  document: { status },
  steps: [],
  ...extra
})

const transient = (error: unknown): boolean => error instanceof ApiError && error.transient
const HOUR = 3_600_000

describe('waitForOperation', () => {
  it('polls until the operation succeeds, once per interval', async () => {
    const clock = new FakeClock()
    const statuses: OperationStatus[] = ['notStarted', 'running', 'running', 'succeeded']
    const poll = jest.fn(async () => snap(statuses.shift()!))
    const result = await waitForOperation({
      poll,
      clock,
      pollIntervalMs: 60_000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(result.outcome).toBe('succeeded')
    expect(poll).toHaveBeenCalledTimes(4)
    expect(clock.sleeps).toEqual([60_000, 60_000, 60_000])
    expect(result.elapsedMs).toBe(180_000)
  })

  it('tells each snapshot the pause it really takes next: Retry-After, the deadline, none after the last', async () => {
    const clock = new FakeClock()
    const snapshots = [snap('running', { retryAfterMs: 90_000 }), snap('running'), snap('running'), snap('succeeded')]
    const told: (number | undefined)[] = []
    await waitForOperation({
      poll: async () => snapshots.shift()!,
      clock,
      pollIntervalMs: 60_000,
      deadline: clock.now() + 200_000,
      isTransient: transient,
      onSnapshot: (_, { nextCheckMs }) => told.push(nextCheckMs)
    })
    expect(told).toEqual([90_000, 60_000, 50_000, undefined])
    expect(clock.sleeps).toEqual([90_000, 60_000, 50_000])
  })

  it.each(['failed', 'canceled'] as const)('ends with %s', async (status) => {
    const clock = new FakeClock()
    const result = await waitForOperation({
      poll: async () => snap(status),
      clock,
      pollIntervalMs: 1000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(result.outcome).toBe(status)
    expect(result.snapshot?.status).toBe(status)
  })

  it('reports timed-out when the deadline passes first, after one last poll at the deadline', async () => {
    const clock = new FakeClock()
    const poll = jest.fn(async () => snap('running'))
    const result = await waitForOperation({
      poll,
      clock,
      pollIntervalMs: 25 * 60_000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(result.outcome).toBe('timed-out')
    expect(clock.sleeps).toEqual([25 * 60_000, 25 * 60_000, 10 * 60_000])
    expect(poll).toHaveBeenCalledTimes(4)
    expect(result.elapsedMs).toBe(HOUR)
  })

  it("lets the server's Retry-After win over the interval", async () => {
    const clock = new FakeClock()
    const statuses = [snap('running', { retryAfterMs: 5000 }), snap('running'), snap('succeeded')]
    await waitForOperation({
      poll: async () => statuses.shift()!,
      clock,
      pollIntervalMs: 60_000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(clock.sleeps).toEqual([5000, 60_000])
  })

  it('polls through transient failures and reports them', async () => {
    const clock = new FakeClock()
    const failure = new ApiError({ method: 'GET', url: 'https://x/op', status: 503, transient: true })
    const answers: (OperationSnapshot | Error)[] = [failure, failure, snap('succeeded')]
    const onTransientError = jest.fn()
    const result = await waitForOperation({
      poll: async () => {
        const next = answers.shift()!
        if (next instanceof Error) throw next
        return next
      },
      clock,
      pollIntervalMs: 1000,
      deadline: clock.now() + HOUR,
      isTransient: transient,
      onTransientError
    })
    expect(result.outcome).toBe('succeeded')
    expect(onTransientError).toHaveBeenCalledTimes(2)
  })

  it('keeps the last transient failure when time runs out while failing', async () => {
    const clock = new FakeClock()
    const failure = new ApiError({ method: 'GET', url: 'https://x/op', status: 502, transient: true })
    const result = await waitForOperation({
      poll: async () => {
        throw failure
      },
      clock,
      pollIntervalMs: 60_000,
      deadline: clock.now() + 5 * 60_000,
      isTransient: transient
    })
    expect(result.outcome).toBe('timed-out')
    expect(result.lastError).toBe(failure)
  })

  it('throws a failure that is not transient', async () => {
    const clock = new FakeClock()
    const failure = new ApiError({ method: 'GET', url: 'https://x/op', status: 401, transient: false })
    await expect(
      waitForOperation({
        poll: async () => Promise.reject(failure),
        clock,
        pollIntervalMs: 1000,
        deadline: clock.now() + HOUR,
        isTransient: transient
      })
    ).rejects.toBe(failure)
  })

  it('stops at once when aborted', async () => {
    const clock = new FakeClock()
    const controller = new AbortController()
    let polls = 0
    const result = await waitForOperation({
      poll: async () => {
        if (++polls === 2) controller.abort()
        return snap('running')
      },
      clock,
      pollIntervalMs: 1000,
      deadline: clock.now() + HOUR,
      signal: controller.signal,
      isTransient: transient
    })
    expect(result.outcome).toBe('aborted')
    expect(polls).toBe(2)
  })

  it('runs a two-day wait at a one-minute interval in 2881 polls', async () => {
    const clock = new FakeClock()
    const result = await waitForOperation({
      poll: async () => snap('running'),
      clock,
      pollIntervalMs: 60_000,
      deadline: clock.now() + 48 * HOUR,
      isTransient: transient
    })
    expect(result.outcome).toBe('timed-out')
    expect(result.polls).toBe(2881)
  })
})

describe('poll cadence', () => {
  it('counts the interval from the start of each poll, so slow answers do not add drift', async () => {
    const clock = new FakeClock()
    const statuses: OperationStatus[] = ['running', 'running', 'succeeded']
    const started: number[] = []
    await waitForOperation({
      poll: async () => {
        started.push(clock.now())
        clock.advance(300) // each answer takes 300 ms
        return snap(statuses.shift()!)
      },
      clock,
      pollIntervalMs: 1000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(started.map((t) => t - started[0])).toEqual([0, 1000, 2000])
    expect(clock.sleeps).toEqual([700, 700])
  })

  it('waits a full interval after a poll that overran it (its retries waited), not zero', async () => {
    const clock = new FakeClock()
    const took = [1500, 10, 10]
    const statuses: OperationStatus[] = ['running', 'running', 'succeeded']
    await waitForOperation({
      poll: async () => {
        clock.advance(took.shift()!)
        return snap(statuses.shift()!)
      },
      clock,
      pollIntervalMs: 1000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(clock.sleeps).toEqual([1000, 990])
  })
})

describe('pauses the server asks for', () => {
  it('never pauses less than a second, whatever Retry-After says', async () => {
    const clock = new FakeClock()
    const answers = [snap('running', { retryAfterMs: 0 }), snap('running', { retryAfterMs: 200 }), snap('succeeded')]
    await waitForOperation({
      poll: async () => answers.shift()!,
      clock,
      pollIntervalMs: 60_000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(clock.sleeps).toEqual([1000, 1000])
  })

  it('waits before the first poll when the start answer asked for it', async () => {
    const clock = new FakeClock()
    await waitForOperation({
      poll: async () => snap('succeeded'),
      clock,
      pollIntervalMs: 60_000,
      firstPollAfterMs: 5000,
      deadline: clock.now() + HOUR,
      isTransient: transient
    })
    expect(clock.sleeps).toEqual([5000])
  })
})
