/**
 * The photo attached to the message being written: picked, made small (photos/preparePhoto.ts),
 * removed, or taken by a send. A newer pick wins over one still being prepared.
 */
import { useCallback, useRef, useState } from '@wordpress/element';
import { PhotoError, preparePhoto, type PhotoProblem, type PreparedPhoto } from '../photos/preparePhoto';

export interface PhotoDraft {
  photo: PreparedPhoto | null;
  preparing: boolean;
  problem: PhotoProblem | null;
  pick(file: File): void;
  remove(): void;
  /** Hands the photo over (for a send) and clears the draft. */
  take(): PreparedPhoto | null;
}

export function usePhotoDraft(prepare: (file: File) => Promise<PreparedPhoto> = preparePhoto): PhotoDraft {
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [problem, setProblem] = useState<PhotoProblem | null>(null);
  const pickRef = useRef(0);
  const photoRef = useRef<PreparedPhoto | null>(null);

  const set = (next: PreparedPhoto | null) => {
    photoRef.current = next;
    setPhoto(next);
  };

  const pick = useCallback(
    (file: File) => {
      const id = ++pickRef.current;
      setPreparing(true);
      setProblem(null);
      prepare(file).then(
        (prepared) => {
          if (id !== pickRef.current) return;
          set(prepared);
          setPreparing(false);
        },
        (error: unknown) => {
          if (id !== pickRef.current) return;
          setProblem(error instanceof PhotoError ? error.problem : 'unreadable');
          setPreparing(false);
        },
      );
    },
    [prepare],
  );

  const remove = useCallback(() => {
    pickRef.current++;
    set(null);
    setPreparing(false);
    setProblem(null);
  }, []);

  const take = useCallback(() => {
    const taken = photoRef.current;
    remove();
    return taken;
  }, [remove]);

  return { photo, preparing, problem, pick, remove, take };
}
