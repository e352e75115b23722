import type express from 'express';
import { adminApp as impAdminApp } from '../gateway/admin-api.ts';
import type { Lab } from '../lab/create-lab.ts';
import { adminApp as exchangeAdminApp } from '../mock-exchange/admin/admin-api.ts';
import { ADMIN_ROUTES } from '../mock-exchange/admin/routes.ts';
import type { VirtualClock } from '../sim/clock.ts';
import type { ClockDriver } from '../sim/clock-driver.ts';
import type { JournalEntry } from '../sim/journal.ts';
import { journalTagger } from './journal-tags.ts';
import type { LabKind, LabSummary, StatusState, TaggedEntry } from './protocol.ts';
import { StatusWatch } from './status-watch.ts';

/** A lab the dashboard can show: the live lab, or the lab of the scenario being played. */
export interface LabHandle {
  kind: LabKind;
  title: string;
  lab: Lab;
  clock: VirtualClock;
  driver: ClockDriver;
}

/**
 * The dashboard's view of one lab: the IM&P and Exchange admin APIs mounted in-process (the page calls
 * the same routes the CLI does), the log tagger and the status area.
 */
export class LabContext {
  readonly impApp: express.Express;
  readonly exchangeApp: express.Express;
  readonly tag: (entry: JournalEntry) => TaggedEntry;
  readonly status: StatusWatch;

  constructor(
    readonly handle: LabHandle,
    readonly generation: number,
    onStatus: (state: StatusState) => void,
  ) {
    const { lab } = handle;
    this.impApp = impAdminApp(lab.imp);
    this.exchangeApp = exchangeAdminApp(lab.exchange, ADMIN_ROUTES);
    this.tag = journalTagger(() => ({
      servers: [...lab.exchange.org.servers.values()].map((s) => ({ name: s.name, fqdn: s.fqdn, ip: s.ip })),
      users: lab.imp.config.users.list().map((u) => ({ userId: u.userId, mailbox: u.mailbox })),
      gatewayHost: (id) => lab.imp.config.gateways.find(id)?.host,
    }));
    this.status = new StatusWatch(lab.imp, onStatus);
  }

  get lab(): Lab {
    return this.handle.lab;
  }

  summary(): LabSummary {
    const { lab } = this;
    return {
      kind: this.handle.kind,
      generation: this.generation,
      title: this.handle.title,
      release: lab.imp.release.release,
      servers: [...lab.exchange.org.servers.values()].map((s) => ({
        name: s.name,
        fqdn: s.fqdn,
        ip: s.ip,
        port: lab.exchange.listeners.get(s.name)?.port ?? s.port,
      })),
      users: lab.imp.config.users
        .list()
        .map((u) => ({ userId: u.userId, displayName: u.displayName, mailbox: u.mailbox })),
    };
  }

  dispose(): void {
    this.status.dispose();
  }
}
