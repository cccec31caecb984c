import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { versions } from '../../versions.ts';
import { EXTERNAL_ENV } from '../external.ts';
import { freePort } from '../process/free-port.ts';
import type { ManagedProcess } from '../process/managed-process.ts';
import { registryInfo } from '../registry-info.ts';
import type { RegistryInfo } from '../types.ts';
import { cacheRoot } from './cache-root.ts';
import { progressLine, runMaven, withLock } from './jars.ts';
import { startJvm } from './jvm.ts';
import { httpReady } from './probes.ts';
import { findMaven } from './toolchain.ts';

// The native runtime's schema registry: Apicurio Registry's server with in-memory (H2) storage, serving
// Apicurio's API at /apis/registry/v2 and Confluent's at /apis/ccompat/v6 and /v7. Maven Central has no
// runnable form of it (no -runner jar, no distro archive), so the pom in maven/apicurio-registry/ builds one
// with Quarkus' own build plugin from the app's jar and its dependencies, once, into the cache (about 1.5 min
// and ~150 MB the first time; `npm run jars` does it up front).
//
// Which release (checked on 2026-12-06 with `mvn dependency:get` / `mvn package`, Maven 3.8.7):
//   2.6.13.Final: apicurio-registry-app's dependency io.apicurio:apicurio-registry-schema-util-provider:2.6.13.Final
//     is absent; 3.3.3: io.apicurio:apicurio-registry-schema-util-common:3.3.3 is absent; 3.0.9 and 3.3.2: the app's
//     parent pom io.apicurio:apicurio-registry:3.0.9 / 3.3.2 is absent; 2.5.11.Final:
//     io.apicurio:apicurio-registry-utils-kafka:2.5.11.Final is absent.
//   2.4.2.Final builds and runs with two substitutions (the pom says why): com.github.erosb:everit-json-schema:1.14.2
//     for the JitPack-only com.github.everit-org.json-schema:org.everit.json.schema:1.14.2, and Apicurio's
//     config-index Quarkus extension at 0.1.10.Final instead of 0.1.18.Final, whose deployment artifact
//     (io.apicurio:apicurio-common-app-components-config-index-deployment:0.1.18.Final) is absent; Central serves
//     that deployment artifact only as 0.1.10.Final, 1.1.0.CR2, 1.1.0, 1.2.0 and 1.2.1.
// It runs on Java 17 (Quarkus 2.16; also built and ran on Temurin 25 here); measured: ready in ~4 s alone, ~210 MB
// resident; the first build took 149 s from an empty Maven repository (228 MB downloaded), 73 s with it filled.
// CDC_LABS_SCHEMA_REGISTRY_URL still wins: a stack then uses that registry and starts none.

export const registryPomFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven', 'apicurio-registry', 'pom.xml');

/** Maven -D flags carrying the pinned versions (the pom's own values are defaults only). */
export function registryBuildProperties(): Record<string, string> {
  return {
    'apicurio.registry.version': versions.apicurio.server,
    'quarkus.version': versions.apicurio.serverQuarkus,
    'config.index.version': versions.apicurio.serverConfigIndex,
    'everit.version': versions.apicurio.serverEveritJsonSchema,
  };
}

/** Where the built server lives: a folder per release and pom revision, complete once its marker is there. */
export function registryServerLayout(root = cacheRoot()): { dir: string; build: string; runnerJar: string; marker: string } {
  const rev = crypto.createHash('sha256').update(fs.readFileSync(registryPomFile)).digest('hex').slice(0, 8);
  const dir = path.join(root, `apicurio-registry-${versions.apicurio.server}-${rev}`);
  const build = path.join(dir, 'build');
  return { dir, build, runnerJar: path.join(build, 'apicurio-registry-server-1-runner.jar'), marker: path.join(dir, '.complete') };
}

export function isRegistryServerBuilt(): boolean {
  return fs.existsSync(registryServerLayout().marker);
}

/** Maven's lines worth showing while the server builds: downloads, Quarkus' build step, errors. */
export function registryBuildProgress(mavenLine: string): string | undefined {
  const quarkus = /\[io\.quarkus\.deployment\.QuarkusAugmentor\] (Quarkus augmentation completed in \d+ms)/.exec(mavenLine);
  if (quarkus) return quarkus[1];
  if (/--- quarkus(?:-maven-plugin)?:[^:]+:build /.test(mavenLine)) return 'building the server with Quarkus';
  return progressLine(mavenLine);
}

