import { describe, expect, it, jest } from '@jest/globals'
import { CPP_OPERATION_STATUS } from '../src/marketplace/cpp/status.js'
import { COMPLETED_RESULT, JOB_STATUS } from '../src/marketplace/product-ingestion/status.js'
import { isTerminal, mapStatus } from '../src/model/status.js'

describe('CPP operation status table', () => {
  it.each([
    ['notStarted', 'notStarted'],
    ['not started', 'notStarted'],
    ['NotStarted', 'notStarted'],
    ['running', 'running'],
    ['Running', 'running'],
    ['RUNNING', 'running'],
    ['inProgress', 'running'],
    ['complete', 'succeeded'],
    ['Completed', 'succeeded'],
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['Failed', 'failed'],
    ['canceled', 'canceled'],
    ['cancelled', 'canceled'],
    ['Cancelled', 'canceled']
  ])('maps %j to %s', (raw, status) => {
    expect(mapStatus(CPP_OPERATION_STATUS, raw)).toBe(status)
  })

  it('treats an unknown status as running and reports it', () => {
    const onUnknown = jest.fn()
    expect(mapStatus(CPP_OPERATION_STATUS, 'publishing', onUnknown)).toBe('running')
    expect(onUnknown).toHaveBeenCalledWith('publishing')
  })

  it('treats a missing status as running', () => {
    expect(mapStatus(CPP_OPERATION_STATUS, undefined)).toBe('running')
  })
})

describe('Product Ingestion tables', () => {
  it('maps job states and results', () => {
    expect(mapStatus(JOB_STATUS, 'notStarted')).toBe('notStarted')
    expect(mapStatus(JOB_STATUS, 'running')).toBe('running')
    expect(mapStatus(COMPLETED_RESULT, 'succeeded')).toBe('succeeded')
    expect(mapStatus(COMPLETED_RESULT, 'failed')).toBe('failed')
    expect(mapStatus(COMPLETED_RESULT, 'cancelled')).toBe('canceled')
    expect(mapStatus(COMPLETED_RESULT, 'pending')).toBe('running')
  })
})

describe('isTerminal', () => {
  it('is true only for the three endings', () => {
    expect(['notStarted', 'running', 'succeeded', 'failed', 'canceled'].map((s) => isTerminal(s as never))).toEqual([
      false,
      false,
      true,
      true,
      true
    ])
  })
})
