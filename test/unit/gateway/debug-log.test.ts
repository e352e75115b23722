import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DebugLog, formatLogEntry, readDebugLog, rotationFromEnv } from '../../../gateway/debug-log.ts';
import { VirtualClock } from '../../../sim/clock.ts';
import { Journal } from '../../../sim/journal.ts';
import { controlCharacters } from '../../support/control-chars.ts';

describe('debug.log rotation by size', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pgsim-debuglog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps debug.log and at most `files` rotated files, each under maxBytes, readable in order across them', () => {
    const file = join(dir, 'debug.log');
    const journal = new Journal(new VirtualClock(0), 10);
    const log = new DebugLog(file, journal, { maxBytes: 4096, files: 2 });
    for (let i = 1; i <= 500; i++) journal.record('info', 'test', `entry ${i} ${'y'.repeat(100)}`);
    log.close();
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    for (const f of [file, `${file}.1`, `${file}.2`]) {
      expect(statSync(f).size).toBeLessThanOrEqual(4096);
      expect(statSync(f).mode & 0o777).toBe(0o600);
    }
    const seqs = readDebugLog(file).map((e) => e.seq);
    // The newest entries survive, oldest first, with no gap across the file boundaries.
    expect(seqs.at(-1)).toBe(500);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 500 - seqs.length + 1 + i));
    expect(seqs.length).toBeGreaterThan(40);
    expect(readFileSync(file, 'utf8').split('\n').at(-1)).toBe('');
  });

  it('reads its bounds from PGSIM_DEBUG_LOG_MAX_BYTES and PGSIM_DEBUG_LOG_FILES, refusing nonsense', () => {
    expect(rotationFromEnv({})).toEqual({ maxBytes: 10 * 1024 * 1024, files: 5 });
    expect(rotationFromEnv({ PGSIM_DEBUG_LOG_MAX_BYTES: '65536', PGSIM_DEBUG_LOG_FILES: '3' })).toEqual({
      maxBytes: 65536,
      files: 3,
    });
    expect(() => rotationFromEnv({ PGSIM_DEBUG_LOG_FILES: 'many' })).toThrow(
      'PGSIM_DEBUG_LOG_FILES must be an integer >= 1, got "many"',
    );
  });

  it('prints an entry as one line with no control character, whatever a value from the wire held', () => {
    const line = formatLogEntry({
      seq: 1,
      at: Date.parse('2030-05-06T08:00:00Z'),
      level: 'info',
      source: 'presence-feed',
      message: 'login failed for eve\n2030-05-06T08:00:01.000Z INFO  [presence-feed] admin logged in\u001b[2K',
    });
    expect(line).toBe(
      '2030-05-06T08:00:00.000Z INFO  [presence-feed] login failed for eve\\x0a2030-05-06T08:00:01.000Z INFO  [presence-feed] admin logged in\\x1b[2K',
    );
    expect(controlCharacters(line)).toEqual([]);
  });
});
