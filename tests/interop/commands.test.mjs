// Server -> station: operator commands queued with `chargedesk-cli command` reach an ocpp-rpc
// strict client (which validates each CALL against the 1.6 schemas), and the client's answers
// come back through the CLI (exit 0, the answer printed).

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { eventually } from './lib/harness.mjs';
import { listSessions, sameTransaction } from './lib/sessions.mjs';
import { bootStation, closeQuietly, isoNow, rawStation, status, strictStation } from './lib/station.mjs';
import { useLab } from './lib/suite.mjs';

const STATION = 'CP-COMMANDS-1';
const OFFLINE = 'CP-COMMANDS-OFF';
const RAW = 'CP-COMMANDS-RAW';
const TAG = 'TAG-REMOTE-1';
const ctx = useLab('commands', { stations: [STATION, OFFLINE, RAW], tags: [TAG] });

const received = [];        // {method, params} in arrival order
const followUps = [];       // promises of messages the station sends after answering
let client;
let remoteTransactionId;

let answerDelayMs = 0;       // how long every handler takes to answer

function answerWith(method, answer, after) {
    return async ({ params }) => {
        const entry = { method, params, at: Date.now(), answeredAt: 0 };
        received.push(entry);
        if (answerDelayMs)
            await sleep(answerDelayMs);
        if (after)
            followUps.push(sleep(50).then(() => after(params)));
        entry.answeredAt = Date.now();
        return typeof answer === 'function' ? answer(params) : answer;
    };
}

async function command(station, action, { params = [], payload, timeoutS = 20 } = {}) {
    const args = ['command', station, action, '--timeout', String(timeoutS), '--reason', 'interop test'];
    for (const p of params)
        args.push('--param', p);
    if (payload)
        args.push('--payload', JSON.stringify(payload));
    const result = await ctx.lab.cliRaw([...args, '--json'], { timeoutMs: (timeoutS + 10) * 1000 });
    let json;
    try { json = JSON.parse(result.stdout); } catch { json = undefined; }
    return { ...result, json };
}

