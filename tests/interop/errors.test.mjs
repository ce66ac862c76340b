// Every CALLERROR code the server can produce toward a 1.6 station, provoked with raw frames
// (ocpp-rpc in strict mode refuses to send invalid payloads, so a plain `ws` client with
// subprotocol ocpp1.6 sends them).
//
// The codes (OCPP-J 1.6, section 4.2.3) and how each is reached:
//   FormationViolation           malformed frames (not JSON, not an array, bad message type id,
//                                bad message id, payload not an object) and the schema keywords
//                                ocpp-rpc maps to FormatViolation (maxLength, minLength, maximum,
//                                minimum, enum, format): 1.6 spells it FormationViolation.
//   ProtocolError                a CALL frame with elements missing ([2, id, action]).
//   PropertyConstraintViolation  schema keywords additionalProperties and pattern.
//   OccurenceConstraintViolation schema keyword required (1.6 spelling; ocpp-rpc itself answers
//                                with the 2.0.1 spelling OccurrenceConstraintViolation).
//   TypeConstraintViolation      schema keyword type.
//   NotImplemented               an action that OCPP 1.6 does not define.
//   NotSupported                 a 1.6 action only a central system sends (Reset, ...) sent to
//                                the central system.
// Not provoked here, with the reason:
//   InternalError  made when a handler throws, when the server's own answer fails schema
//                  validation, or when the database commit of a message fails ("not stored;
//                  please retry", core/charging/calldispatch.cpp). None can be caused by a
//                  station against a healthy server; any InternalError seen would fail the
//                  code checks below, and an invalid server answer would fail the closing
//                  strict-mode check.
//   SecurityError  made for every CALL but BootNotification from a station whose registration
//                  is Pending or Rejected (calldispatch.cpp). Nothing reachable from outside
//                  leaves a station in that state: `chargedesk-cli station add` registers it
//                  Accepted and --accept-unknown-stations registers newcomers Accepted. Unknown
//                  or unauthenticated stations are refused before the upgrade instead (HTTP
//                  404/401, policy.test.mjs).
//   GenericError   used by core/ocpp only for the server's own outgoing calls (queue full,
//                  connection gone), never as an answer to a station's CALL.
// The payload cases check that the server's code equals what ocpp-rpc's own strict validator
// says for the same payload (with the 1.6 spellings), so both peers agree.

import assert from 'node:assert/strict';

import { createValidator, ocpp16Schemas } from './lib/deps.mjs';
import { eventually } from './lib/harness.mjs';
import { rawStation } from './lib/station.mjs';
import { useLab } from './lib/suite.mjs';

const STATION = 'CP-ERRORS-1';
const ctx = useLab('errors', { stations: [STATION], tags: ['TAG-ERR-OK'] });

const reference = createValidator('ocpp1.6', ocpp16Schemas);
const ONE_SIX_CODES = ['NotImplemented', 'NotSupported', 'InternalError', 'ProtocolError', 'SecurityError', 'FormationViolation',
    'PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation', 'GenericError'];
const seenCodes = new Set();
let station;
let counter = 0;
const nextId = () => `err-${++counter}`;

// The code ocpp-rpc's strict validator gives for a payload, spelled the OCPP 1.6 way.
function referenceCode(action, payload) {
    try {
        reference.validate(`urn:${action}.req`, payload);
        return null;
    } catch (error) {
        return { FormatViolation: 'FormationViolation', OccurrenceConstraintViolation: 'OccurenceConstraintViolation' }[error.rpcErrorCode]
            ?? error.rpcErrorCode;
    }
}

function assertCallError(frame, code, id) {
    assert.ok(Array.isArray(frame) && frame.length === 5, `a CALLERROR has 5 elements: ${JSON.stringify(frame)}`);
    assert.equal(frame[0], 4, `expected a CALLERROR, got ${JSON.stringify(frame)}`);
    if (id !== undefined)
        assert.equal(frame[1], id, 'the CALLERROR answers the CALL\'s message id');
    assert.equal(typeof frame[1], 'string');
    assert.equal(frame[2], code, `error code for ${JSON.stringify(frame)}`);
    assert.equal(typeof frame[3], 'string', 'errorDescription is a string');
    assert.equal(typeof frame[4], 'object', 'errorDetails is an object');
    assert.ok(frame[4] !== null && !Array.isArray(frame[4]), 'errorDetails is an object');
    assert.ok(ONE_SIX_CODES.includes(frame[2]), `${frame[2]} is not an OCPP 1.6 error code`);
    seenCodes.add(frame[2]);
}

