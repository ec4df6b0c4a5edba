/**
 * Validates request and response bodies against the official OpenAI OpenAPI spec
 * (/work/shared/openai/openapi.yaml, 3 MB of YAML).
 *
 * Speed: parsing the YAML takes ~1.5 s, so the parsed document is cached as JSON in
 * the OS temp dir, keyed by the YAML's sha256 (~50 ms to load afterwards). Nothing is
 * loaded until the first validation, and every schema is compiled by Ajv on first use
 * and cached (CreateResponse ~0.4 s, most others < 0.1 s). `specLoadStats()` reports it.
 *
 * The spec snapshot (2026-08) is older than `openai` SDK v7 and, in one place, differs
 * from what the live API sends. Each relaxation applied to the loaded document is listed
 * in SPEC_RELAXATIONS below; keep that list in sync with `relaxSpec`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

export const OPENAPI_SPEC_PATH = '/work/shared/openai/openapi.yaml';

/** What was loosened in the spec before validating, and why. */
export const SPEC_RELAXATIONS: readonly string[] = [
  'additionalProperties:false is dropped everywhere: SDK v7 (2026-11) sends and the API returns fields the 2026-08 spec lacks.',
  'ResponseErrorEvent also accepts the live shape {type:"error", error:{type,code,message,param}, sequence_number} recorded in fixtures/vercel-ai/openai-error.1.chunks.txt (the spec documents flat code/message/param).',
  'Boolean `nullable` (OpenAPI 3.0 leftovers, e.g. in moderation schemas) becomes a "null" entry in `type` (or is dropped when there is no `type`), since Ajv rejects `nullable` without `type`.',
  'Custom formats "unixtime" (integer seconds) and "binary" (multipart file) are accepted as-is; unknown keywords (x-oaiMeta, discriminator, example) are ignored (Ajv strict:false).',
  'ModelResponseProperties.user also accepts null: the live API sends "user": null in every Response (all recordings).',
  'Response.usage also accepts null: response.created/in_progress/failed carry "usage": null in every live recording.',
  'ResponseErrorCode accepts any string: the live response.failed carries "insufficient_quota", absent from the enum.',
  'InputItem is an anyOf, not a oneOf: a message whose content is a list of parts (an input_image with input_text) is both an EasyInputMessage and an InputMessage, which the spec tells apart only by its `discriminator`, a keyword Ajv does not apply.',
  'Query-string variants of paths ("/responses?beta=true") are ignored; the plain path is used.',
];

const SPEC_ID = 'openapi';
const RELAXATIONS_VERSION = 2;
type JsonObject = Record<string, unknown>;

export interface SpecCheck {
  /** True when the body matched, or when the spec has no schema for it (see `checked`). */
  valid: boolean;
  /** False when the spec documents no schema for this method/path/status. */
  checked: boolean;
  /** Short, human-readable Ajv errors (at most 8). */
  errors: string[];
  /** JSON pointer of the schema used, for messages. */
  schemaRef?: string;
  /** Raw Ajv errors, e.g. to find a missing required root property. */
  rawErrors?: ErrorObject[];
}

export interface SpecOperation {
  /** The spec's path template, e.g. "/conversations/{conversation_id}". */
  template: string;
  method: string;
  params: Record<string, string>;
  operation: JsonObject;
}

export interface SpecLoadStats {
  loadMs: number;
  fromCache: boolean;
  compiledSchemas: number;
}

interface LoadedSpec {
  doc: JsonObject;
  ajv: Ajv2020;
  templates: { template: string; segments: string[]; literalCount: number }[];
  validators: Map<string, ValidateFunction>;
  stats: SpecLoadStats;
}

let loaded: LoadedSpec | undefined;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readSpecDocument(): { doc: JsonObject; fromCache: boolean } {
  const yamlText = readFileSync(OPENAPI_SPEC_PATH, 'utf8');
  const digest = createHash('sha256').update(yamlText).digest('hex').slice(0, 16);
  // The cache holds the relaxed document; bump RELAXATIONS_VERSION when relaxSpec changes.
  const cachePath = join(tmpdir(), `aisle-openapi-${digest}-r${RELAXATIONS_VERSION}.json`);
  if (existsSync(cachePath)) {
    try {
      return { doc: JSON.parse(readFileSync(cachePath, 'utf8')) as JsonObject, fromCache: true };
    } catch {
      // A torn cache file from a crashed writer: fall through and re-parse.
    }
  }
  const doc = parseYaml(yamlText, { maxAliasCount: -1 }) as JsonObject;
  relaxSpec(doc);
  // Write-then-rename so parallel Jest workers never read a half-written cache.
  const tempPath = `${cachePath}.${process.pid}.tmp`;
  writeFileSync(tempPath, JSON.stringify(doc));
  renameSync(tempPath, cachePath);
  return { doc, fromCache: false };
}

