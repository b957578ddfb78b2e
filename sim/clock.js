// @ts-check
// Time in the simulator: one injectable `now()` drives every operation, job and token expiry,
// computed lazily whenever state is looked at (no timers), and the wire formats of instants.

/**
 * The live clock of a simulator: reads `options.now` on every call, so `sim.set({ now })` swaps it.
 * @param {{ now: () => number }} options
 * @returns {() => number}
 */
export function liveClock(options) {
  return () => options.now()
}

/** @param {number} ms */
export function iso(ms) {
  return new Date(ms).toISOString()
}

// CPP timestamps carry .NET's seven fractional digits; clients must still parse them.
/** @param {number} ms */
export function iso7(ms) {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z')
}

/** Whole seconds, as GitHub writes its timestamps. @param {number} ms */
export function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// The ingestion API v1.0 writes workflow times with seven fractional digits and no zone (UTC).
/** @param {number} ms */
export function iso7NoZone(ms) {
  return iso7(ms).slice(0, -1)
}
