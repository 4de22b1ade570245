import { main } from './cli.js';

// The only place that touches the process: argv in, exit code out. Setting
// exitCode rather than calling exit() lets stdout and stderr drain first.
process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signals: process },
});
