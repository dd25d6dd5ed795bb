import { beforeAll, describe, expect, it } from '@jest/globals'
import { INPUT_VOCABULARY } from '../src/common/vocabulary.js'
import { InputError, parseInputs } from '../src/inputs.js'
import { isLoopback } from '../src/inputs/portal-url.js'
import type { RestartInputs } from '../src/restart/restart-inputs.js'
import { testCertificates } from './support/certificates.js'

const valid: Record<string, string> = {
  'portal-url': 'https://gis.example.com/arcgis',
  token: 'secret-token-0123456789',
  'deployment-id': 'kvyxph9w5h3o9vgk8dixn'
}

/** Parses `overrides` on top of a valid set of inputs; '' unsets an input as core.getInput does. */
function parse(overrides: Record<string, string> = {}): RestartInputs {
  const values: Record<string, string> = { ...valid, ...overrides }
  return parseInputs((name) => (values[name] ?? '').trim())
}

/** The problems reported for `overrides`, or fails the test if parsing succeeded. */
function problems(overrides: Record<string, string>): string[] {
  try {
    parse(overrides)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).problems
  }
  throw new Error(`inputs ${JSON.stringify(overrides)} were accepted`)
}

describe('defaults', () => {
  it('gives the documented defaults when only the required inputs are set', () => {
    expect(parse()).toEqual({
      portalUrl: 'https://gis.example.com/arcgis',
      credentials: { kind: 'token', token: 'secret-token-0123456789' },
      deployments: ['kvyxph9w5h3o9vgk8dixn'],
      services: [],
      deploymentFilters: [],
      allowEmpty: false,
      verify: true,
      verifyUrls: [],
      wait: true,
      waitForReady: true,
      timeoutMs: 15 * 60_000,
      pollIntervalMs: 10_000,
      requestTimeoutMs: 30_000,
      maxConcurrency: 1,
      failFast: true,
      dryRun: false,
      restartIf: 'always',
      maxUnhealthy: { percent: 50 },
      caCertificates: [],
      notices: [],
      vocabulary: INPUT_VOCABULARY
    })
  })
})

