import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  decideReviewPair,
  fetchNextReviewPairs,
  undoReviewDecision,
  type ReviewPair,
  type ReviewRecord,
} from '../api';
import { DiffersMark } from '../components/DiffersMark';
import { ReviewReasons } from '../components/ReviewReasons';
import { useFormat } from '../format';

type Verdict = 'same' | 'different';

/** A decision taken in this session, kept so that U can undo it. */
interface Taken {
  pair: ReviewPair;
  decisionId: number;
}

type Status = { kind: 'done' | 'problem'; text: string } | null;

const pairKey = (p: ReviewPair) => `${p.recordA}-${p.recordB}`;

/** True when `x` comes after `y` in queue order (priority first, then record ids). */
function comesAfter(x: ReviewPair, y: ReviewPair): boolean {
  if (x.priority !== y.priority) return x.priority < y.priority;
  return x.recordA !== y.recordA ? x.recordA > y.recordA : x.recordB > y.recordB;
}

/** Keys typed into a text field are text, not commands. */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)
  );
}

function PairTable({ pair }: { pair: ReviewPair }) {
  const { t } = useTranslation();
  const format = useFormat();
  const unknown = t('common.unknown');
  const rows: [string, (r: ReviewRecord) => ReactNode, (r: ReviewRecord) => string | null][] = [
    [t('record.name'), (r) => r.name && <bdi lang="ar">{r.name}</bdi>, (r) => r.name],
    [
      t('record.nameLatin'),
      (r) => r.nameLatin && <bdi lang="en">{r.nameLatin}</bdi>,
      (r) => r.nameLatin,
    ],
    [t('record.sex'), (r) => r.sex && t(`sex.${r.sex}`, { defaultValue: r.sex }), (r) => r.sex],
    [
      t('record.age'),
      (r) => (r.age === null ? null : format.number(r.age)),
      (r) => (r.age === null ? null : String(r.age)),
    ],
    [t('review.birth'), (r) => dateRange(r.birthDate, format), (r) => r.birthDate],
    [t('review.event'), (r) => dateRange(r.eventDate, format), (r) => r.eventDate],
    [t('record.place'), (r) => r.place && <bdi>{r.place}</bdi>, (r) => r.place || null],
    [t('review.source'), (r) => <code dir="ltr">{r.source}</code>, () => null],
    [
      t('review.sourceId'),
      (r) => r.sourceRecordId && <code dir="ltr">{r.sourceRecordId}</code>,
      () => null,
    ],
  ];
  const heading = (r: ReviewRecord) => (
    <th scope="col">
      {t('review.record', { id: format.number(r.id) })}
      <br />
      <a
        href={`#/person/${r.personId}`}
        target="_blank"
        rel="noopener"
        className="small"
        aria-label={t('review.openPerson', { id: format.number(r.personId) })}
      >
        {t('review.person', { id: format.number(r.personId) })}
      </a>
    </th>
  );
  return (
    <div className="table-wrap">
      <table className="review-pair">
        <thead>
          <tr>
            <th scope="col">{t('person.field')}</th>
            {heading(pair.a)}
            {heading(pair.b)}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, show, compare]) => {
            const a = compare(pair.a);
            const b = compare(pair.b);
            const differing = a !== null && b !== null && a !== b;
            return (
              <tr key={label} className={differing ? 'person-differs' : undefined}>
                <th scope="row">
                  {label}
                  {differing && <DiffersMark />}
                </th>
                <td>{show(pair.a) || unknown}</td>
                <td>{show(pair.b) || unknown}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "2013-08-21" or "2013-08-01…2013-08-31" (as the queue gives dates) for reading. */
function dateRange(value: string | null, format: ReturnType<typeof useFormat>): string | null {
  if (!value) return null;
  const [start, end] = value.split('…');
  if (!end) return format.date(start ?? null);
  return `${format.date(start ?? null)} – ${format.date(end)}`;
}

function KeyHelp() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="review-keys-title" className="review-keys">
      <h2 id="review-keys-title">{t('review.keysTitle')}</h2>
      <dl>
        <div>
          <dt>
            <kbd>S</kbd>
          </dt>
          <dd>{t('review.keySame')}</dd>
        </div>
        <div>
          <dt>
            <kbd>D</kbd>
          </dt>
          <dd>{t('review.keyDifferent')}</dd>
        </div>
        <div>
          <dt>
            <kbd>K</kbd> {t('review.skipOr')} <kbd>{t('review.onwardsArrow')}</kbd>
          </dt>
          <dd>{t('review.keySkip')}</dd>
        </div>
        <div>
          <dt>
            <kbd>U</kbd>
          </dt>
          <dd>{t('review.keyUndo')}</dd>
        </div>
      </dl>
      <p className="small muted">{t('review.keysNote')}</p>
    </section>
  );
}

