import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import forge from 'node-forge'

export interface TestCertificates {
  caCert: string
  key: string
  cert: string
}

const DAY_MS = 24 * 60 * 60 * 1000

// forge's RSA key generation in pure JS takes seconds; OpenSSL's takes milliseconds.
function generateRsaKeyPair(): {
  privateKey: forge.pki.rsa.PrivateKey
  publicKey: forge.pki.rsa.PublicKey
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' }
  })
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey
  }
}

// A DER INTEGER with its high bit set is negative, which OpenSSL rejects as a serial number.
function positiveSerialNumber(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] & 0x7f) | 0x01
  return bytes.toString('hex')
}

/** A certificate of this key with a fresh serial number, valid from yesterday to tomorrow. */
function newCertificate(publicKey: forge.pki.rsa.PublicKey): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate()
  certificate.publicKey = publicKey
  certificate.serialNumber = positiveSerialNumber()
  const yesterday = new Date(Date.now() - DAY_MS)
  certificate.validity.notBefore = yesterday
  certificate.validity.notAfter = new Date(yesterday.getTime() + 2 * DAY_MS)
  return certificate
}

/**
 * A throwaway certificate authority and a server certificate it signed, as PEM strings, for
 * serving the emulator over HTTPS without ever switching TLS verification off in the client.
 */
export function createTestCertificates(
  hostnames: string[] = ['localhost', '127.0.0.1']
): TestCertificates {
  if (hostnames.length === 0) throw new Error('createTestCertificates needs at least one hostname')

  const caKeys = generateRsaKeyPair()
  const caCertificate = newCertificate(caKeys.publicKey)
  const caSubject = [
    { name: 'commonName', value: 'ArcGIS admin API emulator test CA' },
    { name: 'organizationName', value: 'arcgis-k8s-restart-action tests' }
  ]
  caCertificate.setSubject(caSubject)
  caCertificate.setIssuer(caSubject)
  caCertificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' }
  ])
  caCertificate.sign(caKeys.privateKey, forge.md.sha256.create())

  const serverKeys = generateRsaKeyPair()
  const serverCertificate = newCertificate(serverKeys.publicKey)
  serverCertificate.setSubject([{ name: 'commonName', value: hostnames[0] }])
  serverCertificate.setIssuer(caSubject)
  serverCertificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hostnames.map((hostname) =>
        isIP(hostname) ? { type: 7, ip: hostname } : { type: 2, value: hostname }
      )
    },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCertificate.generateSubjectKeyIdentifier().getBytes()
    }
  ])
  serverCertificate.sign(caKeys.privateKey, forge.md.sha256.create())

  return {
    caCert: forge.pki.certificateToPem(caCertificate),
    key: forge.pki.privateKeyToPem(serverKeys.privateKey),
    cert: forge.pki.certificateToPem(serverCertificate)
  }
}
