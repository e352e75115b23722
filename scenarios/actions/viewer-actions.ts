import { t } from '../schema/spec.ts';
import { action } from './action.ts';

/** Presence Gateway Configuration > Configure/View: the Certificate Viewer. */
export const viewerActions = [
  action({
    name: 'viewer.accept',
    summary: 'Certificate Viewer: check Accept Certificate Chain and Save (imports what Exchange presented)',
    args: t.object({ gateway: t.string().ref('gateway') }),
    run: async (lab, a) => {
      const added = await lab.time.drive(lab.imp.acceptChain(lab.gatewayId(a.gateway)));
      return {
        summary: `Accept Certificate Chain imported ${added.length} certificate(s): ${added.map((c) => c.subject.split('\n')[0]).join(', ') || 'none'}`,
        data: { added: added.map((c) => c.subject.split('\n')[0]) },
      };
    },
  }),
];
