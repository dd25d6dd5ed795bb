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
    for (const secret of this.values) clean = clean.split(secret).join('***')
    return clean
  }
}
