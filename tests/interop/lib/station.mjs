// Charging stations for the interop tests.
//
//  - strictStation(): an ocpp-rpc RPCClient in strict mode (protocol ocpp1.6 unless given). Strict mode
//    validates every CALL it sends, every CALL it receives from the server, every CALLRESULT it
//    receives for its own calls, and every answer it gives, against the official 1.6 schemas.
//    Each strictValidationFailure and badMessage is recorded in `peerComplaints`; every test
//    file asserts at the end that the server caused none (assertServerWasClean()).
//  - rawStation(): a bare `ws` client with subprotocol ocpp1.6, for frames ocpp-rpc refuses to
//    send (malformed JSON, schema-invalid payloads, unknown actions, wrong message types).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { RPCClient, WebSocket } from './deps.mjs';

// Everything a strict peer held against the server (or against our own test payloads).
export const peerComplaints = [];

export function isoNow(offsetMs = 0) {
    return new Date(Date.now() + offsetMs).toISOString();
}

export async function strictStation(lab, id, { password, handlers = {}, callTimeoutMs = 10000, protocol = 'ocpp1.6' } = {}) {
    const client = new RPCClient({
        endpoint: lab.endpoint(),
        identity: id,
        password,
        protocols: [protocol],
        strictMode: true,
        reconnect: false,
        callTimeoutMs,
        pingIntervalMs: 60000,
    });
    client.on('strictValidationFailure', (failure) => {
        peerComplaints.push({
            station: id,
            kind: 'strictValidationFailure',
            // outbound=false: the server sent it (a CALL or a CALLRESULT); outbound=true: our own
            // payload or our handler's answer was invalid (a bug in the test).
            from: failure.outbound ? 'test' : 'server',
            method: failure.method,
            isCall: failure.isCall,
            params: failure.params,
            result: failure.result,
            error: `${failure.error?.rpcErrorCode ?? ''} ${failure.error?.message ?? failure.error}`,
        });
    });
    client.on('badMessage', ({ buffer, error }) => {
        peerComplaints.push({ station: id, kind: 'badMessage', from: 'server', message: String(buffer), error: String(error?.message ?? error) });
    });
    for (const [method, handler] of Object.entries(handlers))
        client.handle(method, handler);
    await client.connect();
    assert.equal(client.protocol, protocol, `the server must select subprotocol ${protocol}`);
    return client;
}

export async function closeQuietly(client) {
    if (!client)
        return;
    try {
        await client.close({ code: 1000, reason: 'test done', awaitPending: false });
    } catch {
        // already closed
    }
}

// The server caused no strict-mode failure and sent nothing ocpp-rpc could not parse. Complaints
// about our own payloads are test bugs and fail too.
export function assertServerWasClean() {
    assert.deepEqual(peerComplaints, [], 'ocpp-rpc strict mode rejected traffic:\n' + JSON.stringify(peerComplaints, null, 2));
}

// The standard boot of a station: BootNotification Accepted with a positive interval, then
// StatusNotification Available for connector 0 and the given connectors.
export async function bootStation(client, { connectors = [1] } = {}) {
    const boot = await client.call('BootNotification', {
        chargePointVendor: 'ChargeDesk-Interop',
        chargePointModel: 'ocpp-rpc-strict',
        chargePointSerialNumber: `SN-${client.identity}`,
        firmwareVersion: '1.0.0',
    });
    assert.equal(boot.status, 'Accepted', `BootNotification of ${client.identity}: ${JSON.stringify(boot)}`);
    assert.ok(Number.isInteger(boot.interval) && boot.interval > 0, `interval must be a positive integer: ${JSON.stringify(boot)}`);
    assert.ok(!Number.isNaN(Date.parse(boot.currentTime)), `currentTime must be a date-time: ${boot.currentTime}`);
    for (const connectorId of [0, ...connectors])
        assert.deepEqual(await client.call('StatusNotification', status(connectorId, 'Available')), {});
    return boot;
}

