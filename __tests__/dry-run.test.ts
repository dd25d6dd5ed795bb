import { describe, expect, it } from '@jest/globals'
import { dryRun } from '../src/restart/dry-run.js'
import type { RestartResult } from '../src/restart/results.js'
import { fakeClient } from './support/fake-client.js'
import { recordingLogger } from './support/recording-logger.js'

describe('dryRun', () => {
  // That a dry run refreshes nothing is the engine's choice, not dryRun's (it has no way to refresh): action-main
  // tests prove it ('reads each deployment and its status on a dry run, and refreshes nothing').
  it('reads each status, says what would restart and logs a table with those left out', async () => {
    const { client, asClient } = fakeClient({
      statuses: [
        { currentState: 'STARTED', readyReplicas: 1, totalReplicas: 2 },
        { currentState: 'STARTED', readyReplicas: 2, totalReplicas: 2 },
        { currentState: 'STARTED', readyReplicas: 0, totalReplicas: 1 }
      ]
    })
    const logger = recordingLogger()
    const reported: Array<[number, RestartResult]> = []
    const rows = await dryRun(
      {
        targets: [
          {
            deployment: {
              id: 'd1',
              name: 'shared-mapserver',
              type: 'MapServer',
              mode: 'Shared',
              configuredState: 'STARTED'
            },
            services: []
          }
        ],
        namedOnly: [{ id: 'k9', name: 'ingress-controller', type: 'System', mode: 'Undefined' }],
        stopped: [
          {
            id: 's1',
            name: 'archive-mapserver',
            type: 'MapServer',
            mode: 'Dedicated',
            configuredState: 'STOPPED'
          }
        ]
      },
      asClient,
      logger,
      (index, result) => reported.push([index, result])
    )
    expect(reported).toEqual([
      [
        0,
        expect.objectContaining({
          deploymentId: 'd1',
          status: 'NOT RESTARTED',
          outcome: 'dry-run',
          ready: false
        })
      ]
    ])
    expect(client.getDeploymentStatus.mock.calls.map(([id]) => id)).toEqual(['d1', 'k9', 's1'])
    expect(rows.map((row) => [row.deployment.id, row.replicasReady, row.wouldRestart])).toEqual([
      ['d1', '1/2', true],
      ['k9', '2/2', false],
      ['s1', '0/1', false]
    ])
    expect(logger.infos()).toEqual([
      'Would restart shared-mapserver (d1): Shared, 1/2 replicas ready, STARTED',
      'Deployments (1 would restart):',
      'Deployment          Id  Type       Mode       State    Ready  Restart',
      'shared-mapserver    d1  MapServer  Shared     STARTED  1/2    yes',
      'ingress-controller  k9  System     Undefined           2/2    only when named',
      'archive-mapserver   s1  MapServer  Dedicated  STOPPED  0/1    no: stopped'
    ])
  })

  it('reports a healthy deployment as ready, and logs no table when nothing matched', async () => {
    const { asClient } = fakeClient()
    const logger = recordingLogger()
    const reported: RestartResult[] = []
    await dryRun(
      { targets: [{ deployment: { id: 'd1' }, services: [] }], namedOnly: [], stopped: [] },
      asClient,
      logger,
      (_, result) => reported.push(result)
    )
    expect(reported[0].ready).toBe(true)
    expect(logger.infos().at(-1)).toBe(`${' '.repeat(12)}d1${' '.repeat(21)}1/1    yes`)
    const empty = recordingLogger()
    await dryRun({ targets: [], namedOnly: [], stopped: [] }, asClient, empty, () => undefined)
    expect(empty.infos()).toEqual([])
  })
})
