// The command speaks its own vocabulary: its flags rather than the action's inputs, a machine rather than a runner,
// and the causes that fit the case. dist/cli.js as a child process against the emulator.
import { describe, expect, it } from '@jest/globals'
import { runCommand } from '../emulator/run-command.ts'
import { testCertificates } from './support/certificates.ts'
import { emulatorCommandArgs, quickClock, useRefusingPortals, withEmulator } from './support/e2e.ts'

const refusingPortalUrl = useRefusingPortals()
const TOKEN = { ARCGIS_TOKEN: 'a-token-from-a-ci-secret' }

describe("the command's words", () => {
  it('names --allow-empty when a filter matches nothing', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: ['--portal-url', emulator.portalUrl, '--deployment-filter', 'name=nothing-*'],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(1)
      expect(run.stderr).toContain('Set --allow-empty if a filter may match nothing.')
      expect(run.stderr).toContain('--deployment-filter "name=nothing-*" matches no deployment')
      expect(run.stderr).not.toMatch(/allow-empty: true|runner/)
    }))

  it('says --allow-empty is set when it lets an empty filter pass', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: [
          '--portal-url',
          emulator.portalUrl,
          '--deployment-filter',
          'name=nothing-*',
          '--allow-empty'
        ],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(0)
      expect(run.stderr).toContain('the filters matched none, as --allow-empty allows.')
    }))

  it('gives the causes of an unreachable portal that fit a machine and an IP address: no runner, no DNS', async () => {
    const run = await runCommand({
      args: ['--portal-url', await refusingPortalUrl(), '--deployment-id', 'd1', '--timeout', '3s'],
      env: TOKEN
    })

    expect(run.exitCode).toBe(3)
    expect(run.stderr).toContain(
      "- this machine cannot reach that network: run the command on a machine inside the portal's network"
    )
    expect(run.stderr).not.toMatch(/runner|DNS/)
  })

  it('names the missing context when the token request to a portal URL without one answers 404', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: ['--portal-url', emulator.origin, '--deployment-id', emulator.deploymentIds[1]],
        env: { ARCGIS_USERNAME: 'admin', ARCGIS_PASSWORD: 'emulator-password' }
      })

      expect(run.exitCode).toBe(3)
      expect(run.stderr).toContain(
        `${emulator.origin} names no context: the portal is usually at ${emulator.origin}/arcgis or ${emulator.origin}/portal.`
      )
      expect(run.stderr).toContain('--portal-url must be the URL of the portal')
    }))

  it('suggests a similar service for a service-name typo', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: ['--portal-url', emulator.portalUrl, '--service', 'Hosted/Parcel.FeatureServer'],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(1)
      expect(run.stderr).toContain('Similar: Hosted/Parcels.FeatureServer.')
    }))

  it("names its flags and variables, not the action's inputs, when it refuses input, and sends nothing", async () => {
    const run = await runCommand({
      args: [
        '--deployment-filter',
        'type=MapServer, mode=Shared',
        '--deployment-filter',
        'type=MapServer type=FeatureServer',
        '--timeout',
        'soon',
        '--max-concurrency',
        '0',
        '--json'
      ],
      env: { ARCGIS_PORTAL_URL: 'gis.example.com/arcgis', ...TOKEN }
    })

    expect(run.exitCode).toBe(2)
    const problems = [
      'ARCGIS_PORTAL_URL "gis.example.com/arcgis" has no scheme: write https://gis.example.com/arcgis',
      '--deployment-filter "type=MapServer, mode=Shared": separate the criteria of one filter with spaces (all must match) and give each alternative in its own --deployment-filter flag (any may match), without commas',
      '--deployment-filter "type=MapServer type=FeatureServer": type is given twice; give each alternative in its own --deployment-filter flag',
      '--timeout "soon" is not a duration (use e.g. 90, 90s, 10m, 1h or 1h30m)',
      '--max-concurrency "0" must be a whole number from 1 to 50'
    ]
    for (const problem of problems) expect(run.stderr).toContain(`- ${problem}\n`)
    expect(JSON.parse(run.stdout).error).toBe(
      `Invalid inputs:\n${problems.map((problem) => `- ${problem}`).join('\n')}`
    )
    // A problem with the portal URL is not one of authentication: no word of how to give a token.
    expect(run.stderr).not.toContain('Give the token in')
    expect(run.stderr).not.toMatch(
      /(^|[\s"])(portal-url|deployment-filter|timeout|max-concurrency)\b/m
    )
  })

  it('names each secret where it came from: the variable, or standard input', async () => {
    const fromStdin = await runCommand({
      args: [
        '--portal-url',
        'https://gis.example.com/arcgis',
        '--deployment-id',
        'd1',
        '--token-stdin'
      ],
      stdin: 'x7Kq2\n'
    })
    expect(fromStdin.exitCode).toBe(2)
    expect(fromStdin.stderr).toContain(
      'error: Invalid input: --token-stdin is 5 characters long, too short to be an ArcGIS token'
    )

    const passwordOnly = await runCommand({
      args: ['--portal-url', 'https://gis.example.com/arcgis', '--deployment-id', 'd1'],
      env: { ARCGIS_PASSWORD: 'a password' }
    })
    expect(passwordOnly.exitCode).toBe(2)
    expect(passwordOnly.stderr).toContain(
      'error: Invalid input: ARCGIS_USERNAME is required with ARCGIS_PASSWORD'
    )
    expect(passwordOnly.stderr).toContain('Give the token in ARCGIS_TOKEN (or --token-stdin)')

    const both = await runCommand({
      args: [
        '--portal-url',
        'https://gis.example.com/arcgis',
        '--deployment-id',
        'd1',
        '--username',
        'admin'
      ],
      env: TOKEN
    })
    expect(both.exitCode).toBe(2)
    expect(both.stderr).toContain(
      'error: Invalid input: ARCGIS_TOKEN and --username are both set: use one way to authenticate, not both'
    )
  })

  it('names the missing context when a token meets a portal URL without one, and restarts nothing', () =>
    withEmulator(quickClock, async (emulator) => {
      const run = await runCommand({
        args: ['--portal-url', emulator.origin, '--deployment-id', emulator.deploymentIds[1]],
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(3)
      expect(run.stderr).toContain(
        `${emulator.origin} names no context: the portal is usually at ${emulator.origin}/arcgis or ${emulator.origin}/portal.`
      )
      expect(run.stderr).not.toContain('did not tell its version')
      expect(emulator.requests.filter((request) => request.path.endsWith('/refresh'))).toHaveLength(
        0
      )
    }))

  it("points to --ca-certificate when the portal's certificate cannot be verified", () =>
    withEmulator({ ...quickClock, tls: testCertificates() }, async (emulator) => {
      const run = await runCommand({
        args: emulatorCommandArgs(emulator),
        env: { ARCGIS_TOKEN: emulator.token }
      })

      expect(run.exitCode).toBe(3)
      expect(run.stderr).toContain(
        "pass that CA's PEM certificate in --ca-certificate (or point NODE_EXTRA_CA_CERTS at it)"
      )
      expect(run.stderr).not.toMatch(/ in ca-certificate/)
    }))
})
