import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * EWS schema validation with xmllint. Microsoft's schema is not part of the project: tests read it from
 * EWS_SCHEMA_DIR (see ../shared/ews-schema/README.md for why the schema set needs preparing).
 */
export const EWS_SCHEMA_DIR: string | undefined = process.env.EWS_SCHEMA_DIR?.trim() || undefined;

export const SCHEMA_SKIP_NOTICE =
  'EWS_SCHEMA_DIR is not set: EWS schema validation tests are SKIPPED. ' +
  'Set it to the directory holding messages.xsd, types.xsd and validation/ (e.g. EWS_SCHEMA_DIR=../shared/ews-schema).';

/** Say loudly, once per suite, that schema tests are skipped; returns whether they run. */
export function schemaTestsEnabled(suite: string): boolean {
  if (!EWS_SCHEMA_DIR) console.warn(`[${suite}] ${SCHEMA_SKIP_NOTICE}`);
  return EWS_SCHEMA_DIR !== undefined;
}

/** Bump when the preparation below changes, so a cached schema set is rebuilt. */
const RECIPE_VERSION = '1';
const TRANSITIONS = /(<xs:complexType name="ArrayOfTransitionsType">\s*<xs:sequence>)[\s\S]*?(<\/xs:sequence>)/;

/**
 * types.xsd with ArrayOfTransitionsType reduced to its substitution-group head, which libxml2 needs
 * (the shipped content model is not deterministic). Throws when the schema no longer has that shape.
 */
export function patchTypesXsd(types: string): string {
  if (!TRANSITIONS.test(types)) {
    throw new Error('types.xsd: ArrayOfTransitionsType/xs:sequence not found; the xmllint patch no longer applies');
  }
  return types.replace(TRANSITIONS, '$1\n<xs:element ref="t:Transition" minOccurs="0" maxOccurs="unbounded"/>\n$2');
}

async function prepare(dir: string): Promise<string> {
  const validation = join(dir, 'validation');
  const helpers = (await readdir(validation)).filter((f) => f.endsWith('.xsd')).sort();
  const sources: [string, string][] = [
    ['messages.xsd', join(dir, 'messages.xsd')],
    ['types.xsd', join(dir, 'types.xsd')],
    ...helpers.map((f): [string, string] => [f, join(validation, f)]),
  ];
  const contents = await Promise.all(sources.map(([, path]) => readFile(path, 'utf8')));
  const hash = createHash('sha256').update(RECIPE_VERSION);
  for (const c of contents) hash.update(c);
  // Keyed by content, so every test file of every run shares one prepared set.
  const target = join(tmpdir(), `pgsim-ews-schema-${hash.digest('hex').slice(0, 16)}`);
  const entry = join(target, 'ews-envelope.xsd');
  if (existsSync(join(target, '.complete'))) return entry;

  const staging = await mkdtemp(join(tmpdir(), 'pgsim-ews-schema-staging-'));
  for (const [i, [name]] of sources.entries()) {
    const text = contents[i] ?? '';
    await writeFile(join(staging, name), name === 'types.xsd' ? patchTypesXsd(text) : text);
  }
  if (!helpers.includes('ews-envelope.xsd')) throw new Error(`${validation} has no ews-envelope.xsd`);
  await writeFile(join(staging, '.complete'), '');
  try {
    await rename(staging, target);
  } catch (err) {
    // Another worker finished first: its copy is identical.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(join(target, '.complete'))) throw err;
  }
  return entry;
}

let prepared: Promise<string> | undefined;

/** Path of the prepared ews-envelope.xsd; fails with a clear message when xmllint or the schema is missing. */
export function schemaEntry(): Promise<string> {
  if (!EWS_SCHEMA_DIR) throw new Error(SCHEMA_SKIP_NOTICE);
  prepared ??= (async () => {
    await requireXmllint();
    return prepare(resolve(EWS_SCHEMA_DIR));
  })();
  return prepared;
}

/**
 * An ews-envelope.xsd entry for another messages.xsd and types.xsd (the mock's own description), with the
 * validation helpers (xml-min.xsd, soap-envelope-min.xsd) from EWS_SCHEMA_DIR/validation. Remove `dir` after use.
 */
export async function schemaEntryFor(files: {
  messages: string;
  types: string;
}): Promise<{ entry: string; dir: string }> {
  if (!EWS_SCHEMA_DIR) throw new Error(SCHEMA_SKIP_NOTICE);
  await requireXmllint();
  const validation = join(resolve(EWS_SCHEMA_DIR), 'validation');
  const dir = await mkdtemp(join(tmpdir(), 'pgsim-own-schema-'));
  for (const f of (await readdir(validation)).filter((n) => n.endsWith('.xsd'))) {
    await writeFile(join(dir, f), await readFile(join(validation, f)));
  }
  await writeFile(join(dir, 'messages.xsd'), files.messages);
  await writeFile(join(dir, 'types.xsd'), files.types);
  return { entry: join(dir, 'ews-envelope.xsd'), dir };
}

function requireXmllint(): Promise<void> {
  return new Promise((ok, fail) => {
    execFile('xmllint', ['--version'], (err) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        fail(new Error('xmllint is not installed: apt-get install libxml2-utils (EWS_SCHEMA_DIR is set)'));
      } else ok();
    });
  });
}

export interface XmlDocument {
  name: string;
  xml: string;
}

export interface ValidationResult {
  name: string;
  valid: boolean;
  /** xmllint's messages about this document, with the temp path replaced by its name. */
  errors: string[];
}

/** Files per xmllint call: each call loads the schema once (~0.5 s), whatever the count. */
const BATCH = 200;

/** Validate whole documents (SOAP envelopes or bare EWS elements) against the EWS schema, in batches. */
export async function validateAgainstSchema(
  docs: readonly XmlDocument[],
  schema: string | Promise<string> = schemaEntry(),
): Promise<ValidationResult[]> {
  const entry = await schema;
  const dir = await mkdtemp(join(tmpdir(), 'pgsim-xmllint-'));
  try {
    const files = docs.map((_, i) => join(dir, `${String(i).padStart(4, '0')}.xml`));
    await Promise.all(docs.map((d, i) => writeFile(files[i] ?? '', d.xml)));
    const results: ValidationResult[] = [];
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = files.slice(i, i + BATCH);
      const stderr = await runXmllint(entry, batch);
      for (const [j, file] of batch.entries()) {
        const name = docs[i + j]?.name ?? file;
        const mine = stderr.filter((l) => l.startsWith(file));
        results.push({
          name,
          valid: mine.includes(`${file} validates`),
          errors: mine.filter((l) => l !== `${file} validates`).map((l) => l.replace(file, name)),
        });
      }
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runXmllint(schema: string, files: string[]): Promise<string[]> {
  return new Promise((ok, fail) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', schema, ...files], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      err += c;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      // 0 all valid, 1 parse error, 3 invalid; 4/5 mean the schema itself did not load.
      if (code === 4 || code === 5) fail(new Error(`xmllint could not load ${schema}:\n${err}`));
      else ok(err.split('\n').filter((l) => l !== ''));
    });
  });
}
