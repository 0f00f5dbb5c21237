import * as monaco from 'monaco-editor/editor/editor.api';

/**
 * Monaco has one theme for every editor on the page and knows nothing of the app's: it follows
 * the root's `data-theme` (the person's choice) or, with none, the system's colour scheme, and
 * changes with either. Installed once, by the first editor module loaded.
 */
function isDark(): boolean {
  const chosen = document.documentElement.getAttribute('data-theme');
  if (chosen === 'dark') return true;
  if (chosen === 'light') return false;
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

function apply(): void {
  monaco.editor.setTheme(isDark() ? 'vs-dark' : 'vs');
}

apply();
new MutationObserver(apply).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