describe('portal-url', () => {
  it.each([
    ['https://gis.example.com/arcgis', 'https://gis.example.com/arcgis'],
    ['https://gis.example.com/arcgis/', 'https://gis.example.com/arcgis'],
    ['https://gis.example.com/arcgis/admin', 'https://gis.example.com/arcgis'],
    ['https://gis.example.com/arcgis/admin/', 'https://gis.example.com/arcgis'],
    ['https://gis.example.com/arcgis/Admin', 'https://gis.example.com/arcgis'],
    ['https://gis.example.com:7443/arcgis', 'https://gis.example.com:7443/arcgis'],
    ['https://gis.example.com', 'https://gis.example.com'],
    ['https://gis.example.com/', 'https://gis.example.com'],
    ['https://GIS.Example.com/arcgis', 'https://gis.example.com/arcgis']
  ])('accepts %s as %s', (input, expected) => {
    const inputs = parse({ 'portal-url': input })
    expect(inputs.portalUrl).toBe(expected)
    expect(inputs.notices).toEqual([])
  })

  it('keeps an admin segment that is not the last one', () => {
    expect(parse({ 'portal-url': 'https://gis.example.com/admin/arcgis' }).portalUrl).toBe(
      'https://gis.example.com/admin/arcgis'
    )
  })

  it.each([
    'http://localhost:8080/arcgis',
    'http://127.0.0.1/arcgis',
    'http://127.1.2.3:9000/arcgis',
    'http://[::1]:8443/arcgis'
  ])('allows plain http for the loopback host of %s', (url) => {
    expect(parse({ 'portal-url': url }).portalUrl).toBe(url)
  })

  it.each([
    'http://gis.example.com/arcgis',
    'http://10.0.0.5/arcgis',
    'http://128.0.0.1/arcgis',
    'http://localhost.example.com/arcgis',
    'http://127.example.com/arcgis',
    'http://[::2]/arcgis'
  ])('refuses plain http for the remote host of %s', (url) => {
    expect(problems({ 'portal-url': url })).toEqual([
      expect.stringMatching(/^portal-url must use https: .*clear text/)
    ])
  })

  it('refuses credentials in the URL without repeating them', () => {
    const found = problems({ 'portal-url': 'https://admin:hunter2@gis.example.com/arcgis' })
    expect(found).toEqual([expect.stringContaining('portal-url must not contain credentials')])
    expect(found.join('\n')).not.toContain('hunter2')
  })

  it.each(['https://gis.example.com/arcgis?token=abc', 'https://gis.example.com/arcgis#admin'])(
    'refuses a query or fragment in %s',
    (url) => {
      expect(problems({ 'portal-url': url })).toEqual([
        'portal-url must not have a query or fragment: use https://gis.example.com/arcgis'
      ])
    }
  )

  it.each(['ftp://gis.example.com/arcgis', 'file:///etc/passwd'])(
    'refuses the scheme of %s',
    (url) => {
      expect(problems({ 'portal-url': url })).toEqual([
        expect.stringMatching(/^portal-url must be an https URL, not (ftp|file):$/)
      ])
    }
  )

  it.each([
    ['https://gis.example.com/arcgis/home', '/home', "a page of the portal's home app"],
    ['https://gis.example.com/arcgis/home/', '/home', "a page of the portal's home app"],
    [
      'https://gis.example.com/arcgis/home/index.html',
      '/home/index.html',
      "a page of the portal's home app"
    ],
    ['https://gis.example.com/arcgis/sharing/rest', '/sharing/rest', "the portal's sharing API"],
    ['https://gis.example.com/arcgis/sharing', '/sharing', "the portal's sharing API"],
    ['https://gis.example.com/arcgis/portaladmin', '/portaladmin', 'the Portal Administrator API'],
    ['https://gis.example.com/arcgis/manager', '/manager', 'ArcGIS Enterprise Manager'],
    ['https://gis.example.com/arcgis/rest/services', '/rest/services', 'the services directory'],
    [
      'https://gis.example.com/arcgis/admin/system/deployments',
      '/admin/system/deployments',
      'a resource of the admin API'
    ]
  ])(
    'takes the portal URL out of %s, with a notice naming what was dropped',
    (input, dropped, page) => {
      const inputs = parse({ 'portal-url': input })
      expect(inputs.portalUrl).toBe('https://gis.example.com/arcgis')
      expect(inputs.notices).toEqual([
        `portal-url names ${page}, not the portal: using https://gis.example.com/arcgis (dropped "${dropped}"). Set portal-url to https://gis.example.com/arcgis to silence this warning.`
      ])
    }
  )

  it("drops a page's query with the page, without repeating it (it may hold a token)", () => {
    const inputs = parse({
      'portal-url': 'https://gis.example.com/arcgis/home/item.html?id=abc&token=leaked#top'
    })
    expect(inputs.portalUrl).toBe('https://gis.example.com/arcgis')
    expect(inputs.notices).toEqual([
      expect.stringContaining('(dropped "/home/item.html" and its query)')
    ])
    expect(inputs.notices.join()).not.toContain('leaked')
  })

  it('says the scheme is missing, with the URL to write', () => {
    expect(problems({ 'portal-url': 'localhost:8443/arcgis' })).toEqual([
      'portal-url "localhost:8443/arcgis" has no scheme: write https://localhost:8443/arcgis'
    ])
    expect(problems({ 'portal-url': 'gis.example.com/arcgis' })).toEqual([
      'portal-url "gis.example.com/arcgis" has no scheme: write https://gis.example.com/arcgis'
    ])
  })

  it('refuses what is not a URL, and a missing one', () => {
    expect(problems({ 'portal-url': 'https://' })).toEqual([
      'portal-url "https://" is not a URL (expected https://host/<context>)'
    ])
    expect(problems({ 'portal-url': '' })).toEqual([
      'portal-url is required (e.g. https://gis.example.com/arcgis)'
    ])
  })
})

