// The frame of every interop test file: a lab prepared before the first case, the server's log
// printed when a case failed, two closing cases (the strict peer had nothing to complain about;
// the server stops cleanly on SIGTERM), the lab removed at the end.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Lab } from './harness.mjs';
import { assertServerWasClean, peerComplaints } from './station.mjs';

// server: the startServer() options, or false to start none. The default is a lab server: security
// profile 0 (the server's own default is profile 1, Basic auth).
export function useLab(name, { stations = [], tags = [], server = { securityProfile: 0 } } = {}) {
    const ctx = {
        lab: null,
        failed: false,
        test(title, fn, options = {}) {
            return test(title, { timeout: 30000, ...options }, async (t) => {
                if (ctx.setupError) {
                    const pointer = new Error(`lab setup failed (details above): ${String(ctx.setupError.message).split('\n')[0]}`);
                    pointer.stack = pointer.message;
                    throw pointer;
                }
                try {
                    await fn(t);
                } catch (error) {
                    ctx.failed = true;
                    throw error;
                }
            });
        },
        // The last cases of a file.
        closingChecks() {
            ctx.test('ocpp-rpc strict mode found nothing invalid in what the server sent', () => {
                assertServerWasClean();
            });
            ctx.test('the server stops cleanly on SIGTERM', async () => {
                const exit = await ctx.lab.stopServer();
                assert.ok(exit, 'the server was not running');
                assert.ok(!exit.forced, 'the server ignored SIGTERM for 10 s and was killed');
                assert.equal(exit.signal, null, `the server died of ${exit.signal}`);
                assert.equal(exit.code, 0, 'exit code after SIGTERM');
            });
        },
    };

    // A setup failure is reported once here; every case then fails with a one-line pointer.
    before(async () => {
        try {
            ctx.lab = await Lab.create(name);
            for (const s of stations)
                await ctx.lab.addStation(typeof s === 'string' ? s : s.id, typeof s === 'string' ? {} : s);
            for (const t of tags)
                await ctx.lab.addTag(typeof t === 'string' ? t : t.idTag, typeof t === 'string' ? {} : t);
            if (server)
                await ctx.lab.startServer(server);
        } catch (error) {
            ctx.setupError = error;
            ctx.failed = true;
            console.log(`# lab setup failed:\n${String(error.stack ?? error).replace(/^/gm, '#   ')}`);
        }
    }, { timeout: 60000 });

    after(async () => {
        if ((ctx.failed || peerComplaints.length) && ctx.lab) {
            const lines = ctx.lab.serverOutput.trimEnd().split('\n');
            console.log(`# chargedesk-server ${ctx.lab.serverArgs?.join(' ') ?? ''}\n# last ${Math.min(lines.length, 60)} lines of its output:`);
            for (const line of lines.slice(-60))
                console.log(`#   ${line}`);
        }
        await ctx.lab?.dispose();
    });

    return ctx;
}
