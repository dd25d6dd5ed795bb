// The fingerprint of the sources a bundle was built from. `npm run bundle` writes it to dist/src.sha256, and the
// end-to-end tests compare it with src/ on disk, so that they never pass on a dist/ built from other sources.
// File times cannot tell: a fresh clone writes dist/ before src/.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const FINGERPRINT_FILE = path.join(ROOT, 'dist', 'src.sha256')

/**
 * A SHA-256 over the path and content of every file under src/ and stubs/ (what ncc bundles in place of undici and
 * @actions/exec), line ends as LF, as a Windows checkout may differ.
 */
export function sourceFingerprint(): string {
  const hash = createHash('sha256')
  const files = ['src', 'stubs']
    .flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    )
    .sort()
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/\r\n/g, '\n')
    hash.update(`${file}\0${text}\0`)
  }
  return hash.digest('hex')
}

/** The fingerprint dist/ was built with, or undefined when it has none. */
export function recordedFingerprint(): string | undefined {
  try {
    return readFileSync(FINGERPRINT_FILE, 'utf8').trim()
  } catch {
    return undefined
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(FINGERPRINT_FILE, `${sourceFingerprint()}\n`)
}
