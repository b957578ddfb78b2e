/** Reading loosely shaped JSON from the APIs without trusting its shape. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The objects of an array (anything else in it dropped); [] when it is not an array. */
export function arrayOfRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : []
}

/** The value when it is a string with something in it; undefined for '' and every other type. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * Compact JSON of a document, or undefined when it is nested deeper than `maxDepth` or longer than
 * `maxChars`. JSON.parse reads any depth, but JSON.stringify recurses and throws ("Maximum call
 * stack size exceeded") on a document a few thousand levels deep; the depth is measured first,
 * without recursion.
 */
export function boundedJson(value: unknown, maxDepth: number, maxChars: number): string | undefined {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [node, depth] = stack.pop()!
    if (typeof node !== 'object' || node === null) continue
    if (depth > maxDepth) return undefined
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1])
  }
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    return undefined
  }
  return text !== undefined && text.length <= maxChars ? text : undefined
}
