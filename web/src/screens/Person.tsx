import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  fetchPerson,
  type FieldProvenance,
  type PersonDecision,
  type PersonPage,
  type PersonRecord,
} from '../api';
import { DiffersMark } from '../components/DiffersMark';
import { useHashId } from '../components/useHashId';
import { useFormat } from '../format';

type Format = ReturnType<typeof useFormat>;
type T = ReturnType<typeof useTranslation>['t'];

/** The rows of the side-by-side table: the API's field key and its label's key. */
const fieldRows: readonly (readonly [string, string])[] = [
  ['name', 'name'],
  ['nameLatin', 'nameLatin'],
  ['otherNames', 'otherNames'],
  ['kunya', 'kunya'],
  ['sex', 'sex'],
  ['age', 'age'],
  ['ageCategory', 'ageCategory'],
  ['birthDate', 'birthDate'],
  ['eventDate', 'eventDate'],
  ['place.country', 'placeCountry'],
  ['place.governorate', 'placeGovernorate'],
  ['place.locality', 'placeLocality'],
  ['place.site', 'placeSite'],
  ['violation', 'violation'],
  ['perpetrator', 'perpetrator'],
  ['sourceRecordId', 'sourceRecordId'],
  ['confidentiality', 'confidentiality'],
];

function sourceLabel(r: PersonRecord, language: string): string {
  const n = r.sourceNames;
  return (language === 'ar' ? (n.nameAr ?? n.nameEn) : (n.nameEn ?? n.nameAr)) ?? n.slug;
}

function dateText(format: Format, d: PersonRecord['birthDate']): string | null {
  if (!d.start) return null;
  if (d.precision === 'range' && d.end && d.end !== d.start)
    return `${format.date(d.start)} – ${format.date(d.end)}`;
  return format.date(d.start, d.precision);
}

/** A record's value of one field, formatted for reading; null when the record does not say. */
function valueOf(r: PersonRecord, key: string, t: T, format: Format): ReactNode {
  const text = (v: string | null) => (v ? <bdi>{v}</bdi> : null);
  switch (key) {
    case 'name':
      return r.name ? <bdi lang="ar">{r.name}</bdi> : null;
    case 'nameLatin':
      return r.nameLatin ? <bdi lang="en">{r.nameLatin}</bdi> : null;
    case 'otherNames':
      return r.otherNames.length ? <bdi>{r.otherNames.join(' · ')}</bdi> : null;
    case 'kunya':
      return text(r.kunya);
    case 'sex':
      return r.sex ? t(`sex.${r.sex}`, { defaultValue: r.sex }) : null;
    case 'age':
      return r.age === null ? null : format.number(r.age);
    case 'ageCategory':
      return r.ageCategory
        ? t(`person.ageCategories.${r.ageCategory}`, { defaultValue: r.ageCategory })
        : null;
    case 'birthDate':
      return dateText(format, r.birthDate);
    case 'eventDate':
      return dateText(format, r.eventDate);
    case 'place.country':
      return text(r.place.country);
    case 'place.governorate':
      return text(r.place.governorate);
    case 'place.locality':
      return text(r.place.locality);
    case 'place.site':
      return text(r.place.site);
    case 'violation':
      return r.violation ? t(`violation.${r.violation}`, { defaultValue: r.violation }) : null;
    case 'perpetrator':
      return text(r.perpetrator);
    case 'sourceRecordId':
      return r.sourceRecordId ? <code dir="ltr">{r.sourceRecordId}</code> : null;
    case 'confidentiality':
      return t(`person.confidentialityValues.${r.confidentiality}`, {
        defaultValue: r.confidentiality,
      });
    default:
      return null;
  }
}

function Provenance({ of }: { of: FieldProvenance | undefined }) {
  const { t } = useTranslation();
  if (!of) return null;
  return (
    <span className="person-provenance">
      {'default' in of ? (
        t('person.fromDefault')
      ) : (
        <>
          {t('person.fromColumn')}{' '}
          <q>
            <bdi>{of.column}</bdi>
          </q>
          : <bdi>{of.raw ?? '∅'}</bdi>
        </>
      )}
    </span>
  );
}

