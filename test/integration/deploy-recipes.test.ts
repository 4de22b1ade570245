import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';
import { systemTool } from '../helpers/system.js';

// The recipes in deploy/ checked for what they promise: pinned versions, Forbid, secrets from a
// Secret, a read-only root, resource limits, the Node by absolute path, systemd's hardening. What
// they rely on at run time is tested in deploy-readonly-root.test.ts; the image itself cannot be
// built here (its base image cannot be pulled on this machine).
const here = (path: string) => fileURLToPath(new URL(`../../deploy/${path}`, import.meta.url));
const read = (path: string) => readFileSync(here(path), 'utf8');
const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;

const python = (() => {
  const probe = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' });
  const reason = 'python3 with PyYAML is not installed (apt-get install -y python3-yaml)';
  if (probe.status !== 0 && process.env.CI) throw new Error(`CI must have ${reason}`);
  if (probe.status !== 0) console.warn(`skipping: ${reason}`);
  return { available: probe.status === 0, reason };
})();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, read by the assertions that follow
type Yaml = Record<string, any>;
function yamlDocuments(path: string): Yaml[] {
  return JSON.parse(execFileSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1])))))', here(path)], { encoding: 'utf8' })) as Yaml[];
}

function cronJob(path: string): Yaml {
  const jobs = yamlDocuments(path).filter((d) => d.kind === 'CronJob');
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
}

