import { useTranslation } from 'react-i18next';
import type { DateOrder, ReadOptions, TextEncoding, Upload, UploadCheck } from '../../import-api';
import { useImportFormat } from './import-format';

const encodings: TextEncoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1256'];

/**
 * The file as the server found it (format, size, the encoding it detected and why), with the
 * choices that change how it is read: encoding, date order, values for rows that give none.
 */
export function FileSummary({
  upload,
  check,
  options,
  disabled,
  onChange,
}: {
  upload: Upload;
  check: UploadCheck;
  options: ReadOptions;
  disabled: boolean;
  onChange: (next: ReadOptions) => void;
}) {
  const { t } = useTranslation();
  const format = useImportFormat();
  const setDefault = (field: 'violation' | 'place_country', value: string) => {
    const defaults = { ...options.defaults };
    if (value.trim() === '') delete defaults[field];
    else defaults[field] = value;
    onChange({ ...options, defaults });
  };
  return (
    <section aria-labelledby="import-file-title" className="import-section">
      <h2 id="import-file-title">{t('import.summaryTitle')}</h2>
      <dl className="import-facts">
        <div>
          <dt>{t('import.fileName')}</dt>
          <dd>
            <bdi>{upload.fileName}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('import.size')}</dt>
          <dd>{format.size(upload.bytes)}</dd>
        </div>
        <div>
          <dt>{t('import.format')}</dt>
          <dd>
            <code dir="ltr">{check.format.toUpperCase()}</code>
          </dd>
        </div>
        <div>
          <dt>{t('import.encoding')}</dt>
          <dd data-testid="import-encoding">
            {check.encoding ? (
              <>
                <code dir="ltr">{check.encoding}</code>{' '}
                {check.encodingEvidence && (
                  <span className="small muted">
                    (
                    {t(
                      `import.encodingEvidence.${check.encodingEvidence.code}`,
                      format.shownParams(check.encodingEvidence),
                    )}
                    )
                  </span>
                )}
              </>
            ) : (
              t('import.encodingNone')
            )}
          </dd>
        </div>
      </dl>
      <div className="import-options">
        {check.format !== 'xlsx' && (
          <label>
            {t('import.encodingChoice')}
            <select
              name="encoding"
              value={options.encoding ?? ''}
              disabled={disabled}
              onChange={(e) =>
                onChange({ ...options, encoding: (e.target.value || null) as TextEncoding | null })
              }
            >
              <option value="">{t('import.encodingAuto')}</option>
              {encodings.map((e) => (
                <option key={e} value={e} dir="ltr">
                  {e}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('import.dateOrder')}
          <select
            name="dateOrder"
            value={options.dateOrder}
            disabled={disabled}
            onChange={(e) => onChange({ ...options, dateOrder: e.target.value as DateOrder })}
          >
            <option value="dmy">{t('import.dmy')}</option>
            <option value="mdy">{t('import.mdy')}</option>
          </select>
        </label>
      </div>
      <fieldset className="import-options" disabled={disabled}>
        <legend>{t('import.defaultsTitle')}</legend>
        <label>
          {format.fieldLabel('violation')}
          <select
            name="defaultViolation"
            value={options.defaults.violation ?? ''}
            onChange={(e) => setDefault('violation', e.target.value)}
          >
            <option value="">{t('import.noDefault')}</option>
            {violations.map((v) => (
              <option key={v} value={v}>
                {t(`violation.${v}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {format.fieldLabel('place_country')}
          <input
            name="defaultCountry"
            dir="auto"
            maxLength={200}
            value={options.defaults.place_country ?? ''}
            onChange={(e) => setDefault('place_country', e.target.value)}
          />
        </label>
      </fieldset>
    </section>
  );
}

const violations = [
  'killed',
  'died_under_torture',
  'died_under_siege',
  'executed',
  'detained',
  'forcibly_disappeared',
  'injured',
  'displaced',
] as const;
