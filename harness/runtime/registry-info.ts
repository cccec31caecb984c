import type { RegistryInfo } from './types.ts';

// Apicurio Registry 2.6 serves its own API at /apis/registry/v2 and Confluent's at /apis/ccompat/v6 and /v7
// (https://www.apicur.io/registry/docs/apicurio-registry/2.6.x/getting-started/assembly-registry-reference.html).
// A user may name the registry by either URL or by its root; both forms are derived from it.

const CCOMPAT = 'apis/ccompat/v7';
const APICURIO = 'apis/registry/v2';

/**
 * Both API bases of the registry at `url` (root, …/apis/registry/vN or …/apis/ccompat/vN); `connectRoot`
 * is the registry's root as the Connect worker reaches it, when that differs (containers).
 */
export function registryInfo(url: string, key = 'schema registry URL', connectRoot?: string): RegistryInfo {
  const info = registryApis(url, key);
  return { ...info, apicurioUrlForConnect: connectRoot ? `${connectRoot.replace(/\/+$/, '')}/${APICURIO}` : info.apicurioUrl };
}

function registryApis(url: string, key: string): Omit<RegistryInfo, 'apicurioUrlForConnect'> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${key}=${url} is not a URL (expected e.g. http://localhost:8080 or http://localhost:8080/apis/ccompat/v7)`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new Error(`${key}=${url}: only http and https registry URLs are supported`);
  const trimmed = url.replace(/\/+$/, '');
  const api = /^(.*)\/apis\/(registry|ccompat)\/v\d+$/.exec(trimmed);
  if (api) {
    return api[2] === 'ccompat' ? { url: trimmed, apicurioUrl: `${api[1]}/${APICURIO}` } : { url: `${api[1]}/${CCOMPAT}`, apicurioUrl: trimmed };
  }
  return { url: `${trimmed}/${CCOMPAT}`, apicurioUrl: `${trimmed}/${APICURIO}` };
}
