/** The log lines about GitHub deployment records: what a run found, joined, settled or could not write. */
import type { Approval } from '../model/approval.js'
import type { OperationStatus } from '../model/status.js'

export const recordLines = {
  created: (id: number, environment: string): string =>
    `GitHub deployment ${id} created in environment '${environment}'`,
  joining: (id: number, environment: string, target: string): string =>
    `GitHub deployment ${id} (${environment}) records a go-live of ${target} that is still running; following it`,
  ended: (id: number, status: OperationStatus): string =>
    `GitHub deployment ${id} recorded a go-live that has ended (${status}); its end is recorded now, and this run starts its own`,
  operationUnknown: (id: number, location: string): string =>
    `GitHub deployment ${id} records an operation the API no longer knows (${location}); the record is closed as an error`,
  nothingRunning: (id: number): string =>
    `GitHub deployment ${id} records a go-live whose operation is unknown, and none runs on the target now; the record is closed`,
  superseded: (id: number): string =>
    `GitHub deployment ${id} records an older release still waiting for its preview; this release goes live in its place`,
  unusable: (id: number, why: string): string => `GitHub deployment ${id} was left as it is: ${why}`,
  uncheckable: (id: number, why: string): string =>
    `GitHub deployment ${id} records a go-live that could not be checked now (${why}); it is left as it is`,
  notRecorded: (id: number, location: string): string =>
    `The operation could not be recorded on GitHub deployment ${id}, so a follow run will not find it; ` +
    `resume it with operation-location: ${location}`,
  notUpdated: (id: number, why: string): string => `GitHub deployment ${id} was not updated: ${why}`,
  unapprovedRelease: (approval: Exclude<Approval, { approved: true }>): string =>
    approval.reason === 'no-permission'
      ? `when-ready: this run's approval could not be read (${approval.detail ?? 'refused'}), so follow runs may not start ` +
        "a queued go-live of it: give the job 'permissions: actions: read' and run it in an environment with required reviewers"
      : 'when-ready: this job passed no environment approval (required reviewers), so follow runs will not start its ' +
        "go-live if it is queued: run the job in an environment with required reviewers ('environment:' on the job)"
}
