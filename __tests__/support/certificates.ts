import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { createTestCertificates, type TestCertificates } from '../../emulator/tls.ts'

/**
 * A name of this machine that /etc/hosts maps to a loopback address (Debian maps the host name so), if it has one.
 * The toolkit never sends a request for `localhost` or `127.*` through a proxy, so only such a name shows that
 * NO_PROXY is what keeps a request off the proxy, while the traffic stays on loopback.
 */
export const LOOPBACK_ALIAS = loopbackAlias()

function loopbackAlias(): string | undefined {
  const name = hostname()
  let hosts: string
  try {
    hosts = readFileSync('/etc/hosts', 'utf8')
  } catch {
    return undefined
  }
  const mapped = hosts
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
    .some(([address, ...names]) => /^127\./.test(address ?? '') && names.includes(name))
  return mapped && name !== 'localhost' ? name : undefined
}

/** Every host name the tests serve the emulator under. */
export const CERTIFICATE_HOSTS = [
  'portal.test',
  'localhost',
  '127.0.0.1',
  '::1',
  ...(LOOPBACK_ALIAS ? [LOOPBACK_ALIAS] : [])
]

/** The variable that names the file where the global setup left the run's certificates. */
export const CERTIFICATES_FILE = 'ARCGIS_TEST_CERTIFICATES_FILE'

let certificates: TestCertificates | undefined

/**
 * The run's test CA and the server certificate it signed for CERTIFICATE_HOSTS. They are made once per run by the
 * global setup (__tests__/setup/certificates.ts): forge takes seconds to sign inside jest's sandbox.
 */
export function testCertificates(): TestCertificates {
  const file = process.env[CERTIFICATES_FILE]
  certificates ??= file
    ? (JSON.parse(readFileSync(file, 'utf8')) as TestCertificates)
    : createTestCertificates(CERTIFICATE_HOSTS)
  return certificates
}
