/** `novacron`: the libvirt client as a command line (scripting, checks, benchmarks). */
import { runCli } from './cli/run.js';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});
// `novacron vm list | head` closes our stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

const code = await runCli(process.argv.slice(2), controller.signal);
process.exitCode = interrupted && code === 0 ? 0 : code;
