// Connection policy, decided before the WebSocket upgrade: unknown stations (404), Basic auth
// under security profile 1 (401), subprotocol negotiation, one connection per station.

import assert from 'node:assert/strict';

import { RPCClient } from './lib/deps.mjs';
import { eventually } from './lib/harness.mjs';
import { bootStation, closeQuietly, rawStation, strictStation } from './lib/station.mjs';
import { useLab } from './lib/suite.mjs';

const KNOWN = 'CP-POLICY-1';
const SECURE = 'CP-POLICY-SEC';
const PASSWORD = 'interop-secret-0123456789';  // 16..40 characters, as the 1.6 security whitepaper asks
const ctx = useLab('policy', {
    stations: [KNOWN, { id: SECURE, password: PASSWORD }],
    server: false,  // each group starts the server it needs
});

async function refusedWith(promise) {
    try {
        const station = await promise;
        station.close?.();
        return 'upgraded';
    } catch (error) {
        return error.statusCode ?? error.code ?? String(error.message);
    }
}

async function strictConnectStatus(id, password) {
    const client = new RPCClient({
        endpoint: ctx.lab.endpoint(), identity: id, password, protocols: ['ocpp1.6'], strictMode: true, reconnect: false,
    });
    try {
        await client.connect();
        await closeQuietly(client);
        return 'upgraded';
    } catch (error) {
        return error.code ?? String(error.message);
    }
}

// --- profile 0, unknown stations refused -----------------------------------------------------

ctx.test('profile 0: server starts without --accept-unknown-stations', async () => {
    await ctx.lab.startServer({ securityProfile: 0, extraArgs: ['--ping-interval', '1'] });
});

ctx.test('profile 0: the server pings a connected station (--ping-interval 1)', async () => {
    const station = await rawStation(ctx.lab, KNOWN);
    try {
        const started = Date.now();
        await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('no WebSocket ping within 3 s')), 3000);
            station.ws.once('ping', () => { clearTimeout(timer); resolve(); });
        });
        assert.ok(Date.now() - started < 3000);
    } finally {
        station.close();
    }
});

ctx.test('profile 0: an unknown station gets HTTP 404 before the upgrade', async () => {
    assert.equal(await refusedWith(rawStation(ctx.lab, 'CP-NOBODY-KNOWS')), 404);
    assert.equal(await strictConnectStatus('CP-NOBODY-KNOWS-2'), 404, 'ocpp-rpc sees the 404 as well');
});

ctx.test('profile 0: a path outside /ocpp/<id> gets 404', async () => {
    const url = `ws://127.0.0.1:${ctx.lab.port}/elsewhere/${KNOWN}`;
    const { WebSocket } = await import('./lib/deps.mjs');
    const status = await new Promise((resolve) => {
        const ws = new WebSocket(url, ['ocpp1.6']);
        ws.once('unexpected-response', (req, res) => { res.resume(); ws.terminate(); resolve(res.statusCode); });
        ws.once('open', () => { ws.close(); resolve('upgraded'); });
        ws.once('error', (e) => resolve(String(e.message)));
    });
    assert.equal(status, 404);
});

ctx.test('profile 0: a registered station connects with ocpp1.6 and boots', async () => {
    const client = await strictStation(ctx.lab, KNOWN);
    await bootStation(client);
    await closeQuietly(client);
});

ctx.test('subprotocols: none offered gets 400; only unknown ones offered gets no ocpp subprotocol', async () => {
    assert.equal(await refusedWith(rawStation(ctx.lab, KNOWN, { protocols: [] })), 400);
    // An offer with no protocol we serve: the server must not pretend to speak it. It either
    // refuses the upgrade or upgrades without a subprotocol and closes at once (OCPP-J 1.6 §3.1).
    let outcome;
    try {
        const station = await rawStation(ctx.lab, KNOWN, { protocols: ['ocpp0.9', 'mqtt'] });
        assert.equal(station.protocol, '', 'no subprotocol may be selected');
        await eventually(() => station.closed, { timeoutMs: 3000, what: 'the server to close the connection' });
        outcome = 'closed';
    } catch (error) {
        if (error.statusCode)
            outcome = error.statusCode;
        else if (/Server sent no subprotocol/.test(error.message))
            outcome = 'closed';  // the upgrade came back without one; `ws` drops it client-side
        else
            throw error;
    }
    assert.ok(outcome === 'closed' || (outcome >= 400 && outcome < 500), `outcome: ${outcome}`);
});