async function expectAnswered(action, options, expectedAnswer, expectedParams) {
    const before = received.length;
    const r = await command(STATION, action, options);
    assert.equal(r.code, 0, `chargedesk-cli command ${action} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    assert.ok(r.json, `no JSON printed: ${r.stdout}`);
    assert.deepEqual(r.json.result, expectedAnswer, `the CLI prints the station's answer: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.action, action);
    const got = received.slice(before);
    assert.equal(got.length, 1, `the station received exactly one ${action}: ${JSON.stringify(got)}`);
    assert.equal(got[0].method, action);
    if (expectedParams)
        assert.deepEqual(got[0].params, expectedParams);
    await Promise.all(followUps.splice(0));
    return r.json;
}

ctx.test('a strict station with handlers for every command connects and boots', async () => {
    const handlers = {
        Reset: answerWith('Reset', { status: 'Accepted' }),
        TriggerMessage: answerWith('TriggerMessage', { status: 'Accepted' }, async (p) => {
            if (p.requestedMessage === 'StatusNotification')
                assert.deepEqual(await client.call('StatusNotification', status(p.connectorId ?? 0, 'Available')), {});
            else if (p.requestedMessage === 'Heartbeat')
                assert.ok((await client.call('Heartbeat', {})).currentTime);
        }),
        ChangeConfiguration: answerWith('ChangeConfiguration', { status: 'Accepted' }),
        GetConfiguration: answerWith('GetConfiguration', (p) => ({
            configurationKey: (p.key ?? ['HeartbeatInterval']).filter((k) => k === 'HeartbeatInterval')
                .map((key) => ({ key, readonly: false, value: '300' })),
            unknownKey: (p.key ?? []).filter((k) => k !== 'HeartbeatInterval'),
        })),
        RemoteStartTransaction: answerWith('RemoteStartTransaction', { status: 'Accepted' }, async (p) => {
            await client.call('StatusNotification', status(p.connectorId ?? 1, 'Preparing'));
            const started = await client.call('StartTransaction', { connectorId: p.connectorId ?? 1, idTag: p.idTag, meterStart: 700, timestamp: isoNow() });
            assert.equal(started.idTagInfo.status, 'Accepted');
            remoteTransactionId = started.transactionId;
            await client.call('StatusNotification', status(p.connectorId ?? 1, 'Charging'));
        }),
        RemoteStopTransaction: answerWith('RemoteStopTransaction', { status: 'Accepted' }, async (p) => {
            await client.call('StopTransaction', { transactionId: p.transactionId, meterStop: 1_900, timestamp: isoNow(), reason: 'Remote' });
            await client.call('StatusNotification', status(1, 'Finishing'));
        }),
        UnlockConnector: answerWith('UnlockConnector', { status: 'Unlocked' }),
        ChangeAvailability: answerWith('ChangeAvailability', (p) => ({ status: p.type === 'Inoperative' ? 'Accepted' : 'Scheduled' })),
        ClearCache: answerWith('ClearCache', { status: 'Accepted' }),
        DataTransfer: answerWith('DataTransfer', (p) => ({ status: 'Accepted', data: `echo:${p.data ?? ''}` })),
        GetLocalListVersion: answerWith('GetLocalListVersion', { listVersion: 3 }),
        // GetDiagnostics deliberately has no handler: ocpp-rpc answers NotImplemented.
    };
    client = await strictStation(ctx.lab, STATION, { handlers });
    await bootStation(client);
});

ctx.test('Reset --param type=Soft', async () => {
    await expectAnswered('Reset', { params: ['type=Soft'] }, { status: 'Accepted' }, { type: 'Soft' });
});

ctx.test('TriggerMessage StatusNotification, and the triggered message is answered', async () => {
    await expectAnswered('TriggerMessage', { params: ['requestedMessage=StatusNotification', 'connectorId=1'] },
                         { status: 'Accepted' }, { requestedMessage: 'StatusNotification', connectorId: 1 });
    await expectAnswered('TriggerMessage', { params: ['requestedMessage=Heartbeat'] }, { status: 'Accepted' });
});

ctx.test('ChangeConfiguration and GetConfiguration', async () => {
    await expectAnswered('ChangeConfiguration', { params: ['key=HeartbeatInterval', 'value="300"'] },
                         { status: 'Accepted' }, { key: 'HeartbeatInterval', value: '300' });
    await expectAnswered('GetConfiguration', { params: ['key=["HeartbeatInterval","NoSuchKey"]'] },
                         { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['NoSuchKey'] },
                         { key: ['HeartbeatInterval', 'NoSuchKey'] });
    await expectAnswered('GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: [] }, {});
});

ctx.test('RemoteStartTransaction: the station starts a session for the tag', async () => {
    await expectAnswered('RemoteStartTransaction', { params: [`idTag=${TAG}`, 'connectorId=1'] },
                         { status: 'Accepted' }, { idTag: TAG, connectorId: 1 });
    assert.ok(Number.isInteger(remoteTransactionId));
    const rows = (await listSessions(ctx.lab, STATION)).filter((r) => sameTransaction(r, remoteTransactionId));
    assert.equal(rows.length, 1, `one session for the remote start: ${JSON.stringify(rows)}`);
    assert.equal(rows[0].idTag, TAG);
});

ctx.test('RemoteStopTransaction: the station stops it', async () => {
    assert.ok(Number.isInteger(remoteTransactionId), 'needs the remote start');
    await expectAnswered('RemoteStopTransaction', { params: [`transactionId=${remoteTransactionId}`] },
                         { status: 'Accepted' }, { transactionId: remoteTransactionId });
    const row = await eventually(async () => {
        const rows = (await listSessions(ctx.lab, STATION)).filter((r) => sameTransaction(r, remoteTransactionId));
        return rows[0]?.status === 'finished' && rows[0];
    }, { what: 'the remotely stopped session to be finished' });
    assert.equal(row.energyWh, 1_200);
});

ctx.test('UnlockConnector, ChangeAvailability, ClearCache, DataTransfer, GetLocalListVersion', async () => {
    await expectAnswered('UnlockConnector', { params: ['connectorId=1'] }, { status: 'Unlocked' }, { connectorId: 1 });
    await expectAnswered('ChangeAvailability', { params: ['connectorId=0', 'type=Inoperative'] }, { status: 'Accepted' },
                         { connectorId: 0, type: 'Inoperative' });
    await expectAnswered('ChangeAvailability', { params: ['connectorId=0', 'type=Operative'] }, { status: 'Scheduled' });
    await expectAnswered('ClearCache', {}, { status: 'Accepted' }, {});
    await expectAnswered('DataTransfer', { params: ['vendorId=com.example.interop', 'messageId=echo', 'data=hello'] },
                         { status: 'Accepted', data: 'echo:hello' }, { vendorId: 'com.example.interop', messageId: 'echo', data: 'hello' });
    await expectAnswered('GetLocalListVersion', {}, { listVersion: 3 }, {});
});

ctx.test('two commands at once: the server keeps one CALL outstanding, the second waits for the answer', async () => {
    answerDelayMs = 800;
    try {
        const before = received.length;
        const [a, b] = await Promise.all([
            command(STATION, 'ClearCache', {}),
            sleep(100).then(() => command(STATION, 'UnlockConnector', { params: ['connectorId=2'] })),
        ]);
        assert.equal(a.code, 0, a.stderr);
        assert.equal(b.code, 0, b.stderr);
        const got = received.slice(before);
        assert.equal(got.length, 2);
        assert.ok(got[1].at >= got[0].answeredAt,
                  `the second CALL (${got[1].method}) arrived ${got[0].answeredAt - got[1].at} ms before the first was answered`);
    } finally {
        answerDelayMs = 0;
    }
});

ctx.test('a command the station answers with a CALLERROR: the CLI fails and records the error', async () => {
    const r = await command(STATION, 'GetDiagnostics', { params: ['location=ftp://diag.example/upload'] });
    assert.notEqual(r.code, 0, `exit code for a refused command:\n${r.stdout}\n${r.stderr}`);
    assert.ok(r.json, `the record is still printed as JSON: ${r.stdout}`);
    assert.match(JSON.stringify(r.json.result), /NotImplemented/, 'the result names the station\'s error code');
});

ctx.test('a schema-invalid command payload is refused and never reaches the station', async () => {
    const before = received.length;
    const r = await command(STATION, 'Reset', { params: ['type=Sideways'], timeoutS: 10 });
    assert.notEqual(r.code, 0, `Reset type=Sideways must fail:\n${r.stdout}\n${r.stderr}`);
    await sleep(200);
    assert.equal(received.length, before, 'the station must not receive an invalid CALL');
});

ctx.test('a command to a station that is not connected fails clearly', async () => {
    const started = Date.now();
    const r = await command(OFFLINE, 'Reset', { params: ['type=Soft'], timeoutS: 15 });
    assert.notEqual(r.code, 0, `command to an offline station:\n${r.stdout}\n${r.stderr}`);
    assert.ok(Date.now() - started < 14_000, 'it must fail at once, not time out');
});

ctx.test('a schema-invalid CALLRESULT from the station fails the command and is not answered', async () => {
    const station = await rawStation(ctx.lab, RAW);
    try {
        const boot = await station.call('BootNotification', { chargePointVendor: 'Raw', chargePointModel: 'ws' });
        assert.equal(boot[2].status, 'Accepted');
        const pending = command(RAW, 'Reset', { params: ['type=Hard'], timeoutS: 15 });
        const call = (await station.awaitFrame((f) => Array.isArray(f.json) && f.json[0] === 2, { timeoutMs: 10000, what: 'the Reset CALL' })).json;
        assert.equal(call[2], 'Reset');
        assert.deepEqual(call[3], { type: 'Hard' });
        assert.ok(call[1].length <= 36, 'message ids are at most 36 characters');
        station.send(JSON.stringify([3, call[1], { status: 'Maybe' }]));
        const r = await pending;
        assert.notEqual(r.code, 0, `an invalid answer must fail the command:\n${r.stdout}\n${r.stderr}`);
        await station.assertSilent(300);  // nobody answers a CALLRESULT

        // The link still works: the next command with a valid answer succeeds.
        const next = command(RAW, 'Reset', { params: ['type=Soft'], timeoutS: 15 });
        const call2 = (await station.awaitFrame((f) => Array.isArray(f.json) && f.json[0] === 2, { timeoutMs: 10000, what: 'the second Reset' })).json;
        station.send(JSON.stringify([3, call2[1], { status: 'Rejected' }]));
        const r2 = await next;
        assert.equal(r2.code, 0, r2.stderr);
        assert.deepEqual(r2.json.result, { status: 'Rejected' });
    } finally {
        station.close();
    }
});

ctx.test('the station is still connected and healthy', async () => {
    assert.ok((await client.call('Heartbeat', {})).currentTime);
    await closeQuietly(client);
});

ctx.closingChecks();
