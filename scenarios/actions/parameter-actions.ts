import { SERVICE_PARAMETERS } from '../../gateway/config/service-parameters.ts';
import { type Spec, t } from '../schema/spec.ts';
import { action } from './action.ts';

/** One optional field per Presence Engine service parameter, with IM&P's range. */
const parameterShape = Object.fromEntries(
  Object.entries(SERVICE_PARAMETERS).map(([name, p]) => {
    const spec: Spec<unknown> =
      typeof p.default === 'boolean'
        ? t.boolean()
        : t.int('min' in p ? p.min : undefined, 'max' in p ? p.max : undefined);
    return [name, t.optional(spec.describe(p.label))];
  }),
);

export const parameterActions = [
  action({
    name: 'parameters.set',
    summary: 'Service Parameters > Cisco Presence Engine: calendaring parameters (they need an engine restart)',
    args: t.object(parameterShape),
    run: async (lab, a) => {
      const params = lab.imp.config.parameters.set(a as Record<string, unknown>);
      const changed = Object.keys(a).map((k) => `${k}=${String(params[k as keyof typeof params])}`);
      return { summary: `service parameters ${changed.join(', ')}` };
    },
  }),
];
