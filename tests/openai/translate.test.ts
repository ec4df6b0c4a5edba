import type OpenAI from 'openai';
import { translateUpstreamEvent } from '../../proxy/src/openai/translate';

/** Tokens are billed for every answer that ends, however it ends: each terminal event's usage is read. */
type Event = OpenAI.Responses.ResponseStreamEvent;
const usage = { input_tokens: 120, output_tokens: 30, total_tokens: 150 };
const response = (fields: Record<string, unknown>) => ({ id: 'resp_1', object: 'response', ...fields });
const event = (type: string, fields: Record<string, unknown>) => ({ type, sequence_number: 1, ...fields }) as unknown as Event;

test('response.created gives the id an abandoned answer is looked up by', () => {
  expect(translateUpstreamEvent(event('response.created', { response: response({ status: 'in_progress' }) }))).toEqual({
    kind: 'created',
    id: 'resp_1',
  });
});

test('completed, incomplete and failed answers all carry their usage', () => {
  expect(translateUpstreamEvent(event('response.completed', { response: response({ status: 'completed', usage }) }))).toEqual({
    kind: 'completed',
    usage: { input: 120, output: 30 },
  });
  expect(
    translateUpstreamEvent(
      event('response.incomplete', {
        response: response({ status: 'incomplete', usage, incomplete_details: { reason: 'max_output_tokens' } }),
      }),
    ),
  ).toEqual({ kind: 'incomplete', reason: 'max_output_tokens', usage: { input: 120, output: 30 } });
  expect(
    translateUpstreamEvent(
      event('response.failed', {
        response: response({ status: 'failed', usage, error: { code: 'server_error', message: 'x' } }),
      }),
    ),
  ).toEqual({ kind: 'failed', code: 'server_error', message: 'x', usage: { input: 120, output: 30 } });
});

test('a terminal event without usage says so (null), and an error event has none', () => {
  expect(translateUpstreamEvent(event('response.incomplete', { response: response({ usage: null }) }))).toMatchObject({
    kind: 'incomplete',
    usage: null,
  });
  expect(
    translateUpstreamEvent(event('error', { error: { type: 'server_error', code: 'server_error', message: 'boom' } })),
  ).toEqual({ kind: 'failed', code: 'server_error', message: 'boom', usage: null });
});
