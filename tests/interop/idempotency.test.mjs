// Retries and offline replays (an offline queue re-sends messages with new message ids and the
// same content): each is answered with a normal CALLRESULT and counted once.

import assert from 'node:assert/strict';

import { listSessions, sameTransaction, samplesOf, sessionOf, showSession } from './lib/sessions.mjs';
import { bootStation, closeQuietly, isoNow, status, strictStation } from './lib/station.mjs';
import { useLab } from './lib/suite.mjs';

const STATION = 'CP-IDEM-1';
const STATION_OFFLINE = 'CP-OFFLINE-1';
const TAG = 'TAG-IDEM-1';
const TAG_OFFLINE = 'TAG-OFFLINE-1';

const ctx = useLab('idempotency', { stations: [STATION, STATION_OFFLINE], tags: [TAG, TAG_OFFLINE] });

let client;
let transactionId;
const startedAt = isoNow(-60_000);
const start = { connectorId: 1, idTag: TAG, meterStart: 5_000, timestamp: startedAt };
const batch = {
    connectorId: 1,
    transactionId: 0,  // set once the transaction exists
    meterValue: [10, 20, 30].map((s, i) => ({
        timestamp: new Date(Date.parse(startedAt) + s * 1000).toISOString(),
        sampledValue: [
            { value: String(5_100 + i * 100), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
            { value: '3600', measurand: 'Power.Active.Import', unit: 'W', context: 'Sample.Periodic' },
        ],
    })),
};

async function theSession() {
    const rows = (await listSessions(ctx.lab, STATION)).filter((r) => sameTransaction(r, transactionId));
    assert.equal(rows.length, 1, `exactly one session for transaction ${transactionId}: ${JSON.stringify(rows)}`);
    return rows[0];
}

function energyReadings(samples) {
    return samples.filter((s) => s.measurand === 'Energy.Active.Import.Register');
}

ctx.test('the same StartTransaction twice: the same transactionId, one session', async () => {
    client = await strictStation(ctx.lab, STATION);
    await bootStation(client);
    await client.call('StatusNotification', status(1, 'Preparing'));
    const first = await client.call('StartTransaction', start);
    const second = await client.call('StartTransaction', start);
    assert.equal(first.idTagInfo.status, 'Accepted', JSON.stringify(first));
    assert.equal(second.transactionId, first.transactionId, 'a retried StartTransaction must get the same transactionId');
    assert.equal(second.idTagInfo.status, first.idTagInfo.status);
    transactionId = first.transactionId;
    batch.transactionId = transactionId;
    const all = (await listSessions(ctx.lab, STATION));
    assert.equal(all.length, 1, `one session on the station: ${JSON.stringify(all)}`);
});

ctx.test('a MeterValues batch replayed: no duplicate samples', async () => {
    assert.deepEqual(await client.call('MeterValues', batch), {});
    const once = energyReadings(samplesOf(await showSession(ctx.lab, (await theSession()).id)));
    assert.equal(once.length, 3, `three energy readings stored: ${JSON.stringify(once)}`);
    assert.deepEqual(await client.call('MeterValues', batch), {});
    assert.deepEqual(await client.call('MeterValues', batch), {});
    const after = energyReadings(samplesOf(await showSession(ctx.lab, (await theSession()).id)));
    assert.equal(after.length, once.length, `replays must not add samples: ${JSON.stringify(after)}`);
});

ctx.test('StopTransaction twice: both answered normally, one stop', async () => {
    const stop = { transactionId, idTag: TAG, meterStop: 5_900, timestamp: isoNow(-1000), reason: 'Local' };
    const first = await client.call('StopTransaction', stop);
    const second = await client.call('StopTransaction', stop);
    if (first.idTagInfo)
        assert.equal(first.idTagInfo.status, 'Accepted');
    assert.deepEqual(second, first, 'the retry gets the same answer');
    const row = await theSession();
    assert.equal(row.status, 'finished');
    assert.equal(row.energyWh, 900);
    const s = sessionOf(await showSession(ctx.lab, row.id));
    assert.equal(s.meterStopWh, 5_900);
    assert.equal(s.stopReason, 'Local');
});

ctx.test('a late replay of the StartTransaction after the stop: same transactionId, session stays finished', async () => {
    const again = await client.call('StartTransaction', start);
    assert.equal(again.transactionId, transactionId);
    const row = await theSession();
    assert.equal(row.status, 'finished', 'a replayed start must not reopen the session');
    assert.equal((await listSessions(ctx.lab, STATION)).length, 1);
    await closeQuietly(client);
});

ctx.test('offline replay: StopTransaction with transactionId -1 is answered with idTagInfo', async () => {
    const offline = await strictStation(ctx.lab, STATION_OFFLINE);
    try {
        await bootStation(offline);
        const answer = await offline.call('StopTransaction', {
            transactionId: -1, idTag: TAG_OFFLINE, meterStop: 2_000, timestamp: isoNow(-30_000), reason: 'PowerLoss',
        });
        assert.ok(answer.idTagInfo, `idTagInfo expected for a stop with an idTag: ${JSON.stringify(answer)}`);
        assert.equal(answer.idTagInfo.status, 'Accepted');
        // The server is still fine.
        assert.ok((await offline.call('Heartbeat', {})).currentTime);
    } finally {
        await closeQuietly(offline);
    }
});

ctx.test('offline replay: StopTransaction for a transactionId the server never issued', async () => {
    const offline = await strictStation(ctx.lab, STATION_OFFLINE);
    try {
        await bootStation(offline);
        const answer = await offline.call('StopTransaction', {
            transactionId: 987_654_321, idTag: TAG_OFFLINE, meterStop: 3_000, timestamp: isoNow(-20_000),
        });
        assert.ok(answer.idTagInfo, `idTagInfo expected for a stop with an idTag: ${JSON.stringify(answer)}`);
        // Without idTag the answer is still a normal CALLRESULT.
        const bare = await offline.call('StopTransaction', { transactionId: 987_654_322, meterStop: 3_100, timestamp: isoNow(-19_000) });
        assert.equal(typeof bare, 'object');
        assert.ok((await offline.call('Heartbeat', {})).currentTime);
    } finally {
        await closeQuietly(offline);
    }
});

ctx.test('offline queue replayed after reconnect: start, samples and stop with old timestamps', async () => {
    const t0 = Date.now() - 10 * 60_000;
    const at = (s) => new Date(t0 + s * 1000).toISOString();
    let station = await strictStation(ctx.lab, STATION_OFFLINE);
    await bootStation(station);
    await closeQuietly(station);  // the station goes offline, charges, queues its messages

    station = await strictStation(ctx.lab, STATION_OFFLINE);
    try {
        await bootStation(station);
        const queuedStart = { connectorId: 1, idTag: TAG_OFFLINE, meterStart: 40_000, timestamp: at(0) };
        const started = await station.call('StartTransaction', queuedStart);
        assert.ok(Number.isInteger(started.transactionId));
        const samples = {
            connectorId: 1, transactionId: started.transactionId,
            meterValue: [60, 120].map((s, i) => ({
                timestamp: at(s),
                sampledValue: [{ value: String(40_500 + i * 500), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }],
            })),
        };
        assert.deepEqual(await station.call('MeterValues', samples), {});
        const stop = { transactionId: started.transactionId, idTag: TAG_OFFLINE, meterStop: 41_200, timestamp: at(180), reason: 'Local' };
        await station.call('StopTransaction', stop);
        // ... and the whole queue once more, as a station that lost the acknowledgements would.
        const again = await station.call('StartTransaction', queuedStart);
        assert.equal(again.transactionId, started.transactionId);
        assert.deepEqual(await station.call('MeterValues', samples), {});
        await station.call('StopTransaction', stop);

        const rows = (await listSessions(ctx.lab, STATION_OFFLINE)).filter((r) => sameTransaction(r, started.transactionId));
        assert.equal(rows.length, 1);
        assert.equal(rows[0].status, 'finished');
        assert.equal(rows[0].energyWh, 1_200);
    } finally {
        await closeQuietly(station);
    }
});

ctx.closingChecks();
