import { REACHABILITY_LABELS, SSL_LABELS } from '../../gateway/status/status-labels.ts';
import { t } from '../schema/spec.ts';
import { type Check, compare, expectation } from './expectation.ts';

const rowSpec = t.object({
  reachability: t.optional(t.oneOf(REACHABILITY_LABELS)),
  ssl: t.optional(t.oneOf(SSL_LABELS)),
  shown: t.optional(t.boolean().describe('false: the status area does not check this gateway (beyond the first 10)')),
});

/** Presence Gateway Configuration > Exchange Server Status, refreshed now. */
export const statusExpectation = expectation({
  key: 'status',
  summary: 'the Exchange Server Status area: Exchange Reachability and SSL Connection/Certificate Verification',
  spec: t.object({
    gateways: t.optional(t.record(rowSpec, 'gateway')),
    notChecked: t.optional(t.int(0).describe('gateways configured beyond the first 10')),
    restartRequired: t.optional(t.boolean()),
  }),
  check: async (lab, exp, observe) => {
    const area = await lab.refreshStatus();
    observe({
      rows: area.rows.map((r) => ({
        gateway: lab.gatewayName(r.gateway.id),
        host: r.gateway.host,
        reachability: r.reachability,
        ssl: r.ssl,
        rule: r.evidence.rule,
        detail: r.evidence.detail,
      })),
      notChecked: area.notChecked,
      restartRequired: area.restartRequired,
    });
    const checks: Check[] = [];
    for (const [name, want] of Object.entries(exp.gateways ?? {})) {
      const id = lab.gateways.get(name);
      const row = area.rows.find((r) => r.gateway.id === id);
      if (want.shown !== undefined) checks.push(compare(`status ${name} shown`, want.shown, row !== undefined));
      if (want.reachability)
        checks.push(
          compare(`status ${name} Exchange Reachability`, want.reachability, row?.reachability ?? 'not shown'),
        );
      if (want.ssl) {
        const c = compare(`status ${name} SSL Connection/Certificate Verification`, want.ssl, row?.ssl ?? 'not shown');
        checks.push(row && !c.ok ? { ...c, observed: `${row.ssl} (${row.evidence.detail})` } : c);
      }
    }
    if (exp.notChecked !== undefined)
      checks.push(compare('status gateways not checked', exp.notChecked, area.notChecked));
    if (exp.restartRequired !== undefined)
      checks.push(compare('status Presence Engine restart required', exp.restartRequired, area.restartRequired));
    return checks;
  },
});
