import type { ImpNode } from '../gateway/imp-node.ts';
import type { ComposedPresence } from '../gateway/presence/presence-composer.ts';
import { LAB_USER_PASSWORD, Lab } from '../lab/create-lab.ts';
import type { TimeDriver } from '../lab/time-driver.ts';
import { VirtualClock } from '../sim/clock.ts';
import { type ClockControls, clockControls, instant } from './clock-controls.ts';
import { type OrganizationInput, organizationConfig } from './organization-input.ts';
import { type RunningMockExchange, runningMockExchange } from './start-mock-exchange.ts';

export interface StartLabOptions {
  /** The Exchange organization: an object, a JSON/YAML file, or undefined for the default one. */
  organization?: OrganizationInput;
  /** Where the virtual clock starts (default: now). A lab's time moves only through `clock`. */
  start?: number | Date | string;
  /** The IM and Presence release the node runs (default the newest). */
  release?: string;
  /** Listen on ports the system picks (default true); false keeps the ports the organization names. */
  freePorts?: boolean;
}

/** A running lab: the mock Exchange and an IM&P node provisioned for every mailbox, on one virtual clock. */
export interface RunningLab {
  /** The organization, as startMockExchange returns it (its stop() stops the whole lab). */
  mock: RunningMockExchange;
  node: {
    /** The IM&P node's admin API (JSON over HTTP on 127.0.0.1). */
    adminUrl: string;
    /** The presence feed (WebSocket) clients log in to. */
    presenceUrl: string;
    /** The admin API's bearer token, once admin APIs take tokens; undefined until then. */
    adminToken: string | undefined;
    /** End users provisioned (one per mailbox) and the password each logs in with. */
    users: string[];
    userPassword: string;
    /** The node itself, for what the API does not cover (unstable: internal names may change). */
    imp: ImpNode;
  };
  /** The composed presence the node publishes for a user (calendar state, client state, label). */
  presence(userId: string): ComposedPresence;
  /** Virtual time: advance/runUntil fire due timers one instant at a time and let the I/O they start finish. */
  clock: ClockControls;
  /** The lab itself (unstable). */
  lab: Lab;
  /** Stop the node, the organization, every socket and timer; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Start the whole lab on a virtual clock: the mock Exchange organization and an IM&P node with an EWS gateway per
 * server, the organization's CA in cup-trust and every mailbox's user subscribed by the Cisco Presence Engine.
 */
export async function startLab(options: StartLabOptions = {}): Promise<RunningLab> {
  const clock = new VirtualClock(options.start === undefined ? Date.now() : instant(options.start, 'start'));
  const org = organizationConfig(options.organization, clock.now(), options.freePorts ?? true);
  const lab = await Lab.create({ clock, org, release: options.release });
  const time = lab.time as TimeDriver;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= lab.stop();
    return stopped;
  };
  try {
    // The engine's first subscriptions finish before the test looks.
    await time.settle();
  } catch (err) {
    await stop();
    throw err;
  }
  const controls = clockControls(clock, time);
  const mock = runningMockExchange(lab.exchange, controls, stop);
  return {
    mock,
    node: {
      adminUrl: lab.impAdminUrl,
      presenceUrl: lab.presenceUrl,
      adminToken: lab.token,
      users: lab.imp.config.users.list().map((u) => u.userId),
      userPassword: LAB_USER_PASSWORD,
      imp: lab.imp,
    },
    presence: (userId) => lab.imp.presence.get(userId),
    clock: controls,
    lab,
    stop: () => mock.stop(),
  };
}
