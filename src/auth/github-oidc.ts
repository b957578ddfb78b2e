import { AuthError } from '../errors.js'
import { setSecret } from '../workflow-commands.js'

/** The audience Entra expects in a GitHub token used as a federated credential. */
export const AZURE_AD_AUDIENCE = 'api://AzureADTokenExchange'

/** Fails early, with the fix, when the job cannot ask GitHub for an OIDC token. */
export function checkOidcAvailable(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new AuthError(
      "GitHub OIDC is not available to this job, so no token can be requested with 'tenant-id' and 'client-id' alone. " +
        'Give the job `permissions: id-token: write` (and `contents: read`), or set `client-secret`. ' +
        'Workflows triggered from forks never get an OIDC token.'
    )
  }
}

/** A fresh GitHub OIDC JWT for Entra, masked before anything can print it. */
export async function getGitHubAssertion(): Promise<string> {
  checkOidcAvailable()
  let jwt: string
  try {
    // Loaded here, not at start: only OIDC runs need it (see workflow-commands.ts).
    const core = await import('@actions/core')
    jwt = await core.getIDToken(AZURE_AD_AUDIENCE)
  } catch (err) {
    // The variables were there (checked above), so this is the token service failing: an outage.
    throw new AuthError(
      `GitHub did not issue an OIDC token: ${(err as Error).message}. Check that the job has \`permissions: id-token: write\`.`,
      undefined,
      undefined,
      true
    )
  }
  setSecret(jwt)
  return jwt
}
