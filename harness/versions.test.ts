import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { versions } from './versions.ts';

// The Node floor is stated once in versions.ts; package.json and the versions CI fetches must agree.
const read = (file: string) => fs.readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const floor = /^>=(\d+)\.(\d+)$/.exec(versions.node)!;
const parse = (v: string) => v.trim().split('.').map(Number);
const atLeastFloor = ([major, minor]: number[]) => major > Number(floor[1]) || (major === Number(floor[1]) && minor >= Number(floor[2]));

describe('Node versions', () => {
  it('package.json engines.node is the floor in versions.ts', () => {
    expect(floor).not.toBeNull();
    expect(JSON.parse(read('package.json')).engines.node).toBe(versions.node);
  });

  it('CI runs a Node at or above the floor, and its oldest-line run is on the floor’s major', () => {
    const ci = parse(read('.ci/node-version'));
    const oldest = parse(read('.ci/oldest-node-version'));
    expect(atLeastFloor(ci)).toBe(true);
    expect(atLeastFloor(oldest)).toBe(true);
    expect(oldest[0]).toBe(Number(floor[1]));
    expect(ci[0]).toBeGreaterThan(oldest[0]);
  });
});

describe('the native schema registry', () => {
  const pom = read('harness/runtime/native/maven/apicurio-registry/pom.xml');
  it('its pom builds the pinned Apicurio Registry release with the pinned substitutes (the pom’s defaults agree)', () => {
    expect(pom).toContain(`<apicurio.registry.version>${versions.apicurio.server}</apicurio.registry.version>`);
    expect(pom).toContain(`<quarkus.version>${versions.apicurio.serverQuarkus}</quarkus.version>`);
    expect(pom).toContain(`<config.index.version>${versions.apicurio.serverConfigIndex}</config.index.version>`);
    expect(pom).toContain(`<everit.version>${versions.apicurio.serverEveritJsonSchema}</everit.version>`);
  });

  it('is a 2.x server, whose v2 API the pinned 2.x converter and serdes call', () => {
    expect(versions.apicurio.server.split('.')[0]).toBe('2');
    expect(versions.apicurio.version.split('.')[0]).toBe('2');
  });
});
