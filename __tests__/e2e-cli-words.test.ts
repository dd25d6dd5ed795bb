// The command speaks its own vocabulary: its flags rather than the action's inputs, a machine rather than a runner,
// and the causes that fit the case. dist/cli.js as a child process against the emulator.
import { describe, expect, it } from '@jest/globals'
import { runCommand } from '../emulator/run-command.ts'
import { quickClock, useRefusingPortals, withEmulator } from './support/e2e.ts'

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
})
