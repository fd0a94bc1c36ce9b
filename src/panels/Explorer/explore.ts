/**
 * The permutation explorer's data, as plain functions: every Part B order of the first k ≤ 5
 * spans, what each span sees under it, and how an order of those k spans goes back into the
 * full order when there are more spans.
 */
import { allOrders, spansSeen } from '../../glm';

/** At most this many spans are explored (5! = 120 orders). */
export const EXPLORE_LIMIT = 5;

export interface OrderRow {
  /** Part B order of the explored spans (span indices, first placed first). */
  order: number[];
  /** sees[i] = the spans span i can see under this order (sorted). */
  sees: number[][];
  /** Is this the current order (restricted to the explored spans)? */
  current: boolean;
}

/** The current order restricted to spans below k (their relative order). */
export function restrictOrder(order: readonly number[], k: number): number[] {
  return order.filter((s) => s < k);
}

/** All k! rows for the first k spans of `order`'s spans. */
export function orderRows(order: readonly number[], k: number): OrderRow[] {
  const cur = restrictOrder(order, k).join(',');
  return allOrders(k).map((o) => ({ order: o, sees: spansSeen(o), current: o.join(',') === cur }));
}

/**
 * The full order after choosing `sub` for the explored spans: the places the explored spans hold
 * in `order` are refilled with `sub`, in turn; the other spans keep their places.
 */
export function applySubOrder(order: readonly number[], sub: readonly number[], k: number): number[] {
  let j = 0;
  return order.map((s) => (s < k ? sub[j++]! : s));
}

/** In how many of the rows can span `a` see span `b`? */
export function countSeeing(rows: readonly OrderRow[], a: number, b: number): number {
  return rows.filter((r) => r.sees[a]!.includes(b)).length;
}
