/** How long what the OAuth endpoints issue lives, on the sandbox's clock. */
export interface OAuthSettings {
  accessTokenSeconds: number;
  codeSeconds: number;
  now(): number;
  /** A GET of the consent page approves at once (sandbox --auto-consent): a login rehearsed with no browser. */
  autoConsent?: boolean;
}
