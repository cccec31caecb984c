import { versions } from '../../versions.ts';
import { EXTERNAL_ENV } from '../external.ts';
import { registryInfo } from '../registry-info.ts';
import type { RegistryInfo } from '../types.ts';

// The native runtime has no schema registry server of its own: Maven Central does not serve the whole of
// Apicurio Registry's server. Checked on 2026-12-06 with `mvn dependency:get`/`package`:
//   2.6.13.Final: apicurio-registry-app's dependency apicurio-registry-schema-util-provider:2.6.13.Final is absent;
//   3.3.3: apicurio-registry-schema-util-common:3.3.3 is absent; 3.0.9: the app's parent pom is absent;
//   2.5.11.Final: apicurio-registry-utils-kafka:2.5.11.Final is absent; 2.4.2.Final: its dependencies resolve
//   (with com.github.erosb:everit-json-schema for the JitPack-only org.everit.json.schema), but Quarkus' build
//   needs the deployment side of Apicurio's own extension, apicurio-common-app-components-config-index-deployment
//   0.1.18.Final, which is absent.
// (Quarkus' runnable form is not published either: there is no -runner jar, so the app would have to be
// built with quarkus-maven-plugin from those dependencies.) Apicurio's Kafka Connect converter is served
// whole, so the native Connect worker does get it (jars.ts, set 'apicurio-converter'). A native stack
// uses a registry the user runs, named by CDC_LABS_SCHEMA_REGISTRY_URL, or says how to get one.

export class MissingRegistryError extends Error {
  constructor() {
    super(
      [
        `The native runtime cannot start a schema registry: Maven Central does not serve all of Apicurio Registry ${versions.apicurio.version}'s server jars.`,
        `Run one and name it with ${EXTERNAL_ENV.registry}, e.g.`,
        `  docker run -d -p 8080:8080 ${versions.apicurio.image}`,
        `  export ${EXTERNAL_ENV.registry}=http://localhost:8080`,
        'or use `--runtime containers`, which starts that image itself.',
      ].join('\n'),
    );
    this.name = 'MissingRegistryError';
  }
}

/** The registry a native stack uses: the one named by CDC_LABS_SCHEMA_REGISTRY_URL. */
export function nativeRegistry(env: NodeJS.ProcessEnv = process.env): RegistryInfo {
  const url = env[EXTERNAL_ENV.registry];
  if (!url) throw new MissingRegistryError();
  return registryInfo(url, EXTERNAL_ENV.registry);
}

/** Whether a native stack can have a registry here (tests that need one skip otherwise). */
export function canStartNativeRegistry(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[EXTERNAL_ENV.registry]);
}
