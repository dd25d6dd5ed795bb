// The parts of the release script that only read text: versions, tags and CHANGELOG.md sections.

export interface Version {
  major: number
  minor: number
  patch: number
  /** X.Y.Z */
  text: string
  /** vX.Y.Z */
  tag: string
  /** vX, moved to the latest release of its major version */
  majorTag: string
}

const VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** X.Y.Z or vX.Y.Z (no pre-release or build suffix: every release is also the candidate for vX). */
export function parseVersion(input: string): Version {
  const match = VERSION.exec(input.trim())
  if (!match) throw new Error(`'${input}' is not a version X.Y.Z (such as 1.2.3)`)
  const [major, minor, patch] = match.slice(1, 4).map(Number)
  const text = `${major}.${minor}.${patch}`
  return { major, minor, patch, text, tag: `v${text}`, majorTag: `v${major}` }
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}

/** The release tags (vX.Y.Z) among the given tag names; anything else, vX included, is ignored. */
export function releaseTags(tagNames: string[]): Version[] {
  return tagNames
    .filter((name) => VERSION.test(name) && name.startsWith('v'))
    .map(parseVersion)
    .sort(compareVersions)
}

/** Whether `version` is newer than every existing release of its major version, so that vX should move to it. */
export function isLatestOfMajor(version: Version, existing: Version[]): boolean {
  return existing
    .filter((other) => other.major === version.major)
    .every((other) => compareVersions(version, other) > 0)
}

const RELEASE_HEADING = /^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})\s*$/
const LINK_REFERENCE = /^\[[^\]]+\]: \S+/

/**
 * The body of the `## [X.Y.Z] - YYYY-MM-DD` section of a Keep a Changelog file, without the heading and without the
 * link references at the end of the file; undefined when there is no such section or it is empty.
 */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex((line) => RELEASE_HEADING.exec(line)?.[1] === version)
  if (start === -1) return undefined
  const body: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ') || LINK_REFERENCE.test(line)) break
    body.push(line)
  }
  const text = body.join('\n').trim()
  return text === '' ? undefined : text
}
