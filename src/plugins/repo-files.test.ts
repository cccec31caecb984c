import { describe, expect, it } from 'vitest';
import { repoFileReferences } from './repo-files.ts';

describe('repoFileReferences', () => {
  it('finds every file a page shows', () => {
    const page = 'Start:\n\n<RepoFile path="compose/kafka-kraft.yml" />\n\nthen <RepoFile path="labs/quickstart/01-create-table.sql" title="x" />\n<BenchResults path="docs/benchmarks/engines.json" />';
    expect(repoFileReferences(page)).toEqual(['compose/kafka-kraft.yml', 'labs/quickstart/01-create-table.sql', 'docs/benchmarks/engines.json']);
  });
});
