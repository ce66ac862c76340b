// A complete charging session from an ocpp-rpc strict client, then the session read back through
// chargedesk-cli: energy, status, stop reason and the message log.

import assert from 'node:assert/strict';

import { frameText, listSessions, messageLogOf, sameTransaction, samplesOf, sessionOf, showSession } from './lib/sessions.mjs';
import { bootStation, closeQuietly, isoNow, status, strictStation } from './lib/station.mjs';
import { useLab } from './lib/suite.mjs';

const STATION = 'CP-SESSION-1';
const TAG = 'TAG-SESSION-OK';
const TAG_BLOCKED = 'TAG-SESSION-BLOCK';
const TAG_UNKNOWN = 'TAG-NEVER-ISSUED';
const TAG_EXPIRED = 'TAG-SESSION-EXPIRED';  // status Expired
const TAG_LAPSED = 'TAG-SESSION-LAPSED';    // Accepted, but its expiry date has passed
const HEARTBEAT_S = 120;
const METER_START = 120_000;  // Wh on the register when the session starts
const METER_STOP = 127_350;

const ctx = useLab('session', {
    stations: [STATION],
    tags: [TAG, { idTag: TAG_BLOCKED, status: 'Blocked' }, { idTag: TAG_EXPIRED, status: 'Expired' },
           { idTag: TAG_LAPSED, expires: '2020-01-01T00:00:00Z' }],
    server: { securityProfile: 0, extraArgs: ['--heartbeat-interval', String(HEARTBEAT_S)] },
});

let client;
const frames = [];  // every frame on the wire, as the client saw it: {text, json, outbound}
let transactionId;
let sessionRow;

