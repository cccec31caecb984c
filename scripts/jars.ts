// `npm run jars [-- kafka debezium-postgres … s3proxy]`: fetches the native runtime's JVM jars from
// Maven Central into the cache up front (CI runs it once, so no test waits on a download).
// `s3proxy` (the optional store that checks signatures) has its own pom, so it is listed apart.
import { ensureJars, isCached, JAR_SETS, type JarSet } from '../harness/runtime/native/jars.ts';
import { ensureS3ProxyJars } from '../harness/runtime/native/s3proxy.ts';

const allowed = [...JAR_SETS, 's3proxy'];
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
  const cached = isCached(set as JarSet);
  const dir = await ensureJars(set as JarSet, (line) => console.log(line));
  console.log(`${set}: ${cached ? 'cached' : `fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`} (${dir})`);
}
