/// <reference types="node" />
/**
 * jsdom lacks some web platform pieces Node has (streams, TextDecoder in older jsdom):
 * borrow Node's, which follow the same standards.
 */
import { ReadableStream } from 'node:stream/web';
import { TextDecoder, TextEncoder } from 'node:util';

const globals = globalThis as Record<string, unknown>;
globals.ReadableStream ??= ReadableStream;
globals.TextEncoder ??= TextEncoder;
globals.TextDecoder ??= TextDecoder;
// Testing Library's act() environment flag for React 18.
globals.IS_REACT_ACT_ENVIRONMENT = true;
