import { calendarExpectation } from './calendar-expectation.ts';
import { calendarStateExpectation } from './calendar-state-expectation.ts';
import { clientExpectation } from './client-expectation.ts';
import { engineExpectation } from './engine-expectation.ts';
import type { ExpectationDefinition } from './expectation.ts';
import { loadExpectation } from './load-expectation.ts';
import { logExpectation } from './log-expectation.ts';
import { loginExpectation } from './login-expectation.ts';
import { presenceExpectation } from './presence-expectation.ts';
import { sqlExpectation } from './sql-expectation.ts';
import { statusExpectation } from './status-expectation.ts';
import { subscriptionsExpectation } from './subscriptions-expectation.ts';
import { viewerExpectation } from './viewer-expectation.ts';

/** Every kind of `expect`, in the order they are checked within one step. */
export const EXPECTATIONS: readonly ExpectationDefinition[] = [
  statusExpectation,
  viewerExpectation,
  engineExpectation,
  calendarExpectation,
  calendarStateExpectation,
  presenceExpectation,
  clientExpectation,
  loginExpectation,
  subscriptionsExpectation,
  sqlExpectation,
  logExpectation,
  loadExpectation,
];
