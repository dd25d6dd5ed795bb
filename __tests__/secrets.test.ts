import { describe, expect, it, jest } from '@jest/globals'
import { Secrets } from '../src/common/secrets.js'

describe('Secrets', () => {
  it('masks each secret once, the moment it is added, and ignores empty values', () => {
    const mask = jest.fn<(secret: string) => void>()
    const secrets = new Secrets(mask)
    secrets.add('')
    secrets.add('tok-1')
    secrets.add('tok-1')
    secrets.add('pw-2')
    expect(mask.mock.calls).toEqual([['tok-1'], ['pw-2']])
  })

  it('replaces every occurrence of every secret with ***', () => {
    const secrets = new Secrets(() => undefined)
    secrets.add('tok-1')
    secrets.add('pw-2')
    expect(secrets.redact('a tok-1 b pw-2 c tok-1')).toBe('a *** b *** c ***')
    expect(secrets.redact('nothing here')).toBe('nothing here')
  })
})
