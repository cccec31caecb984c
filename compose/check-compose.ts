import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { versions } from '../harness/versions.ts';

// Checks a compose file against the compose specification, the pinned versions, its docs page and
// its connector files. Returns the problems found, each naming the file (and service) at fault.

// The compose specification's JSON schema, as the dclint package ships it (kept current with the
// spec; its package exports hide the file, so it is found beside dclint's package.json).
const require = createRequire(import.meta.url);
const schemaFile = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
// it names draft-07 by an https:// URL Ajv does not register; the schema itself is plain draft-07
const { $schema: _draft, ...composeSchema } = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
const validateSpec = new Ajv({ strict: false, allErrors: true }).compile(composeSchema);

/** Every image the project pins, by repository: 'apache/kafka' → 'apache/kafka:3.9.1'. */
export function pinnedImages(): Map<string, string> {
  const images = [versions.postgres.image, versions.kafka.image, versions.confluent.kafkaImage, versions.confluent.zookeeperImage, versions.debezium.connectImage, versions.s3.minioImage];
  return new Map(images.map((image) => [image.slice(0, image.lastIndexOf(':')), image]));
}

interface ComposeService {
  image?: string;
  command?: string[] | string;
  ports?: Array<string | { published?: string | number }>;
  volumes?: unknown[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  'x-cdc-labs'?: { page?: string; connectors?: string[] };
}

/** Host ports a service publishes ("29092:29092", "127.0.0.1:5433:5432" or the long form). */
export function publishedPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(port.published);
    const parts = String(port).split(':');
    return Number(parts.length === 1 ? parts[0] : parts[parts.length - 2]);
  });
}

/** The "| service | port |" rows of the page's "## Ports" table. */
export function documentedPorts(page: string): Map<string, number[]> {
  const section = page.split(/^## /m).find((part) => part.startsWith('Ports')) ?? '';
  const ports = new Map<string, number[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim()).filter(Boolean);
    if (cells.length < 2 || !/^\d+$/.test(cells[1]!)) continue;
    const service = cells[0]!.replace(/`/g, '');
    ports.set(service, [...(ports.get(service) ?? []), Number(cells[1])]);
  }
  return ports;
}

export function checkCompose(file: string, text: string, repoRoot: string): string[] {
  const problems: string[] = [];
  const rel = path.relative(repoRoot, file);
  const doc = parse(text) as ComposeFile;
  if (!validateSpec(doc)) {
    for (const error of validateSpec.errors ?? []) problems.push(`${rel}: not valid against the compose specification: ${error.instancePath || '/'} ${error.message}`);
  }
  const pinned = pinnedImages();
  for (const [name, service] of Object.entries(doc.services ?? {})) {
    const image = service.image ?? '';
    const repo = image.includes(':') ? image.slice(0, image.lastIndexOf(':')) : image;
    const want = pinned.get(repo);
    if (!want) problems.push(`${rel}: service ${name} uses ${image || 'no image'}, which harness/versions.ts does not pin`);
    else if (want !== image) problems.push(`${rel}: service ${name} uses ${image} but harness/versions.ts pins ${want}`);
  }
  const meta = doc['x-cdc-labs'] ?? {};
  for (const connector of meta.connectors ?? []) {
    const connectorFile = path.join(path.dirname(file), connector);
    if (!fs.existsSync(connectorFile)) {
      problems.push(`${rel}: connector file ${connector} does not exist`);
      continue;
    }
    const config = (JSON.parse(fs.readFileSync(connectorFile, 'utf8')) as { config?: Record<string, string> }).config ?? {};
    const host = config['database.hostname'] ?? /jdbc:\w+:\/\/([^:/]+)/.exec(config['connection.url'] ?? '')?.[1];
    if (host && !(host in (doc.services ?? {}))) problems.push(`${rel}: ${connector} connects to "${host}", which is not a service of this file`);
  }
  if (!meta.page) {
    problems.push(`${rel}: x-cdc-labs.page names no docs page`);
    return problems;
  }
  const pageFile = path.join(repoRoot, meta.page);
  if (!fs.existsSync(pageFile)) {
    problems.push(`${rel}: its page ${meta.page} does not exist`);
    return problems;
  }
  const documented = documentedPorts(fs.readFileSync(pageFile, 'utf8'));
  for (const [name, service] of Object.entries(doc.services ?? {})) {
    const published = publishedPorts(service).sort();
    const said = (documented.get(name) ?? []).sort();
    if (published.join() !== said.join()) problems.push(`${rel}: service ${name} publishes [${published.join(', ')}] but ${meta.page} says [${said.join(', ')}]`);
  }
  for (const name of documented.keys()) {
    if (!(name in (doc.services ?? {}))) problems.push(`${rel}: ${meta.page} lists ports of "${name}", which is not a service of this file`);
  }
  return problems;
}
