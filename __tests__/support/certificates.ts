import { readFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { createTestCertificates, type TestCertificates } from '../../emulator/tls.ts'

/**
 * An IPv4 address of this machine that is not loopback, if it has one: the toolkit never sends loopback requests
 * through a proxy, so only such an address shows that NO_PROXY is what keeps a request off the proxy.
 */
export const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address

/** Every host name the tests serve the emulator under. */
export const CERTIFICATE_HOSTS = [
  'portal.test',
  'localhost',
  '127.0.0.1',
  '::1',
  ...(LAN_ADDRESS ? [LAN_ADDRESS] : [])
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
