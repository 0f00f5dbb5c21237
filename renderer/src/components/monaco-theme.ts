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
  rules: [
    // YAML (a flow's configuration): keys and literals bright enough on the diff tints.
    { token: 'type.yaml', foreground: '9CDCFE' },
    { token: 'string.yaml', foreground: 'CE9178' },
    { token: 'number.yaml', foreground: 'B5CEA8' },
    { token: 'number.float.yaml', foreground: 'B5CEA8' },
    { token: 'number.date.yaml', foreground: 'B5CEA8' },
    { token: 'keyword.yaml', foreground: '569CD6' },
  ],
  colors: {
    'diffEditor.insertedTextBackground': '#56d3640f',
    'diffEditor.insertedLineBackground': '#56d3640a',
    'diffEditor.removedTextBackground': '#ff94920f',
    'diffEditor.removedLineBackground': '#ff94920a',
  },
});

/**
 * vs with darker YAML tokens (its teal keys, #008080, fall under AA on a changed line) and
 * fainter diff tints.
 */
monaco.editor.defineTheme('ferry-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'type.yaml', foreground: '0451A5' },
    { token: 'string.yaml', foreground: 'A31515' },
    { token: 'number.yaml', foreground: '096645' },
    { token: 'number.float.yaml', foreground: '096645' },
    { token: 'number.date.yaml', foreground: '096645' },
    { token: 'keyword.yaml', foreground: '0000C0' },
    { token: 'comment.yaml', foreground: '006400' },
  ],
  // Fainter than vs's own tints, which stack under a changed word to a pink where blue keys fall below 4.5:1.
  colors: {
    'diffEditor.insertedTextBackground': '#9ccc2c26',
    'diffEditor.insertedLineBackground': '#9bb95514',
    'diffEditor.removedTextBackground': '#ff000020',
    'diffEditor.removedLineBackground': '#ff000012',
  },
});

function apply(): void {
  monaco.editor.setTheme(isDark() ? 'ferry-dark' : 'ferry-light');
}

apply();
new MutationObserver(apply).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
