import type { JournalEntry } from '../../sim/journal.ts';
import { t } from '../schema/spec.ts';
import { type Check, expectation } from './expectation.ts';

const lineSpec = t.object({
  contains: t.optional(t.string()),
  matches: t.optional(t.string().describe('a regular expression')),
  source: t.optional(t.string().describe('calendar, status-area, presence-engine, config, ...')),
  level: t.optional(t.oneOf(['debug', 'info', 'warn', 'error'] as const)),
  since: t.optional(t.oneOf(['start', 'step'] as const).describe('step: since the last `do` step (default start)')),
  absent: t.optional(t.boolean().describe('true: no such line may exist')),
});

export function formatEntry(e: JournalEntry): string {
  return `[${new Date(e.at).toISOString().slice(11, 19)}] ${e.level} ${e.source}: ${e.message}`;
}

/** The node's debug log (the lab journal): a line that must, or must not, be there. */
export const logExpectation = expectation({
  key: 'log',
  summary: 'debug log lines (the lab journal)',
  spec: t.union(lineSpec, t.array(lineSpec, 1)),
  check: async (lab, exp) => {
    const wanted = Array.isArray(exp) ? exp : [exp];
    return wanted.map((w): Check => {
      const re = w.matches ? new RegExp(w.matches) : undefined;
      const lines = lab.lab.journal
        .entries({ since: w.since === 'step' ? lab.markSeq : 0 })
        .filter(
          (e) =>
            (!w.source || e.source === w.source) &&
            (!w.level || e.level === w.level) &&
            (!w.contains || e.message.includes(w.contains)) &&
            (!re || re.test(e.message)),
        );
      const what =
        `log ${w.source ?? ''}${w.level ? `/${w.level}` : ''} ${JSON.stringify(w.contains ?? w.matches ?? '')}`.trim();
      const found = lines[0];
      return {
        what,
        expected: w.absent ? 'no such line' : 'a matching line',
        observed: found ? formatEntry(found) : 'no such line',
        ok: w.absent ? found === undefined : found !== undefined,
      };
    });
  },
});
