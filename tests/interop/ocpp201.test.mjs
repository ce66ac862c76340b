// OCPP 2.0.1 on the same port: ocpp-rpc strict-mode clients with protocols ['ocpp2.0.1'] boot,
// report status per EVSE, authorize, and run a complete session through TransactionEvent
// Started/Updated/Ended; the session is read back through `tx list/show --json` like a 1.6 one.
// Replayed seqNos get the same answer and count nothing; a gap and the offline flag are session
// events; NotifyReport is browsable with `station device-model`; a 2.0.1 command goes out
// through `chargedesk-cli command`; schema failures are answered with the 2.0.1 error codes
// ocpp-rpc's own validator gives. A station that reboots with a session still open here is asked
// GetTransactionStatus for it (E14); answered "ended, nothing queued", the session is closed.

import assert from 'node:assert/strict';

import { createValidator, ocpp201Schemas } from './lib/deps.mjs';
import { eventually } from './lib/harness.mjs';
import { listSessions, messageLogOf, samplesOf, showSession } from './lib/sessions.mjs';
import { closeQuietly, isoNow, rawStation, strictStation } from './lib/station.mjs';
import { useLab } from './lib/suite.mjs';

const STATION = 'CP-201-1';
const RAW = 'CP-201-RAW';
const REBOOTED = 'CP-201-REBOOT';
const TAG = 'TAG-201-OK';
const TX = 'd8b6f0c2-201-interop';
const LOST_TX = 'e14-lost-ended-201';
const ctx = useLab('ocpp201', { stations: [STATION, RAW, REBOOTED], tags: [TAG] });
const reference = createValidator('ocpp2.0.1', ocpp201Schemas);

let client;
const received = [];

function energy(kWh, timestamp, context = 'Sample.Periodic') {
    return {
        timestamp,
        sampledValue: [
            { value: kWh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'kWh' } },
            ...['L1', 'L2', 'L3'].map((phase) => ({ value: 16.5, context, measurand: 'Current.Import', phase, unitOfMeasure: { unit: 'A' } })),
        ],
    };
}

function txEvent(eventType, seqNo, triggerReason, extra = {}, info = {}) {
    return {
        eventType, seqNo, triggerReason, timestamp: isoNow(),
        transactionInfo: { transactionId: TX, ...info },
        evse: { id: 1, connectorId: 1 },
        ...extra,
    };
}

ctx.test('connects with subprotocol ocpp2.0.1 and boots: Accepted', async () => {
    client = await strictStation(ctx.lab, STATION, {
        protocol: 'ocpp2.0.1',
        handlers: {
            GetVariables: ({ params }) => {
                received.push(params);
                return { getVariableResult: params.getVariableData.map((d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable, attributeValue: '300' })) };
            },
        },
    });
    const boot = await client.call('BootNotification', {
        reason: 'PowerUp',
        chargingStation: { vendorName: 'ChargeDesk-Interop', model: 'ocpp-rpc-201', serialNumber: `SN-${STATION}`, firmwareVersion: '2.0.1' },
    });
    assert.equal(boot.status, 'Accepted', JSON.stringify(boot));
    const station = await ctx.lab.cliJson(['station', 'show', STATION]);
    assert.equal(station.protocol, 'ocpp2.0.1');
    assert.equal(station.model, 'ocpp-rpc-201');
    assert.ok(!Number.isNaN(Date.parse((await client.call('Heartbeat', {})).currentTime)));
    assert.deepEqual(await client.call('StatusNotification', { timestamp: isoNow(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1 }), {});
});

ctx.test('Authorize: known Accepted, unknown Invalid', async () => {
    assert.equal((await client.call('Authorize', { idToken: { idToken: TAG, type: 'ISO14443' } })).idTokenInfo.status, 'Accepted');
    assert.equal((await client.call('Authorize', { idToken: { idToken: 'NEVER', type: 'ISO14443' } })).idTokenInfo.status, 'Invalid');
});

