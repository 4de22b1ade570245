/**
 * Chatwork API v2 answers as the emulator understands them from Chatwork's documentation.
 * The emulator's own reading, kept apart from the product's client (src/chatwork/types.ts) on
 * purpose: a misunderstanding in our client must not be silently shared by its test double.
 */
export type RoomRole = 'admin' | 'member' | 'readonly';

/** GET /contacts: one contact; room_id is the 1:1 (direct chat) room with them. */
export interface Contact {
  account_id: number;
  room_id: number;
  name: string;
  chatwork_id: string;
  organization_id: number;
  organization_name: string;
  department: string;
  avatar_image_url?: string;
}

/** GET /incoming_requests: a contact request someone sent to the account. */
export interface IncomingRequest {
  request_id: number;
  account_id: number;
  message: string;
  name: string;
  chatwork_id: string;
  organization_id: number;
  organization_name: string;
  department: string;
  avatar_image_url?: string;
}

/** GET /rooms and GET /rooms/{room_id}. */
export interface Room {
  room_id: number;
  name: string;
  type: 'my' | 'direct' | 'group';
  role: RoomRole;
  sticky?: boolean;
  description?: string;
  last_update_time?: number;
}

/** GET /rooms/{room_id}/members. */
export interface Member {
  account_id: number;
  role: RoomRole;
  name: string;
  chatwork_id: string;
  organization_id: number;
  organization_name: string;
  department: string;
}

/** GET /rooms/{room_id}/messages; message_id is a string. */
export interface Message {
  message_id: string;
  account: { account_id: number; name: string; avatar_image_url?: string };
  body: string;
  send_time: number;
  update_time: number;
}

/** GET /rooms/{room_id}/tasks: at most 100, 204 when none. */
export interface Task {
  task_id: number;
  account: { account_id: number; name: string; avatar_image_url?: string };
  assigned_by_account: { account_id: number; name: string; avatar_image_url?: string };
  message_id: string;
  body: string;
  /** Unix seconds; 0 when there is no deadline. */
  limit_time: number;
  status: 'open' | 'done';
  limit_type: 'none' | 'date' | 'time';
}
