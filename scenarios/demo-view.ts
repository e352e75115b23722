import type { StatusAreaResult } from '../gateway/status/status-area.ts';
import { formatTable } from './reporters/format-table.ts';
import type { ScenarioLab } from './runtime/scenario-lab.ts';
import { formatInstant } from './sim-time.ts';

/**
 * What a trainer shows between steps: the clock, the Exchange Server Status area and each user's presence
 * with the calendar subscription behind it. The status area is refreshed as an administrator reloading
 * the page would; a refresh that would have to wait for Exchange Timeout is not waited for (that would
 * move the scenario's clock), and the last status the scenario saw is shown instead.
 */
export async function demoView(lab: ScenarioLab): Promise<string> {
  const now = lab.clock.now();
  const lines = [`Virtual time ${formatInstant(now, lab.plan.start)}  Cisco Presence Engine: ${lab.imp.engine.state}`];
  let fresh: StatusAreaResult | undefined;
  void lab.imp.status().then((a) => {
    fresh ??= a;
  });
  await lab.time.settle();
  if (fresh && lab.clock.now() === now) lab.lastStatus = { at: now, area: fresh };
  const shown = lab.lastStatus;
  if (shown) {
    if (shown.area !== fresh)
      lines.push(
        `Exchange Server Status as of ${formatInstant(shown.at, lab.plan.start)} (a refresh is waiting for Exchange Timeout):`,
      );
    lines.push(statusTable(lab, shown.area));
  } else lines.push('Exchange Server Status: refreshing (waiting for Exchange Timeout)');
  const users = lab.imp.config.users.list();
  lines.push(
    formatTable(
      ['user', 'presence', 'calendar subscription', 'client'],
      users
        .slice(0, 20)
        .map((u) => [
          u.userId,
          lab.imp.presence.get(u.userId).label,
          lab.imp.calendars.get(u.userId)?.status ?? 'none',
          lab.clientsOf(u.userId).some((c) => c.connected) ? 'connected' : '-',
        ]),
    ),
  );
  if (users.length > 20) lines.push(`(${users.length - 20} more users)`);
  return lines.join('\n');
}

function statusTable(lab: ScenarioLab, area: StatusAreaResult): string {
  const lines = [
    formatTable(
      ['gateway', 'Presence Gateway', 'Exchange Reachability', 'SSL Connection/Certificate Verification'],
      area.rows.map((r) => [
        lab.gatewayName(r.gateway.id),
        `${r.gateway.host}:${r.gateway.port}`,
        r.reachability,
        r.ssl,
      ]),
    ),
  ];
  if (area.notChecked > 0) lines.push(`(${area.notChecked} more gateway(s) not checked: only the first 10 are)`);
  if (area.restartRequired) lines.push('Presence Engine restart required.');
  return lines.join('\n');
}
