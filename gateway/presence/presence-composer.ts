import type { CalendarState } from '../calendar/meeting-state.ts';

/** What a client sets for itself. */
export type ClientState = 'offline' | 'available' | 'away' | 'dnd';

/** The presence the node publishes, as Jabber shows it. */
export type PresenceLabel = 'Offline' | 'Available' | 'Away' | 'Do Not Disturb' | 'In a meeting' | 'Out of Office';

export interface ComposedPresence {
  label: PresenceLabel;
  client: ClientState;
  /** The calendar's state, or 'unknown' when the gateway has no fresh calendar for the user. */
  calendar: CalendarState | 'unknown';
}

/**
 * Composition (DESIGN §4), strongest first: Offline (no client logged in: the chapter's calendar state
 * "persists until the user logs out"), Do Not Disturb, the calendar (In a meeting, Away or Out of Office),
 * then the client's own Available or Away.
 */
export function composePresence(
  client: ClientState,
  calendar: CalendarState | 'unknown',
  outOfOfficeParameter: boolean,
): ComposedPresence {
  let label: PresenceLabel;
  if (client === 'offline') label = 'Offline';
  else if (client === 'dnd') label = 'Do Not Disturb';
  else if (calendar === 'busy') label = 'In a meeting';
  else if (calendar === 'oof') label = outOfOfficeParameter ? 'Out of Office' : 'Away';
  else label = client === 'away' ? 'Away' : 'Available';
  return { label, client, calendar };
}
