/**
 * `npm run demo -- --help` prints how to run the demo and its scenarios, and starts nothing; an
 * argument it does not know is refused with the same help, not taken for the default scenario.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const demo = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/demo.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 })

describe('npm run demo', () => {
  it.each(['--help', '-h'])('%s prints the usage and every scenario, and runs nothing', (flag) => {
    const run = demo(flag)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Usage: npm run demo \[-- --scenario NAME\]/)
    for (const scenario of ['golive (default)', 'failed', 'timeout-resume', 'cancel', 'product-ingestion', 'follow']) {
      expect(run.stdout).toContain(`  ${scenario} `)
    }
    expect(run.stdout).not.toContain('Simulator of the Marketplace')
  })

  it('refuses an argument it does not know, with the usage', () => {
    const run = demo('--scenaro', 'failed')
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("Unknown argument '--scenaro'")
    expect(run.stderr).toContain('Usage: npm run demo')
    expect(run.stdout).not.toContain('Simulator of the Marketplace')
  })
})
