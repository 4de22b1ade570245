import { describe, expect, it } from 'vitest';
import { isSupportedNode, nodeTooOldMessage } from '../../src/node-check.js';

describe('the Node.js version check', () => {
  it.each([
    ['20.20.2', false], ['v12.22.12', false], ['22.21.9', false], ['22.22.0', true], ['v22.22.2', true], ['23.11.0', false],
    ['24.14.9', false], ['24.15.0', true], ['25.9.0', false], ['26.0.0', true], ['30.1.0', true],
  ])('%s is supported: %s (as package.json engines says)', (version, supported) => {
    expect(isSupportedNode(version)).toBe(supported);
  });

  it('names the version and the path of the Node that ran it, and where to get another, in the reader\'s language', () => {
    const runtime = { version: '18.19.1', execPath: '/usr/bin/node', script: '/usr/lib/node_modules/himanager-chatwork/bin/himanager-chatwork.js' };
    const en = nodeTooOldMessage({ ...runtime, env: { LANG: 'C.UTF-8' } })!;
    expect(en).toContain('Node.js 18.19.1 at /usr/bin/node');
    expect(en).toContain('https://nodejs.org/en/download');
    expect(en).toContain('/usr/local/bin/node /usr/lib/node_modules/himanager-chatwork/bin/himanager-chatwork.js --version');
    expect(en).not.toMatch(/\{\w+\}/);
    const ja = nodeTooOldMessage({ ...runtime, env: { LANG: 'C', LC_ALL: 'ja_JP.UTF-8' } })!;
    expect(ja).toContain('/usr/bin/nodeにあるNode.js 18.19.1で起動されました');
    expect(ja).toContain('https://nodejs.org/ja/download');
  });

  it('says nothing on a supported Node', () => {
    expect(nodeTooOldMessage({ version: '24.15.0', execPath: '/opt/node/bin/node', script: 'x', env: {} })).toBeUndefined();
  });
});
