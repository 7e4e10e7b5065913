import { useTranslation } from 'react-i18next';
import { useFacetLabels, type AgeGroupRange } from '../../facet-labels';
import { filterKeys, setFilter, toggleFilter, type SearchState } from '../../search-state';

/**
 * The filters in force, each a button that removes it, so a search opened from a chart says
 * what it shows (months, age bands and source sets have no facet list to show them).
 */
export function ActiveFilters(props: {
  state: SearchState;
  ageGroups: readonly AgeGroupRange[];
  navigate: (next: SearchState) => void;
}) {
  const { t } = useTranslation();
  const labels = useFacetLabels();
  const { state } = props;
  const chips: { key: string; label: string; next: SearchState }[] = [];
  for (const key of filterKeys) {
    const values = state.filters[key] ?? [];
    if (values.length === 0) continue;
    if (key === 'sourceSet') {
      // One combination of sources: removed as a whole.
      chips.push({
        key,
        label: t('facets.sourceSet', {
          sources: values.map((v) => labels.value(key, v)).join(' + '),
        }),
        next: setFilter(state, key, []),
      });
      continue;
    }
    for (const v of values) {
      const value = labels.value(key, v, props.ageGroups);
      const label =
        key === 'month'
          ? t('facets.month', { month: value })
          : key === 'ageBand'
            ? t('facets.ageBand', { band: value })
            : `${t(`facets.${key}`)}: ${value}`;
      chips.push({ key: `${key}=${v}`, label, next: toggleFilter(state, key, v) });
    }
  }
  if (chips.length === 0) return null;
  return (
    <div className="active-filters" data-testid="active-filters">
      <span className="muted small">{t('facets.active')}</span>
      {chips.map((chip) => (
        <button
          key={chip.key}
          type="button"
          className="chip"
          aria-label={t('facets.remove', { label: chip.label })}
          onClick={() => props.navigate(chip.next)}
        >
          <bdi>{chip.label}</bdi> <span aria-hidden="true">×</span>
        </button>
      ))}
      <button
        type="button"
        className="secondary small-button"
        onClick={() => props.navigate({ ...state, filters: {} })}
      >
        {t('facets.clear')}
      </button>
    </div>
  );
}
