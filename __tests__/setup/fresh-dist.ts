// Jest's global setup of the end-to-end tests, which run dist/: rebuilds dist/ when it was not built from the src/ on
// disk (an edit not yet bundled would otherwise test the old code), and refuses to go on when that fails.
import { spawnSync } from 'node:child_process'
import { recordedFingerprint, ROOT, sourceFingerprint } from '../../scripts/src-fingerprint.ts'

export default function ensureFreshDist(): void {
  if (recordedFingerprint() === sourceFingerprint()) return
  process.stderr.write(
    '\ndist/ was not built from the src/ on disk: rebuilding it (npm run bundle) before the end-to-end tests.\n'
  )
  const build = spawnSync('npm', ['run', 'bundle'], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) {
    throw new Error(
      `The end-to-end tests run dist/, which was not built from src/, and 'npm run bundle' failed:\n${build.stdout}${build.stderr}`
    )
  }
  if (recordedFingerprint() !== sourceFingerprint()) {
    throw new Error(
      "The end-to-end tests run dist/, and even after 'npm run bundle' dist/src.sha256 does not match src/: does the bundle script still end with 'node scripts/src-fingerprint.ts'?"
    )
  }
}
