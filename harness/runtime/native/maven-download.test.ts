import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseMaven, MAVEN_VERSION, mavenDistributionUrl, mavenExecutable, mavenHome, parseSha512File, progressStep, sha512Matches } from './maven-download.ts';

describe('mavenDistributionUrl', () => {
  it('is the apache-maven:bin:tar.gz artifact on Maven Central', () => {
    expect(mavenDistributionUrl('3.9.16')).toBe('https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.16/apache-maven-3.9.16-bin.tar.gz');
    expect(MAVEN_VERSION).toMatch(/^3\.9\.\d+$/);
  });
});

describe('sha512 check', () => {
  const digest = crypto.createHash('sha512').update('maven').digest('hex');
  it('accepts the bare digest and the `digest  file` form, in any case', () => {
    expect(sha512Matches(`${digest}\n`, digest)).toBe(true);
    expect(sha512Matches(`${digest.toUpperCase()}  apache-maven-3.9.16-bin.tar.gz\n`, digest)).toBe(true);
    expect(parseSha512File(`${digest}  x.tar.gz`)).toBe(digest);
  });
  it('refuses another digest, and a file that holds no digest', () => {
    const other = crypto.createHash('sha512').update('not maven').digest('hex');
    expect(sha512Matches(digest, other)).toBe(false);
    expect(sha512Matches('<html>Not Found</html>', digest)).toBe(false);
    expect(sha512Matches('', '')).toBe(false);
    expect(parseSha512File('abc123')).toBeUndefined();
  });
});

describe('which mvn', () => {
  const root = path.join('/cache', 'cdc-labs', 'jars');
  it('uses the system mvn when there is one', () => {
    expect(chooseMaven(true, root)).toEqual({ mvn: 'mvn', fetched: false });
  });
  it('otherwise the launcher of the Maven fetched into the cache', () => {
    expect(mavenHome(root, '3.9.16')).toBe(path.join(root, 'apache-maven-3.9.16'));
    expect(chooseMaven(false, root, 'linux')).toEqual({ mvn: path.join(root, `apache-maven-${MAVEN_VERSION}`, 'bin', 'mvn'), fetched: true });
    expect(mavenExecutable(path.join(root, 'm'), 'win32')).toBe(path.join(root, 'm', 'bin', 'mvn.cmd'));
  });
});

describe('progressStep', () => {
  it('reports about every tenth of a known size, and the end once', () => {
    expect(progressStep(50, 1000, 0)).toBeUndefined();
    expect(progressStep(100, 1000, 0)).toBe(100);
    expect(progressStep(1000, 1000, 950)).toBe(1000);
    expect(progressStep(1000, 1000, 1000)).toBeUndefined();
  });
  it('every 2 MB when the size is unknown', () => {
    expect(progressStep(1024 * 1024, undefined, 0)).toBeUndefined();
    expect(progressStep(2 * 1024 * 1024, undefined, 0)).toBe(2 * 1024 * 1024);
  });
});