ctx.test('one connection per station: a second connection replaces the first', async () => {
    const first = await rawStation(ctx.lab, KNOWN);
    const second = await rawStation(ctx.lab, KNOWN);
    await eventually(() => first.closed, { timeoutMs: 3000, what: 'the first connection to be closed' });
    const beat = await second.call('Heartbeat', {});
    assert.equal(beat[0], 3);
    second.close();
});

ctx.test('profile 0: stop', async () => {
    const exit = await ctx.lab.stopServer();
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null });
});

// --- --accept-unknown-stations -----------------------------------------------------------------

ctx.test('--accept-unknown-stations: an unknown station connects and is accepted at boot', async () => {
    await ctx.lab.startServer({ securityProfile: 0, acceptUnknownStations: true });
    const client = await strictStation(ctx.lab, 'CP-NEWCOMER-1');
    await bootStation(client);
    await closeQuietly(client);
    const listed = await ctx.lab.cliJson(['station', 'list']);
    assert.ok(listed.some((s) => s.chargePointId === 'CP-NEWCOMER-1'), 'the newcomer is registered');
    const exit = await ctx.lab.stopServer();
    assert.equal(exit.code, 0);
});

// --- profile 1: Basic auth -------------------------------------------------------------------------

ctx.test('profile 1: server starts', async () => {
    await ctx.lab.startServer({ securityProfile: 1 });
});

ctx.test('profile 1: wrong password, no password, wrong user name: HTTP 401', async () => {
    assert.equal(await refusedWith(rawStation(ctx.lab, SECURE, { password: 'not-the-password-at-all' })), 401);
    assert.equal(await strictConnectStatus(SECURE, 'not-the-password-at-all'), 401);
    assert.equal(await refusedWith(rawStation(ctx.lab, SECURE)), 401);
    assert.equal(await refusedWith(rawStation(ctx.lab, SECURE, { password: PASSWORD, username: 'someone-else' })), 401);
});

ctx.test('profile 1: a 401 carries a Basic challenge', async () => {
    try {
        await rawStation(ctx.lab, SECURE, { password: 'nope-nope-nope-nope' });
        assert.fail('upgraded with a wrong password');
    } catch (error) {
        assert.equal(error.statusCode, 401);
        assert.match(String(error.headers?.['www-authenticate'] ?? ''), /^Basic/i);
    }
});

ctx.test('profile 1: right password connects (ocpp-rpc strict) and boots', async () => {
    const client = await strictStation(ctx.lab, SECURE, { password: PASSWORD });
    await bootStation(client);
    await closeQuietly(client);
});

ctx.test('profile 1: a station registered without a password cannot connect, an unknown one neither', async () => {
    const outcomes = {
        'no password set, one presented': await refusedWith(rawStation(ctx.lab, KNOWN, { password: 'whatever-whatever-1' })),
        'no password set, none presented': await refusedWith(rawStation(ctx.lab, KNOWN)),
        'unknown station with a password': await refusedWith(rawStation(ctx.lab, 'CP-NOBODY-KNOWS', { password: PASSWORD })),
    };
    // With --security-profile 1 every station must authenticate: one registered without a
    // password cannot, so it must not get in with whatever password it presents.
    for (const [what, outcome] of Object.entries(outcomes))
        assert.ok([401, 404].includes(outcome), `${what}: expected HTTP 401 or 404, got ${outcome}`);
});

ctx.test('without --security-profile the server runs profile 1 (Basic auth)', async () => {
    assert.equal((await ctx.lab.stopServer()).code, 0);
    await ctx.lab.startServer({});
    assert.equal(await refusedWith(rawStation(ctx.lab, SECURE)), 401);
    const client = await strictStation(ctx.lab, SECURE, { password: PASSWORD });
    await closeQuietly(client);
});

ctx.closingChecks();
