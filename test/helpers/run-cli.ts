import { Writable } from 'node:stream';
import { runCli } from '../../electron/hosts/cli';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it, as text. */
function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * The CLI as a user runs it, in this process: the same code as the `npm run cli` entry with
 * `env` as its whole environment, the exit code it would end with, and what it printed on each stream.
 * One spawn test (cli.test.ts) keeps the real entry honest.
 */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(args, { env, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
