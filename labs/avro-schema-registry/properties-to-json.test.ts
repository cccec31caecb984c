import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectorJson, readProperties } from './properties-to-json.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('properties-to-json', () => {
  it('reads java.util.Properties syntax: comments, either separator, escapes and continued lines', () => {
    const text = '# a comment\n! another\nname = bikes\ntopic.prefix:bikes\ntable.include.list=store.customers,\\\n    store.orders\nodd=a\\=b\\u00e9\n';
    expect(readProperties(text)).toEqual({ name: 'bikes', 'topic.prefix': 'bikes', 'table.include.list': 'store.customers,store.orders', odd: 'a=bé' });
  });

  it('takes the name out of the config for POST /connectors, and refuses properties without one', () => {
    expect(connectorJson({ name: 'n', 'tasks.max': '1' })).toEqual({ name: 'n', config: { 'tasks.max': '1' } });
    expect(() => connectorJson({ 'tasks.max': '1' })).toThrow(/no "name"/);
  });

  it('prints the lab\'s 2019 file as the flat map the validate endpoint takes', () => {
    const file = path.join(here, 'bike-store-2019.properties');
    const printed = JSON.parse(execFileSync(process.execPath, [path.join(here, 'properties-to-json.ts'), file], { encoding: 'utf8' })) as Record<string, string>;
    expect(printed).toEqual(readProperties(readFileSync(file, 'utf8')));
    expect(printed['table.whitelist']).toBe('store.customers,store.products,store.orders,store.order_items');
    const wrapped = JSON.parse(execFileSync(process.execPath, [path.join(here, 'properties-to-json.ts'), file, '--connector'], { encoding: 'utf8' })) as { name: string };
    expect(wrapped.name).toBe('bike-store-source-connector');
  });
});
