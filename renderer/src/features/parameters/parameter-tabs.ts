/** The two views of an environment's Parameters page. */
export type ParametersTabId = 'parameters' | 'mappings';

export const parametersTabs: readonly { id: ParametersTabId; label: string }[] = [
  { id: 'parameters', label: 'Parameters' },
  { id: 'mappings', label: 'Mappings' },
];

/** The tab an arrow key moves to (wrapping, as a tab list does), or null for any other key. */
export function tabAfterKey(current: ParametersTabId, key: string): ParametersTabId | null {
  if (key !== 'ArrowRight' && key !== 'ArrowLeft') return null;
  const at = parametersTabs.findIndex((tab) => tab.id === current);
  const step = key === 'ArrowRight' ? 1 : parametersTabs.length - 1;
  return parametersTabs[(at + step) % parametersTabs.length]?.id ?? null;
}
