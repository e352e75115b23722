import { t } from '../schema/spec.ts';
import { type Check, compare, expectation } from './expectation.ts';

const ROW_STATUSES = ['Verified', 'Missing', 'Bad signature', 'Expired', 'Untrusted'] as const;

/** Configure/View: the chain as the Certificate Viewer shows it, leaf first. */
export const viewerExpectation = expectation({
  key: 'viewer',
  summary: 'the Certificate Viewer of a gateway: one row per certificate with its status',
  spec: t.object({
    gateway: t.string().ref('gateway'),
    ssl: t.optional(t.string()),
    rows: t.optional(
      t.array(
        t.object({
          subject: t.optional(t.string().describe('subject CN (for a Missing row, the issuer it names)')),
          issuer: t.optional(t.string()),
          status: t.optional(t.oneOf(ROW_STATUSES)),
        }),
      ),
    ),
  }),
  check: async (lab, exp, observe) => {
    const v = await lab.time.drive(lab.imp.viewer(lab.gatewayId(exp.gateway)));
    observe({ gateway: exp.gateway, ssl: v.ssl, detail: v.detail, rows: v.rows });
    const checks: Check[] = [];
    if (exp.ssl) checks.push(compare(`viewer ${exp.gateway} verification`, exp.ssl, v.ssl));
    if (exp.rows) {
      const rows = v.rows.map((r) => ({ subject: r.subjectCN, issuer: r.issuerCN, status: r.status }));
      checks.push(compare(`viewer ${exp.gateway} certificates in the chain`, exp.rows.length, rows.length));
      // Each row is compared on the fields the scenario names.
      for (const [i, want] of exp.rows.entries()) {
        const got = rows[i];
        const projected = got && Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof typeof got]]));
        checks.push(compare(`viewer ${exp.gateway} row ${i + 1}`, want, projected ?? 'no such row'));
      }
    }
    return checks;
  },
});
