import { describe, expect, it } from '@jest/globals'
import type { OperationSnapshot, StepView } from '../src/model/status.js'
import { ProgressPulse } from '../src/report/progress-pulse.js'

const MINUTE = 60_000
const T0 = Date.UTC(2026, 10, 25, 12)

function snapshot(steps: StepView[], rawStatus = 'running', extra: Partial<OperationSnapshot> = {}): OperationSnapshot {
  return { status: 'running', rawStatus, document: {}, steps, ...extra }
}

const certification = (progress: number, message = 'Certification started.'): StepView => ({
  name: 'Certification',
  status: 'inProgress',
  progress,
  message
})

/** Polls `count` times, one interval apart, with the same snapshot; returns the lines of each poll. */
function pollQuietly(pulse: ProgressPulse, snap: OperationSnapshot, from: number, count: number, intervalMs: number) {
  const lines: string[][] = []
  for (let i = 1; i <= count; i++) {
    lines.push(
      pulse.update(snap, { now: from + i * intervalMs, deadline: T0 + 6 * 60 * MINUTE, nextCheckMs: intervalMs })
    )
  }
  return lines
}

describe('ProgressPulse', () => {
  it('logs the status and the steps at the first poll', () => {
    const pulse = new ProgressPulse(T0)
    const lines = pulse.update(snapshot([certification(10)]), { now: T0, deadline: T0 + MINUTE, nextCheckMs: 1000 })
    expect(lines).toEqual(['operation running', '  Certification: inProgress 10% - Certification started.'])
  })

  it('says nothing for progress within a quarter, and a line when it crosses one', () => {
    const pulse = new ProgressPulse(T0)
    const at = (n: number) => ({ now: T0 + n * 1000, deadline: T0 + 10 * MINUTE, nextCheckMs: 1000 })
    pulse.update(snapshot([certification(1)]), at(0))
    const within = [2, 5, 9, 17, 24].map((p, i) => pulse.update(snapshot([certification(p)]), at(i + 1)))
    expect(within.flat()).toEqual([])
    expect(pulse.update(snapshot([certification(26)]), at(7))).toEqual([
      '  Certification: inProgress 26% - Certification started.'
    ])
    expect(pulse.update(snapshot([certification(49)]), at(8))).toEqual([])
    expect(pulse.update(snapshot([certification(50)]), at(9))).toHaveLength(1)
  })

  it('logs a new message and a new step status at once', () => {
    const pulse = new ProgressPulse(T0)
    const at = { now: T0, deadline: T0 + MINUTE, nextCheckMs: 1000 }
    pulse.update(snapshot([certification(10)]), at)
    expect(pulse.update(snapshot([certification(11, 'Scanning images.')]), at)).toEqual([
      '  Certification: inProgress 11% - Scanning images.'
    ])
    expect(pulse.update(snapshot([{ ...certification(11, 'Scanning images.'), status: 'blocked' }]), at)).toEqual([
      '  Certification: blocked 11% - Scanning images.'
    ])
  })

  it('gives a sign of life after 10 quiet polls, with the step, time waited, time left and the next check', () => {
    const pulse = new ProgressPulse(T0, T0 - 2 * 24 * 60 * MINUTE)
    const snap = snapshot([{ name: 'Validate', status: 'complete', progress: 100 }, certification(40)])
    pulse.update(snap, { now: T0, deadline: T0 + 6 * 60 * MINUTE, nextCheckMs: 1000 })
    const quiet = pollQuietly(pulse, snap, T0, 20, 1000)
    const said = quiet.map((lines, i) => ({ poll: i + 1, lines })).filter((p) => p.lines.length)
    expect(said.map((p) => p.poll)).toEqual([10, 20])
    expect(said[0].lines).toEqual([
      'still running: Certification inProgress 40%; waited 10s (operation started 2d 0h ago), 5h 59m left, next check in 1s'
    ])
  })

  it('gives a sign of life every 10 minutes when polls are far apart', () => {
    const pulse = new ProgressPulse(T0)
    const snap = snapshot([certification(40)])
    pulse.update(snap, { now: T0, deadline: T0 + 6 * 60 * MINUTE, nextCheckMs: 4 * MINUTE })
    const quiet = pollQuietly(pulse, snap, T0, 6, 4 * MINUTE)
    // 4, 8 quiet; 12 minutes since the last line: a sign of life; then 16, 20 quiet; 24 again.
    expect(quiet.map((lines) => lines.length)).toEqual([0, 0, 1, 0, 0, 1])
  })

  it('takes the operation start from the snapshot when the API gives it', () => {
    const pulse = new ProgressPulse(T0)
    const snap = snapshot([certification(40)], 'running', { startedAt: T0 - 3 * 60 * MINUTE })
    pulse.update(snap, { now: T0, deadline: T0 + MINUTE * 600, nextCheckMs: 1000 })
    const quiet = pollQuietly(pulse, snap, T0, 10, 1000)
    expect(quiet[9][0]).toContain('(operation started 3h 00m ago)')
  })

  it('does not log a step again when a step before it goes (the Product Ingestion handover)', () => {
    const pulse = new ProgressPulse(T0)
    const at = { now: T0, deadline: T0 + MINUTE, nextCheckMs: 1000 }
    const live = { name: 'Live submission 7', status: 'running / pending' }
    pulse.update(snapshot([{ name: 'Configure job j', status: 'completed / succeeded' }, live]), at)
    expect(pulse.update(snapshot([live]), at)).toEqual([])
  })

  it('says the operation age only of an operation older than the wait', () => {
    const fresh = new ProgressPulse(T0)
    const snap = snapshot([certification(40)], 'running', { startedAt: T0 + 500 })
    fresh.update(snap, { now: T0, deadline: T0 + 600 * MINUTE, nextCheckMs: 1000 })
    const quiet = pollQuietly(fresh, snap, T0, 10, 1000)
    expect(quiet[9][0]).not.toContain('operation started')
    expect(quiet[9][0]).toContain('waited 10s')
  })

  it('names the Product Ingestion row that runs in a sign of life, not the finished job', () => {
    const pulse = new ProgressPulse(T0)
    const snap = snapshot([
      { name: 'Configure job d4261631', status: 'completed / succeeded' },
      { name: 'Live submission 1152921505697139456', status: 'running / pending' }
    ])
    pulse.update(snap, { now: T0, deadline: T0 + 6 * 60 * MINUTE, nextCheckMs: 1000 })
    const quiet = pollQuietly(pulse, snap, T0, 10, 1000)
    expect(quiet[9][0]).toMatch(/^still running: Live submission 1152921505697139456 running \/ pending;/)
  })

  it('logs a phase once, not at every poll', () => {
    const pulse = new ProgressPulse(T0)
    const at = { now: T0, deadline: T0 + MINUTE, nextCheckMs: 1000 }
    const snap = snapshot([], 'running', { phase: 'Configure job succeeded; following the live entry' })
    expect(pulse.update(snap, at)).toContain('Configure job succeeded; following the live entry')
    expect(pulse.update(snap, at)).toEqual([])
  })
})
