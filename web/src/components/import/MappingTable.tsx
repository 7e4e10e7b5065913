import { useTranslation } from 'react-i18next';
import {
  mappableFields,
  type ColumnMapping,
  type MappableField,
  type UploadCheck,
} from '../../import-api';
import { useImportFormat } from './import-format';

/** The first few values a column holds, from the preview (restricted ones only if shown). */
function firstValues(check: UploadCheck, column: string, restricted: boolean): string[] {
  const values: string[] = [];
  for (const row of check.preview) {
    if (row.hidden) continue;
    const value = restricted ? row.fields.restricted?.[column] : row.raw[column];
    if (value && value.trim() !== '' && !values.includes(value)) values.push(value);
    if (values.length === 3) break;
  }
  return values;
}

/** Each column of the file with the field it feeds, chosen with a select; clashes marked. */
export function MappingTable({
  check,
  columns,
  disabled,
  onChange,
}: {
  check: UploadCheck;
  columns: ColumnMapping;
  disabled: boolean;
  onChange: (next: ColumnMapping) => void;
}) {
  const { t } = useTranslation();
  const format = useImportFormat();
  const clashing = new Set<string>();
  const used = new Map<MappableField, number>();
  for (const field of Object.values(columns))
    if (field && field !== 'restricted') used.set(field, (used.get(field) ?? 0) + 1);
  for (const [column, field] of Object.entries(columns))
    if (field && (used.get(field) ?? 0) > 1) clashing.add(column);
  const names = ['name', 'name_latin', 'other_names', 'kunya'];
  const noName = !Object.values(columns).some((f) => f !== null && names.includes(f));

  return (
    <section aria-labelledby="import-mapping-title" className="import-section">
      <h2 id="import-mapping-title">{t('import.mappingTitle')}</h2>
      <p className="small muted">{t('import.mappingIntro')}</p>
      <div className="table-wrap">
        <table className="import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.field')}</th>
              <th scope="col">{t('import.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {check.headers.map((column, i) => {
              const field = columns[column] ?? null;
              const restricted = field === 'restricted';
              const samples =
                restricted && !check.restrictedShown ? [] : firstValues(check, column, restricted);
              return (
                <tr key={column} className={clashing.has(column) ? 'import-clash' : undefined}>
                  <th scope="row">
                    <label htmlFor={`import-column-${i}`}>
                      <bdi>{column}</bdi>
                    </label>
                  </th>
                  <td>
                    <select
                      id={`import-column-${i}`}
                      name={`column-${column}`}
                      data-column={column}
                      value={field ?? ''}
                      disabled={disabled}
                      aria-invalid={clashing.has(column) || undefined}
                      onChange={(e) =>
                        onChange({
                          ...columns,
                          [column]: (e.target.value || null) as MappableField | null,
                        })
                      }
                    >
                      <option value="">{t('import.keepVerbatim')}</option>
                      {mappableFields.map((f) => (
                        <option key={f} value={f}>
                          {format.fieldLabel(f)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {restricted && !check.restrictedShown ? (
                      <span className="muted">{t('import.restrictedHidden')}</span>
                    ) : (
                      <span className="import-samples">
                        {samples.map((v) => (
                          <bdi key={v} className="import-sample">
                            {v}
                          </bdi>
                        ))}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="import-notes" role="status">
        {[...new Set([...used].filter(([, n]) => n > 1).map(([f]) => f))].map((f) => (
          <li key={f} className="problem">
            {t('import.conflict', {
              field: format.fieldLabel(f),
              columns: format.quotedList(Object.keys(columns).filter((c) => columns[c] === f)),
            })}
          </li>
        ))}
        {check.missingColumns.map((c) => (
          <li key={c} className="problem">
            {t('import.missingColumn', { column: c })}
          </li>
        ))}
        {noName && <li className="problem">{t('import.noName')}</li>}
      </ul>
    </section>
  );
}
