/**
 * End to end: outputs that cannot be written (GITHUB_OUTPUT a directory, or a file that is not
 * there) fail the step, after the log, the summary and the annotations have said the go-live's
 * own result, with a message naming the outputs lost, their values and why. run() in process.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import { cppInputs, summaryHeading, useSimulators, visibleLog, workflowCommands } from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 1500 }, { clock })

const errors = (stdout: string) =>
  workflowCommands(stdout)
    .filter((c) => c.name === 'error')
    .map((c) => c.data)

describe('outputs that cannot be written', () => {
  it.each([
    ['a directory', () => mkdtempSync(join(tmpdir(), 'go-live-output-')), /is not a regular file/],
    ['a file that is not there', () => join(mkdtempSync(join(tmpdir(), 'go-live-output-')), 'gone'), /Missing file/]
  ])('fail the step when GITHUB_OUTPUT is %s, after the result was said', async (_name, path, reason) => {
    const sim = await simulator()
    const run = await runAction({ inputs: cppInputs(sim), env: { GITHUB_OUTPUT: path() } })
    expect(run.code).toBe(1)
    // The go-live's own result: in the log, before the failure, and in the summary.
    const log = visibleLog(run.stdout)
    const said = log.indexOf('Succeeded: offer contoso/contoso-offer went live')
    const lost = log.indexOf('Could not write the step outputs')
    expect(said).toBeGreaterThanOrEqual(0)
    expect(lost).toBeGreaterThan(said)
    expect(summaryHeading(run.summary)).toBe('✅ offer contoso/contoso-offer is live')
    // One failure: which outputs, their values and why.
    const [failure, ...more] = errors(run.stdout)
    expect(more).toEqual([])
    expect(failure).toMatch(reason)
    expect(failure).toContain('Lost: result=succeeded, operation-location=http')
    expect(failure).toContain(sim.operations[0].id)
    expect(failure).toMatch(
      /operation-status=succeeded, operation \(the operation document, \d+ characters\), url=https/
    )
    expect(workflowCommands(run.stdout).filter((c) => c.name === 'warning')).toEqual([])
  })

  it('fail a failed go-live too, keeping its own failure first', async () => {
    const sim = await simulator({ finalStatus: 'failed' })
    const directory = mkdtempSync(join(tmpdir(), 'go-live-output-'))
    const run = await runAction({ inputs: cppInputs(sim), env: { GITHUB_OUTPUT: directory } })
    expect(run.code).toBe(1)
    const [goLive, outputs] = errors(run.stdout)
    expect(goLive).toMatch(/^The go-live of offer contoso\/contoso-offer failed/)
    expect(outputs).toMatch(/^Could not write the step outputs .*Lost: result=failed/)
  })
})
