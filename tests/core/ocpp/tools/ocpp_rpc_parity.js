#!/usr/bin/env node
// Checks our schema samples against npm ocpp-rpc's own strict-mode validator: every "valid"
// payload must pass, every "invalid" one must fail with the same error (spelling-neutral) and
// at the same JSON path as the sample file expects from ChargeDesk.
//
//   node ocpp_rpc_parity.js <dir containing node_modules/ocpp-rpc> <samples.json> <ocpp1.6|ocpp2.0.1>
//
// Exit code 0 when everything agrees.
'use strict';
const path = require('path');
const [, , moduleDir, samplesFile, subprotocol] = process.argv;
if (!moduleDir || !samplesFile || !subprotocol) {
    console.error('usage: ocpp_rpc_parity.js <moduleDir> <samples.json> <subprotocol>');
    process.exit(2);
}
const validators = require(path.join(path.resolve(moduleDir), 'node_modules', 'ocpp-rpc', 'lib', 'standard-validators'));
const validator = validators.find(v => v.subprotocol === subprotocol);
const samples = require(path.resolve(samplesFile));

const neutral = code => ({
    FormationViolation: 'FormatViolation',
    OccurenceConstraintViolation: 'OccurrenceConstraintViolation',
}[code] || code);

function check(schemaId, payload) {
    try {
        validator.validate(schemaId, payload);
        return {ok: true};
    } catch (e) {
        const first = (e.details && e.details.errors && e.details.errors[0]) || {};
        let p = first.instancePath || '';
        if (first.keyword === 'required') p += '/' + first.params.missingProperty;
        if (first.keyword === 'additionalProperties') p += '/' + first.params.additionalProperty;
        return {ok: false, code: e.rpcErrorCode, path: p, message: e.message};
    }
}

let failures = 0;
let checked = 0;
for (const entry of samples) {
    const id = 'urn:' + entry.schema;
    for (const payload of entry.valid) {
        ++checked;
        const r = check(id, payload);
        if (!r.ok) {
            ++failures;
            console.log(`FAIL ${entry.schema}: valid sample rejected by ocpp-rpc: ${r.code} ${r.message}`);
        }
    }
    for (const sample of entry.invalid) {
        ++checked;
        const r = check(id, sample.payload);
        if (r.ok) {
            ++failures;
            console.log(`FAIL ${entry.schema}: invalid sample accepted by ocpp-rpc: ${JSON.stringify(sample.payload)}`);
        } else if (neutral(r.code) !== neutral(sample.code) || r.path !== sample.path) {
            ++failures;
            console.log(`FAIL ${entry.schema}: ocpp-rpc says ${r.code} at '${r.path}', sample expects ${sample.code} at '${sample.path}' (${r.message})`);
        }
    }
}
console.log(`${checked} payloads checked against ocpp-rpc ${subprotocol}, ${failures} disagreements`);
process.exit(failures ? 1 : 0);
