/** Whether GitHub confirms that a person approved the release run behind a queued go-live. */
export type Approval =
  | { approved: true; environment: string }
  | {
      approved: false
      reason:
        | 'no-run-named'
        | 'no-such-run'
        | 'other-commit'
        | 'not-made-by-run'
        | 'run-named-twice'
        | 'not-approved'
        | 'no-permission'
      /** What GitHub said, when it refused. */
      detail?: string
    }