ctx.test('a complete session via TransactionEvent, replays answered and not counted, a gap and the offline flag recorded', async () => {
    const started = txEvent('Started', 0, 'Authorized', { idToken: { idToken: TAG, type: 'ISO14443' }, meterValue: [energy(100, isoNow(), 'Transaction.Begin')] }, { chargingState: 'Charging' });
    const first = await client.call('TransactionEvent', started);
    assert.equal(first.idTokenInfo.status, 'Accepted', JSON.stringify(first));
    assert.deepEqual(await client.call('TransactionEvent', started), first, 'a replayed Started: the same answer');
    const updated = txEvent('Updated', 1, 'MeterValuePeriodic', { meterValue: [energy(104.25, isoNow())] });
    await client.call('TransactionEvent', updated);
    await client.call('TransactionEvent', updated);
    await client.call('TransactionEvent', txEvent('Updated', 4, 'MeterValuePeriodic', { offline: true, meterValue: [energy(106, isoNow())] }));
    const ended = txEvent('Ended', 5, 'EVCommunicationLost', { meterValue: [energy(107.5, isoNow(), 'Transaction.End')] }, { stoppedReason: 'EVDisconnected' });
    await client.call('TransactionEvent', ended);
    await client.call('TransactionEvent', ended);

    const rows = await listSessions(ctx.lab, STATION);
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0].transactionId, TX);
    const shown = await showSession(ctx.lab, rows[0].id);
    assert.equal(shown.status, 'finished');
    assert.equal(shown.meterStartWh, 100_000);
    assert.equal(shown.meterStopWh, 107_500);
    assert.equal(shown.energyWh, 7_500);
    assert.equal(shown.stopReason, 'EVDisconnected');
    assert.equal(shown.evseId, 1);
    const samples = samplesOf(shown);
    assert.equal(samples.filter((x) => x.measurand === 'Energy.Active.Import.Register').length, 4, JSON.stringify(samples));
    assert.equal(samples.filter((x) => x.phase === 'L3' && x.valueMilli === 16_500).length, 4);
    const kinds = shown.events.map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === 'event_replay').length, 3, kinds.join(','));
    assert.ok(kinds.includes('seq_gap') && kinds.includes('seq_incomplete') && kinds.includes('offline_event'), kinds.join(','));
    assert.ok(messageLogOf(shown).some((m) => m.action === 'TransactionEvent'), 'the frames are linked to the session');
});

ctx.test('NotifyReport is stored: station device-model --json', async () => {
    await client.call('NotifyReport', {
        requestId: 1, generatedAt: isoNow(), seqNo: 0,
        reportData: [{
            component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' },
            variableAttribute: [{ value: '300', mutability: 'ReadWrite' }],
            variableCharacteristics: { dataType: 'integer', unit: 's', supportsMonitoring: false },
        }],
    });
    const model = await ctx.lab.cliJson(['station', 'device-model', STATION]);
    assert.equal(model.length, 1, JSON.stringify(model));
    assert.equal(model[0].component, 'OCPPCommCtrlr');
    assert.equal(model[0].value, '300');
});

ctx.test('a 2.0.1 command through chargedesk-cli command: GetVariables', async () => {
    const payload = { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] };
    const r = await ctx.lab.cliRaw(['command', STATION, 'GetVariables', '--payload', JSON.stringify(payload), '--timeout', '20', '--reason', 'interop', '--json'], { timeoutMs: 30000 });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const json = JSON.parse(r.stdout);
    assert.equal(json.result.getVariableResult[0].attributeValue, '300', r.stdout);
    assert.equal(received.length, 1);
    // A 1.6-only action is refused when queued (usage error naming what a 2.0.1 station takes) and
    // never reaches the station.
    const old = await ctx.lab.cliRaw(['command', STATION, 'RemoteStartTransaction', '--payload', JSON.stringify({ idTag: TAG }), '--timeout', '10', '--reason', 'interop', '--json'], { timeoutMs: 20000 });
    assert.equal(old.code, 2, `${old.stdout}\n${old.stderr}`);
    assert.match(old.stderr, /RequestStartTransaction/, old.stderr);
    assert.equal(received.length, 1, 'nothing more reached the station');
});

const invalid = [
    ['TransactionEvent without seqNo', 'TransactionEvent', (() => { const p = txEvent('Updated', 9, 'MeterValuePeriodic'); delete p.seqNo; return p; })()],
    ['TransactionEvent eventType not in the enum', 'TransactionEvent', txEvent('Begun', 9, 'MeterValuePeriodic')],
    ['Authorize with an extra property', 'Authorize', { idToken: { idToken: TAG, type: 'ISO14443' }, colour: 'red' }],
    ['StatusNotification evseId a string', 'StatusNotification', { timestamp: isoNow(), connectorStatus: 'Available', evseId: '1', connectorId: 1 }],
    ['Authorize idToken of 37 characters', 'Authorize', { idToken: { idToken: 'X'.repeat(37), type: 'ISO14443' } }],
];

