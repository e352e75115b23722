import express from 'express';
import { restartNotice } from './admin-restart-notice.ts';
import { commonName } from './certificates/parse-certificates.ts';
import { requireStore } from './certificates/trust-store.ts';
import type { ImpNode } from './imp-node.ts';

/** Admin API routes for certificates: the viewer of a gateway's chain, and the trust stores. */
export function certificateRoutes(node: ImpNode): express.Router {
  const r = express.Router();
  r.get('/viewer/:ref', async (req, res) => {
    const v = await node.viewer(String(req.params.ref));
    res.json({
      ...v,
      acceptable: v.acceptable.map((c) => ({ subjectCN: commonName(c.subject), fingerprint: c.fingerprint256 })),
    });
  });
  r.post('/viewer/:ref/accept', async (req, res) => {
    res.json({ added: await node.acceptChain(String(req.params.ref)), notice: restartNotice(node) });
  });
  r.get('/trust/:store', (req, res) => {
    res.json({ certificates: node.config.trust.list(requireStore(String(req.params.store))) });
  });
  r.post('/trust/:store', express.raw({ type: () => true, limit: '5mb' }), (req, res) => {
    const filename = typeof req.query.filename === 'string' ? req.query.filename : 'upload.pem';
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : '');
    res.status(201).json({
      added: node.uploadTrust(requireStore(String(req.params.store)), filename, data),
      notice: restartNotice(node),
    });
  });
  r.delete('/trust/:store/:ref', (req, res) => {
    res.json({
      deleted: node.config.trust.delete(requireStore(String(req.params.store)), String(req.params.ref)),
      notice: restartNotice(node),
    });
  });
  return r;
}
