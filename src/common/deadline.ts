/** The one deadline of the step: every wait, poll and request is bounded by it. */
export class Deadline {
  readonly at: number

  constructor(
    timeoutMs: number,
    private readonly now: () => number = Date.now
  ) {
    this.at = now() + timeoutMs
  }

  remaining(): number {
    return Math.max(0, this.at - this.now())
  }

  passed(): boolean {
    return this.remaining() === 0
  }
}
