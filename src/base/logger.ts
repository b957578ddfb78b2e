/** The logging interface every layer takes; runner.ts gives the runner's, tests a silent one. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}
