import { describe, expect, it } from 'vitest';
import { checkChromium, checkDisk, checkDocker, checkJava, checkMaven, checkNode, checkRepo, type DoctorFacts, doctorReport, pickRuntime, verdictLine } from './doctor-checks.ts';

/** This machine, more or less: Node 22.22, Java 17 and 25, system Maven, no Docker engine. */
function facts(overrides: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    platform: 'linux',
    nodeVersion: '22.22.3',
    java: { path: '/usr/bin/java', major: 17 },
    jdk21: { path: '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java', major: 25 },
    systemMaven: 'Apache Maven 3.8.7',
    fetchedMaven: { path: '/home/me/.cache/cdc-labs/jars/apache-maven-3.9.16/bin/mvn', present: false, version: '3.9.16' },
    docker: { client: true, engine: false, error: 'Cannot connect to the Docker daemon' },
    chromium: { path: '/usr/bin/chromium', from: 'PATH' },
    disk: { path: '/home/me/.cache/cdc-labs', freeBytes: 50 * 1024 ** 3 },
    repo: { path: '/home/me/cdc-labs', mode: 0o40755, owner: 'me (you)', closedAncestors: [] },
    ...overrides,
  };
}

describe('checkNode', () => {
  it('passes 22.22 and newer, warns below it naming the version, fails below the engines floor', () => {
    expect(checkNode(facts({ nodeVersion: '26.12.1' })).status).toBe('ok');
    expect(checkNode(facts({ nodeVersion: '22.22.0' })).status).toBe('ok');
    const old = checkNode(facts({ nodeVersion: 'v20.20.2' }));
    expect(old.status).toBe('warn');
    expect(old.detail).toContain('20.20.2');
    expect(old.detail).toContain('22.22');
    expect(checkNode(facts({ nodeVersion: '18.19.0' })).status).toBe('fail');
  });
});

describe('checkJava', () => {
  it('passes Java 17 and notes the JDK 21+ for Apicurio', () => {
    const [java, jdk21] = checkJava(facts());
    expect(java).toMatchObject({ status: 'ok' });
    expect(java?.detail).toContain('Java 17');
    expect(jdk21).toMatchObject({ status: 'ok' });
    expect(jdk21?.detail).toContain('Apicurio');
  });

  it('Java hidden: fails naming the packages of this platform', () => {
    const [java, jdk21] = checkJava(facts({ java: undefined, jdk21: undefined }));
    expect(java?.status).toBe('fail');
    expect(java?.detail).toContain('openjdk-17-jdk-headless');
    expect(java?.detail).toContain('java-17-openjdk-headless');
    // no JDK 21 is needed: the native runtime's Apicurio Registry 2.4 runs on Java 17
    expect(jdk21?.status).toBe('ok');
    expect(jdk21?.detail).toContain('not needed');
    expect(checkJava(facts({ java: undefined, jdk21: undefined, platform: 'darwin' }))[0]?.detail).toContain('brew install openjdk@17');
    expect(checkJava(facts({ java: undefined, jdk21: undefined, platform: 'win32' }))[0]?.detail).toContain('winget install EclipseAdoptium.Temurin.17.JDK');
  });

  it('Java hidden but a JDK installed: points JAVA_HOME at it', () => {
    const [java] = checkJava(facts({ java: undefined }));
    expect(java?.status).toBe('fail');
    expect(java?.detail).toContain('JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64');
  });

  it('fails a Java older than 17', () => {
    expect(checkJava(facts({ java: { path: '/usr/bin/java', major: 11 }, jdk21: undefined }))[0]).toMatchObject({ status: 'fail' });
  });
});

