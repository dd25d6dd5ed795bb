// Which handler answers a request that no fault took. Below /<context>/ the emulator serves
// sharing/rest/generateToken, open to anyone, and admin/..., behind a token: the admin endpoints
// are the rows of adminRoutes. A new area below /<context>/ (rest/services/..., say) goes into
// answerApi next to those two.
import { HTML_TYPE, json, type Answer, type Answered, type ErrorAnswers } from './answers.ts'
import type { Deployments } from './deployments.ts'
import type { Jobs } from './jobs.ts'
import type { IssuedToken, Tokens } from './tokens.ts'
import type { DeploymentSeed, RecordedRequest } from './types.ts'

/** The emulator's state, as the handlers see it. */
export interface Api {
  /** The web adaptor context, e.g. 'arcgis'. */
  context: string
  /** fullVersion and currentVersion of GET admin. */
  version: string
  errors: ErrorAnswers
  tokens: Tokens
  deployments: Deployments
  jobs: Jobs
}

/** An authenticated request to an admin route. */
export interface AdminCall {
  api: Api
  request: RecordedRequest
  token: IssuedToken
  /** The values of the route's ':name' segments, percent-decoded. */
  params: Record<string, string>
  /** The origin the client called (from its Host header), for URLs in an answer. */
  clientOrigin: string
}

export interface AdminRoute {
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
export const adminRoutes: AdminRoute[] = [
  {
    path: '',
    answer: ({ api }) =>
      json({
        fullVersion: api.version,
        currentVersion: api.version,
        resources: ['system', 'services', 'jobs', 'security', 'logs', 'healthCheck']
      })
  },
  { path: 'system/deployments', answer: ({ api }) => api.deployments.list() },
  {
    path: 'system/deployments/:deploymentId',
    answer: withDeployment((seed, { api }) => api.deployments.describe(seed))
  },
  {
    path: 'system/deployments/:deploymentId/status',
    answer: withDeployment((seed, { api }) =>
      api.deployments.status(seed, api.jobs.readyReplicas(seed, Date.now()))
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
    path: 'services/:service',
    answer: ({ api, params }) => api.deployments.describeService(params.service)
  },
  {
    path: 'services/:folder/:service',
    answer: ({ api, params }) =>
      api.deployments.describeService(`${params.folder}/${params.service}`)
  },
  { path: 'jobs/:jobId', answer: ({ api, params }) => api.jobs.describe(params.jobId) }
]

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
  const contextPrefix = `/${api.context}/`
  if (!request.path.startsWith(contextPrefix)) return api.errors.notFound(request.path)
  const route = request.path.slice(contextPrefix.length).replace(/\/+$/, '')
  const isTokenRoute = route === 'sharing/rest/generateToken'
  if (!isTokenRoute && route !== 'admin' && !route.startsWith('admin/')) {
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
  const segments = route.split('/').slice(1).map(safeDecode)
  for (const adminRoute of adminRoutes) {
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
