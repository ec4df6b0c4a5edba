/**
 * Reading the catalog from WooCommerce: every page with bounded concurrency,
 * ordered by ID so pages stay stable while the store is edited. With
 * X-WP-TotalPages the page list is known after page 1; without it, workers
 * keep taking pages until one comes back short.
 */
import type { WooClient, ListProductsParams } from '../woo/client';
import { WOO_MAX_PER_PAGE } from '../woo/client';
import { isWooError } from '../woo/errors';
import type { WooProduct } from '../woo/schemas';
import { createChangeSignal, createLimiter } from './limiter';

export interface PageReadProgress {
  pagesRead: number;
  /** Null while unknown (no X-WP-TotalPages header). */
  pagesTotal: number | null;
}

export interface ReadPagesOptions {
  woo: Pick<WooClient, 'listProducts'>;
  /** Pages handled at the same time (each worker reads a page, then handles it). */
  concurrency: number;
  /**
   * Product-page requests at the same time, when fewer than `concurrency`: the extra workers are handling
   * their page (reading its variations) while the others fetch, so neither kind of request waits for the other.
   */
  fetchConcurrency?: number;
  perPage?: number;
  status?: string;
  modifiedAfter?: string;
  /** Handles one page before the worker takes the next one (back-pressure: memory holds ~`concurrency` raw pages). */
  onPage(page: number, products: WooProduct[]): Promise<void>;
  onProgress?(progress: PageReadProgress): void;
  /**
   * At most this many pages past the oldest unfinished one may be started. A slow page (retries) would
   * otherwise let the other workers race ahead, and whatever waits for it (an incomplete shard) piles up.
   */
  window?: number;
}

export interface ReadPagesResult extends PageReadProgress {
  /** The page number after which no products exist. */
  lastPage: number;
}

/** WordPress answers 400 rest_post_invalid_page_number past the last page; without a page count that means "the end". */
function isPastLastPage(error: unknown): boolean {
  return (
    isWooError(error) &&
    error.kind === 'bad_request' &&
    (error.code === 'rest_post_invalid_page_number' || error.code === 'woocommerce_rest_invalid_page')
  );
}

export async function readAllPages(options: ReadPagesOptions): Promise<ReadPagesResult> {
  const perPage = options.perPage ?? WOO_MAX_PER_PAGE;
  const base: Omit<ListProductsParams, 'page'> = {
    perPage,
    orderby: 'id',
    order: 'asc',
    ...(options.status ? { status: options.status } : {}),
    ...(options.modifiedAfter ? { modifiedAfter: options.modifiedAfter } : {}),
  };
  let pagesRead = 0;
  const fetchLimit = createLimiter(options.fetchConcurrency ?? options.concurrency);
  const report = (pagesTotal: number | null) => options.onProgress?.({ pagesRead, pagesTotal });

  const first = await options.woo.listProducts({ ...base, page: 1 });
  const knownTotal = first.totalPages;
  // Without a page count, a short first page already is the whole catalog.
  let lastPage = knownTotal ?? (first.products.length < perPage ? 1 : Number.POSITIVE_INFINITY);
  await options.onPage(1, first.products);
  pagesRead++;
  report(knownTotal);

  let nextPage = 2;
  let failure: { error: unknown } | null = null;
  const window = options.window ?? Number.POSITIVE_INFINITY;
  const unfinished = new Set<number>();
  const pageSettled = createChangeSignal();
  const outsideWindow = () => unfinished.size > 0 && nextPage - Math.min(...unfinished) >= window;
  const worker = async () => {
    for (;;) {
      while (failure === null && nextPage <= lastPage && outsideWindow()) await pageSettled.next();
      if (failure !== null || nextPage > lastPage) return;
      const page = nextPage++;
      unfinished.add(page);
      try {
        let products: WooProduct[];
        try {
          products = (await fetchLimit(() => options.woo.listProducts({ ...base, page }))).products;
        } catch (error) {
          if (knownTotal === null && isPastLastPage(error)) products = [];
          else throw error;
        }
        if (knownTotal === null && products.length < perPage) lastPage = Math.min(lastPage, page);
        await options.onPage(page, products);
        pagesRead++;
        report(knownTotal);
      } catch (error) {
        failure ??= { error };
      } finally {
        unfinished.delete(page);
        pageSettled.notify();
      }
    }
  };
  if (lastPage > 1) await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return { pagesRead, pagesTotal: knownTotal ?? pagesRead, lastPage: Number.isFinite(lastPage) ? lastPage : pagesRead };
}
