// Reading sessions back through the CLI: `chargedesk-cli tx list --json` (an array of sessions)
// and `chargedesk-cli tx show <id> --json` (the session with "events", "meterSamples" and
// "messages"; see core/charging/chargingjson.h).

import assert from 'node:assert/strict';

export async function listSessions(lab, chargePointId) {
    const rows = await lab.cliJson(['tx', 'list', '--last', '1000']);
    assert.ok(Array.isArray(rows), `tx list --json must print an array, got ${JSON.stringify(rows).slice(0, 300)}`);
    return chargePointId ? rows.filter((r) => r.chargePointId === chargePointId) : rows;
}

export async function showSession(lab, id) {
    const shown = await lab.cliJson(['tx', 'show', String(id)]);
    assert.equal(typeof shown, 'object', 'tx show --json must print an object');
    return shown;
}

// The session fields of a `tx show` (they are at its top level).
export function sessionOf(shown) {
    return shown;
}

// transactionId is printed as text (OCPP 2.0.1 ids are strings); 1.6 sends integers.
export function sameTransaction(row, transactionId) {
    return String(row.transactionId) === String(transactionId);
}

export function messageLogOf(shown) {
    assert.ok(Array.isArray(shown.messages), `tx show --json has no "messages" array (keys: ${Object.keys(shown).join(', ')})`);
    return shown.messages;
}

// The raw text of a logged frame.
export function frameText(entry) {
    return entry.raw;
}

export function samplesOf(shown) {
    assert.ok(Array.isArray(shown.meterSamples), `tx show --json has no "meterSamples" array (keys: ${Object.keys(shown).join(', ')})`);
    return shown.meterSamples;
}