describe('isLoopback', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['[::1]', true],
    ['::1', true],
    ['gis.example.com', false],
    ['127.0.0.1.nip.io', false],
    ['0.0.0.0', false],
    ['[::ffff:7f00:1]', false]
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected)
  })
})

describe('deployment-id', () => {
  it('reads one id per line or comma-separated, trims them, skips blanks and keeps the order', () => {
    expect(parse({ 'deployment-id': 'b2\n a1 ,c_3\n\n, d-4 ,' }).deployments).toEqual([
      'b2',
      'a1',
      'c_3',
      'd-4'
    ])
  })

  it('names each duplicate once', () => {
    expect(parse({ 'deployment-id': 'a1\nb2\na1,b2,a1' }).deployments).toEqual(['a1', 'b2'])
  })

  it.each(['../x', 'a/b', '%2F', 'a%2Fb', 'abc?x=1', 'a b', 'a.b', 'a#b', 'ä1', '..'])(
    'refuses %j, which is not a plain id',
    (id) => {
      expect(problems({ 'deployment-id': id })).toEqual([
        `deployment-id "${id}" is neither a deployment id nor a deployment name (only letters, digits, "-" and "_" are allowed)`
      ])
    }
  )

  it('reports each bad id of a list once', () => {
    expect(problems({ 'deployment-id': 'good1\n../x\na/b\n../x' })).toEqual([
      expect.stringContaining('"../x"'),
      expect.stringContaining('"a/b"')
    ])
  })

  it('takes deployment names as they are', () => {
    expect(parse({ 'deployment-id': 'shared-mapserver\ningress-controller' }).deployments).toEqual([
      'shared-mapserver',
      'ingress-controller'
    ])
  })

  it('requires a deployment, a service or a filter', () => {
    expect(problems({ 'deployment-id': '' })).toEqual([
      'deployment-id, service or deployment-filter is required: name at least one deployment (by id or name), service or filter'
    ])
    expect(problems({ 'deployment-id': ' \n , ' })).toEqual([
      expect.stringContaining('deployment-id, service or deployment-filter is required')
    ])
    expect(parse({ 'deployment-id': '', 'deployment-filter': 'all' }).deployments).toEqual([])
  })
})

describe('service', () => {
  it('accepts Folder/Name.Type and Name.Type, in order, each once', () => {
    const inputs = parse({
      'deployment-id': '',
      service: 'Hosted/Parcels.FeatureServer, Basemap.MapServer\nHosted/Parcels.FeatureServer'
    })
    expect(inputs.services).toEqual([
      {
        folder: 'Hosted',
        name: 'Parcels',
        type: 'FeatureServer',
        label: 'Hosted/Parcels.FeatureServer'
      },
      { folder: undefined, name: 'Basemap', type: 'MapServer', label: 'Basemap.MapServer' }
    ])
    expect(inputs.deployments).toEqual([])
  })

  it('can be used together with deployment-id', () => {
    const inputs = parse({ service: 'Roads.MapServer' })
    expect(inputs.deployments).toEqual(['kvyxph9w5h3o9vgk8dixn'])
    expect(inputs.services.map((service) => service.label)).toEqual(['Roads.MapServer'])
  })

  it.each([
    'Parcels',
    'Parcels.',
    'Hosted/Parcels',
    'a/b/Parcels.MapServer',
    '../Parcels.MapServer',
    'Hosted/../Parcels.MapServer',
    'Parcels.Map Server',
    'Parcels.FeatureLayer',
    'Hosted%2FParcels.MapServer'
  ])('refuses %j', (service) => {
    expect(problems({ 'deployment-id': '', service })).toEqual([
      `service "${service}" is not of the form Folder/Name.Type or Name.Type (e.g. Hosted/Parcels.FeatureServer)`
    ])
  })
})

