import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server on 127.0.0.1 that accepts and discards, in a worker thread of its own: in the app
 * the mail server is another machine, so its parsing must not show up as the host's event-loop lag.
 * Counts accepted messages in a shared Int32Array the bench reads without a round trip.
 */
const accepted = new Int32Array(workerData.counter as SharedArrayBuffer);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  closeTimeout: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      Atomics.add(accepted, 0, 1);
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => parentPort!.postMessage({ port: (server.server.address() as AddressInfo).port }));
parentPort!.on('message', () => server.close(() => parentPort!.postMessage({ closed: true })));
