// The GIS services' own REST endpoints, <context>/rest/services/[<Folder>/]<Name>/<Type>, as a client that checks a
// service answers sees them. After a restart of its deployment a service answers a portal-style error until its pods
// are ready and serviceWarmupMs more (forever for a seed that says servicesNeverAnswer); otherwise its description. A
// stopped service answers "not started" for as long as it is stopped, and one of a seed unhealthy by its services an
// error until the seed's first refresh.
import { json, type Answer, type ErrorAnswers } from './answers.ts'
import type { Deployments } from './deployments.ts'
import type { Jobs } from './jobs.ts'

export interface ServiceEndpointsSetup {
  deployments: Deployments
  jobs: Jobs
  errors: ErrorAnswers
  /** currentVersion of each service's description. */
  version: string
  warmupMs: number
}

export class ServiceEndpoints {
  readonly #setup: ServiceEndpointsSetup

  constructor(setup: ServiceEndpointsSetup) {
    this.#setup = setup
  }

  /** GET rest/services/<segments>, the segments below rest/services. */
  describe(segments: string[]): Answer {
    const { deployments, jobs, errors, version, warmupMs } = this.#setup
    const [folder, name, type] = segments.length === 3 ? segments : [undefined, ...segments]
    const found = segments.length >= 2 && segments.length <= 3 && name && type
    const service = found ? deployments.serviceAt(folder, name, type) : undefined
    const path = segments.join('/')
    if (!service) return errors.portal(404, `Service ${path} not found.`)
    // The text of public servers, its trailing space included.
    if (service.record.stopped) return errors.portal(500, `Service ${path} not started `)

    if (jobs.unhealthy(service.seed) === 'services') {
      return errors.portal(500, `Service ${path} is not available.`, [
        `The pods of ${service.seed.name} do not answer.`
      ])
    }
    const readySince = jobs.readySince(service.seed)
    const answering =
      readySince === undefined ||
      (!service.seed.servicesNeverAnswer && jobs.now() >= readySince + warmupMs)
    if (!answering) {
      return errors.portal(500, `Service ${path} is not started.`, [
        `The deployment ${service.seed.name} is restarting.`
      ])
    }
    return json({
      currentVersion: Number.parseFloat(version),
      serviceDescription: '',
      serviceName: service.record.serviceName,
      type: service.record.type
    })
  }
}
