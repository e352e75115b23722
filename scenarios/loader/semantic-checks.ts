import { parseParameter } from '../../gateway/config/service-parameters.ts';
import { GatewayError } from '../../gateway/gateway-error.ts';
import { parseFault } from '../../mock-exchange/faults/parse-fault.ts';
import { MockExchangeError } from '../../mock-exchange/mock-exchange-error.ts';
import { OPERATIONS } from '../../mock-exchange/operations/index.ts';
import { Organization } from '../../mock-exchange/organization.ts';
import { serverSettingsFromConfig } from '../../mock-exchange/server-settings.ts';
import { VirtualClock } from '../../sim/clock.ts';
import { IdGenerator } from '../../sim/ids.ts';
import { type LabPlan, planLab } from '../runtime/lab-plan.ts';
import type { LabSpec } from '../schema/lab-spec.ts';
import type { ScenarioDocument } from '../schema/scenario-spec.ts';
import type { Path, Reference, RefKind, SpecIssue } from '../schema/spec.ts';

/** `a.b[2].c` (a field as the mock's validators name it) -> ['a', 'b', 2, 'c']. */
export function parseField(field: string): Path {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

type Names = Record<RefKind, Map<string, string>>;

/** Names the lab declares, keyed case-insensitively where IM&P and Exchange compare that way. */
function labNames(plan: LabPlan): Names {
  const map = (values: string[]) => new Map(values.map((v) => [v.toLowerCase(), v]));
  return {
    server: map(plan.org.servers.map((s) => s.name)),
    mailbox: map(plan.org.mailboxes.map((m) => m.address)),
    user: map(plan.imp.users.map((u) => u.id)),
    gateway: map(plan.imp.gateways.map((g) => g.name)),
    host: map([...plan.org.servers.map((s) => s.fqdn), ...plan.hosts.map((h) => h.name)]),
  };
}

/**
 * What the schema cannot see: names used before they exist, and values only the lab's own validators
 * judge (the organization, faults, service parameters). Runs only on a document that passed the schema.
 */
export function semanticIssues(doc: ScenarioDocument, refs: Reference[], fileId: string): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (doc.id !== fileId)
    issues.push({ path: ['id'], at: 'value', message: `must be the file name without .yaml ("${fileId}")` });
  const plan = planLab(doc.lab, doc.id);
  issues.push(...labIssues(doc.lab, plan));
  const names = labNames(plan);
  const stepOf = (r: Reference) => (r.path[0] === 'steps' ? Number(r.path[1]) : -1);
  const ordered = [...refs].sort((a, b) => stepOf(a) - stepOf(b));
  let step = -1;
  const labDeclared = new Set<string>();
  const endStep = (i: number) => {
    const s = doc.steps[i];
    if (s && 'do' in s && s.do === 'gateway.delete') names.gateway.delete(String(s.with?.gateway).toLowerCase());
  };
  for (const r of ordered) {
    const at = stepOf(r);
    while (step < at) {
      if (step >= 0) endStep(step);
      step++;
    }
    const known = names[r.kind];
    const key = r.name.toLowerCase();
    if (r.declares && at < 0) {
      // The lab's own names are already known; a second declaration of one is a duplicate.
      const seen = `${r.kind}:${key}`;
      if (labDeclared.has(seen)) issues.push({ path: r.path, at: 'value', message: `duplicate ${r.kind} "${r.name}"` });
      labDeclared.add(seen);
    } else if (r.declares) {
      if (known.has(key)) issues.push({ path: r.path, at: 'value', message: `${r.kind} "${r.name}" already exists` });
      else known.set(key, r.name);
    } else if (!known.has(key)) {
      const list = [...known.values()];
      issues.push({
        path: r.path,
        at: r.isKey ? 'key' : 'value',
        message: `unknown ${r.kind} "${r.name}"; known: ${list.length > 12 ? `${list.slice(0, 12).join(', ')}, ...` : list.join(', ') || 'none'}`,
      });
    }
  }
  for (const [i, s] of doc.steps.entries()) {
    if (!('do' in s) || s.do !== 'exchange.fault') continue;
    try {
      parseFault(s.with?.fault, 'fault', faultContext(plan));
    } catch (err) {
      if (!(err instanceof MockExchangeError && err.field !== undefined)) throw err;
      issues.push({ path: ['steps', i, 'with', ...parseField(err.field)], at: 'value', message: err.problem });
    }
  }
  // The organization's own check and the name check can both catch one unknown name: report it once.
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = i.path.join('.');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function faultContext(plan: LabPlan) {
  return { operations: [...OPERATIONS.keys()], mailboxes: plan.org.mailboxes.map((m) => m.address.toLowerCase()) };
}

function labIssues(lab: LabSpec, plan: LabPlan): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const declaredMailboxes = lab.exchange.mailboxes?.length ?? 0;
  const orgPath = (field: string): Path => {
    const p = parseField(field);
    if (p[0] === 'mailboxes' && typeof p[1] === 'number' && p[1] >= declaredMailboxes) return ['lab', 'load'];
    return ['lab', 'exchange', ...p];
  };
  try {
    new Organization(plan.org, new VirtualClock(plan.start), new IdGenerator(plan.seed));
    serverSettingsFromConfig(plan.org, faultContext(plan));
  } catch (err) {
    if (!(err instanceof MockExchangeError && err.code === 'INVALID_CONFIG' && err.field !== undefined)) throw err;
    issues.push({ path: orgPath(err.field), at: 'value', message: err.problem });
  }
  for (const [name, value] of Object.entries(lab.imp?.parameters ?? {})) {
    try {
      parseParameter(name, value);
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      issues.push({ path: ['lab', 'imp', 'parameters', name], at: 'key', message: err.message });
    }
  }
  for (const [i, tr] of (lab.imp?.trust ?? []).entries()) {
    if (tr.from !== 'exchange-root' && tr.server === undefined)
      issues.push({ path: ['lab', 'imp', 'trust', i, 'server'], at: 'parent', message: `${tr.from} needs a server` });
  }
  if (lab.load && lab.load.transitions > lab.load.subscribing) {
    issues.push({
      path: ['lab', 'load', 'transitions'],
      at: 'value',
      message: 'only subscribing users can transition: transitions must not exceed subscribing',
    });
  }
  return issues;
}
