/**
 * Error output names URLs (an --input that failed, a token endpoint) and may quote what a
 * server answered. A URL's userinfo (user:password@) and its query values (?api_key=…)
 * are credentials often enough that error output never shows them; the path stays, so
 * the admin still sees which address failed.
 */
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*@)?([^\s?#]*)(\?[^\s#]*)?/gi;

export function maskUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (_whole, scheme: string, userinfo: string | undefined, rest: string, query: string | undefined) =>
    `${scheme}${userinfo ? '***@' : ''}${rest}${query ? maskQuery(query) : ''}`);
}

function maskQuery(query: string): string {
  const pairs = query.slice(1).split('&').map((pair) => {
    const equals = pair.indexOf('=');
    return equals < 0 ? pair : `${pair.slice(0, equals + 1)}***`;
  });
  return `?${pairs.join('&')}`;
}
