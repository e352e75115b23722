import { NODE_LOCALES } from '../schema/lab-spec.ts';
import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** The IM&P node and Cisco Unified CM as platforms: locale installers, node restart. */
export const nodeActions = [
  action({
    name: 'locale.install',
    summary: 'run the locale installer on the IM&P node or on Cisco Unified CM',
    args: t.object({ locale: t.oneOf(NODE_LOCALES), on: t.oneOf(['imp', 'cucm'] as const) }),
    run: async (lab, a) => {
      lab.imp.directory.locales.install(a.locale, a.on);
      return {
        summary: `locale ${a.locale} installed on ${a.on === 'imp' ? 'the IM and Presence node' : 'Cisco Unified CM'}`,
      };
    },
  }),
  action({
    name: 'node.restart',
    summary: 'restart the IM and Presence node (a newly installed locale becomes active)',
    args: t.object({}),
    run: async (lab) => {
      const locale = await lab.time.drive(lab.imp.restartNode());
      return { summary: `IM and Presence node restarted; active locale ${locale}` };
    },
  }),
];
