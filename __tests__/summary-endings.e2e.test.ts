/**
 * End to end, how a job summary ends a go-live that did not go live: Partner Center linked instead
 * of a listing that may not exist, the failed step's own message in its row and the API's error
 * as `message (code X)`, and a heading that says a cancellation was accepted (with the status the
 * operation last reported) when the operation was not seen to end canceled. run() in process.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import { cppInputs, failureOf, summaryHeading, useSimulators, type Sim } from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 4000 }, { clock })

const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const PARTNER_CENTER = 'https://partner.microsoft.com/dashboard/commercial-marketplace/overview'
const STEP_MESSAGE = 'Certification failed: the offer does not meet the marketplace certification policies'

const piInputs = (sim: Sim, extra: Record<string, string> = {}): Record<string, string> => ({
  api: 'product-ingestion',
  'product-id': PRODUCT,
  token: 'sim-token',
  'base-url': `${sim.url}/rp/product-ingestion`,
  timeout: '20s',
  'poll-interval': '1s',
  ...extra
})

/** The cells of the summary's step row named `step`. */
const rowOf = (summary: string, step: string): string[] => {
  const row = new RegExp(`<tr><td>${step}</td>(.*?)</tr>`).exec(summary)?.[1] ?? ''
  return [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1])
}

describe('a go-live that failed', () => {
  it('links Partner Center, not a Marketplace listing a new offer does not have', async () => {
    const sim = await simulator({ finalStatus: 'failed' })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(run.summary).toContain(`<a href="${PARTNER_CENTER}">Partner Center</a>`)
    expect(run.summary).not.toContain('Marketplace listing')
    // The url output keeps its contract: the listing's address.
    expect(run.outputs.url).toBe('https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer')
  })

  it('a Product Ingestion one links its Partner Center page, the url output', async () => {
    const sim = await simulator({ jobResult: 'failed' })
    const run = await runAction({ inputs: piInputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(run.summary).toContain(`<a href="${run.outputs.url}">Partner Center</a>`)
    expect(run.outputs.url).toMatch(/^https:\/\/partner\.microsoft\.com\/.*a8a1f1b4/)
  })

  it("shows the failed step's message in its row, and the API's error as message (code X)", async () => {
    const sim = await simulator({ finalStatus: 'failed' })
    const run = await runAction({ inputs: cppInputs(sim) })
    const [status, , , latest] = rowOf(run.summary, 'Certification')
    expect(status).toBe('failed')
    expect(latest).toContain(STEP_MESSAGE)
    // Said once in the summary: in the row, not again in the reason.
    expect(run.summary.split(STEP_MESSAGE)).toHaveLength(2)
    expect(run.summary).toContain('The offer failed certification (code CertificationFailed)')
    const failure = failureOf(run.stdout)
    expect(failure).toContain('The offer failed certification (code CertificationFailed); ' + STEP_MESSAGE)
    expect(failure).not.toContain('CertificationFailed The offer')
  })
})

describe('a go-live whose cancellation was accepted', () => {
  it('says the cancellation was accepted and what the operation last reported, not that it is canceled', async () => {
    const sim = await simulator({ operationMs: 24 * 3_600_000 })
    let signalled = false
    const run = await runAction({
      inputs: cppInputs(sim, { timeout: '1h', 'poll-interval': '1m', 'on-cancel': 'cancel' }),
      onStdout: (stdout) => {
        if (signalled || !/Validate Pre-Requisites: inProgress/.test(stdout)) return
        signalled = true
        setImmediate(() => process.emit('SIGINT'))
      }
    })
    expect(signalled).toBe(true)
    expect(run.outputs.result).toBe('canceled')
    expect(run.outputs['operation-status']).toBe('running')
    expect(summaryHeading(run.summary)).toBe(
      "⏹ Cancellation of the go-live of offer contoso/contoso-offer accepted; it last reported 'running'"
    )
    expect(run.summary).toContain(`<a href="${PARTNER_CENTER}">Partner Center</a>`)
  })

  it('says canceled once the operation reports it', async () => {
    const sim = await simulator({ operationMs: 24 * 3_600_000 })
    const run = await runAction({ inputs: cppInputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.outputs.result).toBe('canceled')
    expect(summaryHeading(run.summary)).toBe('⏹ Go-live of offer contoso/contoso-offer canceled')
  })
})
