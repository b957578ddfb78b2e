import { describe, expect, it } from '@jest/globals'
import { systemClock } from '../src/base/clock.js'

describe('systemClock.sleep', () => {
  it('sleeps past the 24.8-day timer limit instead of firing at once', async () => {
    const controller = new AbortController()
    let done = false
    const sleeping = systemClock.sleep(2 ** 31 + 60_000, controller.signal).then(() => (done = true))
    // A delay past the limit would fire after 1 ms, before this one.
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(done).toBe(false)
    controller.abort()
    await sleeping
    expect(done).toBe(true)
  })

  it('resolves early when aborted', async () => {
    const controller = new AbortController()
    const started = Date.now()
    setImmediate(() => controller.abort())
    await systemClock.sleep(60_000, controller.signal)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