describe('checkMaven', () => {
  it('names the system Maven, else where Maven will be fetched', () => {
    expect(checkMaven(facts())).toEqual({ status: 'ok', name: 'Maven', detail: 'Apache Maven 3.8.7' });
    const fetched = checkMaven(facts({ systemMaven: undefined }));
    expect(fetched.status).toBe('ok');
    expect(fetched.detail).toContain('will be fetched from Maven Central into /home/me/.cache/cdc-labs/jars/apache-maven-3.9.16');
    const present = checkMaven(facts({ systemMaven: undefined, fetchedMaven: { ...facts().fetchedMaven, present: true } }));
    expect(present.detail).toContain('fetched earlier');
    expect(checkMaven(facts({ systemMaven: undefined, brokenMaven: '/usr/bin/mvn', java: undefined })).status).toBe('warn');
  });
});

describe('checkDocker', () => {
  it('needs the engine, not just the client', () => {
    expect(checkDocker(facts({ docker: { client: true, engine: true, serverVersion: '28.1.1' } })).status).toBe('ok');
    const clientOnly = checkDocker(facts());
    expect(clientOnly.status).toBe('warn');
    expect(clientOnly.detail).toContain('docker info');
    expect(checkDocker(facts({ docker: { client: false, engine: false } })).detail).toContain('no docker');
  });
});

describe('checkChromium, checkDisk, checkRepo', () => {
  it('Chromium: found, found where the site test does not look, or missing', () => {
    expect(checkChromium(facts()).status).toBe('ok');
    expect(checkChromium(facts({ chromium: { path: '/usr/bin/google-chrome', from: 'PATH' } })).detail).toContain('CHROMIUM_PATH=/usr/bin/google-chrome');
    expect(checkChromium(facts({ chromium: undefined })).status).toBe('warn');
  });

  it('Disk: warns under 2 GiB', () => {
    expect(checkDisk(facts()).status).toBe('ok');
    const low = checkDisk(facts({ disk: { path: '/c', freeBytes: 1.5 * 1024 ** 3 } }));
    expect(low.status).toBe('warn');
    expect(low.detail).toContain('1.5 GiB');
    expect(checkDisk(facts({ disk: { path: '/c' } })).status).toBe('warn');
  });

  it('Repo: reports the permissions, and a private folder above it', () => {
    expect(checkRepo(facts()).detail).toContain('mode 755');
    const inRoot = checkRepo(facts({ repo: { path: '/root/cdc-labs', mode: 0o40755, owner: 'root (you)', closedAncestors: ['/root 700'] } }));
    expect(inRoot.detail).toContain('/root 700');
  });
});

describe('verdict', () => {
  const engine = { client: true, engine: true, serverVersion: '28.1.1' };
  it('native when Java is here, else containers with an engine, else none', () => {
    expect(pickRuntime(facts())).toBe('native');
    expect(pickRuntime(facts({ java: undefined, docker: engine }))).toBe('containers');
    expect(pickRuntime(facts({ java: undefined }))).toBe('none');
    expect(pickRuntime(facts({ java: { path: 'java', major: 11 }, docker: engine }))).toBe('containers');
  });

  it('one line that names the runtime or what to install', () => {
    expect(verdictLine(facts())).toMatch(/^✓ .*would pick native/);
    expect(verdictLine(facts({ java: undefined, docker: engine }))).toMatch(/^✓ .*would pick containers/);
    const none = verdictLine(facts({ java: undefined }));
    expect(none).toMatch(/^✗ no runtime can run here/);
    expect(none).toContain('openjdk-17-jdk-headless');
    expect(none).toContain('Docker');
  });

  it('the report: every check then the verdict; exit code 1 only when no runtime can run', () => {
    const ok = doctorReport(facts({ nodeVersion: '20.20.2', chromium: undefined }));
    expect(ok.exitCode).toBe(0);
    expect(ok.lines[0]).toMatch(/^! Node/);
    expect(ok.lines.at(-1)).toContain('native');
    const hidden = doctorReport(facts({ java: undefined, jdk21: undefined, systemMaven: undefined }));
    expect(hidden.exitCode).toBe(1);
    expect(hidden.lines.some((l) => l.startsWith('✗ Java'))).toBe(true);
    expect(hidden.lines.at(-1)).toMatch(/^✗ no runtime/);
  });
});
