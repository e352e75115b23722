import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** Cisco Presence Engine in Serviceability: it loads gateways, parameters and cup-trust when it starts. */
export const engineActions = (['start', 'stop', 'restart'] as const).map((verb) =>
  action({
    name: `engine.${verb}`,
    summary: `${verb} the Cisco Presence Engine`,
    args: t.object({}),
    run: async (lab) => {
      await lab.time.drive(lab.imp.engine[verb]());
      return { summary: `Cisco Presence Engine ${lab.imp.engine.state}` };
    },
  }),
);
