import OpenAI from 'openai';
import type { AdminCheck } from '../admin/types';
import { DEFAULT_MODEL } from '../config/schema';
import { WooError } from '../woo/errors';
import type { CatalogFreshness } from './catalog-freshness';
import type { TenantRuntime } from './runtime';

/** The checks behind "Test connection", one line each; the plugin translates each `code`. */
export function createAdminChecks(deps: { freshness: CatalogFreshness; configuredModel: (rt: TenantRuntime) => string }) {
  async function openaiChecks(rt: TenantRuntime): Promise<AdminCheck[]> {
    if (!rt.openai)
      return [{ name: 'openai', ok: false, code: 'openai_key_missing', message: 'No OpenAI API key is set for this store.' }];
    const model = deps.configuredModel(rt);
    try {
      await rt.openai.models.retrieve(model);
      return [
        { name: 'openai', ok: true, code: 'ok', message: 'OpenAI accepted the API key.' },
        { name: 'model', ok: true, code: 'ok', message: `The model ${model} is available.`, details: { model } },
      ];
    } catch (error) {
      if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError)
        return [{ name: 'openai', ok: false, code: 'openai_key_refused', message: 'OpenAI refused the API key.' }];
      if (error instanceof OpenAI.NotFoundError)
        return [
          { name: 'openai', ok: true, code: 'ok', message: 'OpenAI accepted the API key.' },
          {
            name: 'model',
            ok: false,
            code: 'model_missing',
            message: `The model ${model} does not exist (or was retired); chat uses ${DEFAULT_MODEL} instead. Choose a current model.`,
            details: { model, fallback: DEFAULT_MODEL },
          },
        ];
      return [
        { name: 'openai', ok: false, code: 'openai_unreachable', message: 'OpenAI could not be reached. Try again shortly.' },
      ];
    }
  }

  async function wooCheck(rt: TenantRuntime): Promise<AdminCheck> {
    if (!rt.woo)
      return {
        name: 'woocommerce',
        ok: false,
        code: 'woo_keys_missing',
        message: 'No WooCommerce REST key is set for this store.',
      };
    try {
      const page = await rt.woo.listProducts({ page: 1, perPage: 1, status: 'publish' });
      if ((page.total ?? page.products.length) === 0)
        return { name: 'woocommerce', ok: false, code: 'woo_no_products', message: 'The store has no published products yet.' };
      return {
        name: 'woocommerce',
        ok: true,
        code: 'ok',
        message: 'The WooCommerce key can read the products.',
        ...(page.total !== null ? { details: { products: page.total } } : {}),
      };
    } catch (error) {
      if (error instanceof WooError && (error.kind === 'auth' || error.status === 401 || error.status === 403))
        return { name: 'woocommerce', ok: false, code: 'woo_key_refused', message: 'WooCommerce refused the REST key.' };
      return {
        name: 'woocommerce',
        ok: false,
        code: 'woo_unreachable',
        message: 'The store could not be reached from the proxy.',
      };
    }
  }

  async function updatesCheck(rt: TenantRuntime): Promise<AdminCheck> {
    const lastAt = await deps.freshness.lastChangeAt(rt);
    return lastAt
      ? { name: 'updates', ok: true, code: 'ok', message: 'Product updates from the store arrive.', details: { last_at: lastAt } }
      : {
          name: 'updates',
          ok: false,
          code: 'updates_none_yet',
          message: 'No product update from the store has arrived yet.',
        };
  }

  async function catalogCheck(rt: TenantRuntime): Promise<AdminCheck> {
    try {
      const health = await deps.freshness.catalogHealth(rt);
      if (health.state === 'ok')
        return {
          name: 'catalog',
          ok: true,
          code: 'ok',
          message: 'The catalog is in the vector store.',
          details: { files: health.files },
        };
      if (health.state === 'missing')
        return {
          name: 'catalog',
          ok: false,
          code: 'catalog_missing',
          message: 'The catalog vector store was gone at OpenAI; a new sync has started.',
        };
    } catch {
      // Unreachable OpenAI is already reported by the openai line.
    }
    return { name: 'catalog', ok: false, code: 'catalog_not_synced', message: 'The catalog has not been synced yet.' };
  }

  return async function checkTenant(rt: TenantRuntime): Promise<AdminCheck[]> {
    const [openai, woo, updates, catalog] = await Promise.all([
      openaiChecks(rt),
      wooCheck(rt),
      updatesCheck(rt),
      catalogCheck(rt),
    ]);
    return [...openai, woo, updates, catalog];
  };
}
