// The built action against a portal it cannot reach, with the default timeout of 15 minutes: the first contact
// gives up within its minute, not at the step's timeout. On its own in this file, so that its minute of waiting
// runs beside the other test files.
import { describe, expect, it } from '@jest/globals'
import { failureOf, run, useRefusingPortals } from './support/e2e.ts'

const refusingPortalUrl = useRefusingPortals()

describe('the first contact with the default timeout', () => {
  it('fails within a minute (not after 15), as a failure naming the host', async () => {
    const portalUrl = await refusingPortalUrl()
    const result = await run(
      {
        'portal-url': portalUrl,
        token: 'a-token-from-a-ci-secret',
        'deployment-id': 'pq3tbhwamxr8e0cd2uyzn'
      },
      { timeoutMs: 120_000 }
    )

    expect(result.outputs).toMatchObject({ outcome: 'failure', 'job-status': '' })
    expect(failureOf(result)).toMatch(
      new RegExp(`^Could not reach the portal at ${new URL(portalUrl).host} within 1m00s \\(`)
    )
    // The bound: about a minute at most, whatever the step's timeout.
    expect(result.durationMs).toBeLessThan(75_000)
  }, 120_000)
})
