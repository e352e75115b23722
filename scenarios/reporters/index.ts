import { jsonReporter } from './json-reporter.ts';
import { junitReporter } from './junit-reporter.ts';
import { prettyReporter } from './pretty-reporter.ts';
import type { Reporter, ReporterName } from './reporter.ts';

export function createReporter(name: ReporterName): Reporter {
  return name === 'json' ? jsonReporter() : name === 'junit' ? junitReporter() : prettyReporter();
}
