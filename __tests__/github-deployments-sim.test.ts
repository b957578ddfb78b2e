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

describe('GitHub permissions, as GitHub reports them', () => {
  it('names the permission a 403 needs in x-accepted-github-permissions', async () => {
    const s = await start({ githubPermission: 'read' })
    const denied = await call(s, 'POST', '/deployments', GOOD)
    expect(denied.status).toBe(403)
    expect(denied.headers.get('x-accepted-github-permissions')).toBe('deployments=write')
    expect(denied.json).toMatchObject({ message: 'Resource not accessible by integration', status: '403' })
    // Not a rate limit: the budget is not spent.
    expect(Number(denied.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0)
    s.set({ githubPermission: 'none' })
    const read = await call(s, 'GET', '/deployments')
    expect(read.status).toBe(403)
    expect(read.headers.get('x-accepted-github-permissions')).toBe('deployments=read')
  })
})

describe('GitHub workflow runs and their review history', () => {
  it('serves a seeded run with the documented fields, and 404 for unknown runs', async () => {
    const s = await start()
    const run = s.github.addRun({ id: 8_123_456_789, approvals: [{ environment: 'release' }] })
    const read = await call(s, 'GET', `/actions/runs/${run.id}`)
    expect(read.status).toBe(200)
    expect(read.json).toMatchObject({
      id: 8_123_456_789,
      name: 'Release',
      head_branch: 'main',
      head_sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      path: '.github/workflows/release.yml',
      event: 'push',
      status: 'completed',
      conclusion: 'success',
      run_attempt: 1,
      url: `${s.githubApiUrl}${REPO}/actions/runs/8123456789`,
      html_url: 'https://github.com/contoso/offer-release/actions/runs/8123456789',
      created_at: '2025-03-01T12:00:00Z',
      actor: { login: 'octocat' },
      repository: { full_name: 'contoso/offer-release', name: 'offer-release', owner: { login: 'contoso' } },
      head_repository: { full_name: 'contoso/offer-release' }
    })
    // The commit of a run on main is the commit a deployment of main records.
    const { json: deployment } = await call(s, 'POST', '/deployments', GOOD)
    expect(read.json.head_sha).toBe(deployment.sha)

    expect((await call(s, 'GET', '/actions/runs/1')).status).toBe(404)
    expect((await call(s, 'GET', '/actions/runs/1/approvals')).json).toMatchObject({ message: 'Not Found' })
    expect((await call(s, 'GET', '/actions/runs/abc')).status).toBe(404)
    expect((await call(s, 'POST', `/actions/runs/${run.id}/approvals`, {})).status).toBe(404)
    const elsewhere = await fetch(`${s.githubApiUrl}/repos/contoso/other/actions/runs/${run.id}`, { headers: AUTH })
    expect(elsewhere.status).toBe(404)
  })

  it('answers the review history in GitHub documented shape, in the order given', async () => {
    const s = await start()
    const run = s.github.addRun({
      headSha: 'a'.repeat(40),
      status: 'in_progress',
      approvals: [
        { environment: 'staging', state: 'rejected', comment: 'Not yet', user: 'reviewer-one' },
        { environments: ['release', 'marketplace'], state: 'approved', comment: 'Ship it', user: 'reviewer-two' }
      ]
    })
    expect(s.github.runs).toEqual([run])
    const runRead = (await call(s, 'GET', `/actions/runs/${run.id}`)).json
    expect(runRead).toMatchObject({ head_sha: 'a'.repeat(40), status: 'in_progress', conclusion: null })
    const history = await call(s, 'GET', `/actions/runs/${run.id}/approvals`)
    expect(history.status).toBe(200)
    expect(history.json).toHaveLength(2)
    expect(history.json[0]).toEqual({
      environments: [
        {
          id: expect.any(Number),
          node_id: expect.any(String),
          name: 'staging',
          url: `${s.githubApiUrl}${REPO}/environments/staging`,
          html_url: expect.stringContaining('https://github.com/contoso/offer-release/'),
          created_at: expect.any(String),
          updated_at: expect.any(String)
        }
      ],
      state: 'rejected',
      comment: 'Not yet',
      user: expect.objectContaining({ login: 'reviewer-one', type: 'User', id: expect.any(Number) })
    })
    expect(history.json[1]).toMatchObject({
      environments: [{ name: 'release' }, { name: 'marketplace' }],
      state: 'approved',
      comment: 'Ship it',
      user: { login: 'reviewer-two' }
    })
    // A run without reviews has an empty history.
    const plain = s.github.addRun()
    expect((await call(s, 'GET', `/actions/runs/${plain.id}/approvals`)).json).toEqual([])
  })

  it('answers 403 with x-accepted-github-permissions: actions=read when the token cannot read actions', async () => {
    const s = await start({ githubActionsPermission: 'none' })
    const run = s.github.addRun({ approvals: [{}] })
    for (const path of [`/actions/runs/${run.id}`, `/actions/runs/${run.id}/approvals`]) {
      const denied = await call(s, 'GET', path)
      expect(denied.status).toBe(403)
      expect(denied.json.message).toBe('Resource not accessible by integration')
      expect(denied.headers.get('x-accepted-github-permissions')).toBe('actions=read')
    }
    // Deployments keep their own permission.
    expect((await call(s, 'GET', '/deployments')).status).toBe(200)
    s.set({ githubActionsPermission: 'read' })
    expect((await call(s, 'GET', `/actions/runs/${run.id}/approvals`)).json[0].state).toBe('approved')
  })
})

describe('GitHub rate limits, on the simulator clock', () => {
  const resetOf = (h: Headers) => Number(h.get('x-ratelimit-reset'))

  it('reports the hour budget on every answer, 401 and 404 included', async () => {
    const s = await start()
    const first = await call(s, 'GET', '/deployments')
    expect(first.headers.get('x-ratelimit-limit')).toBe('1000')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('999')
    expect(first.headers.get('x-ratelimit-used')).toBe('1')
    expect(first.headers.get('x-ratelimit-resource')).toBe('core')
    expect(resetOf(first.headers)).toBe(Date.parse('2025-03-01T13:00:00Z') / 1000)
    expect(first.headers.get('x-github-request-id')).toMatch(
      /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{7}:[0-9A-F]+$/
    )
    const missing = await call(s, 'GET', '/deployments/1')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-ratelimit-remaining')).toBe('998')
    const bad = await call(s, 'GET', '/deployments', undefined, { authorization: 'token nope' })
    expect(bad.status).toBe(401)
    expect(bad.headers.get('x-ratelimit-limit')).toBe('60')
    expect(s.github.rateLimit).toEqual({
      limit: 1000,
      used: 2,
      remaining: 998,
      resetAt: Date.parse('2025-03-01T13:00:00Z')
    })
  })

  it('answers a spent budget 403 with remaining 0 until the reset, then counts afresh', async () => {
    const s = await start({ githubRateLimit: 2 })
    clock += 10 * 60_000
    expect((await call(s, 'GET', '/deployments')).status).toBe(200)
    expect((await call(s, 'POST', '/deployments', GOOD)).status).toBe(201)
    const limited = await call(s, 'POST', '/deployments', GOOD)
    expect(limited.status).toBe(403)
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.headers.get('retry-after')).toBeNull()
    const reset = Date.parse('2025-03-01T13:10:00Z') / 1000
    expect(resetOf(limited.headers)).toBe(reset)
    expect(limited.json.message).toMatch(/^API rate limit exceeded for installation ID \d+\./)
    expect(limited.json.message).not.toMatch(/Resource not accessible/)
    expect(limited.headers.get('x-accepted-github-permissions')).toBeNull()
    expect(s.github.deployments).toHaveLength(1)

    clock = reset * 1000 - 1
    expect((await call(s, 'GET', '/deployments')).status).toBe(403)
    clock += 1
    const fresh = await call(s, 'GET', '/deployments')
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('1')
    expect(resetOf(fresh.headers)).toBe(reset + 3600)
  })

  it('spends the budget on demand, with 429 when asked, until a chosen reset', async () => {
    const s = await start({ githubRateLimitStatus: 429 })
    s.github.exhaustRateLimit({ resetInMs: 90_000 })
    const limited = await call(s, 'GET', '/deployments')
    expect(limited.status).toBe(429)
    expect(limited.json.status).toBe('429')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(resetOf(limited.headers)).toBe(Date.parse('2025-03-01T12:01:30Z') / 1000)
    clock += 90_000
    expect((await call(s, 'GET', '/deployments')).status).toBe(200)
  })

  it('answers a secondary limit for the next N requests of a method, with retry-after', async () => {
    const s = await start()
    s.github.secondaryRateLimit({ requests: 2, method: 'POST', retryAfter: 30 })
    expect((await call(s, 'GET', '/deployments')).status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const limited = await call(s, 'POST', '/deployments', GOOD)
      expect(limited.status).toBe(403)
      expect(limited.headers.get('retry-after')).toBe('30')
      expect(limited.json.message).toMatch(/^You have exceeded a secondary rate limit/)
      // The budget is not what ran out.
      expect(Number(limited.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0)
    }
    expect(s.github.deployments).toHaveLength(0)
    expect((await call(s, 'POST', '/deployments', GOOD)).status).toBe(201)
  })

  it('answers a secondary limit until a time, with 429 and without retry-after when asked', async () => {
    const s = await start()
    s.github.secondaryRateLimit({ forMs: 120_000, retryAfter: null, status: 429 })
    const limited = await call(s, 'GET', '/deployments')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeNull()
    expect(limited.json.message).toMatch(/secondary rate limit/)
    clock += 119_999
    expect((await call(s, 'GET', '/deployments')).status).toBe(429)
    clock += 1
    expect((await call(s, 'GET', '/deployments')).status).toBe(200)
    // Without requests or forMs it lasts retry-after seconds (default 60).
    s.github.secondaryRateLimit()
    expect((await call(s, 'GET', '/deployments')).headers.get('retry-after')).toBe('60')
    clock += 60_000
    expect((await call(s, 'GET', '/deployments')).status).toBe(200)
  })
})
