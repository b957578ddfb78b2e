// The layers of src/, lowest first; every import points down (or within its own room).
//   base      text, clock, json, durations, the Logger shape: no knowledge of the action
//   model     settings, errors, target identity, operation status and its one table, outcomes
//   runner    the one port over @actions/core
//   inputs    reading and checking every input into one settings object
//   http      one request, one retry policy, caps, time-outs
//   auth      tokens for the Marketplace APIs
//   marketplace  the API client and one backend per API, behind the Backend interface
//   github    GitHub's deployments and workflow runs, over the same http policy
//   report    every sentence for people: the log, the summary, the outputs
//   flow      go-live, wait, cancel, dry run, follow: they return outcome values
//   main.ts / index.ts compose them.
const LAYERS = ['base', 'model', 'runner', 'inputs', 'http', 'auth', 'marketplace', 'github', 'report', 'flow']
// What each room may import besides itself.
const ALLOWED = {
  base: [],
  model: ['base'],
  runner: ['base', 'model'],
  inputs: ['base', 'model', 'runner'],
  http: ['base', 'model'],
  auth: ['base', 'model', 'http'],
  marketplace: ['base', 'model', 'http', 'auth'],
  github: ['base', 'model', 'http'],
  report: ['base', 'model', 'runner'],
  flow: ['base', 'model', 'marketplace', 'github', 'report']
}

const layerRules = LAYERS.map((room) => ({
  name: `layer-${room}`,
  comment: `src/${room}/ imports only ${ALLOWED[room].join(', ') || 'itself'}`,
  severity: 'error',
  from: { path: `^src/${room}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${room}/`, ...ALLOWED[room].map((other) => `^src/${other}/`)]
  }
}))

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    ...layerRules,
    {
      name: 'core-only-in-runner',
      comment: '@actions/core is reached through the runner port alone',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/runner/' },
      to: { path: 'node_modules/@actions/core/' }
    },
    {
      name: 'nothing-imports-the-root',
      comment: 'main.ts and index.ts compose the rooms; no room imports them',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/(main|index)\\.ts$' }
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default']
    }
  }
}
