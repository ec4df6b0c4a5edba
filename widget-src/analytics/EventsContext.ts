/**
 * How components report analytics events without prop drilling: PanelApp provides the
 * queue's `track`, a component calls `useTrack()(event)`. Outside a provider it does nothing.
 */
import { createContext, useContext } from '@wordpress/element';
import type { WidgetEventBody } from '../../proxy/src/contract/events';

export type TrackFn = (event: WidgetEventBody) => void;

const noop: TrackFn = () => undefined;

export const EventsContext = createContext<TrackFn>(noop);

export function useTrack(): TrackFn {
  return useContext(EventsContext);
}
