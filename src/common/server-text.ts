/**
 * Text that a server sent (a job message, a deployment name, an error body, a version) or that came from a URL. It is
 * untrusted: a runner obeys workflow commands in its log (`::stop-commands::` at the start of a line, `##[add-mask]`
 * anywhere), Azure Pipelines obeys `##vso[…]` anywhere, and terminals obey escape sequences. So it is wrapped once,
 * where it is read, and every way of turning it into a string for people gives its printable form: line breaks,
 * control characters and escape sequences folded into visible text, those command markers broken, its length
 * bounded. Only `toJSON` (the outputs and the command's JSON, which are data) gives the text exactly, and so does
 * `raw`, for matching and for building request paths.
 */
export class ServerText {
  private constructor(readonly raw: string) {}

  /** The text as the server sent it, whitespace at both ends trimmed. */
  static of(raw: string): ServerText {
    return new ServerText(raw.trim())
  }

  /** A non-blank string wrapped, or undefined. */
  static from(value: unknown): ServerText | undefined {
    return typeof value === 'string' && value.trim() !== '' ? ServerText.of(value) : undefined
  }

  /** The printable form, at most EXCERPT_LENGTH characters of the text followed by its length when longer. */
  toString(): string {
    return printable(this.raw)
  }

  toJSON(): string {
    return this.raw
  }

  [Symbol.toPrimitive](): string {
    return this.toString()
  }
}

/** How many texts of a list a sentence names before it says how many more there are. */
const LISTED_TEXTS = 10

/** The texts joined by `separator`, the first LISTED_TEXTS of them: a server may send thousands of messages. */
export function joinTexts(texts: readonly (ServerText | string)[], separator: string): string {
  const shown = texts.slice(0, LISTED_TEXTS).join(separator)
  const more = texts.length - LISTED_TEXTS
  return more > 0 ? `${shown}${separator}… and ${more} more` : shown
}

/** How much of a long server text a log line, an annotation or a table cell shows. */
export const EXCERPT_LENGTH = 500

const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g
/**
 * C0 and C1 controls (ESC, the single-byte CSI and OSC among them), DEL, and the Unicode bidirectional overrides that
 * make a terminal show text in another order than it is read.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
/** The runner's older command form and Azure Pipelines' logging commands, obeyed anywhere in a line. */
const COMMAND_MARKER = /##(?=\[|vso\[)/gi
/** A workflow command: `::name::` at the start of a line, after any leading whitespace. */
const LEADING_COMMAND = /^(\s*):(?=:)/

/**
 * `text` as one line of visible characters, safe in a log, a terminal and an annotation: a line break becomes ` ⏎ `,
 * another control character its escape (`\x1b`, `\u202e`), `##[`/`##vso[` become `## [`/`## vso[`, and a leading
 * `::` becomes `: :`. Texts longer than `limit` are cut there and followed by their full length.
 */
export function printable(text: string, limit = EXCERPT_LENGTH): string {
  const excerpt = text.length > limit ? text.slice(0, limit) : text
  const folded = excerpt
    .replace(LINE_BREAK, ' ⏎ ')
    .replace(CONTROL, (char) => {
      const code = char.charCodeAt(0)
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`
    })
    .replace(COMMAND_MARKER, '## ')
    .replace(LEADING_COMMAND, '$1: ')
  return excerpt === text ? folded : `${folded}… (${text.length} characters)`
}
