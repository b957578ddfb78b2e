/** How a run ends, in words: what report/ renders the outcome value into. */

export interface Conclusion {
  /** The last log lines of the flow, said before the GitHub deployment is settled. */
  log: { text: string; fenced?: boolean; warning?: boolean; notice?: boolean }[]
  /** Why the run ended as it did, in one sentence (the summary's first line). */
  headline: string
  /** Fails the step with this message. */
  failure?: string
  /** Passes the step with this warning. */
  warning?: string
  /** A notice for the run's annotations: the go-live goes on and a follow run takes over. */
  notice?: string
  /** The summary's bullet list. */
  notes: string[]
  /** The step that stopped a failed go-live, for the summary's heading. */
  failedStep?: string
}
