import express from 'express';
import type { LocaleNode } from './directory/locale-store.ts';
import type { ImpNode } from './imp-node.ts';

/** Admin API routes for the directory, locale packs, licensing and the node restart. */
export function directoryRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  const d = node.directory;
  r.get('/directory', (_req, res) => {
    res.json({
      ldapReachable: d.ldap.reachable,
      ldap: d.ldap.list(),
      cucm: d.cucm.list(),
      imp: node.config.users.list(),
    });
  });
  r.post('/directory/sync', (_req, res) => {
    res.json(d.sync());
  });
  r.post('/directory/ldap', (req, res) => {
    const b = (req.body ?? {}) as Record<string, string>;
    res.status(201).json({
      user: d.ldap.add({
        userId: b.userId ?? '',
        mail: b.mail ?? '',
        displayName: b.displayName ?? b.userId ?? '',
        password: b.password ?? '',
      }),
    });
  });
  r.delete('/directory/ldap/:user', (req, res) => {
    res.json({ deleted: d.ldap.delete(String(req.params.user)) });
  });
  r.put('/directory/ldap/reachable', (req, res) => {
    d.ldap.setReachable((req.body as { reachable?: unknown })?.reachable !== false);
    res.json({ ldapReachable: d.ldap.reachable });
  });
  r.put('/directory/cucm/:user/locale', (req, res) => {
    res.json({
      user: d.cucm.setLocale(String(req.params.user), String((req.body as { locale?: unknown })?.locale ?? '')),
    });
  });
  r.get('/locales', (_req, res) => {
    res.json({ installed: d.locales.list(), active: node.config.settings.activeLocale() });
  });
  r.post('/locales', (req, res) => {
    const b = (req.body ?? {}) as { locale?: string; on?: LocaleNode };
    res.status(201).json({
      installed: d.locales.install(String(b.locale ?? ''), b.on as LocaleNode),
      note: b.on === 'imp' ? 'Restart the IM and Presence node to activate it' : undefined,
    });
  });
  r.post('/imp/restart', async (_req, res) => {
    res.json({ activeLocale: await node.restartNode(), engine: node.engine.state });
  });
  r.post('/users/:user/unlicense', (req, res) => {
    node.unlicense(String(req.params.user));
    res.json({ user: node.config.users.require(String(req.params.user)) });
  });
  return r;
}