/** Applies SPEC_RELAXATIONS in place. */
function relaxSpec(doc: JsonObject): void {
  const dropClosedObjects = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(dropClosedObjects);
      return;
    }
    if (!isObject(node)) return;
    if (node.additionalProperties === false) delete node.additionalProperties;
    // OpenAPI 3.0 leftovers: Ajv treats `nullable` as a keyword and rejects it without `type`.
    if (typeof node.nullable === 'boolean') {
      if (node.nullable && typeof node.type === 'string') node.type = [node.type, 'null'];
      delete node.nullable;
    }
    if (node.unevaluatedProperties === false) delete node.unevaluatedProperties;
    Object.values(node).forEach(dropClosedObjects);
  };
  dropClosedObjects(doc);

  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  const modelResponseProperties = (schemas.ModelResponseProperties as JsonObject).properties as JsonObject;
  modelResponseProperties.user = { anyOf: [modelResponseProperties.user, { type: 'null' }] };
  const responseProperties = ((schemas.Response as JsonObject).allOf as JsonObject[])[2]?.properties as JsonObject;
  responseProperties.usage = { anyOf: [responseProperties.usage, { type: 'null' }] };
  schemas.ResponseErrorCode = { type: 'string' };
  const inputItem = schemas.InputItem as JsonObject;
  inputItem.anyOf = inputItem.oneOf;
  delete inputItem.oneOf;
  const documentedErrorEvent = schemas.ResponseErrorEvent;
  schemas.ResponseErrorEvent = {
    anyOf: [
      documentedErrorEvent,
      {
        type: 'object',
        required: ['type', 'error', 'sequence_number'],
        properties: {
          type: { enum: ['error'] },
          sequence_number: { type: 'integer' },
          error: {
            type: 'object',
            required: ['message'],
            properties: {
              type: { type: 'string' },
              message: { type: 'string' },
              code: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              param: { anyOf: [{ type: 'string' }, { type: 'null' }] },
            },
          },
        },
      },
    ],
  };
}

function loadSpec(): LoadedSpec {
  if (loaded) return loaded;
  const started = performance.now();
  const { doc, fromCache } = readSpecDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: SPEC_ID, components: doc.components, paths: doc.paths });
  const templates = Object.keys(doc.paths as JsonObject)
    .filter((template) => !template.includes('?'))
    .map((template) => {
      const segments = template.split('/').filter(Boolean);
      return { template, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length };
    })
    // Prefer literal segments: "/responses/compact" before "/responses/{response_id}".
    .sort((a, b) => b.literalCount - a.literalCount);
  loaded = {
    doc,
    ajv,
    templates,
    validators: new Map(),
    stats: { loadMs: Math.round(performance.now() - started), fromCache, compiledSchemas: 0 },
  };
  return loaded;
}

/** Strips "/v1" and the query string: "/v1/files?x=1" -> "/files". */
export function toSpecPath(path: string): string {
  const withoutQuery = path.split('?')[0] ?? '';
  return withoutQuery.replace(/^\/v1(?=\/|$)/, '') || '/';
}

/** Matches "/conversations/conv_1" to the spec template and its operation for `method`. */
export function resolveSpecOperation(method: string, path: string): SpecOperation | undefined {
  const spec = loadSpec();
  const actual = toSpecPath(path).split('/').filter(Boolean);
  const lowerMethod = method.toLowerCase();
  for (const { template, segments } of spec.templates) {
    const params = matchSegments(segments, actual);
    if (!params) continue;
    const operation = ((spec.doc.paths as JsonObject)[template] as JsonObject)[lowerMethod];
    if (isObject(operation)) return { template, method: lowerMethod, params, operation };
  }
  return undefined;
}

/** Template segments ("{id}" is a parameter) against actual segments; undefined when no match. */
export function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const want = template[i] as string;
    const got = actual[i] as string;
    if (want.startsWith('{') && want.endsWith('}')) params[want.slice(1, -1)] = decodeURIComponent(got);
    else if (want !== got) return undefined;
  }
  return params;
}

