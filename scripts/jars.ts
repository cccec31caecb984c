// `npm run jars [-- kafka debezium-postgres …]`: fetches the native runtime's JVM jars from Maven
// Central into the cache up front (CI runs it once, so no test waits on a download).
import { ensureJars, isCached, JAR_SETS, type JarSet } from '../harness/runtime/native/jars.ts';

const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : [...JAR_SETS]) as JarSet[];
for (const set of wanted) {
  if (!JAR_SETS.includes(set)) {
    console.error(`unknown jar set "${set}"; allowed: ${JAR_SETS.join(', ')}`);
    process.exit(2);
  }
}
for (const set of wanted) {
  const started = Date.now();
  const cached = isCached(set);
  const dir = await ensureJars(set, (line) => console.log(line));
  console.log(`${set}: ${cached ? 'cached' : `fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`} (${dir})`);
}
