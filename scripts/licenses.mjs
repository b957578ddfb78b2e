// @ts-check
/**
 * Writes dist/licenses.txt: the licence of every package bundled into dist/, read from the source
 * maps ncc writes. ncc's own list misses packages that webpack concatenates into one module (with
 * @actions/core loaded at start, that was every package of the entry chunk), and a bundle that
 * ships code must ship its licences. Runs as the last step of `npm run package`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')

/** Package folders (relative to the repository, nested node_modules kept) that the bundle holds. */
const packages = new Set()
for (const file of readdirSync(dist).filter((name) => name.endsWith('.js.map'))) {
  /** @type {{ sources: string[] }} */
  const map = JSON.parse(readFileSync(join(dist, file), 'utf8'))
  for (const source of map.sources) {
    const match = /^(?:.*?\/)?((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(
      source.replace(/^webpack:\/\/[^/]*\/(\.\/)?/, '')
    )
    if (match) packages.add(match[1])
  }
}

const entries = [...packages]
  .map((folder) => {
    const dir = join(root, folder)
    /** @type {{ name: string, license?: string }} */
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const licenseFile = existsSync(dir)
      ? readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\..*)?$/i.test(name))
      : undefined
    const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : ''
    return { name: manifest.name, license: manifest.license ?? 'UNKNOWN', text }
  })
  .sort((a, b) => a.name.localeCompare(b.name))

const unique = entries.filter((entry, index) => entries.findIndex((other) => other.name === entry.name) === index)
writeFileSync(
  join(dist, 'licenses.txt'),
  unique.map((entry) => `${entry.name}\n${entry.license}\n${entry.text}\n`).join('\n')
)
