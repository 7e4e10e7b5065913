import { useTranslation } from 'react-i18next';
import { useChartFormat } from '../../charts/chart-format';
import { useFacetLabels } from '../../facet-labels';
import type { FacetName, RecordFacets } from '../../search-api';
import { toggleFilter, type SearchState } from '../../search-state';

/** The facets listed beside the results (the source facet is the select above them). */
const listed: FacetName[] = ['violation', 'year', 'sex', 'age', 'country', 'governorate'];

/**
 * The facets of a search: for each field, its values with how many records each would give
 * (counted with the other filters kept), as checkboxes. Ticking a value narrows the results;
 * ticking several values of one field widens within it (either).
 */
export function FacetPanel(props: {
  state: SearchState;
  facets: RecordFacets | undefined;
  navigate: (next: SearchState) => void;
}) {
  const { t } = useTranslation();
  const format = useChartFormat();
  const labels = useFacetLabels();
  const { state, facets } = props;
  return (
    <aside className="facets" aria-label={t('facets.title')} data-testid="facets">
      <h2 className="facets-title">{t('facets.title')}</h2>
      {listed.map((name) => {
        const list = facets?.facets[name];
        const chosen = state.filters[name] ?? [];
        const values = [...(list?.values ?? [])];
        // A chosen value stays listed (to untick) even when nothing else matches it.
        for (const v of chosen)
          if (!values.some((x) => x.value === v)) values.push({ value: v, records: 0 });
        if (values.length === 0) return null;
        return (
          <fieldset key={name} className="facet" data-facet={name}>
            <legend>{t(`facets.${name}`)}</legend>
            {values.map((v) => {
              const label = labels.value(name, v.value, facets?.ageGroups ?? []);
              const isPlace = name === 'country' || name === 'governorate';
              return (
                <label key={v.value} className="facet-value">
                  <input
                    type="checkbox"
                    name={`facet-${name}`}
                    value={v.value}
                    checked={chosen.includes(v.value)}
                    onChange={() => props.navigate(toggleFilter(state, name, v.value))}
                  />
                  <span className="facet-label">
                    {isPlace && v.value !== 'unknown' ? <bdi>{label}</bdi> : label}
                  </span>
                  <span className="facet-count" aria-hidden="true">
                    {format.number(v.records)}
                  </span>
                  <span className="facet-count-words">
                    {t('facets.count', { formatted: format.number(v.records) })}
                  </span>
                </label>
              );
            })}
            {(list?.more ?? 0) > 0 && (
              <p className="small muted">
                {t('facets.more', { formatted: format.number(list!.more) })}
              </p>
            )}
          </fieldset>
        );
      })}
    </aside>
  );
}
