import type { ServerResponse } from 'node:http';
import type { Message } from './chatwork/wire.js';
import type { SandboxRoom } from './model/state.js';

/**
 * The live feed (GET /_sandbox/events): a server-sent event for each message posted and each task
 * POST (with its task ids), so that the page and the chaos test see every delivery as it lands.
 */
export class RoomEvents {
  private readonly subscribers = new Set<ServerResponse>();

  subscribe(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.subscribers.add(res);
    res.on('close', () => this.subscribers.delete(res));
  }

  publish(room: SandboxRoom, message: Message): void {
    this.send({ room_id: room.room_id, message_id: message.message_id });
  }

  publishTasks(room: SandboxRoom, messageId: string, taskIds: number[]): void {
    this.send({ room_id: room.room_id, message_id: messageId, task_ids: taskIds });
  }

  private send(event: Record<string, unknown>): void {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of this.subscribers) res.write(data);
  }

  /** Ends every stream, so that the server can close. */
  close(): void {
    for (const res of this.subscribers) res.end();
    this.subscribers.clear();
  }
}
