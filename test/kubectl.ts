// A small runner for the real `kubectl` binary against a test stack: every call uses the stack's own
// kubeconfig and a private discovery cache, and an environment scrubbed of the developer's KUBECONFIG,
// so a test never talks to (or caches discovery from) another cluster.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment kubectl sees: the parent's, minus anything that could point it at another cluster. */
function cleanEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'KUBECONFIG' || k.startsWith('KUBECTL_') || k.startsWith('KUBERNETES_') || k.startsWith('CLOUDSDK_')) continue;
    env[k] = v;
  }
  // A private HOME keeps ~/.kube (config, cache, kuberc) of whoever runs the tests out of the picture.
  env.HOME = home;
  return env;
}

export class Kubectl {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly children = new Set<ChildProcess>();

  constructor(readonly kubeconfig: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'kubectl-e2e-'));
    this.env = cleanEnv(this.dir);
  }

  private args(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--cache-dir', join(this.dir, 'cache'), ...args];
  }

  /** Runs kubectl to completion; never rejects on a non-zero exit (tests assert on `code`). */
  run(args: string[], timeoutMs = 30_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      execFile('kubectl', this.args(args), { env: { ...this.env, ...extraEnv }, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          // Spawn failure or timeout kill: report it with the output so far instead of a bare error.
          if (err.killed || err.signal) resolve({ code: -1, stdout, stderr: `${stderr}\n[killed by ${err.signal ?? 'timeout'} after ${timeoutMs} ms]` });
          else reject(err);
          return;
        }
        resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      });
    });
  }

  /** Writes a manifest (YAML or JSON text) into this runner's temp dir and returns its path. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  /** Starts a long-running kubectl (e.g. `get -w`) whose output is collected line by line. */
  background(args: string[]): Background {
    const child = spawn('kubectl', this.args(args), { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return new Background(child);
  }

  /** Kills any background kubectl still running (by its own PID) and removes the temp dir. */
  close(): void {
    for (const child of this.children) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class Background {
  readonly lines: string[] = [];
  stderr = '';
  exitCode: number | null = null;
  private partial = '';

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      this.partial += chunk;
      let i: number;
      while ((i = this.partial.indexOf('\n')) >= 0) {
        const line = this.partial.slice(0, i);
        this.partial = this.partial.slice(i + 1);
        if (line.trim()) this.lines.push(line);
      }
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (this.stderr += chunk));
    child.on('exit', (code) => (this.exitCode = code ?? -1));
  }

  /** Resolves with the first line matching `pred`; rejects (with what was seen) on timeout or exit. */
  async waitFor(pred: (line: string) => boolean, ms: number): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.lines.find(pred);
      if (hit !== undefined) return hit;
      if (this.exitCode !== null) throw new Error(`kubectl exited (${this.exitCode}) before the line appeared; stdout: ${this.lines.join('\n')}; stderr: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for a line; stdout so far: ${JSON.stringify(this.lines)}; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops this child by its PID and waits for it to go. */
  async kill(): Promise<void> {
    if (this.exitCode !== null || this.child.pid === undefined) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    process.kill(this.child.pid, 'SIGTERM');
    await gone;
  }
}
