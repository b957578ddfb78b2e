/** What bounds every call that crosses the network: the clock time it may run until, and what stops it early. */
export interface CallLimits {
  /** Clock time past which no retry starts (a request still gets a short grace). */
  deadline: number
  signal?: AbortSignal
}
