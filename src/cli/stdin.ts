import { text } from 'node:stream/consumers'

/**
 * All of standard input when it is a pipe or a file; at a terminal, one line typed after `prompt` and not echoed
 * (as `docker login --password-stdin` and `read -s` do), instead of echoing the secret and waiting for Ctrl-D.
 */
export async function readStandardInput(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
  prompt: string
): Promise<string> {
  if (!stdin.isTTY) return text(stdin)
  stderr.write(prompt)
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  let line = ''
  try {
    for await (const chunk of stdin as AsyncIterable<string>) {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') return line
        if (character === '\u0003') {
          // Raw mode turns Ctrl-C into a character: end the way SIGINT would, before anything was sent.
          stdin.setRawMode(false)
          stderr.write('\n')
          process.exit(130)
        }
        line = character === '\u007f' || character === '\b' ? line.slice(0, -1) : line + character
      }
    }
    return line
  } finally {
    stdin.setRawMode(false)
    stderr.write('\n')
  }
}
