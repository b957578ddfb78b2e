/** Typed stand-ins for src/workflow-commands.ts, for unit tests of modules that log or mask. */
import { jest } from '@jest/globals'
import type * as commands from '../src/workflow-commands.js'

export const getInput = jest.fn<typeof commands.getInput>()
export const setSecret = jest.fn<typeof commands.setSecret>()
export const info = jest.fn<typeof commands.info>()
export const infoInsideFence = jest.fn<typeof commands.infoInsideFence>()
export const debug = jest.fn<typeof commands.debug>()
export const warning = jest.fn<typeof commands.warning>()
