/**
 * The simulator's server (sim/server.js, sim/cli.js): request records, binding and closing, and the
 * command line.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { SimOptionsPatch, Simulator } from '../sim/index.js'
import { useSimulators } from '../__fixtures__/simulators.js'
import { AUTH, V, OFFER, SIM_EPOCH, call, get } from '../__fixtures__/simulator-http.js'

let clock = 0
const startOnClock = useSimulators({ now: () => clock })

/** Starts a simulator on a fake clock (unless `now` is given); it is closed after the test. */
async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = SIM_EPOCH
  return startOnClock(options)
}

describe('bookkeeping', () => {
  it('records every request with raw path, decoded query, lower-cased headers, body and clock time', async () => {
    const s = await start()
    await call(s, 'POST', `${OFFER}/cancel?${V}&note=a%20b`, {
      headers: { ...AUTH, 'X-Trace': 'T1' },
      body: '{"metadata":{}}'
    })
    clock += 42
    await get(s, '/nowhere')
    expect(s.requests[0]).toMatchObject({
      method: 'POST',
      path: `${OFFER}/cancel`,
      query: { 'api-version': '2017-10-31', note: 'a b' },
      body: '{"metadata":{}}',
      at: Date.parse('2025-03-01T12:00:00Z'),
      status: 202
    })
    expect(s.requests[0].headers['x-trace']).toBe('T1')
    expect(s.requests[1]).toMatchObject({
      method: 'GET',
      path: '/nowhere',
      at: Date.parse('2025-03-01T12:00:00Z') + 42,
      status: 404
    })
    expect(s.count()).toBe(2)
    expect(s.count((r) => r.method === 'GET')).toBe(1)
    expect(s.count({ path: /cancel$/ })).toBe(1)
  })

  it('binds to 127.0.0.1 on an ephemeral port and closes with open keep-alive connections', async () => {
    const s = await start()
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await get(s, '/_sim/health')).json).toEqual({ ok: true })
    const t0 = Date.now()
    await s.close()
    expect(Date.now() - t0).toBeLessThan(500)
    await expect(fetch(`${s.url}/_sim/health`)).rejects.toThrow()
  })

  it('runs from the CLI, prints its URL and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../sim/cli.js', import.meta.url))
    const child = spawn(process.execPath, [cli, '--options', '{"operationMs":100}'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve))
    const match = /^simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)
    expect(match).not.toBeNull()
    const res = await fetch(`${match?.[1]}${OFFER}/golive?${V}`, { method: 'POST', headers: AUTH })
    expect(res.status).toBe(202)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
