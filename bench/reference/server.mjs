// The benchmark's reference: a minimal OCPP 1.6J or 2.0.1 central system on npm ocpp-rpc (strict
// mode, so every CALL and every answer is checked against the official schemas, as ChargeDesk
// does). It accepts every station, answers the messages the simulator's workload sends with
// valid minimal replies, and stores nothing.
//
//   node server.mjs --node-modules DIR [--host 127.0.0.1] [--port 0] [--heartbeat-interval 300]
//                   [--protocol ocpp1.6|ocpp2.0.1]
//
// DIR is the node_modules folder `npm ci` filled from package.json + package-lock.json beside
// this file (chargedesk-bench installs it into the build tree, never here). When listening it
// prints one line with ws://HOST:PORT; SIGTERM or SIGINT closes it.

import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
    options: {
        'node-modules': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        'heartbeat-interval': { type: 'string', default: '300' },
        protocol: { type: 'string', default: 'ocpp1.6' },
    },
});
if (!args['node-modules']) {
    console.error('usage: node server.mjs --node-modules DIR [--host H] [--port P] [--heartbeat-interval S]');
    process.exit(2);
}
const require = createRequire(path.join(path.resolve(args['node-modules']), 'noop.js'));
const { RPCServer } = require('ocpp-rpc');
const heartbeatInterval = Number(args['heartbeat-interval']);

const now = () => new Date().toISOString();
const accepted = { idTagInfo: { status: 'Accepted' } };
let nextTransactionId = 1;

if (!['ocpp1.6', 'ocpp2.0.1'].includes(args.protocol)) {
    console.error('--protocol must be ocpp1.6 or ocpp2.0.1');
    process.exit(2);
}
const tokenAccepted = { idTokenInfo: { status: 'Accepted' } };

const server = new RPCServer({ protocols: [args.protocol], strictMode: true });
server.on('client', (client) => {
    client.handle('BootNotification', () => ({ status: 'Accepted', currentTime: now(), interval: heartbeatInterval }));
    client.handle('Heartbeat', () => ({ currentTime: now() }));
    client.handle('StatusNotification', () => ({}));
    client.handle('MeterValues', () => ({}));
    if (args.protocol === 'ocpp1.6') {
        client.handle('Authorize', () => accepted);
        client.handle('StartTransaction', () => ({ transactionId: nextTransactionId++, ...accepted }));
        client.handle('StopTransaction', () => accepted);
    } else {
        client.handle('Authorize', () => tokenAccepted);
        client.handle('TransactionEvent', ({ params }) => (params.idToken ? tokenAccepted : {}));
    }
});

const httpServer = await server.listen(Number(args.port), args.host);
const { address, port } = httpServer.address();
console.log(`ocpp-rpc reference server is listening on ws://${address}:${port}`);

const shutdown = async () => {
    await server.close({ force: true });
    process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