describe.skipIf(!python.available)(`the Kubernetes CronJobs${python.available ? '' : ` (${python.reason})`}`, () => {
  it.each(['kubernetes/cronjob-volume.yaml', 'kubernetes/cronjob-postgres.yaml'])('%s: pinned image, Forbid, a deadline, read-only root, non-root, limits, secrets from a Secret', (path) => {
    const job = cronJob(path);
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.spec.concurrencyPolicy).toBe('Forbid');
    expect(job.spec.startingDeadlineSeconds).toBeGreaterThan(0);
    const pod = job.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    for (const container of pod.containers as Yaml[]) {
      expect(container.image).toMatch(new RegExp(`:${VERSION.replace(/\./g, '\\.')}$`));
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.resources.limits).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
      expect(container.args[0]).toBe('send-reminders');
      // Kubernetes expands $(NAME) in args itself; ${NAME} reaches the CLI, which reads the env.
      expect(container.args.join(' ')).not.toMatch(/\$\(/);
      const env = new Map((container.env as Yaml[]).map((e) => [e.name as string, e]));
      for (const [name, e] of env) if (/(_SECRET|_TOKEN|_STATE_KEY|^HIMANAGER_CHATWORK_STATE)$/.test(name)) expect(e.valueFrom?.secretKeyRef, name).toBeDefined();
      expect(env.has('HIMANAGER_CHATWORK_CLIENT_SECRET')).toBe(true);
      const mounts = new Map((container.volumeMounts as Yaml[]).map((m) => [m.mountPath as string, m.name as string]));
      const volumes = new Map((pod.volumes as Yaml[]).map((v) => [v.name as string, v]));
      expect(volumes.get(mounts.get('/tmp')!)?.emptyDir).toBeDefined();
      if (path.includes('volume')) {
        const configDir = env.get('HIMANAGER_CHATWORK_CONFIG_DIR')!.value as string;
        expect(volumes.get(mounts.get(configDir)!)?.persistentVolumeClaim?.claimName).toBe('himanager-chatwork-state');
        expect(pod.securityContext.fsGroup).toBe(pod.securityContext.runAsGroup);
      } else {
        expect(env.get('HIMANAGER_CHATWORK_STATE')!.valueFrom.secretKeyRef.key).toBe('state-url');
        expect([...mounts.keys()]).toEqual(['/tmp']);
      }
    }
  });

  it('the example Secret holds the keys the CronJobs read', () => {
    const [secret] = yamlDocuments('kubernetes/secret.example.yaml');
    const referenced = ['kubernetes/cronjob-volume.yaml', 'kubernetes/cronjob-postgres.yaml'].flatMap((path) =>
      (cronJob(path).spec.jobTemplate.spec.template.spec.containers[0].env as Yaml[]).flatMap((e) => e.valueFrom ? [e.valueFrom.secretKeyRef.key as string] : []));
    const documented = [...Object.keys(secret!.stringData), ...read('kubernetes/secret.example.yaml').matchAll(/^\s+# ([a-z-]+):/gm)].map((k) => typeof k === 'string' ? k : k[1]!);
    for (const key of new Set(referenced)) expect(documented, key).toContain(key);
  });
});

describe('the Dockerfile', () => {
  const text = read('Dockerfile');
  it('pins a Node 24 slim base by version, installs the packed tarball, runs as a non-root user with the state on a volume', () => {
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-slim$/m);
    expect(text).toMatch(/^FROM \$\{NODE_IMAGE\}$/m);
    expect(text).toMatch(/npm install --global --omit=dev .*\/tmp\/himanager-chatwork\.tgz/);
    expect(text).not.toMatch(/^[^#]*\bnpx\b/m);
    expect(text).toMatch(/^USER 10001:10001$/m);
    const configDir = /HIMANAGER_CHATWORK_CONFIG_DIR=(\S+)/.exec(text)![1];
    expect(text).toContain(`VOLUME ["${configDir}"]`);
    expect(text).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/node", .*"\/usr\/local\/lib\/node_modules\/himanager-chatwork\/bin\/himanager-chatwork\.js"\]$/m);
    // The build context is only the tarball.
    expect(read('Dockerfile.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['*', '!himanager-chatwork-*.tgz']);
  });
});

const systemdAnalyze = systemTool('systemd-analyze', 'systemd');
describe('the systemd units', () => {
  const service = read('systemd/himanager-chatwork.service');
  const timer = read('systemd/himanager-chatwork.timer');

  it('a oneshot, hardened, Node by absolute path, secrets from a root-only file, the token never on the command line', () => {
    const keys = (name: string) => [...service.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]);
    expect(keys('Type')).toEqual(['oneshot']);
    expect(keys('ProtectSystem')).toEqual(['strict']);
    expect(keys('ReadWritePaths')).toEqual(['/var/lib/himanager-chatwork']);
    expect(keys('Environment')).toContain('HIMANAGER_CHATWORK_CONFIG_DIR=/var/lib/himanager-chatwork');
    expect(keys('EnvironmentFile')).toEqual(['/etc/himanager-chatwork/env']);
    for (const key of ['PrivateTmp', 'ProtectHome', 'NoNewPrivileges', 'PrivateDevices']) expect(keys(key), key).toEqual(['yes']);
    const exec = keys('ExecStart')[0]!;
    expect(exec).toMatch(/^\/opt\/[^ ]+\/bin\/node /);
    expect(exec).toContain('$${HIMANAGER_EXPORT_TOKEN}');
    expect(exec).not.toMatch(/[^$]\$\{/);
    expect(timer).toMatch(/^Persistent=true$/m);
    expect(timer).toMatch(/^Unit=himanager-chatwork\.service$/m);
  });

  it.skipIf(!systemdAnalyze.available)('systemd-analyze verify finds nothing to say (with this machine\'s Node and bin in ExecStart)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-units-'));
    writeFileSync(join(dir, 'env'), '', { mode: 0o600 });
    writeFileSync(join(dir, 'himanager-chatwork.service'), service
      .replace('/opt/node-v24/bin/node', process.execPath)
      .replace('/opt/himanager-chatwork/node_modules/himanager-chatwork/bin/himanager-chatwork.js', BIN)
      .replace('/etc/himanager-chatwork/env', join(dir, 'env')));
    copyFileSync(here('systemd/himanager-chatwork.timer'), join(dir, 'himanager-chatwork.timer'));
    const result = spawnSync('systemd-analyze', ['verify', join(dir, 'himanager-chatwork.timer'), join(dir, 'himanager-chatwork.service')], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.trim()).toBe('');
    const calendar = /^OnCalendar=(.*)$/m.exec(timer)![1]!;
    const next = spawnSync('systemd-analyze', ['calendar', calendar], { encoding: 'utf8' });
    expect(next.status, next.stderr).toBe(0);
  });
});
