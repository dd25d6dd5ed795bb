import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { parseCommandLine, USAGE, UsageError } from '../src/cli/args.js'
import { paletteFor } from '../src/cli/terminal.js'
import { INPUTS } from '../src/inputs.js'
import { VERSION } from '../src/version.js'

const actionInputs = Object.keys(
  (parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs
)

describe('parseCommandLine', () => {
  it('joins repeated and comma-separated list flags as the action reads a multi-line input', () => {
    const line = parseCommandLine(
      ['--deployment-id', 'a,b', '--deployment-id', 'c', '--service', 'Hosted/P.FeatureServer'],
      {}
    )
    expect(line.inputs['deployment-id']).toBe('a,b\nc')
    expect(line.inputs.service).toBe('Hosted/P.FeatureServer')
  })

  it('keeps each --deployment-filter and --verify-url whole, one per line, as the action reads them', () => {
    const line = parseCommandLine(
      [
        '--deployment-filter',
        'type=MapServer mode=Shared',
        '--deployment-filter',
        'all',
        '--verify-url',
        'https://gis.example.com/arcgis/rest/services/Basemap/MapServer/export?bbox=1,2,3,4',
        '--no-verify',
        '--allow-empty'
      ],
      {}
    )
    expect(line.inputs).toMatchObject({
      'deployment-filter': 'type=MapServer mode=Shared\nall',
      'verify-url':
        'https://gis.example.com/arcgis/rest/services/Basemap/MapServer/export?bbox=1,2,3,4',
      verify: 'false',
      'allow-empty': 'true'
    })
  })

  it('reads --flag and --no-flag as the booleans true and false, and leaves unset ones to the defaults', () => {
    const line = parseCommandLine(['--no-wait', '--fail-fast', '--dry-run'], {})
    expect(line.inputs).toMatchObject({ wait: 'false', 'fail-fast': 'true', 'dry-run': 'true' })
    expect(line.inputs['wait-for-ready']).toBeUndefined()
  })

  it('takes the portal URL and credentials from the environment, flags first', () => {
    const env = {
      ARCGIS_PORTAL_URL: 'https://env.example.com/arcgis',
      ARCGIS_TOKEN: 'tok',
      ARCGIS_TOKEN_REFERER: 'referer',
      ARCGIS_USERNAME: 'env-user',
      ARCGIS_PASSWORD: 'pw'
    }
    expect(parseCommandLine([], env).inputs).toMatchObject({
      'portal-url': 'https://env.example.com/arcgis',
      token: 'tok',
      'token-referer': 'referer',
      username: 'env-user',
      password: 'pw'
    })
    expect(
      parseCommandLine(['--portal-url', 'https://flag.example.com/arcgis', '--username', 'u'], env)
        .inputs
    ).toMatchObject({ 'portal-url': 'https://flag.example.com/arcgis', username: 'u' })
  })

  it('names the secret read from stdin, and refuses it twice over', () => {
    expect(parseCommandLine(['--token-stdin'], {}).stdinSecret).toBe('token')
    expect(parseCommandLine(['--password-stdin'], {}).stdinSecret).toBe('password')
    expect(() => parseCommandLine(['--token-stdin', '--password-stdin'], {})).toThrow(
      '--token-stdin and --password-stdin cannot be used together'
    )
    expect(() => parseCommandLine(['--token-stdin'], { ARCGIS_TOKEN: 'x' })).toThrow(
      '--token-stdin and ARCGIS_TOKEN are both set'
    )
  })

  it('refuses secrets as flags without repeating them', () => {
    for (const flag of ['--token', '--password']) {
      let error: unknown
      try {
        parseCommandLine([flag, 'hunter2'], {})
      } catch (thrown) {
        error = thrown
      }
      expect(error).toBeInstanceOf(UsageError)
      expect((error as Error).message).toContain(`${flag} is not accepted`)
      expect((error as Error).message).not.toContain('hunter2')
    }
  })

  it('keeps the path of --ca-certificate for the command to read', () => {
    const line = parseCommandLine(['--ca-certificate', '/etc/ssl/corp.pem'], {})
    expect(line.caCertificateFile).toBe('/etc/ssl/corp.pem')
    expect(line.inputs['ca-certificate']).toBeUndefined()
  })
})

describe('the command mirrors the action', () => {
  it('has one flag per action input, and no input the action lacks', () => {
    expect(Object.keys(INPUTS).sort()).toEqual([...actionInputs].sort())
  })

  it('documents every flag that is not a secret in --help', () => {
    for (const [name, kind] of Object.entries(INPUTS)) {
      if (kind !== 'secret') expect(USAGE).toContain(`--${name}`)
    }
  })

  it('reports the version package.json holds', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(VERSION).toBe(version)
  })
})

describe('paletteFor', () => {
  it('colours only a terminal, and never when NO_COLOR is set', () => {
    expect(paletteFor({ isTTY: true }, {}).red('x')).toBe('\u001b[31mx\u001b[39m')
    expect(paletteFor({ isTTY: true }, { NO_COLOR: '1' }).red('x')).toBe('x')
    expect(paletteFor({ isTTY: true }, { TERM: 'dumb' }).red('x')).toBe('x')
    expect(paletteFor({ isTTY: true }, { TERM: 'xterm-256color' }).red('x')).toBe(
      '\u001b[31mx\u001b[39m'
    )
    expect(paletteFor({ isTTY: false }, {}).red('x')).toBe('x')
  })
})
