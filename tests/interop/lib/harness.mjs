// The lab every interop test runs in: a temporary folder with a fresh database key and a fresh
// SQLCipher file, the CLI to register stations and tags and to read sessions back, and one
// chargedesk-server on a free loopback port, stopped with SIGTERM at the end.
//
// Paths come from the environment that CTest sets (tests/interop/CMakeLists.txt):
//   CHARGEDESK_SERVER   chargedesk-server executable
//   CHARGEDESK_CLI      chargedesk-cli executable
//   CHARGEDESK_INTEROP_KEEP=1 keeps the temporary folder (its path is printed) for a post-mortem.

import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const HOST = '127.0.0.1';

function requiredEnv(name) {
    const value = process.env[name];
    if (!value)
        throw new Error(`${name} is not set: run the interop tests through CTest (ctest -L interop)`);
    return value;
}

// A port that was free a moment ago: the kernel picks it, we release it, the server binds it.
export async function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, HOST, () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

async function canConnect(port) {
    return new Promise((resolve) => {
        const socket = net.connect({ host: HOST, port });
        socket.once('connect', () => { socket.destroy(); resolve(true); });
        socket.once('error', () => resolve(false));
    });
}

// Runs a program to completion; never throws for a non-zero exit (the caller decides).
export function run(file, args, { timeoutMs = 30000, env } = {}) {
    return new Promise((resolve) => {
        const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
        child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
        const timer = setTimeout(() => { child.kill('SIGKILL'); stderr += `\n[killed after ${timeoutMs} ms]`; }, timeoutMs);
        child.on('error', (error) => { clearTimeout(timer); resolve({ code: -1, signal: null, stdout, stderr: stderr + String(error) }); });
        child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
    });
}

export class CliError extends Error {
    constructor(args, result) {
        super(`chargedesk-cli ${args.join(' ')} exited with ${result.code}${result.signal ? ` (${result.signal})` : ''}\n`
              + `stdout: ${result.stdout.trim()}\nstderr: ${result.stderr.trim()}`);
        this.result = result;
    }
}

export class Lab {
    constructor(dir) {
        this.dir = dir;
        this.serverPath = requiredEnv('CHARGEDESK_SERVER');
        this.cliPath = requiredEnv('CHARGEDESK_CLI');
        this.dbPath = path.join(dir, 'chargedesk.db');
        this.keyPath = path.join(dir, 'db.key');
        this.server = null;
        this.serverOutput = '';
        this.port = 0;
    }

    // A new lab: a temporary folder and a key file made by `chargedesk-cli key generate --out`.
    static async create(name) {
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), `chargedesk-interop-${name}-`));
        const lab = new Lab(dir);
        await lab.cliRaw(['key', 'generate', '--out', lab.keyPath], { withDb: false, check: true });
        return lab;
    }

    dbArgs() {
        return ['--db', this.dbPath, '--db-key-file', this.keyPath];
    }

    // chargedesk-cli with the lab's database. check: throw CliError on a non-zero exit.
    async cliRaw(args, { withDb = true, check = false, timeoutMs = 30000 } = {}) {
        const full = withDb ? [...this.dbArgs(), ...args] : args;
        const result = await run(this.cliPath, full, { timeoutMs });
        if (check && result.code !== 0)
            throw new CliError(args, result);
        return result;
    }

    // chargedesk-cli ... --json, parsed; throws on a non-zero exit or output that is not JSON.
    async cliJson(args, options = {}) {
        const result = await this.cliRaw([...args, '--json'], { ...options, check: true });
        try {
            return JSON.parse(result.stdout);
        } catch (error) {
            throw new Error(`chargedesk-cli ${args.join(' ')} --json printed no JSON: ${error.message}\n${result.stdout}`);
        }
    }

    async addStation(id, { password } = {}) {
        const args = ['station', 'add', id];
        if (password !== undefined)
            args.push('--password', password);
        await this.cliRaw(args, { check: true });
    }

    // status: Accepted (default), Blocked, Expired; expires: ISO 8601.
    async addTag(idTag, { status, expires } = {}) {
        const args = ['tag', 'add', idTag];
        if (status && status !== 'Accepted')
            args.push('--status', status);
        if (expires)
            args.push('--expires', expires);
        await this.cliRaw(args, { check: true });
    }

    // Starts chargedesk-server on a free loopback port and waits until it accepts connections.
    async startServer({ acceptUnknownStations = false, securityProfile, extraArgs = [], readyTimeoutMs = 15000 } = {}) {
        if (this.server)
            throw new Error('server already running');
        this.port = await freePort();
        const args = [...this.dbArgs(), '--listen', `${HOST}:${this.port}`];
        if (acceptUnknownStations)
            args.push('--accept-unknown-stations');
        if (securityProfile !== undefined)
            args.push('--security-profile', String(securityProfile));
        args.push(...extraArgs);
        this.serverArgs = args;
        this.serverOutput = '';
        const child = spawn(this.serverPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        this.server = child;
        child.stdout.setEncoding('utf8').on('data', (d) => { this.serverOutput += d; });
        child.stderr.setEncoding('utf8').on('data', (d) => { this.serverOutput += d; });
        this.serverExit = new Promise((resolve) => {
            child.on('error', (error) => { this.serverOutput += `\n[spawn error] ${error}`; resolve({ code: -1, signal: null }); });
            child.on('exit', (code, signal) => resolve({ code, signal }));
        });
        let exited = null;
        this.serverExit.then((e) => { exited = e; });
        const deadline = Date.now() + readyTimeoutMs;
        while (Date.now() < deadline) {
            if (exited) {
                this.server = null;
                throw new Error(`chargedesk-server exited early (code ${exited.code}, signal ${exited.signal})\n`
                                + `args: ${args.join(' ')}\noutput:\n${this.serverOutput}`);
            }
            if (await canConnect(this.port))
                return this.port;
            await sleep(50);
        }
        await this.stopServer().catch(() => {});
        throw new Error(`chargedesk-server did not listen on ${HOST}:${this.port} within ${readyTimeoutMs} ms\n`
                        + `args: ${args.join(' ')}\noutput:\n${this.serverOutput}`);
    }

    // SIGTERM, then waits; returns {code, signal}. SIGKILL after timeoutMs (and says so).
    async stopServer({ timeoutMs = 10000 } = {}) {
        const child = this.server;
        if (!child)
            return null;
        this.server = null;
        child.kill('SIGTERM');
        const cancel = new AbortController();
        const timer = sleep(timeoutMs, 'timeout', { signal: cancel.signal }).catch(() => 'canceled');
        const first = await Promise.race([this.serverExit, timer]);
        cancel.abort();  // a pending timer would keep node alive for timeoutMs
        if (first === 'timeout') {
            child.kill('SIGKILL');
            const forced = await this.serverExit;
            return { ...forced, forced: true };
        }
        return first;
    }

    endpoint() {
        return `ws://${HOST}:${this.port}/ocpp`;
    }

    url(chargePointId) {
        return `${this.endpoint()}/${encodeURIComponent(chargePointId)}`;
    }

    async dispose() {
        await this.stopServer().catch(() => {});
        if (process.env.CHARGEDESK_INTEROP_KEEP === '1') {
            console.log(`# kept ${this.dir}`);
            return;
        }
        await fs.rm(this.dir, { recursive: true, force: true });
    }
}

// Polls `probe` (async, returns a truthy value when done) until it succeeds or time runs out.
export async function eventually(probe, { timeoutMs = 5000, intervalMs = 100, what = 'condition' } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
        try {
            last = await probe();
            if (last)
                return last;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
        await sleep(intervalMs);
    }
}
