import { describe, expect, it } from 'vitest';
import { curl, json, shell, sql, step } from '../define.ts';
import { stepInstructions, type Sandbox } from './instructions.ts';

const sandbox: Sandbox = {
  psqlUrl: 'postgres://postgres:pw@127.0.0.1:5500/lab_x',
  restUrl: 'http://127.0.0.1:5600',
  tools: { lib: undefined, log4j: undefined, bootstrap: '127.0.0.1:5700' },
  fileRef: (f) => `labs/x/${f}`,
};

describe('stepInstructions', () => {
  it('runs a SQL file with psql on the lab database, and watches the expected topic', () => {
    const out = stepInstructions(step({ title: 't', prose: '', show: sql('01.sql'), expect: { topic: 'x.public.t', events: 1 } }), sandbox);
    expect(out.type).toEqual(["psql 'postgres://postgres:pw@127.0.0.1:5500/lab_x' -f labs/x/01.sql"]);
    expect(out.watch).toBe('kafka-console-consumer.sh --bootstrap-server 127.0.0.1:5700 --topic x.public.t --from-beginning --property print.key=true');
  });
  it('posts connector JSON to the REST endpoint', () => {
    expect(stepInstructions(step({ title: 't', prose: '', show: json('c.json') }), sandbox).type).toEqual([
      "curl -s -X POST -H 'Content-Type: application/json' --data-binary @labs/x/c.json http://127.0.0.1:5600/connectors",
    ]);
  });
  it('sends a REST call as shown, with a body when it has one', () => {
    expect(stepInstructions(step({ title: 't', prose: '', show: curl('POST', '/connectors/c/restart?includeTasks=true') }), sandbox).type).toEqual([
      "curl -s -X POST 'http://127.0.0.1:5600/connectors/c/restart?includeTasks=true'",
    ]);
    expect(stepInstructions(step({ title: 't', prose: '', show: curl('POST', '/connectors/', 'r.json') }), sandbox).type[0]).toContain('--data-binary @labs/x/r.json');
  });
  it('points a shell command at the real Kafka', () => {
    expect(stepInstructions(step({ title: 't', prose: '', show: shell('kafka-topics.sh --bootstrap-server localhost:9092 --list') }), sandbox).type).toEqual([
      'kafka-topics.sh --bootstrap-server 127.0.0.1:5700 --list',
    ]);
  });
  it('gives nothing to type for a step the runner does itself', () => {
    const out = stepInstructions(step({ title: 't', prose: '', show: sql('two-sessions.sql'), handsOn: 'runner', expect: { topic: 'x', events: 2 } }), sandbox);
    expect(out.type).toEqual([]);
    expect(out.watch).toBeDefined();
  });
});
