import { useEffect, useState } from 'react';

const uploadHash = /^#\/import\/([0-9a-f]{32})$/;

function readUploadId(): string | null {
  return uploadHash.exec(window.location.hash)?.[1] ?? null;
}

/** The upload the address names (`#/import/<id>`), kept up to date; null on `#/import`. */
export function useUploadId(): string | null {
  const [id, setId] = useState(readUploadId);
  useEffect(() => {
    const onChange = () => setId(readUploadId());
    onChange();
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return id;
}

export function showUpload(id: string | null): void {
  window.location.hash = id ? `#/import/${id}` : '#/import';
}
