import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { beginRun, debug, getInput, info, infoInsideFence, setSecret, warning } from '../src/runner/port.js'

// The real @actions/core under the port: what reaches stdout is what the runner reads.
describe('the runner port', () => {
  let written: string[]
  beforeEach(() => {
    written = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('escapes data as @actions/core does, line breaks of any kind made LF', () => {
    debug('100% done\r\nnext line\rlast')
    expect(written).toEqual(['::debug::100%25 done%0Anext line%0Alast\n'])
  })

  it('keeps a plain line one line, whatever it holds', () => {
    info('status done\n::set-output name=result::pwned\r::error::x')
    expect(written).toEqual(['status done ::set-output name=result::pwned ::error::x\n'])
  })

  it('shows ##[ as it is on a line inside a fence, still one line and without control characters', () => {
    infoInsideFence('see ##[error]x\n::error::y\u001b[31m')
    expect(written).toEqual(['see ##[error]x ::error::y\n'])
  })

  it('strips terminal escapes from debug lines, warnings and plain lines', () => {
    debug('\u001b[2J\u001b]0;title\u0007status \u001b[31mred\u001b[0m')
    warning('\u009b31mwarn\u0007')
    info('\u001b[1Abold\u202e')
    expect(written).toEqual(['::debug::status red\n', '::warning::31mwarn\n', 'bold\n'])
  })

  it('breaks up the legacy ##[ form in debug lines and warnings', () => {
    debug('status ##[error]pwned')
    warning('x ##[set-output name=a]b')
    expect(written.join('')).not.toContain('##[')
  })

  it('masks with add-mask', () => {
    setSecret('s3cret')
    expect(written).toEqual(['::add-mask::s3cret\n'])
  })

  it('registers a mask verbatim, escaped only as the runner unescapes it', () => {
    setSecret('tok##[en%x\n')
    expect(written).toEqual(['::add-mask::tok##[en%25x%0A\n'])
  })

  it('never prints a registered secret itself, even where its text would be altered', () => {
    setSecret('abc##[def')
    written = []
    info('echoed abc##[def back')
    debug('debug abc##[def')
    warning('x abc##[def\u0007')
    expect(written.join('')).not.toContain('abc')
    expect(written).toEqual(['echoed *** back\n', '::debug::debug ***\n', '::warning::x ***\n'])
  })

  it('starts a run with none of the secrets of the run before', () => {
    setSecret('earlier-token')
    info('before: earlier-token')
    beginRun()
    info('after: earlier-token')
    expect(written.slice(1)).toEqual(['before: ***\n', 'after: earlier-token\n'])
  })

  it('reads INPUT_ variables as the runner names them, trimmed', () => {
    process.env['INPUT_PUBLISHER-ID'] = '  contoso '
    expect(getInput('publisher-id')).toBe('contoso')
    expect(getInput('offer-id')).toBe('')
    delete process.env['INPUT_PUBLISHER-ID']
  })
})