describe('deployment-filter', () => {
  const filters = (value: string) => parse({ 'deployment-filter': value }).deploymentFilters
  const filterProblems = (value: string) => problems({ 'deployment-filter': value })

  it('reads one filter per line, its criteria separated by spaces, keys in any case', () => {
    expect(filters('type=MapServer mode=Shared\n  NAME=*-featureserver  \n\nprovider=SDS')).toEqual(
      [
        { label: 'type=MapServer mode=Shared', criteria: { type: 'MapServer', mode: 'Shared' } },
        { label: 'NAME=*-featureserver', criteria: { name: '*-featureserver' } },
        { label: 'provider=SDS', criteria: { provider: 'SDS' } }
      ]
    )
  })

  it('reads all as a filter without criteria, in any case', () => {
    expect(filters('all')).toEqual([{ label: 'all', criteria: {} }])
    expect(filters('ALL')).toEqual([{ label: 'ALL', criteria: {} }])
  })

  it('accepts the documented modes whatever their case, and globs', () => {
    for (const mode of [
      'Shared',
      'dedicated',
      'UNDEFINED',
      'Primary',
      'Standby',
      'Coordinator',
      'S*'
    ]) {
      expect(filters(`mode=${mode}`)).toEqual([{ label: `mode=${mode}`, criteria: { mode } }])
    }
  })

  it('names each duplicate line once', () => {
    expect(filters('type=MapServer\ntype=MapServer')).toHaveLength(1)
  })

  it('gives a filter written with commas one error, not a second that says a target is missing', () => {
    expect(
      problems({ 'deployment-id': '', 'deployment-filter': 'type=MapServer,mode=Shared' })
    ).toEqual([
      expect.stringMatching(/^deployment-filter "type=MapServer,mode=Shared": .*without commas$/)
    ])
  })

  it('refuses commas, saying how criteria and filters are separated', () => {
    expect(filterProblems('type=MapServer, mode=Shared')).toEqual([
      'deployment-filter "type=MapServer, mode=Shared": separate the criteria of one filter with spaces (all must match) and give each alternative on its own line of deployment-filter (any may match), without commas'
    ])
  })

  it.each([
    ['all type=MapServer', '"all" selects every deployment and stands alone'],
    [
      'kind=MapServer',
      '"kind=MapServer" is not a criterion (use name=…, type=…, mode=…, provider=…, or all)'
    ],
    [
      'MapServer',
      '"MapServer" is not a criterion (use name=…, type=…, mode=…, provider=…, or all)'
    ],
    [
      '=MapServer',
      '"=MapServer" is not a criterion (use name=…, type=…, mode=…, provider=…, or all)'
    ],
    [
      'type=MapServer type=FeatureServer',
      'type is given twice; give each alternative on its own line of deployment-filter'
    ],
    ['name=', 'name "" may hold only letters, digits, ".", "-", "_" and the wildcards * and ?'],
    [
      'name=a/b',
      'name "a/b" may hold only letters, digits, ".", "-", "_" and the wildcards * and ?'
    ],
    [
      'mode=Shard',
      'mode "Shard" is not a deployment mode (Shared, Dedicated, Undefined, Primary, Standby, Coordinator)'
    ]
  ])('refuses %j', (line, problem) => {
    expect(filterProblems(line)).toEqual([`deployment-filter "${line}": ${problem}`])
  })

  it('reports every bad line, and keeps none of a line with a problem', () => {
    expect(filterProblems('type=MapServer\nmode=Shard kind=x\nname=ok')).toEqual([
      expect.stringContaining('mode "Shard"'),
      expect.stringContaining('"kind=x"')
    ])
  })
})

