// Two webpack adjustments the site needs in this repository:
// - package.json says "type": "module", so webpack parses the generated .docusaurus/*.js as strict
//   ESM and leaves their require.resolveWeak() calls raw, which crashes static generation; parse
//   them as javascript/auto again.
// - theme-mermaid references its optional ELK layout package even when it is absent and disabled;
//   resolve it to an empty module (the site draws no ELK diagrams).
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

export default function webpackFixes(context: LoadContext): Plugin<void> {
  return {
    name: 'webpack-fixes',
    configureWebpack() {
      return {
        module: {
          rules: [{ test: /\.js$/, include: [path.join(context.siteDir, '.docusaurus')], type: 'javascript/auto' }],
        },
        resolve: { alias: { '@mermaid-js/layout-elk': false } },
      };
    },
  };
}
