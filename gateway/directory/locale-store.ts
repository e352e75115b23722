import type { Clock } from '../../sim/clock.ts';
import type { ConfigDatabase } from '../config/config-database.ts';
import { GatewayError } from '../gateway-error.ts';
import { LOCALE_CALENDAR_WORDS } from '../locale-packs.ts';

export type LocaleNode = 'imp' | 'cucm';

export interface InstalledLocale {
  node: LocaleNode;
  locale: string;
  calendarWord: string;
  installedAt: number;
}

export function requireLocale(locale: string): string {
  if (!Object.hasOwn(LOCALE_CALENDAR_WORDS, locale)) {
    throw new GatewayError(
      'INVALID_VALUE',
      `Unknown locale "${locale}"; available locale packs: ${Object.keys(LOCALE_CALENDAR_WORDS).join(', ')}`,
      'locale',
    );
  }
  return locale;
}

/**
 * Locale packs installed on the IM&P node and on Cisco Unified CM, separately. A pack installed on the IM&P
 * node becomes its active locale only after a node restart.
 */
export class LocaleStore {
  constructor(
    readonly db: ConfigDatabase,
    readonly clock: Clock,
  ) {}

  list(): InstalledLocale[] {
    return this.db
      .all<{ node: LocaleNode; locale: string; installed_at: number }>(
        'SELECT node, locale, installed_at FROM localepack ORDER BY node, installed_at, locale',
      )
      .map((r) => ({
        node: r.node,
        locale: r.locale,
        calendarWord: LOCALE_CALENDAR_WORDS[r.locale] ?? '?',
        installedAt: r.installed_at,
      }));
  }

  isInstalled(node: LocaleNode, locale: string): boolean {
    return this.db.get('SELECT 1 AS x FROM localepack WHERE node = ? AND locale = ?', node, locale) !== undefined;
  }

  install(locale: string, node: LocaleNode): InstalledLocale {
    requireLocale(locale);
    if (node !== 'imp' && node !== 'cucm')
      throw new GatewayError('INVALID_VALUE', `--on must be imp or cucm, got "${String(node)}"`, 'node');
    if (this.isInstalled(node, locale))
      throw new GatewayError(
        'INVALID_VALUE',
        `Locale ${locale} is already installed on ${node === 'imp' ? 'the IM and Presence node' : 'Cisco Unified CM'}`,
        'locale',
      );
    this.db.transaction(() => {
      this.db.run(
        'INSERT INTO localepack (node, locale, installed_at) VALUES (?, ?, ?)',
        node,
        locale,
        this.clock.now(),
      );
      if (node === 'imp') {
        this.db.run(
          "INSERT INTO nodesetting (name, value) VALUES ('pending_locale', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
          locale,
        );
      }
    });
    return this.list().find((l) => l.node === node && l.locale === locale)!;
  }

  /** At an IM&P node restart the most recently installed pack becomes the active locale. */
  applyPendingOnRestart(): string {
    const pending = this.db.get<{ value: string }>(
      "SELECT value FROM nodesetting WHERE name = 'pending_locale'",
    )?.value;
    if (pending) {
      this.db.transaction(() => {
        this.db.run("UPDATE nodesetting SET value = ? WHERE name = 'active_locale'", pending);
        this.db.run("DELETE FROM nodesetting WHERE name = 'pending_locale'");
      });
    }
    return (
      this.db.get<{ value: string }>("SELECT value FROM nodesetting WHERE name = 'active_locale'")?.value ?? 'en_US'
    );
  }
}
