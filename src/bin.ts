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
  const { main } = await import('./cli/main.js');
  // The only place that touches the process: argv in, exit code out.
  const code = await main({
    argv,
    env: process.env,
    streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signals: process },
  });
  // A reader that went away (EPIPE) has already set 141, what a shell expects.
  if (process.exitCode !== 141) process.exitCode = code;
  // The command is done and its state committed. A keychain call still blocked in native code
  // (a locked keychain waiting on an unlock prompt) would keep the process alive for ever, so
  // once stdout and stderr have drained, leave.
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  })));
  process.exit(process.exitCode);
}
