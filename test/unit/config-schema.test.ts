import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CONFIG_KEYS } from '../../src/domain.js';
import { configSchema, parseConfig } from '../../src/store/config-schema.js';

interface Def { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; keyType?: z.ZodType; valueType?: z.ZodType; element?: z.ZodType; catchall?: z.ZodType; entries?: Record<string, string> }
const def = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every place the settings schema can hold a value, as [path, kind]: the schema itself, walked. */
function places(schema: z.ZodType, path: string[] = []): [string, string][] {
  const d = def(schema);
  switch (d.type) {
    case 'object': {
      // An object that keeps unknown keys would be a place for anything.
      if (d.catchall) return [[path.join('.'), 'object with a catchall']];
      return Object.entries(d.shape!).flatMap(([key, inner]) => places(inner, [...path, key]));
    }
    case 'optional': case 'default': case 'nullable': case 'readonly':
      return places(d.innerType!, path);
    case 'record': {
      // Only records keyed by a closed list (notification types): a free-form key is a free-form place.
      const keys = def(d.keyType!);
      if (keys.type !== 'enum') return [[path.join('.'), `record keyed by ${keys.type}`]];
      return Object.keys(keys.entries!).flatMap((key) => places(d.valueType!, [...path, key]));
    }
    case 'array':
      return places(d.element!, [...path, '[]']);
    default:
      return [[path.join('.'), d.type]];
  }
}

describe('settings: no place for a secret', () => {
  const all = places(configSchema);

  it('has only the places a reviewer agreed to, each of a plain type', () => {
    expect(all.map(([path]) => path)).toContain('clientId');
    expect(all.map(([path]) => path)).toContain('templates.praise.ja');
    // Nothing open-ended: no any/unknown, no free-form record, no object keeping unknown keys.
    expect(all.filter(([, kind]) => !['string', 'number', 'boolean', 'enum'].includes(kind))).toEqual([]);
    expect(Object.keys(def(configSchema).shape!).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('has no field whose name says secret, token, password or key', () => {
    const named = all.filter(([path]) => path.split('.').some((part) => /secret|token|password|passwd|credential|api.?key|private/i.test(part)));
    expect(named).toEqual([]);
  });

  it('drops a secret smuggled in under any name, at any depth', () => {
    const config = parseConfig({
      clientId: 'id', clientSecret: 's3cret', refreshToken: 'r', account: { accountId: 1, name: 'n', chatworkId: 'c', token: 't' },
      templates: {}, calendar: undefined,
    }, 'test');
    expect(JSON.stringify(config)).not.toMatch(/s3cret|"r"|"t"/);
    expect(config).toEqual({ clientId: 'id', account: { accountId: 1, name: 'n', chatworkId: 'c' }, templates: {}, messageLang: 'ja' });
  });
});
