// The npm packages the interop tests use. They are installed by the CTest fixture
// `interop_npm_install` into <build>/interop/node_modules (never into the source tree); the
// harness passes that folder as CHARGEDESK_INTEROP_NODE_MODULES. Both packages are CommonJS, so a
// require() rooted there finds them whatever folder these scripts run from.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modulesDir = process.env.CHARGEDESK_INTEROP_NODE_MODULES
    ?? path.join(here, '..', 'node_modules');
const require = createRequire(path.join(modulesDir, 'noop.js'));

export const ocppRpc = require('ocpp-rpc');
export const { RPCClient, createValidator } = ocppRpc;
export const WebSocket = require('ws');
// The official OCPP 1.6J schemas as ocpp-rpc bundles them: the same data core/ocpp keeps.
export const ocpp16Schemas = require('ocpp-rpc/lib/schemas/ocpp1_6.json');
export const ocpp201Schemas = require('ocpp-rpc/lib/schemas/ocpp2_0_1.json');
export const ocppRpcVersion = require('ocpp-rpc/package.json').version;
