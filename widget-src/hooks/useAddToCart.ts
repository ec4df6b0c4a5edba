/**
 * One card's purchase state: the shopper's choice of each attribute, quantity, and the
 * add-to-cart request. Nothing is chosen for the shopper (the card does not say which
 * variation is the store's default): Add to cart with a choice missing asks for it instead.
 * A ref (not state) guards the request, so a double click sends exactly one even before
 * React re-renders the disabled button — the original widget's duplicate-items bug.
 */
import { useCallback, useRef, useState } from '@wordpress/element';
import type { ProductCard, VariationOption } from '../../proxy/src/contract/events';
import { StoreApiError, type AddItemInput } from '../cart/storeCart';

export type AddToCartStatus = 'idle' | 'adding' | 'added' | 'error';

/** One attribute the shopper chooses, e.g. { name: "מידה", options: ["S", "M"] }. */
export interface AttributeChoice {
  name: string;
  /** Values still possible with the other attributes as chosen. */
  options: string[];
}

export interface UseAddToCart {
  /** Variations the shopper can buy (out-of-stock ones are left out). */
  variations: VariationOption[];
  attributes: AttributeChoice[];
  /** Attribute name → chosen value. */
  chosen: Record<string, string>;
  /** `''` clears the choice. */
  choose(attribute: string, value: string): void;
  /** The variation the choices name, once every attribute is chosen. */
  selected: VariationOption | null;
  /** The attribute Add to cart asked for; null once the shopper chooses it. */
  missing: string | null;
  /** Grows each time Add to cart asks for a choice, so the card can move focus there again. */
  choiceRequest: number;
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

/** A variation without a value for an attribute accepts any value of it ("Any size" in WooCommerce). */
function fits(variation: VariationOption, chosen: Record<string, string>, except?: string): boolean {
  return Object.entries(chosen).every(
    ([name, value]) => name === except || !variation.attributes[name] || variation.attributes[name] === value,
  );
}

/** The attributes in the order the variations name them; each with the values the other choices leave. */
export function attributeChoices(variations: VariationOption[], chosen: Record<string, string>): AttributeChoice[] {
  const names: string[] = [];
  for (const variation of variations) {
    for (const name of Object.keys(variation.attributes)) if (!names.includes(name)) names.push(name);
  }
  const valuesOf = (list: VariationOption[], name: string) => {
    const values: string[] = [];
    for (const variation of list) {
      const value = variation.attributes[name];
      if (value && !values.includes(value)) values.push(value);
    }
    return values;
  };
  return names.map((name) => {
    const fitting = variations.filter((v) => fits(v, chosen, name));
    // A fitting variation that takes any value of this attribute leaves every value open.
    const options = valuesOf(fitting.some((v) => !v.attributes[name]) ? variations : fitting, name);
    return { name, options };
  });
}

export function useAddToCart(product: ProductCard, addItem: AddItemFn | null): UseAddToCart {
  const variations = purchasableVariations(product);
  const variable = isVariable(product);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const [choiceRequest, setChoiceRequest] = useState(0);
  const [quantity, setQuantityState] = useState(1);
  const [status, setStatus] = useState<AddToCartStatus>('idle');
  const [errorMessage, setErrorMessage] = useState('');
  const busy = useRef(false);

  const attributes = attributeChoices(variations, chosen);
  const complete = attributes.every((a) => chosen[a.name]);
  const selected = variable && complete ? (variations.find((v) => fits(v, chosen)) ?? null) : null;
  const maxQuantity =
    !variable && typeof product.stock_quantity === 'number' && product.stock_quantity > 0 ? product.stock_quantity : null;
  const inStock = variable ? variations.length > 0 : product.stock_status !== 'outofstock';
  const canBuy = addItem !== null && inStock;

  const choose = useCallback((attribute: string, value: string) => {
    setChosen((current) => {
      const next = { ...current };
      if (value) next[attribute] = value;
      else delete next[attribute];
      return next;
    });
    setMissing((current) => (current === attribute && value ? null : current));
  }, []);

  const setQuantity = useCallback(
    (next: number) => {
      const whole = Number.isFinite(next) ? Math.floor(next) : 1;
      setQuantityState(Math.max(1, maxQuantity ? Math.min(whole, maxQuantity) : whole));
    },
    [maxQuantity],
  );

  const firstUnchosen = attributes.find((a) => !chosen[a.name])?.name ?? attributes[0]?.name ?? null;
  const addToCart = useCallback(() => {
    if (busy.current || !addItem || !inStock) {
      return;
    }
    if (variable && !selected) {
      setMissing(firstUnchosen);
      setChoiceRequest((n) => n + 1);
      return;
    }
    busy.current = true;
    setStatus('adding');
    setErrorMessage('');
    const input: AddItemInput = selected
      ? {
          id: selected.id,
          quantity,
          // Every attribute as chosen, including those the variation leaves open ("any").
          variation: attributes.map(({ name }) => ({ attribute: name, value: chosen[name] ?? '' })),
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
  }, [addItem, inStock, variable, selected, firstUnchosen, quantity, product.id, attributes, chosen]);

  return {
    variations,
    attributes,
    chosen,
    choose,
    selected,
    missing,
    choiceRequest,
    quantity,
    setQuantity,
    maxQuantity,
    canBuy,
    status,
    errorMessage,
    addToCart,
  };
}
