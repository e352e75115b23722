import { ServerSettingError } from '../server-setting-error.ts';
import { AdminError } from './admin-api.ts';

/** Run an admin action; bad certificate/fault input becomes a 400 naming the field (404 for an unknown server). */
export async function asAdmin<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof ServerSettingError) {
      throw new AdminError(err.message, err.field === 'server' ? 404 : 400, err.field);
    }
    throw err;
  }
}