function energySample(wh, timestamp, context = 'Sample.Periodic') {
    return {
        timestamp,
        sampledValue: [
            { value: String(wh), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh', location: 'Outlet' },
            { value: '7360', context, measurand: 'Power.Active.Import', unit: 'W', location: 'Outlet' },
        ],
    };
}

ctx.test('connects with subprotocol ocpp1.6 and boots: Accepted with an interval', async () => {
    client = await strictStation(ctx.lab, STATION);
    client.on('message', ({ message, outbound }) => {
        frames.push({ text: message, json: JSON.parse(message), outbound });
    });
    const boot = await bootStation(client, { connectors: [1, 2] });
    assert.equal(boot.interval, HEARTBEAT_S, 'interval = --heartbeat-interval');
    const beat = await client.call('Heartbeat', {});
    assert.ok(!Number.isNaN(Date.parse(beat.currentTime)), `Heartbeat currentTime: ${JSON.stringify(beat)}`);
});

ctx.test('Authorize: known Accepted (any case), unknown Invalid, blocked Blocked, expired Expired', async () => {
    const known = await client.call('Authorize', { idTag: TAG });
    assert.equal(known.idTagInfo.status, 'Accepted', JSON.stringify(known));
    const unknown = await client.call('Authorize', { idTag: TAG_UNKNOWN });
    assert.equal(unknown.idTagInfo.status, 'Invalid', JSON.stringify(unknown));
    const blocked = await client.call('Authorize', { idTag: TAG_BLOCKED });
    assert.equal(blocked.idTagInfo.status, 'Blocked', JSON.stringify(blocked));
    const expired = await client.call('Authorize', { idTag: TAG_EXPIRED });
    assert.equal(expired.idTagInfo.status, 'Expired', JSON.stringify(expired));
    const lapsed = await client.call('Authorize', { idTag: TAG_LAPSED });
    assert.equal(lapsed.idTagInfo.status, 'Expired', JSON.stringify(lapsed));
    // IdToken is case-insensitive in OCPP 1.6.
    const lower = await client.call('Authorize', { idTag: TAG.toLowerCase() });
    assert.equal(lower.idTagInfo.status, 'Accepted', JSON.stringify(lower));
});

ctx.test('the boot identity is stored: station show --json', async () => {
    const station = await ctx.lab.cliJson(['station', 'show', STATION]);
    assert.equal(station.vendor, 'ChargeDesk-Interop');
    assert.equal(station.model, 'ocpp-rpc-strict');
    assert.equal(station.serialNumber, `SN-${STATION}`);
    assert.equal(station.firmware, '1.0.0');
    assert.equal(station.protocol, 'ocpp1.6');
    assert.equal(station.registrationStatus, 'Accepted');
    assert.ok(station.lastHeartbeatMs > 0 && station.lastBootMs > 0);
});

ctx.test('StartTransaction after Preparing: a transactionId and idTagInfo Accepted', async () => {
    assert.deepEqual(await client.call('StatusNotification', status(1, 'Preparing')), {});
    const started = await client.call('StartTransaction', {
        connectorId: 1, idTag: TAG, meterStart: METER_START, timestamp: isoNow(),
    });
    assert.ok(Number.isInteger(started.transactionId), `transactionId: ${JSON.stringify(started)}`);
    assert.notEqual(started.transactionId, -1);
    assert.equal(started.idTagInfo.status, 'Accepted', JSON.stringify(started));
    transactionId = started.transactionId;
    assert.deepEqual(await client.call('StatusNotification', status(1, 'Charging')), {});
});

ctx.test('StartTransaction with an unknown tag still gets a transactionId, with idTagInfo Invalid', async () => {
    // OCPP 1.6: the central system always answers with a transactionId; the station stops it.
    const refused = await client.call('StartTransaction', { connectorId: 2, idTag: TAG_UNKNOWN, meterStart: 0, timestamp: isoNow() });
    assert.equal(refused.idTagInfo.status, 'Invalid');
    assert.ok(Number.isInteger(refused.transactionId));
    assert.notEqual(refused.transactionId, transactionId);
    const stop = await client.call('StopTransaction', { transactionId: refused.transactionId, meterStop: 0, timestamp: isoNow(), reason: 'DeAuthorized' });
    assert.equal(typeof stop, 'object');
});

ctx.test('MeterValues: several energy + power samples, each answered', async () => {
    for (const [i, wh] of [121_500, 123_900, 126_000].entries()) {
        const answer = await client.call('MeterValues', {
            connectorId: 1, transactionId, meterValue: [energySample(wh, isoNow(-3000 + i * 1000))],
        });
        assert.deepEqual(answer, {});
    }
});

ctx.test('StopTransaction with transactionData, then Finishing and Available', async () => {
    const stopped = await client.call('StopTransaction', {
        transactionId,
        idTag: TAG,
        meterStop: METER_STOP,
        timestamp: isoNow(),
        reason: 'EVDisconnected',
        transactionData: [
            energySample(METER_START, isoNow(-5000), 'Transaction.Begin'),
            energySample(METER_STOP, isoNow(), 'Transaction.End'),
        ],
    });
    if (stopped.idTagInfo)
        assert.equal(stopped.idTagInfo.status, 'Accepted', JSON.stringify(stopped));
    assert.deepEqual(await client.call('StatusNotification', status(1, 'Finishing')), {});
    assert.deepEqual(await client.call('StatusNotification', status(1, 'Available')), {});
});

ctx.test('other station messages: DataTransfer, firmware and diagnostics status', async () => {
    const dt = await client.call('DataTransfer', { vendorId: 'com.example.interop', messageId: 'ping', data: 'hello' });
    assert.ok(['Accepted', 'Rejected', 'UnknownMessageId', 'UnknownVendorId'].includes(dt.status), JSON.stringify(dt));
    assert.deepEqual(await client.call('FirmwareStatusNotification', { status: 'Idle' }), {});
    assert.deepEqual(await client.call('DiagnosticsStatusNotification', { status: 'Idle' }), {});
});

ctx.test('tx list --json shows the session, finished', async () => {
    await closeQuietly(client);
    const rows = await listSessions(ctx.lab, STATION);
    const matching = rows.filter((r) => sameTransaction(r, transactionId));
    assert.equal(matching.length, 1, `one session with transactionId ${transactionId}: ${JSON.stringify(rows, null, 1)}`);
    sessionRow = matching[0];
    assert.equal(sessionRow.status, 'finished', JSON.stringify(sessionRow));
    assert.equal(sessionRow.idTag, TAG);
    assert.equal(sessionRow.energyWh, METER_STOP - METER_START, `energy = meterStop - meterStart: ${JSON.stringify(sessionRow)}`);
});

ctx.test('tx show --json: energy, meter readings, stop reason, samples, complete message log', async () => {
    assert.ok(sessionRow, 'needs the tx list case');
    const shown = await showSession(ctx.lab, sessionRow.id);
    const s = sessionOf(shown);
    assert.equal(String(s.transactionId), String(transactionId));
    assert.equal(s.status, 'finished');
    assert.equal(s.energyWh, METER_STOP - METER_START);
    assert.equal(s.meterStartWh, METER_START);
    assert.equal(s.meterStopWh, METER_STOP);
    assert.equal(s.stopReason, 'EVDisconnected');
    assert.equal(s.connectorId, 1);

    // Three periodic readings plus the Begin/End readings of transactionData; a power sample
    // with each energy sample.
    const samples = samplesOf(shown);
    const energy = samples.filter((x) => x.measurand === 'Energy.Active.Import.Register');
    const energyWh = energy.map((x) => x.valueMilli / 1000);
    for (const wh of [121_500, 123_900, 126_000, METER_START, METER_STOP])
        assert.ok(energyWh.includes(wh), `energy reading ${wh} Wh missing from ${JSON.stringify(energyWh)}`);
    assert.equal(energy.length, 5, `three periodic readings + Transaction.Begin/End: ${JSON.stringify(energy)}`);
    const power = samples.filter((x) => x.measurand === 'Power.Active.Import');
    assert.equal(power.length, 5, 'a power sample with each energy reading');
    assert.ok(power.every((x) => x.valueMilli === 7_360_000 && x.unit === 'W'), JSON.stringify(power));
    assert.ok(energy.some((x) => x.context === 'Transaction.End'), 'the Transaction.End reading keeps its context');

    // Every frame of this transaction (its CALLs and their answers) is in the log, raw.
    const log = messageLogOf(shown).map(frameText).join('\n');
    const ours = (f) => (f.json[2] === 'StartTransaction' && f.json[3].idTag === TAG)
        || (['MeterValues', 'StopTransaction'].includes(f.json[2]) && f.json[3].transactionId === transactionId);
    const txCalls = frames.filter((f) => f.json[0] === 2 && ours(f));
    assert.equal(txCalls.length, 5);
    for (const call of txCalls) {
        const id = call.json[1];
        assert.ok(log.includes(id), `the log lacks ${call.json[2]} ${id}`);
        const answer = frames.find((f) => f.json[0] === 3 && f.json[1] === id);
        assert.ok(answer, `no answer on the wire for ${id}`);
        const logged = messageLogOf(shown).map(frameText);
        assert.ok(logged.some((t) => { try { return JSON.stringify(JSON.parse(t)) === JSON.stringify(answer.json); } catch { return false; } }),
                  `the log lacks the CALLRESULT ${answer.text}`);
        assert.ok(logged.some((t) => { try { return JSON.stringify(JSON.parse(t)) === JSON.stringify(call.json); } catch { return false; } }),
                  `the log lacks the CALL ${call.text}`);
    }
});

ctx.test('station messages --json: the station\'s whole log, oldest first, filtered by time', async () => {
    const log = await ctx.lab.cliJson(['station', 'messages', STATION, '--last', '10000']);
    assert.ok(Array.isArray(log) && log.length > 0);
    const times = log.map((m) => m.atMs);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
    // Every frame that crossed the wire, both ways, is there — not only the transaction's.
    for (const frame of frames) {
        assert.ok(log.some((m) => m.messageId === frame.json[1] && m.direction === (frame.outbound ? 'in' : 'out')),
                  `the station log lacks ${frame.text}`);
    }
    const boot = log.find((m) => m.action === 'BootNotification' && m.direction === 'in');
    assert.ok(boot, 'the BootNotification CALL');
    assert.equal(JSON.parse(boot.raw)[2], 'BootNotification');

    const later = log[Math.floor(log.length / 2)].atMs;
    const from = new Date(later).toISOString();
    const tail = await ctx.lab.cliJson(['station', 'messages', STATION, '--from', from, '--last', '10000']);
    assert.ok(tail.length > 0 && tail.length < log.length, `--from ${from}: ${tail.length} of ${log.length}`);
    assert.ok(tail.every((m) => m.atMs >= later));
    const last3 = await ctx.lab.cliJson(['station', 'messages', STATION, '--last', '3']);
    const key = (m) => `${m.atMs}|${m.direction}|${m.messageId}`;
    assert.deepEqual(last3.map(key), log.slice(-3).map(key), '--last 3: the newest three, oldest first');
});

ctx.closingChecks();