/**
 * The review queue, driven from the keyboard: S same, D different, K (or the arrow pointing
 * onwards in the reading direction: ← in Arabic, → in English) skip, U undo the last decision.
 */
export function ReviewScreen() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  // The pair last skipped: the queue is read from just after it.
  const [cursor, setCursor] = useState<ReviewPair | null>(null);
  const [skipped, setSkipped] = useState(0);
  const [includeRestricted, setIncludeRestricted] = useState(false);
  const [taken, setTaken] = useState<Taken[]>([]);
  // A pair whose decision was just undone, shown again before the rest of the queue.
  const [revisit, setRevisit] = useState<ReviewPair | null>(null);
  const [status, setStatus] = useState<Status>(null);

  const next = useQuery({
    queryKey: ['review-next', cursor && pairKey(cursor), includeRestricted],
    queryFn: () => fetchNextReviewPairs({ after: cursor && pairKey(cursor), includeRestricted }),
  });
  const current = revisit ?? next.data?.pairs[0] ?? null;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['review-next'] });
    await queryClient.invalidateQueries({ queryKey: ['person'] });
  };

  const decide = useMutation({
    mutationFn: ({ pair, decision }: { pair: ReviewPair; decision: Verdict }) =>
      decideReviewPair({ recordA: pair.recordA, recordB: pair.recordB, decision }),
    onSuccess: async (result, { pair }) => {
      setTaken((list) => [...list, { pair, decisionId: result.decision.id }]);
      setRevisit(null);
      const n = format.number;
      setStatus({
        kind: 'done',
        text: !result.changed
          ? t('review.unchanged')
          : result.decision.decision === 'same'
            ? t('review.decidedSame', {
                a: n(pair.recordA),
                b: n(pair.recordB),
                person: n(result.personsAfter.a),
              })
            : t('review.decidedDifferent', {
                a: n(pair.recordA),
                b: n(pair.recordB),
                pa: n(result.personsAfter.a),
                pb: n(result.personsAfter.b),
              }),
      });
      await refresh();
    },
    onError: (error) =>
      setStatus({ kind: 'problem', text: t('review.failed', { message: error.message }) }),
  });

  const undo = useMutation({
    mutationFn: (last: Taken) => undoReviewDecision(last.decisionId),
    onSuccess: async (result, last) => {
      setTaken((list) => list.slice(0, -1));
      setRevisit(last.pair);
      setStatus({
        kind: 'done',
        text: result.personsRestored
          ? t('review.undone', {
              a: format.number(last.pair.recordA),
              b: format.number(last.pair.recordB),
            })
          : t('review.undoneKept', { reason: result.notRestoredBecause ?? '' }),
      });
      await refresh();
    },
    onError: (error) =>
      setStatus({ kind: 'problem', text: t('review.failed', { message: error.message }) }),
  });
  const busy = decide.isPending || undo.isPending;

  const actions = {
    decide: (decision: Verdict) => {
      if (current && !busy) decide.mutate({ pair: current, decision });
    },
    skip: () => {
      if (!current || busy) return;
      setStatus(null);
      setRevisit(null);
      // An undone pair may sit before pairs already skipped: the cursor never moves back.
      if (!cursor || comesAfter(current, cursor)) setCursor(current);
      setSkipped((n) => n + 1);
    },
    undo: () => {
      if (busy) return;
      const last = taken[taken.length - 1];
      if (!last) return setStatus({ kind: 'problem', text: t('review.nothingToUndo') });
      undo.mutate(last);
    },
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (typingInField(event.target)) return;
      // The arrow that points onwards in the reading direction skips, like turning a page.
      const onwards = document.documentElement.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
      // Physical key positions (event.code), so an Arabic keyboard layout works the same.
      const command =
        event.code === 'KeyS'
          ? () => actions.decide('same')
          : event.code === 'KeyD'
            ? () => actions.decide('different')
            : event.code === 'KeyK' || event.key === onwards
              ? actions.skip
              : event.code === 'KeyU'
                ? actions.undo
                : null;
      if (!command) return;
      event.preventDefault();
      command();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const progress = next.data?.progress;
  return (
    <section aria-labelledby="review-title" className="review">
      <h1 id="review-title">{t('review.title')}</h1>
      <p className="muted">{t('review.intro')}</p>
      {progress && (
        <div className="review-progress">
          <progress
            max={Math.max(1, progress.decided + progress.remaining)}
            value={progress.decided}
            aria-label={t('review.progress', {
              decided: format.number(progress.decided),
              remaining: format.number(progress.remaining),
            })}
          />
          <span data-testid="review-progress">
            {t('review.progress', {
              decided: format.number(progress.decided),
              remaining: format.number(progress.remaining),
            })}
          </span>
          {skipped > 0 && (
            <span className="muted">
              {t('review.skipped', { skipped: format.number(skipped) })}
            </span>
          )}
        </div>
      )}
      {next.data?.access.restricted && (
        <label className="inline">
          <input
            type="checkbox"
            checked={includeRestricted}
            onChange={(e) => {
              setIncludeRestricted(e.target.checked);
              setCursor(null);
              setRevisit(null);
            }}
          />
          {t('review.includeRestricted')}
        </label>
      )}
      <p
        className={status?.kind === 'problem' ? 'problem' : 'status'}
        role="status"
        aria-live="polite"
        data-testid="review-status"
      >
        {busy ? t('review.busy') : (status?.text ?? '')}
      </p>

      {next.isError ? (
        <p className="problem" role="alert">
          {next.error instanceof ApiError && next.error.status === 403
            ? t('review.notAllowed')
            : t('review.loadFailed', { message: next.error.message })}
        </p>
      ) : next.isPending && !revisit ? (
        <p className="muted">{t('common.loading')}</p>
      ) : !current ? (
        cursor !== null && (progress?.remaining ?? 0) > 0 ? (
          <p>
            {t('review.endOfSkipped')}{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setCursor(null);
                setSkipped(0);
              }}
            >
              {t('review.startOver')}
            </button>
          </p>
        ) : (
          <p className="status">{t('review.empty')}</p>
        )
      ) : (
        <div className="review-layout">
          <div className="review-main" data-testid="review-pair" data-pair={pairKey(current)}>
            <p className="small muted">
              {current.samePerson ? t('review.samePersonNow') : t('review.twoPersonsNow')}
            </p>
            <PairTable pair={current} />
            <div className="review-actions" role="group" aria-label={t('review.title')}>
              <button
                type="button"
                disabled={busy}
                aria-keyshortcuts="S"
                onClick={() => actions.decide('same')}
              >
                {t('review.same')} <kbd>S</kbd>
              </button>
              <button
                type="button"
                disabled={busy}
                aria-keyshortcuts="D"
                onClick={() => actions.decide('different')}
              >
                {t('review.different')} <kbd>D</kbd>
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                aria-keyshortcuts={i18n.language === 'ar' ? 'K ArrowLeft' : 'K ArrowRight'}
                onClick={actions.skip}
              >
                {t('review.skip')} <kbd>K</kbd>
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy || taken.length === 0}
                aria-keyshortcuts="U"
                onClick={actions.undo}
              >
                {t('review.undo')} <kbd>U</kbd>
              </button>
            </div>
            <ReviewReasons pair={current} />
          </div>
          <KeyHelp />
        </div>
      )}
    </section>
  );
}
