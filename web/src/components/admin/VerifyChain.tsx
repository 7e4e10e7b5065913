import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { verifyAuditChain } from './admin-api';

/** Recomputes the audit trail's hash chain on the server and says whether, and where, it breaks. */
export function VerifyChain() {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useMutation({ mutationFn: verifyAuditChain });
  const result = verify.data;
  return (
    <section aria-labelledby="admin-verify-title" className="admin-card">
      <h2 id="admin-verify-title">{t('admin.audit.verifyTitle')}</h2>
      <p className="muted small">{t('admin.audit.verifyIntro')}</p>
      <button type="button" disabled={verify.isPending} onClick={() => verify.mutate()}>
        {verify.isPending ? t('admin.audit.verifying') : t('admin.audit.verify')}
      </button>
      {verify.isError && (
        <p className="problem" role="alert">
          {t('admin.failed', { message: verify.error.message })}
        </p>
      )}
      {result && (
        <p
          className={result.ok ? 'admin-verified' : 'problem'}
          role={result.ok ? 'status' : 'alert'}
          data-testid="audit-verification"
        >
          {result.ok
            ? t('admin.audit.chainHolds', { events: format.count('events', result.events) })
            : t('admin.audit.chainBroken', {
                id: format.number(result.brokenAt ?? 0),
                events: format.number(result.events),
                reason: result.reason ?? '',
              })}
        </p>
      )}
    </section>
  );
}
