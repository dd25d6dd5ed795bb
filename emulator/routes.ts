// Which handler answers a request that no fault took. Below /<context>/ the emulator serves
// sharing/rest/generateToken, open to anyone, admin/..., behind a token: the admin endpoints are the
// rows of adminRoutes, and rest/services/..., the GIS services' own endpoints, behind a token too
// (services.ts). Outside the context, /health answers a plain 200 to anyone, as a web app's health
// endpoint does. A new area below /<context>/ goes into answerApi next to those.
import {
  HTML_TYPE,
  json,
  TEXT_TYPE,
  type Answer,
  type Answered,
  type ErrorAnswers
} from './answers.ts'
import type { Deployments } from './deployments.ts'
import type { Jobs } from './jobs.ts'
import type { ServiceEndpoints } from './services.ts'
import type { IssuedToken, Tokens } from './tokens.ts'
import type {
  DeploymentListing,
  DeploymentSeed,
  EmulatorOptions,
  RecordedRequest
} from './types.ts'

/** The emulator's state, as the handlers see it. */
export interface Api {
  /** The web adaptor context, e.g. 'arcgis'. */
  context: string
  /** fullVersion and currentVersion of GET admin. */
  version: string
  /** GET admin gives only currentVersion, as a JSON number. */
  numericVersion: boolean
  /** A classic ArcGIS Server answers instead: classicAdminRoutes. */
  classicServer: boolean
  errors: ErrorAnswers
  tokens: Tokens
  deployments: Deployments
  jobs: Jobs
  services: ServiceEndpoints
  deploymentListings: DeploymentListing[]
  serviceListing: NonNullable<EmulatorOptions['serviceListing']>
}

/** An authenticated request to an admin route. */
interface AdminCall {
  api: Api
  request: RecordedRequest
  token: IssuedToken
  /** The values of the route's ':name' segments, percent-decoded. */
  params: Record<string, string>
  /** The origin the client called (from its Host header), for URLs in an answer. */
  clientOrigin: string
}

interface AdminRoute {
  /**
   * The path below admin/, segments split by '/': each a literal, or ':name', which matches any one
   * segment and hands it to the handler as params.name. '' is admin itself.
   */
  path: string
  answer(call: AdminCall): Answered
}

/**
 * Every endpoint below admin/, tried in order: the first route whose path matches answers, and a
 * path no route matches answers 404. A new admin endpoint is one more row here; its handler lives
 * with the state it reads (deployments.ts, jobs.ts, tokens.ts).
 */
const adminRoutes: AdminRoute[] = [
  {
    path: '',
    answer: ({ api }) =>
      json({
        ...(api.numericVersion
          ? { currentVersion: Number(api.version) }
          : { fullVersion: api.version, currentVersion: api.version }),
        resources: ['system', 'services', 'jobs', 'security', 'logs', 'healthCheck']
      })
  },
  {
    path: 'system/deployments',
    answer: listing('resource', ({ api }) => api.deployments.list())
  },
  {
    path: 'system/deployments/findDeploymentIds',
    answer: listing('find-ids', ({ api, request }) => api.deployments.findIds(request.form))
  },
  {
    path: 'system/deployments/getDeploymentsById',
    answer: listing('find-ids', ({ api, request }) => api.deployments.byIds(request.form))
  },
  {
    path: 'system/deployments/:deploymentId',
    answer: withDeployment((seed, { api }) => api.deployments.describe(seed))
  },
  {
    path: 'system/deployments/:deploymentId/status',
    answer: withDeployment((seed, { api }) =>
      api.deployments.status(
        seed,
        api.jobs.readyReplicas(seed),
        api.jobs.unhealthy(seed) === 'state'
      )
    )
  },
  {
    path: 'system/deployments/:deploymentId/refresh',
    answer: withDeployment((seed, { api, request, token, clientOrigin }) =>
      api.jobs.refresh(request, seed, token, clientOrigin)
    )
  },
  // Any other operation of a deployment: an unknown deployment is reported before the operation.
  {
    path: 'system/deployments/:deploymentId/:operation',
    answer: withDeployment((_seed, { api, request }) => api.errors.notFound(request.path))
  },
  {
    path: 'services/:service/scaling',
    answer: ({ api, params }) => api.deployments.serviceScaling(params.service)
  },
  {
    path: 'services/:folder/:service/scaling',
    answer: ({ api, params }) =>
      api.deployments.serviceScaling(`${params.folder}/${params.service}`)
  },
  {
    path: 'services/:service/status',
    answer: ({ api, params }) => api.deployments.serviceStatus(params.service)
  },
  {
    path: 'services/:folder/:service/status',
    answer: ({ api, params }) => api.deployments.serviceStatus(`${params.folder}/${params.service}`)
  },
  {
    path: 'services',
    answer: servicesListing((api) => api.deployments.listRootFolder())
  },
  // A service's name has a dot (Name.Type), a folder's does not.
  {
    path: 'services/:service',
    answer: (call) =>
      call.params.service.includes('.')
        ? call.api.deployments.describeService(call.params.service)
        : servicesListing((api, withIds) =>
            api.deployments.listFolder(call.params.service, withIds)
          )(call)
  },
  {
    path: 'services/:folder/:service',
    answer: ({ api, params }) =>
      api.deployments.describeService(`${params.folder}/${params.service}`)
  },
  { path: 'jobs', answer: ({ api, request }) => api.jobs.list(request) },
  { path: 'jobs/:jobId', answer: ({ api, params }) => api.jobs.describe(params.jobId) }
]

