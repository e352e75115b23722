/** The modules that decide what a user sees: the ones mutation testing scores. */
export const MUTATED_MODULES: readonly string[] = [
  'gateway/certificates',
  'gateway/status',
  'gateway/calendar',
  'gateway/presence',
  'mock-exchange/notifications',
  'mock-exchange/faults',
  'mock-exchange/operations',
];

/**
 * What a default run of a module mutates and which tests it runs, where that is not the whole module with its own
 * unit and integration tests: the files that decide the verdict, with the unit tests that cover them without sockets.
 * On two shared cores a mutant of an integration-tested file costs 10-20 s (each run starts a mock Exchange), so the
 * whole of these modules would run for hours. `PGSIM_MUTATION_WHOLE=1 npm run mutation -- MODULE` runs all of it.
 */
export const MUTATION_SCOPES: Readonly<Record<string, { mutate: readonly string[]; tests: readonly string[] }>> = {
  'gateway/certificates': {
    mutate: [
      'chain-verifier.ts',
      'host-identity.ts',
      'validity-check.ts',
      'server-auth-usage.ts',
      'algorithm-check.ts',
    ].map((f) => `gateway/certificates/${f}`),
    tests: ['test/unit/gateway/certificates/**/*.test.ts'],
  },
  'gateway/calendar': {
    mutate: ['calendar-spread.ts', 'meeting-state.ts', 'subscribe-queue.ts', 'streaming-groups.ts'].map(
      (f) => `gateway/calendar/${f}`,
    ),
    tests: ['test/unit/gateway/calendar/**/*.test.ts'],
  },
  'gateway/presence': {
    mutate: ['login-throttle.ts', 'presence-composer.ts', 'presence-store.ts'].map((f) => `gateway/presence/${f}`),
    tests: ['test/unit/gateway/presence/**/*.test.ts'],
  },
  'mock-exchange/notifications': {
    mutate: ['watermark.ts', 'change-log.ts', 'push-retry-schedule.ts'].map((f) => `mock-exchange/notifications/${f}`),
    tests: ['test/unit/mock-exchange/notifications/**/*.test.ts'],
  },
  'mock-exchange/faults': {
    mutate: ['mock-exchange/faults/*.ts'],
    tests: ['test/unit/mock-exchange/faults/**/*.test.ts', 'test/integration/mock-exchange/faults/**/*.test.ts'],
  },
  // What a subscribed gateway reads: the calendar view and its restrictions, occurrences, and the three ways events
  // reach it (subscribe, pull, streaming). Item creation and the rest of the operations are served by the same
  // files' callers and scored through them only where they decide the reply.
  'mock-exchange/operations': {
    mutate: [
      'find-item.ts',
      'item-restriction.ts',
      'occurrence-bounds.ts',
      'request-values.ts',
      'subscribe.ts',
      'unsubscribe.ts',
      'get-events.ts',
      'get-streaming-events.ts',
    ].map((f) => `mock-exchange/operations/${f}`),
    tests: [
      'test/unit/mock-exchange/operations/**/*.test.ts',
      'test/integration/mock-exchange/operations/**/*.test.ts',
      'test/integration/mock-exchange/notifications/**/*.test.ts',
    ],
  },
};
