import type { Clock } from '../../sim/clock.ts';
import { TrustStore } from '../certificates/trust-store.ts';
import { calendarWord } from '../locale-packs.ts';
import { ConfigDatabase } from './config-database.ts';
import { type GatewayInput, GatewayStore, type PresenceGateway } from './gateway-store.ts';
import { NodeSettings } from './node-settings.ts';
import { ServiceParameterStore } from './service-parameters.ts';
import { UserStore } from './user-store.ts';

/** Everything the node keeps in its configuration database, behind one handle. */
export class ImpConfig {
  readonly gateways: GatewayStore;
  readonly trust: TrustStore;
  readonly parameters: ServiceParameterStore;
  readonly settings: NodeSettings;
  readonly users: UserStore;

  constructor(
    readonly db: ConfigDatabase,
    readonly clock: Clock,
  ) {
    this.gateways = new GatewayStore(db, clock);
    this.trust = new TrustStore(db, clock);
    this.parameters = new ServiceParameterStore(db);
    this.settings = new NodeSettings(db);
    this.users = new UserStore(db);
  }

  static open(dataDir: string | ':memory:', clock: Clock): ImpConfig {
    return new ImpConfig(ConfigDatabase.open(dataDir), clock);
  }

  /** Add a gateway; its calendar word comes from the locale active on the node right now. */
  addGateway(input: GatewayInput): PresenceGateway {
    return this.gateways.add(input, calendarWord(this.settings.activeLocale()));
  }

  close(): void {
    this.db.close();
  }
}
