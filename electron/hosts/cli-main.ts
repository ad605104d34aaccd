import { runCli } from './cli';

/** The `npm run cli` entry: the CLI on this process's arguments, streams and environment. */
void runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
