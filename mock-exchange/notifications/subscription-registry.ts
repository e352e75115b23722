import { EwsError } from '../../ews/errors.ts';
import type { Subscription, SubscriptionKind } from './subscription.ts';

/**
 * Live subscriptions, held per server (what a restart loses), indexed by mailbox (whom a change wakes)
 * and counted per account (what throttling limits).
 */
export class SubscriptionRegistry {
  readonly #registries = new Map<string, Map<string, Subscription>>();
  readonly #byMailbox = new Map<string, Set<Subscription>>();
  readonly #perAccount = new Map<string, number>();

  constructor(servers: Iterable<string>) {
    for (const name of servers) this.#registries.set(name, new Map());
  }

  add(sub: Subscription): void {
    this.#registry(sub.server).set(sub.id, sub);
    const set = this.#byMailbox.get(sub.mailbox) ?? new Set<Subscription>();
    this.#byMailbox.set(sub.mailbox, set);
    set.add(sub);
    this.#perAccount.set(sub.account, (this.#perAccount.get(sub.account) ?? 0) + 1);
  }

  remove(sub: Subscription): void {
    this.#registry(sub.server).delete(sub.id);
    this.#byMailbox.get(sub.mailbox)?.delete(sub);
    this.#perAccount.set(sub.account, Math.max(0, (this.#perAccount.get(sub.account) ?? 1) - 1));
  }

  /** Find a live subscription by id on any server (a CAS proxies to the mailbox server). */
  find(id: string): Subscription | undefined {
    for (const r of this.#registries.values()) {
      const sub = r.get(id);
      if (sub) return sub;
    }
    return undefined;
  }

  /**
   * A subscription the caller may use, or the EWS error for why not. With `backEnd`, only that Mailbox
   * server's subscriptions are seen: a request routed elsewhere finds nothing (ErrorSubscriptionNotFound).
   */
  require(id: string, account: string | undefined, backEnd?: string): Subscription {
    const sub = this.find(id.trim());
    if (!sub || (backEnd !== undefined && sub.server !== backEnd)) throw new EwsError('ErrorSubscriptionNotFound');
    if (account !== undefined && sub.account !== account) throw new EwsError('ErrorSubscriptionAccessDenied');
    return sub;
  }

  /** The subscriptions one server holds, or undefined for a server the organization does not have. */
  heldBy(server: string): Subscription[] | undefined {
    const registry = this.#registries.get(server);
    return registry && [...registry.values()];
  }

  /** The live subscriptions watching a mailbox, wherever they are held. */
  subscriptionsOf(address: string): ReadonlySet<Subscription> {
    return this.#byMailbox.get(address.toLowerCase()) ?? new Set();
  }

  list(filter: { mailbox?: string; server?: string; kind?: SubscriptionKind } = {}): Subscription[] {
    const out: Subscription[] = [];
    for (const [server, registry] of this.#registries) {
      if (filter.server && filter.server !== server) continue;
      for (const sub of registry.values()) {
        if (filter.mailbox && filter.mailbox.toLowerCase() !== sub.mailbox) continue;
        if (filter.kind && filter.kind !== sub.kind) continue;
        out.push(sub);
      }
    }
    return out;
  }

  subscriptionCount(account: string): number {
    return this.#perAccount.get(account) ?? 0;
  }

  #registry(server: string): Map<string, Subscription> {
    const r = this.#registries.get(server) ?? new Map<string, Subscription>();
    this.#registries.set(server, r);
    return r;
  }
}
