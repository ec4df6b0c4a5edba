/**
 * A scripted stand-in for the browser's SpeechRecognition: records what the widget set and
 * called, and lets a test deliver results, errors and the end of the recognition.
 */
import type { Recognition, RecognitionErrorEvent, RecognitionResultEvent } from '../../voice/recognition';

export class FakeRecognition implements Recognition {
  static instances: FakeRecognition[] = [];
  /** When set, start() throws it (a browser that refuses to start twice). */
  static startError: Error | null = null;

  lang = '';
  continuous = false;
  interimResults = false;
  maxAlternatives = 0;
  onresult: ((event: RecognitionResultEvent) => void) | null = null;
  onerror: ((event: RecognitionErrorEvent) => void) | null = null;
  onend: (() => void) | null = null;
  started = 0;
  stopped = 0;
  aborted = 0;

  constructor() {
    FakeRecognition.instances.push(this);
  }

  static reset(): void {
    FakeRecognition.instances = [];
    FakeRecognition.startError = null;
  }

  static latest(): FakeRecognition {
    const last = FakeRecognition.instances.at(-1);
    if (!last) throw new Error('no recognition was created');
    return last;
  }

  start(): void {
    if (FakeRecognition.startError) throw FakeRecognition.startError;
    this.started += 1;
  }

  stop(): void {
    this.stopped += 1;
  }

  abort(): void {
    this.aborted += 1;
  }

  /** Delivers the session's results so far, as [transcript, isFinal] pairs. */
  hear(...results: Array<[string, boolean]>): void {
    const list = results.map(([transcript, isFinal]) => Object.assign([{ transcript }], { isFinal }));
    this.onresult?.({ results: list });
  }

  fail(error: string): void {
    this.onerror?.({ error });
    this.onend?.();
  }

  end(): void {
    this.onend?.();
  }
}
