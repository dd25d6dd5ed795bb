// Jest's global setup: the test certificates of the run, made once outside the sandbox (where forge is fast) and left
// in a file that every test worker reads (support/certificates.ts).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createTestCertificates } from '../../emulator/tls.ts'
import { CERTIFICATE_HOSTS, CERTIFICATES_FILE } from '../support/certificates.ts'

export default function makeTestCertificates(): void {
  const file = path.join(
    mkdtempSync(path.join(tmpdir(), 'arcgis-test-certificates-')),
    'certificates.json'
  )
  writeFileSync(file, JSON.stringify(createTestCertificates(CERTIFICATE_HOSTS)), { mode: 0o600 })
  process.env[CERTIFICATES_FILE] = file
}
