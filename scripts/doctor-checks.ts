// The checks behind `npm run doctor`: pure functions from facts gathered about the machine
// (scripts/doctor-facts.ts) to the lines printed, so each case can be tested without the machine.

export type Status = 'ok' | 'fail' | 'warn';

export interface CheckLine {
  status: Status;
  /** what was checked, e.g. 'Node' */
  name: string;
  /** what works, or what to install */
  detail: string;
}

export interface JavaFact {
  /** the java that runs (JAVA_HOME/bin/java, else `java` on PATH) */
  path: string;
  major: number;
}

export interface DoctorFacts {
  platform: NodeJS.Platform;
  nodeVersion: string;
  /** undefined: no java (JAVA_HOME/bin/java or PATH) */
  java?: JavaFact;
  /** a JDK 21 or newer: the java above, or one in JAVA_HOME or /usr/lib/jvm/* */
  jdk21?: JavaFact;
  /** `mvn -v`'s version line when the machine has Maven */
  systemMaven?: string;
  /** an mvn on PATH that did not run (`mvn -v` failed, e.g. for want of Java) */
  brokenMaven?: string;
  /** the mvn launcher of a Maven fetched into the cache */
  fetchedMaven: { path: string; present: boolean; version: string };
  docker: { client: boolean; engine: boolean; serverVersion?: string; error?: string };
  /** a Chromium or Chrome, and where it was found */
  chromium?: { path: string; from: string };
  /** the cache folder and the free space of its file system (undefined: unknown) */
  disk: { path: string; freeBytes?: number };
  repo: { path: string; mode: number; owner: string; closedAncestors: string[] };
}

export const SUPPORTED_NODE = '22.22';
export const MIN_NODE = '20.19';
export const MIN_FREE_BYTES = 2 * 1024 ** 3;

const SYMBOL: Record<Status, string> = { ok: '✓', fail: '✗', warn: '!' };

function versionAtLeast(version: string, floor: string): boolean {
  const a = version.replace(/^v/, '').split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** How to install a JDK 17 on this platform (all platforms when unknown). */
export function javaInstallHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
      return 'Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless; Fedora: sudo dnf install -y java-17-openjdk-headless';
    case 'darwin':
      return 'brew install openjdk@17';
    case 'win32':
      return 'winget install EclipseAdoptium.Temurin.17.JDK';
    default:
      return 'a JDK 17 from https://adoptium.net';
  }
}

export function checkNode(f: DoctorFacts): CheckLine {
  const v = f.nodeVersion.replace(/^v/, '');
  if (!versionAtLeast(v, MIN_NODE)) return { status: 'fail', name: 'Node', detail: `${v} is older than ${MIN_NODE}, which npm install refuses: install Node ${SUPPORTED_NODE} or newer (https://nodejs.org, nvm install 22)` };
  if (!versionAtLeast(v, SUPPORTED_NODE)) return { status: 'warn', name: 'Node', detail: `${v} runs, but ${SUPPORTED_NODE} or newer is the supported floor: upgrade (nvm install 22) if something misbehaves` };
  return { status: 'ok', name: 'Node', detail: v };
}

export function checkJava(f: DoctorFacts): CheckLine[] {
  const lines: CheckLine[] = [];
  if (!f.java && f.jdk21) {
    const home = f.jdk21.path.replace(/[/\\]bin[/\\]java(\.exe)?$/, '');
    lines.push({ status: 'fail', name: 'Java', detail: `no java on PATH or in JAVA_HOME, but Java ${f.jdk21.major} is installed: export JAVA_HOME=${home} (or put its bin on PATH)` });
  } else if (!f.java) {
    lines.push({ status: 'fail', name: 'Java', detail: `no java on PATH or in JAVA_HOME: the native runtime needs a JDK 17 or newer (${javaInstallHint(f.platform)})` });
  } else if (f.java.major < 17) {
    lines.push({ status: 'fail', name: 'Java', detail: `${f.java.path} is Java ${f.java.major}; the native runtime needs 17 or newer (${javaInstallHint(f.platform)}), on PATH or in JAVA_HOME` });
  } else {
    lines.push({ status: 'ok', name: 'Java', detail: `Java ${f.java.major} (${f.java.path}): the native runtime can run` });
  }
  // the native runtime's Apicurio Registry is 2.4.2 (Quarkus 2.16), which runs on Java 17; only its 3.x line needs 21
  if (f.jdk21) lines.push({ status: 'ok', name: 'JDK 21+', detail: `Java ${f.jdk21.major} at ${f.jdk21.path} (Apicurio Registry 3.x would need it; the native runtime's 2.4 runs on Java 17)` });
  else lines.push({ status: 'ok', name: 'JDK 21+', detail: 'none found (JAVA_HOME, PATH, /usr/lib/jvm); not needed: the native runtime\'s Apicurio schema registry (2.4) runs on Java 17' });
  return lines;
}

