/**
 * End to end, one follow step for every go-live the repository recorded, whatever its API: each
 * record is checked with its own API's client, audience and root; a record the run cannot check,
 * and a status it cannot write, fail the run with the fix, never a silent pass.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import { failureOf, useSimulators, type Sim, githubEnv } from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({}, { clock })

const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const TENANT = '00000000-0000-0000-0000-000000000001'
const CLIENT = '11111111-1111-1111-1111-111111111111'

const credentials = (sim: Sim) => ({
  'tenant-id': TENANT,
  'client-id': CLIENT,
  'client-secret': 'sim-secret',
  'authority-host': sim.url
})

/** A Product Ingestion release that hands over to follow runs. */
const piRelease = (sim: Sim) =>
  runAction({
    inputs: {
      api: 'product-ingestion',
      'product-id': PRODUCT,
      ...credentials(sim),
      'base-url': `${sim.url}/rp/product-ingestion`,
      'github-deployment': 'true',
      'github-token': 'gh-token',
      wait: 'false'
    },
    env: githubEnv(sim)
  })

describe('a follow step without api:', () => {
  it("follows a Product Ingestion go-live with that API's client, to the end", async () => {
    const sim = await simulator({ jobMs: 1000, liveMs: 3000 })
    expect((await piRelease(sim)).outputs.result).toBe('started')
    // README's follow step: no api (so cpp), the CPP root, credentials that get tokens per API.
    const follow = () =>
      runAction({
        inputs: { follow: 'true', ...credentials(sim), 'base-url': sim.url, 'github-token': 'gh-token' },
        env: githubEnv(sim)
      })
    const first = await follow()
    expect(first.code).toBe(0)
    expect(JSON.parse(first.outputs.followed)).toHaveLength(1)
    clock().advance(10_000)
    const second = await follow()
    expect(second.outputs.result).toBe('succeeded')
    expect(sim.github.deployments[0].statuses.at(-1)?.state).toBe('success')
  })

  it('fails, naming the deployment and what to add, when its token is for another API', async () => {
    const sim = await simulator({ jobMs: 1000, liveMs: 3000 })
    await piRelease(sim)
    const run = await runAction({
      inputs: { follow: 'true', token: 'sim-token', 'base-url': sim.url, 'github-token': 'gh-token' },
      env: githubEnv(sim)
    })
    expect(run.code).toBe(1)
    const failure = failureOf(run.stdout)
    expect(failure).toMatch(new RegExp(`deployment ${sim.github.deployments[0].id}`))
    expect(failure).toMatch(/Product Ingestion API/)
    expect(failure).toMatch(/tenant-id/)
  })
})

describe('a follow run that cannot do its job', () => {
  it('fails when it cannot write the deployment status, naming the permission', async () => {
    const sim = await simulator({ jobMs: 1000, liveMs: 3000 })
    await piRelease(sim)
    clock().advance(10_000)
    sim.set({ githubPermission: 'read' })
    const run = await runAction({
      inputs: { follow: 'true', ...credentials(sim), 'base-url': sim.url, 'github-token': 'gh-token' },
      env: githubEnv(sim)
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).toMatch(/deployment status could not be set/)
    expect(failureOf(run.stdout)).toMatch(/deployments: write/)
  })
})

describe('a follow step for every API with seller-id', () => {
  it('sends the seller ID with the ingestion-v1 records only', async () => {
    const sim = await simulator({ v1RequireSellerId: true, v1PublishMs: 3000 })
    const release = await runAction({
      inputs: {
        api: 'ingestion-v1',
        'product-id': 'e2b5c6d7-3f41-4a8b-9c0d-1e2f3a4b5c6d',
        'seller-id': '42',
        ...credentials(sim),
        'base-url': `${sim.url}/v1.0/ingestion`,
        'github-deployment': 'true',
        'github-token': 'gh-token',
        wait: 'false'
      },
      env: githubEnv(sim)
    })
    expect(release.outputs.result).toBe('started')
    clock().advance(10_000)
    const run = await runAction({
      inputs: {
        follow: 'true',
        'seller-id': '42',
        ...credentials(sim),
        'base-url': sim.url,
        'github-token': 'gh-token'
      },
      env: githubEnv(sim)
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    const v1 = sim.requests.filter((r) => r.path.startsWith('/v1.0/ingestion/'))
    for (const r of v1) expect(r.headers['x-ms-publisherid']).toBe('42')
    for (const r of sim.requests.filter((r) => !r.path.startsWith('/v1.0/'))) {
      expect(r.headers['x-ms-publisherid']).toBeUndefined()
    }
  })
})

describe('where a go-live is', () => {
  it('names a Product Ingestion product by its alias in a follow run, as its release run did', async () => {
    const sim = await simulator({ jobMs: 1000, liveMs: 60_000, alias: 'Contoso Analytics' })
    await piRelease(sim)
    const run = await runAction({
      inputs: { follow: 'true', ...credentials(sim), 'base-url': sim.url, 'github-token': 'gh-token' },
      env: githubEnv(sim)
    })
    expect(JSON.parse(run.outputs.followed)[0].target).toBe(`product Contoso Analytics (${PRODUCT})`)
    expect(run.summary).toContain('Contoso Analytics')
  })
})
