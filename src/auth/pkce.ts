import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Pkce { verifier: string; challenge: string }

/** 32 random bytes: a 43-character verifier, the S256 challenge Chatwork accepts. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function createState(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant time, so the state cannot be guessed a character at a time. */
export function stateMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
