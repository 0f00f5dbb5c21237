import './parameters.css';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { TierBadge } from '../environments/TierBadge';
import { MappingsTab } from './MappingsTab';
import { parametersTabs, tabAfterKey, type ParametersTabId } from './parameter-tabs';
import { ParametersTab } from './ParametersTab';
import { useParametersStore } from './parameters-store';

/**
 * One environment's own values: its parameters, and the names its objects have here. Keyed by the
 * environment where it is shown, so another environment's page starts afresh on its first tab.
 */
export function ParametersPage({ environment }: { environment: string }) {
  const open = useParametersStore((state) => state.open);
  const loadError = useParametersStore((state) => state.loadError);
  const loading = useParametersStore((state) => state.loading);
  const closeParameters = useNavigationStore((state) => state.closeParameters);
  const config = useEnvironmentsStore(
    (state) => state.environments.find((view) => view.config.name === environment)?.config,
  );
  const [tab, setTab] = useState<ParametersTabId>('parameters');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void open(environment);
    // The button that opened the page is gone: a keyboard or screen-reader user starts at its title.
    heading.current?.focus();
  }, [open, environment]);

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const next = tabAfterKey(tab, event.key);
    if (next === null) return;
    event.preventDefault();
    setTab(next);
    document.getElementById(`parameters-tab-${next}`)?.focus();
  };

  return (
    <div className="parameters-page" data-testid="parameters-page" data-environment={environment}>
      <header className="page-header">
        <div>
          <button
            type="button"
            className="link-button back-link"
            onClick={closeParameters}
            data-testid="parameters-back"
          >
            ← Environments
          </button>
          <h1 className="parameters-title" ref={heading} tabIndex={-1}>
            <span>Parameters of {config?.label ?? environment}</span>
            {config && <TierBadge tier={config.tier} />}
            <code className="environment-name">{environment}</code>
          </h1>
          <p className="muted page-intro">
            Values that differ in this environment, kept in the workspace (secrets in this machine’s vault),
            and the names its objects have here.
          </p>
        </div>
      </header>
      {loadError && <ErrorBanner message={loadError} />}
      <div className="tabs" role="tablist" aria-label={`${environment}'s values`}>
        {parametersTabs.map((item) => (
          <button
            key={item.id}
            id={`parameters-tab-${item.id}`}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            aria-controls="parameters-tab-panel"
            tabIndex={tab === item.id ? 0 : -1}
            className={tab === item.id ? 'tab active' : 'tab'}
            onClick={() => setTab(item.id)}
            onKeyDown={onTabKey}
            data-testid={`parameters-tab-${item.id}`}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div
        id="parameters-tab-panel"
        role="tabpanel"
        aria-labelledby={`parameters-tab-${tab}`}
        data-testid={`parameters-panel-${tab}`}
      >
        {loading && <p className="muted">Reading {environment}’s parameters…</p>}
        {tab === 'parameters' ? (
          <ParametersTab environment={environment} />
        ) : (
          <MappingsTab environment={environment} />
        )}
      </div>
    </div>
  );
}
