// `npm run jars [-- kafka debezium-postgres … s3proxy apicurio-registry]`: fetches the native runtime's JVM jars
// from Maven Central into the cache up front (CI runs it once, so no test waits on a download).
// `s3proxy` (the optional store that checks signatures) and `apicurio-registry` (the schema registry server,
// built with Quarkus from Maven Central's jars) have their own poms, so they are listed apart.
import { ensureJars, isCached, JAR_SETS, type JarSet } from '../harness/runtime/native/jars.ts';
import { ensureRegistryServer, isRegistryServerBuilt } from '../harness/runtime/native/registry.ts';
import { ensureS3ProxyJars } from '../harness/runtime/native/s3proxy.ts';

const allowed = [...JAR_SETS, 's3proxy', 'apicurio-registry'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : allowed;
for (const set of wanted) {
  if (!allowed.includes(set)) {
    console.error(`unknown jar set "${set}"; allowed: ${allowed.join(', ')}`);
    process.exit(2);
  }
}
for (const set of wanted) {
  const started = Date.now();
  if (set === 's3proxy') {
    const dir = await ensureS3ProxyJars((line) => console.log(line));
    console.log(`s3proxy: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${dir})`);
    continue;
  }
  if (set === 'apicurio-registry') {
    const built = isRegistryServerBuilt();
    const jar = await ensureRegistryServer((line) => console.log(line));
    console.log(`apicurio-registry: ${built ? 'cached' : `built in ${((Date.now() - started) / 1000).toFixed(1)} s`} (${jar})`);
    continue;
  }
  const cached = isCached(set as JarSet);
  const dir = await ensureJars(set as JarSet, (line) => console.log(line));
  console.log(`${set}: ${cached ? 'cached' : `fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`} (${dir})`);
}
