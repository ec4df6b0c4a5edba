/**
 * The original system's Testing Checklist (shared/seed/OPENAI_SETUP_GUIDE.md), run
 * verbatim with curl against the proxy on the fakes at http://localhost:8000,
 * exactly as the guide writes it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFakeStack } from '../../scripts/dev-fakes';
import { parseSseBody } from '../helpers/proxy';

const run = promisify(execFile);
const GUIDE = path.resolve(__dirname, '../../../shared/seed/OPENAI_SETUP_GUIDE.md');

/** The ```bash blocks of the "Testing Checklist" section that call curl. */
function checklistCommands(): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  const section = text.slice(text.indexOf('## Testing Checklist'), text.indexOf('## Frontend Testing'));
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]!.trim()).filter((c) => c.startsWith('curl'));
}

let stack: Awaited<ReturnType<typeof startFakeStack>>;
beforeAll(async () => {
  stack = await startFakeStack(8000);
});
afterAll(async () => stack?.close());

test('the guide is there and has the three curl commands', () => {
  expect(existsSync(GUIDE)).toBe(true);
  const commands = checklistCommands();
  expect(commands).toHaveLength(3);
  expect(commands[0]).toBe('curl http://localhost:8000/api/health');
});

test('health, verbatim', async () => {
  const [health] = checklistCommands();
  const { stdout } = await run('bash', ['-c', `${health!} -s`]);
  expect(JSON.parse(stdout)).toMatchObject({ status: 'healthy', environment: 'configured', missing_vars: null });
});

test('streaming "שלום", verbatim: thread_id, text deltas, done', async () => {
  const [, stream] = checklistCommands();
  expect(stream).toContain('{"message": "שלום", "thread_id": null}');
  const { stdout } = await run('bash', ['-c', stream!.replace(/^curl /, 'curl -s ')], { timeout: 20_000 });
  const events = parseSseBody(stdout);
  expect(events[0]).toMatchObject({ type: 'thread_id', thread_id: expect.stringMatching(/^thread_/) });
  expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
  expect(events.at(-1)).toMatchObject({ type: 'done' });
});

test('the product request returns data: {"type":"products","data":[...]}', async () => {
  const [, , products] = checklistCommands();
  // The guide's own command has an unbalanced quote ("Content-Type": application/json"),
  // which no shell can run. Fix exactly that character and nothing else.
  const fixed = products!.replace('"Content-Type": application/json"', '"Content-Type: application/json"');
  expect(fixed).not.toBe(products);
  const { stdout } = await run('bash', ['-c', fixed.replace(/^curl /, 'curl -s ')], { timeout: 20_000 });
  expect(stdout).toMatch(/^data: \{"type":"products","data":\[\{/m);
  const events = parseSseBody(stdout);
  const cards = events.find((e) => e.type === 'products');
  expect(cards && 'data' in cards && cards.data.length).toBeGreaterThan(0);
});
