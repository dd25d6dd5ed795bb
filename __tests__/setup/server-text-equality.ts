// A ServerText is data: in an assertion it equals the text the server sent, so that a test can write the text it
// expects as a plain string (`{ name: 'shared-mapserver' }`). Whether the text is safe where it is printed is what
// server-text.test.ts and the end-to-end tests with hostile text prove.
import { expect } from '@jest/globals'

function isServerText(value: unknown): value is { raw: string; toJSON(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { raw?: unknown }).raw === 'string' &&
    value.constructor?.name === 'ServerText'
  )
}

expect.addEqualityTesters([
  (a: unknown, b: unknown) => {
    if (isServerText(a) && typeof b === 'string') return a.raw === b
    if (typeof a === 'string' && isServerText(b)) return a === b.raw
    return undefined
  }
])
