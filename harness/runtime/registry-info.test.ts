import { describe, expect, it } from 'vitest';
import { registryInfo } from './registry-info.ts';

describe('registryInfo', () => {
  it('derives both API bases from the root, the Apicurio API or the Confluent-compatible API', () => {
    const both = { url: 'http://r:8080/apis/ccompat/v7', apicurioUrl: 'http://r:8080/apis/registry/v2', apicurioUrlForConnect: 'http://r:8080/apis/registry/v2' };
    expect(registryInfo('http://r:8080')).toEqual(both);
    expect(registryInfo('http://r:8080/')).toEqual(both);
    expect(registryInfo('http://r:8080/apis/registry/v2')).toEqual(both);
    expect(registryInfo('http://r:8080/apis/ccompat/v7/')).toEqual(both);
    expect(registryInfo('http://r:8080/apis/ccompat/v6')).toMatchObject({ url: 'http://r:8080/apis/ccompat/v6', apicurioUrl: 'http://r:8080/apis/registry/v2' });
  });

  it('Connect may reach the registry by another name (a Docker network alias)', () => {
    expect(registryInfo('http://localhost:32768', 'x', 'http://registry:8080/').apicurioUrlForConnect).toBe('http://registry:8080/apis/registry/v2');
  });

  it('names the key when the value is not an http URL', () => {
    expect(() => registryInfo('localhost:8080', 'CDC_LABS_SCHEMA_REGISTRY_URL')).toThrow(/CDC_LABS_SCHEMA_REGISTRY_URL=localhost:8080/);
    expect(() => registryInfo('ftp://r/', 'CDC_LABS_SCHEMA_REGISTRY_URL')).toThrow(/only http and https/);
  });
});
