/**
 * The in-process harness itself: its fake @actions/core prints exactly what @actions/core prints,
 * and a run leaves the test process as it found it (environment, signal listeners, exit code).
 */
import * as core from '@actions/core'
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeClock } from '../__fixtures__/clock.js'

// Imported after @actions/core: this file compares the real module with the fake the harness mocks it with.
let harness: typeof import('../__fixtures__/action-in-process.js')
beforeAll(async () => {
  harness = await import('../__fixtures__/action-in-process.js')
})

/** What the real @actions/core writes to stdout for `use`, with GITHUB_OUTPUT unset. */
function realCoreWrites(use: (c: typeof core) => void): string {
  const write = process.stdout.write
  const exitCode = process.exitCode
  const output = process.env.GITHUB_OUTPUT
  delete process.env.GITHUB_OUTPUT
  let written = ''
  process.stdout.write = ((chunk: string) => {
    written += chunk
    return true
  }) as typeof process.stdout.write
  try {
    use(core)
  } finally {
    process.stdout.write = write
    process.exitCode = exitCode
    if (output !== undefined) process.env.GITHUB_OUTPUT = output
  }
  return written
}

async function fakeCoreWrites(use: (c: typeof core) => void): Promise<string> {
  const run = await harness.withinRun(() => use(harness.fakeCore as unknown as typeof core), { GITHUB_OUTPUT: '' })
  return run.stdout
}

describe('the fake @actions/core', () => {
  it.each<[string, (c: typeof core) => void]>([
    ['info', (c) => c.info('plain %25 line, :: and ##[x] kept')],
    ['debug', (c) => c.debug('50% done\r\nnext line ::error::x')],
    [
      'warning with properties',
      (c) =>
        c.warning('careful\nnow', {
          title: 'a: b, c%',
          file: 'src/x.ts',
          startLine: 3,
          endLine: 4,
          startColumn: 1,
          endColumn: 2
        })
    ],
    ['error of an Error', (c) => c.error(new Error('broken % thing'))],
    ['notice', (c) => c.notice('fyi')],
    ['setSecret', (c) => c.setSecret('p%ss\r\nword')],
    ['groups', (c) => (c.startGroup('g:1'), c.endGroup())],
    ['command echo', (c) => c.setCommandEcho(true)],
    ['setOutput without GITHUB_OUTPUT', (c) => c.setOutput('name', { a: 'b\nc' })],
    ['setFailed', (c) => c.setFailed('failed: 100%\nsee log')]
  ])('writes what @actions/core writes: %s', async (_, use) => {
    const expected = realCoreWrites(use)
    expect(expected).not.toBe('')
    expect(await fakeCoreWrites(use)).toBe(expected)
  })

  it('reads inputs as @actions/core does', async () => {
    const inputs = { 'INPUT_PUBLISHER-ID': '  contoso  ', INPUT_MY_NAME: 'x', INPUT_FLAG: 'True', INPUT_BAD: 'yes' }
    const read = (c: typeof core) => [
      c.getInput('publisher-id'),
      c.getInput('Publisher-Id', { trimWhitespace: false }),
      c.getInput('my name'),
      c.getInput('absent'),
      c.getBooleanInput('flag'),
      (() => {
        try {
          return c.getBooleanInput('bad')
        } catch (error) {
          return (error as Error).message
        }
      })(),
      (() => {
        try {
          return c.getInput('absent', { required: true })
        } catch (error) {
          return (error as Error).message
        }
      })()
    ]
    Object.assign(process.env, inputs)
    let expected: unknown[]
    try {
      expected = read(core)
    } finally {
      for (const name of Object.keys(inputs)) delete process.env[name]
    }
    let actual: unknown[] = []
    await harness.withinRun(() => (actual = read(harness.fakeCore as unknown as typeof core)), inputs)
    expect(actual).toEqual(expected)
  })

  it('records outputs, the summary, secrets and a failure, and merges direct stdout writes in order', async () => {
    const run = await harness.withinRun(async () => {
      process.stdout.write('first\n')
      harness.fakeCore.info('second')
      process.stdout.write('third\n')
      harness.fakeCore.setOutput('result', 'succeeded')
      harness.fakeCore.setSecret('s3cret')
      await harness.fakeCore.summary.addRaw('<p>done</p>').write()
      harness.fakeCore.setFailed('no')
    })
    expect(run.stdout).toBe('first\nsecond\nthird\n::add-mask::s3cret\n::error::no\n')
    expect(run.outputs).toEqual({ result: 'succeeded' })
    expect(run.summary).toBe('<p>done</p>')
    expect(run.secrets).toEqual(['s3cret'])
    expect(run.failed).toBe(true)
  })
})

describe('a run in process', () => {
  const before = { INPUT_TOKEN: 'from-the-shell', RUNNER_DEBUG: '1' }
  afterEach(() => {
    for (const name of Object.keys(before)) delete process.env[name]
  })

  it('sees only its own environment and leaves the process as it found it', async () => {
    Object.assign(process.env, before)
    const listeners = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]
    const exitCode = process.exitCode
    const clock = new FakeClock(Date.now())
    for (let i = 0; i < 12; i++) {
      const run = await harness.runInProcess({
        clock,
        inputs: { 'publisher-id': 'contoso', 'offer-id': 'contoso-offer', 'base-url': 'http://127.0.0.1:9' }
      })
      // The shell's INPUT_TOKEN is not the run's: the token input is missing.
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/::error::Input 'token'/)
    }
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners)
    expect(process.exitCode).toBe(exitCode)
    expect(process.env.INPUT_TOKEN).toBe('from-the-shell')
    expect(process.env.RUNNER_DEBUG).toBe('1')
    expect(Object.keys(process.env).filter((name) => name.startsWith('INPUT_'))).toEqual(['INPUT_TOKEN'])
  })
})
