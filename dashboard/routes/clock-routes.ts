import express from 'express';
import { dayOf, parseDuration, parseInstant } from '../../scenarios/sim-time.ts';
import { CLOCK_SPEEDS } from '../../sim/clock-driver.ts';
import type { LabHost } from '../lab-host.ts';
import { bodyOf, DashboardError } from './dashboard-error.ts';

/** "09:30" (today, virtual), "2030-05-06T09:30:00Z", or "+15m" (from now). */
export function jumpTarget(text: unknown, now: number): number {
  if (typeof text !== 'string' || text.trim() === '')
    throw new DashboardError('Enter a time: 09:30, +15m or 2030-05-06T09:30:00Z', 'to');
  const t = text.trim();
  let target: number;
  try {
    if (t.startsWith('+')) target = now + parseDuration(t.slice(1));
    else {
      target = parseInstant(t, dayOf(now));
      const [h, m] = t.includes('T') ? [0, 0] : t.split(':').map(Number);
      if ((h ?? 0) > 23 || (m ?? 0) > 59) throw new RangeError(`"${t}" is not a time of day`);
    }
  } catch (err) {
    throw new DashboardError((err as Error).message, 'to');
  }
  if (!Number.isFinite(target)) throw new DashboardError(`"${t}" is not a valid time`, 'to');
  if (target < now)
    throw new DashboardError(`${new Date(target).toISOString()} is in the past: virtual time only moves forward`, 'to');
  return target;
}

/** The clock controls every page carries: pause, resume, speed, jump. */
export function clockRoutes(host: LabHost): express.Router {
  const r = express.Router();
  r.get('/clock', (_req, res) => {
    res.json(host.current.handle.driver.state());
  });
  r.post('/clock', async (req, res) => {
    const body = bodyOf(req);
    const { driver, clock } = host.current.handle;
    switch (body.action) {
      case 'pause':
        driver.pause();
        break;
      case 'resume':
        driver.resume();
        break;
      case 'speed': {
        const speed = Number(body.speed);
        if (!(CLOCK_SPEEDS as readonly number[]).includes(speed))
          throw new DashboardError(`speed must be one of ${CLOCK_SPEEDS.join(', ')}`, 'speed');
        driver.setSpeed(speed);
        break;
      }
      case 'jump':
        await driver.jumpTo(jumpTarget(body.to, clock.now()));
        break;
      default:
        throw new DashboardError('action must be pause, resume, speed or jump', 'action');
    }
    res.json(driver.state());
  });
  return r;
}