describe('verify-url', () => {
  it('reads one URL per line, keeping commas inside a URL', () => {
    expect(
      parse({
        'verify-url':
          'https://gis.example.com/arcgis/rest/services/Basemap/MapServer/export?bbox=1,2,3,4\n http://apps.example.com/health \n'
      }).verifyUrls
    ).toEqual([
      'https://gis.example.com/arcgis/rest/services/Basemap/MapServer/export?bbox=1,2,3,4',
      'http://apps.example.com/health'
    ])
  })

  it.each([
    ['not a url', 'verify-url "not a url" is not a URL (expected https://host/path, one per line)'],
    [
      'ftp://files.example.com/x',
      'verify-url "ftp://files.example.com/x" must be an http or https URL, not ftp:'
    ],
    [
      'https://user:secret@apps.example.com/health',
      'verify-url "apps.example.com/health" must not contain credentials'
    ]
  ])('refuses %j', (url, problem) => {
    expect(problems({ 'verify-url': url })).toEqual([problem])
  })

  it('refuses URLs that would never be checked', () => {
    expect(
      problems({
        'verify-url': 'https://apps.example.com/',
        verify: 'false',
        'wait-for-ready': 'no'
      })
    ).toEqual([
      'verify-url needs verify: true and wait-for-ready: true (the URLs are checked once the pods are ready)'
    ])
    expect(parse({ verify: 'false', wait: 'false' }).verify).toBe(false)
  })
})

describe('credentials', () => {
  it('takes a token', () => {
    expect(parse().credentials).toEqual({ kind: 'token', token: 'secret-token-0123456789' })
  })

  it.each([
    ['', undefined],
    ['referer', 'referer'],
    ['https://apps.example.com', 'https://apps.example.com'],
    ['none', false],
    ['NONE', false]
  ])('takes token-referer %j as the Referer to send with the token', (value, referer) => {
    expect(parse({ 'token-referer': value }).credentials).toEqual({
      kind: 'token',
      token: 'secret-token-0123456789',
      ...(referer !== undefined && { referer })
    })
  })

  it('tells a problem of how to authenticate from one of the Referer (the command adds how to authenticate)', () => {
    const aboutCredentials = (overrides: Record<string, string>) => {
      try {
        parse(overrides)
      } catch (error) {
        return (error as InputError).aboutCredentials
      }
      throw new Error('accepted')
    }
    expect(aboutCredentials({ 'token-referer': 'a\u0007b' })).toBe(false)
    expect(aboutCredentials({ token: '' })).toBe(true)
    expect(aboutCredentials({ timeout: 'soon' })).toBe(false)
  })

  it('refuses a token-referer that cannot travel in a header, or without a token', () => {
    expect(problems({ 'token-referer': 'a\u0007b' })).toEqual([
      'token-referer must be one line without control characters'
    ])
    expect(problems({ 'token-referer': 'a\nb' })).toEqual([
      'token-referer must be one line without control characters'
    ])
    expect(
      problems({ token: '', username: 'admin', password: 'pw', 'token-referer': 'referer' })
    ).toEqual([expect.stringContaining('token-referer goes with token only')])
  })

  it('takes a username and password', () => {
    expect(parse({ token: '', username: 'admin', password: 'pw' }).credentials).toEqual({
      kind: 'password',
      username: 'admin',
      password: 'pw'
    })
  })

  it.each([
    [{ username: 'admin' }, 'token and username are both set'],
    [{ password: 'pw' }, 'token and password are both set'],
    [{ token: '', username: 'admin' }, 'password is required with username'],
    [{ token: '', password: 'pw' }, 'username is required with password'],
    [{ token: '' }, 'token, or both username and password, is required']
  ])('refuses %j', (overrides, message) => {
    expect(problems(overrides)).toEqual([expect.stringContaining(message)])
  })

  it('refuses a token too short to be an ArcGIS token, naming the input and never the value', () => {
    expect(problems({ token: 'x' })).toEqual([
      "token is 1 character long, too short to be an ArcGIS token (at least 16): check that the secret holds the whole token, not a placeholder or a variable's name"
    ])
    expect(problems({ token: 'fifteen-chars-x' })[0]).toContain('token is 15 characters long')
    expect(parse({ token: 'sixteen-chars-xx' }).credentials).toEqual({
      kind: 'token',
      token: 'sixteen-chars-xx'
    })
  })

  it('never repeats a secret in a problem', () => {
    const found = problems({ token: 'tok-123', username: 'admin', password: 'pw-456' })
    expect(found.join('\n')).not.toMatch(/tok-123|pw-456/)
  })
})

