/** Sentences about what a follow run could not do, with the fix. */
import type { ApiKind } from '../model/settings.js'
import { API_NAME } from '../model/target.js'

export const followLines = {
  tokenForOtherApi: (recorded: ApiKind, given: ApiKind): string =>
    `this go-live went through the ${API_NAME[recorded]}, but the 'token' input is a token for the ${API_NAME[given]}. ` +
    `Give the follow step 'tenant-id' and 'client-id' (with 'client-secret' or OIDC) so it can get a token for each API, ` +
    `or add a follow step with 'api: ${recorded}' and its own token`
}
