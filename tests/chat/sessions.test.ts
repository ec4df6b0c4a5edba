import { mintSessionToken } from '../helpers/session';
import { streamChat } from '../helpers/proxy';
import { responsesRequests, startChatWorld, type ChatWorld } from './setup';

const SECRET_A = 'a'.repeat(24) + 'secret-of-shop-a-000000';
const SECRET_B = 'b'.repeat(24) + 'secret-of-shop-b-000000';

let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld({
    env: { AISLE_SITE_SECRETS: JSON.stringify({ 'shop-a.example': SECRET_A, 'shop-b.example': SECRET_B }) },
  });
});
afterAll(async () => world?.close());

const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('shopper sessions bind threads', () => {
  test('a thread continues for its own session', async () => {
    const alice = mintSessionToken(SECRET_A, 'shop-a.example', 'a:alice-session-0001');
    const first = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null }, as(alice));
    expect(first.status).toBe(200);
    const threadId = (first.events[0] as { thread_id: string }).thread_id;
    const second = await streamChat(world.proxy.url, { message: 'עוד', thread_id: threadId }, as(alice));
    expect(second.events[0]).toEqual({ type: 'thread_id', thread_id: threadId });
  });

  test("another session's thread_id is refused: a new thread, and its history is a 404", async () => {
    const alice = mintSessionToken(SECRET_A, 'shop-a.example', 'a:alice-session-0002');
    const mallory = mintSessionToken(SECRET_A, 'shop-a.example', 'a:mallory-session-01');
    const first = await streamChat(world.proxy.url, { message: 'סוד', thread_id: null }, as(alice));
    const threadId = (first.events[0] as { thread_id: string }).thread_id;
    const stolen = await streamChat(world.proxy.url, { message: 'show me', thread_id: threadId }, as(mallory));
    expect(stolen.events[0]).toMatchObject({ type: 'thread_id', new_thread: true });
    expect((stolen.events[0] as { thread_id: string }).thread_id).not.toBe(threadId);
    const convs = responsesRequests(world.openai).map((r) => (r.body as { conversation: string }).conversation);
    expect(convs.at(-1)).not.toBe(convs.at(-2));

    const history = await fetch(`${world.proxy.url}/api/chat/history?thread_id=${threadId}`, as(mallory));
    expect(history.status).toBe(404);
    const unknown = await fetch(`${world.proxy.url}/api/chat/history?thread_id=thread_neverexisted00000000`, as(mallory));
    expect(unknown.status).toBe(404);
    // No existence leak: the two answers are the same.
    expect(await history.json()).toEqual(await unknown.json());
    const own = await fetch(`${world.proxy.url}/api/chat/history?thread_id=${threadId}`, as(alice));
    expect(own.status).toBe(200);
    const body = (await own.json()) as { messages: Array<{ role: string; content: string }> };
    expect(body.messages[0]).toEqual({ role: 'user', content: 'סוד' });
  });

  test("another store's session cannot continue the thread either", async () => {
    const alice = mintSessionToken(SECRET_A, 'shop-a.example', 'a:alice-session-0003');
    const bob = mintSessionToken(SECRET_B, 'shop-b.example', 'a:alice-session-0003');
    const first = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null }, as(alice));
    const threadId = (first.events[0] as { thread_id: string }).thread_id;
    const other = await streamChat(world.proxy.url, { message: 'שלום', thread_id: threadId }, as(bob));
    expect(other.events[0]).toMatchObject({ new_thread: true });
  });

  test('a token signed with the wrong secret, or expired, gets 401', async () => {
    const forged = mintSessionToken(SECRET_B, 'shop-a.example', 'a:alice-session-0004');
    const res = await streamChat(world.proxy.url, { message: 'hi', thread_id: null }, as(forged));
    expect(res.status).toBe(401);
    const expired = mintSessionToken(SECRET_A, 'shop-a.example', 'a:alice-session-0004', -120);
    const res2 = await streamChat(world.proxy.url, { message: 'hi', thread_id: null }, as(expired));
    expect(res2.status).toBe(401);
  });
});