describe('durations', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2m15s', 135_000],
    ['500ms', 500]
  ])('timeout %s is %d ms', (text, ms) => {
    expect(parse({ timeout: text }).timeoutMs).toBe(ms)
    expect(parse({ 'poll-interval': text }).pollIntervalMs).toBe(ms)
    expect(parse({ 'request-timeout': text }).requestTimeoutMs).toBe(ms)
  })

  it.each(['10 m', '1.5h', '-1', 'abc', '1d', '30m1h', '10M', 'm', 's1'])(
    'refuses timeout %j, naming the input',
    (text) => {
      expect(problems({ timeout: text })).toEqual([
        `timeout "${text}" is not a duration (use e.g. 90, 90s, 10m, 1h or 1h30m)`
      ])
    }
  )

  it.each(['0', '0s', '0m0s'])('refuses a zero duration %j', (text) => {
    expect(problems({ timeout: text })).toEqual(['timeout must be greater than zero'])
    expect(problems({ 'poll-interval': text })).toEqual(['poll-interval must be greater than zero'])
    expect(problems({ 'request-timeout': text })).toEqual([
      'request-timeout must be greater than zero'
    ])
  })

  it('warns that a bare timeout under a minute is seconds, and keeps its meaning', () => {
    const inputs = parse({ timeout: '15' })
    expect(inputs.timeoutMs).toBe(15_000)
    expect(inputs.notices).toEqual([
      'timeout: 15 means 15 seconds (a bare number is seconds); for 15 minutes write timeout: 15m'
    ])
    for (const timeout of ['60', '900', '15s', '45s', '10m']) {
      expect(parse({ timeout }).notices).toEqual([])
    }
  })

  it('names poll-interval and request-timeout in their problems', () => {
    expect(problems({ 'poll-interval': 'soon' })).toEqual([
      expect.stringMatching(/^poll-interval "soon" is not a duration/)
    ])
    expect(problems({ 'request-timeout': '1.5s' })).toEqual([
      expect.stringMatching(/^request-timeout "1.5s" is not a duration/)
    ])
  })
})

describe('booleans', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['False', false],
    ['no', false],
    ['off', false]
  ])('reads %s as %s', (text, value) => {
    const inputs = parse({
      wait: text,
      'wait-for-ready': text,
      'fail-fast': text,
      'dry-run': text,
      'allow-empty': text,
      verify: text
    })
    expect([
      inputs.wait,
      inputs.waitForReady,
      inputs.failFast,
      inputs.dryRun,
      inputs.allowEmpty,
      inputs.verify
    ]).toEqual([value, value, value, value, value, value])
  })

  it.each(['wait', 'wait-for-ready', 'fail-fast', 'dry-run', 'allow-empty', 'verify'])(
    'refuses a non-boolean %s',
    (name) => {
      expect(problems({ [name]: 'maybe' })).toEqual([
        `${name} "maybe" is not a boolean (use true or false)`
      ])
    }
  )
})

describe('max-concurrency', () => {
  it.each([
    ['1', 1],
    ['4', 4],
    ['50', 50]
  ])('accepts %s', (text, value) => {
    expect(parse({ 'max-concurrency': text }).maxConcurrency).toBe(value)
  })

  it.each(['0', '51', '-1', '2.5', 'two', '1e1', '+3'])('refuses %j', (text) => {
    expect(problems({ 'max-concurrency': text })).toEqual([
      `max-concurrency "${text}" must be a whole number from 1 to 50`
    ])
  })
})

