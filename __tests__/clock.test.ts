import { describe, expect, it } from '@jest/globals'
import { systemClock } from '../src/base/clock.js'

describe('systemClock.sleep', () => {
  it('sleeps past the 24.8-day timer limit instead of firing at once', async () => {
    const controller = new AbortController()
    let done = false
    const sleeping = systemClock.sleep(2 ** 31 + 60_000, controller.signal).then(() => (done = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(done).toBe(false)
    controller.abort()
    await sleeping
    expect(done).toBe(true)
  })

  it('resolves early when aborted', async () => {
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(), 20)
    await systemClock.sleep(60_000, controller.signal)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
