import { describe, expect, it } from '@jest/globals'
import { defuseLegacyCommands, escapeHtml, htmlToText, stripControl } from '../src/text.js'

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

describe('defuseLegacyCommands', () => {
  it('breaks the ##[ form anywhere in a line', () => {
    const out = defuseLegacyCommands('x ##[set-output name=result]pwned')
    expect(out).not.toContain('##[')
    expect(out).toContain('set-output name=result]pwned')
  })
  it('removes terminal escapes', () => {
    expect(stripControl('\u001b[31mred\u001b[0m\u0007')).toBe('red')
  })
})
