import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../src/base/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['45m', 2_700_000],
    ['6h', 21_600_000],
    ['2d', 172_800_000],
    ['30', 1_800_000],
    [' 1.5h ', 5_400_000],
    ['250ms', 250],
    ['10M', 600_000]
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', 'soon', '-5m', '5 minutes', '1w', '1h30m', 'm'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })
})

describe('formatDuration', () => {
  it.each([
    [500, '500ms'],
    [45_000, '45s'],
    [725_000, '12m 05s'],
    [10_920_000, '3h 02m'],
    [187_200_000, '2d 4h']
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
