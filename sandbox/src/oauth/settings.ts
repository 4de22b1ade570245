/** How long what the OAuth endpoints issue lives, on the sandbox's clock. */
export interface OAuthSettings { accessTokenSeconds: number; codeSeconds: number; now(): number }
