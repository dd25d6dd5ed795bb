/**
 * What the ArcGIS client and the HTTP layer need of a log. The runner's implementation lives in action-log.ts;
 * tests and other callers pass their own, so nothing below main.ts depends on @actions/core.
 */
export interface Logger {
  /** Debug messages are built lazily: the function runs only when debug logging is on. */
  debug(message: () => string): void
  info(message: string): void
  warning(message: string): void
}
