import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registryBuildProgress, registryBuildProperties, registryPomFile, registryServerLayout } from './registry.ts';

describe('the registry server build', () => {
  it('passes every pinned version to a property the pom declares', () => {
    const pom = fs.readFileSync(registryPomFile, 'utf8');
    for (const [key, value] of Object.entries(registryBuildProperties())) expect(pom, key).toContain(`<${key}>${value}</${key}>`);
  });

  it('builds into a cache folder named by release and pom revision, never into the repo', () => {
    const layout = registryServerLayout('/cache');
    expect(layout.dir).toMatch(/^\/cache\/apicurio-registry-2\.4\.2\.Final-[0-9a-f]{8}$/);
    expect(layout.runnerJar).toBe(`${layout.dir}/build/apicurio-registry-server-1-runner.jar`);
    expect(fs.readFileSync(registryPomFile, 'utf8')).toContain('<directory>${cdc.build}</directory>');
  });

  it('shows downloads, the Quarkus step (Maven 3.8 and 3.9 name the plugin differently) and errors', () => {
    expect(registryBuildProgress('[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/io/quarkus/quarkus-core/2.16.4.Final/quarkus-core-2.16.4.Final.jar (1.2 MB at 3 MB/s)'))
      .toBe('downloaded quarkus-core-2.16.4.Final.jar (1.2 MB)');
    expect(registryBuildProgress('[INFO] --- quarkus-maven-plugin:2.16.4.Final:build (default) @ apicurio-registry-server ---')).toBe('building the server with Quarkus');
    expect(registryBuildProgress('[INFO] --- quarkus:2.16.4.Final:build (default) @ apicurio-registry-server ---')).toBe('building the server with Quarkus');
    expect(registryBuildProgress('[INFO] [io.quarkus.deployment.QuarkusAugmentor] Quarkus augmentation completed in 41151ms')).toBe('Quarkus augmentation completed in 41151ms');
    expect(registryBuildProgress('[INFO] Building jar: /x/apicurio-registry-server-1.jar')).toBeUndefined();
  });
});
