import { afterEach, describe, expect, it } from '@jest/globals'
import { X509Certificate } from 'node:crypto'
import tls from 'node:tls'
import { trustCertificates } from '../src/arcgis/tls.js'
import { testCertificates } from './support/certificates.js'

const original = tls.getCACertificates('default')
afterEach(() => tls.setDefaultCACertificates(original))

// Node re-encodes (and de-duplicates) the PEMs it is given: compare certificates by fingerprint.
const fingerprints = (pems: string[]) =>
  new Set(pems.map((pem) => new X509Certificate(pem).fingerprint256))

describe('trustCertificates', () => {
  it('leaves the default roots alone when there is nothing to add', () => {
    trustCertificates([])
    expect(tls.getCACertificates('default')).toEqual(original)
  })

  it('trusts the given CA in addition to the default roots', () => {
    const ca = testCertificates().caCert
    trustCertificates([ca])
    const trusted = fingerprints(tls.getCACertificates('default'))
    expect(trusted.has(new X509Certificate(ca).fingerprint256)).toBe(true)
    expect([...fingerprints(original)].every((fingerprint) => trusted.has(fingerprint))).toBe(true)
    expect(trusted.size).toBe(fingerprints(original).size + 1)
  })
})
