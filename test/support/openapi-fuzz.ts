import fc from 'fast-check';

/**
 * Requests made from an OpenAPI 3.1 document, for the fuzz of every route (test/api/openapi-fuzz):
 * well-formed ones (values the document allows, drawn from the ids the test created where it names
 * ids), and malformed ones — the same request with exactly one part that the document (or the
 * API's rules for all text) forbids:
 *
 * - a string holding a NUL or a lone UTF-16 surrogate; in the address, a NUL, a malformed
 *   percent-escape or escaped bytes that are not UTF-8;
 * - a value of a JSON type the schema does not allow (a number for a string, an object for a list…);
 * - a string outside its enum, against its pattern, longer than maxLength or shorter than minLength;
 *   a number outside minimum/maximum, a fraction where an integer is wanted; a list with more than
 *   maxItems or fewer than minItems;
 * - a field the schema does not know in an object with additionalProperties: false; a required
 *   field missing; a query parameter the operation does not take.
 *
 * A malformed request must be refused (4xx); no request may get a 5xx or an error that is not JSON.
 */
export type Schema = Record<string, any>;

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }[];
  body: Schema | null;
}

export interface FuzzRequest {
  path: Record<string, string>;
  query: [string, string][];
  /** Query text written as is (broken escapes), after the encoded parameters. */
  rawQuery: string;
  /** Path parameters written as is in the URL (broken escapes), instead of encoded. */
  rawPath: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface Case {
  request: FuzzRequest;
  /** What is wrong with it, or null for a well-formed request. */
  malformed: string | null;
}

/** Values the document calls ids, slugs, URLs…, from what the test created. */
export interface Pools {
  uuid: string[];
  slug: string[];
  text: string[];
}

export function operationsOf(doc: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      operations.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body });
    }
  }
  return operations;
}

const typesOf = (schema: Schema): Set<string> => {
  if (schema.anyOf || schema.oneOf) return new Set([...(schema.anyOf ?? schema.oneOf)].flatMap((s: Schema) => [...typesOf(s)]));
  if (schema.enum) return new Set(schema.enum.map((v: unknown) => (v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v)));
  const type = schema.type;
  if (type === undefined) return new Set(['any']);
  const list: string[] = Array.isArray(type) ? type : [type];
  return new Set(list.flatMap((t) => (t === 'integer' ? ['integer', 'number'] : [t])));
};

export class RequestArbitraries {
  constructor(
    private readonly doc: Schema,
    private readonly pools: Pools,
  ) {}

  private resolve(schema: Schema): Schema {
    if (!schema.$ref) return schema;
    return this.resolve(this.doc.components.schemas[String(schema.$ref).split('/').pop()!]);
  }

