import { execFileSync, spawn } from 'node:child_process';

/**
 * A command run as a container runs it: as a non-root user, in a private mount namespace whose
 * every mount is read-only except one state volume and a fresh, empty /tmp (what
 * `readOnlyRootFilesystem: true` with a volume and an emptyDir at /tmp gives in Kubernetes, and
 * ProtectSystem=strict with ReadWritePaths in systemd). Needs root, unshare(1) and setpriv(1)
 * (util-linux); where one is missing, `readOnlyRootSkipReason` says which.
 *
 * Safety: the namespace is private, and every remount is a bind remount (a per-mount flag),
 * never `remount,ro` of a superblock, which would change the host's mount too.
 */
const TEST_USER = 'hmcw-deploy-test';

function probe(): string | undefined {
  if (process.platform !== 'linux') return `a mount namespace needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'a private mount namespace and another user need root (run the tests as root, as CI does)';
  for (const tool of ['unshare', 'setpriv', 'mount', 'useradd']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (apt-get install -y util-linux mount passwd)`;
    }
  }
  try {
    execFileSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -o remount,bind,ro / && ! touch /.hmcw-ro-probe 2>/dev/null'], { stdio: 'pipe' });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    return `unshare -m could not make / read-only in a private mount namespace (needs CAP_SYS_ADMIN): ${detail}`;
  }
  return undefined;
}

export const readOnlyRootSkipReason: string | undefined = probe();
if (readOnlyRootSkipReason) {
  if (process.env.CI) throw new Error(`CI must be able to run a read-only root: ${readOnlyRootSkipReason}`);
  console.warn(`skipping: ${readOnlyRootSkipReason}`);
}

/** The uid and gid of the unprivileged test user, made (a system user with no home) if absent. */
export function testUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, TEST_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', TEST_USER], { stdio: 'pipe' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

// $1 = the volume, $2 = uid, $3 = gid, the rest the command. After the command: its exit code,
// then what /tmp and the mount table held, after a marker line on stdout.
const RUNNER = `
set -u
vol="$1"; uid="$2"; gid="$3"; shift 3
mount --bind "$vol" "$vol"
awk '{ print $5 }' /proc/self/mountinfo | sort -r | while read -r escaped; do
  mp=$(printf '%b' "$escaped")
  case "$mp" in /proc|/proc/*|/sys|/sys/*|/dev|/dev/pts|/dev/pts/*) continue ;; esac
  [ "$mp" = "$vol" ] && continue
  mount -o remount,bind,ro "$mp" 2>/dev/null || echo "could not make $mp read-only" >&2
done
mount -t tmpfs -o size=32m,mode=1777 tmpfs /tmp
setpriv --reuid="$uid" --regid="$gid" --clear-groups --no-new-privs --inh-caps=-all -- "$@"
code=$?
echo "@@hmcw-after-run@@ exit $code"
echo "@@tmp@@"; find /tmp -mindepth 1
echo "@@mounts@@"; awk '{ print $5, $6 }' /proc/self/mountinfo
`;

export interface ReadOnlyRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Every path the run left in /tmp (a fresh tmpfs that only this run could write). */
  tmpEntries: string[];
  /** Each mount point with its options, as the run saw them. */
  mounts: { path: string; options: string[] }[];
}

export function runReadOnlyRoot(volume: string, command: string[], env: NodeJS.ProcessEnv, user = testUser()): Promise<ReadOnlyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', RUNNER, 'runner', volume, String(user.uid), String(user.gid), ...command], {
      env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('error', reject);
    child.on('close', () => {
      const at = out.lastIndexOf('@@hmcw-after-run@@');
      if (at < 0) return reject(new Error(`the runner did not finish: ${err}`));
      const [, code, tmp, mounts] = /@@hmcw-after-run@@ exit (\d+)\n@@tmp@@\n([\s\S]*?)@@mounts@@\n([\s\S]*)$/.exec(out.slice(at))!;
      resolve({
        code: Number(code), stdout: out.slice(0, at), stderr: err,
        tmpEntries: tmp!.split('\n').filter(Boolean),
        mounts: mounts!.split('\n').filter(Boolean).map((line) => {
          const [path, options] = line.split(' ');
          return { path: path!, options: options!.split(',') };
        }),
      });
    });
  });
}
