// Renders what the action printed the way the Actions log shows it: workflow commands become groups and
// annotations, debug lines and masks are hidden, and masked values appear as ***.
import { stdoutLines } from '../emulator/workflow-commands.ts'

export function renderRunnerLog(stdout: string): string {
  const masks: string[] = []
  const lines: string[] = []
  let indent = ''
  for (const { line, command } of stdoutLines(stdout)) {
    const text = command ? command.message : line
    const masked = masks.reduce((clean, secret) => clean.split(secret).join('***'), text)
    switch (command?.name) {
      case 'add-mask':
        masks.push(text)
        break
      case 'debug':
        break
      case 'group':
        lines.push(`▼ ${masked}`)
        indent = '  '
        break
      case 'endgroup':
        indent = ''
        break
      case 'warning':
        lines.push(`${indent}Warning: ${masked}`)
        break
      case 'error':
        lines.push(`${indent}Error: ${masked}`)
        break
      default:
        if (line !== '') lines.push(`${indent}${masked}`)
    }
  }
  return lines.join('\n')
}

/** The step summary's HTML as plain text: headings, table rows, list items. */
export function renderSummary(html: string): string {
  return html
    .replace(/<h\d>(.*?)<\/h\d>/g, '\n$1\n')
    .replace(/<\/t[hd]>/g, ' | ')
    .replace(/<tr>/g, '| ')
    .replace(/<\/tr>/g, '\n')
    .replace(/<li>/g, '- ')
    .replace(/<\/li>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
