// action.yml as the Marketplace and the README's readers see it: what the Marketplace would refuse, a name that does
// not pass for Esri's own product, and README tables that match the inputs and outputs the runner knows.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { BRANDING_COLORS, BRANDING_ICONS, MAX_DESCRIPTION_LENGTH } from './support/marketplace.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8')

interface ActionMetadata {
  name: string
  description: string
  author?: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const action = parse(read('action.yml')) as ActionMetadata
const readme = read('README.md')

interface TableRow {
  names: string[]
  cells: string[]
}

/** The rows of the first table under `## <heading>`: the names in backticks of the first column, and every cell. */
function readmeTable(heading: string): TableRow[] {
  const lines = readme.split('\n')
  const start = lines.indexOf(`## ${heading}`)
  if (start === -1) throw new Error(`README.md has no '## ${heading}' section`)
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '))
  const section = lines.slice(start + 1, end === -1 ? undefined : end)
  const first = section.findIndex((line) => line.startsWith('|'))
  if (first === -1) throw new Error(`README.md's '${heading}' section has no table`)
  const tableLines = section.slice(
    first,
    section.findIndex((line, i) => i > first && !line.startsWith('|'))
  )
  // Header and the |---| separator first.
  return tableLines.slice(2).map((line) => {
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim())
    return { names: [...cells[0].matchAll(/`([^`]+)`/g)].map((match) => match[1]), cells }
  })
}

describe('Marketplace metadata', () => {
  it('has a description the Marketplace accepts (fewer than 125 characters, one line)', () => {
    expect(typeof action.description).toBe('string')
    expect(action.description.length).toBeGreaterThan(20)
    expect(action.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH)
    expect(action.description).not.toMatch(/\n/)
  })

  it('has a specific name that says it is a community tool, not an Esri product', () => {
    const name = action.name
    // Names starting with the vendor's brand read as the vendor's own action.
    expect(name).not.toMatch(/^\s*(arcgis|esri)\b/i)
    expect(name).not.toMatch(/\besri\b/i)
    expect(name).toMatch(/\b(community|unofficial)\b/i)
    // Specific enough to be unique in the Marketplace: it names the product and the platform, not just "Restart".
    expect(name).toMatch(/ArcGIS Enterprise/)
    expect(name).toMatch(/Kubernetes/)
    expect(name).not.toBe(action.description)
    expect(name.length).toBeLessThanOrEqual(80)
  })

  it('has branding from the sets the Marketplace allows', () => {
    expect(BRANDING_ICONS).toHaveLength(257)
    expect(BRANDING_ICONS).toContain(action.branding.icon)
    expect(BRANDING_COLORS).toContain(action.branding.color)
  })

  it('runs on a Node that the package (the command, Node.js 22 or later) also supports', () => {
    const nodeMajor = Number(/^node(\d+)$/.exec(action.runs.using)?.[1])
    expect(nodeMajor).toBe(24)
    expect(read(action.runs.main)).toBeTruthy()
    const packageJson = JSON.parse(read('package.json')) as { engines: { node: string } }
    expect(packageJson.engines.node).toBe('>=22')
    expect(read('src/cli/node-version.ts')).toContain('const MINIMUM_MAJOR = 22')
  })
})

describe('README tables and action.yml', () => {
  const inputRows = readmeTable('Inputs')
  const outputRows = readmeTable('Outputs')

  it('documents every input of action.yml, and only those', () => {
    const documented = inputRows.flatMap((row) => row.names)
    expect(documented.length).toBeGreaterThan(0)
    expect([...documented].sort()).toEqual(Object.keys(action.inputs).sort())
    expect(new Set(documented).size).toBe(documented.length)
  })

  it('documents every output of action.yml, and only those', () => {
    const documented = outputRows.flatMap((row) => row.names)
    expect(documented.length).toBeGreaterThan(0)
    expect([...documented].sort()).toEqual(Object.keys(action.outputs).sort())
    expect(new Set(documented).size).toBe(documented.length)
  })

  it("shows each input's default (or that it is required) as action.yml declares it", () => {
    for (const row of inputRows) {
      for (const name of row.names) {
        const declared = action.inputs[name]
        const expected = declared.required
          ? 'required'
          : declared.default === undefined
            ? ''
            : `\`${declared.default}\``
        expect({ name, default: row.cells[1] }).toEqual({ name, default: expected })
      }
    }
  })

  it('describes every input and output in action.yml too', () => {
    for (const [name, definition] of [
      ...Object.entries(action.inputs),
      ...Object.entries(action.outputs)
    ]) {
      expect({ name, description: definition.description.trim().length > 0 }).toEqual({
        name,
        description: true
      })
    }
  })
})

describe('README usage examples', () => {
  it('all use this repository, at @v1, a release tag or a full commit SHA', () => {
    const uses = [...readme.matchAll(/uses: (\S+)/g)].map((match) => match[1])
    expect(uses.length).toBeGreaterThan(3)
    for (const reference of uses) {
      expect(reference).toMatch(
        /^arcgis-k8s-restart\/arcgis-k8s-restart-action@(v1|v1\.\d+\.\d+|[0-9a-f]{40}|<full-commit-sha>)$/
      )
    }
    expect(readme).not.toContain('<owner>/<repo>')
  })
})
