/** The order_status tool on the fake WooCommerce (real HTTP, OAuth 1.0a) with the real client. */
import type { ChatTool } from '../../proxy/src/chat/tools';
import type { Shopper } from '../../proxy/src/chat/types';
import { createOrderLookupLimit, createOrderStatusTool, type OrderLookupLimit } from '../../proxy/src/orders';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createWooClient, type WooClient } from '../../proxy/src/woo';
import { buildOrder, startFakeWoo, type FakeWoo, type RawWooOrder } from '../fakes/woo';
import { toolContext } from '../helpers/tool-run';

export const ALICE = { id: 7, email: 'Alice.Buyer@Example.com' };
export const BOB = { id: 8, email: 'bob@example.net' };
export const GUEST_EMAIL = 'guest.shopper@example.org';

/** Alice: seven orders (one a checkout draft); Bob: two; a guest: one with tracking. */
export function fixtureOrders(): RawWooOrder[] {
  const alice = Array.from({ length: 7 }, (_, i) =>
    buildOrder({
      id: 101 + i,
      customer_id: ALICE.id,
      email: ALICE.email,
      status: i === 6 ? 'checkout-draft' : i === 5 ? 'completed' : 'processing',
      date_created: `2026-11-${String(10 + i).padStart(2, '0')}T09:30:00`,
      lines: [{ name: `Dog bed size ${i + 1}`, product_id: 40 + i, quantity: i + 1, price: '25.00' }],
      shipping_total: '15.00',
    }),
  );
  const bob = [201, 202].map((id, i) =>
    buildOrder({
      id,
      customer_id: BOB.id,
      email: BOB.email,
      status: 'on-hold',
      date_created: `2026-11-2${i}T12:00:00`,
      lines: [{ name: 'Cat tree', product_id: 60, quantity: 1, price: '120.00' }],
    }),
  );
  const guest = buildOrder({
    id: 301,
    email: GUEST_EMAIL,
    status: 'completed',
    date_created: '2026-12-02T08:15:00',
    currency: 'USD',
    lines: [
      { name: 'Adult dog food 12 kg', product_id: 11, quantity: 2, price: '59.90' },
      { name: 'Leash - M', product_id: 12, quantity: 1, price: '19.50' },
    ],
    meta_data: [
      {
        key: '_wc_shipment_tracking_items',
        value: [
          {
            tracking_provider: 'usps',
            custom_tracking_provider: '',
            custom_tracking_link: '',
            tracking_number: '9400111899223344556677',
            date_shipped: '1764979200',
            tracking_id: 'abc123',
          },
        ],
      },
      { key: '_tracking_number', value: 'LX123456789IL' },
      { key: '_tracking_provider', value: 'Israel Post' },
      { key: '_billing_phone_copy', value: '+972-54-765-4321' },
    ],
  });
  return [...alice, ...bob, guest];
}

export interface OrderWorld {
  woo: FakeWoo;
  client: WooClient;
  tool(limit?: OrderLookupLimit): ChatTool;
  /** Every output the tests saw, for the no-personal-data check. */
  outputs: string[];
  run(tool: ChatTool, args: unknown, shopper: Partial<Shopper>): Promise<string>;
  close(): Promise<void>;
}

export async function startOrderWorld(store: KeyValueStore): Promise<OrderWorld> {
  const woo = await startFakeWoo({ orders: fixtureOrders(), products: [] });
  const client = createWooClient({
    baseUrl: woo.url,
    consumerKey: woo.consumerKey,
    consumerSecret: woo.consumerSecret,
    retries: 0,
  });
  const outputs: string[] = [];
  const defaultLimit = createOrderLookupLimit({ store });
  return {
    woo,
    client,
    outputs,
    tool: (limit = defaultLimit) => createOrderStatusTool({ orders: client, limit }),
    async run(tool, args, shopper) {
      const context = toolContext({ owner: 'session-a', tenant: 'shop.example', ip: '198.51.100.1', ...shopper }, 'thread_test');
      const generator = tool.run(typeof args === 'string' ? args : JSON.stringify(args), context);
      let step = await generator.next();
      while (!step.done) step = await generator.next();
      outputs.push(step.value);
      return step.value;
    },
    async close() {
      await client.close();
      await woo.close();
    },
  };
}
