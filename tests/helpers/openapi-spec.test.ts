/** The OpenAPI spec helper: path resolution, request/response validation, relaxations. */
import {
  missingRootProperties,
  resolveSpecOperation,
  specLoadStats,
  SPEC_RELAXATIONS,
  toSpecPath,
  validateComponent,
  validateRequestBody,
  validateResponseBody,
} from './openapi-spec';

describe('openapi-spec', () => {
  it('maps concrete paths to spec templates, preferring literal segments', () => {
    expect(toSpecPath('/v1/files?purpose=assistants')).toBe('/files');
    expect(resolveSpecOperation('GET', '/v1/conversations/conv_1/items')).toMatchObject({
      template: '/conversations/{conversation_id}/items',
      params: { conversation_id: 'conv_1' },
    });
    expect(resolveSpecOperation('POST', '/v1/responses/compact')?.template).toBe('/responses/compact');
    expect(resolveSpecOperation('GET', '/v1/responses/resp_1')?.template).toBe('/responses/{response_id}');
    expect(resolveSpecOperation('GET', '/v1/nothing-here')).toBeUndefined();
  });

  it('validates request bodies and reports missing root properties', () => {
    const bad = validateRequestBody('POST', '/v1/vector_stores/vs_1/files', { attributes: {} });
    expect(bad.valid).toBe(false);
    expect(missingRootProperties(bad)).toEqual(['file_id']);
    expect(validateRequestBody('POST', '/v1/vector_stores/vs_1/files', { file_id: 'file-1' }).valid).toBe(true);
    // Unknown (newer-than-spec) properties pass: see SPEC_RELAXATIONS.
    expect(validateRequestBody('POST', '/v1/vector_stores', { name: 'x', some_future_field: 1 }).valid).toBe(true);
    expect(validateRequestBody('GET', '/v1/models', undefined)).toMatchObject({ valid: true, checked: false });
  });

  it('checks a message of parts (a photo with text) while InputItem is read as anyOf', () => {
    const request = (content: unknown[]) => ({ model: 'gpt-6-luna', input: [{ role: 'user', content }] });
    const photo = { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'auto' };
    expect(validateRequestBody('POST', '/v1/responses', request([photo, { type: 'input_text', text: 'like this' }])).valid).toBe(
      true,
    );
    // Still checked: a photo part without its required `detail`, or a part of no known type.
    expect(
      validateRequestBody('POST', '/v1/responses', request([{ type: 'input_image', image_url: photo.image_url }])).valid,
    ).toBe(false);
    expect(validateRequestBody('POST', '/v1/responses', request([{ type: 'input_photo', url: 'x' }])).valid).toBe(false);
  });

  it('validates responses, error envelopes and live-only shapes', () => {
    expect(
      validateResponseBody('GET', '/v1/models/gpt-6-luna', 200, { id: 'gpt-6-luna', object: 'model', created: 1 }).valid,
    ).toBe(false);
    expect(
      validateResponseBody('GET', '/v1/models/x', 404, { error: { message: 'm', type: 't', param: null, code: null } }).valid,
    ).toBe(true);
    expect(validateResponseBody('GET', '/v1/models/x', 404, { error: { message: 'm' } }).valid).toBe(false);
    const liveErrorEvent = {
      type: 'error',
      sequence_number: 2,
      error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota', param: null },
    };
    expect(validateResponseBody('POST', '/v1/responses', 200, liveErrorEvent, 'text/event-stream').valid).toBe(true);
    const badDelta = validateResponseBody(
      'POST',
      '/v1/responses',
      200,
      { type: 'response.output_text.delta', sequence_number: 1 },
      'text/event-stream',
    );
    expect(badDelta.valid).toBe(false);
    expect(badDelta.schemaRef).toContain('ResponseTextDeltaEvent');
    expect(() => validateComponent('NoSuchSchema', {})).toThrow(/No schema named/);
  });

  it('documents its relaxations and loads from the JSON cache quickly', () => {
    expect(SPEC_RELAXATIONS.length).toBeGreaterThanOrEqual(5);
    const stats = specLoadStats();
    expect(stats.compiledSchemas).toBeGreaterThan(0);
    expect(stats.loadMs).toBeLessThan(stats.fromCache ? 1000 : 5000);
  });
});