  /** A value the schema allows (small, and from the pools where the schema names ids). */
  value(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants) return fc.oneof(...variants.map((s: Schema) => this.value(s, depth)));
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if ('const' in schema) return fc.constant(schema.const);
    const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const nonNull = types.filter((t) => t !== 'null');
    const arbitrary = this.ofType(nonNull[0], schema, depth);
    return types.includes('null') ? fc.option(arbitrary, { nil: null, freq: 4 }) : arbitrary;
  }

  private ofType(type: string | undefined, schema: Schema, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'string':
        return this.string(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 500, 10_000) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 500, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const min = schema.minItems ?? 0;
        return fc.array(this.value(schema.items ?? {}, depth + 1), { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 4, 4)) });
      }
      case 'object': {
        if (depth > 3 || !schema.properties) return fc.constant({});
        const model = Object.fromEntries(Object.entries<Schema>(schema.properties).map(([key, s]) => [key, this.value(s, depth + 1)]));
        return fc.record(model, { requiredKeys: schema.required ?? [] });
      }
      default:
        return fc.oneof(fc.constantFrom(...this.pools.text), fc.integer(), fc.boolean());
    }
  }

  private string(schema: Schema): fc.Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = Math.min(schema.maxLength ?? 60, 60);
    const fits = (value: string) => value.length >= min && value.length <= (schema.maxLength ?? Infinity) && (!schema.pattern || new RegExp(schema.pattern).test(value));
    if (schema.format === 'uuid') return fc.constantFrom(...this.pools.uuid);
    if (schema.format === 'uri') return fc.constantFrom('https://intranet.example.com/actu/1', 'http://intra.example.com/rh?b=2&a=1#x');
    if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    if (schema.pattern === '^[a-z0-9][a-z0-9-]{1,62}$') return fc.constantFrom(...this.pools.slug);
    const repeatedClass = schema.pattern && /^\^(\[[^\]]+\])[+*]\$$/.exec(schema.pattern);
    if (repeatedClass) {
      // "^[…]+$" with a length: characters of the class, as many as the lengths ask (filtering
      // stringMatching's short strings would hardly ever reach a minLength of 16).
      const unit = fc.stringMatching(new RegExp(`^${repeatedClass[1]}$`));
      return fc.string({ unit, minLength: Math.max(min, 1), maxLength: Math.max(min, 1, max) });
    }
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
    const pooled = this.pools.text.filter(fits);
    const generated = fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, max) });
    return pooled.length ? fc.oneof({ arbitrary: fc.constantFrom(...pooled), weight: 3 }, { arbitrary: generated, weight: 1 }) : generated;
  }

  /** A well-formed request: every required part, some optional ones. */
  request(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const param = (p: Operation['parameters'][number]) => {
      const value = this.value(p.schema).map((v) => (Array.isArray(v) ? v.map(String) : [String(v)]));
      return p.required || p.in === 'path' ? value : fc.option(value, { nil: undefined });
    };
    const params = fc.tuple(...operation.parameters.map(param));
    const body = operation.body ? this.value(operation.body) : fc.constant(undefined);
    return fc.tuple(params, body).map(([values, body]) => {
      const request: FuzzRequest = { path: {}, query: [], rawQuery: '', rawPath: {}, headers: {}, body };
      operation.parameters.forEach((p, i) => {
        const value = values[i];
        if (value === undefined) return;
        if (p.in === 'path') request.path[p.name] = value[0] ?? '';
        else if (p.in === 'query') for (const v of value) request.query.push([p.name, v]);
        else request.headers[p.name] = value[0] ?? '';
      });
      return request;
    });
  }

  /** Every way the document lets us break one part of the operation's requests, each certain to be wrong. */
  mutations(operation: Operation): { what: string; apply(request: FuzzRequest): void }[] {
    const mutations: { what: string; apply(request: FuzzRequest): void }[] = [];
    for (const p of operation.parameters) {
      const schema = this.resolve(p.schema);
      const set = (value: string) => (request: FuzzRequest) => {
        if (p.in === 'path') request.path[p.name] = value;
        else if (p.in === 'query') request.query = [...request.query.filter(([name]) => name !== p.name), [p.name, value]];
        else request.headers[p.name] = value;
      };
      const raw = (escaped: string) => (request: FuzzRequest) => {
        if (p.in === 'path') request.rawPath[p.name] = escaped;
        else {
          request.query = request.query.filter(([name]) => name !== p.name);
          request.rawQuery += `&${p.name}=${escaped}`;
        }
      };
      if (p.in !== 'header') {
        mutations.push({ what: `${p.in} ${p.name}: a NUL character`, apply: raw('a%00b') });
        mutations.push({ what: `${p.in} ${p.name}: a malformed percent-escape`, apply: raw('%E0%A4%A') });
        mutations.push({ what: `${p.in} ${p.name}: escaped bytes that are not UTF-8`, apply: raw('%ED%A0%80') });
      }
      for (const [what, value] of this.stringViolations(schema)) mutations.push({ what: `${p.in} ${p.name}: ${what}`, apply: set(value) });
      const types = typesOf(schema);
      if (types.has('integer') && !types.has('string')) {
        mutations.push({ what: `${p.in} ${p.name}: not a number`, apply: set('twelve') });
        mutations.push({ what: `${p.in} ${p.name}: a fraction`, apply: set('1.5') });
        if (schema.maximum !== undefined) mutations.push({ what: `${p.in} ${p.name}: over its maximum`, apply: set(String(schema.maximum + 1)) });
        if (schema.minimum !== undefined) mutations.push({ what: `${p.in} ${p.name}: under its minimum`, apply: set(String(schema.minimum - 1)) });
      }
    }
    mutations.push({
      what: 'a query parameter the operation does not take',
      apply: (request) => request.query.push(['unexpectedParameter', '1']),
    });
    if (operation.body) this.bodyMutations(this.resolve(operation.body), [], mutations, 0);
    return mutations;
  }

  /** Strings the schema refuses, as (what, value); none for schemas whose text they might still fit. */
  private stringViolations(schema: Schema): [string, string][] {
    if (schema.anyOf || schema.oneOf) return [];
    const violations: [string, string][] = [];
    if (schema.enum) violations.push(['a value outside its enum', 'not-one-of-them']);
    if (schema.format === 'uuid') violations.push(['not a UUID', 'not-a-uuid']);
    // An inner space: a header keeps it (HTTP trims only the ends).
    if (schema.pattern && !new RegExp(schema.pattern).test('a b!')) violations.push(['against its pattern', 'a b!']);
    if (schema.maxLength !== undefined && schema.maxLength <= 5000) violations.push(['longer than maxLength', 'x'.repeat(schema.maxLength + 1)]);
    if (schema.minLength) violations.push(['shorter than minLength', '']);
    return violations;
  }

  private bodyMutations(schema: Schema, at: string[], mutations: { what: string; apply(request: FuzzRequest): void }[], depth: number) {
    const where = at.length ? `body.${at.join('.')}` : 'body';
    const put = (value: unknown) => (request: FuzzRequest) => {
      request.body = setAt(request.body, at, value);
    };
    const types = typesOf(schema);
    if (!types.has('any')) {
      const wrong: [string, unknown][] = [
        ['string', 'some text'],
        ['number', 12.5],
        ['boolean', true],
        ['object', { some: 'thing' }],
        ['array', ['x']],
        ['null', null],
      ];
      for (const [type, value] of wrong) {
        if (types.has(type) || (type === 'number' && types.has('integer'))) continue;
        mutations.push({ what: `${where}: a ${type} instead of ${[...types].join(' or ')}`, apply: put(value) });
      }
    }
    if (types.has('string') && !schema.enum && !schema.anyOf) {
      mutations.push({ what: `${where}: a NUL character`, apply: put('a\u0000b') });
      mutations.push({ what: `${where}: a lone surrogate`, apply: put('caf\ud800') });
    }
    if (types.has('string')) for (const [what, value] of this.stringViolations(schema)) mutations.push({ what: `${where}: ${what}`, apply: put(value) });
    if (types.has('number') && !schema.enum) {
      if (schema.maximum !== undefined) mutations.push({ what: `${where}: over its maximum`, apply: put(schema.maximum + 1) });
      if (schema.minimum !== undefined) mutations.push({ what: `${where}: under its minimum`, apply: put(schema.minimum - 1) });
      if ([schema.type].flat().includes('integer')) mutations.push({ what: `${where}: a fraction`, apply: put(1.5) });
    }
    if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))) {
      if (schema.maxItems !== undefined && schema.maxItems <= 1000) {
        mutations.push({ what: `${where}: more than maxItems`, apply: put(Array.from({ length: schema.maxItems + 1 }, (_, i) => `item-${i}`)) });
      }
      if (schema.minItems) mutations.push({ what: `${where}: fewer than minItems`, apply: put([]) });
      if (schema.items && depth < 3) this.bodyMutations(this.resolve(schema.items), [...at, '0'], mutations, depth + 1);
    }
    if (schema.properties && depth < 3) {
      if (schema.additionalProperties === false) {
        mutations.push({ what: `${where}: a field it does not know`, apply: (request) => void (request.body = setAt(request.body, [...at, 'unexpectedField'], 1)) });
      }
      for (const key of schema.required ?? []) {
        mutations.push({ what: `${where}: without its required ${key}`, apply: (request) => void (request.body = removeAt(request.body, [...at, key])) });
      }
      for (const [key, property] of Object.entries<Schema>(schema.properties)) this.bodyMutations(this.resolve(property), [...at, key], mutations, depth + 1);
    }
  }
}

