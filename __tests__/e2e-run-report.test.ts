// The built action against the emulator: what a run tells at its end. A timeout names each unfinished job and where it
// goes on, the summary links jobs under the portal URL only, restarts at once print each line once, every run ends
// with a tally, and a timeout given as a bare number under a minute is questioned.
import { describe, expect, it } from '@jest/globals'
import { scenarios } from '../emulator/server.ts'
import { failureOf, quickClock, resultsOf, run, stepInputs, withEmulator } from './support/e2e.ts'

const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1)

describe('a run that times out', () => {
  it('names each unfinished job, its last status and its URL under the portal, and says it goes on', () =>
    withEmulator(
      { ...scenarios.stuck, jobsUrlOrigin: 'https://internal.example:7443' },
      async (emulator) => {
        const ids = emulator.deploymentIds.slice(1)
        const result = await run(
          stepInputs(emulator, {
            'deployment-id': ids.join(','),
            'max-concurrency': '2',
            timeout: '3s'
          })
        )

        expect(result.exitCode).toBe(1)
        expect(result.outputs).toMatchObject({ outcome: 'timeout', 'job-status': 'EXECUTING' })
        const jobIds = result.outputs['job-id'].split(',')
        expect(jobIds).toHaveLength(2)
        const failure = failureOf(result)
        expect(failure.split('\n')[0]).toBe('The restart did not finish before the timeout.')
        for (const [index, jobId] of jobIds.entries()) {
          expect(failure).toContain(
            `(${ids[index]}): Job ${jobId} did not end before the timeout (last status EXECUTING); the restart goes on in the cluster: ${emulator.portalUrl}/admin/jobs/${jobId}`
          )
        }
        // The summary links each job under portal-url, never at the host the server named.
        const links = [...result.summary.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(
          ([, href, text]) => ({ text, href })
        )
        expect(links).toEqual(
          jobIds.map((jobId) => ({
            text: jobId,
            href: `${emulator.portalUrl}/admin/jobs/${jobId}`
          }))
        )
        expect(result.summary).not.toContain('href="https://internal.example')
        expect(lastLine(result.stdout)).toMatch(
          /^0 of 2 deployments restarted in \S+ \(2 timed out\)$/
        )
      }
    ))
})

describe('the log', () => {
  it('prints each line of restarts running at once once, with the deployment in front, and ends with the tally', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(
        stepInputs(emulator, {
          'deployment-id': emulator.deploymentIds.join(','),
          'max-concurrency': '3'
        })
      )

      expect(result.exitCode).toBe(0)
      const lines = result.stdout.split('\n')
      expect(lines.filter((line) => /^::(end)?group::/.test(line))).toEqual([])
      for (const { jobId, name, deploymentId } of resultsOf(result)) {
        const prefix = `[${name} (${deploymentId})] `
        const ofThisJob = lines.filter((line) => line.includes(`Job ${jobId} `))
        expect(ofThisJob.filter((line) => line.includes('submitted'))).toEqual([
          expect.stringMatching(
            new RegExp(`^${prefix.replace(/[[\]()]/g, '\\$&')}Job ${jobId} submitted`)
          )
        ])
        expect(ofThisJob.filter((line) => line.endsWith('completed'))).toEqual([
          `${prefix}Job ${jobId} completed`
        ])
        expect(lines.filter((line) => line === `${prefix}All pods are ready`)).toHaveLength(1)
      }
      expect(lastLine(result.stdout)).toMatch(/^3 of 3 deployments restarted in \S+$/)
    }))

  it('ends a failed run with its tally too', () =>
    withEmulator(scenarios['job-failed'], async (emulator) => {
      const result = await run(
        stepInputs(emulator, { 'deployment-id': emulator.deploymentIds.slice(1).join(',') })
      )

      expect(result.exitCode).toBe(1)
      expect(lastLine(result.stdout)).toMatch(
        /^0 of 2 deployments restarted in \S+ \(1 failed, 1 skipped\)$/
      )
    }))
})

describe('timeout given as a bare number', () => {
  it('warns that 20 means 20 seconds, and keeps that meaning', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(stepInputs(emulator, { timeout: '20' }))

      expect(result.exitCode).toBe(0)
      expect(result.stdout).toContain(
        '::warning::timeout: 20 means 20 seconds (a bare number is seconds); for 20 minutes write timeout: 20m'
      )
    }))

  it('does not question a bare number of a minute or more', () =>
    withEmulator(quickClock, async (emulator) => {
      const result = await run(stepInputs(emulator, { timeout: '90' }))

      expect(result.exitCode).toBe(0)
      expect(result.stdout).not.toContain('::warning::')
    }))
})
