import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { debug, getInput, setSecret, warning } from '../src/workflow-commands.js'

describe('workflow commands', () => {
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

  it('escapes data exactly as @actions/core does', () => {
    debug('100% done\r\nnext line')
    expect(written).toEqual(['::debug::100%25 done%0D%0Anext line\n'])
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

  it('reads INPUT_ variables as the runner names them, trimmed', () => {
    process.env['INPUT_PUBLISHER-ID'] = '  contoso '
    expect(getInput('publisher-id')).toBe('contoso')
    expect(getInput('offer-id')).toBe('')
    delete process.env['INPUT_PUBLISHER-ID']
  })
})
