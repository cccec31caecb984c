import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unreachablePathFor, type StatLike } from './postgres-binaries.ts';

// The reachability check behind the copy of the PostgreSQL binaries out of a private clone: which
// folder on the way to a binary stops the postgres user (uid 999, gid 999), from mode bits alone.

const pg = { uid: 999, gid: 999 };
const file = '/root/clone/node_modules/bin/initdb';

function tree(overrides: Record<string, Partial<StatLike>>): (p: string) => StatLike {
  return (p) => ({ mode: 0o40755, uid: 0, gid: 0, ...overrides[path.resolve(p)] });
}

describe('unreachablePathFor', () => {
  it('passes when every folder has o+x and the file is executable by others', () => {
    expect(unreachablePathFor(file, pg, tree({ [file]: { mode: 0o100755 } }))).toBeUndefined();
  });

  it('names the private folder (700, owned by root)', () => {
    expect(unreachablePathFor(file, pg, tree({ '/root': { mode: 0o40700 } }))).toBe('/root');
  });

  it('names the highest private folder when there are several', () => {
    expect(unreachablePathFor(file, pg, tree({ '/root': { mode: 0o40700 }, '/root/clone': { mode: 0o40700 } }))).toBe('/root');
  });

  it('uses the owner bits for a folder the user owns, the group bits for its group', () => {
    expect(unreachablePathFor(file, pg, tree({ '/root': { mode: 0o40700, uid: 999 } }))).toBeUndefined();
    expect(unreachablePathFor(file, pg, tree({ '/root': { mode: 0o40750, gid: 999 } }))).toBeUndefined();
    expect(unreachablePathFor(file, pg, tree({ '/root': { mode: 0o40705, gid: 999 } }))).toBe('/root');
  });

  it('names the file when it is not executable by the user', () => {
    expect(unreachablePathFor(file, pg, tree({ [file]: { mode: 0o100750 } }))).toBe(file);
  });

  it('finds nothing in the way of root', () => {
    expect(unreachablePathFor(file, { uid: 0, gid: 0 }, tree({ '/root': { mode: 0o40700 } }))).toBeUndefined();
  });
});
