/** Chooses the one token provider for the run from the validated settings. */
import type { Clock } from '../base/clock.js'
import type { Logger } from '../base/logger.js'
import { TOKEN_SCOPE, type ApiKind, type AuthSettings } from '../model/settings.js'
import { EntraTokenProvider } from './entra-token.js'
import { checkOidcAvailable, gitHubAssertionSource } from './github-oidc.js'
import { StaticTokenProvider } from './static-token.js'
import type { TokenProvider } from './token-provider.js'

/** `mask`: registers every secret and acquired token with the runner before anything is logged. */
export function createTokenProvider(
  auth: AuthSettings,
  api: ApiKind,
  clock: Clock,
  log: Logger,
  mask: (secret: string) => void
): TokenProvider {
  switch (auth.kind) {
    case 'token':
      return new StaticTokenProvider(auth.token)
    case 'client-secret':
    case 'oidc':
      if (auth.kind === 'oidc') checkOidcAvailable()
      return new EntraTokenProvider({
        authorityHost: auth.authorityHost,
        tenantId: auth.tenantId,
        clientId: auth.clientId,
        scope: TOKEN_SCOPE[api],
        credential:
          auth.kind === 'client-secret'
            ? { kind: 'secret', clientSecret: auth.clientSecret }
            : { kind: 'assertion', getAssertion: gitHubAssertionSource(clock, log, mask) },
        clock,
        log,
        mask
      })
  }
}
