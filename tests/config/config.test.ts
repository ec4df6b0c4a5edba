import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../proxy/src/config/load';
import { DEFAULT_MODEL } from '../../proxy/src/config/schema';
import { readmeWithTable } from '../../scripts/config-table';

describe('configuration', () => {
  test('defaults: port 8000, a current model with low effort, embedded store', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8000);
    expect(config.OPENAI_MODEL).toBe(DEFAULT_MODEL);
    expect(DEFAULT_MODEL).not.toMatch(/^gpt-[345]/);
    expect(config.OPENAI_REASONING_EFFORT).toBe('low');
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.OPENAI_API_KEY).toBeUndefined();
  });

  test('empty strings count as unset', () => {
    const config = loadConfig({ OPENAI_API_KEY: '', REDIS_URL: '  ', PORT: '' });
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.PORT).toBe(8000);
  });

  test('invalid values fail with one readable line per problem, and never echo secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        WOO_BASE_URL: 'shop.example',
        REDIS_URL: 'http://localhost:6379',
        OPENAI_REASONING_EFFORT: 'extreme',
        OPENAI_VECTOR_STORE_ID: 'store-1',
        WOO_CONSUMER_SECRET: 'cs_secret_value',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/whole number.*eighty/);
    expect(problems.find((p) => p.startsWith('WOO_BASE_URL'))).toMatch(/http\(s\) URL/);
    expect(problems.find((p) => p.startsWith('REDIS_URL'))).toMatch(/redis:\/\//);
    expect(problems.find((p) => p.startsWith('OPENAI_REASONING_EFFORT'))).toMatch(/low/);
    expect(problems.find((p) => p.startsWith('OPENAI_VECTOR_STORE_ID'))).toMatch(/vs_/);
    expect((error as Error).message).not.toContain('cs_secret_value');
  });

  test('the README configuration table is the one generated from the schema', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toBe(readmeWithTable(readme));
  });
});
