const argv = process.argv.slice(2);

// `--version` alone is what monitoring and install checks run: answer it without loading
// commander and the catalog (a third of start-up). Anything else goes through the CLI.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { VERSION } = await import('./version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  // A reader that went away (`… | head -1`) ends the command quietly with 141, what a shell
  // reports for SIGPIPE, even when the last write fails after main() has returned.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exitCode = 141;
    });
  }
  const { main } = await import('./cli.js');
  // The only place that touches the process: argv in, exit code out. Setting
  // exitCode rather than calling exit() lets stdout and stderr drain first.
  const code = await main({
    argv,
    env: process.env,
    streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signals: process },
  });
  if (process.exitCode !== 141) process.exitCode = code;
}
