/**
 * Messages of running it unattended: the Node.js version check at start-up, and the sandbox's
 * automatic consent for rehearsing a login on a machine with no browser.
 * Plain object literals only: src/node-check.ts loads this file under an old Node.js.
 */
export const deployCatalog = {
  'node.tooOld': {
    en: 'himanager-chatwork needs Node.js 22.22 or later (22.22+, 24.15+ or 26+), but it was started by Node.js {version} at {path}.\n'
      + 'Install a newer Node.js (https://nodejs.org/en/download, the NodeSource packages for Debian and Ubuntu, or nvm) and start the command with it by its absolute path, for example:\n'
      + '  /usr/local/bin/node {script} --version\n'
      + 'In cron and systemd, write that absolute path: the "Node.js version" section of docs/deploy.md shows how to find one.',
    ja: 'himanager-chatworkにはNode.js 22.22以降（22.22以上、24.15以上、26以上）が必要ですが、{path}にあるNode.js {version}で起動されました。\n'
      + '新しいNode.jsをインストールし（https://nodejs.org/ja/download 、Debian・UbuntuならNodeSourceのパッケージ、またはnvm）、そのNode.jsを絶対パスで指定して起動してください。例:\n'
      + '  /usr/local/bin/node {script} --version\n'
      + 'cronやsystemdでもその絶対パスを書いてください。探し方はdocs/deploy.mdの「Node.js version」にあります。',
  },
  'help.opt.autoConsent': {
    en: 'approve the consent page at once (a GET of the consent URL redirects with a code): for rehearsing a login where no browser can open',
    ja: '同意画面を自動で許可する（同意画面のURLにGETするとコード付きでリダイレクト）。ブラウザーを開けないマシンでログインを試すため',
  },
  'sandbox.autoConsent': {
    en: 'Consent is approved automatically: fetch the URL "auth login" prints (curl -sk -L "<URL>") and the login completes. Never a real Chatwork: only this sandbox does that.',
    ja: '同意は自動で許可されます。「auth login」が表示するURLを取得すると（curl -sk -L "<URL>"）ログインが完了します。本物のChatworkでは起きません。このサンドボックスだけの動きです。',
  },
} as const;
