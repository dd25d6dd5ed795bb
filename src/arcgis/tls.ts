import tls from 'node:tls'

/**
 * Whether this Node.js can add a CA at run time: tls.setDefaultCACertificates came with Node.js 22.19 and 24.5 (and
 * tls.getCACertificates, which it needs, earlier), so 22.0-22.18, 23 and 24.0-24.4 cannot; NODE_EXTRA_CA_CERTS,
 * read when Node.js starts, works on every version.
 */
export function canTrustCertificates(): boolean {
  return typeof tls.setDefaultCACertificates === 'function'
}

/**
 * Trusts a private certificate authority for this process, in addition to Node's roots (and NODE_EXTRA_CA_CERTS).
 * Verification itself is never switched off.
 */
export function trustCertificates(pems: string[]): void {
  if (pems.length === 0) return
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...pems])
}