function pointer(...tokens: string[]): string {
  return tokens.map((t) => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

/** Compiles on first use and caches. */
function validatorFor(ref: string): ValidateFunction {
  const spec = loadSpec();
  let validate = spec.validators.get(ref);
  if (!validate) {
    validate = spec.ajv.compile({ $ref: ref });
    spec.validators.set(ref, validate);
    spec.stats.compiledSchemas += 1;
  }
  return validate;
}

function summarize(errors: ErrorObject[]): string[] {
  return errors.slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} (${e.schemaPath})`);
}

function runCheck(ref: string, body: unknown): SpecCheck {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(ref);
  } catch (error) {
    // A schema Ajv cannot compile is a spec problem to report, not a reason to crash the caller.
    return { valid: false, checked: false, errors: [`could not compile ${ref}: ${(error as Error).message}`], schemaRef: ref };
  }
  const valid = validate(body) as boolean;
  const rawErrors = validate.errors ?? [];
  return {
    valid,
    checked: true,
    errors: valid ? [] : summarize(rawErrors),
    schemaRef: ref,
    rawErrors: valid ? [] : [...rawErrors],
  };
}

function unchecked(): SpecCheck {
  return { valid: true, checked: false, errors: [] };
}

/** Validates a request body (JSON, or multipart fields as an object) for `method path`. */
export function validateRequestBody(method: string, path: string, body: unknown, contentType = 'application/json'): SpecCheck {
  const resolved = resolveSpecOperation(method, path);
  const content = resolved && isObject(resolved.operation.requestBody) ? resolved.operation.requestBody.content : undefined;
  if (!resolved || !isObject(content) || !isObject(content[contentType])) return unchecked();
  const ref = `${SPEC_ID}#/${pointer('paths', resolved.template, resolved.method, 'requestBody', 'content', contentType, 'schema')}`;
  return runCheck(ref, body);
}

/** Validates a response body; for SSE pass one parsed event with contentType "text/event-stream". */
export function validateResponseBody(
  method: string,
  path: string,
  status: number,
  body: unknown,
  contentType = 'application/json',
): SpecCheck {
  const resolved = resolveSpecOperation(method, path);
  const responses = resolved?.operation.responses;
  const response = isObject(responses) ? responses[String(status)] : undefined;
  const content = isObject(response) ? response.content : undefined;
  if (!resolved || !isObject(content) || !isObject(content[contentType])) {
    // Error statuses are mostly undocumented per operation: check the common envelope.
    if (status >= 400 && contentType === 'application/json') return validateComponent('ErrorResponse', body);
    return unchecked();
  }
  const ref = `${SPEC_ID}#/${pointer('paths', resolved.template, resolved.method, 'responses', String(status), 'content', contentType, 'schema')}`;
  const branch = branchForType(content[contentType] as JsonObject, body);
  return branch ? validateComponent(branch, body) : runCheck(ref, body);
}

/**
 * Stream event unions are anyOf of ~60 `$ref`s told apart by `type`; validating against
 * the one matching branch gives readable errors instead of 60 branch failures.
 */
function branchForType(media: JsonObject, body: unknown): string | undefined {
  const schemas = (loadSpec().doc.components as JsonObject).schemas as JsonObject;
  const union =
    isObject(media.schema) && typeof media.schema.$ref === 'string'
      ? schemas[media.schema.$ref.split('/').pop() ?? '']
      : media.schema;
  const eventType = isObject(body) ? body.type : undefined;
  if (!isObject(union) || !Array.isArray(union.anyOf) || typeof eventType !== 'string') return undefined;
  for (const option of union.anyOf) {
    const name = isObject(option) && typeof option.$ref === 'string' ? option.$ref.split('/').pop() : undefined;
    if (name && schemaTypeEnum(schemas[name]).includes(eventType)) return name;
  }
  return undefined;
}

function schemaTypeEnum(schema: unknown): string[] {
  if (!isObject(schema)) return [];
  const own =
    isObject(schema.properties) && isObject(schema.properties.type) && Array.isArray(schema.properties.type.enum)
      ? (schema.properties.type.enum as string[])
      : [];
  const nested = ['anyOf', 'allOf', 'oneOf'].flatMap((key) =>
    Array.isArray(schema[key]) ? (schema[key] as unknown[]).flatMap(schemaTypeEnum) : [],
  );
  return [...own, ...nested];
}

/** Validates against `#/components/schemas/NAME`. */
export function validateComponent(name: string, value: unknown): SpecCheck {
  const schemas = (loadSpec().doc.components as JsonObject).schemas as JsonObject;
  if (!(name in schemas)) throw new Error(`No schema named ${name} in the OpenAPI spec`);
  return runCheck(`${SPEC_ID}#/${pointer('components', 'schemas', name)}`, value);
}

/** Missing required root properties from a failed check (for "Missing required parameter" 400s). */
export function missingRootProperties(check: SpecCheck): string[] {
  return (check.rawErrors ?? [])
    .filter((e) => e.keyword === 'required' && e.instancePath === '' && !/anyOf|oneOf/.test(e.schemaPath))
    .map((e) => String((e.params as { missingProperty?: string }).missingProperty));
}

export function specLoadStats(): SpecLoadStats {
  return { ...loadSpec().stats };
}
