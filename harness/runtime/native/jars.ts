import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { versions } from '../../versions.ts';
import { cacheRoot } from './cache-root.ts';
import { findMaven } from './toolchain.ts';

// The JVM servers come from Maven Central through the pom beside this file. Each jar set lands in
// its own folder of a cache outside the repo, marked complete only once Maven succeeded, so a
// later run (or an interrupted one) reuses or redoes it cleanly.

export const JAR_SETS = ['kafka', 'debezium-postgres', 'debezium-jdbc', 's3mock', 'apicurio-converter'] as const;
export type JarSet = (typeof JAR_SETS)[number];

export const pomFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven', 'pom.xml');

export { cacheRoot } from './cache-root.ts';

/** Maven -D flags carrying the pinned versions (the pom's own values are defaults only). */
export function versionProperties(): Record<string, string> {
  return {
    'kafka.version': versions.kafka.version,
    'scala.binary.version': versions.kafka.scala,
    'slf4j.version': versions.kafka.slf4j,
    'reload4j.version': versions.kafka.reload4j,
    'debezium.version': versions.debezium.version,
    'debezium.jdbc.version': versions.debezium.jdbcSinkVersion,
    's3mock.version': versions.s3.s3mock,
    'apicurio.version': versions.apicurio.version,
  };
}

/** A short digest of the pom: a changed pom gets fresh cache folders instead of stale jars. */
function pomRevision(): string {
  return crypto.createHash('sha256').update(fs.readFileSync(pomFile)).digest('hex').slice(0, 8);
}

/** Where each set lives. The two Debezium sets share one plugin.path folder. */
export function jarSetLayout(set: JarSet, root = cacheRoot()): { mavenOut: string; marker: string; dir: string } {
  const rev = pomRevision();
  const plugins = path.join(root, `debezium-plugins-${versions.debezium.version}-jdbc-${versions.debezium.jdbcSinkVersion}-${rev}`);
  switch (set) {
    case 'kafka': {
      const dir = path.join(root, `kafka-${versions.kafka.version}-${rev}`);
      return { dir, mavenOut: path.join(dir, 'lib'), marker: path.join(dir, '.complete') };
    }
    case 'debezium-postgres':
      return { dir: plugins, mavenOut: path.join(plugins, 'debezium-connector-postgres'), marker: path.join(plugins, '.postgres-complete') };
    case 'debezium-jdbc':
      return { dir: plugins, mavenOut: plugins, marker: path.join(plugins, '.jdbc-complete') };
    case 'apicurio-converter': {
      // its own plugin.path entry, fetched only when a stack asks for the registry
      const dir = path.join(root, `apicurio-converter-${versions.apicurio.version}-${rev}`);
      return { dir, mavenOut: path.join(dir, 'apicurio-converter'), marker: path.join(dir, '.complete') };
    }
    case 's3mock': {
      const dir = path.join(root, `s3mock-${versions.s3.s3mock}-${rev}`);
      return { dir, mavenOut: dir, marker: path.join(dir, '.complete') };
    }
  }
}

export function isCached(set: JarSet): boolean {
  return fs.existsSync(jarSetLayout(set).marker);
}

/** Turns Maven's "Downloaded from central: …/x.jar (1.2 MB at …)" lines into short progress lines. */
export function progressLine(mavenLine: string): string | undefined {
  const match = /^(?:\[INFO\] )?Downloaded from \S+: \S+\/([^/\s]+) \(([^)]*?)(?: at [^)]*)?\)/.exec(mavenLine);
  if (match) return `downloaded ${match[1]} (${match[2]})`;
  if (/^\[ERROR\]/.test(mavenLine)) return mavenLine;
  return undefined;
}

/** Runs `work` holding `<dir>.lock`, so two runs never fetch or build the same folder at once. */
export async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  for (let waited = 0; ; waited += 500) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // another run is fetching the same set; a lock older than 15 minutes is stale
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs Maven, handing each line of its output to `onLine`; resolves with its exit code and all its output. */
export async function runMaven(mvn: string, args: string[], onLine: (line: string) => void): Promise<{ code: number; output: string[] }> {
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(mvn, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      onLine(line);
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode ?? 1));
  });
  return { code, output };
}

/** Makes sure a jar set is in the cache, running Maven (with progress) only when it is not. */
export async function ensureJars(set: JarSet, onProgress: (line: string) => void = () => {}): Promise<string> {
  const layout = jarSetLayout(set);
  if (fs.existsSync(layout.marker)) return layout.mavenOut;
  return withLock(layout.marker, async () => {
    if (fs.existsSync(layout.marker)) return layout.mavenOut;
    const mvn = await findMaven(onProgress);
    onProgress(`fetching ${set} jars from Maven Central into ${layout.dir} (first run only)`);
    // CDC_LABS_MAVEN_REPO points Maven at another local repository (the cold-start benchmark)
    const repo = process.env.CDC_LABS_MAVEN_REPO ? { 'maven.repo.local': process.env.CDC_LABS_MAVEN_REPO } : {};
    const props = Object.entries({ ...versionProperties(), ...repo, 'cdc.out': layout.mavenOut }).map(([k, v]) => `-D${k}=${v}`);
    const args = ['-B', '-f', pomFile, '-P', set, ...props, 'generate-resources'];
    const { code, output } = await runMaven(mvn, args, (line) => {
      const progress = progressLine(line);
      if (progress) onProgress(`  ${progress}`);
    });
    if (code !== 0) {
      const tail = output.slice(-25).join('\n');
      throw new Error(`Maven could not fetch the ${set} jars (exit code ${code}).\n${tail}\nhint: check that Maven Central is reachable (mvn -v; ~/.m2/settings.xml mirrors).`);
    }
    fs.writeFileSync(layout.marker, new Date().toISOString());
    return layout.mavenOut;
  });
}
