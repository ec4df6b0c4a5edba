/**
 * Voice input through the browser's speech recognition, in the page's language. The
 * microphone is on only between the shopper's toggle and the end of the recognition: sending,
 * closing the panel, an error or leaving the page stops it. What is heard (interim results
 * included) fills the message box after whatever was already typed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from '@wordpress/element';
import {
  joinDraft,
  speechRecognitionOf,
  transcriptOf,
  voiceErrorOf,
  type Recognition,
  type VoiceError,
} from '../voice/recognition';

export interface VoiceInput {
  /** The browser has speech recognition; without it there is no microphone button. */
  supported: boolean;
  listening: boolean;
  error: VoiceError | null;
  toggle: () => void;
  /** Stops at once and drops words not yet delivered (on send, and when the panel closes). */
  cancel: () => void;
}

export interface VoiceInputOptions {
  /** BCP 47 language of the recognition, e.g. `he-IL`, `ar`. */
  lang: string;
  /** The panel is open; closing it stops the microphone. */
  active: boolean;
  draft: string;
  onDraftChange: (text: string) => void;
}

function detach(recognition: Recognition): void {
  recognition.onresult = null;
  recognition.onerror = null;
  recognition.onend = null;
}

export function useVoiceInput({ lang, active, draft, onDraftChange }: VoiceInputOptions): VoiceInput {
  const Recognizer = useMemo(() => speechRecognitionOf(typeof window === 'undefined' ? undefined : window), []);
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<VoiceError | null>(null);
  const current = useRef<Recognition | null>(null);
  // Read by the recognition's callbacks, which outlive the render that made them.
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const onDraftRef = useRef(onDraftChange);
  onDraftRef.current = onDraftChange;

  // What is on screen, for cancel(): sending calls it every time, and a state update there,
  // even to the same value, would cost the chat a render while its answer starts.
  const shown = useRef({ listening, error });
  shown.current = { listening, error };

  const cancel = useCallback(() => {
    const recognition = current.current;
    current.current = null;
    if (recognition) {
      detach(recognition);
      recognition.abort();
    }
    if (shown.current.listening) setListening(false);
    if (shown.current.error) setError(null);
  }, []);

  const start = useCallback(() => {
    if (!Recognizer) {
      return;
    }
    cancel();
    const recognition = new Recognizer();
    recognition.lang = lang;
    recognition.continuous = true;
    recognition.interimResults = true;
    recognition.maxAlternatives = 1;
    const typed = draftRef.current;
    recognition.onresult = (event) => {
      if (current.current === recognition) {
        onDraftRef.current(joinDraft(typed, transcriptOf(event.results)));
      }
    };
    recognition.onerror = (event) => {
      if (current.current !== recognition) {
        return;
      }
      current.current = null;
      detach(recognition);
      recognition.abort();
      setListening(false);
      setError(voiceErrorOf(event.error));
    };
    recognition.onend = () => {
      if (current.current === recognition) {
        current.current = null;
        setListening(false);
      }
    };
    current.current = recognition;
    try {
      recognition.start();
      setListening(true);
    } catch {
      current.current = null;
      detach(recognition);
      setError('failed');
    }
  }, [Recognizer, lang, cancel]);

  // Toggling off lets the recognition deliver its last words (its `end` then clears it).
  const stop = useCallback(() => {
    setListening(false);
    current.current?.stop();
  }, []);

  const toggle = useCallback(() => (listening ? stop() : start()), [listening, start, stop]);

  useEffect(() => {
    if (!active) {
      cancel();
    }
  }, [active, cancel]);
  useEffect(() => cancel, [cancel]);

  return { supported: Recognizer !== null, listening, error, toggle, cancel };
}
