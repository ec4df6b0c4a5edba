/** Cursor pagination as the list endpoints do it: `limit`, `order`, `after` (an item id). */
import { invalidRequest } from '../errors';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export function paginate<T extends { id: string }>(
  itemsOldestFirst: T[],
  query: Record<string, string>,
  defaults: { order: 'asc' | 'desc'; limit: number; maxLimit: number },
): ListPage<T> {
  const order = query.order ?? defaults.order;
  if (order !== 'asc' && order !== 'desc') {
    throw invalidRequest(400, `Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, 'order', 'invalid_value');
  }
  const limit = query.limit === undefined ? defaults.limit : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > defaults.maxLimit) {
    throw invalidRequest(
      400,
      `Invalid 'limit': integer above maximum value. Expected a value <= ${defaults.maxLimit}, but got ${query.limit} instead.`,
      'limit',
      'integer_above_max_value',
    );
  }
  const ordered = order === 'asc' ? itemsOldestFirst : [...itemsOldestFirst].reverse();
  let start = 0;
  if (query.after) {
    const index = ordered.findIndex((item) => item.id === query.after);
    start = index === -1 ? ordered.length : index + 1;
  }
  const data = ordered.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + limit < ordered.length,
  };
}
