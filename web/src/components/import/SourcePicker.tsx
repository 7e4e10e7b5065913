import { useTranslation } from 'react-i18next';
import type { SourceChoice } from '../../import-api';
import { sourceName, useSources } from '../../screens/Sources';

/** The server's rule for source codes (src/services/sources/sources-service.ts). */
export const slugPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Why the choice cannot be imported into yet, or null when it can. */
export function sourceProblem(
  choice: SourceChoice,
  takenSlugs: readonly string[],
): 'chooseSource' | 'slugInvalid' | 'slugTaken' | 'nameNeeded' | null {
  if (choice.kind === 'existing') return choice.slug ? null : 'chooseSource';
  if (!slugPattern.test(choice.slug)) return 'slugInvalid';
  if (takenSlugs.includes(choice.slug)) return 'slugTaken';
  return choice.nameEn.trim() || choice.nameAr.trim() ? null : 'nameNeeded';
}

/** An existing source from the register, or a new one: its code and names. */
export function SourcePicker({
  choice,
  disabled,
  onChange,
}: {
  choice: SourceChoice;
  disabled: boolean;
  onChange: (next: SourceChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const sources = useSources();
  const list = sources.data ?? [];
  const problem = sourceProblem(
    choice,
    list.map((s) => s.slug),
  );
  const emptyNew = { kind: 'new' as const, slug: '', nameEn: '', nameAr: '' };
  return (
    <fieldset className="import-section import-source" disabled={disabled}>
      <legend>
        <h2>{t('import.sourceTitle')}</h2>
      </legend>
      <label className="inline">
        <input
          type="radio"
          name="sourceKind"
          value="existing"
          checked={choice.kind === 'existing'}
          disabled={list.length === 0}
          onChange={() => onChange({ kind: 'existing', slug: '' })}
        />
        {t('import.existingSource')}
      </label>
      {choice.kind === 'existing' && (
        <label className="import-indent">
          {t('import.chooseSource')}
          <select
            name="source"
            value={choice.slug}
            onChange={(e) => onChange({ kind: 'existing', slug: e.target.value })}
          >
            <option value="">{t('import.chooseSource')}</option>
            {list.map((s) => (
              <option key={s.slug} value={s.slug}>
                {sourceName(s, i18n.language)} ({s.slug})
              </option>
            ))}
          </select>
        </label>
      )}
      {list.length === 0 && sources.isSuccess && (
        <p className="small muted">{t('import.noSources')}</p>
      )}
      <label className="inline">
        <input
          type="radio"
          name="sourceKind"
          value="new"
          checked={choice.kind === 'new'}
          onChange={() => onChange(emptyNew)}
        />
        {t('import.newSource')}
      </label>
      {choice.kind === 'new' && (
        <div className="import-indent import-new-source">
          <label>
            {t('import.slug')}
            <input
              name="sourceSlug"
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              maxLength={63}
              value={choice.slug}
              aria-invalid={
                choice.slug !== '' && (problem === 'slugInvalid' || problem === 'slugTaken')
              }
              onChange={(e) => onChange({ ...choice, slug: e.target.value.trim().toLowerCase() })}
            />
          </label>
          <label>
            {t('import.nameAr')}
            <input
              name="sourceNameAr"
              lang="ar"
              dir="rtl"
              maxLength={300}
              value={choice.nameAr}
              onChange={(e) => onChange({ ...choice, nameAr: e.target.value })}
            />
          </label>
          <label>
            {t('import.nameEn')}
            <input
              name="sourceNameEn"
              lang="en"
              dir="ltr"
              maxLength={300}
              value={choice.nameEn}
              onChange={(e) => onChange({ ...choice, nameEn: e.target.value })}
            />
          </label>
        </div>
      )}
      {problem && (choice.kind === 'new' ? choice.slug !== '' : false) && (
        <p className="problem small">{t(`import.${problem}`)}</p>
      )}
    </fieldset>
  );
}
