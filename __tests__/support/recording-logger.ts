import type { Logger } from '../../src/common/logger.js'

export interface LogLine {
  level: 'debug' | 'info' | 'warning'
  text: string
}

/** A Logger that keeps every line, building debug lines as the runner's logger does with debug on. */
export interface RecordingLogger extends Logger {
  lines: LogLine[]
  infos(): string[]
  warnings(): string[]
  debugs(): string[]
  all(): string
}

export function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = []
  const of = (level: LogLine['level']) =>
    lines.filter((line) => line.level === level).map((line) => line.text)
  return {
    lines,
    debug: (message) => lines.push({ level: 'debug', text: message() }),
    info: (text) => lines.push({ level: 'info', text }),
    warning: (text) => lines.push({ level: 'warning', text }),
    infos: () => of('info'),
    warnings: () => of('warning'),
    debugs: () => of('debug'),
    all: () => lines.map((line) => line.text).join('\n')
  }
}
