import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkCompose, documentedPorts, type ComposeFile } from './check-compose.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const files = fs.readdirSync(here).filter((f) => f.endsWith('.yml'));

describe('compose files', () => {
  it('there is one per stack of the seeds', () => {
    expect(files.sort()).toEqual(['kafka-kraft.yml', 'kafka-zookeeper.yml', 'postgres-to-postgres.yml', 's3-lake.yml']);
  });

  for (const file of files) {
    const full = path.join(here, file);
    const text = fs.readFileSync(full, 'utf8');

    it(`${file}: valid compose, pinned images, ports as its page says, connector files present`, () => {
      expect(checkCompose(full, text, root)).toEqual([]);
    });

    it(`${file}: every CDC source PostgreSQL gets wal_level=logical on the command line`, () => {
      const doc = parse(text) as ComposeFile;
      const sources = Object.entries(doc.services).filter(([name, s]) => s.image?.startsWith('postgres:') && name !== 'target-db');
      expect(sources.length).toBeGreaterThan(0);
      for (const [, service] of sources) {
        expect(service.command).toEqual(expect.arrayContaining(['-c', 'wal_level=logical']));
        expect(service.volumes).toBeUndefined();
      }
    });
  }
});

describe('connector files', () => {
  it('the quickstart lab posts the very file the compose stacks post (a link, not a copy)', () => {
    expect(fs.realpathSync(path.join(root, 'labs', 'quickstart', 'register.json'))).toBe(path.join(here, 'connectors', 'quickstart.json'));
  });
});

describe('checkCompose finds drift', () => {
  const kraft = fs.readFileSync(path.join(here, 'kafka-kraft.yml'), 'utf8');

  it('names the file, the service and both versions when an image drifts', () => {
    const drifted = kraft.replace('apache/kafka:3.9.1', 'apache/kafka:3.8.0');
    expect(checkCompose(path.join(here, 'kafka-kraft.yml'), drifted, root)).toContain(
      'compose/kafka-kraft.yml: service kafka uses apache/kafka:3.8.0 but harness/versions.ts pins apache/kafka:3.9.1',
    );
  });

  it('reports an unpinned image, a port the page does not list, a missing connector file and a spec violation', () => {
    const broken = kraft
      .replace('image: postgres:17', 'image: bitnami/postgresql:17')
      .replace('"8083:8083"', '"18083:8083"')
      .replace('connectors/quickstart.json', 'connectors/missing.json')
      .replace('name: cdc-labs-kraft', 'name: cdc-labs-kraft\nservicez: {}');
    const problems = checkCompose(path.join(here, 'kafka-kraft.yml'), broken, root).join('\n');
    expect(problems).toContain('service postgres uses bitnami/postgresql:17, which harness/versions.ts does not pin');
    expect(problems).toContain('service connect publishes [18083] but docs/run-by-hand/kafka-kraft.mdx says [8083]');
    expect(problems).toContain('connector file connectors/missing.json does not exist');
    expect(problems).toContain('not valid against the compose specification');
  });

  it('reads the ports table of a page', () => {
    const page = '# x\n\n## Ports\n\n| service | port on your machine | what |\n|---|---|---|\n| `kafka` | 29092 | bootstrap |\n| connect | 8083 | REST |\n\n## Next\n| db | 1 |';
    expect([...documentedPorts(page)]).toEqual([
      ['kafka', [29092]],
      ['connect', [8083]],
    ]);
  });
});
