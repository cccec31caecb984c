// Shows a file of the repository exactly as the labs and compose stacks use it (see the
// repo-files plugin, which reads it at build time).
import React from 'react';
import CodeBlock from '@theme/CodeBlock';
import { usePluginData } from '@docusaurus/useGlobalData';

const LANGUAGES: Record<string, string> = { yml: 'yaml', yaml: 'yaml', json: 'json', sql: 'sql', sh: 'bash', properties: 'properties' };

export default function RepoFile({ path, title }: { path: string; title?: string }): React.JSX.Element {
  const files = usePluginData('repo-files') as Record<string, string>;
  const extension = path.split('.').pop() ?? '';
  return (
    <CodeBlock language={LANGUAGES[extension] ?? 'text'} title={title ?? path}>
      {files[path] ?? ''}
    </CodeBlock>
  );
}
