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

/**
 * vs-dark with fainter diff tints: its own green and red behind strings and keys fall below AA
 * contrast (about 3.8:1); at these strengths every JSON token keeps 4.5:1 or more.
 */
monaco.editor.defineTheme('ferry-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'diffEditor.insertedTextBackground': '#56d3640f',
    'diffEditor.insertedLineBackground': '#56d3640a',
    'diffEditor.removedTextBackground': '#ff94920f',
    'diffEditor.removedLineBackground': '#ff94920a',
  },
});

function apply(): void {
  monaco.editor.setTheme(isDark() ? 'ferry-dark' : 'vs');
}

apply();
new MutationObserver(apply).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
