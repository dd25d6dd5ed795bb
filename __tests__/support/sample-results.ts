import { resultFor, type RestartResult } from '../../src/restart/results.js'
import type { Target } from '../../src/restart/targets.js'
import { text } from './server-texts.js'

/** Two targets: one named, one that a service led to. */
export const targets: Target[] = [
  { deployment: { id: 'd1', name: text('shared-mapserver') }, services: [] },
  { deployment: { id: 'd2' }, services: ['Hosted/Parcels.FeatureServer'] }
]
/** The result of a restart of `targets[index]` that went well, with `fields` changed. */
export const completed = (index: number, fields: Partial<RestartResult> = {}): RestartResult =>
  resultFor(targets[index], {
    jobId: text(`j${index + 1}`),
    jobsUrl: text(`https://gis.example.com/arcgis/admin/jobs/j${index + 1}`),
    status: 'COMPLETED',
    outcome: 'success',
    ready: true,
    durationSeconds: 42.5,
    ...fields
  })
