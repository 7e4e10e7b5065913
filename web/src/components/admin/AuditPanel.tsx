import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { AuditEventsTable } from './AuditEventsTable';
import { AuditFilters } from './AuditFilters';
import { VerifyChain } from './VerifyChain';
import { fetchAuditLog, noAuditFilter, type AuditFilter } from './admin-api';

/**
 * The audit log: newest first, filtered, a page at a time. Older pages are reached by the cursor
 * the server gives; the cursors of the pages seen are kept to go back to newer ones.
 */
export function AuditPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const [filter, setFilter] = useState<AuditFilter>(noAuditFilter);
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const log = useQuery({
    queryKey: ['audit-log', filter, cursor],
    queryFn: () => fetchAuditLog(filter, cursor),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <VerifyChain />
      <section aria-labelledby="admin-audit-title">
        <h2 id="admin-audit-title">{t('admin.audit.title')}</h2>
        <p className="muted small">{t('admin.audit.intro')}</p>
        <AuditFilters
          applied={filter}
          onApply={(next) => {
            setFilter(next);
            setCursors([null]);
          }}
        />
        {log.isPending ? (
          <p className="muted">{t('common.loading')}</p>
        ) : log.isError ? (
          <p className="problem" role="alert">
            {t('admin.loadFailed', { message: log.error.message })}
          </p>
        ) : log.data.events.length === 0 ? (
          <p>{t('admin.audit.none')}</p>
        ) : (
          <AuditEventsTable events={log.data.events} />
        )}
        <div className="admin-pager">
          <button
            type="button"
            className="secondary"
            disabled={cursors.length === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('admin.audit.newer')}
          </button>
          <span className="muted small">
            {t('admin.audit.page', { page: format.number(cursors.length) })}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={!log.data?.next || log.isPlaceholderData}
            onClick={() => {
              const next = log.data?.next;
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            {t('admin.audit.older')}
          </button>
        </div>
      </section>
    </>
  );
}
