/**
 * Every workflow we ship or show (.github/workflows/, examples/) and action.yml must be accepted
 * by GitHub: a mistake there only shows up once pushed, as a run that never starts. These are
 * checked with GitHub's own workflow and action schemas from @actions/workflow-parser, the
 * parser behind the Actions language service. Each parser also gets a broken file, so these
 * tests cannot pass because the parser accepts anything.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import { parse as parseYaml } from 'yaml'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** YAML files directly in a folder, as paths relative to the repository root. */
function yamlFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(folder, name))
}

/**
 * Schema errors from parsing, then the errors the converter finds beyond the schema (job
 * references, matrix and concurrency shapes, expressions in the wrong context, ...).
 */
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value)
  return parsed.context.errors.getErrors().map((e) => e.message)
}

function actionErrors(name: string, content: string): string[] {
  const parsed = parseAction({ name, content }, new NoOperationTraceWriter())
  if (parsed.value) convertActionTemplate(parsed.context, parsed.value)
  return parsed.context.errors.getErrors().map((e) => e.message)
}

const workflows = [...yamlFiles('.github/workflows'), ...yamlFiles('examples')]

describe('workflow files', () => {
  it('finds the workflows and the examples', () => {
    expect(workflows).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        '.github/workflows/self-test.yml',
        'examples/release.yml',
        'examples/pull-request-dry-run.yml',
        'examples/follow.yml',
        'examples/product-ingestion.yml',
        'examples/matrix.yml'
      ])
    )
  })

  it.each(workflows)('%s is a valid workflow', async (file) => {
    const content = readFileSync(join(ROOT, file), 'utf8')
    // Compared with [] so a failure prints every error with its line and column.
    expect(await workflowErrors(file, content)).toEqual([])
  })

  it('rejects a workflow with an unknown key', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    step:',
      '      - run: echo hi'
    ].join('\n')
    const errors = await workflowErrors('broken.yml', broken)
    expect(errors.join('\n')).toMatch(/Unexpected value 'step'/)
  })

  // Schema-valid, so only the converter's checks can find it.
  it('rejects a job that needs a job that does not exist', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo build',
      '  release:',
      '    needs: missing',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo release'
    ].join('\n')
    const errors = await workflowErrors('broken-needs.yml', broken)
    expect(errors.join('\n')).toMatch(/unknown job 'missing'/)
  })
})

/** The fenced YAML blocks of a Markdown file. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match) => match[1])
}

/** Every `with:` of a step that uses this action, in a workflow or a bare list of steps. */
function actionInputsUsed(value: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    if (typeof record.uses === 'string' && /marketplace-go-live@|^\.\/?$/.test(record.uses)) {
      found.push((record.with as Record<string, unknown>) ?? {})
    }
    Object.values(record).forEach(visit)
  }
  visit(value)
  return found
}

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const blocks = yamlBlocks(readme)
  const inputs = Object.keys(
    (parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs
  )

  it('shows complete workflows, and each is valid', async () => {
    const complete = blocks.filter((block) => /^on:/m.test(block) && /^jobs:/m.test(block))
    expect(complete.length).toBeGreaterThanOrEqual(2)
    for (const [index, block] of complete.entries()) {
      expect(await workflowErrors(`README block ${index + 1}`, block)).toEqual([])
    }
  })

  it.each([
    ['README.md', blocks],
    ...workflows.map((file) => [file, [readFileSync(join(ROOT, file), 'utf8')]] as [string, string[]])
  ])('%s gives the action only inputs it has, and a timeout when it waits', (_file, texts) => {
    for (const text of texts) {
      for (const used of actionInputsUsed(parseYaml(text))) {
        expect(Object.keys(used).filter((name) => !inputs.includes(name))).toEqual([])
        const waits =
          String(used.follow) !== 'true' && String(used['dry-run']) !== 'true' && String(used.wait) !== 'false'
        // Without a timeout a go-live progressing normally fails after the 60-minute default.
        if (waits && !used['operation-location']) expect(Object.keys(used)).toContain('timeout')
      }
    }
  })
})

describe('action.yml', () => {
  const file = 'action.yml'
  const content = readFileSync(join(ROOT, file), 'utf8')

  it('is a valid action', () => {
    expect(actionErrors(file, content)).toEqual([])
  })

  it('rejects an action running on an unknown Node version', () => {
    const broken = content.replace(/^(\s+using:\s*)node24\s*$/m, '$1node99')
    expect(broken).not.toBe(content)
    expect(actionErrors('broken-action.yml', broken).join('\n')).toMatch(/Unexpected value 'node99'/)
  })

  it('rejects an action without runs.main', () => {
    const broken = content.replace(/^\s+main:.*$/m, '')
    expect(broken).not.toBe(content)
    expect(actionErrors('broken-action.yml', broken).join('\n')).toMatch(/Add one of these properties:.*\bmain\b/)
  })
})
