import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import { commonName } from '../../gateway/certificates/parse-certificates.ts';
import { requireStore, type TrustedCertificate } from '../../gateway/certificates/trust-store.ts';
import { formatTable } from '../../scenarios/reporters/format-table.ts';
import { CliError } from '../cli-error.ts';
import { addDataDirOption, type DataDirOptions, print, withConfig } from './imp-common.ts';

interface TrustOptions extends DataDirOptions {
  store: string;
}

function table(certs: TrustedCertificate[]): string {
  if (certs.length === 0) return 'No certificates.';
  return formatTable(
    ['store', 'subject CN', 'issuer CN', 'CA', 'not after', 'file', 'sha-256 fingerprint'],
    certs.map((c) => [
      c.store,
      commonName(c.subject),
      commonName(c.issuer),
      c.isCA ? 'yes' : 'no',
      c.notAfter,
      c.filename,
      c.fingerprint,
    ]),
  );
}

const storeOption = (cmd: Command) =>
  cmd.option('--store <store>', 'cup-trust or tomcat-trust', 'cup-trust').option('--json', 'print as JSON');

export function trustCommand(): Command {
  const trust = new Command('trust').description(
    'the cup-trust / tomcat-trust certificate stores: list, upload, delete',
  );
  trust.addCommand(
    addDataDirOption(
      storeOption(new Command('list').description('list trusted certificates')).action((opts: TrustOptions) => {
        const certs = withConfig(opts, (c) => c.trust.list(requireStore(opts.store)));
        print(opts, certs, () => table(certs));
      }),
    ),
  );
  trust.addCommand(
    addDataDirOption(
      storeOption(
        new Command('upload')
          .description('upload a PEM or DER certificate file (bundles allowed); restart the Presence Engine to use it')
          .argument('<file>', 'certificate file'),
      ).action((file: string, opts: TrustOptions) => {
        let data: Buffer;
        try {
          data = readFileSync(file);
        } catch (err) {
          throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
        }
        const added = withConfig(opts, (c) => c.trust.upload(requireStore(opts.store), basename(file), data));
        print(
          opts,
          added,
          () =>
            `Uploaded ${added.length} certificate(s) to ${opts.store}:\n${table(added)}\nRestart the Presence Engine to use them for calendar subscriptions.`,
        );
      }),
    ),
  );
  trust.addCommand(
    addDataDirOption(
      storeOption(
        new Command('delete')
          .description('delete a certificate by fingerprint (prefix), file name or subject CN')
          .argument('<certificate>', 'fingerprint, file name or subject CN'),
      ).action((ref: string, opts: TrustOptions) => {
        const gone = withConfig(opts, (c) => c.trust.delete(requireStore(opts.store), ref));
        print(opts, gone, () => `Deleted "${commonName(gone.subject)}" (${gone.fingerprint}) from ${opts.store}.`);
      }),
    ),
  );
  return trust;
}
