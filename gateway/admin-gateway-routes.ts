import express from 'express';
import { restartNotice } from './admin-restart-notice.ts';
import type { ImpNode } from './imp-node.ts';

/** Admin API routes for Exchange calendaring gateways and the service account they share. */
export function gatewayRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  r.get('/gateways', (_req, res) => {
    res.json({
      gateways: node.config.gateways.list(),
      accountName: node.config.gateways.account()?.accountName ?? null,
      authMethod: node.config.gateways.account()?.authMethod ?? null,
      notice: restartNotice(node),
    });
  });
  r.post('/gateways', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const gw = node.config.db.transaction(() => {
      if (body.accountName !== undefined)
        node.config.gateways.setAccount(
          body.accountName as string,
          (body.accountPassword ?? '') as string,
          body.authMethod,
        );
      return node.addGateway({
        host: body.host as string,
        port: body.port as number | undefined,
        description: body.description as string | undefined,
      });
    });
    res.status(201).json({ gateway: gw, notice: restartNotice(node) });
  });
  r.patch('/gateways/:ref', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const gw = node.config.gateways.update(String(req.params.ref), {
      host: body.host as string | undefined,
      port: body.port as number | undefined,
      description: body.description as string | undefined,
    });
    res.json({ gateway: gw, notice: restartNotice(node) });
  });
  r.delete('/gateways/:ref', (req, res) => {
    res.json({ gateway: node.config.gateways.delete(String(req.params.ref)), notice: restartNotice(node) });
  });
  r.put('/account', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    node.config.gateways.setAccount(body.accountName as string, body.accountPassword as string, body.authMethod);
    const account = node.config.gateways.account();
    res.json({ accountName: account?.accountName, authMethod: account?.authMethod, notice: restartNotice(node) });
  });
  return r;
}
