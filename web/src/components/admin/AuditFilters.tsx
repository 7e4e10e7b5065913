import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAccounts, fetchAuditVocabulary, noAuditFilter, type AuditFilter } from './admin-api';

/** The audit log's filters, applied together when the form is sent. */
export function AuditFilters({
  applied,
  onApply,
}: {
  applied: AuditFilter;
  onApply: (filter: AuditFilter) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(applied);
  const vocabulary = useQuery({
    queryKey: ['audit-vocabulary'],
    queryFn: fetchAuditVocabulary,
    staleTime: 60_000,
  });
  const accounts = useQuery({ queryKey: ['admin-accounts'], queryFn: fetchAccounts });
  const set = (key: keyof AuditFilter) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const choices = (values: string[] | undefined, current: string) =>
    // The current value stays offered even before the vocabulary arrives.
    [...new Set([...(values ?? []), ...(current ? [current] : [])])].sort();

  return (
    <form className="admin-filters" onSubmit={submit} aria-label={t('admin.audit.filters')}>
      <label className="admin-grow">
        {t('admin.audit.who')}
        <input
          name="actor"
          dir="auto"
          list="audit-actors"
          maxLength={254}
          value={draft.actor}
          placeholder={t('admin.audit.whoHint')}
          onChange={(e) => set('actor')(e.target.value)}
        />
        <datalist id="audit-actors">
          {(accounts.data ?? []).map((a) => (
            <option key={a.id} value={a.email} />
          ))}
        </datalist>
      </label>
      <label>
        {t('admin.audit.action')}
        <select name="action" value={draft.action} onChange={(e) => set('action')(e.target.value)}>
          <option value="">{t('admin.audit.any')}</option>
          {choices(vocabulary.data?.actions, draft.action).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.audit.entityType')}
        <select
          name="entityType"
          value={draft.entityType}
          onChange={(e) => set('entityType')(e.target.value)}
        >
          <option value="">{t('admin.audit.any')}</option>
          {choices(vocabulary.data?.entityTypes, draft.entityType).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.audit.from')}
        <input
          name="from"
          type="date"
          value={draft.from}
          onChange={(e) => set('from')(e.target.value)}
        />
      </label>
      <label>
        {t('admin.audit.to')}
        <input name="to" type="date" value={draft.to} onChange={(e) => set('to')(e.target.value)} />
      </label>
      <div className="admin-filter-buttons">
        <button type="submit">{t('admin.audit.apply')}</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(noAuditFilter);
            onApply(noAuditFilter);
          }}
        >
          {t('admin.audit.clear')}
        </button>
      </div>
    </form>
  );
}
