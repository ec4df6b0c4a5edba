/**
 * The container smoke test (`npm run test:container`, via scripts/container/test.sh, which builds the
 * images and runs this inside a private network namespace). It starts the fake OpenAI and the fake
 * WooCommerce on this host, runs every service of compose.yaml from the built images, and checks:
 * the image (non-root, start.sh as entrypoint, Node flags), its HEALTHCHECK, health and streamed chat
 * through nginx on both replicas, one catalog sync shared through Redis, and SIGTERM draining.
 * Exit code 0 only when every check passed; the result is written as JSON for the docs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeOpenAI } from '../fakes/openai';
import { buildCatalog, randomWooKeys, startFakeWoo } from '../fakes/woo';
import { fakeOpenAIKey } from '../helpers/keys';
import { getJson, heldRequest, metric, streamChat, waitFor, type TimedStream } from './checks';
import {
  imageConfig,
  imageSize,
  listenerPid,
  readCompose,
  ROOT,
  runOnce,
  startService,
  stopService,
  type RunningService,
} from './stack';

const TAG = process.env.AISLE_SMOKE_TAG ?? 'smoke';
const BROKEN = process.env.AISLE_SMOKE_BREAK ?? '';
const RESULT = path.resolve(ROOT, process.env.AISLE_SMOKE_RESULT ?? 'test-artifacts/container/result.json');
const LOGS = path.dirname(RESULT);

interface Check {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
}
const checks: Check[] = [];

async function check(name: string, run: () => Promise<string>): Promise<boolean> {
  const started = Date.now();
  try {
    const detail = await run();
    checks.push({ name, ok: true, ms: Date.now() - started, detail });
    process.stdout.write(`ok   ${name} (${Date.now() - started} ms): ${detail}\n`);
    return true;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    checks.push({ name, ok: false, ms: Date.now() - started, detail });
    process.stdout.write(`FAIL ${name} (${Date.now() - started} ms): ${detail}\n`);
    return false;
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const types = (s: TimedStream) => s.events.map((e) => e.type);

/** The Node flag and MALLOC_ARENA_MAX that scripts/start.sh gives the proxy. */
function startShDefaults() {
  const sh = readFileSync(path.join(ROOT, 'scripts', 'start.sh'), 'utf8');
  const flag = /young_generation=\((--max-semi-space-size=\d+)\)/.exec(sh)?.[1];
  const arena = /MALLOC_ARENA_MAX:-(\d+)/.exec(sh)?.[1];
  assert(flag && arena, 'scripts/start.sh no longer names --max-semi-space-size and MALLOC_ARENA_MAX');
  return { flag, arena };
}