function RecordHeading({ r }: { r: PersonRecord }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <th scope="col" className="person-record-head">
      <span className="person-source">
        <bdi>{sourceLabel(r, i18n.language)}</bdi>
      </span>
      <span className="small">{t('person.record', { id: format.number(r.id) })}</span>
      {r.batch && (
        <>
          <span className="small muted">
            {t('person.file')} <bdi dir="ltr">{r.batch.fileName}</bdi>
          </span>
          <span className="small muted">
            {t('person.imported', {
              batch: format.number(r.batch.id),
              date: format.date(r.batch.importedAt),
            })}
          </span>
        </>
      )}
      {r.rowNumber !== null && (
        <span className="small muted">{t('person.row', { row: format.number(r.rowNumber) })}</span>
      )}
    </th>
  );
}

function CompareTable({ page }: { page: PersonPage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const records = page.person.records;
  const differs = new Set(page.person.differences);
  const rows = fieldRows.filter(([key]) =>
    records.some((r) => valueOf(r, key, t, format) !== null),
  );
  const unknown = t('common.unknown');
  return (
    <div className="table-wrap">
      <table className="person-compare">
        <caption className="person-hidden-caption">{t('person.compareTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.field')}</th>
            {records.map((r) => (
              <RecordHeading key={r.id} r={r} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label]) => {
            const differing = differs.has(key);
            return (
              <tr key={key} className={differing ? 'person-differs' : undefined} data-field={key}>
                <th scope="row">
                  {t(`person.fields.${label}`)}
                  {differing && <DiffersMark />}
                </th>
                {records.map((r) => (
                  <td key={r.id}>
                    <span className="person-value">{valueOf(r, key, t, format) ?? unknown}</span>
                    <Provenance of={r.provenance[key]} />
                  </td>
                ))}
              </tr>
            );
          })}
          {records.some((r) => r.flags.length > 0) && (
            <tr>
              <th scope="row">{t('person.fields.flags')}</th>
              {records.map((r) => (
                <td key={r.id}>
                  <code dir="ltr">{r.flags.join(', ') || unknown}</code>
                </td>
              ))}
            </tr>
          )}
          {page.access.restrictedShown && (
            <tr className="person-restricted">
              <th scope="row">{t('person.fields.restricted')}</th>
              {records.map((r) => (
                <td key={r.id}>
                  {r.restricted && Object.keys(r.restricted).length > 0 ? (
                    <dl>
                      {Object.entries(r.restricted).map(([k, v]) => (
                        <div key={k}>
                          <dt>
                            <bdi>{k}</bdi>
                          </dt>
                          <dd>
                            <bdi>{v}</bdi>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    unknown
                  )}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function RawColumns({ records }: { records: PersonRecord[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="person-raw-title">
      <h2 id="person-raw-title">{t('person.rawTitle')}</h2>
      {records.map((r) => (
        <details key={r.id} className="person-raw">
          <summary>{t('person.rawRecord', { id: format.number(r.id) })}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('person.column')}</th>
                <th scope="col">{t('person.value')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.raw).map(([column, value]) => (
                <tr key={column}>
                  <td>
                    <bdi>{column}</bdi>
                  </td>
                  <td>
                    <bdi>{value}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}

function effectText(d: PersonDecision, t: T, format: Format): string {
  const e = d.effect;
  if (!e) return t('common.unknown');
  if (e.moved === 0) return t('person.noMove');
  const n = (x: number | null) => (x === null ? '?' : format.number(x));
  return d.decision === 'same'
    ? t('person.merged', {
        a: n(e.personsBefore.a),
        b: n(e.personsBefore.b),
        after: n(e.personsAfter.a),
        moved: format.number(e.moved),
      })
    : t('person.split', {
        before: n(e.personsBefore.a),
        a: n(e.personsAfter.a),
        b: n(e.personsAfter.b),
        moved: format.number(e.moved),
      });
}

/** A record of a decision: its id, and a link to its person when that is another person. */
function DecisionRecord({
  record,
  person,
  current,
}: {
  record: number;
  person: number;
  current: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {format.number(record)}
      {person !== current && (
        <>
          {' '}
          (<a href={`#/person/${person}`}>{t('person.title', { id: format.number(person) })}</a>)
        </>
      )}
    </>
  );
}

function DecisionHistory({
  decisions,
  personId,
}: {
  decisions: PersonDecision[];
  personId: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = (iso: string) =>
    new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  return (
    <section aria-labelledby="person-decisions-title">
      <h2 id="person-decisions-title">{t('person.decisionsTitle')}</h2>
      {decisions.length === 0 ? (
        <p className="muted">{t('person.decisionsNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="person-decisions">
            <thead>
              <tr>
                <th scope="col">{t('person.when')}</th>
                <th scope="col">{t('person.who')}</th>
                <th scope="col">{t('person.decision')}</th>
                <th scope="col">{t('person.records')}</th>
                <th scope="col">{t('person.effect')}</th>
                <th scope="col">{t('person.note')}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id} className={d.undoneAt ? 'person-undone' : undefined}>
                  <td>{when(d.decidedAt)}</td>
                  <td>
                    <bdi>{d.decidedByName ?? d.decidedBy}</bdi>
                  </td>
                  <td>
                    <strong>{t(`person.${d.decision}`)}</strong>
                    <br />
                    <span className="small">
                      {d.undoneAt
                        ? t('person.undone', {
                            who: d.undoneByName ?? d.undoneBy ?? '',
                            date: when(d.undoneAt),
                          })
                        : t('person.stands')}
                    </span>
                  </td>
                  <td>
                    <DecisionRecord record={d.recordA} person={d.personA} current={personId} />
                    {t('person.recordsAnd')}
                    <DecisionRecord record={d.recordB} person={d.personB} current={personId} />
                  </td>
                  <td>{effectText(d, t, format)}</td>
                  <td>
                    <bdi>{d.note ?? ''}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Incidents({ page }: { page: PersonPage }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const incidents = page.person.incidents;
  return (
    <section aria-labelledby="person-incidents-title">
      <h2 id="person-incidents-title">{t('person.incidentsTitle')}</h2>
      {incidents.length === 0 ? (
        <p className="muted">{t('person.incidentsNone')}</p>
      ) : (
        <ul className="person-incidents">
          {incidents.map((i) => {
            const title =
              (i18n.language === 'ar' ? (i.titleAr ?? i.titleEn) : (i.titleEn ?? i.titleAr)) ?? '';
            const place = [i.place.site, i.place.locality, i.place.governorate, i.place.country]
              .filter(Boolean)
              .join('، ');
            return (
              <li key={i.id}>
                <strong>
                  <bdi>{title}</bdi>
                </strong>{' '}
                {format.date(i.date.start, i.date.precision) ?? ''}{' '}
                {place && <bdi className="muted">{place}</bdi>}
                <br />
                <span className="small muted">
                  {t('person.incidentRecords', {
                    ids: i.recordIds.map((id) => format.number(id)).join('، '),
                  })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A person's page: every source's record side by side, where each value came from, history. */
export function PersonScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useHashId('person');
  // Restricted details are shown for the person they were asked for, never carried to the next.
  const [restrictedFor, setRestrictedFor] = useState<number | null>(null);
  const showRestricted = id !== null && restrictedFor === id;
  const query = useQuery({
    queryKey: ['person', id, showRestricted],
    queryFn: () => fetchPerson(id!, showRestricted),
    enabled: id !== null,
  });

  if (id === null)
    return (
      <p className="problem" role="alert">
        {t('person.badId')}
      </p>
    );
  const title = <h1 id="person-title">{t('person.title', { id: format.number(id) })}</h1>;
  if (query.isPending)
    return (
      <section aria-labelledby="person-title">
        {title}
        <p className="muted">{t('common.loading')}</p>
      </section>
    );
  if (query.isError)
    return (
      <section aria-labelledby="person-title">
        {title}
        <p className="problem" role="alert">
          {query.error instanceof ApiError && query.error.status === 404
            ? t('person.notFound', { id: format.number(id) })
            : t('person.failed', { message: query.error.message })}
        </p>
      </section>
    );
  const page = query.data;
  const records = page.person.records;
  return (
    <section aria-labelledby="person-title" className="person">
      {title}
      <p>
        {t('person.summary', {
          records: format.number(records.length),
          sources: format.number(new Set(records.map((r) => r.source)).size),
        })}
      </p>
      <p className="muted small">
        <span aria-hidden="true">≠ </span>
        {t('person.legend')}
      </p>
      {page.access.restricted && (
        <p className="person-restricted-toggle">
          <button
            type="button"
            className="secondary"
            aria-pressed={showRestricted}
            onClick={() => setRestrictedFor(showRestricted ? null : id)}
          >
            {showRestricted ? t('person.hideRestricted') : t('person.showRestricted')}
          </button>{' '}
          <span className="small muted">{t('person.restrictedNote')}</span>
        </p>
      )}
      <h2>{t('person.compareTitle')}</h2>
      <CompareTable page={page} />
      <DecisionHistory decisions={page.person.decisions} personId={page.person.id} />
      <Incidents page={page} />
      <RawColumns records={records} />
    </section>
  );
}
