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