describe('ca-certificate', () => {
  // One CA and one server certificate: two distinct, valid PEM certificates (forge emits CRLF line ends).
  let pems: { ca: string; server: string }
  beforeAll(() => {
    const { caCert, cert } = testCertificates()
    pems = { ca: caCert, server: cert }
  })
  const lf = (pem: string) => pem.replace(/\r\n/g, '\n').trim()

  it('accepts PEM certificates, one or several, and keeps each', () => {
    expect(parse({ 'ca-certificate': pems.ca }).caCertificates).toEqual([lf(pems.ca)])
    const both = parse({ 'ca-certificate': `${pems.ca}\n${pems.server}` }).caCertificates
    expect(both).toEqual([lf(pems.ca), lf(pems.server)])
  })

  it('accepts a PEM with Unix line endings', () => {
    expect(parse({ 'ca-certificate': lf(pems.ca) }).caCertificates).toEqual([lf(pems.ca)])
  })

  it('refuses text without a certificate block', () => {
    expect(problems({ 'ca-certificate': 'not a certificate' })).toEqual([
      'ca-certificate holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)'
    ])
  })

  it('refuses a block that does not hold a certificate, naming which one', () => {
    const garbage =
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----'
    expect(problems({ 'ca-certificate': `${pems.ca}\n${garbage}` })).toEqual([
      expect.stringMatching(/^ca-certificate #2 is not a valid PEM certificate: /)
    ])
  })
})

describe('problems are reported together', () => {
  it('reports every bad input of one run in one error, each naming its input', () => {
    let error: InputError | undefined
    try {
      parse({
        'portal-url': 'http://gis.example.com/arcgis',
        token: '',
        'deployment-id': '../x',
        timeout: '10 m',
        'poll-interval': '0',
        wait: 'maybe',
        'max-concurrency': '0'
      })
    } catch (caught) {
      error = caught as InputError
    }
    expect(error).toBeInstanceOf(InputError)
    expect(error?.problems).toHaveLength(7)
    const names = [
      'portal-url',
      'token',
      'deployment-id',
      'timeout',
      'poll-interval',
      'wait',
      'max-concurrency'
    ]
    names.forEach((name, index) => expect(error?.problems[index]).toContain(name))
    expect(error?.message).toBe(
      `Invalid inputs:\n${error?.problems.map((problem) => `- ${problem}`).join('\n')}`
    )
  })

  it('says "Invalid input" for a single problem', () => {
    expect(() => parse({ timeout: 'abc' })).toThrow(
      'Invalid input: timeout "abc" is not a duration (use e.g. 90, 90s, 10m, 1h or 1h30m)'
    )
  })

  it('reports a missing deployment id alongside other problems', () => {
    const found = problems({ 'portal-url': '', token: '', 'deployment-id': '' })
    expect(found).toEqual([
      expect.stringContaining('portal-url is required'),
      expect.stringContaining('token, or both username and password, is required'),
      expect.stringContaining('deployment-id, service or deployment-filter is required')
    ])
  })

  it('does not ask for a deployment id when the only one given was refused', () => {
    expect(problems({ 'deployment-id': '', service: 'not-a-service' })).toEqual([
      expect.stringContaining('service "not-a-service"')
    ])
  })
})

describe('restart-if and max-unhealthy', () => {
  it('takes unhealthy, and a count or a percentage', () => {
    expect(parse({ 'restart-if': 'unhealthy', 'max-unhealthy': '3' })).toMatchObject({
      restartIf: 'unhealthy',
      maxUnhealthy: { count: 3 }
    })
    expect(parse({ 'restart-if': 'unhealthy', 'max-unhealthy': '20%' }).maxUnhealthy).toEqual({
      percent: 20
    })
  })

  it('refuses max-unhealthy without restart-if: unhealthy, where no brake would ever act', () => {
    expect(() => parse({ 'max-unhealthy': '3' })).toThrow(
      'max-unhealthy goes with restart-if: unhealthy only: without a health check first, there is nothing for the brake to count'
    )
    expect(() => parse({ 'restart-if': 'always', 'max-unhealthy': '3' })).toThrow(
      'max-unhealthy goes with restart-if: unhealthy only'
    )
  })

  it.each(['sometimes', 'never'])('refuses restart-if %s, naming the input', (value) => {
    expect(() => parse({ 'restart-if': value })).toThrow(
      `restart-if "${value}" must be always or unhealthy`
    )
  })

  it.each(['0', '0%', '101%', '-1', 'half', '1.5'])('refuses max-unhealthy %s', (value) => {
    expect(() => parse({ 'restart-if': 'unhealthy', 'max-unhealthy': value })).toThrow(
      `max-unhealthy "${value}" must be`
    )
  })
})
