// The CDC Labs site. Lab pages are rendered from the lab specs by the lab-data plugin, which reads
// them in Node at build time; the browser gets plain JSON only.
import type { Config, PluginModule } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import remarkLabPage from './src/lab-page/remark-lab-page.ts';
import labDataPlugin from './src/plugins/lab-data.ts';
import repoFilesPlugin from './src/plugins/repo-files.ts';
import webpackFixes from './src/plugins/webpack-fixes.ts';

const config: Config = {
  title: 'CDC Labs',
  tagline: 'Hands-on PostgreSQL change data capture, where every page is a test',
  url: 'http://localhost',
  baseUrl: '/',
  favicon: 'img/favicon.svg',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: {
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw' },
  },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          // <LabPage id="…" /> becomes the lab's steps as real headings (table of contents, anchors)
          beforeDefaultRemarkPlugins: [remarkLabPage],
        },
        blog: false,
        pages: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      { hashed: true, indexBlog: false, indexPages: false, docsRouteBasePath: '/' },
    ],
  ],
  plugins: [labDataPlugin as PluginModule, repoFilesPlugin as PluginModule, webpackFixes as PluginModule],
  themeConfig: {
    navbar: {
      title: 'CDC Labs',
      items: [
        { type: 'docSidebar', sidebarId: 'main', position: 'left', label: 'Docs' },
        { to: '/labs/quickstart', label: 'Labs', position: 'left' },
      ],
    },
    footer: {
      style: 'dark',
      copyright: 'CDC Labs: every claim on these pages is checked by a test run.',
    },
    prism: { additionalLanguages: ['bash', 'sql', 'json', 'diff', 'properties'] },
  } satisfies Preset.ThemeConfig,
};

export default config;
