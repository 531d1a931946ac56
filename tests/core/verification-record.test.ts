import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash, freshEntry, readVerificationRecord, RECORD_PATH, writeVerificationRecord, type RecordEntry } from '../../src/core/verification-record.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempRoot = () => {
  const dir = mkdtempSync(join(tmpdir(), 'record-'));
  made.push(dir);
  return dir;
};
const entry = (path: string, text: string, reached: RecordEntry['reached']): RecordEntry => ({
  path, sha256: contentHash(text), reached, command: `npm run verify-snippets -- --snippet ${path}`, verifiedAt: '2026-12-02T18:00:00.000Z',
});

describe('verification record', () => {
  it('no record: nothing is verified, and that is not a problem', () => {
    expect(readVerificationRecord(tempRoot())).toEqual({ entries: new Map() });
  });

  it('a broken record is reported with what to do, and verifies nothing', () => {
    const root = tempRoot();
    mkdirSync(join(root, '.cache/verify-snippets'), { recursive: true });
    writeFileSync(join(root, RECORD_PATH), '{"format": 1, "entries": [{"path": 3}]}');
    const record = readVerificationRecord(root);
    expect(record.entries.size).toBe(0);
    expect(record.problem).toMatch(/^\.cache\/verify-snippets\/record\.json: entries\.0\.path: .*; run npm run verify-snippets to write it again$/);
    writeFileSync(join(root, RECORD_PATH), '{not json');
    expect(readVerificationRecord(root).problem).toContain('record.json: not JSON');
  });

  it('merges runs: a later run replaces its files, keeps the others, and drops the failed ones', () => {
    const root = tempRoot();
    writeVerificationRecord(root, [entry('snippets/a.py', 'a', 'local'), entry('snippets/b.py', 'b', 'static')]);
    writeVerificationRecord(root, [entry('snippets/c.py', 'c', 'cluster')], ['snippets/a.py']);
    const record = readVerificationRecord(root);
    expect([...record.entries.keys()]).toEqual(['snippets/b.py', 'snippets/c.py']);
    expect(freshEntry(record, 'snippets/b.py', 'b')?.reached).toBe('static');
    expect(freshEntry(record, 'snippets/b.py', 'b changed')).toBeUndefined();
  });

  it('keeps the higher tier for the same content, takes the new entry when the content changed', () => {
    const root = tempRoot();
    writeVerificationRecord(root, [entry('snippets/a.py', 'a', 'local')]);
    writeVerificationRecord(root, [entry('snippets/a.py', 'a', 'static')]);
    expect(readVerificationRecord(root).entries.get('snippets/a.py')?.reached).toBe('local');
    writeVerificationRecord(root, [entry('snippets/a.py', 'a2', 'static')]);
    expect(readVerificationRecord(root).entries.get('snippets/a.py')?.reached).toBe('static');
  });
});
