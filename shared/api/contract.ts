// THE API contract between the renderer and the app (Electron IPC or the loopback bridge). Every call the renderer
// can make and every event it can receive is listed here once; preload, IPC registration and bridge are derived
// from these two objects, and a unit test checks all three against them.
import { s } from '../schema';
import { call, event } from './define';
import type { AppInfo, QueryProgressEvent } from './types';

export const CALLS = {
  'app.info': call(s.void()).returns<AppInfo>(),
} as const;

export const EVENTS = {
  'query.progress': event<QueryProgressEvent>(),
  /** An application-menu item was chosen (Electron only). */
  'menu.action': event<{ action: string }>(),
} as const;

export type Calls = typeof CALLS;
export type Events = typeof EVENTS;
export type CallName = keyof Calls;
export type EventName = keyof Events;

export const CALL_NAMES = Object.keys(CALLS) as CallName[];
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
