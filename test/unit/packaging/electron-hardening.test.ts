import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isDevToolsShortcut, type KeyInput } from '../../../electron/host/desktop/devtools-lock';

const CONFIG = new URL('../../../electron-builder.yml', import.meta.url);

/** The `key: value` lines of one top-level block of electron-builder.yml (no YAML library needed). */
function topLevelBlock(text: string, name: string): Map<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === `${name}:`);
  assert.notEqual(start, -1, `electron-builder.yml has no top-level "${name}:" block`);
  const entries = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) break;
    const match = /^\s+([A-Za-z]+):\s*(\S+)\s*$/.exec(line);
    assert.ok(match, `unexpected line in ${name}: ${line}`);
    assert.ok(!entries.has(match[1] ?? ''), `${match[1]} is set twice`);
    entries.set(match[1] ?? '', match[2] ?? '');
  }
  return entries;
}

describe('packaged build hardening (issue 11, point 8)', () => {
  it('flips the Electron fuses in electron-builder.yml', () => {
    const fuses = topLevelBlock(readFileSync(CONFIG, 'utf8'), 'electronFuses');
    assert.deepEqual(Object.fromEntries(fuses), {
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
    });
  });

  it('recognises every DevTools shortcut and nothing else', () => {
    const key = (over: Partial<KeyInput>): KeyInput => ({
      type: 'keyDown',
      key: 'a',
      control: false,
      meta: false,
      shift: false,
      alt: false,
      ...over,
    });
    for (const input of [
      key({ key: 'F12' }),
      key({ key: 'I', control: true, shift: true }),
      key({ key: 'J', control: true, shift: true }),
      key({ key: 'C', control: true, shift: true }),
      key({ key: 'i', meta: true, alt: true }),
    ]) {
      assert.equal(isDevToolsShortcut(input), true, JSON.stringify(input));
    }
    for (const input of [
      key({ key: 'c', control: true }),
      key({ key: 'i', control: true }),
      key({ key: 'F12', type: 'keyUp' }),
      key({ key: 'a', control: true, shift: true }),
    ]) {
      assert.equal(isDevToolsShortcut(input), false, JSON.stringify(input));
    }
  });
});
