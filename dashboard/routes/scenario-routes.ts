import express from 'express';
import type { ScenarioPlayer } from '../scenario-player.ts';
import { bodyOf, DashboardError } from './dashboard-error.ts';

/** The Scenarios page: the catalog, and the player's buttons (Load, Step, Play, Pause, Reset, Leave). */
export function scenarioRoutes(player: ScenarioPlayer): express.Router {
  const r = express.Router();
  r.get('/scenarios', (_req, res) => {
    res.json(player.catalog.list());
  });
  r.get('/scenario', (_req, res) => {
    res.json(player.state());
  });
  r.post('/scenario/load', async (req, res) => {
    const id = bodyOf(req).id;
    if (typeof id !== 'string' || id === '') throw new DashboardError('Pick a scenario', 'id');
    let loaded: Awaited<ReturnType<ScenarioPlayer['load']>>;
    try {
      loaded = await player.load(id);
    } catch (err) {
      throw new DashboardError((err as Error).message, 'id');
    }
    res.json(loaded);
  });
  r.post('/scenario/step', async (_req, res) => {
    res.json(await player.step());
  });
  r.post('/scenario/play', (req, res) => {
    const pace = bodyOf(req).pace;
    try {
      res.json(player.play(pace === undefined ? undefined : Number(pace)));
    } catch (err) {
      throw new DashboardError((err as Error).message, 'pace');
    }
  });
  r.post('/scenario/pause', (_req, res) => {
    res.json(player.pause());
  });
  r.post('/scenario/reset', async (_req, res) => {
    res.json(await player.reset());
  });
  r.post('/scenario/leave', async (_req, res) => {
    res.json(await player.leave());
  });
  return r;
}
