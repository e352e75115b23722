import type { AdminRoutes } from './admin-api.ts';
import { certificateRoutes } from './certificate-routes.ts';
import { faultRoutes } from './fault-routes.ts';
import { meetingRoutes } from './meeting-routes.ts';
import { requestRoutes } from './request-routes.ts';
import { serverProfileRoutes } from './server-profile-routes.ts';
import { subscriptionRoutes } from './subscription-routes.ts';
import { topologyRoutes } from './topology-routes.ts';

/** Every route group of the admin API; each file in this folder contributes one. */
export const ADMIN_ROUTES: AdminRoutes[] = [
  meetingRoutes,
  topologyRoutes,
  subscriptionRoutes,
  certificateRoutes,
  faultRoutes,
  serverProfileRoutes,
  requestRoutes,
];
