import { describe, expect, it } from 'vitest';
import { ccompatBase } from './registry-client.ts';

describe('ccompatBase', () => {
  it("takes a Confluent-style URL as it is and turns Apicurio's native API URL into its Confluent-compatible one", () => {
    expect(ccompatBase('http://localhost:8081')).toBe('http://localhost:8081');
    expect(ccompatBase('http://localhost:8081/')).toBe('http://localhost:8081');
    expect(ccompatBase('http://reg:8080/apis/ccompat/v6')).toBe('http://reg:8080/apis/ccompat/v6');
    expect(ccompatBase('http://reg:8080/apis/ccompat/v7/')).toBe('http://reg:8080/apis/ccompat/v7');
    expect(ccompatBase('http://reg:8080/apis/registry/v2')).toBe('http://reg:8080/apis/ccompat/v7');
    expect(ccompatBase('http://reg:8080/apis/registry/v3')).toBe('http://reg:8080/apis/ccompat/v7');
  });
});