/** Makes sure the registry server is built in the cache (Maven and Quarkus run only when it is not); its runner jar. */
export async function ensureRegistryServer(onProgress: (line: string) => void = () => {}): Promise<string> {
  const layout = registryServerLayout();
  if (fs.existsSync(layout.marker)) return layout.runnerJar;
  return withLock(layout.marker, async () => {
    if (fs.existsSync(layout.marker)) return layout.runnerJar;
    const mvn = await findMaven(onProgress);
    onProgress(`building Apicurio Registry ${versions.apicurio.server} from Maven Central into ${layout.dir} (first run only, about 2 min)`);
    fs.rmSync(layout.build, { recursive: true, force: true });
    const repo = process.env.CDC_LABS_MAVEN_REPO ? { 'maven.repo.local': process.env.CDC_LABS_MAVEN_REPO } : {};
    const props = Object.entries({ ...registryBuildProperties(), ...repo, 'cdc.build': layout.build }).map(([k, v]) => `-D${k}=${v}`);
    const started = Date.now();
    const { code, output } = await runMaven(mvn, ['-B', '-f', registryPomFile, ...props, '-DskipTests', 'package'], (line) => {
      const progress = registryBuildProgress(line);
      if (progress) onProgress(`  ${progress}`);
    });
    if (code !== 0 || !fs.existsSync(layout.runnerJar)) {
      throw new Error(
        `Maven could not build Apicurio Registry ${versions.apicurio.server} (exit code ${code}).\n${output.slice(-25).join('\n')}\n` +
          `hint: check that Maven Central is reachable (mvn -v; ~/.m2/settings.xml mirrors), or name a registry you run with ${EXTERNAL_ENV.registry}.`,
      );
    }
    // the runner jar and lib/ are the server; the unpacked app and the plain jar are only the build's inputs
    fs.rmSync(path.join(layout.build, 'classes'), { recursive: true, force: true });
    fs.rmSync(path.join(layout.build, 'apicurio-registry-server-1.jar'), { force: true });
    onProgress(`  built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    fs.writeFileSync(layout.marker, new Date().toISOString());
    return layout.runnerJar;
  });
}

export interface StartedRegistry {
  info: RegistryInfo;
  process: ManagedProcess;
}

/** Starts the built server in `<dir>/registry` on a free port, and waits until its readiness check passes. */
export async function startRegistryServer(dir: string, runnerJar: string): Promise<StartedRegistry> {
  const own = path.join(dir, 'registry');
  fs.mkdirSync(own, { recursive: true });
  const port = await freePort();
  const root = `http://127.0.0.1:${port}`;
  const proc = await startJvm({
    name: 'registry',
    dir: own,
    heapMb: 384,
    jar: runnerJar,
    args: [],
    systemProperties: {
      'quarkus.http.host': '127.0.0.1',
      'quarkus.http.port': String(port),
      // storage stays the app's default: H2 in memory (jdbc:h2:mem:registry_db), gone when the process stops
      // Writes must take turns. With the default pool, two clients registering at once (Debezium's
      // converter through the v2 API, our engine through ccompat) collide on the SEQUENCES row that numbers content ids:
      // HTTP 500 "Timeout trying to lock table", a duplicate CONTENT key or an inactive transaction. Measured here: 30 v2
      // and 30 ccompat registrations at once failed 49 to 59 of 60 with the default pool, 0 of 360 with one connection;
      // the avro conformance profile's Debezium task failed on it in 2 of 6 runs (Apicurio's client does not retry).
      // One connection is not enough for a second version of a subject, though: that write takes a second connection
      // while holding the first, and every POST of a new version (ccompat or v2) failed with "Sorry, acquisition
      // timeout!" (the avro-schema-registry lab). So requests take turns instead: one worker thread serves the REST
      // calls one at a time, with the default pool. Measured: the 30 v2 + 30 ccompat registrations at once, first
      // and then second versions, 0 of 720 failed over six rounds.
      'quarkus.thread-pool.max-threads': '1',
      'vertx.cacheDirBase': path.join(own, 'vertx-cache'),
      'quarkus.log.console.color': 'false',
    },
  });
  await proc.waitReady(() => httpReady(`${root}/health/ready`), {
    timeoutMs: 120_000,
    intervalMs: 250,
    hint: `the registry's log is ${path.join(own, 'registry.log')}; or run one yourself and name it with ${EXTERNAL_ENV.registry}`,
  });
  return { process: proc, info: registryInfo(root) };
}

/** The registry CDC_LABS_SCHEMA_REGISTRY_URL names (checked as a URL), if any: a native stack then starts none. */
export function externalRegistry(env: NodeJS.ProcessEnv = process.env): RegistryInfo | undefined {
  const url = env[EXTERNAL_ENV.registry];
  return url ? registryInfo(url, EXTERNAL_ENV.registry) : undefined;
}

/**
 * Whether a native stack can have a registry here: always, now that the runtime builds its own from Maven
 * Central (with the Java and Maven the native runtime needs anyway); kept for the tests that branch on it.
 */
export function canStartNativeRegistry(_env: NodeJS.ProcessEnv = process.env): boolean {
  return true;
}
