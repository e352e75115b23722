import { formatTable } from '../lab/format-table.ts';
import type { ScenarioLab } from './runtime/scenario-lab.ts';
import { formatInstant } from './sim-time.ts';

/**
 * What a trainer shows between steps: the clock, the Exchange Server Status area, and each user's
 * presence with the calendar subscription behind it. The status area is refreshed as an administrator
 * reloading the page would; a refresh that must wait for Exchange Timeout is shown as pending.
 */
export async function demoView(lab: ScenarioLab): Promise<string> {
  const lines = [
    `Virtual time ${formatInstant(lab.clock.now(), lab.plan.start)}  Cisco Presence Engine: ${lab.imp.engine.state}`,
  ];
  let area: Awaited<ReturnType<typeof lab.imp.status>> | undefined;
  const refresh = lab.imp.status().then((a) => {
    area = a;
  });
  await lab.time.settle();
  if (area) {
    lines.push(
      formatTable(
        ['gateway', 'Presence Gateway', 'Exchange Reachability', 'SSL Connection/Certificate Verification'],
        area.rows.map((r) => [
          lab.gatewayName(r.gateway.id),
          `${r.gateway.host}:${r.gateway.port}`,
          r.reachability,
          r.ssl,
        ]),
      ),
    );
    if (area.notChecked > 0) lines.push(`(${area.notChecked} more gateway(s) not checked: only the first 10 are)`);
    if (area.restartRequired) lines.push('Presence Engine restart required.');
  } else {
    lines.push('Exchange Server Status: still refreshing (waiting for Exchange Timeout)');
    void refresh;
  }
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
