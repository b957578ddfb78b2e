// ts-jest in ESM mode: the sources are ESM with `.js` import specifiers, so the resolver maps
// them back to `.ts` and jest runs under --experimental-vm-modules.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // The end-to-end suites mostly wait on real sockets and child processes, not the CPU.
  maxWorkers: 4,
  // dist.e2e.test.ts runs its child processes side by side (it.concurrent); they mostly wait.
  maxConcurrency: 16,
  testTimeout: 30000,
  verbose: true,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js']
}
