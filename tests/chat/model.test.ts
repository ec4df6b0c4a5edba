import { DEFAULT_MODEL } from '../../proxy/src/config/schema';
import { streamChat } from '../helpers/proxy';
import { responsesRequests, startChatWorld, type ChatWorld } from './setup';

describe('a retired model never breaks a store silently', () => {
  let world: ChatWorld;
  beforeAll(async () => {
    world = await startChatWorld({ env: { OPENAI_MODEL: 'gpt-5-mini' } });
  });
  afterAll(async () => world?.close());

  test('chat switches to the current default model and health says why', async () => {
    const { events } = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(events.some((e) => e.type === 'text')).toBe(true);
    const [turn] = responsesRequests(world.openai);
    expect((turn!.body as { model: string }).model).toBe(DEFAULT_MODEL);
    const health = (await (await fetch(`${world.proxy.url}/api/health`)).json()) as {
      status: string;
      model: { configured: string; active: string; available: boolean };
      problems: string[];
    };
    expect(health.status).toBe('degraded');
    expect(health.model).toMatchObject({ configured: 'gpt-5-mini', active: DEFAULT_MODEL, available: false });
    expect(health.problems[0]).toMatch(/gpt-5-mini.*not available/);
  });
});

describe('a current model', () => {
  let world: ChatWorld;
  beforeAll(async () => {
    world = await startChatWorld();
  });
  afterAll(async () => world?.close());

  test('is used as configured and health stays healthy', async () => {
    await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    expect((responsesRequests(world.openai)[0]!.body as { model: string }).model).toBe(DEFAULT_MODEL);
    const health = (await (await fetch(`${world.proxy.url}/api/health`)).json()) as {
      status: string;
      model: { available: boolean };
    };
    expect(health).toMatchObject({ status: 'healthy', model: { available: true } });
  });
});
