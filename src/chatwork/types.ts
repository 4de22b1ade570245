/** Shapes of Chatwork API v2 answers, as documented (see shared/reference/chatwork-api.md). */
export interface Me {
  account_id: number;
  room_id: number;
  name: string;
  chatwork_id: string;
  organization_id?: number;
  organization_name?: string;
  department?: string;
}

/** What a delivery needs of a contact: the direct chat room and the name, keyed by account id. */
export interface DirectChat { roomId: number; name: string }

export interface Contact {
  account_id: number;
  /** The 1:1 (direct chat) room with this contact. */
  room_id: number;
  name: string;
  chatwork_id: string;
  organization_id: number;
  organization_name: string;
  department: string;
  avatar_image_url?: string;
}

/** A contact request someone sent to the account: GET /incoming_requests. */
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

type RoomRole = 'admin' | 'member' | 'readonly';

export interface Room {
  room_id: number;
  name: string;
  type: 'my' | 'direct' | 'group';
  role: RoomRole;
  sticky?: boolean;
  description?: string;
  last_update_time?: number;
}

export interface Member {
  account_id: number;
  role: RoomRole;
  name: string;
  chatwork_id: string;
  organization_id: number;
  organization_name: string;
  department: string;
}

export interface Message {
  message_id: string;
  account: { account_id: number; name: string; avatar_image_url?: string };
  body: string;
  send_time: number;
  update_time: number;
}

/** A task as GET /rooms/{room_id}/tasks lists it (at most 100; 204 when none). */
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

/** The token endpoint's answer; expires_in comes as a number or a string. */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number | string;
  refresh_token?: string;
  scope?: string;
}

export interface RateLimitSnapshot {
  limit?: number;
  remaining?: number;
  /** Epoch ms at which the window resets, on our clock. */
  resetAt?: number;
  windowMs?: number;
}
