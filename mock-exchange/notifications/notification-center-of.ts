import type { Organization } from '../organization.ts';
import type { NotificationCenter } from './notification-center.ts';

const centers = new WeakMap<Organization, NotificationCenter>();

/** Called by each NotificationCenter as it is built: operations find it through the organization. */
export function attachNotificationCenter(org: Organization, center: NotificationCenter): void {
  centers.set(org, center);
}

/** The notification center serving an organization (each MockExchange creates one). */
export function notificationCenterOf(org: Organization): NotificationCenter {
  const center = centers.get(org);
  if (!center) throw new Error('No notification center is attached to this organization');
  return center;
}
