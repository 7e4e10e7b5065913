import { useEffect, useState } from 'react';

export type AdminSection = 'accounts' | 'audit' | 'backup';

/** #/admin, #/admin/audit, #/admin/backup. */
function sectionFromHash(): AdminSection {
  const hash = window.location.hash;
  if (hash === '#/admin/audit') return 'audit';
  if (hash === '#/admin/backup') return 'backup';
  return 'accounts';
}

export function sectionHash(section: AdminSection): string {
  return section === 'accounts' ? '#/admin' : `#/admin/${section}`;
}

export function useAdminSection(): AdminSection {
  const [section, setSection] = useState(sectionFromHash);
  useEffect(() => {
    const onChange = () => setSection(sectionFromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return section;
}
