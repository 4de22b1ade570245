import type { Clock } from '../io/clock.js';

export interface RoomPostLimit { posts: number; windowMs: number }

/**
 * Chatwork's per-room posting limit is not announced in headers, so it is tracked here
 * as a sliding window of our own posts, room by room (the RateLimiter asks it).
 */
export class RoomPostWindow {
  private readonly roomPosts = new Map<number, number[]>();
  private readonly roomBlockedUntil = new Map<number, number>();

  constructor(private readonly clock: Clock, private readonly roomPostLimit: RoomPostLimit, private readonly resetMarginMs: number) {}

  /** A 429 from the per-room limit (someone else posted there too): wait a whole window. */
  blockRoom(roomId: number): number {
    this.roomBlockedUntil.set(roomId, this.clock.now() + this.roomPostLimit.windowMs);
    return this.roomPostLimit.windowMs;
  }

  /** How long one more post to this room must wait (0: it may go now). */
  roomWait(roomId: number): number {
    const now = this.clock.now();
    const blocked = (this.roomBlockedUntil.get(roomId) ?? 0) - now;
    const posts = this.recentPosts(roomId, now);
    const full = posts.length >= this.roomPostLimit.posts
      ? posts[posts.length - this.roomPostLimit.posts]! + this.roomPostLimit.windowMs + this.resetMarginMs - now
      : 0;
    return Math.max(blocked, full, 0);
  }

  private recentPosts(roomId: number, now: number): number[] {
    const posts = (this.roomPosts.get(roomId) ?? []).filter((t) => t > now - this.roomPostLimit.windowMs - this.resetMarginMs);
    if (posts.length) this.roomPosts.set(roomId, posts);
    else this.roomPosts.delete(roomId);
    return posts;
  }

  /** A post to this room has been let through. */
  recordPost(roomId: number): void {
    const posts = this.roomPosts.get(roomId) ?? [];
    posts.push(this.clock.now());
    this.roomPosts.set(roomId, posts);
  }
}
