/**
 * Below this length a secret is redacted only where it stands as a whole word, and never in the address of a URL: a
 * short password such as `exam` would otherwise turn `gis.example.com` into `gis.***ple.com` in every line, and
 * `arcgis` would turn every `https://host/arcgis` into `https://host/***`. Tokens are never this short (the inputs
 * refuse one under MIN_TOKEN_LENGTH), and ArcGIS's own password policy asks for 8 characters by default; a shorter
 * password is still redacted wherever a server echoes it as a value (`password=abc,`, also in a URL's query).
 */
const WHOLE_WORD_BELOW = 8
/**
 * The scheme, host and path of a URL, where the secrets are never put (they travel in bodies and headers). It ends
 * at any character that may start a parameter or a value (`?`, `&`, `;`, `,`, `=`, `|`, …), after which a secret
 * may follow.
 */
const URL_ADDRESS = /[a-z][a-z\d+.-]*:\/\/[^\s?#"'<>()&;,=|{}[\]\\^`]*/gi

/**
 * The secrets of a run (token, password, generated tokens). Each is handed to `mask` (core.setSecret) the moment it
 * is known, and `redact` removes them from any text the action writes itself (outputs, summary, error messages).
 */
export class Secrets {
  private readonly values = new Set<string>()

  constructor(private readonly mask: (secret: string) => void) {}

  add(secret: string): void {
    if (!secret || this.values.has(secret)) return
    this.values.add(secret)
    this.mask(secret)
  }

  redact(text: string): string {
    let clean = text
    for (const secret of this.values) {
      clean =
        secret.length < WHOLE_WORD_BELOW
          ? redactWord(clean, secret)
          : clean.split(secret).join('***')
    }
    return clean
  }
}

/** `secret` redacted where it stands as a whole word, outside the addresses of URLs. */
function redactWord(text: string, secret: string): string {
  const word = new RegExp(
    `(?<![\\p{L}\\p{N}])${secret.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'gu'
  )
  let clean = ''
  let from = 0
  for (const address of text.matchAll(URL_ADDRESS)) {
    // An address with user information may hold a password: it is redacted as any other text.
    if (address[0].includes('@')) continue
    clean += text.slice(from, address.index).replace(word, '***') + address[0]
    from = address.index + address[0].length
  }
  return clean + text.slice(from).replace(word, '***')
}

/**
 * A secret as CI systems and terminals hand it over: without a UTF-8 byte order mark (a file saved by Notepad) and
 * without the line endings after it (`echo "$PW" |` adds one to a value that may already end in one; Windows agents
 * and pasted secrets bring `\r\n` or a lone `\r`), as the action's inputs are trimmed by the runner.
 */
export function withoutLineEndings(value: string): string {
  return value.replace(/^\uFEFF/, '').replace(/(?:\r\n|\r|\n){1,2}$/, '')
}

const CONTROL_NAMES: Record<string, string> = {
  '\t': 'a tab',
  '\n': 'a line feed',
  '\r': 'a carriage return',
  '\u001b': 'an escape'
}

/**
 * Why `value` (a secret, or a variable named `what`) cannot be sent, if it holds a control character: no ArcGIS password or token
 * has one, and one left over from a paste gets "Invalid username or password" with no hint. Names the character and
 * its position, never the value.
 */
export function controlCharacterProblem(what: string, value: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const found = /[\u0000-\u001f\u007f-\u009f]/u.exec(value)
  if (!found) return undefined
  const character = found[0]
  const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  const name = CONTROL_NAMES[character] ? `${CONTROL_NAMES[character]} (${code})` : code
  return `${what} holds a control character, ${name}, at character ${found.index + 1}: no ArcGIS password, token, user name or URL has one; store the value again without it`
}
