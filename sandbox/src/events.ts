import type { ServerResponse } from 'node:http';
import type { Message } from './chatwork/wire.js';
import type { SandboxRoom } from './model/state.js';

/** The page's live feed (GET /_sandbox/events): a server-sent event for each message posted. */
export class RoomEvents {
  private readonly subscribers = new Set<ServerResponse>();

  subscribe(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.subscribers.add(res);
    res.on('close', () => this.subscribers.delete(res));
  }

  publish(room: SandboxRoom, message: Message): void {
    const data = `data: ${JSON.stringify({ room_id: room.room_id, message_id: message.message_id })}\n\n`;
    for (const res of this.subscribers) res.write(data);
  }

  /** Ends every stream, so that the server can close. */
  close(): void {
    for (const res of this.subscribers) res.end();
    this.subscribers.clear();
  }
}