export function checkMaven(f: DoctorFacts): CheckLine {
  if (f.systemMaven) return { status: 'ok', name: 'Maven', detail: f.systemMaven };
  if (f.brokenMaven) return { status: 'warn', name: 'Maven', detail: `${f.brokenMaven} is on PATH but \`mvn -v\` fails${f.java ? '' : ' (it needs Java)'}` };
  if (f.fetchedMaven.present) return { status: 'ok', name: 'Maven', detail: `no mvn on PATH; using Maven ${f.fetchedMaven.version} fetched earlier (${f.fetchedMaven.path})` };
  return { status: 'ok', name: 'Maven', detail: `no mvn on PATH: Maven ${f.fetchedMaven.version} will be fetched from Maven Central into ${f.fetchedMaven.path.replace(/[/\\]bin[/\\]mvn(\.cmd)?$/, '')} on first use (about 9 MB)` };
}

export function checkDocker(f: DoctorFacts): CheckLine {
  const d = f.docker;
  if (d.engine) return { status: 'ok', name: 'Docker', detail: `engine ${d.serverVersion ?? ''} answers: --runtime containers can run`.replace('  ', ' ') };
  const use = f.java && f.java.major >= 17 ? 'only needed for --runtime containers' : 'needed unless you install Java';
  if (d.client) return { status: 'warn', name: 'Docker', detail: `the docker client is here but \`docker info\` fails (engine not running, or no permission on its socket)${d.error ? `: ${d.error}` : ''}; ${use}` };
  return { status: 'warn', name: 'Docker', detail: `no docker command: ${use} (Docker Engine or Docker Desktop)` };
}

export function checkChromium(f: DoctorFacts): CheckLine {
  if (!f.chromium) {
    const hint = f.platform === 'linux' ? 'apt-get install chromium' : f.platform === 'darwin' ? 'brew install --cask chromium' : 'install Chrome';
    return { status: 'warn', name: 'Chromium', detail: `none found (chromium, chromium-browser, google-chrome on PATH, CHROMIUM_PATH, CHROME_PATH): only the site test (npm run docs:check) needs it (${hint})` };
  }
  const siteTestSees = f.chromium.from === 'CHROMIUM_PATH' || f.chromium.path === '/usr/bin/chromium';
  const note = siteTestSees ? '' : `; the site test reads CHROMIUM_PATH (default /usr/bin/chromium): export CHROMIUM_PATH=${f.chromium.path}`;
  return { status: 'ok', name: 'Chromium', detail: `${f.chromium.path} (${f.chromium.from}) for the site test${note}` };
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function checkDisk(f: DoctorFacts): CheckLine {
  const { path, freeBytes } = f.disk;
  if (freeBytes === undefined) return { status: 'warn', name: 'Disk', detail: `could not read the free space at ${path}` };
  if (freeBytes < MIN_FREE_BYTES) return { status: 'warn', name: 'Disk', detail: `${gib(freeBytes)} free at ${path} (the jar cache, PostgreSQL binaries and data): under 2 GiB, free some space or set CDC_LABS_CACHE to a roomier place` };
  return { status: 'ok', name: 'Disk', detail: `${gib(freeBytes)} free at ${path}` };
}

export function checkRepo(f: DoctorFacts): CheckLine {
  const { path, mode, owner, closedAncestors } = f.repo;
  const perms = `mode ${(mode & 0o777).toString(8).padStart(3, "0")}, owner ${owner}`;
  if (closedAncestors.length === 0) return { status: 'ok', name: 'Repo', detail: `${path} (${perms})` };
  return {
    status: 'ok',
    name: 'Repo',
    detail: `${path} (${perms}) is under a private folder (${closedAncestors.join(', ')}): fine; run as root, the native runtime copies the PostgreSQL binaries into the cache for the postgres user`,
  };
}

export type RuntimeVerdict = 'native' | 'containers' | 'none';

/** What `--runtime auto` would pick: native when Java 17+ is here, else containers when a Docker engine answers. */
export function pickRuntime(f: Pick<DoctorFacts, 'java' | 'docker'>): RuntimeVerdict {
  if (f.java && f.java.major >= 17) return 'native';
  if (f.docker.engine) return 'containers';
  return 'none';
}

/** The one-line verdict, also what a lab run prints when a requirement is missing. */
export function verdictLine(f: Pick<DoctorFacts, 'java' | 'docker' | 'platform'>): string {
  switch (pickRuntime(f)) {
    case 'native':
      return `✓ --runtime auto would pick native (Java ${f.java?.major}, no Docker needed)`;
    case 'containers':
      return `✓ --runtime auto would pick containers (no Java 17+ here; the Docker engine answers). For native, install a JDK 17: ${javaInstallHint(f.platform)}`;
    case 'none':
      return `✗ no runtime can run here: install a JDK 17 (${javaInstallHint(f.platform)}) for the native runtime, or start a Docker engine for --runtime containers`;
  }
}

export function formatLine(line: CheckLine): string {
  return `${SYMBOL[line.status]} ${line.name.padEnd(9)} ${line.detail}`;
}

/** Every check, in the order printed, then the verdict; `exitCode` is 1 only when no runtime can run. */
export function doctorReport(f: DoctorFacts): { lines: string[]; exitCode: number } {
  const checks = [checkNode(f), ...checkJava(f), checkMaven(f), checkDocker(f), checkChromium(f), checkDisk(f), checkRepo(f)];
  return { lines: [...checks.map(formatLine), '', verdictLine(f)], exitCode: pickRuntime(f) === 'none' ? 1 : 0 };
}
