import { useNavigationStore, type CompareTab } from '../../stores/navigation-store';

const TABS: readonly { tab: CompareTab; label: string; hint: string }[] = [
  { tab: 'compare', label: 'Compare', hint: 'Two environments, or one over time, side by side' },
  { tab: 'drift', label: 'Drift', hint: 'An org now against its last snapshot: what changed by hand' },
];

export function CompareTabs() {
  const current = useNavigationStore((state) => state.compareTab);
  const show = useNavigationStore((state) => state.showCompareTab);
  return (
    <div className="tabs" role="tablist" aria-label="Compare views">
      {TABS.map(({ tab, label, hint }) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={tab === current}
          className={tab === current ? 'tab active' : 'tab'}
          title={hint}
          onClick={() => show(tab)}
          data-testid={`tab-${tab}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
