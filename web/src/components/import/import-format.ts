import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import type { MappableField, PreviewFields, RowProblem } from '../../import-api';
import { en } from '../../locales/en';

const problemKeys = en.import.problems;

type DateSpan = NonNullable<PreviewFields['birthDate']>;

/**
 * Words and numbers for the Import screen: file sizes, field names, and a stored value as the
 * rest of the workspace shows it (sexes and violations translated, dates with their precision).
 */
export function useImportFormat() {
  const { t, i18n } = useTranslation();
  const format = useFormat();

  const size = (bytes: number) => {
    const n = (value: number) => format.number(Number(value.toFixed(1)));
    if (bytes >= 1024 * 1024) return t('import.sizes.mb', { n: n(bytes / 1024 / 1024) });
    if (bytes >= 1024) return t('import.sizes.kb', { n: n(bytes / 1024) });
    return t('import.sizes.bytes', { n: format.number(bytes) });
  };

  const fieldLabel = (field: MappableField) => t(`import.fields.${field}`);

  /** Params for a translation, numbers written as the reader prefers them. */
  const shownParams = (given: Record<string, string | number> = {}): Record<string, string> => {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(given))
      params[name] = typeof value === 'number' ? format.number(value) : value;
    return params;
  };

  /**
   * A problem's reason in the reader's language when the importer gave its code, with `lang`
   * saying which language the text is in (English otherwise, as the importer wrote it).
   */
  const problemText = (p: RowProblem): { text: string; lang: 'en' | undefined } => {
    if (!p.code || !(p.code in problemKeys)) return { text: p.reason, lang: 'en' };
    const params = shownParams(p.params);
    if (p.code === 'not_in_vocabulary')
      params.field = fieldLabel(String(p.params?.field ?? '') as MappableField);
    if (p.code === 'ambiguous_date') {
      params.order = t(
        p.params?.order === 'mdy' ? 'import.problems.orderMdy' : 'import.problems.orderDmy',
      );
      if (typeof p.params?.read === 'string')
        params.read = format.gregorianDate(p.params.read) ?? p.params.read;
    }
    const key = p.code === 'no_name' && !p.params?.columns ? 'no_name_column' : p.code;
    return { text: t(`import.problems.${key}`, params), lang: undefined };
  };

  /**
   * Why a file could not be read, in the reader's language (numbers as they prefer them), or null
   * for a kind this workspace has no words for.
   */
  const fileProblemText = (p: {
    code: string;
    params: Record<string, string | number>;
  }): string | null => {
    if (!i18n.exists(`import.fileProblems.${p.code}`)) return null;
    return t(`import.fileProblems.${p.code}`, shownParams(p.params));
  };

  const dateSpan = (span: DateSpan | null): string | null => {
    if (!span?.start) return null;
    if (span.precision === 'range' && span.end && span.end !== span.start)
      return `${format.date(span.start)} – ${format.date(span.end)}`;
    return format.date(span.start, span.precision);
  };

  /** The value a field would be stored with, for reading; null when it would be empty. */
  const stored = (field: MappableField, f: PreviewFields): string | null => {
    const word = (key: string, value: string | null) =>
      value === null ? null : t(`${key}.${value}`, { defaultValue: value });
    switch (field) {
      case 'record_id':
        return f.sourceRecordId;
      case 'name':
        return f.name;
      case 'name_latin':
        return f.nameLatin;
      case 'other_names':
        return f.otherNames.length > 0
          ? f.otherNames.join(i18n.language === 'ar' ? '، ' : ', ')
          : null;
      case 'kunya':
        return f.kunya;
      case 'sex':
        return word('sex', f.sex);
      case 'age':
        return f.age === null ? null : format.number(f.age);
      case 'age_category':
        return word('import.ageCategories', f.ageCategory);
      case 'birth_date':
        return dateSpan(f.birthDate);
      case 'event_date':
        return dateSpan(f.eventDate);
      case 'place_country':
        return f.placeCountry;
      case 'place_governorate':
        return f.placeGovernorate;
      case 'place_locality':
        return f.placeLocality;
      case 'place_site':
        return f.placeSite;
      case 'violation':
        return word('violation', f.violation);
      case 'perpetrator':
        return f.perpetrator;
      case 'confidentiality':
        return word('import.confidentiality', f.confidentiality);
      case 'restricted':
        return null;
    }
  };

  /** Column names quoted and listed as the language does: «أ» و«ب», “a” and “b”. */
  const quotedList = (items: string[]) => {
    const ar = i18n.language === 'ar';
    const quoted = items.map((item) => (ar ? `«${item}»` : `“${item}”`));
    return new Intl.ListFormat(ar ? 'ar' : 'en', { type: 'conjunction' }).format(quoted);
  };

  return {
    number: format.number,
    count: format.count,
    shownParams,
    problemText,
    fileProblemText,
    date: format.date,
    size,
    fieldLabel,
    stored,
    quotedList,
  };
}