ctx.test('2.0.1 error codes: schema failures as ocpp-rpc gives them, framing and unknown actions', async () => {
    const raw = await rawStation(ctx.lab, RAW, { protocols: ['ocpp2.0.1'] });
    try {
        assert.equal(raw.protocol, 'ocpp2.0.1');
        const boot = await raw.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'Raw', model: 'ws' } });
        assert.equal(boot[2].status, 'Accepted');
        for (const [title, action, payload] of invalid) {
            let expected;
            try { reference.validate(`urn:${action}.req`, payload); } catch (e) { expected = e.rpcErrorCode; }
            // ocpp-rpc keeps 1.6's misspelling for 2.0.1; OCPP 2.0.1 (part 4, 4.3) spells it
            // OccurrenceConstraintViolation, which we send (and accept both on receive).
            if (expected === 'OccurenceConstraintViolation')
                expected = 'OccurrenceConstraintViolation';
            assert.ok(expected, `${title}: ocpp-rpc must refuse it too`);
            const frame = await raw.call(action, payload);
            assert.equal(frame[0], 4, `${title}: ${JSON.stringify(frame)}`);
            assert.equal(frame[2], expected, `${title}: ${JSON.stringify(frame)}`);
        }
        assert.equal((await raw.call('StartTransaction', { connectorId: 1 }))[2], 'NotImplemented');
        assert.equal((await raw.sendExpectingError('[9,"m-1","Heartbeat",{}]'))[2], 'MessageTypeNotSupported');
        assert.equal((await raw.sendExpectingError('this is not json'))[2], 'RpcFrameworkError');
        assert.equal((await raw.sendExpectingError('[2,"m-2","Heartbeat",[]]'))[2], 'FormatViolation');
    } finally {
        raw.close();
    }
});

ctx.test('after a reboot the server asks GetTransactionStatus; ended at the station, nothing queued: closed (E14)', async () => {
    const boot = (c) => c.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'ChargeDesk-Interop', model: 'ocpp-rpc-201' } });
    const tx = (eventType, seqNo, triggerReason, kWh, context) => ({
        eventType, seqNo, triggerReason, timestamp: isoNow(),
        transactionInfo: { transactionId: LOST_TX, chargingState: 'Charging' },
        evse: { id: 1, connectorId: 1 },
        meterValue: [energy(kWh, isoNow(), context)],
    });
    const before = await strictStation(ctx.lab, REBOOTED, { protocol: 'ocpp2.0.1' });
    try {
        assert.equal((await boot(before)).status, 'Accepted');
        await before.call('TransactionEvent', { ...tx('Started', 0, 'Authorized', 20, 'Transaction.Begin'), idToken: { idToken: TAG, type: 'ISO14443' } });
        await before.call('TransactionEvent', tx('Updated', 1, 'MeterValuePeriodic', 23.5, 'Sample.Periodic'));
    } finally {
        await closeQuietly(before);  // its Ended is lost with the power
    }

    const asked = [];
    const after = await strictStation(ctx.lab, REBOOTED, {
        protocol: 'ocpp2.0.1',
        handlers: {
            GetTransactionStatus: ({ params }) => {
                asked.push(params);
                return { ongoingIndicator: false, messagesInQueue: false };
            },
        },
    });
    try {
        assert.equal((await boot(after)).status, 'Accepted');
        await eventually(() => asked.length > 0, { timeoutMs: 10000, what: 'GetTransactionStatus from the server' });
        assert.deepEqual(asked, [{ transactionId: LOST_TX }]);
        const [row] = await listSessions(ctx.lab, REBOOTED);
        const shown = await eventually(async () => {
            const s = await showSession(ctx.lab, row.id);
            return s.stopSource ? s : null;
        }, { timeoutMs: 10000, what: 'the session to be closed' });
        assert.equal(shown.stopSource, 'reconciled');
        assert.equal(shown.stopReason, 'EndedUnreported');
        assert.equal(shown.status, 'finished');
        assert.equal(shown.meterStopWh, 23_500);
        assert.equal(shown.energyWh, 3_500);
        const kinds = shown.events.map((e) => e.kind);
        assert.ok(kinds.includes('transaction_status') && kinds.includes('closed_reconciled'), kinds.join(','));
        // Our CALL and the station's answer are in the station's message log.
        const log = await eventually(async () => {
            const l = await ctx.lab.cliJson(['station', 'messages', REBOOTED, '--last', '1000']);
            return l.filter((m) => m.action === 'GetTransactionStatus').length >= 2 ? l : null;
        }, { timeoutMs: 10000, what: 'GetTransactionStatus in the message log' });
        assert.deepEqual(log.filter((m) => m.action === 'GetTransactionStatus').map((m) => m.direction), ['out', 'in']);
    } finally {
        await closeQuietly(after);
    }
});

ctx.test('closes', async () => {
    await closeQuietly(client);
});

ctx.closingChecks();
