import { useTranslation } from 'react-i18next';
import type { ReviewPair } from '../api';
import { useFormat } from '../format';

/** Level labels as translation keys: "age ±1" → "age_1", "same date" → "same_date". */
export function levelKey(level: string): string {
  return level
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The model's reasons for a pair, field by field, with each field's weight. */
export function ReviewReasons({ pair }: { pair: ReviewPair }) {
  const { t } = useTranslation();
  const format = useFormat();
  const e = pair.explanation;
  const weight = (w: number) => {
    const text = new Intl.NumberFormat(format.locale, {
      maximumFractionDigits: 1,
      minimumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }).format(w);
    return (
      <bdi className={w > 0 ? 'review-for' : w < 0 ? 'review-against' : undefined}>{text}</bdi>
    );
  };
  const share = new Intl.NumberFormat(format.locale, {
    style: 'percent',
    maximumSignificantDigits: 2,
  });
  return (
    <section aria-labelledby="review-reasons-title" className="review-reasons">
      <h2 id="review-reasons-title">{t('review.reasonsTitle')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('review.field')}</th>
            <th scope="col">{t('review.comparison')}</th>
            <th scope="col" className="num">
              {t('review.weight')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('review.prior')}</th>
            <td />
            <td className="num">{weight(e.prior)}</td>
          </tr>
          {e.fields.map((f) => (
            <tr key={f.field} className={f.level === 'missing' ? 'muted' : undefined}>
              <th scope="row">{t(`review.fields.${f.field}`, { defaultValue: f.field })}</th>
              <td>
                {t(`review.levels.${levelKey(f.level)}`, { defaultValue: f.level })}
                {f.valueFrequency !== undefined && (
                  <span className="small muted">
                    {' '}
                    ({t('review.frequency', { share: share.format(f.valueFrequency) })})
                  </span>
                )}
              </td>
              <td className="num">{weight(f.weight)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('review.total')}</th>
            <td>
              {t('review.probability', {
                value: new Intl.NumberFormat(format.locale, { style: 'percent' }).format(
                  pair.probability,
                ),
              })}
            </td>
            <td className="num">{weight(e.weight)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="small muted">{t('review.weightHint')}</p>
    </section>
  );
}
