import express from 'express';
import type { Fault } from '../faults/fault.ts';
import { FAULT_DEFINITIONS } from '../faults/index.ts';
import { faultDefinition } from '../faults/parse-fault.ts';
import type { MockExchange } from '../mock-exchange.ts';
import { MockExchangeError } from '../mock-exchange-error.ts';
import type { AdminRoutes } from './admin-api.ts';
import { jsonObject } from './request-body.ts';

function faultView(fault: Fault) {
  return { ...fault, explain: faultDefinition(fault).explain(fault) };
}

function faultsView(mock: MockExchange, server: string) {
  return { server, faults: mock.faults.list(server).map(faultView) };
}

/**
 * Faults, toxiproxy-style: the catalog of types, a server's faults (replace, add, remove, clear), and
 * reset (a server, or all of them, back to the `valid` certificate with no faults).
 */
export const faultRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.get('/fault-types', (_req, res) => {
    res.json(
      [...FAULT_DEFINITIONS.values()].map((d) => ({
        type: d.type,
        layer: d.layer,
        summary: d.summary,
        attributes: d.attributes,
      })),
    );
  });
  r.get('/servers/:name/faults', async (req, res) => {
    res.json(await faultsView(mock, req.params.name));
  });
  r.put('/servers/:name/faults', async (req, res) => {
    if (!Array.isArray(req.body)) {
      throw new MockExchangeError(
        'INVALID_VALUE',
        'The request body must be a JSON list of faults, [] for none',
        'faults',
      );
    }
    await mock.faults.set(req.params.name, req.body, 'faults');
    res.json(faultsView(mock, req.params.name));
  });
  r.post('/servers/:name/faults', async (req, res) => {
    const fault = await mock.faults.add(req.params.name, jsonObject(req), 'fault');
    res.status(201).json(faultView(fault));
  });
  r.delete('/servers/:name/faults/:fault', async (req, res) => {
    await mock.faults.remove(req.params.name, req.params.fault);
    res.status(204).end();
  });
  r.delete('/servers/:name/faults', async (req, res) => {
    await mock.faults.clear(req.params.name);
    res.status(204).end();
  });
  r.post('/servers/:name/reset', async (req, res) => {
    await mock.reset(req.params.name);
    res.json(faultsView(mock, req.params.name));
  });
  r.post('/reset', async (_req, res) => {
    await mock.reset();
    res.json([...mock.org.servers.keys()].map((name) => faultsView(mock, name)));
  });
  return r;
};
