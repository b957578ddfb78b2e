/** Typed stand-ins for the @actions/core functions the sources use, for unit tests of pure modules. */
import type * as core from '@actions/core'
import { jest } from '@jest/globals'

export const debug = jest.fn<typeof core.debug>()
export const info = jest.fn<typeof core.info>()
export const warning = jest.fn<typeof core.warning>()
export const notice = jest.fn<typeof core.notice>()
export const error = jest.fn<typeof core.error>()
export const setSecret = jest.fn<typeof core.setSecret>()
export const setOutput = jest.fn<typeof core.setOutput>()
export const setFailed = jest.fn<typeof core.setFailed>()
export const getInput = jest.fn<typeof core.getInput>()
export const summary = { addRaw: jest.fn(), write: jest.fn() }
