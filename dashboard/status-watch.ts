import type { ImpNode } from '../gateway/imp-node.ts';
import type { GatewayStatus } from '../gateway/status/gateway-check.ts';
import { refreshStatusArea, type StatusAreaResult } from '../gateway/status/status-area.ts';
import { REACHABILITY_HELP, SSL_HELP } from '../gateway/status/status-labels.ts';
import type { StatusState, StatusView } from './protocol.ts';

export function statusView(area: StatusAreaResult, checkedAt: number): StatusView {
  return {
    rows: area.rows.map((r) => ({
      ...r,
      help: { reachability: REACHABILITY_HELP[r.reachability], ssl: SSL_HELP[r.ssl] },
    })),
    notChecked: area.notChecked,
    restartRequired: area.restartRequired,
    checkedAt,
  };
}

/**
 * The Exchange Server Status area as the dashboard shows it: refreshed on request, one check at a time
 * (a request during a check runs once more after it), reported when done. A check against a hung server
 * lasts until Exchange Timeout passes on the virtual clock, so nobody waits on it: the result is pushed.
 */
export class StatusWatch {
  #area: StatusView | null = null;
  #checking = false;
  #again = false;
  #disposed = false;

  constructor(
    readonly node: ImpNode,
    readonly onChange: (state: StatusState) => void,
  ) {}

  state(): StatusState {
    return { area: this.#area, checking: this.#checking };
  }

  refresh(): void {
    if (this.#disposed) return;
    if (this.#checking) {
      this.#again = true;
      return;
    }
    this.#checking = true;
    this.onChange(this.state());
    const node = this.node;
    refreshStatusArea(node.config.gateways.list(), {
      ...node.checkContext(),
      restartRequired: node.engine.restartRequired(),
    })
      .then(
        (area) => {
          this.#journalChanges(area.rows);
          this.#area = statusView(area, node.clock.now());
        },
        (err: unknown) => {
          this.node.journal.record('error', 'dashboard', `status area check failed: ${(err as Error).message}`);
        },
      )
      .finally(() => {
        this.#checking = false;
        if (this.#disposed) return;
        if (this.#again) {
          this.#again = false;
          this.refresh();
        } else this.onChange(this.state());
      });
  }

  /** The page checks after every change; the debug log gets a row only when its verdict changed. */
  #journalChanges(rows: GatewayStatus[]): void {
    const before = new Map(this.#area?.rows.map((r) => [r.gateway.id, r]));
    for (const r of rows) {
      const was = before.get(r.gateway.id);
      if (was && was.reachability === r.reachability && was.ssl === r.ssl && was.evidence.detail === r.evidence.detail)
        continue;
      this.node.journal.record(
        r.ssl === 'Verified' && r.reachability === 'pingable' ? 'info' : 'warn',
        'status-area',
        `${r.gateway.host}:${r.gateway.port} ${r.reachability}, ${r.ssl}: ${r.evidence.detail}`,
        {
          gateway: r.gateway.id,
          reachability: r.reachability,
          ssl: r.ssl,
          rule: r.evidence.rule,
          error: r.evidence.error,
        },
      );
    }
  }

  dispose(): void {
    this.#disposed = true;
  }
}
