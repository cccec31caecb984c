import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

// When `mvn` is not on PATH, the harness fetches Maven itself the way the Maven Wrapper does: the
// `org.apache.maven:apache-maven:<v>:bin:tar.gz` artifact from Maven Central, checked against the
// .sha512 published beside it, unpacked into the jar cache (a temp folder, then one rename).

const run = promisify(execFile);

/** The Maven release fetched when the machine has none (a 3.9 release on Maven Central). */
export const MAVEN_VERSION = '3.9.16';

export const MAVEN_CENTRAL = 'https://repo.maven.apache.org/maven2';

/** The distribution archive's URL; its checksum is at the same URL plus `.sha512`. */
export function mavenDistributionUrl(version = MAVEN_VERSION, repository = MAVEN_CENTRAL): string {
  return `${repository}/org/apache/maven/apache-maven/${version}/apache-maven-${version}-bin.tar.gz`;
}

/** Reads a published .sha512 file: the hex digest alone, or `<digest>  <file name>`. */
export function parseSha512File(text: string): string | undefined {
  const digest = text.trim().split(/\s+/)[0]?.toLowerCase();
  return digest && /^[0-9a-f]{128}$/.test(digest) ? digest : undefined;
}

/** True when `actualHex` is the digest the .sha512 file publishes. */
export function sha512Matches(published: string, actualHex: string): boolean {
  const expected = parseSha512File(published);
  return expected !== undefined && expected === actualHex.trim().toLowerCase();
}

/** Where a fetched Maven lives in the cache. */
export function mavenHome(root: string, version = MAVEN_VERSION): string {
  return path.join(root, `apache-maven-${version}`);
}

/** The launcher inside a Maven home (`mvn.cmd` on Windows). */
export function mavenExecutable(home: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(home, 'bin', platform === 'win32' ? 'mvn.cmd' : 'mvn');
}

/** Which Maven to run: the system's when there is one, else the one in (or fetched into) the cache. */
export function chooseMaven(systemMaven: boolean, root: string, platform: NodeJS.Platform = process.platform): { mvn: string; fetched: boolean } {
  if (systemMaven) return { mvn: 'mvn', fetched: false };
  return { mvn: mavenExecutable(mavenHome(root), platform), fetched: true };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One progress line per tenth of the download (or per 2 MB when the size is unknown). */
export function progressStep(received: number, total: number | undefined, lastReported: number): number | undefined {
  const step = total ? total / 10 : 2 * 1024 * 1024;
  return received - lastReported >= step || (total !== undefined && received === total && lastReported !== total) ? received : undefined;
}

/**
 * Makes sure Maven is unpacked in `root`, fetching it from Maven Central when it is not, and
 * returns the path of its `mvn` launcher.
 */
export async function downloadMaven(root: string, onProgress: (line: string) => void = () => {}, version = MAVEN_VERSION): Promise<string> {
  const home = mavenHome(root, version);
  const mvn = mavenExecutable(home);
  if (fs.existsSync(mvn)) return mvn;
  const url = mavenDistributionUrl(version);
  fs.mkdirSync(root, { recursive: true });
  const temp = fs.mkdtempSync(path.join(root, `.apache-maven-${version}-`));
  try {
    onProgress(`mvn is not on PATH: fetching Maven ${version} from Maven Central into ${home} (first run only)`);
    const sumResponse = await fetch(`${url}.sha512`);
    if (!sumResponse.ok) throw new Error(`GET ${url}.sha512: HTTP ${sumResponse.status}`);
    const published = await sumResponse.text();
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`GET ${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('content-length')) || undefined;
    const archive = path.join(temp, path.basename(url));
    const hash = crypto.createHash('sha512');
    const out = fs.createWriteStream(archive);
    let received = 0;
    let reported = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      received += chunk.length;
      const step = progressStep(received, total, reported);
      if (step !== undefined) {
        reported = step;
        onProgress(`  downloaded ${mib(received)}${total ? ` of ${mib(total)}` : ''}`);
      }
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const actual = hash.digest('hex');
    if (!sha512Matches(published, actual)) {
      throw new Error(`${path.basename(url)} does not match its published SHA-512 (expected ${published.trim().slice(0, 16)}…, got ${actual.slice(0, 16)}…); not using it.`);
    }
    onProgress(`  SHA-512 verified; unpacking`);
    await run('tar', ['-xzf', archive, '-C', temp]);
    const unpacked = path.join(temp, `apache-maven-${version}`);
    if (!fs.existsSync(mavenExecutable(unpacked))) throw new Error(`${path.basename(url)} has no apache-maven-${version}/bin/mvn`);
    try {
      fs.renameSync(unpacked, home);
    } catch (error) {
      // another run unpacked the same Maven meanwhile: use theirs
      if (!fs.existsSync(mvn)) throw error;
    }
    return mvn;
  } catch (error) {
    throw new Error(`Could not fetch Maven ${version} from ${url}: ${(error as Error).message}\nhint: install Maven (apt-get install maven, brew install maven), or check that Maven Central is reachable.`);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
