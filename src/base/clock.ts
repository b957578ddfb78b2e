/** Time, injectable: the wait loop and retries run in milliseconds in tests with a fake clock. */
export interface Clock {
  now(): number
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** setTimeout's limit (about 24.8 days); longer delays fire at once, so they are slept in parts. */
const MAX_TIMER_MS = 2 ** 31 - 1

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve()
      const until = Date.now() + ms
      let timer: NodeJS.Timeout
      const done = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const arm = (): void => {
        const left = until - Date.now()
        if (left <= 0) return done()
        timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS))
      }
      signal?.addEventListener('abort', done, { once: true })
      arm()
    })
}
