// Renders what the action printed the way the Actions log shows it: workflow commands become groups and
// annotations, debug lines and masks are hidden, and masked values appear as ***.

const COMMAND = /^::([a-z-]+)(?: [^:]*)?::(.*)$/

export function renderRunnerLog(stdout: string): string {
  const masks: string[] = []
  const lines: string[] = []
  let indent = ''
  for (const line of stdout.split('\n')) {
    const command = COMMAND.exec(line)
    const text = command ? unescapeCommand(command[2]) : line
    const masked = masks.reduce((clean, secret) => clean.split(secret).join('***'), text)
    switch (command?.[1]) {
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

/** Workflow command data escapes %, CR and LF. */
function unescapeCommand(data: string): string {
  return data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
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