ctx.test('a raw ocpp1.6 connection boots', async () => {
    station = await rawStation(ctx.lab, STATION);
    assert.equal(station.protocol, 'ocpp1.6');
    const boot = await station.call('BootNotification', { chargePointVendor: 'Raw', chargePointModel: 'ws' });
    assert.equal(boot[0], 3, JSON.stringify(boot));
    assert.equal(boot[2].status, 'Accepted');
});

const framing = [
    ['not JSON', 'this is not json', 'FormationViolation'],
    ['truncated JSON', '[2,"x","Heartbeat",{', 'FormationViolation'],
    ['a JSON object, not an array', '{"messageTypeId":2}', 'FormationViolation'],
    ['a JSON string', '"Heartbeat"', 'FormationViolation'],
    ['an empty array', '[]', 'FormationViolation'],
    ['message type id 9 (unknown)', '[9,"ft-1","Heartbeat",{}]', 'FormationViolation'],
    ['message type id as a string', '["2","ft-2","Heartbeat",{}]', 'FormationViolation'],
    ['message id not a string', '[2,12345,"Heartbeat",{}]', 'FormationViolation'],
    ['message id longer than 36 characters', `[2,"${'m'.repeat(37)}","Heartbeat",{}]`, 'FormationViolation'],
    ['action not a string', '[2,"ft-3",42,{}]', 'FormationViolation'],
    ['payload an array', '[2,"ft-4","Heartbeat",[]]', 'FormationViolation'],
    ['payload a string', '[2,"ft-5","Heartbeat","{}"]', 'FormationViolation'],
    ['payload missing', '[2,"ft-6","Heartbeat"]', 'ProtocolError'],
];
for (const [title, text, code] of framing) {
    ctx.test(`malformed frame, ${title}: ${code}`, async () => {
        const frame = await station.sendExpectingError(text);
        assertCallError(frame, code);
        const id = /"(ft-\d)"/.exec(text)?.[1];
        if (id && !/^\[9|^\["2"/.test(text))
            assert.equal(frame[1], id, 'the CALLERROR carries the readable message id');
    });
}

const payloads = [
    ['Authorize idTag of 21 characters (maxLength)', 'Authorize', { idTag: 'X'.repeat(21) }, 'FormationViolation'],
    ['BootNotification vendor of 21 characters (maxLength)', 'BootNotification', { chargePointVendor: 'V'.repeat(21), chargePointModel: 'M' }, 'FormationViolation'],
    ['StatusNotification status not in the enum', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' }, 'FormationViolation'],
    ['MeterValues timestamp not a date-time (format)', 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: 'yesterday', sampledValue: [{ value: '1' }] }] }, 'FormationViolation'],
    ['Authorize with an extra property (additionalProperties)', 'Authorize', { idTag: 'TAG-ERR-OK', colour: 'red' }, 'PropertyConstraintViolation'],
    ['Authorize without idTag (required)', 'Authorize', {}, 'OccurenceConstraintViolation'],
    ['StartTransaction without meterStart (required)', 'StartTransaction', { connectorId: 1, idTag: 'TAG-ERR-OK', timestamp: new Date().toISOString() }, 'OccurenceConstraintViolation'],
    ['MeterValues sampledValue without value (required, nested)', 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ unit: 'Wh' }] }] }, 'OccurenceConstraintViolation'],
    ['Authorize idTag a number (type)', 'Authorize', { idTag: 42 }, 'TypeConstraintViolation'],
    ['StartTransaction meterStart a string (type)', 'StartTransaction', { connectorId: 1, idTag: 'TAG-ERR-OK', meterStart: '1000', timestamp: new Date().toISOString() }, 'TypeConstraintViolation'],
    ['StatusNotification connectorId 1.5 (type integer)', 'StatusNotification', { connectorId: 1.5, errorCode: 'NoError', status: 'Available' }, 'TypeConstraintViolation'],
];
for (const [title, action, payload, code] of payloads) {
    ctx.test(`invalid payload, ${title}: ${code}`, async () => {
        assert.equal(referenceCode(action, payload), code, 'ocpp-rpc\'s own validator agrees on the code (test self-check)');
        const id = nextId();
        const frame = await station.exchange(JSON.stringify([2, id, action, payload]), id);
        assertCallError(frame, code, id);
    });
}

