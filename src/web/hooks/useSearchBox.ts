import { useEffect, useRef, useState } from 'react';
import { useDebounced } from './useDebounced.ts';

/**
 * A search box bound to a value kept elsewhere (the address bar): typing pushes the text once the
 * user pauses; a change from outside (Back, a menu click that clears the list) refills the box.
 */
export function useSearchBox(current: string | undefined, push: (q: string) => void, ms = 300) {
  const [text, setText] = useState(current ?? '');
  const debounced = useDebounced(text.trim(), ms);
  const last = useRef(current ?? '');

  useEffect(() => {
    if (debounced !== last.current) {
      last.current = debounced;
      push(debounced);
    }
  }, [debounced, push]);

  useEffect(() => {
    const q = current ?? '';
    if (q !== last.current) {
      last.current = q;
      setText(q);
    }
  }, [current]);

  return [text, setText] as const;
}
