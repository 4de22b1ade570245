import { TruncatedResponseError } from '../../errors/index.js';
import { jsonArrayStream } from '../../io/json-array.js';
import type { Contact, DirectChat } from '../types.js';
import type { Send } from './request-loop.js';
import type { BodySink } from './transport.js';

/**
 * The contacts' direct chats by account id, read from the contact list as it streams in:
 * 50,000 contacts never stand in memory whole.
 */
export async function directChats(send: Send, apiUrl: string): Promise<Map<number, DirectChat>> {
  const chats = new Map<number, DirectChat>();
  let sink: BodySink | undefined;
  // Each contact is cut down to its direct chat as its last byte arrives; the rest dies young.
  const response = await send('GET', '/contacts', undefined, undefined, () => {
    chats.clear();
    sink = contactSink((contact) => {
      const { account_id: accountId, room_id: roomId, name } = (contact ?? {}) as Partial<Contact>;
      if (Number.isSafeInteger(accountId) && Number.isSafeInteger(roomId)) chats.set(accountId!, { roomId: roomId!, name: typeof name === 'string' ? name : '' });
    });
    return sink;
  });
  if (response.statusCode === 204 || sink?.empty) return chats;
  if (!sink?.complete()) throw new TruncatedResponseError(`${apiUrl}/contacts`);
  return chats;
}

/** A JSON array of contacts, element by element; not complete when cut short, malformed or not an array. */
function contactSink(onContact: (contact: unknown) => void): BodySink {
  let malformed = false;
  let empty = true;
  const array = jsonArrayStream((contact) => onContact(contact));
  return {
    push(chunk) {
      if (malformed) return;
      if (empty && chunk.some((byte) => byte > 32)) empty = false;
      try {
        array.push(chunk);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        malformed = true;
      }
    },
    complete: () => !malformed && array.end(),
    get empty() { return empty; },
  };
}
