// A local Docusaurus plugin (runs in Node at build time): hands the browser the text of the repo
// files that pages show with <RepoFile path="…" /> (or chart with <BenchResults path="…" />), so a
// page shows the very file a lab or a compose stack uses, or a benchmark recorded. A page naming a
// file that does not exist fails the build.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

export type RepoFiles = Record<string, string>;

/** The paths of every <RepoFile path="…"> (and <BenchResults path="…">) in a page. */
export function repoFileReferences(page: string): string[] {
  return [...page.matchAll(/<(?:RepoFile|BenchResults)\s+path="([^"]+)"/g)].map((m) => m[1]!);
}

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pages(full);
    return /\.mdx?$/.test(name) ? [full] : [];
  });
}

export default function repoFilesPlugin(context: LoadContext): Plugin<RepoFiles> {
  const docsDir = path.join(context.siteDir, 'docs');
  return {
    name: 'repo-files',
    getPathsToWatch() {
      return [path.join(context.siteDir, 'compose/**/*')];
    },
    async loadContent() {
      const files: RepoFiles = {};
      for (const page of pages(docsDir)) {
        for (const ref of repoFileReferences(readFileSync(page, 'utf8'))) {
          const full = path.resolve(context.siteDir, ref);
          if (!full.startsWith(context.siteDir + path.sep) || !existsSync(full)) {
            throw new Error(`${path.relative(context.siteDir, page)} shows ${ref}, which is not a file of this repository`);
          }
          files[ref] = readFileSync(full, 'utf8');
        }
      }
      return files;
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content);
    },
  };
}
