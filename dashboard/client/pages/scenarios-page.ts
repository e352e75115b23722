import type { CatalogEntry, CheckView, PlayerState, StepResultView, StepView } from '../../protocol.ts';
import { api } from '../api.ts';
import { fill, h } from '../dom.ts';
import { attempt, formError } from '../forms.ts';
import type { Scope } from '../scope.ts';
import { statusAreaView } from '../status-area-view.ts';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function checkRow(c: CheckView): HTMLElement {
  return h(
    'li',
    { class: `check ${c.ok ? 'ok' : 'bad'}`, 'data-test': 'check', 'data-ok': String(c.ok) },
    h('span', { class: 'mark' }, c.ok ? '✔' : '✘'),
    ` ${c.what}: `,
    h('b', null, show(c.observed)),
    c.ok ? null : h('span', { class: 'sub' }, ` (expected ${show(c.expected)})`),
  );
}

function stepRow(step: StepView, p: PlayerState): HTMLElement {
  const result: StepResultView | undefined = p.results.find((r) => r.index === step.index);
  const state =
    p.running === step.index
      ? 'running'
      : result
        ? result.ok
          ? 'passed'
          : 'failed'
        : step.index === p.next
          ? 'next'
          : 'waiting';
  return h(
    'li',
    { class: `step ${step.kind} ${state}`, 'data-step': step.index, 'data-state': state },
    h('span', { class: 'num' }, String(step.index + 1)),
    h('span', { class: 'kind' }, step.kind),
    step.kind === 'say' ? h('q', null, step.say) : h('span', { class: 'desc' }, step.description),
    result?.outcome && step.kind !== 'say' ? h('div', { class: 'sub' }, result.outcome, ` (at ${result.at})`) : null,
    result?.error ? h('div', { class: 'bad' }, result.error) : null,
    step.kind === 'expect'
      ? h(
          'ul',
          { class: 'checks' },
          result?.checks
            ? result.checks.map(checkRow)
            : (step.expects ?? []).map((k) =>
                h('li', { class: 'check pending', 'data-test': 'check', 'data-ok': 'pending' }, `${k}: pending`),
              ),
        )
      : null,
  );
}

/**
 * Trainer mode: pick a catalog scenario, read its narration, Step / Play / Reset; each expectation turns
 * green or red as its step runs. The rest of the dashboard shows the scenario's lab while it is loaded.
 */
