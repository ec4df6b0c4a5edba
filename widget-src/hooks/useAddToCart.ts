/**
 * One card's purchase state: chosen variation, quantity, and the add-to-cart request.
 * A ref (not state) guards the request, so a double click sends exactly one even before
 * React re-renders the disabled button — the original widget's duplicate-items bug.
 */
import { useCallback, useRef, useState } from '@wordpress/element';
import type { ProductCard, VariationOption } from '../../proxy/src/contract/events';
import { StoreApiError, type AddItemInput } from '../cart/storeCart';

export type AddToCartStatus = 'idle' | 'adding' | 'added' | 'error';

export interface UseAddToCart {
  /** Variations the shopper can buy (out-of-stock ones are left out). */
  variations: VariationOption[];
  selected: VariationOption | null;
  selectVariation(id: number): void;
  quantity: number;
  setQuantity(quantity: number): void;
  /** Largest quantity the store reports, or null when unlimited/unknown. */
  maxQuantity: number | null;
  canBuy: boolean;
  status: AddToCartStatus;
  errorMessage: string;
  addToCart(): void;
}

export type AddItemFn = (input: AddItemInput) => Promise<void>;

export function purchasableVariations(product: ProductCard): VariationOption[] {
  return product.variations.filter((v) => v.stock_status !== 'outofstock');
}

export function isVariable(product: ProductCard): boolean {
  return product.type === 'variable' || product.variations.length > 0;
}

export function useAddToCart(product: ProductCard, addItem: AddItemFn | null): UseAddToCart {
  const variations = purchasableVariations(product);
  const variable = isVariable(product);
  const [selectedId, setSelectedId] = useState<number | null>(variations[0]?.id ?? null);
  const [quantity, setQuantityState] = useState(1);
  const [status, setStatus] = useState<AddToCartStatus>('idle');
  const [errorMessage, setErrorMessage] = useState('');
  const busy = useRef(false);

  const selected = variable ? (variations.find((v) => v.id === selectedId) ?? null) : null;
  const maxQuantity =
    !variable && typeof product.stock_quantity === 'number' && product.stock_quantity > 0 ? product.stock_quantity : null;
  const inStock = variable ? selected !== null : product.stock_status !== 'outofstock';
  const canBuy = addItem !== null && inStock;

  const setQuantity = useCallback(
    (next: number) => {
      const whole = Number.isFinite(next) ? Math.floor(next) : 1;
      setQuantityState(Math.max(1, maxQuantity ? Math.min(whole, maxQuantity) : whole));
    },
    [maxQuantity],
  );

  const addToCart = useCallback(() => {
    if (busy.current || !addItem || !inStock) {
      return;
    }
    busy.current = true;
    setStatus('adding');
    setErrorMessage('');
    const input: AddItemInput = selected
      ? {
          id: selected.id,
          quantity,
          variation: Object.entries(selected.attributes).map(([attribute, value]) => ({ attribute, value })),
        }
      : { id: product.id, quantity };
    addItem(input).then(
      () => {
        busy.current = false;
        setStatus('added');
      },
      (error: unknown) => {
        busy.current = false;
        setStatus('error');
        // The store's own words when it refused; the card shows a generic message otherwise.
        setErrorMessage(error instanceof StoreApiError ? error.message : '');
      },
    );
  }, [addItem, inStock, selected, quantity, product.id]);

  return {
    variations,
    selected,
    selectVariation: setSelectedId,
    quantity,
    setQuantity,
    maxQuantity,
    canBuy,
    status,
    errorMessage,
    addToCart,
  };
}