async function main() {
  mkdirSync(LOGS, { recursive: true });
  const keys = randomWooKeys();
  const woo = await startFakeWoo({ ...keys, latencyMs: 150 });
  const catalog = buildCatalog(120, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const apiKey = fakeOpenAIKey('container-smoke');
  const openai = await startFakeOpenAI({ apiKey, tokenDelayMs: 40, productIdsFor: () => [] });

  const env = {
    ...process.env,
    OPENAI_API_KEY: apiKey,
    OPENAI_BASE_URL: openai.baseURL,
    WOO_BASE_URL: woo.url,
    WOO_CONSUMER_KEY: keys.consumerKey,
    WOO_CONSUMER_SECRET: keys.consumerSecret,
  };
  const services = readCompose(env).map((s) => ({ ...s, image: s.image.replace(/:latest$/, `:${TAG}`) }));
  const proxies = services.filter((s) => s.environment.PORT);
  const nginxService = services.find((s) => s.name === 'nginx');
  const redisService = services.find((s) => s.name === 'redis');
  assert(proxies.length === 2 && nginxService && redisService, 'compose.yaml must have redis, two proxies (PORT) and nginx');
  const ports = proxies.map((p) => Number(p.environment.PORT));
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const site = readFileSync(path.join(ROOT, 'docs', 'deploy', 'nginx-aisle.conf'), 'utf8');
  const nginxPort = Number(/^\s*listen (\d+);/m.exec(site)?.[1]);
  const front = `http://127.0.0.1:${nginxPort}`;
  const redisPort = Number(redisService.command?.[redisService.command.indexOf('--port') + 1] ?? 6379);

  const running: RunningService[] = [];
  const proxyImage = proxies[0]!.image;
  try {
    await check('image: non-root user, scripts/start.sh as entrypoint, a HEALTHCHECK command', async () => {
      const config = await imageConfig(proxyImage);
      assert(config.User && !/^(root|0)(:|$)/.test(config.User), `image user is ${config.User ?? 'unset (root)'}`);
      assert(
        JSON.stringify(config.Entrypoint) === '["bash","/app/scripts/start.sh"]',
        `entrypoint ${JSON.stringify(config.Entrypoint)}`,
      );
      const test = config.Healthcheck?.Test ?? [];
      assert(test[0] === 'CMD' && test.length > 1, `HEALTHCHECK ${JSON.stringify(test)}`);
      const sizes = await Promise.all(
        services.filter((s) => s !== proxies[1]).map(async (s) => `${s.image} ${await imageSize(s.image)}`),
      );
      return `user ${config.User}; ${sizes.join('; ')}`;
    });

    for (const service of BROKEN === 'redis' ? services.filter((s) => s !== redisService) : services) {
      running.push(await startService(service, path.join(LOGS, `${service.name}.log`)));
      if (service === redisService) {
        assert(await waitFor(async () => (await listenerPid(redisPort)) !== null, 20_000), 'redis did not listen');
      }
    }
    const ready = await waitFor(async () => {
      const answers = await Promise.all([...urls, front].map((u) => fetch(`${u}/api/health`).then((r) => r.status)));
      return answers.every((s) => s < 500 || s === 503);
    }, 60_000);
    assert(
      ready,
      `services did not answer in 60 s:\n${running.map((r) => `${r.service.name}: ${r.output().slice(-600)}`).join('\n')}`,
    );

    await check('proxy processes: non-root, Node flag and MALLOC_ARENA_MAX as in scripts/start.sh', async () => {
      const { flag, arena } = startShDefaults();
      const facts: string[] = [];
      for (const port of ports) {
        const pid = await listenerPid(port);
        assert(pid, `nothing listens on ${port}`);
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        assert(uid !== '0', `proxy on ${port} runs as root`);
        assert(argv.includes(flag) && argv.at(-1) === 'proxy/dist/server.js', `proxy on ${port}: ${argv.join(' ')}`);
        assert(environ.includes(`MALLOC_ARENA_MAX=${arena}`), `proxy on ${port} lacks MALLOC_ARENA_MAX=${arena}`);
        facts.push(`:${port} uid ${uid} ${argv.slice(1).join(' ')}`);
      }
      return `${facts.join('; ')}; MALLOC_ARENA_MAX=${arena}`;
    });

    await check('image HEALTHCHECK passes on both replicas (run in the image)', async () => {
      const test = (await imageConfig(proxyImage)).Healthcheck?.Test ?? [];
      const out: string[] = [];
      for (const port of ports) {
        const { code, output } = await runOnce(proxyImage, { PORT: String(port) }, test.slice(1), 30_000);
        assert(code === 0, `HEALTHCHECK on ${port} exited ${code}: ${output.trim()}`);
        out.push(`:${port} ${output.trim()}`);
      }
      return out.join('; ');
    });

    await check('health through nginx: healthy, Redis store ok', async () => {
      const { status, body } = await getJson(`${front}/api/health`);
      const store = body.store as { backend?: string; ok?: boolean } | undefined;
      assert(status === 200 && body.status === 'healthy', `${status} ${JSON.stringify(body).slice(0, 300)}`);
      assert(store?.backend === 'redis' && store.ok === true, `store ${JSON.stringify(store)}`);
      return `200 healthy, store ${store.backend}`;
    });

    await check('streamed chat through nginx: unbuffered, one thread across both replicas', async () => {
      const before = await Promise.all(urls.map((u) => metric(u, 'aisle_chats_started_total')));
      let threadId: string | null = null;
      const spreads: number[] = [];
      for (let turn = 0; turn < 4; turn += 1) {
        const s = await streamChat(front, { message: `turn ${turn}: something for a puppy`, thread_id: threadId });
        const t = types(s);
        assert(
          s.status === 200 && t[0] === 'thread_id' && t.at(-1) === 'done' && !t.includes('error'),
          `turn ${turn}: ${s.status} ${t.join(',')} ${JSON.stringify(s.events.slice(-2)).slice(0, 300)}`,
        );
        const id = String(s.events[0]!.thread_id);
        if (threadId) assert(id === threadId && !s.events[0]!.new_thread, `turn ${turn} lost the thread (${id} vs ${threadId})`);
        threadId = id;
        const textAt = s.at.filter((_, i) => s.events[i]!.type === 'text');
        assert(textAt.length >= 3, `turn ${turn}: ${textAt.length} text events`);
        spreads.push(textAt.at(-1)! - textAt[0]!);
      }
      const after = await Promise.all(urls.map((u) => metric(u, 'aisle_chats_started_total')));
      const served = after.map((a, i) => a - before[i]!);
      assert(
        served.every((n) => n >= 1),
        `turns per replica ${served.join('/')}: not both reached`,
      );
      // 40 ms between deltas upstream: a buffered stream would arrive in one piece (spread near 0).
      assert(Math.min(...spreads) >= 100, `text events arrived within ${Math.min(...spreads)} ms: buffered`);
      return `4 turns, one thread, turns per replica ${served.join('/')}, text spread ${spreads.join('/')} ms`;
    });

    await check('catalog sync shared through Redis: one runs, the other replica answers 409 sync_busy', async () => {
      const wooBefore = woo.requests.length;
      const first = getJson(`${urls[0]}/api/sync`, 120_000);
      assert(
        await waitFor(async () => (await getJson(`${urls[1]}/api/sync/status`)).body.running === true, 10_000),
        'replica 2 never saw the sync running',
      );
      const second = await getJson(`${urls[1]}/api/sync`);
      const done = await first;
      assert(
        second.status === 409 && (second.body.error as { code?: string })?.code === 'sync_busy',
        `second sync: ${second.status} ${JSON.stringify(second.body).slice(0, 200)}`,
      );
      assert(done.status === 200, `first sync: ${done.status} ${JSON.stringify(done.body).slice(0, 300)}`);
      const status = await getJson(`${urls[1]}/api/sync/status`);
      assert(
        status.body.running === false && status.body.last_result,
        `status on replica 2: ${JSON.stringify(status.body).slice(0, 300)}`,
      );
      const stores = openai.state.vectorStores.size;
      assert(stores === 1, `${stores} vector stores at the fake OpenAI`);
      return `sync 200 on replica 1, 409 sync_busy on replica 2, result visible on replica 2, ${woo.requests.length - wooBefore} WooCommerce requests, 1 vector store`;
    });

    await check(
      'SIGTERM: running answer finishes, a turn in transit gets 503 shutting_down, exit 0, nginx fails over',
      async () => {
        const target = running.find((r) => r.service === proxies[0])!;
        openai.enqueue({ kind: 'text', text: Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ') });
        const answer = streamChat(urls[0]!, { message: 'a long answer please', thread_id: null });
        assert(await waitFor(() => openai.openStreams() >= 1, 10_000), 'the answer never reached the fake OpenAI');
        const held = await heldRequest(ports[0]!, { message: 'late', thread_id: null });
        const pid = await listenerPid(ports[0]!);
        const signalled = Date.now();
        const stopped = stopService(target, pid, 20_000);
        await new Promise((r) => setTimeout(r, 300));
        const late = await held.finish();
        const s = await answer;
        const code = await stopped;
        running.splice(running.indexOf(target), 1);
        const t = types(s);
        assert(t.at(-1) === 'done' && (t.includes('text') || t.includes('error')), `running answer: ${t.join(',')}`);
        assert(
          /^HTTP\/1\.1 503/.test(late) && late.includes('shutting_down'),
          `turn in transit: ${late.split('\r\n')[0]} ${late.slice(-200)}`,
        );
        assert(code === 0, `replica exited with ${code}`);
        const after = await streamChat(front, { message: 'still there?', thread_id: null });
        assert(
          types(after).at(-1) === 'done' && !types(after).includes('error'),
          `through nginx after the stop: ${types(after).join(',')}`,
        );
        const ended = t.includes('error') ? 'error + done' : `${t.filter((x) => x === 'text').length} text events + done`;
        return `answer ended with ${ended}; in-transit turn 503 shutting_down; exit 0 after ${Date.now() - signalled} ms; nginx served the next turn`;
      },
    );
  } finally {
    for (const r of running.reverse()) {
      const port = r.service.environment.PORT
        ? Number(r.service.environment.PORT)
        : r.service === redisService
          ? redisPort
          : nginxPort;
      await stopService(r, await listenerPid(port).catch(() => null), 15_000);
    }
    await openai.close();
    await woo.close();
  }
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let buildah = '';
  try {
    buildah = execFileSync('buildah', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    buildah = 'buildah ?';
  }
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Linux ${os.release()}, ${buildah}`;
}

main()
  .catch((error: unknown) => {
    checks.push({ name: 'stack', ok: false, ms: 0, detail: error instanceof Error ? error.message : String(error) });
    process.stdout.write(`FAIL stack: ${error instanceof Error ? error.message : String(error)}\n`);
  })
  .finally(() => {
    const passed = checks.length > 0 && checks.every((c) => c.ok);
    const result = {
      date: new Date().toISOString(),
      machine: machine(),
      broken: BROKEN || null,
      load_average: os.loadavg().map((n) => Number(n.toFixed(1))),
      build_seconds: Number(process.env.AISLE_SMOKE_BUILD_SECONDS ?? NaN),
      passed,
      checks,
    };
    writeFileSync(RESULT, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `${passed ? 'passed' : 'FAILED'}: ${checks.filter((c) => c.ok).length}/${checks.length} checks (${RESULT})\n`,
    );
    process.exit(passed ? 0 : 1);
  });
