// The pinned versions, read from harness/versions.ts at build time by the lab-data plugin.
import React, { type ReactNode } from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { LabData } from '../../lab-data-types.ts';

export default function VersionsTable(): ReactNode {
  const data = usePluginData('lab-data') as LabData;
  return (
    <table>
      <thead>
        <tr>
          <th>Component</th>
          <th>Version</th>
          <th>Where it is used</th>
        </tr>
      </thead>
      <tbody>
        {data.versions.map((v) => (
          <tr key={v.component}>
            <td>{v.component}</td>
            <td>
              <code>{v.version}</code>
            </td>
            <td>{v.usedBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
