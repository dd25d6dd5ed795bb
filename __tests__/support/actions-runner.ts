import * as core from '@actions/core'
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  commandMessages,
  stdoutLines,
  unescapeCommandData
} from '../../emulator/workflow-commands.ts'

/**
 * What a runner gives a step, for tests that drive real @actions/core: GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
 * INPUT_* variables, and everything written to stdout (workflow commands and log lines).
 */
export class FakeRunner {
  // core.summary remembers the first GITHUB_STEP_SUMMARY it sees, so the summary file stays the same for a test file.
  private static summaryDir?: string
  readonly dir = mkdtempSync(path.join(tmpdir(), 'arcgis-action-test-'))
  readonly outputFile = path.join(this.dir, 'output')
  readonly summaryFile = path.join(
    (FakeRunner.summaryDir ??= mkdtempSync(path.join(tmpdir(), 'arcgis-action-summary-'))),
    'summary'
  )
  private readonly written: string[] = []
  private readonly savedEnv = { ...process.env }
  private failing?: { match: (text: string) => boolean; error: Error }

  constructor() {
    writeFileSync(this.outputFile, '')
    writeFileSync(this.summaryFile, '')
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('INPUT_') || name === 'RUNNER_DEBUG') delete process.env[name]
    }
    process.env.GITHUB_OUTPUT = this.outputFile
    process.env.GITHUB_STEP_SUMMARY = this.summaryFile
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      const text = String(chunk)
      if (this.failing?.match(text)) {
        const { error } = this.failing
        this.failing = undefined
        throw error
      }
      this.written.push(text)
      return true
    })
  }

  /** Makes the next stdout write that `match` accepts throw `error` instead (as a broken pipe would), once. */
  failWrite(match: (text: string) => boolean, error: Error): void {
    this.failing = { match, error }
  }

  /** Sets inputs as the runner does: INPUT_<NAME> with the name upper-cased. */
  inputs(values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) {
      process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
    }
  }

  /** Everything written to stdout, in order. */
  get stdout(): string {
    return this.written.join('')
  }

  /** The stdout lines, workflow commands decoded (%0A back to a newline, …). */
  get lines(): string[] {
    return stdoutLines(this.stdout)
      .filter(({ line }) => line !== '')
      .map(({ line, command }) => (command ? unescapeCommandData(line) : line))
  }

  /** The messages of `::error::` commands (core.setFailed and core.error). */
  get errors(): string[] {
    return commandMessages(this.stdout, 'error')
  }

  get warnings(): string[] {
    return commandMessages(this.stdout, 'warning')
  }

  get rawOutputFile(): string {
    return readFileSync(this.outputFile, 'utf8')
  }

  /** The outputs, the last value of each name winning (as on a runner). */
  get outputs(): Record<string, string> {
    const outputs: Record<string, string> = {}
    const lines = this.rawOutputFile.split(/\r?\n/)
    for (let i = 0; i < lines.length; i++) {
      const match = /^([^<]+)<<(.+)$/.exec(lines[i])
      if (!match) continue
      const [, name, delimiter] = match
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      outputs[name] = value.join('\n')
    }
    return outputs
  }

  get summary(): string {
    return readFileSync(this.summaryFile, 'utf8')
  }

  restore(): void {
    jest.restoreAllMocks()
    // A summary that failed to write stays in core.summary's buffer: it must not reach the next test's summary.
    core.summary.emptyBuffer()
    for (const name of Object.keys(process.env)) {
      if (!(name in this.savedEnv)) delete process.env[name]
    }
    Object.assign(process.env, this.savedEnv)
    process.exitCode = undefined
    rmSync(this.dir, { recursive: true, force: true })
  }

  /** Removes the summary file shared by the tests of a file (call in afterAll). */
  static cleanUp(): void {
    if (FakeRunner.summaryDir) rmSync(FakeRunner.summaryDir, { recursive: true, force: true })
    FakeRunner.summaryDir = undefined
  }
}
