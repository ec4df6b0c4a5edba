/**
 * The parts of the Web Speech API's SpeechRecognition the widget uses, typed here because
 * TypeScript's DOM library does not declare the constructor (Chrome, Edge and Safari still
 * ship it as `webkitSpeechRecognition`; Firefox has none).
 */

export interface RecognitionAlternative {
  readonly transcript: string;
}

export interface RecognitionResult {
  readonly isFinal: boolean;
  readonly length: number;
  readonly [index: number]: RecognitionAlternative | undefined;
}

export interface RecognitionResultList {
  readonly length: number;
  readonly [index: number]: RecognitionResult | undefined;
}

export interface RecognitionResultEvent {
  readonly results: RecognitionResultList;
}

export interface RecognitionErrorEvent {
  /** `not-allowed`, `service-not-allowed`, `no-speech`, `audio-capture`, `network`, `aborted`, … */
  readonly error: string;
}

export interface Recognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  maxAlternatives: number;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onerror: ((event: RecognitionErrorEvent) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}

export type RecognitionConstructor = new () => Recognition;

/** The browser's speech recognition, or null where there is none (the microphone button then hides). */
export function speechRecognitionOf(win: Window | undefined): RecognitionConstructor | null {
  if (!win) {
    return null;
  }
  const speech = win as Window & { SpeechRecognition?: unknown; webkitSpeechRecognition?: unknown };
  const ctor = speech.SpeechRecognition ?? speech.webkitSpeechRecognition;
  return typeof ctor === 'function' ? (ctor as RecognitionConstructor) : null;
}

/**
 * Everything heard so far in this recognition, final and interim alike: a continuous
 * recognition's `results` holds the whole session, so the text is rebuilt from all of it.
 */
export function transcriptOf(results: RecognitionResultList): string {
  let text = '';
  for (let i = 0; i < results.length; i += 1) {
    text += results[i]?.[0]?.transcript ?? '';
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** What was typed before the shopper started talking, then what they said. */
export function joinDraft(typed: string, heard: string): string {
  const before = typed.trimEnd();
  if (heard === '') {
    return before;
  }
  return before === '' ? heard : `${before} ${heard}`;
}

export type VoiceError = 'denied' | 'no-speech' | 'no-microphone' | 'network' | 'failed';

/** The shopper-facing kind of a recognition error; null for `aborted` (the widget stopped it). */
export function voiceErrorOf(code: string): VoiceError | null {
  switch (code) {
    case 'aborted':
      return null;
    case 'not-allowed':
    case 'service-not-allowed':
      return 'denied';
    case 'no-speech':
      return 'no-speech';
    case 'audio-capture':
      return 'no-microphone';
    case 'network':
      return 'network';
    default:
      return 'failed';
  }
}
