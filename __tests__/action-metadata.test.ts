/**
 * action.yml is what the runner reads; src/ is what runs. They must agree with each other and with
 * the public contract: an input the code reads but action.yml does not declare gets no default
 * and a warning in every user's log, an undeclared output cannot be used by later steps, and a
 * changed default silently changes the behaviour of every workflow that relies on it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { parse } from 'yaml'
import * as core from '../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)
const { getSettings } = await import('../src/inputs/input-helper.js')
const { StepOutputs } = await import('../src/report/outputs.js')
const { DECLARED_INPUTS } = await import('../src/inputs/declared.js')

const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface ActionMetadata {
  inputs: Record<string, { description?: string; required?: boolean; default?: unknown }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
  branding?: { icon?: string; color?: string }
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata

/** The inputs table of the contract: name and default (undefined: no default). */
const CONTRACT_INPUTS: Record<string, string | undefined> = {
  api: 'cpp',
  'publisher-id': undefined,
  'offer-id': undefined,
  'product-id': undefined,
  'submission-id': undefined,
  'seller-id': undefined,
  token: undefined,
  'tenant-id': undefined,
  'client-id': undefined,
  'client-secret': undefined,
  'authority-host': 'https://login.microsoftonline.com',
  'base-url': '',
  'api-version': '',
  wait: 'true',
  'when-ready': 'false',
  timeout: '60m',
  'poll-interval': '60s',
  'on-timeout': 'fail',
  'on-cancel': 'leave',
  'operation-location': undefined,
  'dry-run': 'false',
  'github-deployment': 'false',
  'deployment-environment': '',
  'github-token': '${{ github.token }}',
  follow: 'false'
}

/** The outputs table of the contract. */
const CONTRACT_OUTPUTS = [
  'result',
  'operation-location',
  'operation-id',
  'operation-status',
  'operation',
  'url',
  'deployment-id',
  'followed'
]

const sorted = (names: Iterable<string>) => [...names].sort()

describe('inputs', () => {
  beforeEach(() => {
    jest.clearAllMocks()
  })

  it('declares exactly the inputs the code reads', () => {
    const read = new Set<string>()
    const recorder = (values: Record<string, string>) => (name: string) => {
      read.add(name)
      return values[name] ?? ''
    }
    // Some inputs are read only on some paths (authority-host only when the action gets its own
    // tokens), so every path is taken once.
    getSettings(recorder({ 'publisher-id': 'contoso', 'offer-id': 'contoso-offer', token: 'tok' }))
    getSettings(
      recorder({ api: 'product-ingestion', 'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d', token: 't' })
    )
    getSettings(
      recorder({
        'publisher-id': 'contoso',
        'offer-id': 'contoso-offer',
        'tenant-id': '00000000-0000-0000-0000-000000000001',
        'client-id': '11111111-1111-1111-1111-111111111111',
        'client-secret': 'secret'
      })
    )
    getSettings(
      recorder({
        'publisher-id': 'contoso',
        'offer-id': 'contoso-offer',
        'tenant-id': 'contoso.onmicrosoft.com',
        'client-id': '11111111-1111-1111-1111-111111111111',
        'operation-location': '/api/publishers/contoso/offers/contoso-offer/operations/1?api-version=2017-10-31'
      })
    )
    expect(sorted(read)).toEqual(sorted(Object.keys(action.inputs)))
  })

  it('lists in the code, in order, exactly the inputs it declares (an INPUT_* of no other input fails the step)', () => {
    expect([...DECLARED_INPUTS]).toEqual(Object.keys(action.inputs))
  })

  it('declares exactly the inputs of the contract', () => {
    expect(sorted(Object.keys(action.inputs))).toEqual(sorted(Object.keys(CONTRACT_INPUTS)))
  })

  it.each(Object.entries(CONTRACT_INPUTS))('%s has the default of the contract', (name, expected) => {
    expect(action.inputs[name]?.default).toBe(expected)
  })

  it('describes every input', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description === 'string' && input.description.length > 0]).toEqual([name, true])
    }
  })
})

describe('outputs', () => {
  beforeEach(() => {
    jest.clearAllMocks()
  })

  it('declares exactly the outputs the code sets', () => {
    new StepOutputs().write({
      result: 'succeeded',
      operationLocation: 'https://cloudpartner.azure.com/api/publishers/contoso/offers/contoso-offer/operations/1',
      operationId: '1',
      operationStatus: 'succeeded',
      operation: { id: '1', status: 'succeeded' },
      url: 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer',
      deploymentId: 1001,
      followed: []
    })
    const set = core.setOutput.mock.calls.map(([name]) => name)
    expect(sorted(set)).toEqual(sorted(Object.keys(action.outputs)))
  })

  it('declares exactly the outputs of the contract', () => {
    expect(sorted(Object.keys(action.outputs))).toEqual(sorted(CONTRACT_OUTPUTS))
  })
})

describe('runs and branding', () => {
  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true)
  })

  it('has a Marketplace icon and color', () => {
    expect(action.branding?.icon).toEqual(expect.any(String))
    expect(action.branding?.color).toEqual(expect.any(String))
    expect(action.branding?.icon).not.toBe('')
    expect(action.branding?.color).not.toBe('')
  })
})
