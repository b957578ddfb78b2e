/** A clock whose sleeps advance time at once, so hour-long waits run in milliseconds. */
import type { Clock } from '../src/base/clock.js'

export class FakeClock implements Clock {
  readonly sleeps: number[] = []

  constructor(private time = 1_700_000_000_000) {}

  now(): number {
    return this.time
  }

  advance(ms: number): void {
    this.time += ms
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return
    this.sleeps.push(ms)
    this.time += Math.max(0, ms)
  }
}