/**
 * The admin API of a classic ArcGIS Enterprise's ArcGIS Server, as far as a client of the Kubernetes API meets it: a
 * root that lists machines and clusters, and services without a deploymentId. Everything else, system/deployments and
 * jobs included, answers 404.
 */
const classicAdminRoutes: AdminRoute[] = [
  {
    path: '',
    answer: ({ api }) =>
      json({
        resources: [
          'machines',
          'clusters',
          'system',
          'services',
          'security',
          'data',
          'uploads',
          'logs',
          'mode',
          'usagereports'
        ],
        currentVersion: Number.parseFloat(api.version),
        fullVersion: api.version
      })
  },
  {
    path: 'services/:service',
    answer: ({ api, params }) => api.deployments.describeService(params.service, 'classic')
  },
  {
    path: 'services/:folder/:service',
    answer: ({ api, params }) =>
      api.deployments.describeService(`${params.folder}/${params.service}`, 'classic')
  }
]

/** A handler of a way of listing deployments: 404 when the emulator does not offer it; the find-ids operations by POST only. */
function listing(way: DeploymentListing, answer: AdminRoute['answer']): AdminRoute['answer'] {
  return (call) => {
    const { api, request } = call
    if (!api.deploymentListings.includes(way)) return api.errors.notFound(request.path)
    if (way === 'find-ids' && request.method !== 'POST') {
      return api.errors.admin(405, [
        `This operation is only supported with POST, not ${request.method}.`
      ])
    }
    return answer(call)
  }
}

/** A handler of the services listing: 404 when serviceListing is 'none'. */
function servicesListing(
  answer: (api: Api, withDeploymentIds: boolean) => Answered
): AdminRoute['answer'] {
  return ({ api, request }) =>
    api.serviceListing === 'none'
      ? api.errors.notFound(request.path)
      : answer(api, api.serviceListing === 'full')
}

/** A handler of a route with a :deploymentId, called with its seed; 404 for an unknown id. */
function withDeployment(
  answer: (seed: DeploymentSeed, call: AdminCall) => Answered
): AdminRoute['answer'] {
  return (call) => {
    const { deploymentId } = call.params
    const seed = call.api.deployments.get(deploymentId)
    return seed ? answer(seed, call) : call.api.deployments.notFound(deploymentId)
  }
}

/**
 * The answer to a request no fault took: 404 outside generateToken and admin/; an HTML page
 * without f=json; then generateToken, or the token check and the admin route.
 */
export async function answerApi(
  api: Api,
  request: RecordedRequest,
  clientOrigin: string
): Promise<Answer | undefined> {
  if (request.path === '/health') return { status: 200, contentType: TEXT_TYPE, body: 'ok' }
  const contextPrefix = `/${api.context}/`
  if (!request.path.startsWith(contextPrefix)) return api.errors.notFound(request.path)
  const route = request.path.slice(contextPrefix.length).replace(/\/+$/, '')
  const isTokenRoute = route === 'sharing/rest/generateToken'
  const isServiceRoute = route.startsWith('rest/services/')
  if (!isTokenRoute && !isServiceRoute && route !== 'admin' && !route.startsWith('admin/')) {
    return api.errors.notFound(request.path)
  }

  // Without f=json ArcGIS answers its HTML directory pages, which a client cannot parse.
  const format = request.form.f ?? request.query.f
  if (format !== 'json' && format !== 'pjson') {
    return {
      status: 200,
      contentType: HTML_TYPE,
      body: '<html><head><title>ArcGIS Enterprise</title></head><body>This resource answers JSON only with f=json.</body></html>'
    }
  }
  if (isTokenRoute) return api.tokens.generateToken(request)

  const authentication = api.tokens.authenticate(request)
  if (!authentication.ok) return authentication.answer
  if (isServiceRoute) return api.services.describe(route.split('/').slice(2).map(safeDecode))
  const segments = route.split('/').slice(1).map(safeDecode)
  for (const adminRoute of api.classicServer ? classicAdminRoutes : adminRoutes) {
    const params = matchPath(adminRoute.path, segments)
    if (params) {
      return adminRoute.answer({
        api,
        request,
        token: authentication.token,
        params,
        clientOrigin
      })
    }
  }
  return api.errors.notFound(request.path)
}

/** The route's parameters if its path matches the segments, else undefined. */
function matchPath(path: string, segments: string[]): Record<string, string> | undefined {
  const pattern = path === '' ? [] : path.split('/')
  if (pattern.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of pattern.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = segments[index]
    else if (part !== segments[index]) return undefined
  }
  return params
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
