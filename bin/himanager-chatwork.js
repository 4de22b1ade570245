#!/usr/bin/env -S node --max-semi-space-size=8 --optimize-for-size
// The flags keep V8's heap tight: the young generation at 8 MB per semi-space, and the heap grown
// and collected for size rather than speed. A 50,000-person dry run peaks about a quarter lower
// in RSS; what that costs in CPU time is measured by `npm run bench` (Performance in the README).
// `env -S` is in every system Node 22 supports (GNU coreutils 8.30+, BusyBox 1.32+, macOS), and
// npm's Windows shims read it.
//
// The Node.js version is checked before anything else is loaded, and this file is written so
// that an old Node can read it: no static import and no top-level await (Node 12 parses neither
// here), only dynamic import(). Node 10 and older read it as CommonJS and cannot import the
// message, so they get the one line below, still naming the version and the path.
var started = process.argv[1];
import('../dist/node-check.js').then(function (check) {
  var message = check.nodeTooOldMessage({ version: process.versions.node, execPath: process.execPath, script: started, env: process.env });
  if (message === undefined) return import('../dist/bin.js');
  process.stderr.write(message + '\n');
  process.exitCode = 1;
}, function () {
  process.stderr.write('himanager-chatwork needs Node.js 22.22 or later, but it was started by Node.js ' + process.version + ' at ' + process.execPath + ': see https://nodejs.org/en/download\n');
  process.exitCode = 1;
});
