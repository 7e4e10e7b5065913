import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { AuditEvent } from './admin-api';
import { useInstant } from './admin-format';
import { AuditValue } from './AuditValue';

/** A page of audit events: when, who, what, concerning what, and the values before and after. */
export function AuditEventsTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  const instant = useInstant();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="admin-audit">
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.when')}</th>
            <th scope="col">{t('admin.audit.who')}</th>
            <th scope="col">{t('admin.audit.action')}</th>
            <th scope="col">{t('admin.audit.entity')}</th>
            <th scope="col">{t('admin.audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-event={e.id}>
              <td className="admin-when">
                {instant(e.at)}
                <div className="muted small">
                  {t('admin.audit.eventNumber', { id: format.number(e.id) })}
                </div>
              </td>
              <td>
                <bdi dir="ltr">{e.actorEmail ?? e.actor}</bdi>
              </td>
              <td>
                <code dir="ltr">{e.action}</code>
              </td>
              <td>
                <code dir="ltr">
                  {e.entityType}
                  {e.entityId === null ? '' : ` ${e.entityId}`}
                </code>
                {e.subjectEmail && (
                  <div className="small">
                    <bdi dir="ltr">{e.subjectEmail}</bdi>
                  </div>
                )}
              </td>
              <td className="admin-changes">
                {e.before === null && e.after === null ? (
                  <span className="muted">{t('common.unknown')}</span>
                ) : (
                  <>
                    <AuditValue label={t('admin.audit.before')} value={e.before} />
                    <AuditValue label={t('admin.audit.after')} value={e.after} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
