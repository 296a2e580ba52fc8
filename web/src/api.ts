/**
 * The JSON API through the session cookie; every change carries the session's CSRF token (kept in
 * memory only). Typed by path from web/src/api-types.ts (generated from the OpenAPI document):
 * `get(\`/api/persons/${id}\`)` answers the type of GET /api/persons/{id}, a path the API does not
 * have does not compile, and the query object is the route's query schema.
 */
import type { paths } from './api-types';
import { has, t } from './i18n.js';

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export const setCsrfToken = (token: string | null): void => { csrfToken = token; };
export const setUnauthorizedHandler = (fn: () => void): void => { onUnauthorized = fn; };

interface ErrorBody { message?: string; error?: string }

/** Codes whose API message names the file, row, column or field at fault: shown after the translated sentence. */
const DETAILED = new Set(['validation', 'invalid_payroll_file', 'invalid_file', 'invalid_comparison_file', 'file_too_large', 'unsupported_media_type', 'unsupported_document_type', 'period_order', 'import_running']);

/** The API's answer in the user's language (web/i18n `error.<code>`); the API's own words when the code has no text. */
function errorText(status: number, body: ErrorBody | null): string {
  const code = body?.error;
  if (!code || !has(`error.${code}`)) return body?.message || `HTTP ${status}`;
  return DETAILED.has(code) && body?.message ? `${t(`error.${code}`)} (${body.message})` : t(`error.${code}`);
}

export class ApiError extends Error {
  readonly status: number;
  /** The API's machine-readable reason (e.g. `totp_required`), when it gave one. */
  readonly code: string | null;
  readonly body: unknown;
  constructor(status: number, body: ErrorBody | null) {
    super(errorText(status, body));
    this.status = status;
    this.code = body?.error ?? null;
    this.body = body;
  }
}

/** A caught value's message (an Error's, else the value as text), for the alert line. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Path = keyof paths;
/** `/api/persons/{id}` → `/api/persons/${string}`: what a call's template literal must match. */
type Pattern<P extends string> = P extends `${infer A}{${string}}${infer B}` ? `${A}${string}${Pattern<B>}` : P;
type Op<P extends Path, M extends Method> = NonNullable<paths[P][M]>;
type PathsOf<M extends Method> = { [P in Path]: [Op<P, M>] extends [never] ? never : P }[Path];
/** The API path a call's path stands for: matching both ways, so /a/{id} never stands for /a/{id}/b. */
type Route<M extends Method, A extends string> = { [P in PathsOf<M>]: A extends Pattern<P> ? (Pattern<P> extends A ? P : never) : never }[PathsOf<M>];
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : null;
type Ok<O> = O extends { responses: infer R } ? (200 extends keyof R ? Json<R[200]> : 201 extends keyof R ? Json<R[201]> : 202 extends keyof R ? Json<R[202]> : 204 extends keyof R ? null : unknown) : never;

/** What a call of `method` on `path` answers, e.g. `Answer<'get', '/api/persons/{id}'>`. */
export type Answer<M extends Method, P extends Path> = Ok<Op<P, M>>;
type Query<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [never] ? undefined : Q) : undefined;
type Body<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B
  : O extends { requestBody?: { content: { 'application/json': infer B } } } ? B | undefined : unknown;
/** What a call of `method` on `path` sends as its JSON body, e.g. `Sent<'post', '/api/employers/{id}/benefit-types'>`. */
export type Sent<M extends Method, P extends Path> = Body<Op<P, M>>;
/** The query of a GET, e.g. `Params<'/api/tasks'>['status']` (for a filter read from the address). */
export type Params<P extends PathsOf<'get'>> = NonNullable<Query<Op<P, 'get'>>>;
/** Any path of a method, as the calls write it (with `${id}` where the API has `{id}`). */
export type ApiPath<M extends Method> = Pattern<PathsOf<M>>;

interface Options { silent401?: boolean }

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function request(method: string, path: string, body: unknown, { silent401 = false }: Options = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : null; } catch { json = { message: text }; }
  if (res.status === 401 && !silent401) onUnauthorized();
  if (!res.ok) throw new ApiError(res.status, json as ErrorBody | null);
  return json;
}

/** A query string from the set values of an object. */
export function qs(params: object | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const get = <A extends ApiPath<'get'>>(path: A, query?: Query<Op<Route<'get', A>, 'get'>>, opts?: Options) =>
  request('GET', path + qs(query), undefined, opts) as Promise<Answer<'get', Route<'get', A>>>;

export const post = <A extends ApiPath<'post'>>(path: A, body?: Body<Op<Route<'post', A>, 'post'>> | FormData, opts?: Options & { query?: Query<Op<Route<'post', A>, 'post'>> }) =>
  request('POST', path + qs(opts?.query), body instanceof FormData ? body : body ?? {}, opts) as Promise<Answer<'post', Route<'post', A>>>;

export const put = <A extends ApiPath<'put'>>(path: A, body: Body<Op<Route<'put', A>, 'put'>> | FormData, opts?: Options & { query?: Query<Op<Route<'put', A>, 'put'>> }) =>
  request('PUT', path + qs(opts?.query), body, opts) as Promise<Answer<'put', Route<'put', A>>>;

export const patch = <A extends ApiPath<'patch'>>(path: A, body: Body<Op<Route<'patch', A>, 'patch'>>, opts?: Options) =>
  request('PATCH', path, body, opts) as Promise<Answer<'patch', Route<'patch', A>>>;

export const del = <A extends ApiPath<'delete'>>(path: A, opts?: Options) =>
  request('DELETE', path, undefined, opts) as Promise<Answer<'delete', Route<'delete', A>>>;
