import { TIERS } from '../tiers.ts';
import { labSpec } from './lab-spec.ts';
import { type Infer, t } from './spec.ts';
import { type Step, stepSpec } from './step-spec.ts';

/** Sections of the troubleshooting chapter a scenario can reproduce (its headings, as identifiers). */
export const SECTIONS = [
  'Troubleshooting Exchange Server Connection Status',
  'Troubleshooting SSL Connection Certificate Status',
  'Scale Limitations for Calendar Integrations',
  'Calendar State Does Not Update if a User Moves Between Microsoft Exchange Servers',
  'LDAP User Removal Takes at Least 24 Hours to Replicate on the IM and Presence Service',
  'Verifying That the Microsoft Exchange Server URL Contains the Localized Word for Calendar',
] as const;

export const scenarioSpec = t.object({
  id: t
    .string()
    .pattern(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ssl-cn-mismatch')
    .describe('the file name without .yaml'),
  title: t.string(),
  section: t.oneOf(SECTIONS).describe('the section of the troubleshooting text this case reproduces'),
  symptom: t.string().describe('what the administrator sees (one line, for the README table)'),
  cause: t.string(),
  fix: t.string(),
  tags: t.optional(t.array(t.string())),
  tier: t.optional(
    t
      .oneOf(TIERS)
      .describe('quick (default): part of `pgsim run`; full: minutes long, run only with --tier full or by name'),
  ),
  lab: labSpec,
  steps: t.array(stepSpec, 1),
});

export type ScenarioDocument = Omit<Infer<typeof scenarioSpec>, 'steps'> & { steps: Step[] };
