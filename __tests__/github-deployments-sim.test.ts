/**
 * The simulator's GitHub deployments API (sim/github/), over real sockets with fetch,
 * checked against the shapes GitHub documents for deployments and deployment statuses.
 */
import { startSimulator } from '../sim/index.js'
import type { SimOptionsPatch, Simulator } from '../sim/index.js'

const REPO = '/repos/contoso/offer-release'
const AUTH = { authorization: 'token gh-token', 'content-type': 'application/json' }
const GOOD = { ref: 'main', task: 'marketplace-go-live', auto_merge: false, required_contexts: [] }

let sim: Simulator | undefined
let clock = 0

async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = Date.parse('2025-03-01T12:00:00Z')
  sim = await startSimulator({ now: () => clock, ...options })
  return sim
}

afterEach(async () => {
  await sim?.close()
  sim = undefined
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

async function call(
  s: Simulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH
): Promise<{ status: number; headers: Headers; json: Json }> {
  const res = await fetch(`${s.githubApiUrl}${REPO}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined }
}

describe('GitHub deployments in the simulator', () => {
  it('creates a deployment with the documented fields', async () => {
    const s = await start()
    const created = await call(s, 'POST', '/deployments', {
      ...GOOD,
      environment: 'marketplace-contoso-offer',
      description: 'Go live',
      payload: { api: 'cpp' }
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      id: expect.any(Number),
      ref: 'main',
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      task: 'marketplace-go-live',
      environment: 'marketplace-contoso-offer',
      original_environment: 'marketplace-contoso-offer',
      payload: { api: 'cpp' },
      description: 'Go live',
      created_at: '2025-03-01T12:00:00Z',
      statuses_url: `${s.githubApiUrl}${REPO}/deployments/${created.json.id}/statuses`
    })
    expect(s.github.deployments[0].request).toEqual({ auto_merge: false, required_contexts: [] })
    const read = await call(s, 'GET', `/deployments/${created.json.id}`)
    expect(read.json.id).toBe(created.json.id)
  })

  it('merges instead of deploying when auto_merge is left on, and checks commit statuses without required_contexts', async () => {
    const s = await start()
    const merged = await call(s, 'POST', '/deployments', { ref: 'main' })
    expect(merged.status).toBe(202)
    expect(merged.json.message).toMatch(/Auto-merged/)
    const conflict = await call(s, 'POST', '/deployments', { ref: 'main', auto_merge: false })
    expect(conflict.status).toBe(409)
    expect(conflict.json.message).toMatch(/Commit status checks failed/)
    expect(s.github.deployments).toHaveLength(0)
    expect((await call(s, 'POST', '/deployments', { auto_merge: false })).status).toBe(422)
  })

  it('stores a JSON string payload as the object it encodes', async () => {
    const s = await start()
    const created = await call(s, 'POST', '/deployments', { ...GOOD, payload: '{"a":1}' })
    expect(created.json.payload).toEqual({ a: 1 })
  })

  it('answers 401 for a bad token, 404 for another repository and 403 without the permission', async () => {
    const s = await start()
    const bad = await call(s, 'GET', '/deployments', undefined, { authorization: 'token nope' })
    expect(bad.status).toBe(401)
    expect(bad.json.message).toBe('Bad credentials')
    const other = await fetch(`${s.githubApiUrl}/repos/contoso/other/deployments`, { headers: AUTH })
    expect(other.status).toBe(404)

    s.set({ githubPermission: 'read' })
    const denied = await call(s, 'POST', '/deployments', GOOD)
    expect(denied.status).toBe(403)
    expect(denied.json.message).toBe('Resource not accessible by integration')
    expect((await call(s, 'GET', '/deployments')).status).toBe(200)
    s.set({ githubPermission: 'none' })
    expect((await call(s, 'GET', '/deployments')).status).toBe(403)
  })

  it('lists newest first with filters and pages with a Link header', async () => {
    const s = await start()
    for (let i = 0; i < 5; i++) {
      clock += 1000
      await call(s, 'POST', '/deployments', { ...GOOD, environment: `env-${i % 2}` })
    }
    await call(s, 'POST', '/deployments', { ...GOOD, task: 'deploy', environment: 'env-0' })
    const all = await call(s, 'GET', '/deployments?task=marketplace-go-live')
    expect(all.json).toHaveLength(5)
    expect(all.json.map((d: Json) => d.id)).toEqual([...all.json.map((d: Json) => d.id)].sort((a, b) => b - a))
    const env0 = await call(s, 'GET', '/deployments?task=marketplace-go-live&environment=env-0')
    expect(env0.json).toHaveLength(3)
    expect((await call(s, 'GET', '/deployments?sha=0000000000000000000000000000000000000000')).json).toEqual([])

    const first = await call(s, 'GET', '/deployments?task=marketplace-go-live&per_page=2')
    expect(first.json).toHaveLength(2)
    const link = first.headers.get('link') ?? ''
    expect(link).toMatch(/rel="next"/)
    expect(link).toMatch(/page=3[^>]*>; rel="last"/)
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]
    const second = (await fetch(next, { headers: AUTH }).then((r) => r.json())) as Json
    expect(second[0].id).toBeLessThan(first.json[1].id)
    const last = await call(s, 'GET', '/deployments?task=marketplace-go-live&per_page=2&page=3')
    expect(last.json).toHaveLength(1)
    expect(last.headers.get('link')).not.toMatch(/rel="next"/)
  })

  it('creates and lists statuses newest first, and limits descriptions to 140 characters', async () => {
    const s = await start()
    const { json: d } = await call(s, 'POST', '/deployments', { ...GOOD, environment: 'e' })
    const progress = await call(s, 'POST', `/deployments/${d.id}/statuses`, {
      state: 'in_progress',
      log_url: 'https://github.com/contoso/offer-release/actions/runs/1',
      description: 'Certification'
    })
    expect(progress.status).toBe(201)
    expect(progress.json).toMatchObject({
      state: 'in_progress',
      log_url: 'https://github.com/contoso/offer-release/actions/runs/1',
      target_url: 'https://github.com/contoso/offer-release/actions/runs/1',
      environment: 'e',
      deployment_url: `${s.githubApiUrl}${REPO}/deployments/${d.id}`
    })
    clock += 1000
    await call(s, 'POST', `/deployments/${d.id}/statuses`, {
      state: 'success',
      environment_url: 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer'
    })
    const listed = await call(s, 'GET', `/deployments/${d.id}/statuses`)
    expect(listed.json.map((x: Json) => x.state)).toEqual(['success', 'in_progress'])
    expect((await call(s, 'POST', `/deployments/${d.id}/statuses`, { state: 'done' })).status).toBe(422)
    const long = await call(s, 'POST', `/deployments/${d.id}/statuses`, {
      state: 'success',
      description: 'x'.repeat(141)
    })
    expect(long.status).toBe(422)
    expect(long.json.errors[0].field).toBe('description')
  })

  it('marks the earlier successful deployment of the environment inactive on a new success', async () => {
    const s = await start()
    const { json: a } = await call(s, 'POST', '/deployments', { ...GOOD, environment: 'e' })
    await call(s, 'POST', `/deployments/${a.id}/statuses`, { state: 'success' })
    clock += 1000
    const { json: b } = await call(s, 'POST', '/deployments', { ...GOOD, environment: 'e' })
    await call(s, 'POST', `/deployments/${b.id}/statuses`, { state: 'success' })
    const aStatuses = await call(s, 'GET', `/deployments/${a.id}/statuses`)
    expect(aStatuses.json[0].state).toBe('inactive')
  })

  it('caps statuses per deployment when asked', async () => {
    const s = await start({ githubMaxStatuses: 2 })
    const { json: d } = await call(s, 'POST', '/deployments', GOOD)
    expect((await call(s, 'POST', `/deployments/${d.id}/statuses`, { state: 'queued' })).status).toBe(201)
    expect((await call(s, 'POST', `/deployments/${d.id}/statuses`, { state: 'in_progress' })).status).toBe(201)
    expect((await call(s, 'POST', `/deployments/${d.id}/statuses`, { state: 'success' })).status).toBe(422)
  })

  it('deletes an inactive deployment only', async () => {
    const s = await start()
    const { json: a } = await call(s, 'POST', '/deployments', { ...GOOD, environment: 'e' })
    await call(s, 'POST', '/deployments', { ...GOOD, environment: 'e' })
    expect((await call(s, 'DELETE', `/deployments/${a.id}`)).status).toBe(422)
    await call(s, 'POST', `/deployments/${a.id}/statuses`, { state: 'inactive' })
    expect((await call(s, 'DELETE', `/deployments/${a.id}`)).status).toBe(204)
    expect(s.github.deployments).toHaveLength(1)
  })
})
