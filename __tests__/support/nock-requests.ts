import type nock from 'nock'

/** A request as nock saw it. */
export interface SeenRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body: string
  /** The body parsed as a form (empty for a GET). */
  form: Record<string, string>
}

/** Records every request that `scope` answers, in order. */
export function recordRequests(scope: nock.Scope): SeenRequest[] {
  const seen: SeenRequest[] = []
  scope.on('request', (request: Request, _interceptor: unknown, body: string) => {
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: Object.fromEntries(request.headers.entries()),
      body: body ?? '',
      form: Object.fromEntries(new URLSearchParams(body ?? ''))
    })
  })
  return seen
}
