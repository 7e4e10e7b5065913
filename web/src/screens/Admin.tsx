import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchSession } from '../api';
import { AccountsPanel } from '../components/admin/AccountsPanel';
import { AuditPanel } from '../components/admin/AuditPanel';
import { BackupPanel } from '../components/admin/BackupPanel';
import {
  sectionHash,
  useAdminSection,
  type AdminSection,
} from '../components/admin/useAdminSection';

const sections: AdminSection[] = ['accounts', 'audit', 'backup'];

/**
 * The Admin screen, for administrators (the server refuses everyone else too): accounts and
 * roles, the audit log with its chain check, and backups.
 */
export function AdminScreen() {
  const { t } = useTranslation();
  const session = useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: Infinity });
  const section = useAdminSection();
  const user = session.data?.user;

  return (
    <section aria-labelledby="admin-title" className="admin">
      <h1 id="admin-title">{t('admin.title')}</h1>
      {user?.role !== 'admin' ? (
        <p className="problem" role="alert">
          {t('admin.notAllowed')}
        </p>
      ) : (
        <>
          <nav className="admin-sections" aria-label={t('admin.sectionsLabel')}>
            {sections.map((s) => (
              <a key={s} href={sectionHash(s)} aria-current={section === s ? 'page' : undefined}>
                {t(`admin.sections.${s}`)}
              </a>
            ))}
          </nav>
          {section === 'audit' ? (
            <AuditPanel />
          ) : section === 'backup' ? (
            <BackupPanel />
          ) : (
            <AccountsPanel selfId={user.id} />
          )}
        </>
      )}
    </section>
  );
}
