import { ApiError } from './api.ts';
import { h } from './dom.ts';

/** A labelled input with the place its error message goes, right next to it. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement, name: string): HTMLElement {
  input.name = name;
  input.id ||= `f-${name}-${Math.random().toString(36).slice(2, 8)}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: input.id }, label),
    input,
    h('span', { class: 'field-error', 'data-error-for': name, role: 'alert' }),
  );
}

export function clearErrors(scope: Element): void {
  for (const el of scope.querySelectorAll('[data-error-for]')) el.textContent = '';
  for (const el of scope.querySelectorAll('.invalid')) el.classList.remove('invalid');
}

/** Put a refusal next to the field it names, or at the form level when it names none we show. */
export function showError(scope: Element, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof ApiError ? err.field : undefined;
  const slot =
    (name && scope.querySelector(`[data-error-for="${CSS.escape(name)}"]`)) ||
    scope.querySelector('[data-error-for="_form"]');
  if (name) scope.querySelector(`[name="${CSS.escape(name)}"]`)?.classList.add('invalid');
  if (slot) slot.textContent = message;
  else window.alert(message);
}

/** Run an action from a form or button; errors land next to the field; the caller's scope is cleared first. */
export async function attempt(scope: Element, action: () => Promise<unknown>): Promise<boolean> {
  clearErrors(scope);
  try {
    await action();
    return true;
  } catch (err) {
    showError(scope, err);
    return false;
  }
}

export function formError(): HTMLElement {
  return h('div', { class: 'field-error form-error', 'data-error-for': '_form', role: 'alert' });
}
