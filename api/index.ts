/**
 * pgsim's programmatic API: start a mock Exchange organization or a whole lab inside a test suite, assert on the
 * EWS requests a client sent, run a catalog scenario. Everything here is the package's public surface.
 *
 * @packageDocumentation
 */
export type { MeetingView } from '../mock-exchange/admin/org-admin.ts';
export type { Fault } from '../mock-exchange/faults/fault.ts';
export type { OrgConfig } from '../mock-exchange/org-config.ts';
export type { BodyView } from '../mock-exchange/requests/body-view.ts';
export type { EwsRequestView, RequestAuthMethod } from '../mock-exchange/requests/recorded-request.ts';
export type { RequestFilter, RequestJournalView } from '../mock-exchange/requests/request-journal.ts';
export type { ScenarioResult, StepRecord } from '../scenarios/runner.ts';
export type { ClockControls } from './clock-controls.ts';
export type { ExchangeAdmin, FaultControls, MeetingControls, ProfileControls } from './exchange-controls.ts';
export type { OrganizationInput } from './organization-input.ts';
export { RequestExpectationError, RequestLog, type RequestMatcher } from './request-log.ts';
export { type RunScenarioOptions, runScenario, type ScenarioRun } from './run-scenario.ts';
export { type RunningLab, type StartLabOptions, startLab } from './start-lab.ts';
export {
  type MockExchangeServer,
  type RunningMockExchange,
  type StartMockExchangeOptions,
  startMockExchange,
} from './start-mock-exchange.ts';
