/** Typed stand-ins for the runner port (src/runner.ts), for unit tests of modules that read inputs, log or mask. */
import { jest } from '@jest/globals'
import type * as runner from '../src/runner/port.js'

export const getInput = jest.fn<typeof runner.getInput>()
export const setSecret = jest.fn<typeof runner.setSecret>()
export const info = jest.fn<typeof runner.info>()
export const infoInsideFence = jest.fn<typeof runner.infoInsideFence>()
export const debug = jest.fn<typeof runner.debug>()
export const warning = jest.fn<typeof runner.warning>()
export const notice = jest.fn<typeof runner.notice>()
export const setFailed = jest.fn<typeof runner.setFailed>()
export const runnerLog = { debug, info, warning }