export function scenariosPage(root: HTMLElement, scope: Scope): void {
  const { live } = scope;
  const catalog = h('ul', { class: 'catalog', 'data-test': 'catalog' });
  const player = h('div', { class: 'player', 'data-test': 'player' });
  let picked: string | undefined;
  let entries: CatalogEntry[] = [];
  const errors = formError();

  const call = (path: string, body?: unknown) =>
    void attempt(controls, () => api('POST', `/api/scenario/${path}`, body));
  const pace = h(
    'select',
    { name: 'pace', 'aria-label': 'Pause between steps when playing' },
    [0, 1000, 3000, 6000].map((ms) =>
      h('option', { value: ms, selected: ms === 1000 }, `${ms / 1000} s between steps`),
    ),
  );
  const buttons = {
    load: h('button', { type: 'button', 'data-test': 'scenario-load' }, 'Load'),
    step: h('button', { type: 'button', 'data-test': 'scenario-step' }, 'Step'),
    play: h('button', { type: 'button', 'data-test': 'scenario-play' }, 'Play'),
    pause: h('button', { type: 'button', 'data-test': 'scenario-pause' }, 'Pause'),
    reset: h('button', { type: 'button', 'data-test': 'scenario-reset' }, 'Reset'),
    leave: h('button', { type: 'button', 'data-test': 'scenario-leave' }, 'Back to the live lab'),
  };
  buttons.load.addEventListener('click', () => picked && call('load', { id: picked }));
  buttons.step.addEventListener('click', () => call('step'));
  buttons.play.addEventListener('click', () => call('play', { pace: Number(pace.value) }));
  buttons.pause.addEventListener('click', () => call('pause'));
  buttons.reset.addEventListener('click', () => call('reset'));
  buttons.leave.addEventListener('click', () => call('leave'));
  const controls = h('div', { class: 'controls' }, Object.values(buttons), ' ', pace, errors);

  const renderCatalog = () => {
    const loaded = live.player?.scenario?.id;
    fill(
      catalog,
      entries.map((e) =>
        h(
          'li',
          { class: [e.id === picked ? 'picked' : '', e.problem ? 'broken' : ''].join(' '), 'data-scenario': e.id },
          h(
            'button',
            {
              type: 'button',
              disabled: Boolean(e.problem),
              onclick: () => {
                picked = e.id;
                renderCatalog();
                renderPlayer();
              },
            },
            e.title,
          ),
          e.id === loaded ? h('span', { class: 'sub' }, ' (loaded)') : null,
          e.problem ? h('pre', { class: 'bad' }, e.problem) : null,
        ),
      ),
    );
  };

  const renderPlayer = () => {
    const p = live.player;
    const loaded = p?.scenario;
    const entry = loaded && loaded.id === picked ? loaded : entries.find((e) => e.id === picked);
    const phase = p?.phase ?? 'idle';
    const busy = phase === 'building' || phase === 'running';
    const isLoaded = Boolean(loaded && loaded.id === picked);
    buttons.load.disabled = !picked || busy;
    buttons.load.textContent = isLoaded ? 'Reload' : 'Load';
    buttons.step.disabled = !isLoaded || busy || phase === 'playing' || phase === 'finished' || phase === 'failed';
    buttons.play.disabled = buttons.step.disabled;
    buttons.pause.disabled = phase !== 'playing';
    buttons.reset.disabled = !isLoaded || phase === 'building';
    buttons.leave.disabled = !loaded || phase === 'building';
    root.dataset.phase = phase;
    if (!entry) {
      fill(player, h('p', null, 'Pick a scenario from the catalog.'));
      return;
    }
    const steps = isLoaded && loaded ? loaded.steps : undefined;
    fill(
      player,
      h('h2', null, entry.title),
      h(
        'dl',
        { class: 'case' },
        h('dt', null, 'Section'),
        h('dd', null, entry.section),
        h('dt', null, 'Symptom'),
        h('dd', null, entry.symptom),
        h('dt', null, 'Cause'),
        h('dd', null, entry.cause),
        h('dt', null, 'Fix'),
        h('dd', null, entry.fix),
      ),
      controls,
      h(
        'p',
        { class: `phase phase-${phase}`, 'data-test': 'phase' },
        isLoaded ? `${phase}${p?.at ? ` · scenario time ${p.at}` : ''}` : 'not loaded',
      ),
      p?.error && isLoaded ? h('p', { class: 'bad' }, p.error) : null,
      isLoaded && p?.narration ? h('blockquote', { class: 'narration', 'data-test': 'narration' }, p.narration) : null,
      steps && p
        ? h(
            'ol',
            { class: 'steps', 'data-test': 'steps' },
            steps.map((s) => stepRow(s, p)),
          )
        : null,
    );
  };

  const load = async () => {
    entries = await api<CatalogEntry[]>('GET', '/api/scenarios');
    picked ??= live.player?.scenario?.id ?? entries.find((e) => !e.problem)?.id;
    renderCatalog();
    renderPlayer();
  };

  fill(
    root,
    h('h1', null, 'Scenarios'),
    h(
      'div',
      { class: 'scenarios' },
      h('nav', null, h('h2', null, 'Catalog'), catalog),
      h('div', null, player, statusAreaView(scope)),
    ),
  );
  scope.on((msg) => {
    if (msg.type === 'player' || msg.type === 'hello') {
      renderCatalog();
      renderPlayer();
    }
  });
  void load();
}
