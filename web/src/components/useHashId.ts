import { useEffect, useState } from 'react';

function readHashId(screen: string): number | null {
  const match = new RegExp(`^#/${screen}/([0-9]{1,10})$`).exec(window.location.hash);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 && id < 2 ** 31 ? id : null;
}

/** The number after `#/<screen>/` in the address, kept up to date; null when there is none. */
export function useHashId(screen: string): number | null {
  const [id, setId] = useState(() => readHashId(screen));
  useEffect(() => {
    const onChange = () => setId(readHashId(screen));
    onChange();
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [screen]);
  return id;
}
