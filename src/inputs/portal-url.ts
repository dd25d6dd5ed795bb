import { isIP } from 'node:net'
import type { Vocabulary } from '../common/vocabulary.js'

/**
 * The pages people paste for the portal URL, by the path segment after the context that starts them: the part from
 * that segment on is dropped (with a notice), as is a trailing `/admin` (without one: it names the admin API itself).
 */
const PORTAL_PAGES: Record<string, string> = {
  home: "a page of the portal's home app",
  sharing: "the portal's sharing API",
  portaladmin: 'the Portal Administrator API',
  manager: 'ArcGIS Enterprise Manager',
  rest: 'the services directory',
  admin: 'a resource of the admin API'
}

export function parsePortalUrl(
  value: string,
  problem: (text: string) => void,
  notice: (text: string) => void,
  words: Vocabulary
): string {
  const name = words.name('portal-url')
  if (!value) {
    problem(`${name} is required (e.g. https://gis.example.com/arcgis)`)
    return ''
  }
  // `localhost:8443/arcgis` would parse as a URL whose scheme is `localhost:`.
  if (!/^[a-z][a-z\d+.-]*:(?!\d)/i.test(value)) {
    problem(`${name} "${value}" has no scheme: write https://${value.replace(/^\/+/, '')}`)
    return ''
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    problem(`${name} "${value}" is not a URL (expected https://host/<context>)`)
    return ''
  }
  if (url.username || url.password) {
    problem(
      `${name} must not contain credentials: give them in ${words.name('token')}, or in ${words.name('username')} and ${words.name('password')}`
    )
    return ''
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    problem(
      `${name} must use https: plain http would send the admin token in clear text (http is allowed only for localhost)`
    )
    return ''
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problem(`${name} must be an https URL, not ${url.protocol}`)
    return ''
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  // The first segment is the web adaptor's context, whatever its name.
  const pageAt = segments.findIndex(
    (segment, index) => index > 0 && Object.hasOwn(PORTAL_PAGES, segment.toLowerCase())
  )
  if (pageAt === -1 && (url.search || url.hash)) {
    problem(`${name} must not have a query or fragment: use https://${url.host}${url.pathname}`)
    return ''
  }
  if (pageAt === -1) return `${url.origin}${pathOf(segments)}`

  const portalUrl = `${url.origin}${pathOf(segments.slice(0, pageAt))}`
  const dropped = segments.slice(pageAt)
  if (dropped.length > 1 || dropped[0].toLowerCase() !== 'admin' || url.search || url.hash) {
    const query = url.search || url.hash ? ' and its query' : ''
    notice(
      `${name} names ${PORTAL_PAGES[dropped[0].toLowerCase()]}, not the portal: using ${portalUrl} (dropped "${pathOf(dropped)}"${query}). Set ${name} to ${portalUrl} to silence this warning.`
    )
  }
  return portalUrl
}

function pathOf(segments: string[]): string {
  return segments.map((segment) => `/${segment}`).join('')
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  return isIP(host) === 4 && host.startsWith('127.')
}
