import { describe, expect, it } from '@jest/globals'
import { EXCERPT_LENGTH, joinTexts, printable, ServerText } from '../src/common/server-text.js'
import { HOSTILE_TEXTS, LONG_TEXT, logLineProblems } from './support/hostile-text.js'

describe('printable', () => {
  it.each(HOSTILE_TEXTS)('makes %j one safe line', (text) => {
    const folded = printable(text)
    expect(folded).not.toMatch(/[\n\r]/)
    expect(logLineProblems(folded, new Set())).toEqual([])
    expect(logLineProblems(`prefix ${folded}`, new Set())).toEqual([])
  })

  it('keeps the text readable', () => {
    expect(printable('boom\n::stop-commands::pwned123')).toBe('boom ⏎ ::stop-commands::pwned123')
    expect(printable('a\r\nb\rc\u2028d')).toBe('a ⏎ b ⏎ c ⏎ d')
    expect(printable('red \u001b[31mtext')).toBe('red \\x1b[31mtext')
    expect(printable('tab\there \u009b')).toBe('tab\\x09here \\x9b')
    expect(printable('rtl \u202e')).toBe('rtl \\u202e')
    expect(printable('x ##[add-mask]y ##VSO[task]')).toBe('x ## [add-mask]y ## VSO[task]')
    expect(printable('  ::endgroup::')).toBe('  : :endgroup::')
    expect(printable('Shared/Roads.MapServer: 10.0.0.1::80')).toBe(
      'Shared/Roads.MapServer: 10.0.0.1::80'
    )
  })

  it('cuts a long text to an excerpt that says how long it was', () => {
    const folded = printable(LONG_TEXT)
    expect(folded).toBe(`${'A'.repeat(EXCERPT_LENGTH)}… (${LONG_TEXT.length} characters)`)
    expect(printable('abcdef', 3)).toBe('abc… (6 characters)')
    expect(printable('abc', 3)).toBe('abc')
  })
})

describe('ServerText', () => {
  const text = ServerText.of('  boom\n::stop-commands::x  ')

  it('prints its safe form however it becomes a string', () => {
    expect(`${text}`).toBe('boom ⏎ ::stop-commands::x')
    expect(String(text)).toBe('boom ⏎ ::stop-commands::x')
    expect('job: ' + text).toBe('job: boom ⏎ ::stop-commands::x')
    expect([text, text].join('; ')).toBe('boom ⏎ ::stop-commands::x; boom ⏎ ::stop-commands::x')
  })

  it('is data, exactly and trimmed, in JSON and in raw', () => {
    expect(JSON.parse(JSON.stringify({ text }))).toEqual({ text: 'boom\n::stop-commands::x' })
    expect(text.raw).toBe('boom\n::stop-commands::x')
  })

  it('wraps only non-blank strings', () => {
    expect(ServerText.from('  ')).toBeUndefined()
    expect(ServerText.from(42)).toBeUndefined()
    expect(ServerText.from(' a ')?.raw).toBe('a')
  })
})

describe('joinTexts', () => {
  it('names ten texts and says how many more there are', () => {
    const texts = Array.from({ length: 12 }, (_, index) => ServerText.of(`m${index}\n`))
    expect(joinTexts(texts, '; ')).toBe('m0; m1; m2; m3; m4; m5; m6; m7; m8; m9; … and 2 more')
    expect(joinTexts(texts.slice(0, 10), ' ')).toBe('m0 m1 m2 m3 m4 m5 m6 m7 m8 m9')
  })
})
