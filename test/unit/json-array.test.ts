import { describe, expect, it } from 'vitest';
import { jsonArrayElements, jsonArrayStream, parsedElements } from '../../src/io/json-array.js';

const elementsOf = (source: string | Uint8Array) => {
  const found = jsonArrayElements(source);
  return found && [...parsedElements(source, found)];
};

describe('JSON array elements, one at a time', () => {
  const values = [{ a: 1, n: '山田 "x" \\ ] }' }, 2, 's,]', null, [1, [2]], { b: { c: [] } }, true, -1.5e3, ''];

  it('finds every element of a well-formed array, in text and in UTF-8 bytes', () => {
    const text = JSON.stringify(values, null, 2);
    expect(elementsOf(text)).toEqual(values);
    expect(elementsOf(new TextEncoder().encode(text))).toEqual(values);
    expect(elementsOf(JSON.stringify(values))).toEqual(values);
  });

  it('gives the line each element starts on', () => {
    expect(jsonArrayElements('[\n  {"a": "x\\ny"},\n  {"b": [\n1]},\n\n  3\n]')?.lines).toEqual([2, 3, 6]);
  });

  it('takes empty arrays and surrounding space', () => {
    expect(elementsOf('[]')).toEqual([]);
    expect(elementsOf(' \r\n[ ]\n')).toEqual([]);
  });

  it('refuses what is not one well-formed array, so that the caller parses it whole for the error', () => {
    for (const bad of ['', '{}', '{1]', '[1,]', '[,1]', '[1 2]', '[1 23]', '[1] x', '[1', '["a]', '[{"a": 1}', '[1,,2]', '["a"b]', '[1"a"]', '[1{}]', '[{"a":1}x]', '[[1]x]']) {
      expect(jsonArrayElements(bad), bad).toBeUndefined();
    }
  });

  it('knows escapes inside strings: a quote, a backslash, a bracket or a comma there is text', () => {
    expect(elementsOf('[""]')).toEqual(['']);
    expect(elementsOf('["\\\\", 1]')).toEqual(['\\', 1]);
    expect(elementsOf('["a\\",b"]')).toEqual(['a",b']);
    expect(elementsOf('[{"k": "}]\\""}, 2]')).toEqual([{ k: '}]"' }, 2]);
    expect(jsonArrayElements('["a\\",b", 7]')?.starts).toEqual([1, 10]);
  });

  it('leaves an element malformed inside to JSON.parse, which throws', () => {
    const text = '[{"a": 1}, {"b": tru}]';
    const found = jsonArrayElements(text)!;
    expect(() => [...parsedElements(text, found)]).toThrow(SyntaxError);
  });
});

describe('a JSON array arriving in chunks', () => {
  const values = [{ a: 1, n: '山田 "x" \\ ] }' }, 2, 's,]', null, [1, [2]], { b: { c: [] } }, true, -1.5e3, ''];
  const streamed = (bytes: Uint8Array, size: number) => {
    const seen: unknown[] = [];
    const stream = jsonArrayStream((value) => seen.push(value));
    for (let i = 0; i < bytes.length; i += size) stream.push(bytes.subarray(i, i + size));
    return { seen, complete: stream.end() };
  };

  it('hands on every element whatever the chunk size, a multi-byte character split or not', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(values, null, 1));
    for (const size of [1, 2, 3, 7, 64, bytes.length]) expect(streamed(bytes, size), `chunks of ${size}`).toEqual({ seen: values, complete: true });
  });

  it('says when the bytes were cut short or are not one array', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(values));
    expect(streamed(bytes.subarray(0, bytes.length - 1), 5).complete).toBe(false);
    expect(streamed(new TextEncoder().encode('[1,2,tr'), 2).complete).toBe(false);
    expect(streamed(new TextEncoder().encode('{"a": 1}'), 2).complete).toBe(false);
    expect(streamed(new TextEncoder().encode('[1,]'), 1).complete).toBe(false);
  });
});