ctx.test('an action OCPP 1.6 does not define: NotImplemented', async () => {
    for (const action of ['FlyToTheMoon', 'heartbeat', 'TransactionEvent']) {
        const id = nextId();
        assertCallError(await station.exchange(JSON.stringify([2, id, action, {}]), id), 'NotImplemented', id);
    }
});

ctx.test('an action only a central system sends: NotSupported', async () => {
    for (const [action, payload] of [['Reset', { type: 'Soft' }], ['RemoteStartTransaction', { idTag: 'TAG-ERR-OK' }], ['ClearCache', {}]]) {
        const id = nextId();
        assertCallError(await station.exchange(JSON.stringify([2, id, action, payload]), id), 'NotSupported', id);
    }
});

ctx.test('the same message id again while the first CALL is still being processed: ProtocolError', async () => {
    // Both frames go out back to back; the server answers a CALL only after its database commit,
    // so the second normally arrives while the first is pending. If the first was already
    // answered, the second is a new CALL and gets a normal answer: both outcomes are correct,
    // any other code is not.
    const id = nextId();
    const text = JSON.stringify([2, id, 'Heartbeat', {}]);
    station.send(text);
    station.send(text);
    const answers = [];
    for (let i = 0; i < 2; ++i)
        answers.push((await station.awaitFrame((f) => Array.isArray(f.json) && f.json[1] === id, { what: `answer ${i + 1} to ${id}` })).json);
    const results = answers.filter((a) => a[0] === 3);
    const errors = answers.filter((a) => a[0] === 4);
    assert.ok(results.length >= 1, `at least the first is answered normally: ${JSON.stringify(answers)}`);
    for (const e of errors)
        assertCallError(e, 'ProtocolError', id);
    if (errors.length === 0)
        console.log('# both duplicate-id CALLs were answered normally (the first completed before the second arrived)');
});

ctx.test('CALLRESULT and CALLERROR for unknown message ids are ignored, not answered', async () => {
    station.send(JSON.stringify([3, 'never-called-1', {}]));
    station.send(JSON.stringify([4, 'never-called-2', 'GenericError', 'no', {}]));
    station.send('');  // an empty text frame is ignored too
    await station.assertSilent(500);
});

ctx.test('after all of that the connection still works', async () => {
    const beat = await station.call('Heartbeat', {});
    assert.equal(beat[0], 3);
    assert.ok(beat[2].currentTime);
    const auth = await station.call('Authorize', { idTag: 'TAG-ERR-OK' });
    assert.equal(auth[2].idTagInfo.status, 'Accepted');
});

ctx.test('every code a station can provoke was seen, and only 1.6 codes', () => {
    const expected = ['FormationViolation', 'ProtocolError', 'PropertyConstraintViolation', 'OccurenceConstraintViolation',
        'TypeConstraintViolation', 'NotImplemented', 'NotSupported'];
    assert.deepEqual([...seenCodes].sort(), expected.sort());
});

ctx.test('a message over the size limit (1 MiB) closes the connection with 1009', async () => {
    const big = JSON.stringify([2, nextId(), 'DataTransfer', { vendorId: 'big', data: 'x'.repeat(1024 * 1024 + 16) }]);
    station.send(big);
    await station.awaitFrame(() => false, { timeoutMs: 5000, what: 'the close' }).catch(() => {});
    assert.ok(station.closed, 'the server must close the connection');
    // The server sends close code 1009. A client still writing the rest of its megabyte when the
    // server drops the socket may see the TCP reset before that frame (1006): then the server's
    // own log must show that it closed with 1009.
    if (station.closed.code !== 1009) {
        assert.equal(station.closed.code, 1006);
        await eventually(() => /connection closed, code 1009/.test(ctx.lab.serverOutput),
                         { what: 'the server logging its 1009 close' });
    }
});

ctx.closingChecks();
