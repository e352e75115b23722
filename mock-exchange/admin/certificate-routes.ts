import { X509Certificate } from 'node:crypto';
import express from 'express';
import { CERTIFICATE_PROFILES } from '../certs/profiles/index.ts';
import type { MockExchange } from '../mock-exchange.ts';
import type { AdminRoutes } from './admin-api.ts';
import { jsonObject } from './request-body.ts';

/** A server's certificate profile and the chain it presents. */
export async function certificateView(mock: MockExchange, server: string) {
  const profile = mock.certificates.profile(server);
  const served = await mock.certificates.served(server);
  return {
    server,
    profile: profile.name,
    status: profile.status,
    explain: profile.explain(),
    chain: served.chainPem.map((pem) => {
      const x = new X509Certificate(pem);
      return {
        subject: x.subject.replaceAll('\n', ', '),
        issuer: x.issuer.replaceAll('\n', ', '),
        serialNumber: x.serialNumber,
        validFrom: new Date(x.validFrom).toISOString(),
        validTo: new Date(x.validTo).toISOString(),
        fingerprint256: x.fingerprint256,
      };
    }),
  };
}

/**
 * Certificates: the profile catalog, a server's profile (switchable at run time: "Exchange regenerated
 * its certificate"), and its CA certificates for download, as an administrator exports them from Exchange.
 */
export const certificateRoutes: AdminRoutes = (mock) => {
  const r = express.Router();
  r.get('/certificate-profiles', (_req, res) => {
    res.json([...CERTIFICATE_PROFILES.values()].map((p) => ({ name: p.name, status: p.status, explain: p.explain() })));
  });
  r.get('/servers/:name/certificate', async (req, res) => {
    res.json(await certificateView(mock, req.params.name));
  });
  r.put('/servers/:name/certificate', async (req, res) => {
    const body = jsonObject(req);
    await mock.setCertificateProfile(req.params.name, body.profile);
    res.json(await certificateView(mock, req.params.name));
  });
  r.get('/servers/:name/ca-certificates', async (req, res) => {
    const files = await mock.certificates.caCertificates(req.params.name);
    res.json({ server: req.params.name, files });
  });
  r.get('/servers/:name/ca-certificates.pem', async (req, res) => {
    const files = await mock.certificates.caCertificates(req.params.name);
    res.type('application/x-pem-file').send(files.map((f) => f.pem).join(''));
  });
  return r;
};
