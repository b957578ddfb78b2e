import { describe, expect, it } from '@jest/globals'
import {
  withoutTrailingStop,
  escapeHtml,
  htmlToText,
  oneLine,
  safeLine,
  safeText,
  stripControl,
  summaryText,
  redactAndCut
} from '../src/base/text.js'
import { boundedJson } from '../src/base/json.js'

describe('htmlToText', () => {
  it('drops tags and decodes entities', () => {
    expect(htmlToText('Step <b>completed</b>.<br/>See &lt;docs&gt; &amp; more&#33;')).toBe(
      'Step completed. See <docs> & more!'
    )
  })
  it('folds whitespace to one line', () => {
    expect(htmlToText('a\n\n  b\r\nc')).toBe('a b c')
  })
})

describe('escapeHtml', () => {
  it('escapes markup and table pipes', () => {
    expect(escapeHtml('<script>alert(1)</script> | x & "y"')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &#124; x &amp; &quot;y&quot;'
    )
  })
})

describe('safeText', () => {
  it('breaks the ##[ form anywhere in a line', () => {
    const out = safeText('x ##[set-output name=result]pwned')
    expect(out).not.toContain('##[')
    expect(out).toContain('set-output name=result]pwned')
  })
  it('removes terminal escapes', () => {
    expect(stripControl('\u001b[31mred\u001b[0m\u0007')).toBe('red')
  })
})

describe('summaryText', () => {
  it('turns every line break, a lone CR too, into a space so no text can end the HTML block', () => {
    const hostile = 'Certification\r\r![img](https://evil.example/x.png)\n\n[click](https://evil.example)\u2028x'
    const out = summaryText(hostile, 500)
    expect(out).not.toMatch(/[\r\n\u2028]/)
    expect(out).toBe('Certification  ![img](https://evil.example/x.png)  [click](https://evil.example) x')
  })
  it('escapes markup and bounds the field', () => {
    expect(summaryText('<b>x</b>', 100)).toBe('&lt;b&gt;x&lt;/b&gt;')
    expect(summaryText('a'.repeat(1000), 10)).toBe(`${'a'.repeat(9)}…`)
  })
  it('escapes a lone CR even through escapeHtml alone', () => {
    expect(escapeHtml('a\rb')).toBe('a<br>b')
  })
})

describe('stripControl and oneLine', () => {
  it('removes CSI, OSC and C1 sequences and bidirectional overrides', () => {
    expect(stripControl('\u001b]8;;https://evil\u0007link\u001b]8;;\u0007 \u009b2J \u202eabc')).toBe('link 2J abc')
  })
  it('keeps line breaks as LF, or makes them spaces', () => {
    expect(stripControl('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd')
    expect(oneLine('a\r\nb\rc\td')).toBe('a b c d')
  })
})

describe('safeLine', () => {
  it('bounds a runaway line', () => {
    expect(safeLine('x'.repeat(100_000)).length).toBeLessThanOrEqual(4000)
  })
})

describe('hostile text in bounded time', () => {
  it('handles a megabyte of `<` and of trailing spaces quickly', () => {
    const started = Date.now()
    htmlToText('<'.repeat(1_000_000))
    withoutTrailingStop(`${' '.repeat(1_000_000)}x`)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(withoutTrailingStop('Done. . ')).toBe('Done')
  })
})

describe('redactAndCut', () => {
  it('never splits a surrogate pair', () => {
    expect(redactAndCut('ab😀cd', 4)).toBe('ab…')
  })
})

describe('boundedJson', () => {
  it('serialises a normal document compactly', () => {
    expect(boundedJson({ a: [1, { b: 'c' }] }, 64, 1000)).toBe('{"a":[1,{"b":"c"}]}')
  })
  it('gives up on a document thousands of levels deep instead of overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}1${']'.repeat(50_000)}`) as unknown
    expect(boundedJson(deep, 64, 1_000_000)).toBeUndefined()
  })
  it('gives up on a document longer than the bound', () => {
    expect(boundedJson({ a: 'x'.repeat(100) }, 64, 50)).toBeUndefined()
  })
})

describe('secrets are replaced before text is cut', () => {
  it('never leaves the head of a long secret when a line is shortened', async () => {
    const { registerSecret, redactAndCut } = await import('../src/base/text.js')
    const { outputValues } = await import('../src/report/outputs.js')
    const secret = `sEcReT-${'k'.repeat(140)}`
    registerSecret(secret)
    expect(redactAndCut(`operation running ${secret} and more`, 60)).toBe('operation running *** and more')
    expect(redactAndCut(`${'x'.repeat(20)}${secret}`, 40)).not.toContain('sEcReT')
    const values = Object.fromEntries(
      outputValues({ operationStatus: `running ${secret}`, operation: { status: secret } })
    )
    expect(values['operation-status']).toBe('running ***')
    expect(values.operation).toBe('{"status":"***"}')
  })
})
