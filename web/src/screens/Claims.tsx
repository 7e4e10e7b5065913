import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fetchClaimsLedger,
  reviewClaim,
  type ClaimScope,
  type LedgerClaim,
  type LedgerQuestion,
} from '../claims-api';
import { useFormat } from '../format';

/**
 * The claims ledger: the figures documents state, grouped by what they count, each beside the
 * register's own count of unique persons for the same scope. Editors confirm or reject proposals.
 */
export function ClaimsScreen({ canReview }: { canReview: boolean }) {
  const { t } = useTranslation();
  const [withRejected, setWithRejected] = useState(false);
  const ledger = useQuery({
    queryKey: ['claims', withRejected],
    queryFn: () => fetchClaimsLedger(withRejected),
  });
  return (
    <section aria-labelledby="claims-title">
      <h1 id="claims-title">{t('claims.title')}</h1>
      <p className="muted">{t('claims.intro')}</p>
      <label className="inline">
        <input
          type="checkbox"
          checked={withRejected}
          onChange={(e) => setWithRejected(e.target.checked)}
        />{' '}
        {t('claims.withRejected')}
      </label>
      {ledger.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : ledger.isError ? (
        <p className="problem" role="alert">
          {t('claims.failed', { message: ledger.error.message })}
        </p>
      ) : ledger.data.length === 0 ? (
        <p>{t('claims.none')}</p>
      ) : (
        ledger.data.map((q) => <Question key={q.category} question={q} canReview={canReview} />)
      )}
    </section>
  );
}

function Question({ question, canReview }: { question: LedgerQuestion; canReview: boolean }) {
  const { t } = useTranslation();
  const id = `claims-${question.category}`;
  return (
    <section aria-labelledby={id} className="claims-question">
      <h2 id={id}>{t(`claims.category.${question.category}`)}</h2>
      <div className="table-wrap">
        <table className="claims">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('claims.figure')}
              </th>
              <th scope="col">{t('claims.statedIn')}</th>
              <th scope="col">{t('claims.scope')}</th>
              <th scope="col">{t('claims.status')}</th>
              <th scope="col" className="num">
                {t('claims.register')}
              </th>
            </tr>
          </thead>
          <tbody>
            {question.claims.map((c) => (
              <ClaimRow key={c.id} claim={c} canReview={canReview} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ClaimRow({ claim, canReview }: { claim: LedgerClaim; canReview: boolean }) {
  const { t, i18n } = useTranslation();
  // Scopes are stored in the lexicon's English values; the Arabic workspace says them in Arabic.
  const scope = i18n.language === 'ar' ? claim.scopeInArabic : claim.scope;
  const format = useFormat();
  const queryClient = useQueryClient();
  const review = useMutation({
    mutationFn: (decision: 'confirm' | 'reject') => reviewClaim(claim.id, decision),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['claims'] }),
  });
  const figure =
    claim.category === 'share' ? `${format.number(claim.value)}%` : format.number(claim.value);
  return (
    <tr data-claim={claim.id}>
      <td className="num">
        <span className="muted small">{t(`claims.qualifier.${claim.qualifier}`)}</span>{' '}
        <strong>{figure}</strong>
      </td>
      <td>
        <span dir="auto">{claim.document.title}</span>
        {claim.document.source && (
          <span className="muted small" dir="auto">
            {' '}
            ({claim.document.source})
          </span>
        )}
        <blockquote dir="auto" className="quote">
          {claim.quote}
        </blockquote>
      </td>
      <td>
        <ScopeText scope={scope} />
      </td>
      <td>
        <span className={`claim-status claim-status-${claim.status}`}>
          {t(`claims.statusName.${claim.status}`)}
        </span>
        {canReview && claim.status === 'proposed' && (
          <span className="actions">
            <button
              type="button"
              disabled={review.isPending}
              onClick={() => review.mutate('confirm')}
            >
              {t('claims.confirm')}
            </button>{' '}
            <button
              type="button"
              className="secondary"
              disabled={review.isPending}
              onClick={() => review.mutate('reject')}
            >
              {t('claims.reject')}
            </button>
          </span>
        )}
        {review.isError && (
          <p className="problem" role="alert">
            {t('claims.reviewFailed', { message: review.error.message })}
          </p>
        )}
      </td>
      <td className="num">
        {claim.register.persons === null ? (
          <span className="muted">{t('common.unknown')}</span>
        ) : (
          <strong>{format.number(claim.register.persons)}</strong>
        )}
        {claim.register.notes.map((note) => (
          <p key={note.code} className="muted small">
            {t(`claims.note.${note.code}`, {
              ...note.params,
              // The note names the scope's population; say it as the scope is shown.
              ...(note.params.population !== undefined && { population: scope.population }),
              category: t(`claims.category.${note.params.category ?? 'other'}`, {
                defaultValue: note.params.category ?? '',
              }),
            })}
          </p>
        ))}
      </td>
    </tr>
  );
}

/** The parts of a scope the document gave, in words; "not stated" when it gave none. */
function ScopeText({ scope }: { scope: ClaimScope }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const place = scope.place
    ? [scope.place.site, scope.place.locality, scope.place.governorate, scope.place.country]
        .filter((p): p is string => p !== undefined)
        .join(i18n.language === 'ar' ? '، ' : ', ')
    : '';
  const date = (d: string | undefined): string => {
    if (!d) return '';
    // Partial dates (2014, 2014-03) are shown with the precision they have.
    const precision = d.length === 4 ? 'year' : d.length === 7 ? 'month' : 'day';
    const padded = precision === 'year' ? `${d}-01-01` : precision === 'month' ? `${d}-01` : d;
    return format.gregorianDate(padded, precision) ?? d;
  };
  const period =
    scope.period && (scope.period.start || scope.period.end)
      ? `${date(scope.period.start) || '…'} – ${date(scope.period.end) || '…'}`
      : '';
  const parts: [string, string][] = [
    ['population', scope.population ?? ''],
    ['place', place],
    ['perpetrator', scope.perpetrator ?? ''],
    ['period', period],
    ['asOf', date(scope.asOf)],
  ];
  const given = parts.filter(([, v]) => v !== '');
  if (given.length === 0) return <span className="muted">{t('claims.scopeNone')}</span>;
  return (
    <dl className="scope">
      {given.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`claims.scopePart.${key}`)}</dt>
          <dd dir="auto">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
