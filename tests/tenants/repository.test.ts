import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createSecretForSite } from '../../proxy/src/session/secrets';
import { createTenantRepository, tenantStoreKey } from '../../proxy/src/tenants/repository';
import { TenantError } from '../../proxy/src/tenants/types';
import { fakeOpenAIKey } from '../helpers/keys';

const OPENAI_KEY = fakeOpenAIKey('plaintextplaintext4321', 'sk-proj');
const WOO_SECRET = 'cs_wooplaintextwooplaintext000000000000';
const OPERATOR_KEY = 'operator-key-0123456789-0123456789-abcdef';

describe('tenant repository', () => {
  let store: KeyValueStore;
  beforeEach(() => {
    store = createEmbeddedStore({ dataDir: ':memory:' });
  });
  afterEach(() => store.close());

  it('encrypts at rest: the stored record contains no plaintext secret', async () => {
    const tenants = createTenantRepository({ store, encryptionKey: OPERATOR_KEY });
    await tenants.put('shop.example', {
      storeUrl: 'https://shop.example',
      openaiApiKey: OPENAI_KEY,
      wooConsumerSecret: WOO_SECRET,
      instructions: 'ענה בעברית',
    });
    const raw = await store.get(tenantStoreKey('shop.example'));
    expect(raw).not.toBeNull();
    for (const plain of [OPENAI_KEY, 'plaintext', WOO_SECRET, 'shop.example', 'ענה']) expect(raw).not.toContain(plain);
    expect(JSON.parse(raw ?? '{}')).toMatchObject({ v: 1, key: 'operator' });
    expect(await tenants.get('shop.example')).toMatchObject({
      openaiApiKey: OPENAI_KEY,
      wooConsumerSecret: WOO_SECRET,
      instructions: 'ענה בעברית',
    });
  });

  it('a record moved under another site does not decrypt', async () => {
    const tenants = createTenantRepository({ store, encryptionKey: OPERATOR_KEY });
    await tenants.put('a.example', { openaiApiKey: OPENAI_KEY });
    await store.set(tenantStoreKey('b.example'), (await store.get(tenantStoreKey('a.example'))) ?? '');
    await expect(tenants.get('b.example')).rejects.toMatchObject({ code: 'undecryptable' });
  });

  it('without an operator key, seals with the connection secret; rotating it makes the record unreadable', async () => {
    const first = createTenantRepository({ store, secretForSite: createSecretForSite({ connectionSecret: 'a'.repeat(43) }) });
    await first.put('shop.example', { openaiApiKey: OPENAI_KEY });
    expect(JSON.parse((await store.get(tenantStoreKey('shop.example'))) ?? '{}')).toMatchObject({ key: 'connection-secret' });
    expect((await first.get('shop.example'))?.openaiApiKey).toBe(OPENAI_KEY);

    const rotated = createTenantRepository({ store, secretForSite: createSecretForSite({ connectionSecret: 'b'.repeat(43) }) });
    const error = await rotated.get('shop.example').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TenantError);
    expect((error as TenantError).message).toContain('connection secret changed');
    // A new Connect simply replaces it.
    await rotated.put('shop.example', { openaiApiKey: fakeOpenAIKey('newnewnewnewnewnew1111', 'sk-proj') });
    expect((await rotated.get('shop.example'))?.openaiApiKey).toBe(fakeOpenAIKey('newnewnewnewnewnew1111', 'sk-proj'));
  });

  it('refuses to store without any key material', async () => {
    const tenants = createTenantRepository({ store });
    await expect(tenants.put('shop.example', { openaiApiKey: OPENAI_KEY })).rejects.toMatchObject({ code: 'no_encryption_key' });
  });

  it('resolve lays the environment over what was pushed (env wins) and says which came from env', async () => {
    const tenants = createTenantRepository({
      store,
      encryptionKey: OPERATOR_KEY,
      envOverrides: { openaiApiKey: fakeOpenAIKey('fromtheenvironment', 'sk-proj'), model: undefined, instructions: '' },
    });
    await tenants.put('Shop.Example/', { storeUrl: 'https://shop.example', openaiApiKey: OPENAI_KEY, model: 'gpt-6-luna' });
    const resolved = await tenants.resolve('shop.example');
    expect(resolved?.settings).toEqual({
      storeUrl: 'https://shop.example',
      openaiApiKey: fakeOpenAIKey('fromtheenvironment', 'sk-proj'),
      model: 'gpt-6-luna',
    });
    expect(resolved?.overriddenByEnv).toEqual(['openaiApiKey']);
    expect(resolved?.stored?.updatedAt).toEqual(expect.any(String));
  });

  it('resolve works from the environment alone, and is null with nothing at all', async () => {
    const envOnly = createTenantRepository({
      store,
      encryptionKey: OPERATOR_KEY,
      envOverrides: { storeUrl: 'https://env.example' },
    });
    expect(await envOnly.resolve('shop.example')).toMatchObject({ settings: { storeUrl: 'https://env.example' }, stored: null });
    expect(await createTenantRepository({ store, encryptionKey: OPERATOR_KEY }).resolve('shop.example')).toBeNull();
  });

  it('put replaces the record and delete forgets it', async () => {
    const tenants = createTenantRepository({ store, encryptionKey: OPERATOR_KEY });
    await tenants.put('shop.example', { openaiApiKey: OPENAI_KEY, instructions: 'old' });
    await tenants.put('shop.example', { openaiApiKey: OPENAI_KEY });
    expect((await tenants.get('shop.example'))?.instructions).toBeUndefined();
    await tenants.delete('shop.example');
    expect(await tenants.get('shop.example')).toBeNull();
  });
});
