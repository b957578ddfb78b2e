import { describe, expect, it } from '@jest/globals'
import { MAX_SUMMARY_BYTES, renderJobSummary, summaryHeading, type SummaryView } from '../src/report/job-summary.js'

const view = (extra: Partial<SummaryView> = {}): SummaryView => ({
  result: 'succeeded',
  target: 'offer contoso/contoso-offer',
  api: 'Cloud Partner Portal API',
  reason: 'The go-live finished with status succeeded.',
  runMs: 4000,
  links: [],
  steps: [],
  details: [],
  notes: [],
  ...extra
})

const firstHeading = (html: string) => /<h2>(.*?)<\/h2>/.exec(html)?.[1]

describe('job summary', () => {
  it.each([
    ['succeeded', undefined, /^✅ offer contoso\/contoso-offer is live$/],
    ['failed', 'Certification', /^❌ .* failed at step Certification$/],
    ['failed', undefined, /^❌ .* failed$/],
    ['canceled', undefined, /^⏹ .* canceled$/],
    ['timed-out', undefined, /^⏳ .* still running$/],
    ['running', undefined, /^⏳ .* still running$/],
    ['started', undefined, /^🚀 .* started$/],
    ['ready', undefined, /^✅ Dry run: .* is ready to go live$/],
    ['not-ready', undefined, /^⛔ Dry run: .* is not ready to go live$/],
    [undefined, undefined, /^⏹ .*the workflow run was cancelled$/]
  ] as const)('opens with a heading naming the outcome: %s', (result, failedStep, heading) => {
    const html = renderJobSummary(view({ result, failedStep }))
    expect(html.startsWith('<h2>')).toBe(true)
    expect(firstHeading(html)).toMatch(heading)
  })

  it('says a failed or stopped dry run is the dry run, not a go-live', () => {
    expect(summaryHeading({ result: 'failed', target: 'offer a/b', dryRun: true })).toBe(
      '❌ Dry run of offer a/b failed'
    )
    expect(summaryHeading({ target: 'offer a/b', dryRun: true })).toMatch(/^⏹ Dry run of offer a\/b stopped/)
  })

  it('counts time from the operation start when known, beside this run', () => {
    const html = renderJobSummary(view({ operationMs: 3 * 86_400_000, runMs: 4000, followedExisting: true }))
    expect(html).toContain(
      'Went live after 3d 0h from its own start; this run: 4s (it followed an operation already under way).'
    )
    expect(renderJobSummary(view())).toContain('This run: 4s.')
  })

  it('keeps API text as text: step names, links and the heading', () => {
    const hostile = 'x\r<img src=https://a.example/i.png> [l](https://a.example) <a href="https://a.example">b</a>'
    const html = renderJobSummary(
      view({
        result: 'failed',
        target: `offer ${hostile}`,
        failedStep: hostile,
        reason: hostile,
        links: [
          { label: hostile, url: 'javascript:alert(1)' },
          { label: 'Listing', url: 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer' }
        ],
        steps: [{ name: hostile, status: hostile, message: hostile }],
        details: [['Operation', hostile]]
      })
    )
    expect(html).not.toMatch(/<img|<a href="https:\/\/a\.example|javascript:|\r/)
    expect(html).toContain(
      '<a href="https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer">Listing</a>'
    )
  })

  it('keeps a snippet copyable: indentation and lines kept, escaped', () => {
    const yaml = 'with:\n  operation-location: https://x.example/a?b=1&c=2\n  on-timeout: warn'
    const html = renderJobSummary(view({ result: 'timed-out', snippet: { intro: 'Resume it with:', yaml } }))
    expect(html).toContain(
      '<pre lang="yaml"><code>with:\n  operation-location: https://x.example/a?b=1&amp;c=2\n  on-timeout: warn</code></pre>'
    )
  })

  it('stays under the runner limit with huge steps, saying what it left out', () => {
    const huge = 'n'.repeat(500_000)
    const steps = Array.from({ length: 50 }, () => ({ name: huge, status: huge, message: huge }))
    const html = renderJobSummary(view({ steps }))
    expect(Buffer.byteLength(html)).toBeLessThan(MAX_SUMMARY_BYTES)
    expect(summaryHeading({ result: 'succeeded', target: huge }).length).toBeLessThan(1000)
  })
})
