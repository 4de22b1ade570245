const argv = process.argv.slice(2);

// `--version` alone is what monitoring and install checks run: answer it without loading
// commander and the catalog (a third of start-up). Anything else goes through the CLI.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { VERSION } = await import('./version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('./cli.js');
  // The only place that touches the process: argv in, exit code out. Setting
  // exitCode rather than calling exit() lets stdout and stderr drain first.
  process.exitCode = await main({
    argv,
    env: process.env,
    streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signals: process },
  });
}
