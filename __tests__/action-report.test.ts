import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { Reporter } from '../src/action/report.js'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { REFRESHING, resultFor } from '../src/restart/results.js'
import { FakeRunner } from './support/actions-runner.js'
import { completed, targets } from './support/sample-results.js'
import { text } from './support/server-texts.js'
import { tableRows } from './support/summary-table.js'

const SECRET = 'tok-SECRET-42'
const redact = (text: string) => text.split(SECRET).join('***')

let runner: FakeRunner
beforeEach(() => {
  runner = new FakeRunner()
})
afterEach(() => runner.restore())
afterAll(() => FakeRunner.cleanUp())

describe('Reporter', () => {
  it('sets deployment-id as soon as the targets are known, and job outputs as each job is submitted', () => {
    const reporter = new Reporter(redact)
    reporter.start({ deployments: ['d1'], portalUrl: 'https://gis.example.com/arcgis' })
    expect(runner.outputs).toEqual({ 'deployment-id': 'd1' })
    reporter.targets(targets)
    expect(runner.outputs).toEqual({ 'deployment-id': 'd1,d2', 'job-id': ',', 'jobs-url': ',' })
    reporter.update(1, completed(1, { status: 'SUBMITTED' }))
    expect(runner.outputs).toMatchObject({
      'job-id': ',j2',
      'jobs-url': ',https://gis.example.com/arcgis/admin/jobs/j2'
    })
    reporter.serverVersion(text('11.3'))
    expect(runner.outputs['server-version']).toBe('11.3')
  })

  it('writes every output and a summary table on success, and does not fail the step', async () => {
    let clock = 1_750_000_000_000
    jest.spyOn(Date, 'now').mockImplementation(() => clock)
    const reporter = new Reporter(redact)
    reporter.serverVersion(text('11.3'))
    reporter.targets(targets)
    reporter.update(0, completed(0, { verified: true }))
    reporter.update(1, completed(1, { durationSeconds: 65 }))
    clock += 64_600
    await reporter.finish({ outcome: 'success' })

    const outputs = runner.outputs
    expect(outputs).toMatchObject({
      'deployment-id': 'd1,d2',
      'job-id': 'j1,j2',
      'jobs-url':
        'https://gis.example.com/arcgis/admin/jobs/j1,https://gis.example.com/arcgis/admin/jobs/j2',
      'job-status': 'COMPLETED',
      outcome: 'success',
      'server-version': '11.3'
    })
    expect(outputs['duration-seconds']).toMatch(/^\d+$/)
    // From the Reporter's creation to finish(), in whole seconds.
    expect(outputs['duration-seconds']).toBe('65')
    expect(outputs.restarted).toBe('d1,d2')
    expect(JSON.parse(outputs.results)).toEqual([
      {
        deploymentId: 'd1',
        name: 'shared-mapserver',
        service: null,
        jobId: 'j1',
        jobsUrl: 'https://gis.example.com/arcgis/admin/jobs/j1',
        status: 'COMPLETED',
        ready: true,
        verified: true,
        durationSeconds: 42.5,
        error: null,
        stoppedServices: [],
        messages: [],
        note: null,
        health: null,
        healthReason: null
      },
      {
        deploymentId: 'd2',
        name: null,
        service: 'Hosted/Parcels.FeatureServer',
        jobId: 'j2',
        jobsUrl: 'https://gis.example.com/arcgis/admin/jobs/j2',
        status: 'COMPLETED',
        ready: true,
        verified: null,
        durationSeconds: 65,
        error: null,
        stoppedServices: [],
        messages: [],
        note: null,
        health: null,
        healthReason: null
      }
    ])

    const summary = runner.summary
    expect(summary).toContain('<h3>ArcGIS deployment restart: success</h3>')
    expect(summary).toContain('ArcGIS Enterprise 11.3')
    expect(tableRows(summary)).toEqual([
      ['Deployment', 'Id', 'Job', 'Status', 'Ready', 'Verified', 'Duration'],
      ['shared-mapserver', 'd1', 'j1', 'COMPLETED', 'yes', 'yes', '43s'],
      ['(Hosted/Parcels.FeatureServer)', 'd2', 'j2', 'COMPLETED', 'yes', '', '1m05s']
    ])
    expect(summary).not.toContain('What went wrong')
    expect(summary).not.toContain('<h4>Deployments</h4>')
    expect(runner.errors).toEqual([])
    expect(process.exitCode).toBeUndefined()
  })

  it('links each job id in the summary to the job under the portal URL, never to a host the server named', async () => {
    const reporter = new Reporter(redact)
    reporter.start({ deployments: ['d1', 'd2'], portalUrl: 'https://gis.example.com/arcgis' })
    reporter.targets(targets)
    reporter.update(0, completed(0))
    reporter.update(
      1,
      completed(1, { jobsUrl: text('https://internal.example:7443/arcgis/admin/jobs/j2') })
    )
    await reporter.finish({ outcome: 'success' })
    const links = [...runner.summary.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(
      ([, href, text]) => [text, href]
    )
    expect(links).toEqual([
      ['j1', 'https://gis.example.com/arcgis/admin/jobs/j1'],
      ['j2', 'https://gis.example.com/arcgis/admin/jobs/j2']
    ])
    expect(runner.summary).not.toContain('internal.example')
  })

  it('keeps the link whole when the portal host holds a quote (the URL parser keeps one there)', async () => {
    const reporter = new Reporter(redact)
    reporter.start({ deployments: ['d1'], portalUrl: 'https://a"b.example/arcgis' })
    reporter.targets(targets.slice(0, 1))
    reporter.update(0, completed(0))
    await reporter.finish({ outcome: 'success' })
    expect(runner.summary).toContain(
      '<a href="https://a&quot;b.example/arcgis/admin/jobs/j1">j1</a>'
    )
  })

  it('ends the log with the tally of the run', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets)
    reporter.update(0, completed(0))
    reporter.update(1, completed(1, { outcome: 'failure', error: 'boom' }))
    await reporter.finish({ outcome: 'failure' })
    expect(runner.lines.at(-1)).toMatch(/^1 of 2 deployments restarted in \S+ \(1 failed\)$/)
  })

  it('succeeds with job-status UNKNOWN and notes a lost job record in the summary', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets.slice(0, 1))
    reporter.update(
      0,
      completed(0, {
        status: 'UNKNOWN',
        note: `Job j1 could not be read for 3m00s (last: ${SECRET}): its record was lost.`
      })
    )
    await reporter.finish({ outcome: 'success' })

    expect(runner.outputs).toMatchObject({ 'job-status': 'UNKNOWN', outcome: 'success' })
    expect(process.exitCode).toBeUndefined()
    const summary = runner.summary
    expect(tableRows(summary)[1]).toEqual([
      'shared-mapserver',
      'd1',
      'j1',
      'UNKNOWN',
      'yes',
      '',
      '43s'
    ])
    expect(summary).not.toContain('What went wrong')
    expect(summary).toContain('<h4>Worth knowing</h4>')
    expect(summary).toContain(
      '<li>shared-mapserver (d1): Job j1 could not be read for 3m00s (last: ***): its record was lost.</li>'
    )
    // What was seen: the pods ready again, not a restart job that completed.
    expect(summary).toMatch(
      /1 of 1 deployment ready again in \S+; its restart job could not be followed/
    )
    expect(summary).not.toMatch(/restarted in/)
    expect(runner.lines.at(-1)).toMatch(
      /^1 of 1 deployment ready again in \S+; its restart job could not be followed$/
    )
    expect(JSON.parse(runner.outputs.results)).toEqual([
      expect.objectContaining({
        status: 'UNKNOWN',
        note: 'Job j1 could not be read for 3m00s (last: ***): its record was lost.'
      })
    ])
  })

  it('fails the step naming each deployment that failed, and lists the reasons in the summary', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets)
    reporter.update(
      0,
      completed(0, {
        status: 'FAILED',
        outcome: 'failure',
        ready: null,
        error: 'Job j1 ended FAILED: Pod crashed.'
      })
    )
    reporter.update(
      1,
      resultFor(targets[1], {
        status: 'SKIPPED',
        outcome: 'skipped',
        error: 'Not restarted because shared-mapserver (d1) failed'
      })
    )
    await reporter.finish({ outcome: 'failure' })

    expect(runner.outputs).toMatchObject({
      'job-status': 'FAILED',
      outcome: 'failure',
      'job-id': 'j1,'
    })
    expect(runner.errors).toEqual(['shared-mapserver (d1): Job j1 ended FAILED: Pod crashed.'])
    expect(process.exitCode).toBe(1)
    const summary = runner.summary
    expect(summary).toContain('<h3>ArcGIS deployment restart: failure</h3>')
    // Ready and Verified are blank when not checked; a skipped deployment shows no duration.
    expect(tableRows(summary).slice(1)).toEqual([
      ['shared-mapserver', 'd1', 'j1', 'FAILED', '', '', '43s'],
      ['(Hosted/Parcels.FeatureServer)', 'd2', '', 'SKIPPED', '', '', '']
    ])
    expect(summary).toContain('<h4>What went wrong</h4>')
    expect(summary).toContain('<li>shared-mapserver (d1): Job j1 ended FAILED: Pod crashed.</li>')
    expect(summary).toContain('<li>d2: Not restarted because shared-mapserver (d1) failed</li>')
  })

  it('says that nothing was restarted when filters allowed to match nothing matched nothing', async () => {
    const reporter = new Reporter(redact)
    reporter.targets([])
    await reporter.finish({ outcome: 'success' })
    expect(runner.outputs).toMatchObject({ 'deployment-id': '', outcome: 'success', results: '[]' })
    expect(runner.summary).toContain(
      'No deployment matched: nothing was restarted (allow-empty is true).'
    )
    expect(runner.summary).not.toContain('<table>')
  })

  it("shows a dry run's table of deployments, those left out included", async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets.slice(0, 1))
    reporter.update(0, completed(0, { status: 'NOT RESTARTED', outcome: 'dry-run' }))
    reporter.inventory([
      {
        deployment: {
          id: 'd1',
          name: text('shared-mapserver'),
          type: text('MapServer'),
          mode: text('Shared'),
          configuredState: 'STARTED'
        },
        replicasReady: '1/2',
        wouldRestart: true
      },
      {
        deployment: {
          id: 'k<9>',
          name: text('ingress-controller'),
          type: text('System'),
          mode: text('Undefined')
        },
        replicasReady: '2/2',
        wouldRestart: false
      },
      {
        deployment: {
          id: 's1',
          type: text('MapServer'),
          mode: text('Dedicated'),
          configuredState: 'STOPPED'
        },
        replicasReady: '0/1',
        wouldRestart: false
      }
    ])
    await reporter.finish({ outcome: 'dry-run' })
    const summary = runner.summary
    expect(summary).toContain('<h4>Deployments</h4>')
    expect(tableRows(summary, 1)).toEqual([
      ['Deployment', 'Id', 'Type', 'Mode', 'State', 'Ready', 'Restart'],
      ['shared-mapserver', 'd1', 'MapServer', 'Shared', 'STARTED', '1/2', 'yes'],
      ['ingress-controller', 'k&lt;9&gt;', 'System', 'Undefined', '', '2/2', 'only when named'],
      ['', 's1', 'MapServer', 'Dedicated', 'STOPPED', '0/1', 'no: stopped']
    ])
  })

  it('shows the health table first with restart-if: unhealthy, its cells escaped, and sets restarted', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets)
    reporter.update(0, {
      ...completed(0, {
        status: 'HEALTHY',
        outcome: 'skipped',
        jobId: undefined,
        jobsUrl: undefined
      }),
      health: { verdict: 'healthy', pods: '2/2', services: 'answer' }
    })
    reporter.update(1, {
      ...completed(1),
      health: {
        verdict: 'unhealthy',
        pods: '1/1',
        services: 'do not answer',
        reason: 'Service <X> did not answer\nat all'
      }
    })
    await reporter.finish({ outcome: 'success' })
    expect(runner.outputs.restarted).toBe('d2')
    expect(runner.summary).toContain('<h4>Health</h4>')
    expect(tableRows(runner.summary, 0)).toEqual([
      ['Deployment', 'Pods', 'Services', 'Health', 'What was wrong'],
      ['shared-mapserver', '2/2', 'answer', 'healthy', ''],
      ['d2', '1/1', 'do not answer', 'unhealthy', 'Service &lt;X&gt; did not answer at all']
    ])
    expect(tableRows(runner.summary, 1)[1].slice(2, 4)).toEqual(['', 'HEALTHY'])
  })

  it('says the timeout was reached, with the last status', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets.slice(0, 1))
    reporter.update(
      0,
      completed(0, {
        status: 'EXECUTING',
        outcome: 'timeout',
        ready: null,
        error: 'Job j1 did not end before the timeout (last status EXECUTING)'
      })
    )
    await reporter.finish({ outcome: 'timeout' })
    expect(runner.outputs).toMatchObject({ 'job-status': 'EXECUTING', outcome: 'timeout' })
    expect(runner.errors).toEqual([
      'The restart did not finish before the timeout.\nshared-mapserver (d1): Job j1 did not end before the timeout (last status EXECUTING)'
    ])
  })

  it('fails with the error of a run that stopped before any restart', async () => {
    const reporter = new Reporter(redact)
    await reporter.finish({
      outcome: 'failure',
      error: 'Invalid input: timeout "abc" is not a duration'
    })
    expect(runner.outputs).toMatchObject({
      outcome: 'failure',
      'job-status': '',
      results: '[]'
    })
    expect(runner.errors).toEqual(['Invalid input: timeout "abc" is not a duration'])
    expect(runner.summary).toContain(
      '<li>Invalid input: timeout &quot;abc&quot; is not a duration</li>'
    )
    expect(runner.summary).not.toContain('<table>')
  })

  it('after a cancellation, logs each submitted job with its URL and fails the step', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets)
    reporter.update(0, completed(0, { status: 'EXECUTING', outcome: 'failure' }))
    await reporter.finish({ outcome: 'cancelled' })
    expect(runner.lines).toContain(
      'Job j1 of shared-mapserver (d1) was submitted and goes on in the cluster (last status EXECUTING): https://gis.example.com/arcgis/admin/jobs/j1'
    )
    expect(runner.outputs).toMatchObject({ outcome: 'cancelled', 'job-id': 'j1,' })
    expect(runner.errors[0]).toMatch(
      /^The run was cancelled; submitted restarts go on in the cluster\./
    )
    expect(process.exitCode).toBe(1)
  })

  it('warns that a refresh cut short by a cancellation may have started the restart', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets)
    reporter.update(0, completed(0, { status: 'EXECUTING', outcome: 'failure' }))
    reporter.update(1, resultFor(targets[1], { status: REFRESHING, outcome: 'failure' }))
    await reporter.finish({ outcome: 'cancelled' })
    expect(runner.warnings).toEqual([
      'The refresh of d2 was being sent when the run was cancelled: the restart may have started; check the deployment.'
    ])
  })

  it('still fails the step, with a warning, when the summary cannot be written', async () => {
    // core.summary keeps the path it first saw: make that path unwritable as a file.
    rmSync(runner.summaryFile)
    mkdirSync(runner.summaryFile)
    try {
      const reporter = new Reporter(redact)
      await reporter.finish({ outcome: 'failure', error: 'boom' })
      expect(runner.errors).toEqual(['boom'])
      expect(runner.warnings).toEqual([
        expect.stringMatching(/^The step summary could not be written: /)
      ])
      expect(runner.outputs.outcome).toBe('failure')
    } finally {
      rmSync(runner.summaryFile, { recursive: true })
      writeFileSync(runner.summaryFile, '')
    }
  })

  it.each(['submitted', 'dry-run'] as const)('does not fail the step on %s', async (outcome) => {
    const reporter = new Reporter(redact)
    reporter.targets(targets.slice(0, 1))
    await reporter.finish({ outcome: outcome })
    // Its own summary only: nothing left over from a summary that another test failed to write.
    expect(runner.summary.startsWith(`<h3>ArcGIS deployment restart: ${outcome}</h3>`)).toBe(true)
    expect(runner.outputs.outcome).toBe(outcome)
    expect(runner.errors).toEqual([])
    expect(process.exitCode).toBeUndefined()
  })

  it('finishes once', async () => {
    const reporter = new Reporter(redact)
    await reporter.finish({ outcome: 'success' })
    await reporter.finish({ outcome: 'failure', error: 'late' })
    expect(runner.outputs.outcome).toBe('success')
    expect(runner.errors).toEqual([])
  })

  it('escapes HTML and line breaks in the summary', async () => {
    const reporter = new Reporter(redact)
    reporter.targets([{ deployment: { id: 'd1', name: text('<b>x</b> & y') }, services: [] }])
    reporter.update(0, {
      ...completed(0),
      name: text('<b>x</b> & y'),
      outcome: 'failure',
      error: 'line one\nline <two>'
    })
    await reporter.finish({ outcome: 'failure' })
    expect(tableRows(runner.summary)[1][0]).toBe('&lt;b&gt;x&lt;/b&gt; &amp; y')
    expect(runner.summary).toContain('line one line &lt;two&gt;')
  })

  it('writes no summary without GITHUB_STEP_SUMMARY', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    const reporter = new Reporter(redact)
    await reporter.finish({ outcome: 'failure', error: 'boom' })
    expect(runner.summary).toBe('')
    expect(runner.errors).toEqual(['boom'])
  })

  it('redacts secrets in the errors it writes to outputs, summary and the failure message', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets.slice(0, 1))
    reporter.update(0, completed(0, { outcome: 'failure', error: `Server said token=${SECRET}` }))
    await reporter.finish({ outcome: 'failure', error: `Also ${SECRET}` })
    expect(runner.rawOutputFile).not.toContain(SECRET)
    expect(runner.summary).not.toContain(SECRET)
    expect(runner.stdout).not.toContain(SECRET)
    expect(JSON.parse(runner.outputs.results)[0].error).toBe('Server said token=***')
    expect(runner.errors[0]).toContain('Also ***')
  })

  it('keeps a secret that the server echoed in a job URL out of the outputs', async () => {
    const reporter = new Reporter(redact)
    reporter.targets(targets.slice(0, 1))
    reporter.update(
      0,
      completed(0, {
        jobsUrl: text(`https://gis.example.com/arcgis/admin/jobs/j1?token=${SECRET}`)
      })
    )
    await reporter.finish({ outcome: 'success' })
    expect(runner.rawOutputFile).not.toContain(SECRET)
    expect(runner.summary).not.toContain(SECRET)
  })
})
