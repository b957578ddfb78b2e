// @ts-check
/**
 * Many go-lives in flight, each recorded as a GitHub deployment as a release run would leave it:
 * for the follow-run tests and the benchmark.
 */

/**
 * CPP offers `offer-0` … `offer-(count-1)` of publisher `contoso`, for the simulator's `offers`.
 * @param {number} count
 */
export function manyOffers(count) {
  return Array.from({ length: count }, (_, i) => ({
    publisherId: 'contoso',
    offerId: `offer-${i}`,
    migrated: true,
    ready: true
  }))
}

/**
 * Starts a go-live of each offer (Go Live through the simulator, static token) and records it in
 * flight in a deployment of its default environment.
 * @param {Awaited<ReturnType<typeof import('../sim/index.js').startSimulator>>} sim
 * @param {{ offerId: string }[]} offers
 * @param {string} startedAt ISO time the payloads record
 */
export async function recordGoLivesInFlight(sim, offers, startedAt) {
  for (const offer of offers) {
    const answer = await fetch(
      `${sim.url}/api/publishers/contoso/offers/${offer.offerId}/golive?api-version=2017-10-31`,
      {
        method: 'POST',
        headers: { authorization: 'Bearer sim-token' }
      }
    )
    sim.github.plant({
      environment: `marketplace-${offer.offerId}`,
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: offer.offerId,
        operationLocation: answer.headers.get('location'),
        startedAt
      },
      statuses: ['in_progress']
    })
  }
}
