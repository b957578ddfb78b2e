/** The `token` input as a TokenProvider: used as given, never renewed. */
import type { TokenProvider } from './token-provider.js'

/** The `token` input: used as given, never renewed. */
export class StaticTokenProvider implements TokenProvider {
  readonly renewable = false
  readonly description = "the 'token' input"

  constructor(private readonly token: string) {}

  async getToken(): Promise<string> {
    return this.token
  }

  invalidate(): void {
    // Nothing to renew it with; a 401 is reported as an expired token by the caller.
  }
}
