import { createRequire } from 'node:module';

/**
 * Linear-time query execution for the embedded server (ADR 0012). @zeit/cosmosdb-query 0.7,
 * which @vercel/cosmosdb-server runs every query with, is quadratic in the container's size: the
 * code it generates for `FROM c` gathers the documents with `reduce(($, c) => [...$, { c }], [])`,
 * a copy of the whole array per document, and it strips `undefined` from each result array the
 * same way. With the demo year and a 10,000-row workbook stored, one query took seconds and an
 * annual summary 26 s (docs/benchmarks.md). The gathering appends in place instead — the same
 * results, since each accumulator is a fresh array of its own — results are copied only when
 * they hold something to strip, ARRAY_CONTAINS of a string is `includes`, and each query's
 * generated function is compiled once instead of per execution.
 *
 * Only the embedded server is affected: the store's code and its queries are the same against
 * Azure Cosmos DB, which never runs this module.
 */
interface Executor {
  default: (collection: unknown, options: ExecOptions) => unknown;
}
interface ExecOptions {
  code: string;
  parameters?: { name: string; value: unknown }[];
  udf?: Record<string, unknown>;
  maxItemCount?: number;
  continuation?: unknown;
  compositeIndexes?: unknown;
}
interface Helpers {
  stripUndefined: (value: unknown) => unknown;
}
type Compiled = (...args: unknown[]) => unknown;
interface BuiltinFunctions {
  ARRAY_CONTAINS: (...args: unknown[]) => unknown;
}

/** `[...$, { c: c }] : $, [])` — the document gathering of a FROM clause, alias `c` or any. */
const GATHER = /\[\.\.\.\$, (\{\s*([A-Za-z_$][\w$]*): \2\s*\})\] : \$, \[\]\)/g;

/** The library's generated code for one query, with its document gathering made linear. */
export function linearCode(code: string): string {
  return code.replace(GATHER, '($.push($1), $) : $, [])');
}

let applied = false;

/** Idempotent; call before the embedded server answers its first query. */
export function makeEmbeddedQueriesLinear(): void {
  if (applied) return;
  const fromServer = createRequire(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server'));
  const executor = fromServer('@zeit/cosmosdb-query/lib/executor') as Executor;
  const helpers = fromServer('@zeit/cosmosdb-query/lib/helpers') as Helpers;
  const aggregateFunctions: unknown = fromServer('@zeit/cosmosdb-query/lib/aggregate-functions');
  const builtinFunctions = fromServer('@zeit/cosmosdb-query/lib/builtin-functions') as BuiltinFunctions;

  const compiled = new Map<string, Compiled>();
  executor.default = (
    collection,
    { code, parameters, udf = {}, maxItemCount, continuation, compositeIndexes },
  ) => {
    let execute = compiled.get(code);
    if (!execute) {
      const linear = linearCode(code);
      // The same construction as the library's executor, on its own generated code.
      execute = new Function(`"use strict";return (${linear})`)() as Compiled;
      compiled.set(code, execute);
    }
    const params: Record<string, unknown> = {};
    for (const { name, value } of parameters ?? []) params[name.slice(1)] = value;
    return execute(
      aggregateFunctions,
      builtinFunctions,
      collection,
      helpers,
      udf,
      params,
      maxItemCount,
      continuation,
      compositeIndexes,
    );
  };

  // JSON drops an object's undefined members by itself; only arrays holding undefined need
  // a copy (the library's reason for stripping). Results are serialized at once and never
  // changed, so a value with nothing to strip is answered as it is.
  const holdsUndefined = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some((v) => v === undefined || holdsUndefined(v));
    if (value && typeof value === 'object') {
      for (const k in value) if (holdsUndefined((value as Record<string, unknown>)[k])) return true;
    }
    return false;
  };
  const strip = (value: unknown): unknown => {
    if (!holdsUndefined(value)) return value;
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(strip);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) if (v !== undefined) out[k] = strip(v);
    return out;
  };
  helpers.stripUndefined = strip;

  // ARRAY_CONTAINS(@ids, c.id) compares deeply through a type-checking wrapper, for every
  // element and every document; for a string looked up in an array, deep equality is `===`.
  const arrayContains = builtinFunctions.ARRAY_CONTAINS;
  builtinFunctions.ARRAY_CONTAINS = (...args: unknown[]): unknown => {
    const [array, value] = args;
    if (args.length === 2 && Array.isArray(array) && typeof value === 'string') return array.includes(value);
    return arrayContains(...args);
  };
  applied = true;
}

interface BatchHandler {
  default: (
    account: unknown,
    req: { headers: Record<string, unknown> },
    res: unknown,
    params: unknown,
  ) => Promise<unknown>;
}

let minimal = false;

/**
 * Bulk writes answered without each document's body when the client asks with
 * `Prefer: return=minimal` (`contentResponseOnWriteEnabled: false`), as Azure Cosmos DB
 * answers them (issue 17: reading back every written document was a tenth of a push's CPU in
 * the host). The embedded server ignores the header; its batch handler is wrapped, before the
 * server builds its route table, to drop the bodies it would send. Idempotent.
 */
export function honourMinimalWriteResponses(): void {
  if (minimal) return;
  const fromServer = createRequire(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server'));
  const handler = fromServer('./handler/batch-documents') as BatchHandler;
  const answer = handler.default;
  handler.default = async (account, req, res, params) => {
    const out = await answer(account, req, res, params);
    if (req.headers.prefer === 'return=minimal' && Array.isArray(out))
      for (const item of out as { resourceBody?: unknown }[]) delete item.resourceBody;
    return out;
  };
  minimal = true;
}
