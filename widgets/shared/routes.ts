import type { ExtractSchema } from 'hono/types';
import type { MarkdownTree } from '../../shared/markdown/tree.ts';
import type { AppType, DemoSchema } from '../../api/app.ts';

/**
 * Every route of the API as Hono infers it from the routes' own zod declarations (types only: no
 * byte of it reaches a page). A path, a parameter or an answer's field renamed on the server
 * breaks the type check of the widget that uses it.
 */
export type Routes = ExtractSchema<AppType> & DemoSchema;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Verb<M extends Method> = `$${Lowercase<M>}`;

/** The paths that answer `method` (a union of methods: the paths that answer each of them). */
export type PathOf<M extends Method> = {
  [P in keyof Routes]: Verb<M> extends keyof Routes[P] ? P : never;
}[keyof Routes] &
  string;

type Endpoint<M extends Method, P> = P extends keyof Routes ? (Routes[P] extends infer R ? (Verb<M> extends keyof R ? R[Verb<M>] : never) : never) : never;
type Input<M extends Method, P> = Endpoint<M, P> extends { input: infer I } ? I : never;
type Part<I, K extends string> = I extends { [key in K]: infer V } ? V : unknown;

/**
 * What a route takes in its URL, in one object: the path's parameters (`:id`), filled in by the
 * client, and its query.
 */
export type QueryOf<M extends Method, P> = Part<Input<M, P>, 'param'> & Absent<Part<Input<M, P>, 'query'>>;
/** A parameter left out may also be null: the client sends neither. */
type Absent<Q> = { [K in keyof Q]: undefined extends Q[K] ? Q[K] | null : Q[K] };
export type BodyOf<M extends Method, P> = Part<Input<M, P>, 'json'>;
/**
 * Hono types an answer as its JSON (JSONParsed), which cannot follow a recursive type: where the
 * markdown tree, the API's one recursive shape, nests, it gives up with JSONValue. The tree is JSON
 * already, so the answer takes it back whole.
 */
type WithTrees<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends ReadonlyArray<infer Item>
    ? [Item] extends [{ t: MarkdownTree[number]['t'] }]
      ? MarkdownTree
      : WithTrees<Item>[]
    : string extends keyof T
      ? T // a JSON object of any keys (the export's contents): no tree in it
      : { [K in keyof T]: WithTrees<T[K]> };

/** The answer when it succeeds; failures arrive as ApiError. */
export type AnswerOf<M extends Method, P> = WithTrees<Extract<Endpoint<M, P>, { status: 200 | 201 | 204 }> extends { output: infer O } ? O : never>;

/** Optional when nothing in it is required. */
export type OptionalIfEmpty<T> = {} extends T ? [value?: T] : [value: T];
