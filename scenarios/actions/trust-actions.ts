import { TRUST_SOURCES } from '../schema/lab-spec.ts';
import { t } from '../schema/spec.ts';
import { action } from './action.ts';

const store = t.optional(t.oneOf(['cup-trust', 'tomcat-trust'] as const).describe('default cup-trust'));

/** Cisco Unified IM and Presence OS Administration > Certificate Management. */
export const trustActions = [
  action({
    name: 'trust.upload',
    summary: 'download certificates from the Exchange side and upload them to a trust store',
    args: t.object({ from: t.oneOf(TRUST_SOURCES), server: t.optional(t.string().ref('server')), store }),
    run: async (lab, a) => {
      const files = await lab.uploadTrust(a);
      const where = a.store ?? 'cup-trust';
      return {
        summary:
          files.length > 0
            ? `uploaded ${files.join(', ')} to ${where}`
            : `nothing to upload: ${where} already holds those certificates`,
        data: { files },
      };
    },
  }),
  action({
    name: 'trust.delete',
    summary: 'delete a certificate from a trust store (by subject CN, file name or fingerprint)',
    args: t.object({ certificate: t.string(), store }),
    run: async (lab, a) => {
      const gone = lab.imp.config.trust.delete(a.store ?? 'cup-trust', a.certificate);
      return { summary: `deleted ${gone.filename} (${gone.subject.split('\n')[0]}) from ${a.store ?? 'cup-trust'}` };
    },
  }),
];