export function status(connectorId, state, extra = {}) {
    return { connectorId, errorCode: 'NoError', status: state, timestamp: isoNow(), ...extra };
}

// A raw OCPP-J connection. Every received frame is kept in order; awaitFrame() takes the first
// unread one that matches.
export class RawStation {
    constructor(ws) {
        this.ws = ws;
        this.frames = [];   // parsed when possible: {text, json}
        this.waiters = [];
        this.closed = null;
        ws.on('message', (data) => {
            const text = data.toString('utf8');
            let json;
            try { json = JSON.parse(text); } catch { json = undefined; }
            this.frames.push({ text, json, taken: false });
            this.wake();
        });
        ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; this.wake(); });
    }

    wake() {
        for (const w of [...this.waiters])
            w();
    }

    send(text) {
        this.ws.send(text);
    }

    // The first unread frame for which match(frame) is true; rejects after timeoutMs.
    awaitFrame(match, { timeoutMs = 5000, what = 'a frame' } = {}) {
        return new Promise((resolve, reject) => {
            const check = () => {
                const frame = this.frames.find((f) => !f.taken && match(f));
                if (frame) {
                    frame.taken = true;
                    done();
                    resolve(frame);
                } else if (this.closed) {
                    done();
                    reject(new Error(`connection closed (${this.closed.code} ${this.closed.reason}) while waiting for ${what}`));
                }
            };
            const timer = setTimeout(() => { done(); reject(new Error(`no ${what} within ${timeoutMs} ms; unread: ${this.unread()}`)); }, timeoutMs);
            const done = () => { clearTimeout(timer); this.waiters = this.waiters.filter((w) => w !== check); };
            this.waiters.push(check);
            check();
        });
    }

    unread() {
        return JSON.stringify(this.frames.filter((f) => !f.taken).map((f) => f.text));
    }

    // Sends a text frame and returns the answer (CALLRESULT or CALLERROR) with message id `id`.
    async exchange(text, id, options = {}) {
        this.send(text);
        const frame = await this.awaitFrame((f) => Array.isArray(f.json) && (f.json[0] === 3 || f.json[0] === 4) && f.json[1] === id,
                                            { what: `an answer to ${id} for ${text.slice(0, 120)}`, ...options });
        return frame.json;
    }

    // Sends a CALL; returns the answer frame.
    call(action, payload, id = randomUUID()) {
        return this.exchange(JSON.stringify([2, id, action, payload]), id);
    }

    // Sends anything; returns the next CALLERROR (for frames whose message id is unreadable).
    async sendExpectingError(text, options = {}) {
        this.send(text);
        const frame = await this.awaitFrame((f) => Array.isArray(f.json) && f.json[0] === 4,
                                            { what: `a CALLERROR for ${text.slice(0, 120)}`, ...options });
        return frame.json;
    }

    // No frame arrives within ms.
    async assertSilent(ms = 300) {
        await new Promise((r) => setTimeout(r, ms));
        assert.equal(this.unread(), '[]', 'expected no frame from the server');
    }

    close() {
        try { this.ws.close(1000, 'test done'); } catch { /* closed */ }
    }
}

// Opens a raw connection. Resolves {station} on upgrade, rejects with err.statusCode when the
// server answers the upgrade with an HTTP status instead.
export function rawStation(lab, id, { password, protocols = ['ocpp1.6'], username = id } = {}) {
    return new Promise((resolve, reject) => {
        const headers = {};
        if (password !== undefined)
            headers.authorization = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
        const ws = new WebSocket(lab.url(id), protocols, { headers, handshakeTimeout: 5000 });
        const station = new RawStation(ws);  // listening before the upgrade completes
        ws.once('unexpected-response', (request, response) => {
            const error = new Error(`HTTP ${response.statusCode} ${response.statusMessage}`);
            error.statusCode = response.statusCode;
            error.headers = response.headers;
            response.resume();
            ws.terminate();
            reject(error);
        });
        ws.once('error', reject);
        ws.once('open', () => {
            station.protocol = ws.protocol;
            resolve(station);
        });
    });
}
