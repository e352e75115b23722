import type { ImpNode } from '../gateway/imp-node.ts';
import type { StatusAreaResult } from '../gateway/status/status-area.ts';
import { statusHelp } from '../gateway/status/status-labels.ts';
import type { StatusState, StatusView } from './protocol.ts';

export function statusView(area: StatusAreaResult, checkedAt: number): StatusView {
  return {
    rows: area.rows.map((r) => ({ ...r, help: statusHelp(r) })),
    notChecked: area.notChecked,
    restartRequired: area.restartRequired,
    checkedAt,
  };
}

/**
 * The Exchange Server Status area as the dashboard shows it: refreshed on request, one check at a time
 * (a request during a check runs once more after it), reported when done. A check against a hung server
 * lasts until Exchange Timeout passes on the virtual clock, so nobody waits on it: the result is pushed.
 * The check is the node's own (its journal entries, its labels); the page checks after every change, so
 * the debug log gets a row only when a verdict changed since the page's last result.
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
    node
      .status(this.#area?.rows)
      .then(
        (area) => {
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

  dispose(): void {
    this.#disposed = true;
  }
}
