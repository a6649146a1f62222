import { type ChildProcess, spawn } from 'node:child_process';

/** A child process whose output is kept, so a failure can show what it printed. */
export interface RunningChild {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves when the output contains `text`; rejects if the process exits first or `timeoutMs` passes. */
  waitForOutput(text: string | RegExp, timeoutMs: number): Promise<void>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it is still running after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Environment for children: telemetry and update checks off (no network), provider keys removed. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
  for (const name of ['OPENAI_API_KEY', 'OPENROUTER_API_KEY', 'AZURE_API_KEY', 'AZURE_RESOURCE_NAME']) {
    delete env[name];
  }
  return env;
}

/** Spawns `node <args>` with the Node that runs the tests (Node >= 22, as Next and the AI SDK need). */
export function startNode(args: string[], env: NodeJS.ProcessEnv): RunningChild {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>(resolve => {
    child.once('exit', code => {
      resolve(code);
      for (const listener of listeners) listener();
    });
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  return {
    child,
    output: () => output,
    exited,
    waitForOutput(text, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const matches = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
        const done = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (matches()) done();
          else if (hasExited || child.exitCode !== null) {
            done(new Error(`process exited (code ${child.exitCode}) before printing ${text}:\n${tail(output)}`));
          }
        };
        const timer = setTimeout(
          () => done(new Error(`no ${text} after ${timeoutMs} ms; output so far:\n${tail(output)}`)),
          timeoutMs,
        );
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The last lines of a process's output, for error messages. */
export function tail(output: string, lines = 60): string {
  return output.split('\n').slice(-lines).join('\n');
}
