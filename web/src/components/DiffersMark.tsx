import { useTranslation } from 'react-i18next';

/**
 * The mark of a row whose values disagree between records: a sign and a word, so it reads without
 * colour, and screen readers hear it with the row's header on every cell.
 */
export function DiffersMark() {
  const { t } = useTranslation();
  return (
    <span className="differs-mark">
      <span aria-hidden="true">≠ </span>
      {t('person.differs')}
    </span>
  );
}
