import { rmSync } from 'node:fs'
import path from 'node:path'
import { CERTIFICATES_FILE } from '../support/certificates.ts'

export default function removeTestCertificates(): void {
  const file = process.env[CERTIFICATES_FILE]
  if (file) rmSync(path.dirname(file), { recursive: true, force: true })
}
