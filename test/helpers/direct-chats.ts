import type { Contact, DirectChat } from '../../src/chatwork/types.js';

/** The contacts' direct chats by account id, from a contact list already in memory. */
export function directChatsOf(contacts: Contact[]): Map<number, DirectChat> {
  return new Map(contacts.map((c) => [c.account_id, { roomId: c.room_id, name: c.name }]));
}
