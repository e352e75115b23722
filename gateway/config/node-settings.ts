import type { ConfigDatabase } from './config-database.ts';

/** Node-wide settings (the active locale, for now) kept in the nodesetting table. */
export class NodeSettings {
  constructor(readonly db: ConfigDatabase) {}

  get(name: string): string | undefined {
    return this.db.get<{ value: string }>('SELECT value FROM nodesetting WHERE name = ?', name)?.value;
  }

  set(name: string, value: string): void {
    this.db.transaction(() => {
      this.db.run(
        'INSERT INTO nodesetting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
        name,
        value,
      );
    });
  }

  activeLocale(): string {
    return this.get('active_locale') ?? 'en_US';
  }
}