/** A copy of value with `at` set, creating the objects and lists on the way. */
function setAt(value: unknown, at: string[], leaf: unknown): unknown {
  if (!at.length) return leaf;
  const [key, ...rest] = at as [string, ...string[]];
  if (/^\d+$/.test(key)) {
    const list = Array.isArray(value) ? [...value] : [];
    list[Number(key)] = setAt(list[Number(key)], rest, leaf);
    return list;
  }
  const object = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object) } : {};
  (object as Record<string, unknown>)[key] = setAt((object as Record<string, unknown>)[key], rest, leaf);
  return object;
}

function removeAt(value: unknown, at: string[]): unknown {
  if (!value || typeof value !== 'object') return at.length === 1 ? {} : setAt(value, at.slice(0, -1), {});
  const [key, ...rest] = at as [string, ...string[]];
  if (!rest.length) {
    const copy = { ...(value as Record<string, unknown>) };
    delete copy[key];
    return copy;
  }
  return { ...(value as object), [key]: removeAt((value as Record<string, unknown>)[key], rest) };
}

/** The URL of a request: path parameters encoded (or written raw), then the query. */
export function urlOf(operation: Operation, request: FuzzRequest): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => request.rawPath[name] ?? encodeURIComponent(request.path[name] ?? 'x'));
  const query = request.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&') + request.rawQuery;
  return query ? `${path}?${query.replace(/^&/, '')}` : path;
}

/** Cases for one operation: about a third well-formed, the rest with one mutation each. */
export function casesOf(arbitraries: RequestArbitraries, operation: Operation): fc.Arbitrary<Case> {
  const mutations = arbitraries.mutations(operation);
  const base = arbitraries.request(operation);
  const wellFormed = base.map((request): Case => ({ request, malformed: null }));
  const malformed = fc.tuple(base, fc.integer({ min: 0, max: mutations.length - 1 })).map(([request, index]): Case => {
    const copy: FuzzRequest = structuredClone(request);
    mutations[index]!.apply(copy);
    return { request: copy, malformed: mutations[index]!.what };
  });
  return fc.oneof({ arbitrary: wellFormed, weight: 1 }, { arbitrary: malformed, weight: 2 });
}
