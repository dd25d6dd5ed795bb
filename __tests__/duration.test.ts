import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../src/common/duration.js'

describe('parseDuration', () => {
  it.each([
    ['90', 90_000],
    [' 90 ', 90_000],
    ['0', 0],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h30m15s', 5_415_000],
    ['2m15s', 135_000],
    ['500ms', 500],
    ['1s500ms', 1_500]
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', ' ', '10 m', '1.5h', '-1', 'abc', '1d', '30m1h', '1m1m', '10M', 'h', 'ms', '1e3'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined()
    }
  )
})

describe('formatDuration', () => {
  it.each([
    [850, '850ms'],
    [12_000, '12s'],
    [59_400, '59s'],
    [65_000, '1m05s'],
    [3_720_000, '1h02m']
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
