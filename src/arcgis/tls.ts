import tls from 'node:tls'

/**
 * Trusts a private certificate authority for this process, in addition to Node's roots (and NODE_EXTRA_CA_CERTS).
 * Verification itself is never switched off.
 */
export function trustCertificates(pems: string[]): void {
  if (pems.length === 0) return
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...pems])
}
