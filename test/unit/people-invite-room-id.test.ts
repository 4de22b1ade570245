import { describe, expect, it } from 'vitest';
import { renderError } from '../../src/errors/index.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { buildInvitation } from '../../src/invite/invitation.js';
import { postRoomInvitation } from '../../src/invite/room-invite.js';
import { createFakeChatwork } from '../helpers/fake-chatwork.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/**
 * `invite --room <id>`: an id that is not a whole positive number, digits and nothing after
 * them, is refused before any request, with a message that names the id as the admin typed it.
 */
const invitation = buildInvitation({ lang: 'en', account: { name: 'Notify', chatworkId: 'notify' }, types: ['survey'], people: [] });

describe('invite --room: the room id', () => {
  it.each(['12abc', '10a', '7 ', '3.5'])('refuses %j (digits then something else) without a request, naming it in the message', async (roomId) => {
    const requests: string[] = [];
    const api = {
      ...createFakeChatwork(createFakeClock()),
      async room(id: number) { requests.push(`room ${id}`); return { room_id: id, name: 'All staff', type: 'group' as const, role: 'member' as const }; },
      async members(id: number) { requests.push(`members ${id}`); return []; },
      async postMessage(id: number) { requests.push(`post ${id}`); return { message_id: '1' }; },
    };
    const error = await postRoomInvitation(api, { roomId, people: [], invitation, lang: 'en', contacts: [], trust: { own: 1, trusted: [] } }).catch((e: unknown) => e);
    expect(requests).toEqual([]);
    expect(renderError(error, createTranslator('en'), false)).toEqual([`${createTranslator('en')('error.prefix')} room ${roomId} is not a group chat the account can post in`]);
    expect(renderError(error, createTranslator('ja'), false)[0]).toContain(`チャット${roomId}は、`);
  });
});
