/** The real OpenAI error envelope and the typed error route handlers throw. */

export interface OpenAIErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: OpenAIErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
    this.name = 'FakeHttpError';
  }

  envelope(): { error: OpenAIErrorBody } {
    return { error: this.error };
  }
}

export function invalidRequest(
  status: number,
  message: string,
  param: string | null = null,
  code: string | null = null,
): FakeHttpError {
  return new FakeHttpError(status, { message, type: 'invalid_request_error', param, code });
}

export function notFound(message: string, param: string | null = null): FakeHttpError {
  return invalidRequest(404, message, param);
}

export function missingParameter(name: string): FakeHttpError {
  return invalidRequest(400, `Missing required parameter: '${name}'.`, name, 'missing_required_parameter');
}

function maskKey(key: string): string {
  if (key.length <= 8) return key;
  return `${key.slice(0, 3)}${'*'.repeat(Math.max(4, key.length - 7))}${key.slice(-4)}`;
}

export function authError(presentedKey: string | undefined): FakeHttpError {
  if (!presentedKey) {
    return invalidRequest(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    );
  }
  return invalidRequest(
    401,
    `Incorrect API key provided: ${maskKey(presentedKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    null,
    'invalid_api_key',
  );
}

/** The body the real API sends for a bare status, used when a script gives none. */
export function defaultErrorBody(status: number): { error: OpenAIErrorBody } {
  switch (status) {
    case 400:
      return { error: { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null } };
    case 401:
      return authError('sk-test-wrong-key').envelope();
    case 403:
      return {
        error: {
          message: 'You are not allowed to sample from this model',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      };
    case 404:
      return { error: { message: 'Not found.', type: 'invalid_request_error', param: null, code: null } };
    case 429:
      return {
        error: {
          message:
            'Rate limit reached for gpt-6-luna in organization org-fake on tokens per min (TPM): Limit 30000, Used 29850, Requested 1200. Please try again in 2.1s. Visit https://platform.openai.com/account/rate-limits to learn more.',
          type: 'tokens',
          param: null,
          code: 'rate_limit_exceeded',
        },
      };
    case 503:
      return { error: { message: 'The server is overloaded or not ready yet.', type: 'server_error', param: null, code: null } };
    default:
      return {
        error: {
          message: 'The server had an error while processing your request. Sorry about that!',
          type: 'server_error',
          param: null,
          code: null,
        },
      };
  }
}

export function unknownRoute(method: string, path: string): FakeHttpError {
  return invalidRequest(404, `Invalid URL (${method} ${path})`);
}
