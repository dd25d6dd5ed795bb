import { describe, expect, it, jest } from '@jest/globals'
import { controlCharacterProblem, Secrets, withoutLineEndings } from '../src/common/secrets.js'

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

  it('redacts a long secret wherever it appears, inside words too', () => {
    const secrets = new Secrets(() => undefined)
    secrets.add('example-password')
    expect(secrets.redact('xexample-passwordx at gis.example.com')).toBe('x***x at gis.example.com')
  })

  it('redacts a secret shorter than 8 characters only as a whole word, so that other text stays whole', () => {
    const secrets = new Secrets(() => undefined)
    secrets.add('x')
    secrets.add('exam')
    secrets.add('p.w+1')
    expect(secrets.redact('https://gis.example.com/arcgis failed: x')).toBe(
      'https://gis.example.com/arcgis failed: ***'
    )
    expect(secrets.redact('password=exam, user exam; "p.w+1"')).toBe(
      'password=***, user ***; "***"'
    )
    expect(secrets.redact('pXw+1 is not p.w+1')).toBe('pXw+1 is not ***')
  })

  it('leaves the address of a URL whole for a short secret, but not its query nor its user information', () => {
    const secrets = new Secrets(() => undefined)
    secrets.add('arcgis')
    expect(
      secrets.redact(
        'the portal is usually at http://127.0.0.1:18555/arcgis (for example https://gis.example.com/arcgis/admin).'
      )
    ).toBe(
      'the portal is usually at http://127.0.0.1:18555/arcgis (for example https://gis.example.com/arcgis/admin).'
    )
    expect(secrets.redact('https://host/arcgis?password=arcgis&f=json, password arcgis')).toBe(
      'https://host/arcgis?password=***&f=json, password ***'
    )
    expect(secrets.redact('via http://admin:arcgis@proxy:8080/arcgis')).toBe(
      'via http://admin:***@proxy:8080/***'
    )
    // Whatever follows the address is text again, however it is joined to it.
    for (const [text, redacted] of [
      ['url=https://gis/x&password=arcgis', 'url=https://gis/x&password=***'],
      [
        'https://gis/arcgis/admin,password=arcgis,user=x',
        'https://gis/arcgis/admin,password=***,user=x'
      ],
      ['https://sso/login;pw=arcgis;x', 'https://sso/login;pw=***;x'],
      ['https://gis/x|arcgis', 'https://gis/x|***'],
      ['https://gis/x=arcgis', 'https://gis/x=***']
    ]) {
      expect(secrets.redact(text)).toBe(redacted)
    }
  })
})

describe('withoutLineEndings', () => {
  it.each([
    ['pw\n', 'pw'],
    ['pw\r\n', 'pw'],
    ['pw\r', 'pw'],
    ['pw\n\n', 'pw'],
    ['pw\r\n\r\n', 'pw'],
    ['\uFEFFpw\r\n', 'pw'],
    ['pw', 'pw'],
    ['p w ', 'p w ']
  ])('takes %j as CI systems and terminals hand it over: %j', (value, expected) => {
    expect(withoutLineEndings(value)).toBe(expected)
  })

  it('strips two line endings at most: a third stays, to be refused', () => {
    expect(withoutLineEndings('pw\n\n\n')).toBe('pw\n')
  })
})

describe('controlCharacterProblem', () => {
  it('names the secret, the character and where it is, never the value', () => {
    const problem = controlCharacterProblem('ARCGIS_PASSWORD', 'hunter2\rx')
    expect(problem).toBe(
      'ARCGIS_PASSWORD holds a control character, a carriage return (U+000D), at character 8: no ArcGIS password, token, user name or URL has one; store the value again without it'
    )
    expect(controlCharacterProblem('ARCGIS_TOKEN', 'abc\u0007def')).toContain(
      'U+0007, at character 4'
    )
    expect(controlCharacterProblem('ARCGIS_TOKEN', 'abc\u0007def')).not.toContain('abc')
  })

  it('accepts printable text, spaces and non-ASCII letters', () => {
    expect(controlCharacterProblem('ARCGIS_PASSWORD', 'pässwörd with spaces!$')).toBeUndefined()
  })
})
