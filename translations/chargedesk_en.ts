<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="+195"/>
        <source>Finish a session as if the station stopped it; the hold is settled by the energy.</source>
        <translation>Finish a session as if the station stopped it; the hold is settled by the energy.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the held money back; the session is canceled (unless failed).</source>
        <translation>Give the held money back; the session is canceled (unless failed).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture part of the hold (default: the session&apos;s total) and release the rest.</source>
        <translation>Capture part of the hold (default: the session&apos;s total) and release the rest.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the session&apos;s energy counter, optionally recomputing the amount.</source>
        <translation>Set the session&apos;s energy counter, optionally recomputing the amount.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the session&apos;s status (SOFT keeps the priorities, OVERRIDE ignores them).</source>
        <translation>Change the session&apos;s status (SOFT keeps the priorities, OVERRIDE ignores them).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to start it (remote start).</source>
        <translation>Ask the session&apos;s station to start it (remote start).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to stop it (remote stop).</source>
        <translation>Ask the session&apos;s station to stop it (remote stop).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset the session&apos;s station.</source>
        <translation>Reset the session&apos;s station.</translation>
    </message>
    <message>
        <location filename="../app/cli/accountcommands.cpp" line="+522"/>
        <source>List members with their balances.</source>
        <translation>List members with their balances.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a member with cards, top-ups and coupons.</source>
        <translation>Show a member with cards, top-ups and coupons.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a member (issues the new-member coupons; audited).</source>
        <translation>Create a member (issues the new-member coupons; audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change a member&apos;s name, phone, e-mail, department or auto-stop threshold (audited).</source>
        <translation>Change a member&apos;s name, phone, e-mail, department or auto-stop threshold (audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top up a member&apos;s balance (cash at the desk; issues the coupon it earns; audited).</source>
        <translation>Top up a member&apos;s balance (cash at the desk; issues the coupon it earns; audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List departments with pooled balances and who pays.</source>
        <translation>List departments with pooled balances and who pays.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List coupon rules.</source>
        <translation>List coupon rules.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a coupon rule (audited).</source>
        <translation>Create a coupon rule (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List issued coupons, newest first.</source>
        <translation>List issued coupons, newest first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke a coupon not used yet (audited).</source>
        <translation>Revoke a coupon not used yet (audited).</translation>
    </message>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="+175"/>
        <source>Correct a bill (a new version; --dry-run shows every effect on money and coupons first).</source>
        <translation>Correct a bill (a new version; --dry-run shows every effect on money and coupons first).</translation>
    </message>
    <message>
        <location filename="../app/cli/tariffcommands.cpp" line="+267"/>
        <source>Tariffs in force (with --history every version).</source>
        <translation>Tariffs in force (with --history every version).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff: prices, periods, fees and its versions.</source>
        <translation>A tariff: prices, periods, fees and its versions.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A session&apos;s bill explained line by line, and its versions.</source>
        <translation>A session&apos;s bill explained line by line, and its versions.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill a session that ended (sessions are billed automatically when they end).</source>
        <translation>Bill a session that ended (sessions are billed automatically when they end).</translation>
    </message>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="+388"/>
        <source>Apply for a member&apos;s refund: the amount moves to the pending refund (audited).</source>
        <translation>Apply for a member&apos;s refund: the amount moves to the pending refund (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List refund applications, newest first.</source>
        <translation>List refund applications, newest first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve a refund and refund the top-ups through the payment gateway or at the desk (audited).</source>
        <translation>Approve a refund and refund the top-ups through the payment gateway or at the desk (audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject a refund: the amount goes back to the member (audited).</source>
        <translation>Reject a refund: the amount goes back to the member (audited).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a refund with its audit history and gateway records.</source>
        <translation>Show a refund with its audit history and gateway records.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm a cash refund at the desk (or that it was not paid; audited).</source>
        <translation>Confirm a cash refund at the desk (or that it was not paid; audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send a refund&apos;s gateway records that got no answer again, with the same key.</source>
        <translation>Send a refund&apos;s gateway records that got no answer again, with the same key.</translation>
    </message>
    <message>
        <location filename="../app/cli/reportcommands.cpp" line="+398"/>
        <source>With --out the export is recorded with a snapshot.</source>
        <translation>With --out the export is recorded with a snapshot.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show what changed in a report since an export (added, removed, corrected rows).</source>
        <translation>Show what changed in a report since an export (added, removed, corrected rows).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List report exports, newest first.</source>
        <translation>List report exports, newest first.</translation>
    </message>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="+180"/>
        <source>Record what a site&apos;s meter delivered in a period (the same period again replaces it).</source>
        <translation>Record what a site&apos;s meter delivered in a period (the same period again replaces it).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import meter readings from CSV: site,from,to,energy_kwh[,note]; every line or none.</source>
        <translation>Import meter readings from CSV: site,from,to,energy_kwh[,note]; every line or none.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List sites&apos; meter readings.</source>
        <translation>List sites&apos; meter readings.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a payment gateway&apos;s statement: reference,amount,currency,received; every line or none.</source>
        <translation>Import a payment gateway&apos;s statement: reference,amount,currency,received; every line or none.</translation>
    </message>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="+333"/>
        <source>Add an operator (password from CHARGEDESK_NEW_PASSWORD or asked); the first one is the administrator.</source>
        <translation>Add an operator (password from CHARGEDESK_NEW_PASSWORD or asked); the first one is the administrator.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the operators with their role and open logins.</source>
        <translation>List the operators with their role and open logins.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give an operator another role (audited).</source>
        <translation>Give an operator another role (audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many times an operator may be logged in at once (audited).</source>
        <translation>How many times an operator may be logged in at once (audited).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable an operator and end their logins (audited).</source>
        <translation>Disable an operator and end their logins (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable an operator again (audited).</source>
        <translation>Enable an operator again (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock a login locked by wrong passwords before its time (audited).</source>
        <translation>Unlock a login locked by wrong passwords before its time (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change your password, or (administrator) another operator&apos;s (audited).</source>
        <translation>Change your password, or (administrator) another operator&apos;s (audited).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a custom role with permissions (audited).</source>
        <translation>Add a custom role with permissions (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the roles with their permissions.</source>
        <translation>List the roles with their permissions.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a role permissions (audited).</source>
        <translation>Give a role permissions (audited).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take permissions from a role (audited).</source>
        <translation>Take permissions from a role (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete a custom role no operator has (audited).</source>
        <translation>Delete a custom role no operator has (audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List every permission, or those of one role.</source>
        <translation>List every permission, or those of one role.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the open login sessions.</source>
        <translation>List the open login sessions.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End a login session (audited).</source>
        <translation>End a login session (audited).</translation>
    </message>
</context>
<context>
    <name>cd::ServerMain</name>
    <message>
        <location filename="../app/server/main.cpp" line="+28"/>
        <source>ChargeDesk headless server: the same core as the console, as a service.</source>
        <translation>ChargeDesk headless server: the same core as the console, as a service.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply pending schema migrations, then exit.</source>
        <translation>Apply pending schema migrations, then exit.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Database %1 (%2), schema version %3.</source>
        <translation>Database %1 (%2), schema version %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stations connect to %1://%2:%3%4/&lt;chargePointId&gt; (security profile %5).</source>
        <translation>Stations connect to %1://%2:%3%4/&lt;chargePointId&gt; (security profile %5).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shutting down.</source>
        <translation>Shutting down.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ChargeDesk server is running. Stop it with Ctrl+C or SIGTERM.</source>
        <translation>ChargeDesk server is running. Stop it with Ctrl+C or SIGTERM.</translation>
    </message>
</context>
<context>
    <name>cd::SimCommandLine</name>
    <message>
        <location filename="../app/sim/simcommandline.cpp" line="+41"/>
        <source>--%1 must be a number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 must be a number from %2 to %3, not &quot;%4&quot;.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--ca-file, --client-cert and --client-key need a wss:// URL.</source>
        <translation>--ca-file, --client-cert and --client-key need a wss:// URL.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--client-cert and --client-key go together.</source>
        <translation>--client-cert and --client-key go together.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Server URL; each station connects to &lt;url&gt;/&lt;id&gt;, e.g. ws://127.0.0.1:9000/ocpp.</source>
        <translation>Server URL; each station connects to &lt;url&gt;/&lt;id&gt;, e.g. ws://127.0.0.1:9000/ocpp.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of stations to simulate (default 1).</source>
        <translation>Number of stations to simulate (default 1).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+29"/>
        <location line="+5"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OCPP subprotocol: ocpp1.6 (default) or ocpp2.0.1.</source>
        <translation>OCPP subprotocol: ocpp1.6 (default) or ocpp2.0.1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic-auth password for every station (security profile 1; the user name is the station id).</source>
        <translation>Basic-auth password for every station (security profile 1; the user name is the station id).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the Basic-auth password from the first line of this file.</source>
        <translation>Read the Basic-auth password from the first line of this file.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <location line="+4"/>
        <location line="+1"/>
        <location line="+27"/>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>wss://: trust only the CA certificates in this PEM file (default: the system&apos;s CAs).</source>
        <translation>wss://: trust only the CA certificates in this PEM file (default: the system&apos;s CAs).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wss:// with security profile 3: the client certificate (PEM) every station presents; its common name (CN) must be the station&apos;s id, so use it with one station (--stations 1, --prefix).</source>
        <translation>wss:// with security profile 3: the client certificate (PEM) every station presents; its common name (CN) must be the station&apos;s id, so use it with one station (--stations 1, --prefix).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The private key (PEM, unencrypted) of --client-cert.</source>
        <translation>The private key (PEM, unencrypted) of --client-cert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make stations misbehave: NAME for every station, NAME:0.2 or NAME:20% for a share, NAME:ID,ID for those stations. Repeatable. Names: %1.</source>
        <translation>Make stations misbehave: NAME for every station, NAME:0.2 or NAME:20% for a share, NAME:ID,ID for those stations. Repeatable. Names: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>name[:share]</source>
        <translation>name[:share]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean idle time between sessions per connector, simulated seconds (default 600).</source>
        <translation>Mean idle time between sessions per connector, simulated seconds (default 600).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+8"/>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Mean session length, simulated seconds (default 1800).</source>
        <translation>Mean session length, simulated seconds (default 1800).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect and idle: no charging sessions.</source>
        <translation>Connect and idle: no charging sessions.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comma-separated id tags the drivers present, shared by every station (default: three per station, TAG-&lt;station id&gt;-1..3). The server must know them, or every session is refused.</source>
        <translation>Comma-separated id tags the drivers present, shared by every station (default: three per station, TAG-&lt;station id&gt;-1..3). The server must know them, or every session is refused.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tags</source>
        <translation>tags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulated time runs this many times faster than the wall clock (default 1).</source>
        <translation>Simulated time runs this many times faster than the wall clock (default 1).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>factor</source>
        <translation>factor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run for this many wall-clock seconds, then stop cleanly (default: until Ctrl+C).</source>
        <translation>Run for this many wall-clock seconds, then stop cleanly (default: until Ctrl+C).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station id prefix: &lt;prefix&gt;-0001, &lt;prefix&gt;-0002, ... (default SIM).</source>
        <translation>Station id prefix: &lt;prefix&gt;-0001, &lt;prefix&gt;-0002, … (default SIM).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connectors per station (default 2).</source>
        <translation>Connectors per station (default 2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MeterValueSampleInterval, simulated seconds (default 60).</source>
        <translation>MeterValueSampleInterval, simulated seconds (default 60).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall-clock milliseconds between two station starts (default 20).</source>
        <translation>Wall-clock milliseconds between two station starts (default 20).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chance that a connector faults after a session, 0 to 1 (default 0.02).</source>
        <translation>Chance that a connector faults after a session, 0 to 1 (default 0.02).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send BootNotification on every reconnect, not only after a reboot.</source>
        <translation>Send BootNotification on every reconnect, not only after a reboot.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed, for repeatable runs (default 1).</source>
        <translation>Random seed, for repeatable runs (default 1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up when no station has connected after this many seconds (default 30).</source>
        <translation>Give up when no station has connected after this many seconds (default 30).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seconds between status lines; 0 for none (default 5).</source>
        <translation>Seconds between status lines; 0 for none (default 5).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the run&apos;s statistics as JSON to this file at exit.</source>
        <translation>Write the run&apos;s statistics as JSON to this file at exit.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--url is required, e.g. --url ws://127.0.0.1:9000/ocpp.</source>
        <translation>--url is required, e.g. --url ws://127.0.0.1:9000/ocpp.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--url must be a ws:// or wss:// URL, not &quot;%1&quot;.</source>
        <translation>--url must be a ws:// or wss:// URL, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown protocol &quot;%1&quot;.</source>
        <translation>Unknown protocol &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The simulator speaks ocpp1.6 and ocpp2.0.1, not %1.</source>
        <translation>The simulator speaks ocpp1.6 and ocpp2.0.1, not %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use --password or --password-file, not both.</source>
        <translation>Use --password or --password-file, not both.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the password file %1: %2</source>
        <translation>Cannot read the password file %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password file %1 is empty.</source>
        <translation>The password file %1 is empty.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The id tag &quot;%1&quot; is longer than 20 characters.</source>
        <translation>The id tag &quot;%1&quot; is longer than 20 characters.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--id-tags names no tag.</source>
        <translation>--id-tags names no tag.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--prefix must be 1 to 14 characters without &quot;/&quot;.</source>
        <translation>--prefix must be 1 to 14 characters without &quot;/&quot;.</translation>
    </message>
</context>
<context>
    <name>cd::SimMain</name>
    <message>
        <location filename="../app/sim/main.cpp" line="+29"/>
        <source>ChargeDesk charge-point simulator: runs simulated OCPP stations against a server.</source>
        <translation>ChargeDesk charge-point simulator: runs simulated OCPP stations against a server.</translation>
    </message>
</context>
<context>
    <name>cd::TlsFileLoader</name>
    <message>
        <location filename="../core/common/tlsfiles.cpp" line="+38"/>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TLS is not available: Qt found no TLS library (it needs the OpenSSL 3 libraries, package libssl3).</source>
        <translation>TLS is not available: Qt found no TLS library (it needs the OpenSSL 3 libraries, package libssl3).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file %1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>The file %1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The private key %1 is protected by a passphrase; use an unencrypted key file that only the server&apos;s user can read.</source>
        <translation>The private key %1 is protected by a passphrase; use an unencrypted key file that only the server&apos;s user can read.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file %1 holds no PEM RSA or EC private key.</source>
        <translation>The file %1 holds no PEM RSA or EC private key.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The certificate in %1 expired on %2.</source>
        <translation>The certificate in %1 expired on %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate in %1 is not valid before %2.</source>
        <translation>The certificate in %1 is not valid before %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The private key %1 does not belong to the certificate in %2.</source>
        <translation>The private key %1 does not belong to the certificate in %2.</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessGuard</name>
    <message>
        <location filename="../core/access/accessguard.cpp" line="+19"/>
        <source>Your role (%1) does not allow: %2. Ask an administrator.</source>
        <translation>Your role (%1) does not allow: %2. Ask an administrator.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Log in first: this database has operator accounts, and only an operator who has logged in may %1.</source>
        <translation>Log in first: this database has operator accounts, and only an operator who has logged in may %1.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your operator account no longer exists. Ask an administrator.</source>
        <translation>Your operator account no longer exists. Ask an administrator.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your operator account (%1) is disabled. Ask an administrator.</source>
        <translation>Your operator account (%1) is disabled. Ask an administrator.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>Your login session has ended. Log in again.</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessService</name>
    <message>
        <location filename="../core/access/accessservice.cpp" line="+60"/>
        <source>A login is 1 to %1 letters, digits, dots, underscores, hyphens or @, without spaces.</source>
        <translation>A login is 1 to %1 letters, digits, dots, underscores, hyphens or @, without spaces.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A password has at least %1 characters.</source>
        <translation>A password has at least %1 characters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A password has at most %1 bytes.</source>
        <translation>A password has at most %1 bytes.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The number of logins at once is 1 to %1.</source>
        <translation>The number of logins at once is 1 to %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong login or password.</source>
        <translation>Wrong login or password.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The account %1 is disabled. Ask an administrator.</source>
        <translation>The account %1 is disabled. Ask an administrator.</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>Too many wrong passwords: the login %1 is locked for %n more minute(s). Try again then, or ask an administrator to unlock it.</source>
        <translation>
            <numerusform>Too many wrong passwords: the login %1 is locked for %n more minute. Try again then, or ask an administrator to unlock it.</numerusform>
            <numerusform>Too many wrong passwords: the login %1 is locked for %n more minutes. Try again then, or ask an administrator to unlock it.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is already logged in %2 time(s), as many as this account allows at once. Log out there first, or ask an administrator to end that login session.</source>
        <translation>%1 is already logged in %2 time(s), as many as this account allows at once. Log out there first, or ask an administrator to end that login session.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>Your login session has ended. Log in again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your login session expired after %1 minutes without activity. Log in again.</source>
        <translation>Your login session expired after %1 minutes without activity. Log in again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your operator account is disabled. Ask an administrator.</source>
        <translation>Your operator account is disabled. Ask an administrator.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Operators exist already: an administrator adds the next one.</source>
        <translation>Operators exist already: an administrator adds the next one.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the first administrator</source>
        <translation>the first administrator</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>An operator with the login %1 exists already.</source>
        <translation>An operator with the login %1 exists already.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is the last enabled administrator: make another operator an administrator first.</source>
        <translation>%1 is the last enabled administrator: make another operator an administrator first.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>You cannot disable your own account.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Log in first: only an operator has a password to change.</source>
        <translation>Log in first: only an operator has a password to change.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>There is no permission &quot;%1&quot; (see: role permissions).</source>
        <translation>There is no permission &quot;%1&quot; (see: role permissions).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A role&apos;s name is 1 to %1 characters and does not start with #.</source>
        <translation>A role&apos;s name is 1 to %1 characters and does not start with #.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A role named &quot;%1&quot; exists already.</source>
        <translation>A role named &quot;%1&quot; exists already.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Say which permissions.</source>
        <translation>Say which permissions.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The administrator role always has every permission.</source>
        <translation>The administrator role always has every permission.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The built-in role %1 cannot be deleted.</source>
        <translation>The built-in role %1 cannot be deleted.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n operator(s) have the role %1: give them another role first.</source>
        <translation>
            <numerusform>%n operator has the role %1: give them another role first.</numerusform>
            <numerusform>%n operators have the role %1: give them another role first.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>There is no login session %1.</source>
        <translation>There is no login session %1.</translation>
    </message>
</context>
<context>
    <name>cd::access::BuiltinRoles</name>
    <message>
        <location filename="../core/access/permission.cpp" line="+140"/>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site manager</source>
        <translation>Site manager</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accountant</source>
        <translation>Accountant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>cd::access::OperatorRepository</name>
    <message>
        <location filename="../core/access/operatorrepository.cpp" line="+88"/>
        <source>Say which operator.</source>
        <translation>Say which operator.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no operator &quot;%1&quot;.</source>
        <translation>There is no operator &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>cd::access::PermissionCatalog</name>
    <message>
        <location filename="../core/access/permission.cpp" line="-53"/>
        <source>open the Dashboard screen</source>
        <translation>open the Dashboard screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Map screen</source>
        <translation>open the Map screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Stations screen</source>
        <translation>open the Stations screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operations screen</source>
        <translation>open the Operations screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Alerts screen</source>
        <translation>open the Alerts screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Anomaly bills screen</source>
        <translation>open the Anomaly bills screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Accounts screen</source>
        <translation>open the Accounts screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Refunds screen</source>
        <translation>open the Refunds screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Reports screen</source>
        <translation>open the Reports screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Settings screen</source>
        <translation>open the Settings screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Audit log screen</source>
        <translation>open the Audit log screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operators and roles screen</source>
        <translation>open the Operators and roles screen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finish sessions</source>
        <translation>finish sessions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel payment holds</source>
        <translation>cancel payment holds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finalize sessions (capture part of a hold)</source>
        <translation>finalize sessions (capture part of a hold)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set a session&apos;s energy</source>
        <translation>set a session&apos;s energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change a session&apos;s status</source>
        <translation>change a session&apos;s status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>correct bills</source>
        <translation>correct bills</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change tariffs</source>
        <translation>change tariffs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>register refund applications</source>
        <translation>register refund applications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve or reject refunds</source>
        <translation>approve or reject refunds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirm cash refunds at the desk</source>
        <translation>confirm cash refunds at the desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change members, departments and cards</source>
        <translation>change members, departments and cards</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top up balances</source>
        <translation>top up balances</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change coupon rules and revoke coupons</source>
        <translation>change coupon rules and revoke coupons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change id tags</source>
        <translation>change id tags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>send commands to stations</source>
        <translation>send commands to stations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add and change stations</source>
        <translation>add and change stations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change sites and sub-operators</source>
        <translation>change sites and sub-operators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acknowledge, assign and resolve alerts</source>
        <translation>acknowledge, assign and resolve alerts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enter meter readings and import gateway receipts</source>
        <translation>enter meter readings and import gateway receipts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export reports</source>
        <translation>export reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change settings</source>
        <translation>change settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manage operators, roles and login sessions</source>
        <translation>manage operators, roles and login sessions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read the audit log</source>
        <translation>read the audit log</translation>
    </message>
</context>
<context>
    <name>cd::access::RoleRepository</name>
    <message>
        <location filename="../core/access/rolerepository.cpp" line="+75"/>
        <source>Say which role.</source>
        <translation>Say which role.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>There is no role named &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no role #%1.</source>
        <translation>There is no role #%1.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountRepository</name>
    <message>
        <location filename="../core/accounts/accountrepository.cpp" line="+85"/>
        <source>The account is gone.</source>
        <translation>The account is gone.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountService</name>
    <message>
        <location filename="../core/accounts/accountservice.cpp" line="+80"/>
        <location line="+207"/>
        <location line="+32"/>
        <location line="+100"/>
        <location line="+41"/>
        <source>There is no member %1.</source>
        <translation>There is no member %1.</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Department %1 bills to a parent that bills back to it.</source>
        <translation>Department %1 bills to a parent that bills back to it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+19"/>
        <location line="+109"/>
        <location line="+140"/>
        <location line="+92"/>
        <location line="+39"/>
        <location line="+24"/>
        <location line="+25"/>
        <location line="+51"/>
        <source>There is no department %1.</source>
        <translation>There is no department %1.</translation>
    </message>
    <message>
        <location line="-436"/>
        <source>Enter the member&apos;s name or phone number.</source>
        <translation>Enter the member&apos;s name or phone number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>The name is too long (200 characters at most).</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>&quot;%1&quot; is not a phone number: digits, spaces and dashes, optionally starting with +.</source>
        <translation>&quot;%1&quot; is not a phone number: digits, spaces and dashes, optionally starting with +.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>&quot;%1&quot; is not an e-mail address.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <location line="+141"/>
        <location line="+143"/>
        <source>The auto-stop threshold cannot be negative.</source>
        <translation>The auto-stop threshold cannot be negative.</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>A top-up must be more than zero.</source>
        <translation>A top-up must be more than zero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a top-up.</source>
        <translation>The amount is too large for a top-up.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>The currency must be a three-letter ISO 4217 code, e.g. UAH.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a payment gateway name.</source>
        <translation>&quot;%1&quot; is not a payment gateway name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>The receipt number is too long (200 characters at most).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the department&apos;s name.</source>
        <translation>Enter the department&apos;s name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+298"/>
        <source>Only a department with a parent can bill to its parent.</source>
        <translation>Only a department with a parent can bill to its parent.</translation>
    </message>
    <message>
        <location line="-286"/>
        <location line="+65"/>
        <location line="+102"/>
        <location line="+28"/>
        <location line="+37"/>
        <location line="+40"/>
        <location line="+49"/>
        <source>Say who makes the change.</source>
        <translation>Say who makes the change.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountText</name>
    <message>
        <location filename="../core/accounts/accounttypes.cpp" line="+36"/>
        <source>Top-up</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued for a top-up of at least a set amount</extracomment>
        <translation>Top-up</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New member</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued to every new member</extracomment>
        <translation>New member</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spend</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued once when a member&apos;s spend in a period reaches a set amount</extracomment>
        <translation>Spend</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Used</source>
        <extracomment>coupon status</extracomment>
        <translation>Used</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <extracomment>coupon status</extracomment>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired</source>
        <extracomment>coupon status</extracomment>
        <translation>Expired</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued</source>
        <extracomment>coupon status: issued to the member and not used yet</extracomment>
        <translation>Issued</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponIssuer</name>
    <message>
        <location filename="../core/accounts/couponissuer.cpp" line="+143"/>
        <source>No free coupon code was found; try again.</source>
        <translation>No free coupon code was found; try again.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponService</name>
    <message>
        <location filename="../core/accounts/couponservice.cpp" line="+59"/>
        <source>Enter the rule&apos;s name (the coupon&apos;s name shown to the member).</source>
        <translation>Enter the rule&apos;s name (the coupon&apos;s name shown to the member).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>The name is too long (200 characters at most).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The coupon&apos;s amount must be more than zero.</source>
        <translation>The coupon&apos;s amount must be more than zero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The minimum spend cannot be negative.</source>
        <translation>The minimum spend cannot be negative.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which top-up earns the coupon: an amount more than zero.</source>
        <translation>Say which top-up earns the coupon: an amount more than zero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of valid days must be between 1 and 3650.</source>
        <translation>The number of valid days must be between 1 and 3650.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which spend earns the coupon: an amount more than zero.</source>
        <translation>Say which spend earns the coupon: an amount more than zero.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give either a number of valid days or a date range, not both.</source>
        <translation>Give either a number of valid days or a date range, not both.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say how long the coupons are valid: a number of days or a date range.</source>
        <translation>Say how long the coupons are valid: a number of days or a date range.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end of the date range must be after its start.</source>
        <translation>The end of the date range must be after its start.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+32"/>
        <location line="+35"/>
        <source>Say who makes the change.</source>
        <translation>Say who makes the change.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>There is no coupon rule %1.</source>
        <translation>There is no coupon rule %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Say why the coupon is revoked.</source>
        <translation>Say why the coupon is revoked.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no coupon %1.</source>
        <translation>There is no coupon %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 is already used; it cannot be revoked.</source>
        <translation>Coupon %1 is already used; it cannot be revoked.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 is already revoked.</source>
        <translation>Coupon %1 is already revoked.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 changed meanwhile; look again.</source>
        <translation>Coupon %1 changed meanwhile; look again.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::SpendCoupons</name>
    <message>
        <location filename="../core/accounts/spendcoupons.cpp" line="+167"/>
        <source>Spend reached the threshold with bill %1</source>
        <translation>Spend reached the threshold with bill %1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Coupon %1 was used or revoked meanwhile: preview the correction again.</source>
        <translation>Coupon %1 was used or revoked meanwhile: preview the correction again.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDeliverySettings</name>
    <message>
        <location filename="../core/alerts/alertsettings.cpp" line="+50"/>
        <source>Enter the SMTP server for alert e-mails.</source>
        <translation>Enter the SMTP server for alert e-mails.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SMTP port must be between 1 and 65535.</source>
        <translation>The SMTP port must be between 1 and 65535.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the sender address for alert e-mails.</source>
        <translation>Enter the sender address for alert e-mails.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter at least one recipient for alert e-mails.</source>
        <translation>Enter at least one recipient for alert e-mails.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>&quot;%1&quot; is not an e-mail address.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending the SMTP password unencrypted is only allowed to this computer: choose STARTTLS or TLS.</source>
        <translation>Sending the SMTP password unencrypted is only allowed to this computer: choose STARTTLS or TLS.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>The webhook address must start with https:// (plain http:// only to this computer).</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDispatcher</name>
    <message>
        <location filename="../core/alerts/alertdispatcher.cpp" line="+60"/>
        <source>The alert %1 is gone.</source>
        <translation>The alert %1 is gone.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unknown delivery channel &quot;%1&quot;.</source>
        <translation>Unknown delivery channel &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertService</name>
    <message>
        <location filename="../core/alerts/alertservice.cpp" line="+39"/>
        <location line="+33"/>
        <source>There is no alert %1.</source>
        <translation>There is no alert %1.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Say who acts on the alert.</source>
        <translation>Say who acts on the alert.</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+18"/>
        <location line="+17"/>
        <source>Alert %1 is already resolved.</source>
        <translation>Alert %1 is already resolved.</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Alert %1 is already acknowledged.</source>
        <translation>Alert %1 is already acknowledged.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The assignee&apos;s name is too long.</source>
        <translation>The assignee&apos;s name is too long.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say what was done: a note is required to resolve an alert.</source>
        <translation>Say what was done: a note is required to resolve an alert.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertText</name>
    <message>
        <location filename="../core/alerts/alerttypes.cpp" line="+95"/>
        <source>Station offline</source>
        <translation>Station offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heartbeat overdue</source>
        <translation>Heartbeat overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start failed</source>
        <translation>Start failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging without an authorised session</source>
        <translation>Charging without an authorised session</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop not honoured</source>
        <translation>Stop not honoured</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter jump</source>
        <translation>Meter jump</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter reset</source>
        <translation>Meter reset</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open</source>
        <comment>alert state</comment>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <comment>alert state</comment>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <comment>alert state</comment>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seen again</source>
        <translation>Seen again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Condition cleared</source>
        <translation>Condition cleared</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1, connector %2</source>
        <extracomment>where an alert happened: %1 a station, %2 its connector number</extracomment>
        <translation>%1, connector %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 · %2</source>
        <extracomment>an alert in one line: %1 what happened (&quot;Station offline&quot;), %2 where (&quot;CP-1, connector 2&quot;)</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 kWh</source>
        <extracomment>an energy register reading in kilowatt-hours</extracomment>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Disconnected since %1</source>
        <translation>Disconnected since %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Last heartbeat %1; expected every %n s</source>
        <translation>
            <numerusform>Last heartbeat %1; expected every %n s</numerusform>
            <numerusform>Last heartbeat %1; expected every %n s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Error %1, since %2</source>
        <translation>Error %1, since %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remote start answered %1 (command %2)</source>
        <translation>Remote start answered %1 (command %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 ended as failed</source>
        <translation>Session %1 ended as failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 started although the card was not authorised</source>
        <translation>Session %1 started although the card was not authorised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connector reports Charging with no open session, since %1</source>
        <translation>The connector reports Charging with no open session, since %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1: the station accepted the stop but kept charging (%2 more)</source>
        <translation>Session %1: the station accepted the stop but kept charging (%2 more)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register %1 → %2 (%3 → %4)</source>
        <extracomment>%1 and %2 meter readings, %3 and %4 their times</extracomment>
        <translation>Register %1 → %2 (%3 → %4)</translation>
    </message>
    <message>
        <location filename="../core/alerts/alertmessage.cpp" line="+16"/>
        <source>[ChargeDesk] %1</source>
        <extracomment>the subject of an alert e-mail; %1 the alert in one line (&quot;Fault · CP-1, connector 1&quot;)</extracomment>
        <translation>[ChargeDesk] %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert: %1 (%2)</source>
        <translation>Alert: %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened: %1 UTC</source>
        <translation>Opened: %1 UTC</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Seen %n time(s), last at %1 UTC</source>
        <translation>
            <numerusform>Seen %n time, last at %1 UTC</numerusform>
            <numerusform>Seen %n times, last at %1 UTC</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session id: %1</source>
        <translation>Session id: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge, assign and resolve it on the Alerts screen of ChargeDesk.</source>
        <translation>Acknowledge, assign and resolve it on the Alerts screen of ChargeDesk.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::SmtpNotifier</name>
    <message>
        <location filename="../core/alerts/smtpnotifier.cpp" line="+55"/>
        <source>The SMTP server %1 did not answer in time.</source>
        <translation>The SMTP server %1 did not answer in time.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>An e-mail is already being sent.</source>
        <translation>An e-mail is already being sent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alert e-mails are not configured: server, sender and recipients are needed.</source>
        <translation>Alert e-mails are not configured: server, sender and recipients are needed.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>SMTP connection to %1 failed: %2</source>
        <translation>SMTP connection to %1 failed: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The SMTP server&apos;s certificate was refused: %1</source>
        <translation>The SMTP server&apos;s certificate was refused: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+10"/>
        <source>The SMTP server sent an answer that is not SMTP.</source>
        <translation>The SMTP server sent an answer that is not SMTP.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 refused: %2 %3</source>
        <extracomment>%1 the SMTP server, %2 its reply code, %3 its words</extracomment>
        <translation>The SMTP server %1 refused: %2 %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 does not offer STARTTLS.</source>
        <translation>The SMTP server %1 does not offer STARTTLS.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The SMTP server %1 offers no login method ChargeDesk knows (PLAIN, LOGIN).</source>
        <translation>The SMTP server %1 offers no login method ChargeDesk knows (PLAIN, LOGIN).</translation>
    </message>
</context>
<context>
    <name>cd::alerts::WebhookNotifier</name>
    <message>
        <location filename="../core/alerts/webhooknotifier.cpp" line="+20"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>The webhook address must start with https:// (plain http:// only to this computer).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The webhook %1 answered HTTP %2.</source>
        <extracomment>%1 the webhook&apos;s address, %2 the HTTP status code</extracomment>
        <translation>The webhook %1 answered HTTP %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook %1 could not be reached: %2</source>
        <translation>The webhook %1 could not be reached: %2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AbandonedSessions</name>
    <message>
        <location filename="../core/anomalies/abandonedsessions.cpp" line="+112"/>
        <source>abandoned: nothing heard of the session for too long</source>
        <translation>abandoned: nothing heard of the session for too long</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyCodeText</name>
    <message>
        <location filename="../core/anomalies/anomalycode.cpp" line="+28"/>
        <source>Bill lost</source>
        <translation>Bill lost</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill lost (station offline)</source>
        <translation>Bill lost (station offline)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time anomaly</source>
        <translation>Time anomaly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy anomaly</source>
        <translation>Energy anomaly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration anomaly</source>
        <translation>Duration anomaly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Occupancy anomaly</source>
        <translation>Occupancy anomaly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time overlap</source>
        <translation>Time overlap</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy differs from platform</source>
        <translation>Energy differs from platform</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration differs from platform</source>
        <translation>Duration differs from platform</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy lost</source>
        <translation>Energy lost</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Code %1</source>
        <extracomment>an anomaly code number the program does not know</extracomment>
        <translation>Code %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station never sent the final bill (StopTransaction); the session was closed by the platform or by an operator.</source>
        <translation>The station never sent the final bill (StopTransaction); the session was closed by the platform or by an operator.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The final bill is missing and the station was offline during or at the end of the session.</source>
        <translation>The final bill is missing and the station was offline during or at the end of the session.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The session&apos;s times are implausible: an end before the start, a station clock far from ours, or a session longer than the threshold (168 h by default).</source>
        <translation>The session&apos;s times are implausible: an end before the start, a station clock far from ours, or a session longer than the threshold (168 h by default).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy is implausible: negative, more than the station&apos;s power allows in the time, or above the ceiling (a bad meter reading).</source>
        <translation>The energy is implausible: negative, more than the station&apos;s power allows in the time, or above the ceiling (a bad meter reading).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The charging duration is implausible: longer than the threshold, or zero while energy was delivered.</source>
        <translation>The charging duration is implausible: longer than the threshold, or zero while energy was delivered.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connector stayed occupied far too long after charging, for example charging failed within a minute and the car stayed; the idle fee may be unjust.</source>
        <translation>The connector stayed occupied far too long after charging, for example charging failed within a minute and the car stayed; the idle fee may be unjust.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another session on the same connector overlaps this one in time.</source>
        <translation>Another session on the same connector overlaps this one in time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s bill and the platform&apos;s meter readings disagree on the energy, often because the register read 0 before the start and then jumped.</source>
        <translation>The station&apos;s bill and the platform&apos;s meter readings disagree on the energy, often because the register read 0 before the start and then jumped.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s bill and the platform&apos;s readings disagree on the charging duration.</source>
        <translation>The station&apos;s bill and the platform&apos;s readings disagree on the charging duration.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no energy data for the session: no meter values and no meter stop.</source>
        <translation>There is no energy data for the session: no meter values and no meter stop.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 %2</source>
        <extracomment>one anomaly code in a list: %1 its number, %2 its short name</extracomment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyStatisticsCsv</name>
    <message>
        <location filename="../core/anomalies/anomalystatisticscsv.cpp" line="+32"/>
        <source>Could not write the statistics: %1</source>
        <translation>Could not write the statistics: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The export was cancelled.</source>
        <translation>The export was cancelled.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not open %1: %2</source>
        <translation>Could not open %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save %1: %2</source>
        <translation>Could not save %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyTaggerImpl</name>
    <message>
        <location filename="../core/anomalies/anomalytaggerimpl.cpp" line="+33"/>
        <source>No session with the internal id %1.</source>
        <translation>No session with the internal id %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No bill with the id %1.</source>
        <translation>No bill with the id %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1 does not belong to session %2.</source>
        <translation>Bill %1 does not belong to session %2.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionEngine</name>
    <message>
        <location filename="../core/anomalies/correctionapply.cpp" line="+48"/>
        <source>Who corrects must be known: an operator name is required.</source>
        <translation>Who corrects must be known: an operator name is required.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept with the bill and in the audit log.</source>
        <translation>A reason is required: it is kept with the bill and in the audit log.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Bill %1 was corrected meanwhile: version %2 (bill %3) by %4 is current now. Nothing was written; look at the bill again.</source>
        <translation>Bill %1 was corrected meanwhile: version %2 (bill %3) by %4 is current now. Nothing was written; look at the bill again.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something changed since the preview (a payment, a coupon or the bill&apos;s data): nothing was written. Look at the new preview and apply again.</source>
        <translation>Something changed since the preview (a payment, a coupon or the bill&apos;s data): nothing was written. Look at the new preview and apply again.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Bill %1 was corrected meanwhile by %2: nothing was written.</source>
        <translation>Bill %1 was corrected meanwhile by %2: nothing was written.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Coupon %1 was used or revoked meanwhile: nothing was written.</source>
        <translation>Coupon %1 was used or revoked meanwhile: nothing was written.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionengine.cpp" line="+24"/>
        <location line="+126"/>
        <source>No bill with the id %1.</source>
        <translation>No bill with the id %1.</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Bill %1 belongs to session %2, which is not there.</source>
        <translation>Bill %1 belongs to session %2, which is not there.</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Bill %1 is version %2, but version %3 (bill %4, by %5) has replaced it: correct the current version.</source>
        <translation>Bill %1 is version %2, but version %3 (bill %4, by %5) has replaced it: correct the current version.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Nothing would change: the bill has these numbers already and no open anomaly.</source>
        <translation>Nothing would change: the bill has these numbers already and no open anomaly.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The numbers stay the same: the correction confirms the bill, resolves its anomalies and settles it.</source>
        <translation>The numbers stay the same: the correction confirms the bill, resolves its anomalies and settles it.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmethods.cpp" line="+65"/>
        <source>Bill %1 keeps no inputs and no tariff applies to its session: it cannot be computed again.</source>
        <translation>Bill %1 keeps no inputs and no tariff applies to its session: it cannot be computed again.</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Session %1 has %n usable energy register reading(s); an estimate needs at least two. Use the station&apos;s bill or enter the energy.</source>
        <translation>
            <numerusform>Session %1 has %n usable energy register reading; an estimate needs at least two. Use the station&apos;s bill or enter the energy.</numerusform>
            <numerusform>Session %1 has %n usable energy register readings; an estimate needs at least two. Use the station&apos;s bill or enter the energy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Estimated from %n register reading(s) between %1 and %2.</source>
        <translation>
            <numerusform>Estimated from %n register reading between %1 and %2.</numerusform>
            <numerusform>Estimated from %n register readings between %1 and %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n reading(s) of 0 Wh were left out (a register that read 0 before it jumped).</source>
        <translation>
            <numerusform>%n reading of 0 Wh was left out (a register that read 0 before it jumped).</numerusform>
            <numerusform>%n readings of 0 Wh were left out (a register that read 0 before it jumped).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The station sent no bill of its own for session %1 (no stop reading): use another method.</source>
        <translation>The station sent no bill of its own for session %1 (no stop reading): use another method.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own energy (%1 Wh) is not plausible: use another method.</source>
        <translation>The station&apos;s own energy (%1 Wh) is not plausible: use another method.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill says %1 Wh.</source>
        <translation>The station&apos;s own bill says %1 Wh.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s stop reading gives %1 Wh (meter %2 → %3 Wh).</source>
        <translation>The station&apos;s stop reading gives %1 Wh (meter %2 → %3 Wh).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill asks %1; the tariff is applied to its energy.</source>
        <translation>The station&apos;s own bill asks %1; the tariff is applied to its energy.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the energy in Wh.</source>
        <translation>Give the energy in Wh.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>The energy must be between 0 and %1 Wh.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 Wh entered by hand, spread evenly over the charging time.</source>
        <translation>%1 Wh entered by hand, spread evenly over the charging time.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service already ended when the charging ended (%1): there is no idle time to remove.</source>
        <translation>The service already ended when the charging ended (%1): there is no idle time to remove.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service end %1 → %2 (the charging end).</source>
        <translation>Service end %1 → %2 (the charging end).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no tariff %1.</source>
        <translation>There is no tariff %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariff %1 (version %2) was not in force when the session ran; it is applied as chosen.</source>
        <translation>Tariff %1 (version %2) was not in force when the session ran; it is applied as chosen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No tariff was in force when session %1 ran (%2): choose one.</source>
        <translation>No tariff was in force when session %1 ran (%2): choose one.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff %1 is in %2 but the bill is in %3.</source>
        <translation>Tariff %1 is in %2 but the bill is in %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priced with tariff %1, version %2 (valid from %3).</source>
        <translation>Priced with tariff %1, version %2 (valid from %3).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the version to go back to.</source>
        <translation>Choose the version to go back to.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bill %1 is not a version of this session&apos;s bill.</source>
        <translation>Bill %1 is not a version of this session&apos;s bill.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bill %1 is the current version already.</source>
        <translation>Bill %1 is the current version already.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 keeps no inputs, so its numbers cannot be brought back.</source>
        <translation>Version %1 keeps no inputs, so its numbers cannot be brought back.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to the numbers of version %1 (bill %2, by %3).</source>
        <translation>Back to the numbers of version %1 (bill %2, by %3).</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Issued %1, after the session started: it is not applied to this session.</source>
        <translation>Issued %1, after the session started: it is not applied to this session.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The version brought back did not use it.</source>
        <translation>The version brought back did not use it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It goes back to the member as issued.</source>
        <translation>It goes back to the member as issued.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The corrected amount reaches its minimum spend of %1: this bill uses it.</source>
        <translation>The corrected amount reaches its minimum spend of %1: this bill uses it.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 of the version brought back no longer applies: %2</source>
        <translation>Coupon %1 of the version brought back no longer applies: %2</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmoney.cpp" line="+35"/>
        <source>Nobody is known to pay this session (no member, department or card): ChargeDesk collects or gives back nothing.</source>
        <translation>Nobody is known to pay this session (no member, department or card): ChargeDesk collects or gives back nothing.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The bill was %1: nothing was taken for it yet, so the whole corrected total is taken now.</source>
        <translation>The bill was %1: nothing was taken for it yet, so the whole corrected total is taken now.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The balance goes below zero (%1).</source>
        <translation>The balance goes below zero (%1).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Only %1 is held on the card: %2 of the corrected total cannot be captured and is to be collected another way.</source>
        <translation>Only %1 is held on the card: %2 of the corrected total cannot be captured and is to be collected another way.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 was captured already and a capture cannot be raised: the additional %2 is to be collected another way.</source>
        <translation>Hold %1 was captured already and a capture cannot be raised: the additional %2 is to be collected another way.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Correct the bill when the hold is there.</source>
        <translation>Hold %1 is %2: the bank has not reserved the money yet. Correct the bill when the hold is there.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 is %2: the card pays nothing; %3 is to be collected another way.</source>
        <translation>Hold %1 is %2: the card pays nothing; %3 is to be collected another way.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>Payments are not available here, so the money of hold %1 cannot be moved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>Hold %1 has no answer from the gateway yet; try again when it has one.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>A payment call about hold %1 still waits for the gateway; try again when it has answered.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionspendcoupons.cpp" line="+71"/>
        <source>Coupon rule %1 is not there any more: nothing was written.</source>
        <translation>Coupon rule %1 is not there any more: nothing was written.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Coupon %1 is not there any more: nothing was written.</source>
        <translation>Coupon %1 is not there any more: nothing was written.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionMethodText</name>
    <message>
        <location filename="../core/anomalies/correctionmethod.cpp" line="+51"/>
        <source>Estimate the energy from the meter samples</source>
        <translation>Estimate the energy from the meter samples</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the station&apos;s own bill</source>
        <translation>Use the station&apos;s own bill</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the energy by hand</source>
        <translation>Enter the energy by hand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the service end to the charging end</source>
        <translation>Move the service end to the charging end</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute with a tariff</source>
        <translation>Recompute with a tariff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert to an earlier version</source>
        <translation>Revert to an earlier version</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The energy is taken from the energy register readings the station sent during the session (first to last reading), and the bill is computed again.</source>
        <translation>The energy is taken from the energy register readings the station sent during the session (first to last reading), and the bill is computed again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy the station itself reported (its stop reading, or its own bill) replaces the platform&apos;s, and the bill is computed again.</source>
        <translation>The energy the station itself reported (its stop reading, or its own bill) replaces the platform&apos;s, and the bill is computed again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You type the energy, for example from the station&apos;s display or a photo of it, and the bill is computed again.</source>
        <translation>You type the energy, for example from the station&apos;s display or a photo of it, and the bill is computed again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service end is set to the charging end, so no idle (occupancy) fee is charged. For a car that did not occupy the charger after charging.</source>
        <translation>The service end is set to the charging end, so no idle (occupancy) fee is charged. For a car that did not occupy the charger after charging.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same energy and times are priced again: with the tariff that was valid when the session ran, or with a tariff version you choose.</source>
        <translation>The same energy and times are priced again: with the tariff that was valid when the session ran, or with a tariff version you choose.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A wrong correction is undone by a new version with the numbers of an earlier one; nothing is deleted.</source>
        <translation>A wrong correction is undone by a new version with the numbers of an earlier one; nothing is deleted.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionText</name>
    <message>
        <location filename="../core/anomalies/correctionpreview.cpp" line="+25"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (unchanged)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>member %1</source>
        <translation>member %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>department %1 (paying for %2)</source>
        <translation>department %1 (paying for %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>department %1</source>
        <translation>department %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take %1 from the balance of %2 (%3 → %4).</source>
        <translation>Take %1 from the balance of %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give %1 back to the balance of %2 (%3 → %4).</source>
        <translation>Give %1 back to the balance of %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The refundable amount falls to the new balance (%1 → %2).</source>
        <extracomment>the member&apos;s refundable amount never exceeds the balance (DOMAIN &quot;Refunds&quot;)</extracomment>
        <translation>The refundable amount falls to the new balance (%1 → %2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Capture %1 from the card (hold %2).</source>
        <translation>Capture %1 from the card (hold %2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Release %1 back to the customer&apos;s card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money to the card (hold %2).</source>
        <translation>Refund %1 of the captured money to the card (hold %2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is to be collected another way: no balance or hold can take it.</source>
        <translation>%1 is to be collected another way: no balance or hold can take it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>Money does not move.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 still applies: %2 off.</source>
        <translation>Coupon %1 still applies: %2 off.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon %1 still applies: %2 → %3 off.</source>
        <translation>Coupon %1 still applies: %2 → %3 off.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops applying (%2 off no more).</source>
        <translation>Coupon %1 stops applying (%2 off no more).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 starts applying: %2 off.</source>
        <translation>Coupon %1 starts applying: %2 off.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 would apply but is not used.</source>
        <translation>Coupon %1 would apply but is not used.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5): it is unused and is revoked.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5): it is unused and is revoked.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5), but it has been used already: the correction leaves it; decide with the member whether to recover it.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5), but it has been used already: the correction leaves it; decide with the member whether to recover it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A coupon becomes earned (rule &quot;%1&quot;: spend %2 → %3 reaches %4): it is issued to the member.</source>
        <extracomment>%1 spend rule, %2 → %3 the member&apos;s spend before → after the correction, %4 the rule&apos;s threshold</extracomment>
        <translation>A coupon becomes earned (rule &quot;%1&quot;: spend %2 → %3 reaches %4): it is issued to the member.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bill %1 (version %2) of session %3 — %4</source>
        <translation>Bill %1 (version %2) of session %3 — %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy: %1</source>
        <translation>Energy: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 Wh</source>
        <translation>%1 Wh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  %1 Wh × %2/kWh = %3</source>
        <translation>  %1 Wh × %2/kWh = %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Energy fee: %1</source>
        <translation>Energy fee: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1</source>
        <translation>Service fee: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee: %1</source>
        <translation>Idle fee: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon: %1</source>
        <translation>Coupon: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>Additional charge: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>Refund: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money: %1</source>
        <translation>Money: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement: %1</source>
        <translation>Settlement: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Anomalies resolved: %1</source>
        <translation>Anomalies resolved: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Anomalies open again: %1</source>
        <translation>Anomalies open again: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot apply: %1</source>
        <translation>Cannot apply: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1 becomes version %2 with a total of %3 (was %4).</source>
        <translation>Bill %1 becomes version %2 with a total of %3 (was %4).</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::DetectorText</name>
    <message>
        <location filename="../core/anomalies/detectors/billlost.cpp" line="+13"/>
        <source>No stop from the station: %1.</source>
        <extracomment>%1 how the session ended without the station&apos;s stop (&quot;closed after the station rebooted&quot;)</extracomment>
        <translation>No stop from the station: %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No stop from the station, which went offline during the session (disconnected %1).</source>
        <translation>No stop from the station, which went offline during the session (disconnected %1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No stop from the station, which was offline when the session was closed.</source>
        <translation>No stop from the station, which was offline when the session was closed.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/detailtext.cpp" line="+14"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy; %1 a number of kilowatt-hours with three decimals</extracomment>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 s</source>
        <extracomment>a duration in seconds</extracomment>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min</source>
        <extracomment>a duration in minutes</extracomment>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <extracomment>a duration: %1 hours, %2 minutes (two digits)</extracomment>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 d %2 h</source>
        <extracomment>a duration: %1 days, %2 hours</extracomment>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 kW</source>
        <extracomment>a power; %1 a number of kilowatts with one decimal</extracomment>
        <translation>%1 kW</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>closed after the station rebooted</source>
        <translation>closed after the station rebooted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed when a new transaction started on the connector</source>
        <translation>closed when a new transaction started on the connector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed after the station said it no longer runs the transaction</source>
        <translation>closed after the station said it no longer runs the transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished by an operator</source>
        <translation>finished by an operator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed as abandoned: nothing heard of it for too long</source>
        <translation>closed as abandoned: nothing heard of it for too long</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/anomalies/detectors/timeoverlap.cpp" line="+19"/>
        <source>still open</source>
        <translation>still open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed by &quot;%1&quot;</source>
        <extracomment>%1 is who closed the session, as stored</extracomment>
        <translation>closed by &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/durationanomaly.cpp" line="+20"/>
        <source>Charged for %1, longer than %2.</source>
        <extracomment>%1 how long the session charged, %2 the limit</extracomment>
        <translation>Charged for %1, longer than %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 delivered in a charging time of %2.</source>
        <extracomment>%1 the energy, %2 the (zero or negative) charging duration</extracomment>
        <translation>%1 delivered in a charging time of %2.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energyanomaly.cpp" line="+13"/>
        <source>The meter stop (%1) is below the meter start (%2).</source>
        <translation>The meter stop (%1) is below the meter start (%2).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The energy is negative (%1).</source>
        <translation>The energy is negative (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is more than any session can take (limit %2).</source>
        <extracomment>%1 the session&apos;s energy, %2 the limit</extracomment>
        <translation>%1 is more than any session can take (limit %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 in %2 needs %3; no charger delivers more than %4.</source>
        <extracomment>%1 the energy, %2 the duration, %3 the power that would need, %4 the most any charger delivers</extracomment>
        <translation>%1 in %2 needs %3; no charger delivers more than %4.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energylost.cpp" line="+12"/>
        <source>No energy data: no meter values and no meter stop from the station.</source>
        <translation>No energy data: no meter values and no meter stop from the station.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/occupancyanomaly.cpp" line="+28"/>
        <source>The car stayed %1 after charging ended, longer than %2 (%3 → %4).</source>
        <extracomment>%1 how long the car stayed after charging, %2 the limit, %3 charging end, %4 when it left</extracomment>
        <translation>The car stayed %1 after charging ended, longer than %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Charging lasted only %1 (a failed start?) but the car stayed %2.</source>
        <extracomment>%1 how long it charged (under a minute), %2 how long the car stayed afterwards</extracomment>
        <translation>Charging lasted only %1 (a failed start?) but the car stayed %2.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/platformdiffers.cpp" line="+73"/>
        <source>The station billed %1, the meter values show %2.</source>
        <extracomment>%1 the station&apos;s energy, %2 the platform&apos;s energy from meter values</extracomment>
        <translation>The station billed %1, the meter values show %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register read 0 before the start and then jumped to %1 (%2).</source>
        <extracomment>%1 the register reading after the jump, %2 when</extracomment>
        <translation>The register read 0 before the start and then jumped to %1 (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register jumped from %1 to %2 (%3 → %4).</source>
        <extracomment>%1 and %2 the register before and after the jump, %3 and %4 their times</extracomment>
        <translation>The register jumped from %1 to %2 (%3 → %4).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The register went backwards %n time(s).</source>
        <translation>
            <numerusform>The register went backwards %n time.</numerusform>
            <numerusform>The register went backwards %n times.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The station&apos;s start → stop is %1, the meter values span %2 (%3 → %4).</source>
        <extracomment>%1 the station&apos;s duration (start → stop), %2 the span of the meter values, %3 and %4 its first and last</extracomment>
        <translation>The station&apos;s start → stop is %1, the meter values span %2 (%3 → %4).</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/timeanomaly.cpp" line="+21"/>
        <source>%1: station time %2, %3 later than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the start&quot;), %2 its time, %3 how far ahead, %4 when we received it</extracomment>
        <translation>%1: station time %2, %3 later than its receipt (%4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: station time %2, %3 earlier than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the stop&quot;), %2 its time, %3 how far behind, %4 when we received it</extracomment>
        <translation>%1: station time %2, %3 earlier than its receipt (%4)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the stop (%1) lies before the start (%2)</source>
        <translation>the stop (%1) lies before the start (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>charging ended (%1) before it began (%2)</source>
        <translation>charging ended (%1) before it began (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the car left (%1) before charging ended (%2)</source>
        <translation>the car left (%1) before charging ended (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the session lasted %1, longer than %2</source>
        <extracomment>%1 the session&apos;s length, %2 the limit (168 h by default)</extracomment>
        <translation>the session lasted %1, longer than %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the start</source>
        <translation>the start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the stop</source>
        <translation>the stop</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a meter value</source>
        <translation>a meter value</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Implausible times: %1.</source>
        <extracomment>the reasons a session&apos;s times are implausible, joined by &quot;; &quot;</extracomment>
        <translation>Implausible times: %1.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/timeoverlap.cpp" line="-2"/>
        <source>%1 (%2 → %3)</source>
        <extracomment>another session in a list: %1 its number, %2 its start, %3 its end (or &quot;still open&quot;)</extracomment>
        <translation>%1 (%2 → %3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overlaps on connector %1 with %2.</source>
        <extracomment>%1 the connector number, %2 the overlapping sessions</extracomment>
        <translation>Overlaps on connector %1 with %2.</translation>
    </message>
</context>
<context>
    <name>cd::auth::PasswordHash</name>
    <message>
        <location filename="../core/auth/passwordhash.cpp" line="+35"/>
        <source>The password library (libsodium) could not be initialised.</source>
        <translation>The password library (libsodium) could not be initialised.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is too long.</source>
        <translation>The password is too long.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not enough memory to hash the password.</source>
        <translation>Not enough memory to hash the password.</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillText</name>
    <message>
        <location filename="../core/billing/billcalculator.cpp" line="+304"/>
        <source>No tariff applied: nothing is charged for this session (times in %1). A correction can price it with a tariff.</source>
        <translation>No tariff applied: nothing is charged for this session (times in %1). A correction can price it with a tariff.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tariff &quot;%1&quot;, version %2, %3 (times in %4).</source>
        <translation>Tariff &quot;%1&quot;, version %2, %3 (times in %4).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Charging from %1 to %2 (%3 min); the connector was freed at %4.</source>
        <translation>Charging from %1 to %2 (%3 min); the connector was freed at %4.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Energy %1 kWh from %n energy register reading(s) (meter start %2 Wh, meter stop %3 Wh), shared between the periods by time between readings.</source>
        <translation>
            <numerusform>Energy %1 kWh from %n energy register reading (meter start %2 Wh, meter stop %3 Wh), shared between the periods by time between readings.</numerusform>
            <numerusform>Energy %1 kWh from %n energy register readings (meter start %2 Wh, meter stop %3 Wh), shared between the periods by time between readings.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy %1 kWh = meter stop %2 Wh − meter start %3 Wh (no readings in between: spread evenly over the charging time).</source>
        <translation>Energy %1 kWh = meter stop %2 Wh − meter start %3 Wh (no readings in between: spread evenly over the charging time).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Energy %1 kWh as entered for this bill (not from the meter), spread evenly over the charging time.</source>
        <translation>Energy %1 kWh as entered for this bill (not from the meter), spread evenly over the charging time.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy %1 kWh as the session recorded it (the energy register gave %2 kWh), shared between the periods in the shape of the register readings, or evenly without them.</source>
        <translation>Energy %1 kWh as the session recorded it (the energy register gave %2 kWh), shared between the periods in the shape of the register readings, or evenly without them.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No energy data for this session: 0 kWh.</source>
        <translation>No energy data for this session: 0 kWh.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 period %2</source>
        <translation>%1 period %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the periods</source>
        <translation>Outside the periods</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2 to %3: %4 kWh × %5/kWh = %6</source>
        <translation>%1, %2 to %3: %4 kWh × %5/kWh = %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total: %1 (no tariff applied)</source>
        <translation>Total: %1 (no tariff applied)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy fee: %1</source>
        <translation>Energy fee: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1 kWh × %2/kWh = %3</source>
        <translation>Service fee: %1 kWh × %2/kWh = %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: none (the tariff charges no idle fee).</source>
        <translation>Idle fee: none (the tariff charges no idle fee).</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Idle fee: none (the connector was freed within %n free minute(s) after charging ended).</source>
        <translation>
            <numerusform>Idle fee: none (the connector was freed within %n free minute after charging ended).</numerusform>
            <numerusform>Idle fee: none (the connector was freed within %n free minutes after charging ended).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: freed at %1 − (charging end %2 + %3 free min) = %4 whole min × %5/min = %6</source>
        <translation>Idle fee: freed at %1 − (charging end %2 + %3 free min) = %4 whole min × %5/min = %6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coupon %1: −%2 (worth %3, min spend %4).</source>
        <translation>Coupon %1: −%2 (worth %3, min spend %4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 not used: the amount %2 is below its minimum spend %3.</source>
        <translation>Coupon %1 not used: the amount %2 is below its minimum spend %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total: %1 energy + %2 service + %3 idle − %4 coupon = %5</source>
        <translation>Total: %1 energy + %2 service + %3 idle − %4 coupon = %5</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillingService</name>
    <message>
        <location filename="../core/billing/billingservice.cpp" line="+118"/>
        <source>The account that pays session %1 no longer exists.</source>
        <translation>The account that pays session %1 no longer exists.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>There is no session %1.</source>
        <translation>There is no session %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 has not ended (status %2): it gets its bill when it ends.</source>
        <translation>Session %1 has not ended (status %2): it gets its bill when it ends.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Session %1 cannot be billed: no tariff applies.</source>
        <translation>Session %1 cannot be billed: no tariff applies.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Session abandoned</source>
        <translation>Session abandoned</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The coupon chosen for session %1 was used meanwhile: try again.</source>
        <translation>The coupon chosen for session %1 was used meanwhile: try again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bill of session %1</source>
        <translation>Bill of session %1</translation>
    </message>
</context>
<context>
    <name>cd::billing::CouponRules</name>
    <message>
        <location filename="../core/billing/couponrules.cpp" line="+86"/>
        <source>The coupon applies.</source>
        <translation>The coupon applies.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has been used, revoked or has expired.</source>
        <translation>The coupon has been used, revoked or has expired.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon belongs to another member.</source>
        <translation>The coupon belongs to another member.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another department.</source>
        <translation>The coupon is limited to another department.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another sub-operator.</source>
        <translation>The coupon is limited to another sub-operator.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another station.</source>
        <translation>The coupon is limited to another station.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is not valid yet.</source>
        <translation>The coupon is not valid yet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has expired.</source>
        <translation>The coupon has expired.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is below the coupon&apos;s minimum spend.</source>
        <translation>The amount is below the coupon&apos;s minimum spend.</translation>
    </message>
</context>
<context>
    <name>cd::billing::SettlementText</name>
    <message>
        <location filename="../core/billing/settlement.cpp" line="+48"/>
        <source>Hold until corrected</source>
        <translation>Hold until corrected</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settle first, correct later</source>
        <translation>Settle first, correct later</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsettled</source>
        <translation>Unsettled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled</source>
        <translation>Settled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charged provisionally</source>
        <translation>Charged provisionally</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held until corrected</source>
        <translation>Held until corrected</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffRepository</name>
    <message>
        <location filename="../core/billing/tariffrepository.cpp" line="+224"/>
        <source>Tariff %1 (&quot;%2&quot;) already applies to this scope: save a new version of it instead.</source>
        <translation>Tariff %1 (&quot;%2&quot;) already applies to this scope: save a new version of it instead.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+71"/>
        <source>There is no tariff %1.</source>
        <translation>There is no tariff %1.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Version %1 of this tariff has been replaced by tariff %2 already: edit the newest version.</source>
        <translation>Version %1 of this tariff has been replaced by tariff %2 already: edit the newest version.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new version keeps the scope of the tariff: create a new tariff for another scope.</source>
        <translation>A new version keeps the scope of the tariff: create a new tariff for another scope.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new version must start after the version it replaces (%1).</source>
        <translation>The new version must start after the version it replaces (%1).</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Tariff %1 has a newer version: end that one.</source>
        <translation>Tariff %1 has a newer version: end that one.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff can only end after it starts.</source>
        <translation>A tariff can only end after it starts.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>There is no session %1.</source>
        <translation>There is no session %1.</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffText</name>
    <message>
        <location filename="../core/billing/tariff.cpp" line="+112"/>
        <source>Peak</source>
        <translation>Peak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flat</source>
        <translation>Flat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valley</source>
        <translation>Valley</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Global default</source>
        <translation>Global default</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter a name for the tariff.</source>
        <translation>Enter a name for the tariff.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the currency of the tariff.</source>
        <translation>Enter the currency of the tariff.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code (three capital letters, e.g. EUR).</source>
        <translation>&quot;%1&quot; is not a currency code (three capital letters, e.g. EUR).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a known time zone (e.g. Europe/Kyiv, Asia/Shanghai, UTC).</source>
        <translation>&quot;%1&quot; is not a known time zone (e.g. Europe/Kyiv, Asia/Shanghai, UTC).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price must not be negative.</source>
        <translation>The energy price must not be negative.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service fee must not be negative.</source>
        <translation>The service fee must not be negative.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The idle fee must not be negative.</source>
        <translation>The idle fee must not be negative.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The free minutes before the idle fee must not be negative.</source>
        <translation>The free minutes before the idle fee must not be negative.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The global default tariff applies everywhere: it has no site, station or department.</source>
        <translation>The global default tariff applies everywhere: it has no site, station or department.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the site the tariff applies to.</source>
        <translation>Choose the site the tariff applies to.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the station the tariff applies to.</source>
        <translation>Choose the station the tariff applies to.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the department the tariff applies to.</source>
        <translation>Choose the department the tariff applies to.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tariff must end after it starts.</source>
        <translation>The tariff must end after it starts.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: times must lie between 00:00 and 24:00.</source>
        <translation>Period %1: times must lie between 00:00 and 24:00.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period %1 is empty: it starts and ends at %2.</source>
        <translation>Period %1 is empty: it starts and ends at %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: the energy price must not be negative.</source>
        <translation>Period %1: the energy price must not be negative.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Periods %1 (%2) and %3 (%4) overlap.</source>
        <translation>Periods %1 (%2) and %3 (%4) overlap.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingService</name>
    <message>
        <location filename="../core/charging/chargingservice.cpp" line="+67"/>
        <source>No station with the internal id %1.</source>
        <translation>No station with the internal id %1.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingText</name>
    <message>
        <location filename="../core/charging/chargingtypes.cpp" line="+123"/>
        <source>Emergency stop button pressed</source>
        <translation>Emergency stop button pressed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vehicle unplugged</source>
        <translation>Vehicle unplugged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station hard reset</source>
        <translation>Station hard reset</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station soft reset</source>
        <translation>Station soft reset</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped at the station (card or button)</source>
        <translation>Stopped at the station (card or button)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station lost power</source>
        <translation>Station lost power</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station rebooted during the session</source>
        <translation>Station rebooted during the session</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped from the back office</source>
        <translation>Stopped from the back office</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector unlocked from the back office</source>
        <translation>Connector unlocked from the back office</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card no longer authorized</source>
        <translation>Card no longer authorized</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station rebooted and reported the connector available</source>
        <translation>Closed by the system: the station rebooted and reported the connector available</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: a new session started on the same connector</source>
        <translation>Closed by the system: a new session started on the same connector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station says the session ended, but its end message never arrived</source>
        <translation>Closed by the system: the station says the session ended, but its end message never arrived</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other reason</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not stopped</source>
        <translation>Not stopped</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for payment</source>
        <translation>Waiting for payment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting</source>
        <translation>Starting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging</source>
        <translation>Charging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for final payment</source>
        <translation>Waiting for final payment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canceled</source>
        <translation>Canceled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed, payment still held</source>
        <translation>Failed, payment still held</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card blocked</source>
        <translation>Card blocked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card expired</source>
        <translation>Card expired</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown or invalid card</source>
        <translation>Unknown or invalid card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card already charging elsewhere</source>
        <translation>Card already charging elsewhere</translation>
    </message>
</context>
<context>
    <name>cd::charging::CommitQueue</name>
    <message>
        <location filename="../core/charging/commitqueue.cpp" line="+22"/>
        <source>The charging service is shutting down.</source>
        <translation>The charging service is shutting down.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A message handler failed unexpectedly.</source>
        <translation>A message handler failed unexpectedly.</translation>
    </message>
</context>
<context>
    <name>cd::charging::SessionTimeline</name>
    <message>
        <location filename="../core/charging/sessiontimeline.cpp" line="+94"/>
        <source>requested</source>
        <translation>requested</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bank processing</source>
        <translation>bank processing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>money held on the card</source>
        <translation>money held on the card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>captured</source>
        <translation>captured</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>released to the card</source>
        <translation>released to the card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>canceled</source>
        <translation>canceled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 kWh</source>
        <extracomment>energy in kilowatt-hours, %1 a number such as 12.4</extracomment>
        <translation>%1 kWh</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 kW</source>
        <extracomment>power in kilowatts, %1 a number such as 7.2</extracomment>
        <translation>%1 kW</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session created: the station started charging</source>
        <translation>Session created: the station started charging</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session created</source>
        <translation>Session created</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s start was matched to this session (connector %1)</source>
        <translation>The station&apos;s start was matched to this session (connector %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card %1 presented: %2</source>
        <translation>Card %1 presented: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging started although the card was not authorised (%1)</source>
        <translation>Charging started although the card was not authorised (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station confirmed the start (transaction %1, connector %2, meter %3)</source>
        <translation>Station confirmed the start (transaction %1, connector %2, meter %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated its start message — ignored, answered as before</source>
        <translation>Station repeated its start message — ignored, answered as before</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status: %1 → %2</source>
        <translation>Status: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vehicle started taking energy</source>
        <translation>The vehicle started taking energy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging state reported by the station: %1</source>
        <translation>Charging state reported by the station: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start meter reading taken from the first meter value: %1</source>
        <translation>Start meter reading taken from the first meter value: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values arrived after the stop — kept, the session&apos;s energy is unchanged</source>
        <translation>Meter values arrived after the stop — kept, the session&apos;s energy is unchanged</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reported the stop: %1 charged, meter %2. Reason: %3</source>
        <translation>Station reported the stop: %1 charged, meter %2. Reason: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station repeated its stop message — ignored, nothing counted twice</source>
        <translation>Station repeated its stop message — ignored, nothing counted twice</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s stop arrived after the system had closed the session; the station&apos;s figures now count</source>
        <translation>The station&apos;s stop arrived after the system had closed the session; the station&apos;s figures now count</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Meter at stop (%1) is below the meter at start (%2): energy set to 0</source>
        <translation>Meter at stop (%1) is below the meter at start (%2): energy set to 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station&apos;s stop time lies before its start time: the station&apos;s clock is wrong</source>
        <translation>The station&apos;s stop time lies before its start time: the station&apos;s clock is wrong</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closed by the system: the station rebooted without sending a stop (%1 charged)</source>
        <translation>Closed by the system: the station rebooted without sending a stop (%1 charged)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: a new session started on the same connector (%1 charged)</source>
        <translation>Closed by the system: a new session started on the same connector (%1 charged)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: the station no longer runs this transaction and its stop was lost (%1 charged)</source>
        <translation>Closed by the system: the station no longer runs this transaction and its stop was lost (%1 charged)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: nothing was heard of this session for too long and its stop never came (%1 charged)</source>
        <translation>Closed by the system: nothing was heard of this session for too long and its stop never came (%1 charged)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station rebooted while this session was open</source>
        <translation>The station rebooted while this session was open</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asked the station: it no longer runs this transaction</source>
        <translation>Asked the station: it no longer runs this transaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station: the transaction is still running</source>
        <translation>Asked the station: the transaction is still running</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station about the transaction: no clear answer</source>
        <translation>Asked the station about the transaction: no clear answer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not ask the station about the transaction</source>
        <translation>Could not ask the station about the transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivered late from the station&apos;s offline queue (message %1)</source>
        <translation>Delivered late from the station&apos;s offline queue (message %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing: expected number %1, received %2</source>
        <translation>Station messages missing: expected number %1, received %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A late station message arrived (number %1)</source>
        <translation>A late station message arrived (number %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The transaction ended with station messages still missing</source>
        <translation>The transaction ended with station messages still missing</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s first message about this transaction was not its start</source>
        <translation>The station&apos;s first message about this transaction was not its start</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment hold: %1 → %2 (held %3, captured %4)</source>
        <extracomment>%1 and %2 hold states such as &quot;money held on the card&quot;, %3 and %4 amounts</extracomment>
        <translation>Payment hold: %1 → %2 (held %3, captured %4)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bank reported the hold as &quot;%1&quot; — ignored for now, no card token yet; applied when it comes</source>
        <translation>Bank reported the hold as &quot;%1&quot; — ignored for now, no card token yet; applied when it comes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank reported the hold as &quot;%1&quot; — waiting for an earlier report first</source>
        <translation>Bank reported the hold as &quot;%1&quot; — waiting for an earlier report first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund of %1 (refunded in all: %2)</source>
        <translation>Refund of %1 (refunded in all: %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priced for payment: %1 for %2</source>
        <translation>Priced for payment: %1 for %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill issued: %1 for %2</source>
        <extracomment>%1 the bill&apos;s total, %2 the energy billed (core/billing)</extracomment>
        <translation>Bill issued: %1 for %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The amount %1 is more than the hold of %2: %3 is to be collected another way</source>
        <extracomment>%1 the session&apos;s amount, %2 what the hold had reserved, %3 what is left to collect</extracomment>
        <translation>The amount %1 is more than the hold of %2: %3 is to be collected another way</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session could not be priced (no tariff, or another currency): the hold waits for the operator&apos;s Finalize</source>
        <translation>The session could not be priced (no tariff, or another currency): the hold waits for the operator&apos;s Finalize</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bill has anomalies and is held until corrected: the hold of %1 stays on the card until bill %2 is corrected</source>
        <extracomment>%1 the amount held on the card, %2 the bill&apos;s id</extracomment>
        <translation>The bill has anomalies and is held until corrected: the hold of %1 stays on the card until bill %2 is corrected</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Balance running out: stop sent automatically (left %1, stop at %2)</source>
        <translation>Balance running out: stop sent automatically (left %1, stop at %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station accepted the stop but kept charging: %1 more since</source>
        <translation>The station accepted the stop but kept charging: %1 more since</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finished by the operator: %1 → %2, %3 charged, amount %4. Reason: %5</source>
        <translation>Finished by the operator: %1 → %2, %3 charged, amount %4. Reason: %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold canceled by the operator: %1 → %2. Reason: %3</source>
        <translation>Hold canceled by the operator: %1 → %2. Reason: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finalized by the operator: amount %1. Reason: %2</source>
        <translation>Finalized by the operator: amount %1. Reason: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy set by the operator: %1 → %2, amount %3 → %4. Reason: %5</source>
        <translation>Energy set by the operator: %1 → %2, amount %3 → %4. Reason: %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status changed by the operator (%1): %2 → %3. Reason: %4</source>
        <translation>Status changed by the operator (%1): %2 → %3. Reason: %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start sent to the station by the operator. Reason: %1</source>
        <translation>Start sent to the station by the operator. Reason: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop sent to the station by the operator. Reason: %1</source>
        <translation>Stop sent to the station by the operator. Reason: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reset by the operator. Reason: %1</source>
        <translation>Station reset by the operator. Reason: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator action %1. Reason: %2</source>
        <translation>Operator action %1. Reason: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The money call after the operator&apos;s action failed: %1</source>
        <translation>The money call after the operator&apos;s action failed: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated message %1 — ignored</source>
        <translation>Station repeated message %1 — ignored</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Event: %1</source>
        <extracomment>a session event the console has no words for yet; %1 its internal name</extracomment>
        <translation>Event: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Message %1 not accepted: %2</source>
        <translation>Message %1 not accepted: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Station refused %1 with the error %2</source>
        <translation>Station refused %1 with the error %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused the station&apos;s %1 with the error %2</source>
        <translation>Refused the station&apos;s %1 with the error %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station reports the start on connector %1 with card %2, meter %3</source>
        <translation>Station reports the start on connector %1 with card %2, meter %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reports the stop of transaction %1, meter %2</source>
        <translation>Station reports the stop of transaction %1, meter %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station asks whether card %1 may charge</source>
        <translation>Station asks whether card %1 may charge</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connector %1 reports: %2</source>
        <translation>Connector %1 reports: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Station reports the start of the transaction (message %1)</source>
        <translation>Station reports the start of the transaction (message %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports the end of the transaction (message %1)</source>
        <translation>Station reports the end of the transaction (message %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports progress (message %1, %2)</source>
        <translation>Station reports progress (message %1, %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station sent %1</source>
        <translation>Station sent %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>START sent to the station (connector %1, card %2)</source>
        <translation>START sent to the station (connector %1, card %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>STOP sent to the station (transaction %1)</source>
        <translation>STOP sent to the station (transaction %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent to the station</source>
        <translation>%1 sent to the station</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Station accepted the START</source>
        <translation>Station accepted the START</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the START (%1)</source>
        <translation>Station rejected the START (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station accepted the STOP</source>
        <translation>Station accepted the STOP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the STOP (%1)</source>
        <translation>Station rejected the STOP (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station answered %1</source>
        <translation>Station answered %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station answered %1: %2</source>
        <translation>Station answered %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start confirmed to the station: transaction %1, card %2</source>
        <translation>Start confirmed to the station: transaction %1, card %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop confirmed to the station</source>
        <translation>Stop confirmed to the station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered the station about the card: %1</source>
        <translation>Answered the station about the card: %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 A</source>
        <extracomment>electric current in amperes, %1 a number such as 16.0</extracomment>
        <translation>%1 A</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>battery %1 %</source>
        <extracomment>the vehicle battery&apos;s state of charge, %1 a whole number of percent</extracomment>
        <translation>battery %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no energy reading</source>
        <translation>no energy reading</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeated meter callback without progress (%1) — ignored</source>
        <translation>Repeated meter callback without progress (%1) — ignored</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter: %1</source>
        <translation>Meter: %1</translation>
    </message>
</context>
<context>
    <name>cd::charging::SuspiciousSessions</name>
    <message>
        <location filename="../core/charging/suspicioussessions.cpp" line="+101"/>
        <source>Charged without an authorised card</source>
        <translation>Charged without an authorised card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing</source>
        <translation>Station messages missing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start message never arrived</source>
        <translation>Start message never arrived</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop arrived after the system closed it</source>
        <translation>Stop arrived after the system closed it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter went backwards</source>
        <translation>Meter went backwards</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station clock wrong</source>
        <translation>Station clock wrong</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values after the stop</source>
        <translation>Meter values after the stop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system, no Stop from the station</source>
        <translation>Closed by the system, no Stop from the station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No energy delivered</source>
        <translation>No energy delivered</translation>
    </message>
</context>
<context>
    <name>cd::charging::TransactionLedger</name>
    <message>
        <location filename="../core/charging/transactionledger.cpp" line="+256"/>
        <source>Transaction ids beyond 2147483647 cannot be issued to OCPP 1.6 stations.</source>
        <translation>Transaction ids beyond 2147483647 cannot be issued to OCPP 1.6 stations.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AccountCommands</name>
    <message>
        <location filename="../app/cli/accountcommands.cpp" line="-400"/>
        <location line="+213"/>
        <location line="+30"/>
        <location line="+106"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+38"/>
        <location line="+175"/>
        <location line="+30"/>
        <location line="+106"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+39"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+42"/>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+43"/>
        <source>Refundable</source>
        <translation>Refundable</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+45"/>
        <location line="+168"/>
        <source>Auto-stop at</source>
        <translation>Auto-stop at</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+45"/>
        <source>Cards</source>
        <translation>Cards</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+98"/>
        <location line="+23"/>
        <source>Give the member&apos;s id.</source>
        <translation>Give the member&apos;s id.</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+312"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pending refund</source>
        <translation>Pending refund</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Created member %1.</source>
        <translation>Created member %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+86"/>
        <source>Issued coupon %1 (%2).</source>
        <translation>Issued coupon %1 (%2).</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Saved member %1.</source>
        <translation>Saved member %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>Say how much: --amount 100.00.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Would top up member %1 by %2: balance %3 → %4.</source>
        <translation>Would top up member %1 by %2: balance %3 → %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It would earn the coupon &quot;%1&quot; (%2).</source>
        <translation>It would earn the coupon &quot;%1&quot; (%2).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Topped up member %1 by %2 (receipt %3); balance %4.</source>
        <translation>Topped up member %1 by %2 (receipt %3); balance %4.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+30"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+30"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bills to parent</source>
        <translation>Bills to parent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pooled balance</source>
        <translation>Pooled balance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department cards</source>
        <translation>Department cards</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--trigger must be topup, new_member or spend.</source>
        <translation>--trigger must be topup, new_member or spend.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+106"/>
        <source>Min spend</source>
        <translation>Min spend</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <translation>Earned from</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Say what the coupon is worth: --amount 10.00.</source>
        <translation>Say what the coupon is worth: --amount 10.00.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Created coupon rule %1.</source>
        <translation>Created coupon rule %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--status must be issued, used or revoked.</source>
        <translation>--status must be issued, used or revoked.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until (UTC)</source>
        <translation>Valid until (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by bill</source>
        <translation>Earned by bill</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give the coupon&apos;s id.</source>
        <translation>Give the coupon&apos;s id.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Revoked coupon %1.</source>
        <translation>Revoked coupon %1.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AlertCommands</name>
    <message>
        <location filename="../app/cli/alertcommands.cpp" line="+64"/>
        <source>--state must be open, acknowledged, resolved, active or all.</source>
        <translation>--state must be open, acknowledged, resolved, active or all.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--last must be a positive number.</source>
        <translation>--last must be a positive number.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opened (UTC)</source>
        <translation>Opened (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times</source>
        <translation>Times</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assigned to</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the alert&apos;s id.</source>
        <translation>Give the alert&apos;s id.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an alert id.</source>
        <translation>&quot;%1&quot; is not an alert id.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say who gets the alert: --to NAME (an empty name unassigns it).</source>
        <translation>Say who gets the alert: --to NAME (an empty name unassigns it).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Alert %1: %2</source>
        <translation>Alert %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assigned to %1</source>
        <translation>assigned to %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show alerts (default: open and acknowledged), newest first.</source>
        <translation>Show alerts (default: open and acknowledged), newest first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge an alert.</source>
        <translation>Acknowledge an alert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign an alert to someone.</source>
        <translation>Assign an alert to someone.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve an alert, saying what was done.</source>
        <translation>Resolve an alert, saying what was done.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AuditCommands</name>
    <message>
        <location filename="../app/cli/auditcommands.cpp" line="+26"/>
        <source>--last must be a positive number.</source>
        <translation>--last must be a positive number.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>When (UTC)</source>
        <translation>When (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the newest audit log entries.</source>
        <translation>Show the newest audit log entries.</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCommands</name>
    <message>
        <location filename="../app/cli/billcommands.cpp" line="+88"/>
        <source>&quot;%1&quot; is not an anomaly code (1–9, 11).</source>
        <translation>&quot;%1&quot; is not an anomaly code (1–9, 11).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--status must be open, resolved or all.</source>
        <translation>--status must be open, resolved or all.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bill</source>
        <translation>Bill</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+70"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="-70"/>
        <location line="+70"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started (UTC)</source>
        <translation>Started (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settlement</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--by must be day, week or month.</source>
        <translation>--by must be day, week or month.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose one of --json and --csv.</source>
        <translation>Choose one of --json and --csv.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly</source>
        <translation>Anomaly</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly bills</source>
        <translation>Anomaly bills</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Share</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 anomaly bills; periods in %2.</source>
        <extracomment>%1 a number of bills, %2 a time zone such as Europe/Kyiv</extracomment>
        <translation>%1 anomaly bills; periods in %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show anomaly bills (default: open ones), newest session first.</source>
        <translation>Show anomaly bills (default: open ones), newest session first.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count anomaly bills by code, station, firmware and period, with their share of sessions.</source>
        <translation>Count anomaly bills by code, station, firmware and period, with their share of sessions.</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCorrectCommands</name>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="-147"/>
        <source>The bill id must be a whole number, e.g. 42.</source>
        <translation>The bill id must be a whole number, e.g. 42.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--reason is required: it is kept with the bill and in the audit log.</source>
        <translation>--reason is required: it is kept with the bill and in the audit log.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Done: bill %1 is version %2 of the bill (audit record %3).</source>
        <translation>Done: bill %1 is version %2 of the bill (audit record %3).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Usage: chargedesk-cli bill correct &lt;bill id&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason TEXT [--dry-run] [--json]</source>
        <translation>Usage: chargedesk-cli bill correct &lt;bill id&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason TEXT [--dry-run] [--json]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 needs a whole number.</source>
        <translation>--%1 needs a whole number.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--method must be estimate, station, manual, service-end, tariff or revert.</source>
        <translation>--method must be estimate, station, manual, service-end, tariff or revert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--method manual needs --energy-wh with a whole number of Wh.</source>
        <translation>--method manual needs --energy-wh with a whole number of Wh.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--method revert needs --to-bill with the id of the version to go back to.</source>
        <translation>--method revert needs --to-bill with the id of the version to go back to.</translation>
    </message>
</context>
<context>
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+49"/>
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>ChargeDesk command line: scripting and accounting.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print machine-readable JSON.</source>
        <translation>Print machine-readable JSON.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+63"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Output file.</source>
        <translation>Output file.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>path</source>
        <translation>path</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name.</source>
        <translation>Display name.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+4"/>
        <location line="+23"/>
        <location line="+10"/>
        <location line="+9"/>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Station vendor.</source>
        <translation>Station vendor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station model.</source>
        <translation>Station model.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station firmware version.</source>
        <translation>Station firmware version.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street address.</source>
        <translation>Street address.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude in degrees.</source>
        <translation>Latitude in degrees.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+36"/>
        <source>number</source>
        <translation>number</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Longitude in degrees.</source>
        <translation>Longitude in degrees.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the station from the public map (it stays in reports).</source>
        <translation>Hide the station from the public map (it stays in reports).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows matching this text.</source>
        <translation>Only rows matching this text.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the newest N rows.</source>
        <translation>Only the newest N rows.</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+11"/>
        <location line="+19"/>
        <location line="+39"/>
        <location line="+1"/>
        <location line="+6"/>
        <location line="+2"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Name recorded in the audit log (default: cli:&lt;user&gt;); only while the database has no operators.</source>
        <translation>Name recorded in the audit log (default: cli:&lt;user&gt;); only while the database has no operators.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in as this operator (password from CHARGEDESK_PASSWORD, or asked for); required once the database has operators.</source>
        <translation>Log in as this operator (password from CHARGEDESK_PASSWORD, or asked for); required once the database has operators.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>login</source>
        <translation>login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An operator&apos;s role: support, site_manager, accountant, administrator or a custom one.</source>
        <translation>An operator&apos;s role: support, site_manager, accountant, administrator or a custom one.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>role</source>
        <translation>role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many times an operator may be logged in at once (default 1).</source>
        <translation>How many times an operator may be logged in at once (default 1).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>From this time on (ISO 8601, e.g. 2026-11-23T08:00:00Z).</source>
        <translation>From this time on (ISO 8601, e.g. 2026-11-23T08:00:00Z).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>time</source>
        <translation>time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up to this time (ISO 8601).</source>
        <translation>Up to this time (ISO 8601).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command parameter, key=value (repeatable; JSON values allowed).</source>
        <translation>A command parameter, key=value (repeatable; JSON values allowed).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key=value</source>
        <translation>key=value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command&apos;s whole payload as a JSON object.</source>
        <translation>A command&apos;s whole payload as a JSON object.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>json</source>
        <translation>json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the command queued until the station connects.</source>
        <translation>Keep the command queued until the station connects.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to wait for the station&apos;s answer (default 90).</source>
        <translation>Seconds to wait for the station&apos;s answer (default 90).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only open sessions.</source>
        <translation>Only open sessions.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only sessions open for long (the station never sent Stop).</source>
        <translation>Only sessions open for long (the station never sent Stop).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What counts as old for --old-open (default 24).</source>
        <translation>What counts as old for --old-open (default 24).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag kind: card, app or department.</source>
        <translation>Id tag kind: card, app or department.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kind</source>
        <translation>kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag status: Accepted, Blocked or Expired; anomaly bills: open, resolved or all.</source>
        <translation>Id tag status: Accepted, Blocked or Expired; anomaly bills: open, resolved or all.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the id tag expires (ISO 8601).</source>
        <translation>When the id tag expires (ISO 8601).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent id tag (a group or department).</source>
        <translation>Parent id tag (a group or department).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tag</source>
        <translation>tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions an id tag may run at once (department cards).</source>
        <translation>Sessions an id tag may run at once (department cards).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s Basic-auth password (security profile 1).</source>
        <translation>The station&apos;s Basic-auth password (security profile 1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the change is made (kept in the audit log).</source>
        <translation>Why the change is made (kept in the audit log).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what would happen (to money too) and change nothing.</source>
        <translation>Show what would happen (to money too) and change nothing.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An amount in the session&apos;s currency, e.g. 12.50.</source>
        <translation>An amount in the session&apos;s currency, e.g. 12.50.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <location line="+7"/>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+23"/>
        <source>amount</source>
        <translation>amount</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>An energy counter in Wh.</source>
        <translation>An energy counter in Wh.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wh</source>
        <translation>Wh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An energy in kWh, e.g. 12345.678 (meter readings).</source>
        <translation>An energy in kWh, e.g. 12345.678 (meter readings).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the session&apos;s amount from the tariff.</source>
        <translation>Recompute the session&apos;s amount from the tariff.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status change mode: soft (keeps priorities) or override.</source>
        <translation>Status change mode: soft (keeps priorities) or override.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>mode</source>
        <translation>mode</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>A hard reset (1.6 Hard, 2.0.1 Immediate) instead of a soft one.</source>
        <translation>A hard reset (1.6 Hard, 2.0.1 Immediate) instead of a soft one.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert state: open, acknowledged, resolved, active or all.</source>
        <translation>Alert state: open, acknowledged, resolved, active or all.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state</source>
        <translation>state</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note for the alert&apos;s history.</source>
        <translation>A note for the alert&apos;s history.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s phone number.</source>
        <translation>A member&apos;s phone number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s e-mail address.</source>
        <translation>A member&apos;s e-mail address.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>address</source>
        <translation>address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A department&apos;s id.</source>
        <translation>A department&apos;s id.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+17"/>
        <location line="+9"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+8"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>A member&apos;s id.</source>
        <translation>A member&apos;s id.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold: stop charging when this much is left.</source>
        <translation>Auto-stop threshold: stop charging when this much is left.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ISO 4217 currency (default: the one in Settings › Payments).</source>
        <translation>ISO 4217 currency (default: the one in Settings › Payments).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up&apos;s receipt number.</source>
        <translation>The top-up&apos;s receipt number.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The payment gateway that took the money (default: manual).</source>
        <translation>The payment gateway that took the money (default: manual).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What issues the coupon: topup or new_member.</source>
        <translation>What issues the coupon: topup or new_member.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>trigger</source>
        <translation>trigger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up that earns the coupon, e.g. 100.00.</source>
        <translation>The top-up that earns the coupon, e.g. 100.00.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The spend in the rule&apos;s period that earns the coupon (trigger spend), e.g. 300.00.</source>
        <translation>The spend in the rule&apos;s period that earns the coupon (trigger spend), e.g. 300.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill a coupon needs to apply, e.g. 20.00.</source>
        <translation>The bill a coupon needs to apply, e.g. 20.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A sub-operator: its name or its id.</source>
        <translation>A sub-operator: its name or its id.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How a sub-operator&apos;s bills with anomalies settle: settle_first or hold_until_corrected.</source>
        <translation>How a sub-operator&apos;s bills with anomalies settle: settle_first or hold_until_corrected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A station&apos;s id.</source>
        <translation>A station&apos;s id.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A site&apos;s name (reports).</source>
        <translation>A site&apos;s name (reports).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report rows per site, station, vendor, firmware or sub-operator.</source>
        <translation>Report rows per site, station, vendor, firmware or sub-operator.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split a report by day, week or month.</source>
        <translation>Split a report by day, week or month.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bucket</source>
        <translation>bucket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag report rows below this percentage.</source>
        <translation>Flag report rows below this percentage.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days a coupon stays valid after it is issued.</source>
        <translation>Days a coupon stays valid after it is issued.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill correction method: estimate, station, manual, service-end, tariff or revert.</source>
        <translation>Bill correction method: estimate, station, manual, service-end, tariff or revert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>method</source>
        <translation>method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tariff version&apos;s id.</source>
        <translation>A tariff version&apos;s id.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill version to go back to (bill correct --method revert).</source>
        <translation>The bill version to go back to (bill correct --method revert).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly code (repeatable, or several separated by commas).</source>
        <translation>Anomaly code (repeatable, or several separated by commas).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A station&apos;s charge point id.</source>
        <translation>A station&apos;s charge point id.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most N rows.</source>
        <translation>At most N rows.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics period: day, week or month.</source>
        <translation>Statistics period: day, week or month.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>period</source>
        <translation>period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print CSV (or write it to --out).</source>
        <translation>Print CSV (or write it to --out).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version, not only the ones in force (tariff list).</source>
        <translation>Every version, not only the ones in force (tariff list).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The commission kept from a refund, e.g. 2.00.</source>
        <translation>The commission kept from a refund, e.g. 2.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the coupons the refunded top-ups earned (default: revoke them).</source>
        <translation>Keep the coupons the refunded top-ups earned (default: revoke them).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cash refund was not paid at the desk: the money goes back to the member.</source>
        <translation>The cash refund was not paid at the desk: the money goes back to the member.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows older than this id (paging, newest first).</source>
        <translation>Only rows older than this id (paging, newest first).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report file format: csv, xlsx, pdf or json.</source>
        <translation>Report file format: csv, xlsx, pdf or json.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>format</source>
        <translation>format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do; see the list above.</source>
        <translation>What to do; see the list above.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;group&gt; &lt;verb&gt; [arguments]</source>
        <translation>&lt;group&gt; &lt;verb&gt; [arguments]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commands:</source>
        <translation>Commands:</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No command given.</source>
        <translation>No command given.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown command: %1</source>
        <translation>Unknown command: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>This database has operator accounts: log in with --as LOGIN (the password comes from CHARGEDESK_PASSWORD, or is asked for).</source>
        <translation>This database has operator accounts: log in with --as LOGIN (the password comes from CHARGEDESK_PASSWORD, or is asked for).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--as and --operator do not go together: the audit log records the operator who logged in.</source>
        <translation>--as and --operator do not go together: the audit log records the operator who logged in.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are no operators yet: add the first administrator with chargedesk-cli operator add LOGIN.</source>
        <translation>There are no operators yet: add the first administrator with chargedesk-cli operator add LOGIN.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password for %1: </source>
        <translation>Password for %1: </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Internal error: the command &quot;%1&quot; belongs to no screen.</source>
        <translation>Internal error: the command &quot;%1&quot; belongs to no screen.</translation>
    </message>
</context>
<context>
    <name>cd::cli::CommandCommands</name>
    <message>
        <location filename="../app/cli/commandcommands.cpp" line="+51"/>
        <source>--payload must be a JSON object.</source>
        <translation>--payload must be a JSON object.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--param needs key=value, got &quot;%1&quot;.</source>
        <translation>--param needs key=value, got &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</source>
        <translation>Usage: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--timeout must be a positive number of seconds.</source>
        <translation>--timeout must be a positive number of seconds.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Command %1 queued; waiting for the station…</source>
        <translation>Command %1 queued; waiting for the station…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>No answer within %n second(s); the command stays queued.</source>
        <translation>
            <numerusform>No answer within %n second; the command stays queued.</numerusform>
            <numerusform>No answer within %n seconds; the command stays queued.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requested (UTC)</source>
        <translation>Requested (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Send an OCPP command to a station and wait for its answer (audited).</source>
        <translation>Send an OCPP command to a station and wait for its answer (audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the newest commands and their outcomes.</source>
        <translation>Show the newest commands and their outcomes.</translation>
    </message>
</context>
<context>
    <name>cd::cli::DbCommands</name>
    <message>
        <location filename="../app/cli/dbcommands.cpp" line="+50"/>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version</source>
        <translation>Schema version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables</source>
        <translation>Tables</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Schema is at version %1.</source>
        <translation>Schema is at version %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the database engine, location, schema version and row counts.</source>
        <translation>Show the database engine, location, schema version and row counts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the database and apply pending schema migrations.</source>
        <translation>Open the database and apply pending schema migrations.</translation>
    </message>
</context>
<context>
    <name>cd::cli::KeyCommands</name>
    <message>
        <location filename="../app/cli/keycommands.cpp" line="+25"/>
        <source>Wrote a new 256-bit key to %1 (mode 0600). Keep a backup: without it the database cannot be read.</source>
        <translation>Wrote a new 256-bit key to %1 (mode 0600). Keep a backup: without it the database cannot be read.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Make a new random database key (prints it, or writes a 0600 key file).</source>
        <translation>Make a new random database key (prints it, or writes a 0600 key file).</translation>
    </message>
</context>
<context>
    <name>cd::cli::OperatorCommands</name>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="-294"/>
        <source>Usage: chargedesk-cli operator add &lt;login&gt; [--name TEXT] [--role ROLE] [--max-logins N]</source>
        <translation>Usage: chargedesk-cli operator add &lt;login&gt; [--name TEXT] [--role ROLE] [--max-logins N]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--max-logins takes a whole number.</source>
        <translation>--max-logins takes a whole number.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first operator is the administrator: leave out --role.</source>
        <translation>The first operator is the administrator: leave out --role.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password for %1: </source>
        <translation>Password for %1: </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Added %1, the first administrator. From now on every command needs --as LOGIN.</source>
        <translation>Added %1, the first administrator. From now on every command needs --as LOGIN.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added operator %1 (%2).</source>
        <translation>Added operator %1 (%2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked until %1</source>
        <translation>locked until %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enabled</source>
        <translation>enabled</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+97"/>
        <location line="+80"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+177"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+97"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+97"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Logins</source>
        <translation>Logins</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli operator set-role &lt;login&gt; &lt;role&gt;</source>
        <translation>Usage: chargedesk-cli operator set-role &lt;login&gt; &lt;role&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 now has the role %2.</source>
        <translation>%1 now has the role %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli operator set-max-logins &lt;login&gt; &lt;N&gt;</source>
        <translation>Usage: chargedesk-cli operator set-max-logins &lt;login&gt; &lt;N&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may now be logged in %2 time(s) at once.</source>
        <translation>%1 may now be logged in %2 time(s) at once.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator disable &lt;login&gt;</source>
        <translation>Usage: chargedesk-cli operator disable &lt;login&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli operator enable &lt;login&gt;</source>
        <translation>Usage: chargedesk-cli operator enable &lt;login&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is disabled; their login sessions were ended.</source>
        <translation>%1 is disabled; their login sessions were ended.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is enabled.</source>
        <translation>%1 is enabled.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator unlock &lt;login&gt;</source>
        <translation>Usage: chargedesk-cli operator unlock &lt;login&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may log in again.</source>
        <translation>%1 may log in again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli operator passwd [&lt;login&gt;]</source>
        <translation>Usage: chargedesk-cli operator passwd [&lt;login&gt;]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say whose password, or log in with --as to change your own.</source>
        <translation>Say whose password, or log in with --as to change your own.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New password for %1: </source>
        <translation>New password for %1: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current password: </source>
        <translation>Current password: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your password is changed.</source>
        <translation>Your password is changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password of %1 is changed.</source>
        <translation>The password of %1 is changed.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli role add &lt;name&gt; [&lt;permission&gt;…]</source>
        <translation>Usage: chargedesk-cli role add &lt;name&gt; [&lt;permission&gt;…]</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Added role %1 with %n permission(s).</source>
        <translation>
            <numerusform>Added role %1 with %n permission.</numerusform>
            <numerusform>Added role %1 with %n permissions.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>built-in</source>
        <translation>built-in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>custom</source>
        <translation>custom</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+59"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Permissions</source>
        <translation>Permissions</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role grant &lt;role&gt; &lt;permission&gt;…</source>
        <translation>Usage: chargedesk-cli role grant &lt;role&gt; &lt;permission&gt;…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli role revoke &lt;role&gt; &lt;permission&gt;…</source>
        <translation>Usage: chargedesk-cli role revoke &lt;role&gt; &lt;permission&gt;…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Granted to %1.</source>
        <translation>Granted to %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked from %1.</source>
        <translation>Revoked from %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli role delete &lt;role&gt;</source>
        <translation>Usage: chargedesk-cli role delete &lt;role&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted role %1.</source>
        <translation>Deleted role %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role permissions [&lt;role&gt;]</source>
        <translation>Usage: chargedesk-cli role permissions [&lt;role&gt;]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>There is no role named &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>screen</source>
        <translation>screen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>action</source>
        <translation>action</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Permission</source>
        <translation>Permission</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allows to</source>
        <translation>Allows to</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since (UTC)</source>
        <translation>Since (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last seen (UTC)</source>
        <translation>Last seen (UTC)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli login-sessions end &lt;id&gt;</source>
        <translation>Usage: chargedesk-cli login-sessions end &lt;id&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session %1 is ended.</source>
        <translation>Login session %1 is ended.</translation>
    </message>
</context>
<context>
    <name>cd::cli::OptionValues</name>
    <message>
        <location filename="../app/cli/optionvalues.cpp" line="+19"/>
        <source>--%1 must be a positive number.</source>
        <translation>--%1 must be a positive number.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</source>
        <translation>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an id (a positive number).</source>
        <translation>--%1 must be an id (a positive number).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be a number.</source>
        <translation>--%1 must be a number.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;%1&quot; is not an id.</source>
        <translation>&quot;%1&quot; is not an id.</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>--%1 must be an amount such as 12.50 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>--%1 must be an amount such as 12.50 (at most %n decimal place).</numerusform>
            <numerusform>--%1 must be an amount such as 12.50 (at most %n decimal places).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::PasswordPrompt</name>
    <message>
        <location filename="../app/cli/passwordprompt.cpp" line="+55"/>
        <location line="+11"/>
        <source>No password: set %1 or type it when asked.</source>
        <translation>No password: set %1 or type it when asked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same password again: </source>
        <translation>The same password again: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>The two passwords differ; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>cd::cli::ReconciliationCommands</name>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="-139"/>
        <source>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</source>
        <translation>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1: &quot;%2&quot; is not a date or an ISO 8601 time.</source>
        <translation>--%1: &quot;%2&quot; is not a date or an ISO 8601 time.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site: --site NAME.</source>
        <translation>Say which site: --site NAME.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--energy-kwh is an energy in kWh with at most 3 decimals, e.g. 12345.678.</source>
        <translation>--energy-kwh is an energy in kWh with at most 3 decimals, e.g. 12345.678.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--energy-wh is a whole number of Wh.</source>
        <translation>--energy-wh is a whole number of Wh.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say what the meter recorded: --energy-kwh X or --energy-wh N.</source>
        <translation>Say what the meter recorded: --energy-kwh X or --energy-wh N.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Replaced the reading of %1 for %2 … %3: %4 kWh (was %5 kWh).</source>
        <translation>Replaced the reading of %1 for %2 … %3: %4 kWh (was %5 kWh).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded the reading of %1 for %2 … %3: %4 kWh.</source>
        <translation>Recorded the reading of %1 for %2 … %3: %4 kWh.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile meter-reading import FILE.</source>
        <translation>Say which file: reconcile meter-reading import FILE.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Imported %n reading(s): %1 new, %2 replaced.</source>
        <translation>
            <numerusform>Imported %n reading: %1 new, %2 replaced.</numerusform>
            <numerusform>Imported %n readings: %1 new, %2 replaced.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From (UTC)</source>
        <translation>From (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To (UTC)</source>
        <translation>To (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy (kWh)</source>
        <translation>Energy (kWh)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile receipts import FILE --gateway NAME.</source>
        <translation>Say which file: reconcile receipts import FILE --gateway NAME.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Imported %n receipt(s); %1 already there.</source>
        <translation>
            <numerusform>Imported %n receipt; %1 already there.</numerusform>
            <numerusform>Imported %n receipts; %1 already there.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::RefundCommands</name>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="-292"/>
        <source>Say whose refund it is: --member ID.</source>
        <translation>Say whose refund it is: --member ID.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>Say how much: --amount 100.00.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refund application %1: %2 moved from member %3&apos;s balance to the pending refund, waiting for the audit.</source>
        <translation>Refund application %1: %2 moved from member %3&apos;s balance to the pending refund, waiting for the audit.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--status must be pending, approved or rejected.</source>
        <translation>--status must be pending, approved or rejected.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied at</source>
        <translation>Applied at</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+173"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location line="-173"/>
        <location line="+174"/>
        <location line="+19"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+175"/>
        <source>Commission</source>
        <translation>Commission</translation>
    </message>
    <message>
        <location line="-175"/>
        <location line="+176"/>
        <source>Refunded amount</source>
        <translation>Refunded amount</translation>
    </message>
    <message>
        <location line="-176"/>
        <location line="+177"/>
        <location line="+17"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+177"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Refund application %1 rejected: %2 went back to member %3&apos;s balance.</source>
        <translation>Refund application %1 rejected: %2 went back to member %3&apos;s balance.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Usage: chargedesk-cli refund %1 …; see chargedesk-cli --help.</source>
        <translation>Usage: chargedesk-cli refund %1 …; see chargedesk-cli --help.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli refund %1 &lt;id&gt; …; see chargedesk-cli --help.</source>
        <translation>Usage: chargedesk-cli refund %1 &lt;id&gt; …; see chargedesk-cli --help.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Refund application %1: %2, %3; refunded %4 of %5 (commission %6).</source>
        <translation>Refund application %1: %2, %3; refunded %4 of %5 (commission %6).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 could not be refunded through any top-up and went back to the member&apos;s refundable balance.</source>
        <translation>%1 could not be refunded through any top-up and went back to the member&apos;s refundable balance.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pay %1 back in cash at the desk, then: chargedesk-cli refund confirm %2 --reason TEXT</source>
        <translation>Pay %1 back in cash at the desk, then: chargedesk-cli refund confirm %2 --reason TEXT</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record %1 (%2) has no answer from the gateway yet: chargedesk-cli refund retry %3</source>
        <translation>Record %1 (%2) has no answer from the gateway yet: chargedesk-cli refund retry %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Refund application</source>
        <translation>Refund application</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+23"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Revoke coupons</source>
        <translation>Revoke coupons</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member&apos;s balance</source>
        <translation>Member&apos;s balance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable</source>
        <translation>Refundable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund</source>
        <translation>Pending refund</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>desk (cash)</source>
        <translation>desk (cash)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up total</source>
        <translation>Top-up total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Our refund no.</source>
        <translation>Our refund no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway refund no.</source>
        <translation>Gateway refund no.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When (UTC)</source>
        <translation>When (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>To</translation>
    </message>
</context>
<context>
    <name>cd::cli::ReportCommands</name>
    <message>
        <location filename="../app/cli/reportcommands.cpp" line="-300"/>
        <source>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</source>
        <translation>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>--threshold-percent is a whole number of percent, e.g. 85.</source>
        <translation>--threshold-percent is a whole number of percent, e.g. 85.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Say --format csv, xlsx, pdf or json.</source>
        <translation>Say --format csv, xlsx, pdf or json.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This chargedesk-cli cannot draw PDF files (it runs without the GUI libraries&apos; application object). Export csv, xlsx or json, or the PDF from the console.</source>
        <translation>This chargedesk-cli cannot draw PDF files (it runs without the GUI libraries&apos; application object). Export csv, xlsx or json, or the PDF from the console.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 of %2 rows (%3 %)</source>
        <translation>%1 of %2 rows (%3 %)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Wrote %n row(s) to %1 (export %2).</source>
        <translation>
            <numerusform>Wrote %n row to %1 (export %2).</numerusform>
            <numerusform>Wrote %n rows to %1 (export %2).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Say which export: report changes &lt;export id&gt;.</source>
        <translation>Say which export: report changes &lt;export id&gt;.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Export %1 (%2, %3, %4 by %5): %6 rows then, %7 now.</source>
        <translation>Export %1 (%2, %3, %4 by %5): %6 rows then, %7 now.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 then, %3 now.</source>
        <translation>%1: %2 then, %3 now.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing changed since the export.</source>
        <translation>Nothing changed since the export.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 changed, %2 added, %3 removed.</source>
        <translation>%1 changed, %2 added, %3 removed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created (UTC)</source>
        <translation>Created (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>cd::cli::SessionCommands</name>
    <message>
        <location filename="../app/cli/sessioncommands.cpp" line="+34"/>
        <source>--older-than-hours must be a positive number.</source>
        <translation>--older-than-hours must be a positive number.</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+27"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Created (UTC)</source>
        <translation>Created (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+28"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+31"/>
        <source>Id tag</source>
        <translation>Id tag</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Energy, Wh</source>
        <translation>Energy, Wh</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+33"/>
        <source>Stop reason</source>
        <translation>Stop reason</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Usage: chargedesk-cli tx show &lt;session id or number&gt;</source>
        <translation>Usage: chargedesk-cli tx show &lt;session id or number&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>No session %1.</source>
        <translation>No session %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>When (UTC)</source>
        <translation>When (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n OCPP message(s), %1 meter sample(s); --json shows them.</source>
        <translation>
            <numerusform>%n OCPP message, meter samples: %1; --json shows them.</numerusform>
            <numerusform>%n OCPP messages, meter samples: %1; --json shows them.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>List sessions: the newest, the open ones, or the old open ones.</source>
        <translation>List sessions: the newest, the open ones, or the old open ones.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show one session with its events, meter samples and OCPP messages.</source>
        <translation>Show one session with its events, meter samples and OCPP messages.</translation>
    </message>
</context>
<context>
    <name>cd::cli::SiteCommands</name>
    <message>
        <location filename="../app/cli/sitecommands.cpp" line="+56"/>
        <source>Usage: chargedesk-cli sub-operator add &lt;name&gt; [--settlement-mode MODE]</source>
        <translation>Usage: chargedesk-cli sub-operator add &lt;name&gt; [--settlement-mode MODE]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Added sub-operator %1.</source>
        <translation>Added sub-operator %1.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+54"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+54"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Settlement</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli site add &lt;name&gt; [--sub-operator NAME] [--address TEXT]</source>
        <translation>Usage: chargedesk-cli site add &lt;name&gt; [--sub-operator NAME] [--address TEXT]</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Added site %1.</source>
        <translation>Added site %1.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sub-operator</source>
        <translation>Sub-operator</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli site set-sub-operator &lt;site&gt; [&lt;sub-operator&gt;]</source>
        <translation>Usage: chargedesk-cli site set-sub-operator &lt;site&gt; [&lt;sub-operator&gt;]</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Site %1 now belongs to sub-operator %2.</source>
        <translation>Site %1 now belongs to sub-operator %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site %1 now belongs to no sub-operator.</source>
        <translation>Site %1 now belongs to no sub-operator.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;site&gt;]</source>
        <translation>Usage: chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;site&gt;]</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station %1 now stands at site %2.</source>
        <translation>Station %1 now stands at site %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station %1 now belongs to no site.</source>
        <translation>Station %1 now belongs to no site.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-location &lt;chargePointId&gt; [--lat LATITUDE --lon LONGITUDE]</source>
        <translation>Usage: chargedesk-cli station set-location &lt;chargePointId&gt; [--lat LATITUDE --lon LONGITUDE]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Station %1 now stands at %2, %3.</source>
        <translation>Station %1 now stands at %2, %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station %1 has no location now (it is not on the map).</source>
        <translation>Station %1 has no location now (it is not on the map).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a sub-operator (a partner that runs sites; audited).</source>
        <translation>Add a sub-operator (a partner that runs sites; audited).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sub-operators.</source>
        <translation>List the sub-operators.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a site (a place with stations and its own meter; audited).</source>
        <translation>Add a site (a place with stations and its own meter; audited).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sites with their sub-operator and stations.</source>
        <translation>List the sites with their sub-operator and stations.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a site under a sub-operator, or under none (audited).</source>
        <translation>Put a site under a sub-operator, or under none (audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a station on a site, or on none (audited).</source>
        <translation>Put a station on a site, or on none (audited).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place a station on the map, or take it off without --lat/--lon (audited).</source>
        <translation>Place a station on the map, or take it off without --lat/--lon (audited).</translation>
    </message>
</context>
<context>
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+81"/>
        <source>hidden</source>
        <translation>hidden</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Vendor</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+22"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+26"/>
        <source>Registration</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli station show &lt;chargePointId&gt;</source>
        <translation>Usage: chargedesk-cli station show &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+65"/>
        <source>No station with the id %1.</source>
        <translation>No station with the id %1.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Serial number</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden from map</source>
        <translation>Hidden from map</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last boot (UTC)</source>
        <translation>Last boot (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heartbeat (UTC)</source>
        <translation>Last heartbeat (UTC)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</source>
        <translation>Usage: chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out</source>
        <translation>out</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When (UTC)</source>
        <translation>When (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message id</source>
        <translation>Message id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No messages from or to %1 in this period.</source>
        <translation>No messages from or to %1 in this period.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station device-model &lt;chargePointId&gt;</source>
        <translation>Usage: chargedesk-cli station device-model &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EVSE</source>
        <translation>EVSE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attribute</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</source>
        <translation>Usage: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</source>
        <translation>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Added station %1.</source>
        <translation>Added station %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List stations, hidden ones included.</source>
        <translation>List stations, hidden ones included.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show one station.</source>
        <translation>Show one station.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s OCPP message log, oldest first (raw frames with --json).</source>
        <translation>The station&apos;s OCPP message log, oldest first (raw frames with --json).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The device model an OCPP 2.0.1 station reported (NotifyReport).</source>
        <translation>The device model an OCPP 2.0.1 station reported (NotifyReport).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register a station (audited).</source>
        <translation>Register a station (audited).</translation>
    </message>
</context>
<context>
    <name>cd::cli::TagCommands</name>
    <message>
        <location filename="../app/cli/tagcommands.cpp" line="+23"/>
        <source>Usage: chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</source>
        <translation>Usage: chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--max-sessions must be a positive number.</source>
        <translation>--max-sessions must be a positive number.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Added id tag %1.</source>
        <translation>Added id tag %1.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Id tag</source>
        <translation>Id tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expires (UTC)</source>
        <translation>Expires (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sessions at once</source>
        <translation>Sessions at once</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Register an id tag (card, app token or department card; audited).</source>
        <translation>Register an id tag (card, app token or department card; audited).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List id tags.</source>
        <translation>List id tags.</translation>
    </message>
</context>
<context>
    <name>cd::cli::TariffCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/tariffcommands.cpp" line="-202"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n period</numerusform>
            <numerusform>%n periods</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from (UTC)</source>
        <translation>Valid from (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid to (UTC)</source>
        <translation>Valid to (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service fee</source>
        <translation>Service fee</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli tariff show &lt;id&gt; [--json]</source>
        <translation>Usage: chargedesk-cli tariff show &lt;id&gt; [--json]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no tariff %1.</source>
        <translation>There is no tariff %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tariff %1 &quot;%2&quot;, version %3</source>
        <translation>Tariff %1 &quot;%2&quot;, version %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to: %1</source>
        <translation>Applies to: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>Valid: %1 to %2 (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency: %1; time zone: %2</source>
        <translation>Currency: %1; time zone: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 (outside the periods)</source>
        <translation>Energy: %1 (outside the periods)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service fee: %1</source>
        <translation>Service fee: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Idle fee: %1/min after %n free minute(s) after charging ends</source>
        <translation>
            <numerusform>Idle fee: %1/min after %n free minute after charging ends</numerusform>
            <numerusform>Idle fee: %1/min after %n free minutes after charging ends</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by %1 at %2</source>
        <translation>Created by %1 at %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (id %2, from %3)</source>
        <translation>%1 (id %2, from %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Versions: %1</source>
        <translation>Versions: %1</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>&quot;%1&quot; is neither a session number nor an id.</source>
        <translation>&quot;%1&quot; is neither a session number nor an id.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: chargedesk-cli bill show &lt;session number | bill id&gt; [--json]</source>
        <translation>Usage: chargedesk-cli bill show &lt;session number | bill id&gt; [--json]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No bill found for &quot;%1&quot;.</source>
        <translation>No bill found for &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Bill %1, version %2 of session %3: %4 (%5)</source>
        <translation>Bill %1, version %2 of session %3: %4 (%5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Correction: %1 by %2: %3</source>
        <translation>Correction: %1 by %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This bill was stored without its inputs: it cannot be explained line by line.</source>
        <translation>This bill was stored without its inputs: it cannot be explained line by line.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>v%1 (bill %2): %3</source>
        <translation>v%1 (bill %2): %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli bill issue &lt;session number | session id&gt;</source>
        <translation>Usage: chargedesk-cli bill issue &lt;session number | session id&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is no session &quot;%1&quot;.</source>
        <translation>There is no session &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bill %1 issued for session %2.</source>
        <translation>Bill %1 issued for session %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 already has bill %2.</source>
        <translation>Session %1 already has bill %2.</translation>
    </message>
</context>
<context>
    <name>cd::cli::TxActionCommands</name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="-140"/>
        <source>set-energy needs --energy-wh with a whole number of Wh.</source>
        <translation>set-energy needs --energy-wh with a whole number of Wh.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set-status needs --status, e.g. --status finished.</source>
        <translation>set-status needs --status, e.g. --status finished.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--mode must be soft or override.</source>
        <translation>--mode must be soft or override.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Usage: chargedesk-cli tx %1 &lt;session id or number&gt; --reason TEXT [--dry-run]</source>
        <translation>Usage: chargedesk-cli tx %1 &lt;session id or number&gt; --reason TEXT [--dry-run]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No session %1.</source>
        <translation>No session %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--reason is required: it is kept in the audit log.</source>
        <translation>--reason is required: it is kept in the audit log.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Command %1 queued; `chargedesk-cli command list %2` shows the station&apos;s answer.</source>
        <translation>Command %1 queued; `chargedesk-cli command list %2` shows the station&apos;s answer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done (audit record %1).</source>
        <translation>Done (audit record %1).</translation>
    </message>
</context>
<context>
    <name>cd::commands::CommandQueue</name>
    <message>
        <location filename="../core/commands/commandqueue.cpp" line="+35"/>
        <source>&quot;%1&quot; is not a valid charge point id.</source>
        <translation>&quot;%1&quot; is not a valid charge point id.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command needs an OCPP action name.</source>
        <translation>A command needs an OCPP action name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command&apos;s payload must be a JSON object.</source>
        <translation>A command&apos;s payload must be a JSON object.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>No station with the id %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a command a %2 station takes. It takes: %3.</source>
        <translation>%1 is not a command a %2 station takes. It takes: %3.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The station is offline; the command was not sent.</source>
        <translation>The station is offline; the command was not sent.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No command with the id %1.</source>
        <translation>No command with the id %1.</translation>
    </message>
</context>
<context>
    <name>cd::commands::ConfigurationText</name>
    <message>
        <location filename="../core/commands/stationconfiguration.cpp" line="+11"/>
        <source>The station&apos;s answer is not a GetConfiguration answer.</source>
        <translation>The station&apos;s answer is not a GetConfiguration answer.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The station took the new value.</source>
        <translation>The station took the new value.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station took the new value; it applies after the station restarts.</source>
        <translation>The station took the new value; it applies after the station restarts.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station rejected the new value.</source>
        <translation>The station rejected the new value.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station does not support this key.</source>
        <translation>The station does not support this key.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station answered: %1</source>
        <translation>The station answered: %1</translation>
    </message>
</context>
<context>
    <name>cd::console::Main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+42"/>
        <source>ChargeDesk operator console for EV-charging networks.</source>
        <translation>ChargeDesk operator console for EV-charging networks.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open the database</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invalid command line</source>
        <translation>Invalid command line</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not run the station server in this console for this run (for example when chargedesk-server serves the stations of a shared database).</source>
        <translation>Do not run the station server in this console for this run (for example when chargedesk-server serves the stations of a shared database).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo mode: simulated stations connect to this console&apos;s station server and charge with the demo fleet card. Use it on a database of its own.</source>
        <translation>Demo mode: simulated stations connect to this console&apos;s station server and charge with the demo fleet card. Use it on a database of its own.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of simulated stations in demo mode (default 10).</source>
        <translation>Number of simulated stations in demo mode (default 10).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--demo-stations must be a whole number from 1 to 1000.</source>
        <translation>--demo-stations must be a whole number from 1 to 1000.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot start demo mode</source>
        <translation>Cannot start demo mode</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot log in</source>
        <translation>Cannot log in</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database has operator accounts: log in in a console with a screen, or set CHARGEDESK_LOGIN and CHARGEDESK_PASSWORD.</source>
        <translation>This database has operator accounts: log in in a console with a screen, or set CHARGEDESK_LOGIN and CHARGEDESK_PASSWORD.</translation>
    </message>
</context>
<context>
    <name>cd::i18n::LanguageOption</name>
    <message>
        <location filename="../core/i18n/languageoption.cpp" line="+26"/>
        <source>Interface language for this run: %1.</source>
        <extracomment>--lang option in --help; %1 lists the codes (&quot;en, uk, ru, zh_CN&quot;)</extracomment>
        <translation>Interface language for this run: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown language &quot;%1&quot;. Supported: %2.</source>
        <translation>Unknown language &quot;%1&quot;. Supported: %2.</translation>
    </message>
</context>
<context>
    <name>cd::payments::AutoStop</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+85"/>
        <source>No session with the id %1.</source>
        <translation>No session with the id %1.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Balance left %1, at or below the auto-stop threshold %2 (session %3)</source>
        <translation>Balance left %1, at or below the auto-stop threshold %2 (session %3)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>Session %1 has no numeric transaction id to stop.</translation>
    </message>
</context>
<context>
    <name>cd::payments::HoldService</name>
    <message>
        <location filename="../core/payments/holdservice.cpp" line="+107"/>
        <source>No payment hold %1.</source>
        <translation>No payment hold %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No payment call %1.</source>
        <translation>No payment call %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now. Switch back to it in Settings › Payments to change this hold.</source>
        <translation>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now. Switch back to it in Settings › Payments to change this hold.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hold %1 has no answer from the gateway yet.</source>
        <translation>Hold %1 has no answer from the gateway yet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Another call about hold %1 is still waiting for the gateway (call %2). Wait for its answer or send it again first.</source>
        <translation>Another call about hold %1 is still waiting for the gateway (call %2). Wait for its answer or send it again first.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>A hold needs an amount above zero.</source>
        <translation>A hold needs an amount above zero.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>&quot;%1&quot; is not a currency code.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No session with the id %1.</source>
        <translation>No session with the id %1.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>Hold %1 is %2: only a held amount can be captured.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>A capture needs an amount above zero; release the hold to capture nothing.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Cannot capture %1: only %2 is held.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 is %2 and can no longer be released.</source>
        <translation>Hold %1 is %2 and can no longer be released.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hold %1 is %2: only captured money can be refunded.</source>
        <translation>Hold %1 is %2: only captured money can be refunded.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A refund needs an amount above zero.</source>
        <translation>A refund needs an amount above zero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>Cannot refund %1: only %2 of the %3 captured is left to refund.</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>A hold report needs the gateway&apos;s reference of the hold.</source>
        <translation>A hold report needs the gateway&apos;s reference of the hold.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hold report needs a status.</source>
        <translation>A hold report needs a status.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The card token is empty.</source>
        <translation>The card token is empty.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The gateway gave no status.</source>
        <translation>The gateway gave no status.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Payment call %1 is finished (%2); there is nothing to send again.</source>
        <translation>Payment call %1 is finished (%2); there is nothing to send again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Payment call %1 was made with the %2 gateway, but the %3 gateway is in use now.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 is on its way already.</source>
        <translation>Payment call %1 is on its way already.</translation>
    </message>
</context>
<context>
    <name>cd::payments::HttpGateway</name>
    <message>
        <location filename="../core/payments/httpgateway.cpp" line="+177"/>
        <source>The payment gateway URL &quot;%1&quot; is not an http(s) address. Set it in Settings › Payments.</source>
        <translation>The payment gateway URL &quot;%1&quot; is not an http(s) address. Set it in Settings › Payments.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The payment gateway URL must start with https:// (plain http:// only to this computer).</source>
        <translation>The payment gateway URL must start with https:// (plain http:// only to this computer).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No secret key for the payment gateway. Enter it in Settings › Payments.</source>
        <translation>No secret key for the payment gateway. Enter it in Settings › Payments.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>A payment call needs an idempotency key of 1 to 255 characters.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a payment reference.</source>
        <translation>&quot;%1&quot; is not a payment reference.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The payment gateway refused the secret key (HTTP 401): %1 Check the key in Settings › Payments.</source>
        <translation>The payment gateway refused the secret key (HTTP 401): %1 Check the key in Settings › Payments.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card was declined (%1): %2</source>
        <translation>The card was declined (%1): %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The payment gateway does not know this payment (HTTP 404): %1</source>
        <translation>The payment gateway does not know this payment (HTTP 404): %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The payment gateway refused the call (HTTP %1, %2): %3</source>
        <translation>The payment gateway refused the call (HTTP %1, %2): %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No answer from the payment gateway at %1 within %2 seconds; the call is kept and can be sent again with the same idempotency key.</source>
        <translation>No answer from the payment gateway at %1 within %2 seconds; the call is kept and can be sent again with the same idempotency key.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot reach the payment gateway at %1: %2</source>
        <translation>Cannot reach the payment gateway at %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The payment gateway answered HTTP %1 with something that is not JSON.</source>
        <translation>The payment gateway answered HTTP %1 with something that is not JSON.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The payment gateway&apos;s answer names no payment.</source>
        <translation>The payment gateway&apos;s answer names no payment.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The payment gateway could not refund: %1</source>
        <translation>The payment gateway could not refund: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no explanation given</source>
        <translation>no explanation given</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The payment gateway is busy or failed (HTTP %1): %2 The call is kept and can be sent again with the same idempotency key.</source>
        <translation>The payment gateway is busy or failed (HTTP %1): %2 The call is kept and can be sent again with the same idempotency key.</translation>
    </message>
</context>
<context>
    <name>cd::payments::KeychainSecretStore</name>
    <message>
        <location filename="../core/payments/secretstore.cpp" line="+35"/>
        <source>The OS keychain is not available: %1</source>
        <translation>The OS keychain is not available: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot keep the key in the OS keychain: %1</source>
        <translation>Cannot keep the key in the OS keychain: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot remove the key from the OS keychain: %1</source>
        <translation>Cannot remove the key from the OS keychain: %1</translation>
    </message>
</context>
<context>
    <name>cd::payments::ManualGateway</name>
    <message>
        <location filename="../core/payments/manualgateway.cpp" line="+96"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>A payment call needs an idempotency key of 1 to 255 characters.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The idempotency key %1 was already used for another kind of call.</source>
        <translation>The idempotency key %1 was already used for another kind of call.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored answer for this key is damaged.</source>
        <translation>The stored answer for this key is damaged.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A hold needs an amount above zero.</source>
        <translation>A hold needs an amount above zero.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>&quot;%1&quot; is not a currency code.</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+93"/>
        <source>No manual payment %1.</source>
        <translation>No manual payment %1.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>The hold %1 is %2: only a held amount can be captured.</source>
        <translation>The hold %1 is %2: only a held amount can be captured.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>A capture needs an amount above zero; release the hold to capture nothing.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Cannot capture %1: only %2 is held.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hold %1 is %2 and can no longer be released.</source>
        <translation>The hold %1 is %2 and can no longer be released.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hold %1 is %2: only captured money can be refunded.</source>
        <translation>The hold %1 is %2: only captured money can be refunded.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A refund needs an amount above zero.</source>
        <translation>A refund needs an amount above zero.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>Cannot refund %1: only %2 of the %3 captured is left to refund.</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSecrets</name>
    <message>
        <location filename="../core/payments/paymentruntime.cpp" line="+65"/>
        <source>The HTTP payment gateway needs its secret key: --payment-key-env NAME or --payment-key-file PATH.</source>
        <translation>The HTTP payment gateway needs its secret key: --payment-key-env NAME or --payment-key-file PATH.</translation>
    </message>
    <message>
        <location filename="../core/payments/paymentsecrets.cpp" line="+20"/>
        <source>no source</source>
        <translation>no source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keychain entry %1</source>
        <translation>keychain entry %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>environment variable %1</source>
        <translation>environment variable %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file %1</source>
        <translation>file %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The secret comes from the keychain, not from the environment or a file.</source>
        <translation>The secret comes from the keychain, not from the environment or a file.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The environment variable %1 is not set.</source>
        <translation>The environment variable %1 is not set.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The secret file %1 does not exist.</source>
        <translation>The secret file %1 does not exist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secret file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>The secret file %1 is readable by other users; restrict it with: chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the secret file %1: %2</source>
        <translation>Cannot read the secret file %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 holds no secret.</source>
        <translation>The %1 holds no secret.</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSettings</name>
    <message>
        <location filename="../core/payments/paymentsettings.cpp" line="+57"/>
        <source>Enter the gateway&apos;s address, e.g. https://api.stripe.com</source>
        <translation>Enter the gateway&apos;s address, e.g. https://api.stripe.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must start with https:// (plain http:// only to this computer).</source>
        <translation>The address must start with https:// (plain http:// only to this computer).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must not contain ? or #.</source>
        <translation>The address must not contain ? or #.</translation>
    </message>
</context>
<context>
    <name>cd::payments::SessionPayments</name>
    <message>
        <location filename="../core/payments/sessionpayments.cpp" line="+214"/>
        <source>ChargeDesk session %1</source>
        <translation>ChargeDesk session %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 started</source>
        <translation>Session %1 started</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Session %1 ended</source>
        <translation>Session %1 ended</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 delivered no energy</source>
        <translation>Session %1 delivered no energy</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Bill %1 has anomalies (%2) and the settlement mode is &quot;hold until corrected&quot;: hold %3 stays authorised and is captured when the bill is corrected.</source>
        <extracomment>%1 bill id, %2 anomaly codes such as &quot;3,8&quot;, %3 hold id</extracomment>
        <translation>Bill %1 has anomalies (%2) and the settlement mode is &quot;hold until corrected&quot;: hold %3 stays authorised and is captured when the bill is corrected.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Payment hold %1: %2</source>
        <translation>Payment hold %1: %2</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Session %1 ended: %2 Wh</source>
        <translation>Session %1 ended: %2 Wh</translation>
    </message>
</context>
<context>
    <name>cd::payments::StopNotHonoured</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>No session with the id %1.</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::BillFold</name>
    <message>
        <location filename="../core/reconciliation/billfold.cpp" line="+40"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>There is no sub-operator named &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>There is no site named &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::CsvTable</name>
    <message>
        <location filename="../core/reconciliation/csvtable.cpp" line="+56"/>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is too big to import (%2 bytes; at most %3).</source>
        <translation>%1 is too big to import (%2 bytes; at most %3).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is too big to import (at most %2 bytes).</source>
        <translation>%1 is too big to import (at most %2 bytes).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file is not UTF-8 text.</source>
        <translation>The file is not UTF-8 text.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Line %1: too long (at most %2 characters).</source>
        <translation>Line %1: too long (at most %2 characters).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: a quote is not closed.</source>
        <translation>Line %1: a quote is not closed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line %1: a field is too long (at most %2 characters).</source>
        <translation>Line %1: a field is too long (at most %2 characters).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Line %1: too many rows (at most %2 in one file).</source>
        <translation>Line %1: too many rows (at most %2 in one file).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: %2 fields, but the header has %3.</source>
        <translation>Line %1: %2 fields, but the header has %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is empty.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line 1: the header has no column &quot;%1&quot;; it needs %2.</source>
        <translation>Line 1: the header has no column &quot;%1&quot;; it needs %2.</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::EnergyReport</name>
    <message>
        <location filename="../core/reconciliation/energyreport.cpp" line="+57"/>
        <location line="+17"/>
        <source>Energy reconciliation</source>
        <translation>Energy reconciliation</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Per site, the energy billed on the platform against the site&apos;s meter readings: the ratio, a flag above 100 % or below the threshold, and the unprocessed anomaly bills.</source>
        <translation>Per site, the energy billed on the platform against the site&apos;s meter readings: the ratio, a flag above 100 % or below the threshold, and the unprocessed anomaly bills.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>flagged below %1 % and above 100 %</source>
        <translation>flagged below %1 % and above 100 %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>From (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>To (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform energy (kWh)</source>
        <translation>Platform energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter energy (kWh)</source>
        <translation>Meter energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratio (‰)</source>
        <translation>Ratio (‰)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag</source>
        <translation>Flag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Above 100 %</source>
        <extracomment>the platform billed more energy than the site&apos;s meter recorded</extracomment>
        <translation>Above 100 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below %1 %</source>
        <translation>Below %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No meter reading</source>
        <translation>No meter reading</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unprocessed anomaly bills</source>
        <translation>Unprocessed anomaly bills</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>Their energy (kWh)</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::GatewayReceiptRepository</name>
    <message>
        <location filename="../core/reconciliation/gatewayreceiptrepository.cpp" line="+32"/>
        <source>Say which gateway the statement is from: --gateway NAME (letters, digits, &quot;_&quot;, &quot;.&quot;, &quot;-&quot;; as the top-ups name it).</source>
        <translation>Say which gateway the statement is from: --gateway NAME (letters, digits, &quot;_&quot;, &quot;.&quot;, &quot;-&quot;; as the top-ups name it).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Line %1: %2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the reference must be 1 to 128 printable characters.</source>
        <translation>the reference must be 1 to 128 printable characters.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code such as UAH.</source>
        <translation>&quot;%1&quot; is not a currency code such as UAH.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a positive amount in %2 (e.g. 12.50).</source>
        <translation>&quot;%1&quot; is not a positive amount in %2 (e.g. 12.50).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>&quot;%1&quot; is not a date or an ISO 8601 time.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>receipt %1 of %2 was imported before with other values (%3); a gateway never changes a receipt, so one of the statements is wrong.</source>
        <translation>receipt %1 of %2 was imported before with other values (%3); a gateway never changes a receipt, so one of the statements is wrong.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %2 added, %3 already there</source>
        <translation>%1: %2 added, %3 already there</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MeterReadingRepository</name>
    <message>
        <location filename="../core/reconciliation/meterreadingrepository.cpp" line="+62"/>
        <source>The reading&apos;s period is empty: it must end after it starts.</source>
        <translation>The reading&apos;s period is empty: it must end after it starts.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reading&apos;s energy must be between 0 and 1,000,000,000 kWh.</source>
        <translation>The reading&apos;s energy must be between 0 and 1,000,000,000 kWh.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The note is too long (at most 500 characters).</source>
        <translation>The note is too long (at most 500 characters).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Site %1 already has a reading for %2 … %3, which overlaps this one; enter readings for periods that do not overlap (the same period replaces).</source>
        <translation>Site %1 already has a reading for %2 … %3, which overlaps this one; enter readings for periods that do not overlap (the same period replaces).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Site %1, %2 … %3</source>
        <translation>Site %1, %2 … %3</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Line %1: %2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>&quot;%1&quot; is not a date or an ISO 8601 time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not an energy in kWh (e.g. 1234.567).</source>
        <translation>&quot;%1&quot; is not an energy in kWh (e.g. 1234.567).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported from %1</source>
        <translation>Imported from %1</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MoneyReport</name>
    <message>
        <location filename="../core/reconciliation/moneyreport.cpp" line="+51"/>
        <location line="+11"/>
        <source>Money reconciliation</source>
        <translation>Money reconciliation</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Per currency: top-ups, the gateways&apos; receipts, consumption, coupons and refunds as separate columns.</source>
        <translation>Per currency: top-ups, the gateways&apos; receipts, consumption, coupons and refunds as separate columns.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From (UTC)</source>
        <translation>From (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>To (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of them at the desk</source>
        <translation>Of them at the desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>Gateway receipts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumption</source>
        <translation>Consumption</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::PartnersReport</name>
    <message>
        <location filename="../core/reconciliation/partnersreport.cpp" line="+21"/>
        <location line="+13"/>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Per sub-operator: sessions, energy and revenue per currency, and the bills that are still anomalous (count, energy and amount).</source>
        <translation>Per sub-operator: sessions, energy and revenue per currency, and the bills that are still anomalous (count, energy and amount).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sub-operator</source>
        <translation>Sub-operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>From (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>To (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bills still anomalous</source>
        <translation>Bills still anomalous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>Their energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their amount</source>
        <translation>Their amount</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::RevenueReport</name>
    <message>
        <location filename="../core/reconciliation/revenuereport.cpp" line="+21"/>
        <location line="+21"/>
        <location line="+10"/>
        <source>Revenue</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Sessions, energy, revenue and coupons per site, station, vendor, firmware or sub-operator.</source>
        <translation>Sessions, energy, revenue and coupons per site, station, vendor, firmware or sub-operator.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The revenue report cannot be grouped by &quot;%1&quot;.</source>
        <translation>The revenue report cannot be grouped by &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From (UTC)</source>
        <translation>From (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>To (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Energy (kWh)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::SuspectsReport</name>
    <message>
        <location filename="../core/reconciliation/suspectsreport.cpp" line="+34"/>
        <location line="+16"/>
        <source>Anomaly bills of a site</source>
        <translation>Anomaly bills of a site</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The unprocessed anomaly bills of one site in the period, largest energy first: the first suspects when the site&apos;s energy does not reconcile.</source>
        <translation>The unprocessed anomaly bills of one site in the period, largest energy first: the first suspects when the site&apos;s energy does not reconcile.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site (--site NAME).</source>
        <translation>Say which site (--site NAME).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>Charging started (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>Open anomaly codes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>Bill version</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::TopUpMatchingReport</name>
    <message>
        <location filename="../core/reconciliation/topupmatchingreport.cpp" line="+48"/>
        <location line="+21"/>
        <source>Top-ups against gateway receipts</source>
        <translation>Top-ups against gateway receipts</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every top-up matched to its gateway receipt: the top-ups without a receipt, the receipts without a top-up and the ones whose amount or currency differs.</source>
        <translation>Every top-up matched to its gateway receipt: the top-ups without a receipt, the receipts without a top-up and the ones whose amount or currency differs.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n top-up(s) matched their receipts</source>
        <translation>
            <numerusform>%n top-up matched its receipt</numerusform>
            <numerusform>%n top-ups matched their receipts</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No receipt for the top-up</source>
        <translation>No receipt for the top-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amounts differ</source>
        <translation>Amounts differ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currencies differ</source>
        <translation>Currencies differ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt without a top-up</source>
        <translation>Receipt without a top-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up time (UTC)</source>
        <translation>Top-up time (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up amount</source>
        <translation>Top-up amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up currency</source>
        <translation>Top-up currency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt time (UTC)</source>
        <translation>Receipt time (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt amount</source>
        <translation>Receipt amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt currency</source>
        <translation>Receipt currency</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundService</name>
    <message>
        <location filename="../core/refunds/refundservice.cpp" line="+96"/>
        <source>Say whose refund it is: a member&apos;s id.</source>
        <translation>Say whose refund it is: a member&apos;s id.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A refund must be more than zero.</source>
        <translation>A refund must be more than zero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a refund.</source>
        <translation>The amount is too large for a refund.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>The currency must be a three-letter ISO 4217 code, e.g. UAH.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say why the member wants the money back.</source>
        <translation>Say why the member wants the money back.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason is too long (%1 characters at most).</source>
        <translation>The reason is too long (%1 characters at most).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no refund application %1.</source>
        <translation>There is no refund application %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refund application %1 is already approved (%2); it cannot be decided again.</source>
        <translation>Refund application %1 is already approved (%2); it cannot be decided again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund application %1 was rejected and its money went back to the member; it cannot be decided again. The member may apply anew.</source>
        <translation>Refund application %1 was rejected and its money went back to the member; it cannot be decided again. The member may apply anew.</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+73"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say who makes the change.</source>
        <translation>Say who makes the change.</translation>
    </message>
    <message>
        <location line="-231"/>
        <location line="+561"/>
        <source>There is no member %1.</source>
        <translation>There is no member %1.</translation>
    </message>
    <message>
        <location line="-558"/>
        <source>Member %1 can get back at most %2 (the refundable balance); %3 was asked for.</source>
        <translation>Member %1 can get back at most %2 (the refundable balance); %3 was asked for.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Member %1 topped up in %2, not in %3: apply for the refund in %2.</source>
        <translation>Member %1 topped up in %2, not in %3: apply for the refund in %2.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Member %1&apos;s refundable balance changed meanwhile; look at it again.</source>
        <translation>Member %1&apos;s refundable balance changed meanwhile; look at it again.</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say why: the reason is kept in the refund&apos;s audit history.</source>
        <translation>Say why: the reason is kept in the refund&apos;s audit history.</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>The commission cannot be negative.</source>
        <translation>The commission cannot be negative.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The commission (%1) must be less than the amount applied for (%2); to pay nothing back, reject the application.</source>
        <translation>The commission (%1) must be less than the amount applied for (%2); to pay nothing back, reject the application.</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+99"/>
        <location line="+368"/>
        <location line="+72"/>
        <source>Refund application %1 changed meanwhile; look at it again.</source>
        <translation>Refund application %1 changed meanwhile; look at it again.</translation>
    </message>
    <message>
        <location line="-532"/>
        <location line="+97"/>
        <source>Member %1&apos;s pending refund is less than the application&apos;s amount.</source>
        <translation>Member %1&apos;s pending refund is less than the application&apos;s amount.</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1 could not be refunded through any top-up and went back to the refundable balance.</source>
        <translation>%1 could not be refunded through any top-up and went back to the refundable balance.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>The receipt number is too long (200 characters at most).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no refund record %1.</source>
        <translation>There is no refund record %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund record %1 goes through the payment gateway %2; its answer settles it, not the desk.</source>
        <translation>Refund record %1 goes through the payment gateway %2; its answer settles it, not the desk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund record %1 is already settled (%2).</source>
        <translation>Refund record %1 is already settled (%2).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Refund record %1 needs the payment gateway %2, which this console does not use now.</source>
        <translation>Refund record %1 needs the payment gateway %2, which this console does not use now.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Record %1: no answer from the gateway (%2); it stays in progress and can be sent again.</source>
        <translation>Record %1: no answer from the gateway (%2); it stays in progress and can be sent again.</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>Record %1: the gateway accepted refund %2 and is still processing it.</source>
        <translation>Record %1: the gateway accepted refund %2 and is still processing it.</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+113"/>
        <source>Record %1: refunded %2 (gateway refund %3).</source>
        <translation>Record %1: refunded %2 (gateway refund %3).</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Record %1: the gateway refused: %2</source>
        <translation>Record %1: the gateway refused: %2</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+140"/>
        <source>Refund record %1 changed meanwhile; look at it again.</source>
        <translation>Refund record %1 changed meanwhile; look at it again.</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Member %1&apos;s pending refund is less than the record&apos;s amount.</source>
        <translation>Member %1&apos;s pending refund is less than the record&apos;s amount.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Record %1: the gateway canceled refund %2; the money went back to the member.</source>
        <translation>Record %1: the gateway canceled refund %2; the money went back to the member.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record %1: the gateway could not refund (%2); the money went back to the member.</source>
        <translation>Record %1: the gateway could not refund (%2); the money went back to the member.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Record %1: the gateway reversed refund %2; %3 went back to the member&apos;s balance. Coupons revoked with the refund stay revoked.</source>
        <translation>Record %1: the gateway reversed refund %2; %3 went back to the member&apos;s balance. Coupons revoked with the refund stay revoked.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The top-up that earned it was refunded (refund application %1).</source>
        <translation>The top-up that earned it was refunded (refund application %1).</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Refunded %1 of %2.</source>
        <translation>Refunded %1 of %2.</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundText</name>
    <message>
        <location filename="../core/refunds/refundtypes.cpp" line="+94"/>
        <source>Pending audit</source>
        <translation>Pending audit</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+44"/>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+44"/>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+31"/>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Platform audit</source>
        <translation>Platform audit</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Partially refunded</source>
        <translation>Partially refunded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund failed</source>
        <translation>Refund failed</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Returned to the member</source>
        <translation>Returned to the member</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded by the gateway</source>
        <translation>Refunded by the gateway</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused by the gateway</source>
        <translation>Refused by the gateway</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer from the gateway</source>
        <translation>No answer from the gateway</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Being processed by the gateway</source>
        <translation>Being processed by the gateway</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked by the gateway</source>
        <translation>Revoked by the gateway</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid in cash at the desk</source>
        <translation>Paid in cash at the desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not paid at the desk</source>
        <translation>Not paid at the desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon revoked</source>
        <translation>Coupon revoked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon already used</source>
        <translation>Coupon already used</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
</context>
<context>
    <name>cd::reports::AnomalyStatisticsReport</name>
    <message>
        <location filename="../core/reports/anomalystatisticsreport.cpp" line="+23"/>
        <location line="+21"/>
        <source>Anomaly statistics</source>
        <translation>Anomaly statistics</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Per anomaly code, the bills of the sessions started in the period that carry it, how many are still open or resolved, and the amount involved; optionally per group.</source>
        <translation>Per anomaly code, the bills of the sessions started in the period that carry it, how many are still open or resolved, and the amount involved; optionally per group.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Anomaly</source>
        <translation>Anomaly</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bills with the code</source>
        <translation>Bills with the code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still open</source>
        <translation>Still open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount involved</source>
        <translation>Amount involved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
</context>
<context>
    <name>cd::reports::BillsReport</name>
    <message>
        <location filename="../core/reports/billsreport.cpp" line="+193"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>There is no sub-operator named &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+21"/>
        <source>Bills</source>
        <translation>Bills</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every session&apos;s current bill in the period: energy, total, settlement and the anomaly codes still open. Filtered by sub-operator it is the partner export.</source>
        <translation>Every session&apos;s current bill in the period: energy, total, settlement and the anomaly codes still open. Filtered by sub-operator it is the partner export.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Charging started %1</source>
        <translation>Charging started %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>sub-operator %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator</source>
        <translation>Sub-operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>Charging started (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>Open anomaly codes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>Bill version</translation>
    </message>
</context>
<context>
    <name>cd::reports::CsvReportWriter</name>
    <message>
        <location filename="../core/reports/csvreportwriter.cpp" line="+25"/>
        <source>Could not create %1: %2</source>
        <translation>Could not create %1: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+10"/>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::DowntimeReport</name>
    <message>
        <location filename="../core/reports/downtimereport.cpp" line="+97"/>
        <location line="+18"/>
        <source>Downtime</source>
        <translation>Downtime</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>How long stations were offline, faulted or unavailable in the period, in how many outages, the longest one, and the share of the time they were available.</source>
        <translation>How long stations were offline, faulted or unavailable in the period, in how many outages, the longest one, and the share of the time they were available.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline (min)</source>
        <translation>Offline (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted (min)</source>
        <translation>Faulted (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unavailable (min)</source>
        <translation>Unavailable (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down in all (min)</source>
        <translation>Down in all (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outages</source>
        <translation>Outages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest outage (min)</source>
        <translation>Longest outage (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available (‰)</source>
        <translation>Available (‰)</translation>
    </message>
</context>
<context>
    <name>cd::reports::ExportJob</name>
    <message>
        <location filename="../core/reports/exportjob.cpp" line="+46"/>
        <source>The export was cancelled.</source>
        <translation>The export was cancelled.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say where to write the export.</source>
        <translation>Say where to write the export.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Could not put %1 in place: %2</source>
        <translation>Could not put %1 in place: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::FailedStartsReport</name>
    <message>
        <location filename="../core/reports/failedstartsreport.cpp" line="+39"/>
        <location line="+19"/>
        <location line="+12"/>
        <source>Failed starts</source>
        <translation>Failed starts</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Starts that went wrong: remote starts the station rejected or never answered, authorisations rejected and sessions that delivered no energy, with their share of all start attempts.</source>
        <translation>Starts that went wrong: remote starts the station rejected or never answered, authorisations rejected and sessions that delivered no energy, with their share of all start attempts.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Start attempts</source>
        <translation>Start attempts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>Sessions started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts</source>
        <translation>Remote starts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts rejected</source>
        <translation>Remote starts rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts unanswered</source>
        <translation>Remote starts unanswered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorisation rejected</source>
        <translation>Authorisation rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions with no energy</source>
        <translation>Sessions with no energy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed (‰ of attempts)</source>
        <translation>Failed (‰ of attempts)</translation>
    </message>
</context>
<context>
    <name>cd::reports::JsonReportWriter</name>
    <message>
        <location filename="../core/reports/jsonreportwriter.cpp" line="+73"/>
        <source>Could not create %1: %2</source>
        <translation>Could not create %1: %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+11"/>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::PdfReportWriter</name>
    <message>
        <location filename="../core/reports/pdf/pdfreportwriter.cpp" line="+63"/>
        <source>Could not create %1.</source>
        <translation>Could not create %1.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Exported %1 (UTC)</source>
        <translation>Exported %1 (UTC)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 — page %2</source>
        <translation>%1 — page %2</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Rows: %1</source>
        <translation>Rows: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not write %1.</source>
        <translation>Could not write %1.</translation>
    </message>
</context>
<context>
    <name>cd::reports::PeakHoursReport</name>
    <message>
        <location filename="../core/reports/peakhoursreport.cpp" line="+51"/>
        <location line="+15"/>
        <source>Peak hours (UTC)</source>
        <translation>Peak hours (UTC)</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>The hours of the day (UTC) by sessions started, energy and the average number of sessions charging at once.</source>
        <translation>The hours of the day (UTC) by sessions started, energy and the average number of sessions charging at once.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hour (UTC)</source>
        <translation>Hour (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>Sessions started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>Charging time (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average sessions charging at once</source>
        <translation>Average sessions charging at once</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportCatalog</name>
    <message>
        <location filename="../core/reports/reportcatalog.cpp" line="+88"/>
        <location filename="../app/cli/reportcommands.cpp" line="-198"/>
        <source>There is no report named &quot;%1&quot;.</source>
        <translation>There is no report named &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeQuery</name>
    <message>
        <location filename="../core/reports/reportchanges.cpp" line="+55"/>
        <source>There is no report export %1.</source>
        <translation>There is no report export %1.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeText</name>
    <message>
        <location line="-19"/>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed</source>
        <translation>changed</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportExportRepository</name>
    <message>
        <location filename="../core/reports/reportexportrepository.cpp" line="+129"/>
        <source>The snapshot of export %1 is damaged.</source>
        <translation>The snapshot of export %1 is damaged.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportFormatText</name>
    <message>
        <location filename="../core/reports/reportwriter.cpp" line="+42"/>
        <source>&quot;%1&quot; is not a report format: use csv, xlsx, pdf or json.</source>
        <translation>&quot;%1&quot; is not a report format: use csv, xlsx, pdf or json.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportParameterText</name>
    <message>
        <location filename="../core/reports/reportparameters.cpp" line="+23"/>
        <source>The report&apos;s parameters are not readable: %1</source>
        <translation>The report&apos;s parameters are not readable: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>Sub-operator</source>
        <translation>Sub-operator</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+16"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Group by</source>
        <translation>Group by</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split by</source>
        <translation>Split by</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag below (%)</source>
        <translation>Flag below (%)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No grouping</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Whole period</source>
        <translation>Whole period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (UTC)</source>
        <translation>%1 (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 … %2 (UTC)</source>
        <translation>%1 … %2 (UTC)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period: %1</source>
        <extracomment>a report&apos;s header: %1 the period, e.g. &quot;2026-11-01 … 2026-11-30 (UTC)&quot;</extracomment>
        <translation>Period: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>sub-operator %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>site %1</source>
        <translation>site %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per %1</source>
        <translation>per %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The period is empty: it must end after it starts.</source>
        <translation>The period is empty: it must end after it starts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 report cannot be grouped by &quot;%2&quot;; it groups by %3.</source>
        <translation>The %1 report cannot be grouped by &quot;%2&quot;; it groups by %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split a report by day, week or month, not &quot;%1&quot;.</source>
        <translation>Split a report by day, week or month, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The threshold is a percentage from 0 to 1000.</source>
        <translation>The threshold is a percentage from 0 to 1000.</translation>
    </message>
</context>
<context>
    <name>cd::reports::UtilisationReport</name>
    <message>
        <location filename="../core/reports/utilisationreport.cpp" line="+31"/>
        <location line="+19"/>
        <source>Utilisation</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>How busy the connectors were: sessions started, charging time, the share of the time the connectors were charging, and energy, per group and period.</source>
        <translation>How busy the connectors were: sessions started, charging time, the share of the time the connectors were charging, and energy, per group and period.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Period start (UTC)</source>
        <translation>Period start (UTC)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connectors</source>
        <translation>Connectors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>Charging time (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occupied (‰)</source>
        <translation>Occupied (‰)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Energy (kWh)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy per session (kWh)</source>
        <translation>Energy per session (kWh)</translation>
    </message>
</context>
<context>
    <name>cd::reports::XlsxReportWriter</name>
    <message>
        <location filename="../core/reports/xlsxreportwriter.cpp" line="+48"/>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not create %1.</source>
        <translation>Could not create %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not add sheet %1 to %2.</source>
        <translation>Could not add sheet %1 to %2.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Totals</source>
        <translation>Totals</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
</context>
<context>
    <name>cd::runtime::RuntimeCommandLine</name>
    <message>
        <location filename="../core/runtime/runtimeoptions.cpp" line="+43"/>
        <source>--%1 must be a whole number of seconds from %2 to %3.</source>
        <translation>--%1 must be a whole number of seconds from %2 to %3.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let stations that are not registered connect and register them (for a lab; never on a public network).</source>
        <translation>Let stations that are not registered connect and register them (for a lab; never on a public network).</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>--security-profile must be 0, 1, 2 or 3.</source>
        <translation>--security-profile must be 0, 1, 2 or 3.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Give --%1 or --%2, not both.</source>
        <translation>Give --%1 or --%2, not both.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>--tls-cert, --tls-key and --tls-ca need --security-profile 2 or 3.</source>
        <translation>--tls-cert, --tls-key and --tls-ca need --security-profile 2 or 3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--security-profile %1 needs the server&apos;s certificate and private key: --tls-cert FILE --tls-key FILE.</source>
        <translation>--security-profile %1 needs the server&apos;s certificate and private key: --tls-cert FILE --tls-key FILE.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--security-profile 3 needs --tls-ca FILE: the CA certificates that sign the stations&apos; certificates.</source>
        <translation>--security-profile 3 needs --tls-ca FILE: the CA certificates that sign the stations&apos; certificates.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Address and port stations connect to, e.g. 0.0.0.0:9000 (default 127.0.0.1:9000). Stations use ws://HOST:PORT/ocpp/&lt;chargePointId&gt;, or wss:// with security profiles 2 and 3.</source>
        <translation>Address and port stations connect to, e.g. 0.0.0.0:9000 (default 127.0.0.1:9000). Stations use ws://HOST:PORT/ocpp/&lt;chargePointId&gt;, or wss:// with security profiles 2 and 3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OCPP security profile: 0 = no credentials (lab), 1 = HTTP Basic auth with each station&apos;s password (default), 2 = TLS (wss://) and Basic auth, 3 = TLS with a client certificate per station.</source>
        <translation>OCPP security profile: 0 = no credentials (lab), 1 = HTTP Basic auth with each station&apos;s password (default), 2 = TLS (wss://) and Basic auth, 3 = TLS with a client certificate per station.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>0|1|2|3</source>
        <translation>0|1|2|3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles 2 and 3: the server&apos;s certificate (PEM; intermediate CA certificates may follow it in the same file).</source>
        <translation>Profiles 2 and 3: the server&apos;s certificate (PEM; intermediate CA certificates may follow it in the same file).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+11"/>
        <location line="+6"/>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Profiles 2 and 3: the private key of that certificate (PEM, unencrypted).</source>
        <translation>Profiles 2 and 3: the private key of that certificate (PEM, unencrypted).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile 3: the CA certificates (PEM) that sign the stations&apos; certificates; each certificate&apos;s common name (CN) must be its station&apos;s id.</source>
        <translation>Profile 3: the CA certificates (PEM) that sign the stations&apos; certificates; each certificate&apos;s common name (CN) must be its station&apos;s id.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seconds between WebSocket pings; a station that stops answering is shown offline within this plus 20 seconds (default 30, at most 40, 0 = off).</source>
        <translation>Seconds between WebSocket pings; a station that stops answering is shown offline within this plus 20 seconds (default 30, at most 40, 0 = off).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Heartbeat interval given to stations at boot (default 300).</source>
        <translation>Heartbeat interval given to stations at boot (default 300).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name of this server process in the command table (default host:port).</source>
        <translation>Name of this server process in the command table (default host:port).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+5"/>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>HTTP payment gateway: read its secret key from this environment variable.</source>
        <translation>HTTP payment gateway: read its secret key from this environment variable.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP payment gateway: read its secret key from this file (mode 0600).</source>
        <translation>HTTP payment gateway: read its secret key from this file (mode 0600).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this environment variable.</source>
        <translation>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this environment variable.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this file (mode 0600).</source>
        <translation>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this file (mode 0600).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>--listen must look like 127.0.0.1:9000, got &quot;%1&quot;.</source>
        <translation>--listen must look like 127.0.0.1:9000, got &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--listen needs an IP address, got &quot;%1&quot;.</source>
        <translation>--listen needs an IP address, got &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>cd::runtime::StationServerTexts</name>
    <message>
        <location filename="../core/runtime/stationservercontrol.cpp" line="+10"/>
        <source>&quot;%1&quot; is not an address and port such as 127.0.0.1:9000 or 0.0.0.0:9000.</source>
        <extracomment>%1 is what the operator typed as the station server&apos;s address</extracomment>
        <translation>&quot;%1&quot; is not an address and port such as 127.0.0.1:9000 or 0.0.0.0:9000.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profiles 2 and 3 need the server&apos;s certificate and its private key (PEM files).</source>
        <translation>Security profiles 2 and 3 need the server&apos;s certificate and its private key (PEM files).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profile 3 needs the CA certificate that signed the stations&apos; certificates.</source>
        <translation>Security profile 3 needs the CA certificate that signed the stations&apos; certificates.</translation>
    </message>
</context>
<context>
    <name>cd::server::CentralSystem</name>
    <message>
        <location filename="../core/server/centralsystem.cpp" line="+72"/>
        <source>The OCPP server is already listening on port %1.</source>
        <translation>The OCPP server is already listening on port %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot listen for OCPP connections on %1 port %2: %3</source>
        <translation>Cannot listen for OCPP connections on %1 port %2: %3</translation>
    </message>
</context>
<context>
    <name>cd::server::ConnectionTexts</name>
    <message>
        <location filename="../core/server/connectionstats.cpp" line="+56"/>
        <source>Not a valid WebSocket upgrade request</source>
        <translation>Not a valid WebSocket upgrade request</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request headers too large</source>
        <translation>Request headers too large</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handshake not completed in time</source>
        <translation>Handshake not completed in time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalid connection path or station id</source>
        <translation>Invalid connection path or station id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown charging station</source>
        <translation>Unknown charging station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing or wrong credentials</source>
        <translation>Missing or wrong credentials</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No OCPP version offered</source>
        <translation>No OCPP version offered</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCPP version not supported</source>
        <translation>OCPP version not supported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many connection attempts at once</source>
        <translation>Too many connection attempts at once</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection closed during the handshake</source>
        <translation>Connection closed during the handshake</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server shutting down</source>
        <translation>Server shutting down</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unencrypted connection to the TLS port (wss:// required)</source>
        <translation>Unencrypted connection to the TLS port (wss:// required)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS handshake failed</source>
        <translation>TLS handshake failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client certificate does not name the station</source>
        <translation>Client certificate does not name the station</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replaced by a new connection from the same station</source>
        <translation>Replaced by a new connection from the same station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer to WebSocket ping</source>
        <translation>No answer to WebSocket ping</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the station</source>
        <translation>Closed by the station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection lost</source>
        <translation>Connection lost</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message too large</source>
        <translation>Message too large</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WebSocket protocol error</source>
        <translation>WebSocket protocol error</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server stopped</source>
        <translation>Server stopped</translation>
    </message>
</context>
<context>
    <name>cd::server::ServerOptionsCheck</name>
    <message>
        <location filename="../core/server/serveroptions.cpp" line="+17"/>
        <source>No OCPP protocol version is enabled for the server.</source>
        <translation>No OCPP protocol version is enabled for the server.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The OCPP path prefix &quot;%1&quot; must start with &quot;/&quot; and must not end with &quot;/&quot;.</source>
        <translation>The OCPP path prefix &quot;%1&quot; must start with &quot;/&quot; and must not end with &quot;/&quot;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The WebSocket ping interval must not be negative and the pong timeout must be positive.</source>
        <translation>The WebSocket ping interval must not be negative and the pong timeout must be positive.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum WebSocket message and frame size must be at least 1 KiB.</source>
        <translation>The maximum WebSocket message and frame size must be at least 1 KiB.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum handshake size must be between 512 bytes and 64 KiB.</source>
        <translation>The maximum handshake size must be between 512 bytes and 64 KiB.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The handshake timeout and the close grace period must be positive.</source>
        <translation>The handshake timeout and the close grace period must be positive.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least one handshake must be allowed at a time.</source>
        <translation>At least one handshake must be allowed at a time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown security profile %1.</source>
        <translation>Unknown security profile %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile %1 uses TLS: the server&apos;s certificate and private key files must be set.</source>
        <translation>Security profile %1 uses TLS: the server&apos;s certificate and private key files must be set.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security profile 3 needs the CA certificates that sign the stations&apos; certificates.</source>
        <translation>Security profile 3 needs the CA certificates that sign the stations&apos; certificates.</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActionText</name>
    <message>
        <location filename="../core/sessions/sessionaction.cpp" line="+77"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel hold</source>
        <translation>Cancel hold</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finalize</source>
        <translation>Finalize</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set energy</source>
        <translation>Set energy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 — session %2, station %3</source>
        <translation>%1 — session %2, station %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Command to the station: %1</source>
        <translation>Command to the station: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Money does not move.</source>
        <translation>Money does not move.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Status: %1 (unchanged)</source>
        <translation>Status: %1 (unchanged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status: %1 → %2</source>
        <translation>Status: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy: %1 Wh (unchanged)</source>
        <translation>Energy: %1 Wh (unchanged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 Wh → %2 Wh</source>
        <translation>Energy: %1 Wh → %2 Wh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No tariff: the amount stays %1.</source>
        <translation>No tariff: the amount stays %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 (unchanged)</source>
        <translation>Amount: %1 (unchanged)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 → %2</source>
        <translation>Amount: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture %1 of the %2 held.</source>
        <translation>Capture %1 of the %2 held.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Release %1 back to the customer&apos;s card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>Refund %1 of the captured money.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>%1 of the amount is above the hold and is not collected.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1: %2 → %3</source>
        <translation>Hold %1: %2 → %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot run: %1</source>
        <translation>Cannot run: %1</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActions</name>
    <message>
        <location filename="../core/sessions/commandplans.cpp" line="+37"/>
        <source>Session %1 is %2: only a session waiting for its start can be started.</source>
        <translation>Session %1 is %2: only a session waiting for its start can be started.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 has no id tag to start with.</source>
        <translation>Session %1 has no id tag to start with.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 cannot be started remotely: its id does not fit a remote start id.</source>
        <translation>Session %1 cannot be started remotely: its id does not fit a remote start id.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Session %1 is %2 and has no transaction on the station: there is nothing to stop.</source>
        <translation>Session %1 is %2 and has no transaction on the station: there is nothing to stop.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 is %2: it is not running on the station.</source>
        <translation>Session %1 is %2: it is not running on the station.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>Session %1 has no numeric transaction id to stop.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The session ends when the station reports the stop.</source>
        <translation>The session ends when the station reports the stop.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A reset restarts the whole station and ends the transactions running on it.</source>
        <translation>A reset restarts the whole station and ends the transactions running on it.</translation>
    </message>
    <message>
        <location filename="../core/sessions/moneyplans.cpp" line="+34"/>
        <source>Session %1 is %2 already; there is nothing to finish.</source>
        <translation>Session %1 is %2 already; there is nothing to finish.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session was closed before (%1): its energy stays as it was recorded.</source>
        <translation>The session was closed before (%1): its energy stays as it was recorded.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No energy was delivered: the session is canceled and nothing is charged.</source>
        <translation>No energy was delivered: the session is canceled and nothing is charged.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No open payment hold: %1 is to be collected another way.</source>
        <translation>No open payment hold: %1 is to be collected another way.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Wait for the hold, or cancel it.</source>
        <translation>Hold %1 is %2: the bank has not reserved the money yet. Wait for the hold, or cancel it.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 was captured already: the captured money is refunded.</source>
        <translation>Hold %1 was captured already: the captured money is refunded.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 has no payment hold to cancel.</source>
        <translation>Session %1 has no payment hold to cancel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station may still be charging: send Stop as well.</source>
        <translation>The station may still be charging: send Stop as well.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>Hold %1 is %2: only a held amount can be captured.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has no payment hold to finalize.</source>
        <translation>Session %1 has no payment hold to finalize.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1 reports no total amount; give the amount to capture.</source>
        <translation>Session %1 reports no total amount; give the amount to capture.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; use Cancel hold to capture nothing.</source>
        <translation>A capture needs an amount above zero; use Cancel hold to capture nothing.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Cannot capture %1: only %2 is held.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session is still open: the station may keep charging after the money is taken.</source>
        <translation>The session is still open: the station may keep charging after the money is taken.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Give the new energy counter in Wh.</source>
        <translation>Give the new energy counter in Wh.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>The energy must be between 0 and %1 Wh.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has %2 Wh already.</source>
        <translation>Session %1 has %2 Wh already.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The payment hold is not touched: use Finish or Finalize to take the money.</source>
        <translation>The payment hold is not touched: use Finish or Finalize to take the money.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>OVERRIDE ignores the status priorities; the change is recorded with its mode.</source>
        <translation>OVERRIDE ignores the status priorities; the change is recorded with its mode.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold %1 stays as it is: use Finalize or Cancel hold to settle it.</source>
        <translation>Hold %1 stays as it is: use Finalize or Cancel hold to settle it.</translation>
    </message>
    <message>
        <location filename="../core/sessions/sessionactions.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>No session with the id %1.</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>Payments are not available here, so the money of hold %1 cannot be moved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>Hold %1 has no answer from the gateway yet; try again when it has one.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>A payment call about hold %1 still waits for the gateway; try again when it has answered.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The tariff is in %1 but the session is in %2: the amount stays %3.</source>
        <translation>The tariff is in %1 but the session is in %2: the amount stays %3.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Priced with tariff %1: %2 per kWh at the charging start, with the tariff&apos;s time-of-use periods and idle fee.</source>
        <translation>Priced with tariff %1: %2 per kWh at the charging start, with the tariff&apos;s time-of-use periods and idle fee.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The gateway has not answered yet. Payment call %1 stays in the journal and is sent again with the same key.</source>
        <translation>The gateway has not answered yet. Payment call %1 stays in the journal and is sent again with the same key.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session was changed, but the money call could not be made: %1</source>
        <translation>The session was changed, but the money call could not be made: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The gateway refused payment call %1: %2</source>
        <translation>The gateway refused payment call %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gateway did it (payment call %1).</source>
        <translation>The gateway did it (payment call %1).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Who acts must be known: an operator name is required.</source>
        <translation>Who acts must be known: an operator name is required.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept in the audit log.</source>
        <translation>A reason is required: it is kept in the audit log.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Operator: %1</source>
        <translation>Operator: %1</translation>
    </message>
</context>
<context>
    <name>cd::sessions::StatusPriority</name>
    <message>
        <location filename="../core/sessions/statuspriority.cpp" line="+45"/>
        <source>&quot;%1&quot; is not a session status. Use one of: %2.</source>
        <translation>&quot;%1&quot; is not a session status. Use one of: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 is %2 already.</source>
        <translation>Session %1 is %2 already.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Session %1 is %2; SOFT cannot move it back to %3. Use OVERRIDE if you must (it is recorded with its mode).</source>
        <translation>Session %1 is %2; SOFT cannot move it back to %3. Use OVERRIDE if you must (it is recorded with its mode).</translation>
    </message>
</context>
<context>
    <name>cd::sim::MisbehaviourText</name>
    <message>
        <location filename="../core/sim/misbehaviour.cpp" line="+67"/>
        <source>Unknown misbehaviour &quot;%1&quot;. Known: %2.</source>
        <translation>Unknown misbehaviour &quot;%1&quot;. Known: %2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The share in &quot;%1&quot; must be between 0 and 1 (or 0%–100%).</source>
        <translation>The share in &quot;%1&quot; must be between 0 and 1 (or 0%–100%).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The share in &quot;%1&quot; is not a number.</source>
        <translation>The share in &quot;%1&quot; is not a number.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; names no share and no stations.</source>
        <translation>&quot;%1&quot; names no share and no stations.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>meter register reads 0 at the start, then jumps to the real value</source>
        <translation>meter register reads 0 at the start, then jumps to the real value</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline mid-session and never sends StopTransaction</source>
        <translation>goes offline mid-session and never sends StopTransaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline, then replays the session&apos;s messages, acknowledged ones included</source>
        <translation>goes offline, then replays the session&apos;s messages, acknowledged ones included</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepts RemoteStopTransaction but keeps charging</source>
        <translation>accepts RemoteStopTransaction but keeps charging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delivers energy with no authorised transaction</source>
        <translation>delivers energy with no authorised transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sends every StopTransaction twice</source>
        <translation>sends every StopTransaction twice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its clock runs two days ahead: every timestamp it sends lies in the future</source>
        <translation>its clock runs two days ahead: every timestamp it sends lies in the future</translation>
    </message>
</context>
<context>
    <name>cd::sim::SimulatedStation</name>
    <message>
        <location filename="../core/sim/simulatedstation.cpp" line="+106"/>
        <source>connection timed out</source>
        <translation>connection timed out</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>protocol %1 is not supported by the simulator yet</source>
        <translation>protocol %1 is not supported by the simulator yet</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the server did not agree to subprotocol %1</source>
        <translation>the server did not agree to subprotocol %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>connection closed</source>
        <translation>connection closed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection closed (code %1)</source>
        <translation>connection closed (code %1)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>network lost (simulated)</source>
        <translation>network lost (simulated)</translation>
    </message>
    <message>
        <location filename="../core/sim/stationcommands.cpp" line="+132"/>
        <source>rebooting (%1)</source>
        <translation>rebooting (%1)</translation>
    </message>
</context>
<context>
    <name>cd::simapp::SimRunner</name>
    <message numerus="yes">
        <location filename="../app/sim/simrunner.cpp" line="+38"/>
        <source>All %n station(s) booted.</source>
        <translation>
            <numerusform>The %n station has booted.</numerusform>
            <numerusform>All %n stations have booted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Simulating %n station(s) against %1 (%2), time scale %3.</source>
        <translation>
            <numerusform>Simulating %n station against %1 (%2), time scale %3.</numerusform>
            <numerusform>Simulating %n stations against %1 (%2), time scale %3.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1% of the stations</source>
        <translation>%1% of the stations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Misbehaviour %1: %2.</source>
        <translation>Misbehaviour %1: %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stopping now.</source>
        <translation>Stopping now.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping: ending sessions and sending what is queued...</source>
        <translation>Stopping: ending sessions and sending what is queued…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>No station could connect to %1 within %n second(s).</source>
        <translation>
            <numerusform>No station could connect to %1 within %n second.</numerusform>
            <numerusform>No station could connect to %1 within %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n station(s) never connected.</source>
        <translation>
            <numerusform>%n station never connected.</numerusform>
            <numerusform>%n stations never connected.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 s | %2/%3 connected, %4 booted | sessions %5 active, %6 done, %7 kWh, %8 refused | messages out %9 in %10 | p50 %11 ms p99 %12 ms | errors %13 | reconnects %14</source>
        <translation>%1 s | %2/%3 connected, %4 booted | sessions %5 active, %6 done, %7 kWh, %8 refused | messages out %9 in %10 | p50 %11 ms p99 %12 ms | errors %13 | reconnects %14</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Summary: %1 of %2 stations connected, %3 reconnects, %4 connection failures.</source>
        <translation>Summary: %1 of %2 stations connected, %3 reconnects, %4 connection failures.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions: %1 started, %2 finished, %3 kWh delivered; %4 drivers not authorised.</source>
        <translation>Sessions: %1 started, %2 finished, %3 kWh delivered; %4 drivers not authorised.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last connection error: %1</source>
        <translation>Last connection error: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages: %1 sent, %2 received (%3 per second); %4 calls answered by the server, %5 server commands answered.</source>
        <translation>Messages: %1 sent, %2 received (%3 per second); %4 calls answered by the server, %5 server commands answered.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reply latency: p50 %1 ms, p99 %2 ms, max %3 ms over %4 calls.</source>
        <translation>Reply latency: p50 %1 ms, p99 %2 ms, max %3 ms over %4 calls.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Errors: %1.</source>
        <translation>Errors: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n transaction message(s) were still queued at exit.</source>
        <translation>
            <numerusform>%n transaction message was still queued at exit.</numerusform>
            <numerusform>%n transaction messages were still queued at exit.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statistics written to %1.</source>
        <translation>Statistics written to %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::ConnectorRepository</name>
    <message>
        <location filename="../core/storage/connectorrepository.cpp" line="+111"/>
        <source>No connector with the internal id %1.</source>
        <translation>No connector with the internal id %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Database</name>
    <message>
        <location filename="../core/storage/database.cpp" line="+90"/>
        <source>The key does not open %1: it is the wrong key, or the file is not a ChargeDesk database. The file was left untouched.</source>
        <translation>The key does not open %1: it is the wrong key, or the file is not a ChargeDesk database. The file was left untouched.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Cannot open the database %1: %2</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1 is encrypted, but no key was found (%2: %3)
%4</source>
        <translation>%1 is encrypted, but no key was found (%2: %3)
%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No database key (%1: %2)
%3</source>
        <translation>No database key (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the database key (%1: %2)
%3</source>
        <translation>Cannot read the database key (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot create the folder %1.</source>
        <translation>Cannot create the folder %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::DatabaseOptions</name>
    <message>
        <location filename="../core/storage/databaseoptions.cpp" line="+17"/>
        <source>Encrypted SQLCipher database file (default: %1).</source>
        <translation>Encrypted SQLCipher database file (default: %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>path</source>
        <translation>path</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Shared PostgreSQL database, e.g. postgresql://user:password@host:5432/chargedesk.</source>
        <translation>Shared PostgreSQL database, e.g. postgresql://user:password@host:5432/chargedesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the database key from this file (64 hexadecimal digits, mode 0600) instead of the OS keychain.</source>
        <translation>Read the database key from this file (64 hexadecimal digits, mode 0600) instead of the OS keychain.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the database key from this environment variable instead of the OS keychain.</source>
        <translation>Read the database key from this environment variable instead of the OS keychain.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use either --db or --db-url, not both.</source>
        <translation>Use either --db or --db-url, not both.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use either --db-key-file or --db-key-env, not both.</source>
        <translation>Use either --db-key-file or --db-key-env, not both.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--db-url must look like postgresql://user:password@host:5432/database.</source>
        <translation>--db-url must look like postgresql://user:password@host:5432/database.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PostgreSQL database takes no key options; its server secures it.</source>
        <translation>A PostgreSQL database takes no key options; its server secures it.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--db-key-env needs the name of an environment variable.</source>
        <translation>--db-key-env needs the name of an environment variable.</translation>
    </message>
</context>
<context>
    <name>cd::storage::EnvKeyStore</name>
    <message>
        <location filename="../core/storage/envkeystore.cpp" line="+11"/>
        <source>The environment variable %1 is not set.</source>
        <translation>The environment variable %1 is not set.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The environment variable %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>The environment variable %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key cannot be stored in an environment variable.</source>
        <translation>A key cannot be stored in an environment variable.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>environment variable %1</source>
        <translation>environment variable %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set it to 64 hexadecimal digits, e.g. %1=$(chargedesk-cli key generate)</source>
        <translation>Set it to 64 hexadecimal digits, e.g. %1=$(chargedesk-cli key generate)</translation>
    </message>
</context>
<context>
    <name>cd::storage::FileKeyStore</name>
    <message>
        <location filename="../core/storage/filekeystore.cpp" line="+13"/>
        <source>The key file %1 does not exist.</source>
        <translation>The key file %1 does not exist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>The key file %1 is readable by other users; restrict it with: chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the key file %1: %2</source>
        <translation>Cannot read the key file %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>The key file %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key file is only read, never written implicitly.</source>
        <translation>A key file is only read, never written implicitly.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>key file %1</source>
        <translation>key file %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create a key file with: chargedesk-cli key generate --out %1</source>
        <translation>Create a key file with: chargedesk-cli key generate --out %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 already exists; a key file is never overwritten.</source>
        <translation>%1 already exists; a key file is never overwritten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create %1: %2</source>
        <translation>Cannot create %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::storage::IdTagRepository</name>
    <message>
        <location filename="../core/storage/idtagrepository.cpp" line="+61"/>
        <source>&quot;%1&quot; is not a valid id tag: use 1 to 36 printable characters without spaces.</source>
        <translation>&quot;%1&quot; is not a valid id tag: use 1 to 36 printable characters without spaces.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a valid parent id tag.</source>
        <translation>&quot;%1&quot; is not a valid parent id tag.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The kind of an id tag is card, app or department.</source>
        <translation>The kind of an id tag is card, app or department.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <source>The status of an id tag is Accepted, Blocked, Expired or Invalid.</source>
        <translation>The status of an id tag is Accepted, Blocked, Expired or Invalid.</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>The number of concurrent sessions must be between 1 and 10000.</source>
        <translation>The number of concurrent sessions must be between 1 and 10000.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The id tag %1 already exists.</source>
        <translation>The id tag %1 already exists.</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+11"/>
        <source>No id tag %1.</source>
        <translation>No id tag %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::KeychainKeyStore</name>
    <message>
        <location filename="../core/storage/keychainkeystore.cpp" line="+48"/>
        <location line="+21"/>
        <source>The OS keychain did not answer in time.</source>
        <translation>The OS keychain did not answer in time.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>The keychain entry for this database is damaged.</source>
        <translation>The keychain entry for this database is damaged.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OS keychain holds no key for this database.</source>
        <translation>The OS keychain holds no key for this database.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OS keychain is not available: %1</source>
        <translation>The OS keychain is not available: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot store the database key in the OS keychain: %1</source>
        <translation>Cannot store the database key in the OS keychain: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OS keychain</source>
        <translation>OS keychain</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlock the desktop keychain, or pass --db-key-file PATH (a 0600 file with 64 hexadecimal digits) or --db-key-env NAME (an environment variable holding them). Generate a key with: chargedesk-cli key generate</source>
        <translation>Unlock the desktop keychain, or pass --db-key-file PATH (a 0600 file with 64 hexadecimal digits) or --db-key-env NAME (an environment variable holding them). Generate a key with: chargedesk-cli key generate</translation>
    </message>
</context>
<context>
    <name>cd::storage::Migrator</name>
    <message>
        <location filename="../core/storage/migrator.cpp" line="+115"/>
        <source>There is no schema version %1.</source>
        <translation>There is no schema version %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database has schema version %1, newer than this ChargeDesk understands (%2). Install the newer ChargeDesk that wrote it.</source>
        <translation>The database has schema version %1, newer than this ChargeDesk understands (%2). Install the newer ChargeDesk that wrote it.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>Migration %1 (%2) failed and was rolled back: %3</translation>
    </message>
</context>
<context>
    <name>cd::storage::SessionRepository</name>
    <message>
        <location filename="../core/storage/sessionrepository.cpp" line="+180"/>
        <source>The new session %1 cannot be read back.</source>
        <translation>The new session %1 cannot be read back.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No session with the id %1.</source>
        <translation>No session with the id %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::SiteRepository</name>
    <message>
        <location filename="../core/storage/siterepository.cpp" line="+22"/>
        <source>A name has at most %1 characters.</source>
        <translation>A name has at most %1 characters.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say which site.</source>
        <translation>Say which site.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+107"/>
        <source>There is no site %1.</source>
        <translation>There is no site %1.</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>There is no site named &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sites are named &quot;%2&quot;; name one by its id, e.g. #%3.</source>
        <translation>%1 sites are named &quot;%2&quot;; name one by its id, e.g. #%3.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>There is no sub-operator named &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the sub-operator a name.</source>
        <translation>Give the sub-operator a name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The settlement mode is settle_first or hold_until_corrected, not &quot;%1&quot;.</source>
        <translation>The settlement mode is settle_first or hold_until_corrected, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A sub-operator named &quot;%1&quot; exists already.</source>
        <translation>A sub-operator named &quot;%1&quot; exists already.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give the site a name.</source>
        <translation>Give the site a name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A site&apos;s name cannot start with #: that is how a site is named by its id.</source>
        <translation>A site&apos;s name cannot start with #: that is how a site is named by its id.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A site named &quot;%1&quot; exists already.</source>
        <translation>A site named &quot;%1&quot; exists already.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No station with the id %1.</source>
        <translation>No station with the id %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+78"/>
        <source>Database error: %1 values for the placeholders of (%2)</source>
        <translation>Database error: %1 values for the placeholders of (%2)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Database error: %1 (%2)</source>
        <translation>Database error: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::storage::SqlCipherDriver</name>
    <message>
        <location filename="../core/storage/sqlcipherdriver.cpp" line="+50"/>
        <source>QSQLCIPHER_BUSY_TIMEOUT needs a number of milliseconds, got &quot;%1&quot;</source>
        <translation>QSQLCIPHER_BUSY_TIMEOUT needs a number of milliseconds, got &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown connect option &quot;%1&quot;</source>
        <translation>unknown connect option &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Invalid connect options: %1</source>
        <translation>Invalid connect options: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database key must be exactly 64 hexadecimal digits (a raw 256-bit key); passphrases are not accepted</source>
        <translation>The database key must be exactly 64 hexadecimal digits (a raw 256-bit key); passphrases are not accepted</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No database file name given</source>
        <translation>No database file name given</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open the database file %1</source>
        <translation>Cannot open the database file %1</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>The key does not open the database file %1: wrong key, or not an encrypted ChargeDesk database</source>
        <translation>The key does not open the database file %1: wrong key, or not an encrypted ChargeDesk database</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Cannot read the database file %1</source>
        <translation>Cannot read the database file %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read the cipher version of %1</source>
        <translation>Cannot read the cipher version of %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The linked SQLite library is not SQLCipher; refusing to open %1 without encryption</source>
        <translation>The linked SQLite library is not SQLCipher; refusing to open %1 without encryption</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot switch %1 to WAL journal mode</source>
        <translation>Cannot switch %1 to WAL journal mode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot switch %1 to WAL journal mode (SQLite answered &quot;%2&quot;)</source>
        <translation>Cannot switch %1 to WAL journal mode (SQLite answered &quot;%2&quot;)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply &quot;%1&quot;</source>
        <translation>Cannot apply &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Cannot close the database</source>
        <translation>Cannot close the database</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot begin the transaction</source>
        <translation>Cannot begin the transaction</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot commit the transaction</source>
        <translation>Cannot commit the transaction</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot roll back the transaction</source>
        <translation>Cannot roll back the transaction</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database is not open</source>
        <translation>The database is not open</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(another connection kept the database locked for longer than the busy timeout of %1 ms)</source>
        <translation>(another connection kept the database locked for longer than the busy timeout of %1 ms)</translation>
    </message>
</context>
<context>
    <name>cd::storage::SqlCipherResult</name>
    <message>
        <location filename="../core/storage/sqlcipherresult.cpp" line="+116"/>
        <location line="+8"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>Cannot prepare the statement</source>
        <translation>Cannot prepare the statement</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+42"/>
        <source>The database is not open</source>
        <translation>The database is not open</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Only one statement can be run at a time</source>
        <translation>Only one statement can be run at a time</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The query holds no SQL statement</source>
        <translation>The query holds no SQL statement</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+156"/>
        <source>Cannot execute the statement</source>
        <translation>Cannot execute the statement</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>No statement is prepared</source>
        <translation>No statement is prepared</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+12"/>
        <source>Cannot bind the values</source>
        <translation>Cannot bind the values</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Parameter count mismatch: the statement has %1 placeholders, %2 values are bound</source>
        <translation>Parameter count mismatch: the statement has %1 placeholders, %2 values are bound</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No value is bound for %1</source>
        <translation>No value is bound for %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+54"/>
        <source>Cannot bind the value for %1</source>
        <translation>Cannot bind the value for %1</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 does not fit in a signed 64-bit integer</source>
        <translation>%1 does not fit in a signed 64-bit integer</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+12"/>
        <source>The value is too large</source>
        <translation>The value is too large</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>QDateTime values are not accepted: store time as UTC epoch milliseconds (qint64, QDateTime::toMSecsSinceEpoch())</source>
        <translation>QDateTime values are not accepted: store time as UTC epoch milliseconds (qint64, QDateTime::toMSecsSinceEpoch())</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Values of type %1 cannot be stored</source>
        <translation>Values of type %1 cannot be stored</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+164"/>
        <source>Cannot fetch the row</source>
        <translation>Cannot fetch the row</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationRepository</name>
    <message>
        <location filename="../core/storage/stationrepository.cpp" line="+67"/>
        <source>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</source>
        <translation>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Latitude must be between -90 and 90.</source>
        <translation>Latitude must be between -90 and 90.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longitude must be between -180 and 180.</source>
        <translation>Longitude must be between -180 and 180.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>A station with the id %1 already exists.</source>
        <translation>A station with the id %1 already exists.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Give both the latitude and the longitude, or neither.</source>
        <translation>Give both the latitude and the longitude, or neither.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No station with the id %1.</source>
        <translation>No station with the id %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No station with the internal id %1.</source>
        <translation>No station with the internal id %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+51"/>
        <source>No station with the internal id %1.</source>
        <translation>No station with the internal id %1.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The security profile must be 0, 1, 2 or 3.</source>
        <translation>The security profile must be 0, 1, 2 or 3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>No station with the id %1.</translation>
    </message>
</context>
<context>
    <name>cd::ui::AccountsPage</name>
    <message>
        <location filename="../ui/accounts/accountspage.cpp" line="+94"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariffs</source>
        <translation>Tariffs</translation>
    </message>
</context>
<context>
    <name>cd::ui::ActionDialog</name>
    <message>
        <location filename="../ui/operators/actiondialog.cpp" line="+33"/>
        <source>Optional, kept in the audit log</source>
        <translation>Optional, kept in the audit log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eason:</source>
        <translation>R&amp;eason:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertActionDialog</name>
    <message>
        <location filename="../ui/alerts/alertactiondialog.cpp" line="+22"/>
        <source>Acknowledge alert</source>
        <translation>Acknowledge alert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign alert</source>
        <translation>Assign alert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve alert</source>
        <translation>Resolve alert</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Assign to:</source>
        <translation>Assign to:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was done (required)</source>
        <translation>What was done (required)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertHistoryModel</name>
    <message>
        <location filename="../ui/alerts/alerttablemodel.cpp" line="+197"/>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ChargeDesk</source>
        <comment>the system as the actor in an alert&apos;s history</comment>
        <translation>ChargeDesk</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTableModel</name>
    <message>
        <location line="-111"/>
        <source>Cleared</source>
        <extracomment>an alert resolved by itself: its condition is gone (station back online, fault cleared)</extracomment>
        <translation>Cleared</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Times</source>
        <extracomment>column: how many times the alert&apos;s condition was seen</extracomment>
        <translation>Times</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned to</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTray</name>
    <message>
        <location filename="../ui/alerts/alerttray.cpp" line="+70"/>
        <source>New alert</source>
        <translation>New alert</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n new alert</numerusform>
            <numerusform>%n new alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsPage</name>
    <message>
        <location filename="../ui/alerts/alertspage.cpp" line="+275"/>
        <source>Select an alert to see its history.</source>
        <translation>Select an alert to see its history.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session id %1</source>
        <translation>Session id %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>webhook</source>
        <translation>webhook</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent</source>
        <translation>%1 sent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 waiting (attempt %2)</source>
        <translation>%1 waiting (attempt %2)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Alert %1: %2</source>
        <translation>Alert %1: %2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;Show:</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open and acknowledged</source>
        <translation>Open and acknowledged</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acknowledged</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No alerts here.</source>
        <translation>No alerts here.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 alerts shown, more when you scroll down</source>
        <translation>%1 alerts shown, more when you scroll down</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n alert</numerusform>
            <numerusform>%n alerts</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acknowledge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assi&amp;gn…</source>
        <translation>Assi&amp;gn…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolve…</source>
        <translation>&amp;Resolve…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>History</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsSection</name>
    <message>
        <location filename="../ui/settings/alertssection.cpp" line="+174"/>
        <source>Saved. The station server uses them from its next start.</source>
        <translation>Saved. The station server uses them from its next start.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station offline after:</source>
        <translation>Station offline after:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heartbeat overdue after:</source>
        <translation>Heartbeat overdue after:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> × interval</source>
        <extracomment>a multiplier: the heartbeat is overdue after N times its interval</extracomment>
        <translation> × interval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter jump above:</source>
        <translation>Meter jump above:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Wh</source>
        <translation> Wh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send alerts by e-mail</source>
        <translation>Send alerts by e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SMTP server:</source>
        <translation>SMTP server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption:</source>
        <translation>Encryption:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (this computer only)</source>
        <translation>None (this computer only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: no login</source>
        <translation>empty: no login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>To:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>addresses, separated by commas</source>
        <translation>addresses, separated by commas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post alerts to a webhook</source>
        <translation>Post alerts to a webhook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webhook address:</source>
        <translation>Webhook address:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station server checks the rules every few seconds; each alert is sent once per channel and tried again later when sending fails. The SMTP password is not kept here: the station server reads it from the environment variable %1. Changes apply when the station server starts again.</source>
        <translation>The station server checks the rules every few seconds; each alert is sent once per channel and tried again later when sending fails. The SMTP password is not kept here: the station server reads it from the environment variable %1. Changes apply when the station server starts again.</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillDetail</name>
    <message>
        <location filename="../ui/anomalies/anomalybilldetail.cpp" line="+123"/>
        <source>Anomalies</source>
        <translation>Anomalies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill, line by line</source>
        <translation>Bill, line by line</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a bill to see its anomalies and lines.</source>
        <translation>Select a bill to see its anomalies and lines.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1, version %2 · session %3</source>
        <extracomment>%1 the bill&apos;s id, %2 its version (2 and more: corrected), %3 the session number</extracomment>
        <translation>Bill %1, version %2 · session %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 (no bill)</source>
        <translation>Session %1 (no bill)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>firmware %1</source>
        <extracomment>%1 the station&apos;s firmware version</extracomment>
        <translation>firmware %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station: %1</source>
        <translation>Station: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session: %1 – %2</source>
        <translation>Session: %1 – %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session: from %1, not ended</source>
        <translation>Session: from %1, not ended</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy: %1</source>
        <translation>Energy: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>(the station&apos;s bill: %1)</source>
        <translation>(the station&apos;s bill: %1)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>energy %1</source>
        <translation>energy %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service %1</source>
        <translation>service %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle %1</source>
        <translation>idle %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>coupon −%1</source>
        <translation>coupon −%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fees: %1</source>
        <translation>Fees: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settlement: %1</source>
        <translation>Settlement: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>    resolved %1 by bill %2</source>
        <translation>    resolved %1 by bill %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>    resolved %1</source>
        <translation>    resolved %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>    found %1, open</source>
        <translation>    found %1, open</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bill keeps no lines (it was not computed by ChargeDesk).</source>
        <translation>The bill keeps no lines (it was not computed by ChargeDesk).</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillTableModel</name>
    <message>
        <location filename="../ui/anomalies/anomalybilltablemodel.cpp" line="+280"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Codes</source>
        <extracomment>column: the anomaly codes of a bill, such as 3,8</extracomment>
        <translation>Codes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement</source>
        <extracomment>column: whether the bill&apos;s money has moved (settled, provisional, held)</extracomment>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model and firmware</source>
        <extracomment>column: the station&apos;s vendor, model and firmware version</extracomment>
        <translation>Model and firmware</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found</source>
        <extracomment>column: when the anomaly was found</extracomment>
        <translation>Found</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillsPage</name>
    <message>
        <location filename="../ui/anomalies/anomalybillspage.cpp" line="+448"/>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No anomaly bills match the filter.</source>
        <translation>No anomaly bills match the filter.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln bill(s) match</source>
        <translation>
            <numerusform>%Ln bill matches</numerusform>
            <numerusform>%Ln bills match</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all selected</source>
        <translation>all selected</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln selected</numerusform>
            <numerusform>%Ln selected</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Bills</source>
        <translation>Bills</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;all matching</source>
        <extracomment>selects every bill the filter matches, also those not loaded yet</extracomment>
        <translation>Select &amp;all matching</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear selection</source>
        <translation>C&amp;lear selection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Correct…</source>
        <translation>&amp;Correct…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the selected bills (or the highlighted one) with a preview of every effect</source>
        <translation>Correct the selected bills (or the highlighted one) with a preview of every effect</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick bills to select them; Space ticks every highlighted row</source>
        <translation>Tick bills to select them; Space ticks every highlighted row</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyFilterBar</name>
    <message>
        <location filename="../ui/anomalies/anomalyfilterbar.cpp" line="+272"/>
        <location line="+24"/>
        <source>All codes</source>
        <translation>All codes</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Codes: %1</source>
        <extracomment>the anomaly code filter&apos;s button: %1 the chosen codes, such as &quot;3, 8&quot;</extracomment>
        <translation>Codes: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show bills with any of the chosen anomaly codes</source>
        <translation>Show bills with any of the chosen anomaly codes</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All stations</source>
        <translation>All stations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any firmware</source>
        <translation>Any firmware</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware version of the station</source>
        <translation>Firmware version of the station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the session started</source>
        <translation>When the session started</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last month</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dates…</source>
        <translation>Dates…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sessions started on or after this day</source>
        <translation>Sessions started on or after this day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started on or before this day</source>
        <translation>Sessions started on or before this day</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Corrected</source>
        <extracomment>anomaly bills whose anomalies were all resolved by a correction</extracomment>
        <translation>Corrected</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open and corrected</source>
        <translation>Open and corrected</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open: an anomaly waits for a correction</source>
        <translation>Open: an anomaly waits for a correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session number</source>
        <translation>Session number</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyStatisticsModel</name>
    <message>
        <location filename="../ui/anomalies/anomalystatisticsmodel.cpp" line="+39"/>
        <source>%1 %</source>
        <extracomment>a share in percent, %1 a number such as 25.0</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly</source>
        <translation>Anomaly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model and firmware</source>
        <translation>Model and firmware</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Anomaly bills</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sessions</source>
        <extracomment>column: all sessions of the station in the period</extracomment>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share</source>
        <extracomment>column: anomaly bills as a share of all sessions</extracomment>
        <translation>Share</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyStatisticsView</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/anomalystatisticsview.cpp" line="+100"/>
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>Saved %n row to %1.</numerusform>
            <numerusform>Saved %n rows to %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Export anomaly statistics</source>
        <translation>Export anomaly statistics</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saving %1…</source>
        <translation>Saving %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No anomaly bills match the filter.</source>
        <translation>No anomaly bills match the filter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 anomaly bills in %2 rows</source>
        <extracomment>%1 anomaly bills (a bill with two codes counts once), %2 rows of code × station × period</extracomment>
        <translation>%1 anomaly bills in %2 rows</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Group by:</source>
        <translation>&amp;Group by:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share: anomaly bills with the code among all sessions of the station started in the period</source>
        <translation>Share: anomaly bills with the code among all sessions of the station started in the period</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApplyRefundDialog</name>
    <message>
        <location filename="../ui/refunds/applyrefunddialog.cpp" line="+23"/>
        <source>New refund application</source>
        <translation>New refund application</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name, phone, e-mail or card</source>
        <translation>Name, phone, e-mail or card</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The member&apos;s reason, e.g. moving to another city</source>
        <translation>The member&apos;s reason, e.g. moving to another city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the unused coupons earned by the refunded top-ups</source>
        <translation>Revoke the unused coupons earned by the refunded top-ups</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Find member:</source>
        <translation>Find member:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member:</source>
        <translation>Member:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount (%1):</source>
        <translation>Amount (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (refundable %2)</source>
        <extracomment>a member in the refund application&apos;s picker: name and what may be refunded</extracomment>
        <translation>%1 (refundable %2)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 is taken off %2&apos;s balance and kept as a pending refund until the audit decides:</source>
        <extracomment>the first line of the confirmation: what the application does to the member&apos;s money</extracomment>
        <translation>%1 is taken off %2&apos;s balance and kept as a pending refund until the audit decides:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance: %1</source>
        <translation>Balance: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable: %1</source>
        <translation>Refundable: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund: %1</source>
        <translation>Pending refund: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When refunded, the unused coupons earned by the refunded top-ups are revoked.</source>
        <translation>When refunded, the unused coupons earned by the refunded top-ups are revoked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons earned by the refunded top-ups are kept.</source>
        <translation>Coupons earned by the refunded top-ups are kept.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejecting the application gives all of it back to the member.</source>
        <translation>Rejecting the application gives all of it back to the member.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Balance %1 · refundable %2 · pending refund %3</source>
        <translation>Balance %1 · refundable %2 · pending refund %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No member found.</source>
        <translation>No member found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most %1</source>
        <translation>At most %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 can be refunded to %2.</source>
        <translation>At most %1 can be refunded to %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has nothing refundable.</source>
        <translation>%1 has nothing refundable.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply for %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>Apply for %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Review…</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApproveRefundDialog</name>
    <message>
        <location filename="../ui/refunds/approverefunddialog.cpp" line="+22"/>
        <source>Approve refund</source>
        <translation>Approve refund</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>Why: kept in the refund&apos;s history</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Commission (%1):</source>
        <translation>Commission (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Approve and refund %1</source>
        <extracomment>the button that approves and sends the money back, after the operator has seen where it goes</extracomment>
        <translation>Approve and refund %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The commission must be less than the amount applied for (%1).</source>
        <translation>The commission must be less than the amount applied for (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Review…</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditChangesModel</name>
    <message>
        <location filename="../ui/audit/auditchangesmodel.cpp" line="+131"/>
        <source>(whole record)</source>
        <translation>(whole record)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before</source>
        <extracomment>the value before the audited change</extracomment>
        <translation>Before</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After</source>
        <extracomment>the value after the audited change</extracomment>
        <translation>After</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditPage</name>
    <message>
        <location filename="../ui/audit/auditpage.cpp" line="+227"/>
        <source>Select an entry to see what it changed.</source>
        <translation>Select an entry to see what it changed.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 by %2 at %3</source>
        <extracomment>Audit entry heading: %1 the action (&quot;refund.approve&quot;), %2 the operator, %3 the local time</extracomment>
        <translation>%1 by %2 at %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No reason was given.</source>
        <translation>No reason was given.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n newest entries shown; scroll down for older ones.</source>
        <translation>
            <numerusform>%n newest entry shown; scroll down for older ones.</numerusform>
            <numerusform>%n newest entries shown; scroll down for older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries.</source>
        <translation>
            <numerusform>%n entry.</numerusform>
            <numerusform>%n entries.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number or name</source>
        <translation>Number or name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator:</source>
        <translation>&amp;Operator:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login, as recorded</source>
        <translation>Login, as recorded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditTableModel</name>
    <message>
        <location filename="../ui/audit/audittablemodel.cpp" line="+52"/>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Number %1</source>
        <extracomment>Audit log subject&apos;s tooltip: its number, as the log records it and the filter takes it</extracomment>
        <translation>Number %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 %2</source>
        <extracomment>Audit log subject: %1 is its kind (&quot;Bill&quot;), %2 its number or name</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditText</name>
    <message>
        <location filename="../ui/audit/audittext.cpp" line="+13"/>
        <source>Alert</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>Bill</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule</source>
        <translation>Coupon rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>Gateway receipts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (id tag)</source>
        <translation>Card (id tag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session</source>
        <translation>Login session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment hold</source>
        <translation>Payment hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging session</source>
        <translation>Charging session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site meter reading</source>
        <translation>Site meter reading</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator</source>
        <translation>Sub-operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff</source>
        <translation>Tariff</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Alert acknowledged</source>
        <translation>Alert acknowledged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert assigned</source>
        <translation>Alert assigned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert resolved</source>
        <translation>Alert resolved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill corrected</source>
        <translation>Bill corrected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill credited</source>
        <translation>Bill credited</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill debited</source>
        <translation>Bill debited</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command sent to a station</source>
        <translation>Command sent to a station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon earned</source>
        <translation>Coupon earned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon revoked</source>
        <translation>Coupon revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched on</source>
        <translation>Coupon rule switched on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule created</source>
        <translation>Coupon rule created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched off</source>
        <translation>Coupon rule switched off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department billing changed</source>
        <translation>Department billing changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department created</source>
        <translation>Department created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department topped up</source>
        <translation>Department topped up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts imported</source>
        <translation>Gateway receipts imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card added</source>
        <translation>Card added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login ended by an administrator</source>
        <translation>Login ended by an administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member created</source>
        <translation>Member created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold changed</source>
        <translation>Auto-stop threshold changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member topped up</source>
        <translation>Member topped up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member changed</source>
        <translation>Member changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading replaced</source>
        <translation>Meter reading replaced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading entered</source>
        <translation>Meter reading entered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator added</source>
        <translation>Operator added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator disabled</source>
        <translation>Operator disabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator enabled</source>
        <translation>Operator enabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login locked after wrong passwords</source>
        <translation>Login locked after wrong passwords</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in</source>
        <translation>Logged in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged out</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins at once changed</source>
        <translation>Logins at once changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role of an operator changed</source>
        <translation>Role of an operator changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login unlocked</source>
        <translation>Login unlocked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund applied for</source>
        <translation>Refund applied for</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund approved</source>
        <translation>Refund approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund recorded</source>
        <translation>Refund recorded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund rejected</source>
        <translation>Refund rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role created</source>
        <translation>Role created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role deleted</source>
        <translation>Role deleted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions granted</source>
        <translation>Permissions granted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions revoked</source>
        <translation>Permissions revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold cancelled</source>
        <translation>Hold cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held money captured</source>
        <translation>Held money captured</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finalized</source>
        <translation>Session finalized</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finished</source>
        <translation>Session finished</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment settled</source>
        <translation>Payment settled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session priced</source>
        <translation>Session priced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station reset for a session</source>
        <translation>Station reset for a session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy set</source>
        <translation>Energy set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start</source>
        <translation>Remote start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session status changed</source>
        <translation>Session status changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote stop</source>
        <translation>Remote stop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site added</source>
        <translation>Site added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site&apos;s sub-operator changed</source>
        <translation>Site&apos;s sub-operator changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station added</source>
        <translation>Station added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station placed on the map</source>
        <translation>Station placed on the map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station&apos;s site changed</source>
        <translation>Station&apos;s site changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator added</source>
        <translation>Sub-operator added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff created</source>
        <translation>Tariff created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff retired</source>
        <translation>Tariff retired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tariff version</source>
        <translation>New tariff version</translation>
    </message>
</context>
<context>
    <name>cd::ui::CardDialog</name>
    <message>
        <location filename="../ui/accounts/carddialog.cpp" line="+20"/>
        <location line="+23"/>
        <source>Add card</source>
        <translation>Add card</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Add department card</source>
        <translation>Add department card</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card (id tag):</source>
        <translation>Card (id tag):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vehicles at once:</source>
        <extracomment>how many vehicles one department card may charge at the same time</extracomment>
        <translation>Vehicles at once:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>An id tag is 1 to 36 printable characters without spaces.</source>
        <translation>An id tag is 1 to 36 printable characters without spaces.</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangeDialog</name>
    <message>
        <location filename="../ui/operators/changedialog.cpp" line="+22"/>
        <location line="+2"/>
        <source>Change role</source>
        <translation>Change role</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>The role of %1 decides what they may see and do, from their next action on.</source>
        <translation>The role of %1 decides what they may see and do, from their next action on.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>R&amp;ole:</source>
        <translation>R&amp;ole:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins at once</source>
        <translation>Logins at once</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many consoles %1 may be logged in on at the same time.</source>
        <translation>How many consoles %1 may be logged in on at the same time.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins &amp;at once:</source>
        <translation>Logins &amp;at once:</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>A new password for %1. Their open logins stay open; tell them the new password.</source>
        <translation>A new password for %1. Their open logins stay open; tell them the new password.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Disable operator</source>
        <translation>Disable operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1? Their open logins end now, and they cannot log in until an administrator enables the account again.</source>
        <translation>Disable %1? Their open logins end now, and they cannot log in until an administrator enables the account again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disable</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enable operator</source>
        <translation>Enable operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable %1? They can log in again with their password.</source>
        <translation>Enable %1? They can log in again with their password.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock login</source>
        <translation>Unlock login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock %1? Too many wrong passwords locked this login; unlocked, it can log in again now.</source>
        <translation>Unlock %1? Too many wrong passwords locked this login; unlocked, it can log in again now.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End login session</source>
        <translation>End login session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the login of %1? The console they use asks them to log in again.</source>
        <translation>End the login of %1? The console they use asks them to log in again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End session</source>
        <translation>End session</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New role</source>
        <translation>New role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A custom role. Tick its permissions after it is made, then Apply.</source>
        <translation>A custom role. Tick its permissions after it is made, then Apply.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create role</source>
        <translation>Create role</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start with the permissions of %1</source>
        <translation>Start with the permissions of %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Delete role</source>
        <translation>Delete role</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Delete the role %1? Only a role no operator has can be deleted.</source>
        <translation>Delete the role %1? Only a role no operator has can be deleted.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change permissions</source>
        <translation>Change permissions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the permissions of %1?</source>
        <translation>Change the permissions of %1?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../ui/access/changepassworddialog.cpp" line="+89"/>
        <source>Type your current password.</source>
        <translation>Type your current password.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change the password of %1</source>
        <extracomment>%1 is the operator&apos;s login</extracomment>
        <translation>Change the password of %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Current password:</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChartQuantities</name>
    <message>
        <location filename="../ui/charts/chartquantity.cpp" line="+29"/>
        <source>Power</source>
        <translation>Power</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current</source>
        <translation>Current</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage</source>
        <translation>Voltage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Battery</source>
        <extracomment>the vehicle battery&apos;s state of charge (SoC), in percent</extracomment>
        <translation>Battery</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kW</source>
        <translation>kW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A</source>
        <extracomment>amperes</extracomment>
        <translation>A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>V</source>
        <extracomment>volts</extracomment>
        <translation>V</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, %2</source>
        <extracomment>a chart axis: %1 what (Power), %2 its unit (kW)</extracomment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active power the station delivers</source>
        <translation>Active power the station delivers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy charged since the start of the session (meter register minus meter start)</source>
        <translation>Energy charged since the start of the session (meter register minus meter start)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current per phase, or in total when the station reports no phases</source>
        <translation>Current per phase, or in total when the station reports no phases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage per phase</source>
        <translation>Voltage per phase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State of charge of the vehicle&apos;s battery, as the vehicle reports it</source>
        <translation>State of charge of the vehicle&apos;s battery, as the vehicle reports it</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandDialog</name>
    <message>
        <location filename="../ui/stations/commanddialog.cpp" line="+60"/>
        <source>Command to %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>Command to %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Form</source>
        <extracomment>the tab with one field per part of the command</extracomment>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON</source>
        <extracomment>the tab with the command&apos;s payload as JSON text</extracomment>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why: kept in the audit log with the command</source>
        <translation>Why: kept in the audit log with the command</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Action:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+14"/>
        <source>The payload must be a JSON object, e.g. {&quot;type&quot;: &quot;Soft&quot;}.</source>
        <translation>The payload must be a JSON object, e.g. {&quot;type&quot;: &quot;Soft&quot;}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The station would refuse this payload: %1</source>
        <translation>The station would refuse this payload: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Give a reason: it is kept in the audit log with the command.</source>
        <translation>Give a reason: it is kept in the audit log with the command.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Queuing the command…</source>
        <translation>Queuing the command…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent to the station; waiting for its answer…</source>
        <translation>Sent to the station; waiting for its answer…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station answered:</source>
        <translation>The station answered:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent: the station is offline.</source>
        <translation>Not sent: the station is offline.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command could not be queued:</source>
        <translation>The command could not be queued:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed:</source>
        <translation>The command failed:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Accepted. Waiting for the station&apos;s first progress report…</source>
        <translation>Accepted. Waiting for the station&apos;s first progress report…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Failed: the station reported %1 at %2.</source>
        <translation>Failed: the station reported %1 at %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done: the station reported %1 at %2.</source>
        <translation>Done: the station reported %1 at %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress: the station reported %1 at %2.</source>
        <translation>In progress: the station reported %1 at %2.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandFieldText</name>
    <message>
        <location filename="../ui/stations/commandform.cpp" line="+26"/>
        <source>Additional info</source>
        <translation>Additional info</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Charging profile</source>
        <translation>Charging profile</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Profile criteria</source>
        <translation>Profile criteria</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile id</source>
        <translation>Profile id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile kind</source>
        <translation>Profile kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile purpose</source>
        <translation>Profile purpose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate unit</source>
        <translation>Rate unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule periods</source>
        <translation>Schedule periods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector type</source>
        <translation>Connector type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration, s</source>
        <translation>Duration, s</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>EVSE</source>
        <translation>EVSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to read</source>
        <translation>Variables to read</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group token</source>
        <translation>Group token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (idTag)</source>
        <translation>Card (idTag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install at</source>
        <translation>Install at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest entry</source>
        <translation>Latest entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>List version</source>
        <translation>List version</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Local authorisation list</source>
        <translation>Local authorisation list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address (URL)</source>
        <translation>Address (URL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log type</source>
        <translation>Log type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message id</source>
        <translation>Message id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum rate</source>
        <translation>Minimum rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest entry</source>
        <translation>Oldest entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Availability</source>
        <translation>Availability</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent card</source>
        <translation>Parent card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recurrence</source>
        <translation>Recurrence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload address (URL)</source>
        <translation>Upload address (URL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start id</source>
        <translation>Remote start id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request id</source>
        <translation>Request id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message to send</source>
        <translation>Message to send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reservation</source>
        <translation>Reservation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries</source>
        <translation>Retries</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Download at</source>
        <translation>Download at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry interval, s</source>
        <translation>Retry interval, s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to set</source>
        <translation>Variables to set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing certificate</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stack level</source>
        <translation>Stack level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule start</source>
        <translation>Schedule start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>Update</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid to</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor id</source>
        <translation>Vendor id</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandForm</name>
    <message>
        <location line="+58"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>%1: required.</source>
        <translation>%1: required.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a whole number is needed.</source>
        <translation>%1: a whole number is needed.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: a number such as 16 or 7.5 is needed.</source>
        <translation>%1: a number such as 16 or 7.5 is needed.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a UTC time such as 2030-01-01T00:00:00Z is needed.</source>
        <translation>%1: a UTC time such as 2030-01-01T00:00:00Z is needed.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: this is not valid JSON.</source>
        <translation>%1: this is not valid JSON.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This command has no fields.</source>
        <translation>This command has no fields.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 *</source>
        <extracomment>a required field&apos;s label: %1 the field&apos;s name</extracomment>
        <translation>%1 *</translation>
    </message>
</context>
<context>
    <name>cd::ui::ConfigurationDialog</name>
    <message>
        <location filename="../ui/stations/configurationdialog.cpp" line="+40"/>
        <source>Configuration of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>Configuration of %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by key or value</source>
        <translation>Search by key or value</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Why: kept in the audit log with the command</source>
        <translation>Why: kept in the audit log with the command</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key:</source>
        <translation>Key:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New value:</source>
        <translation>New value:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read again</source>
        <translation>Read again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asks the station for its configuration (GetConfiguration).</source>
        <translation>Asks the station for its configuration (GetConfiguration).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Asking the station…</source>
        <translation>Asking the station…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Configuration read in the console</source>
        <translation>Configuration read in the console</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station is offline: its configuration cannot be read now.</source>
        <translation>The station is offline: its configuration cannot be read now.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station did not give its configuration: %1</source>
        <translation>The station did not give its configuration: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n key(s), read at %1</source>
        <extracomment>%n keys; %1 the time they were read</extracomment>
        <translation>
            <numerusform>%n key, read at %1</numerusform>
            <numerusform>%n keys, read at %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a key in the list.</source>
        <translation>Select a key in the list.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (read-only: the station does not let it change)</source>
        <translation>%1 (read-only: the station does not let it change)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending %1 = %2…</source>
        <translation>Sending %1 = %2…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not sent: the station is offline.</source>
        <translation>Not sent: the station is offline.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed: %1</source>
        <translation>The command failed: %1</translation>
    </message>
</context>
<context>
    <name>cd::ui::ConfigurationModel</name>
    <message>
        <location filename="../ui/stations/configurationmodel.cpp" line="+55"/>
        <source>(not given)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Can be changed</source>
        <translation>Can be changed</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation>Access</translation>
    </message>
</context>
<context>
    <name>cd::ui::ConnectorHistoryModel</name>
    <message>
        <location filename="../ui/stations/connectorhistorymodel.cpp" line="+59"/>
        <source>EVSE %1 / %2</source>
        <extracomment>%1 EVSE, %2 connector</extracomment>
        <translation>EVSE %1 / %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Received (UTC)</source>
        <translation>Received (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station time (UTC)</source>
        <translation>Station time (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionEnergyPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+33"/>
        <source>Enter the energy</source>
        <translation>Enter the energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example from the station&apos;s display or a photo of it. It is spread evenly over the charging time.</source>
        <translation>For example from the station&apos;s display or a photo of it. It is spread evenly over the charging time.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> Wh</source>
        <extracomment>unit after an energy in watt-hours</extracomment>
        <translation> Wh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 kWh = 1,000 Wh.</source>
        <translation>1 kWh = 1,000 Wh.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionMethodPage</name>
    <message>
        <location filename="../ui/anomalies/correctionmethodpage.cpp" line="+19"/>
        <source>How should the bill be corrected?</source>
        <translation>How should the bill be corrected?</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n bill(s) with one method, applied one by one: %1</source>
        <translation>
            <numerusform>%n bill with one method: %1</numerusform>
            <numerusform>%n bills with one method, applied one by one: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1. Nothing is written before the preview and your confirmation.</source>
        <translation>Bill %1. Nothing is written before the preview and your confirmation.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revert works on one bill at a time.</source>
        <translation>Revert works on one bill at a time.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionPreviewPage</name>
    <message>
        <location filename="../ui/anomalies/correctionpreviewpage.cpp" line="+42"/>
        <source>%1 Wh</source>
        <extracomment>an energy in watt-hours</extracomment>
        <translation>%1 Wh</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>What the correction will do</source>
        <translation>What the correction will do</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is written yet. Check the lines and what happens to money, give the reason, then Apply.</source>
        <translation>Nothing is written yet. Check the lines and what happens to money, give the reason, then Apply.</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+92"/>
        <source>Money</source>
        <translation>Money</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>In numbers</source>
        <translation>In numbers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card hold</source>
        <translation>Card hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anomalies</source>
        <translation>Anomalies</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason (kept with the bill and in the audit log, required):</source>
        <translation>Reason (kept with the bill and in the audit log, required):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer unplugged at 08:14, the station kept the session open</source>
        <translation>For example: the customer unplugged at 08:14, the station kept the session open</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Working out what will happen…</source>
        <translation>Working out what will happen…</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%1 of %n bill(s) can be corrected; the others are skipped (the list says why).</source>
        <translation>
            <numerusform>%1 of %n bill can be corrected; the others are skipped (the list says why).</numerusform>
            <numerusform>%1 of %n bills can be corrected; the others are skipped (the list says why).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Working out bill %1 of %2…</source>
        <translation>Working out bill %1 of %2…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Bill</source>
        <translation>Bill</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+88"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Can apply</source>
        <translation>Can apply</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>charge %1</source>
        <translation>charge %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refund %1</source>
        <translation>refund %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+68"/>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>No: %1</source>
        <translation>No: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Now (version %1)</source>
        <translation>Now (version %1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corrected (version %1)</source>
        <translation>Corrected (version %1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, version %2</source>
        <translation>%1, version %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tariff</source>
        <translation>Tariff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 × %2/kWh = %3</source>
        <extracomment>one tariff period line: energy × price per kWh = fee</extracomment>
        <translation>%1 × %2/kWh = %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  %1 %2–%3</source>
        <extracomment>a tariff period line&apos;s caption: period kind and its stretch of time (UTC)</extracomment>
        <translation>  %1 %2–%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy fee</source>
        <translation>Energy fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee</source>
        <translation>Service fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service end</source>
        <translation>Service end</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min, %1</source>
        <extracomment>idle time in minutes and its fee</extracomment>
        <translation>
            <numerusform>%n min, %1</numerusform>
            <numerusform>%n min, %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee</source>
        <translation>Idle fee</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>−%1 (%2)</source>
        <translation>−%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paid so far: %1</source>
        <translation>Paid so far: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The corrected bill asks: %1</source>
        <translation>The corrected bill asks: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>Additional charge: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>Refund: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No difference.</source>
        <translation>No difference.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No coupon changes.</source>
        <translation>No coupon changes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold %1: %2 → %3; held %4, captured %5, refunded %6.</source>
        <translation>Hold %1: %2 → %3; held %4, captured %5, refunded %6.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No card hold: paid from a balance or not at all.</source>
        <translation>No card hold: paid from a balance or not at all.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved: %1</source>
        <translation>Resolved: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open again: %1</source>
        <translation>Open again: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open anomaly.</source>
        <translation>No open anomaly.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply: %1</source>
        <translation>Cannot apply: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n bill(s) get a new version, one by one.</source>
        <translation>
            <numerusform>%n bill gets a new version.</numerusform>
            <numerusform>%n bills get a new version, one by one.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Additional charges: %1; refunds: %2.</source>
        <translation>Additional charges: %1; refunds: %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n bill(s) that cannot be corrected are skipped.</source>
        <translation>
            <numerusform>%n bill that cannot be corrected is skipped.</numerusform>
            <numerusform>%n bills that cannot be corrected are skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionResultPage</name>
    <message>
        <location filename="../ui/anomalies/correctionresultpage.cpp" line="+18"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bill %1: the gateway did it (payment call %2).</source>
        <translation>Bill %1: the gateway did it (payment call %2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1: the gateway refused payment call %2: %3</source>
        <translation>Bill %1: the gateway refused payment call %2: %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Applying…</source>
        <translation>Applying…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bill %1: skipped — %2</source>
        <translation>Bill %1: skipped — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n bill(s) corrected.</source>
        <translation>
            <numerusform>%n bill corrected.</numerusform>
            <numerusform>%n bills corrected.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 corrected, %2 failed.</source>
        <translation>%1 corrected, %2 failed.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bill %1: not corrected — %2</source>
        <translation>Bill %1: not corrected — %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1 → version %2 (bill %3). Audit record %4.</source>
        <translation>Bill %1 → version %2 (bill %3). Audit record %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: the bill was corrected, but the card money call could not be made: %2</source>
        <translation>Bill %1: the bill was corrected, but the card money call could not be made: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: payment call %2 sent to the gateway.</source>
        <translation>Bill %1: payment call %2 sent to the gateway.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionRevertPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+91"/>
        <source>Choose the version to go back to</source>
        <translation>Choose the version to go back to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new version with that version&apos;s numbers is written; every version stays in the history.</source>
        <translation>A new version with that version&apos;s numbers is written; every version stays in the history.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading the versions…</source>
        <translation>Reading the versions…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version %1 — %2, by %3, %4</source>
        <extracomment>an earlier version of a bill: version, total, who made it, when</extracomment>
        <translation>Version %1 — %2, by %3, %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This bill has no earlier version.</source>
        <translation>This bill has no earlier version.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionTariffPage</name>
    <message>
        <location line="-97"/>
        <source>Choose the tariff</source>
        <translation>Choose the tariff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bill is normally computed with the tariff that was valid when the session ran. Choose another version only when that one was wrong.</source>
        <translation>A bill is normally computed with the tariff that was valid when the session ran. Choose another version only when that one was wrong.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff</source>
        <translation>Tariff</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The tariff valid when the session ran</source>
        <translation>The tariff valid when the session ran</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the tariffs…</source>
        <translation>Reading the tariffs…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — version %2, %3, from %4</source>
        <extracomment>a tariff version in a list: name, version, currency, from when</extracomment>
        <translation>%1 — version %2, %3, from %4</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n tariff version(s).</source>
        <translation>
            <numerusform>%n tariff version.</numerusform>
            <numerusform>%n tariff versions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionWizard</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/correctionwizard.cpp" line="+24"/>
        <source>Correct %n bill(s)</source>
        <translation>
            <numerusform>Correct %n bill</numerusform>
            <numerusform>Correct %n bills</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct bill %1</source>
        <translation>Correct bill %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply</source>
        <extracomment>the wizard&apos;s commit button: the correction is written when it is pressed</extracomment>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Apply the correction?</source>
        <translation>Apply the correction?</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponRuleDialog</name>
    <message>
        <location filename="../ui/accounts/couponruledialog.cpp" line="+31"/>
        <source>New coupon rule</source>
        <translation>New coupon rule</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On a top-up of at least…</source>
        <translation>On a top-up of at least…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To every new member</source>
        <translation>To every new member</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once a member&apos;s spend in the period reaches…</source>
        <extracomment>a coupon rule&apos;s trigger: once per member, when the member&apos;s spend in the rule&apos;s period reaches an amount</extracomment>
        <translation>Once a member&apos;s spend in the period reaches…</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days from issue:</source>
        <translation>Days from issue:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>From – to:</source>
        <translation>From – to:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued:</source>
        <translation>Issued:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up from (%1):</source>
        <translation>Top-up from (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend in the period from (%1):</source>
        <translation>Spend in the period from (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon worth (%1):</source>
        <translation>Coupon worth (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum spend (%1):</source>
        <translation>Minimum spend (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for department:</source>
        <translation>Only for department:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only at station:</source>
        <translation>Only at station:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for sub-operator:</source>
        <translation>Only for sub-operator:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid:</source>
        <translation>Valid:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create rule</source>
        <translation>Create rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Enter the amounts as numbers such as 10.00.</source>
        <translation>Enter the amounts as numbers such as 10.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/couponstab.cpp" line="+193"/>
        <source>%n day(s) from issue</source>
        <translation>
            <numerusform>%n day from issue</numerusform>
            <numerusform>%n days from issue</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>department %1</source>
        <translation>department %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>station %1</source>
        <translation>station %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sub-operator %1</source>
        <translation>sub-operator %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switched off</source>
        <translation>Switched off</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Top-up %1</source>
        <translation>Top-up %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earned by bill %1</source>
        <extracomment>the source of a coupon earned by spend: the bill that made the spend reach the threshold</extracomment>
        <translation>Earned by bill %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New member</source>
        <translation>New member</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Issued coupons, newest first: %1 shown</source>
        <extracomment>%1 how many of the issued coupons are listed, newest first</extracomment>
        <translation>Issued coupons, newest first: %1 shown</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Switch &amp;on</source>
        <translation>Switch &amp;on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switch &amp;off</source>
        <translation>Switch &amp;off</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Coupon rule &quot;%1&quot; created.</source>
        <translation>Coupon rule &quot;%1&quot; created.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Coupon rule &quot;%1&quot; is on.</source>
        <translation>Coupon rule &quot;%1&quot; is on.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule &quot;%1&quot; is off: it issues no more coupons.</source>
        <translation>Coupon rule &quot;%1&quot; is off: it issues no more coupons.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoke coupon</source>
        <translation>Revoke coupon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 (%2) of %3 can no longer be used.</source>
        <translation>Coupon %1 (%2) of %3 can no longer be used.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoke</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Coupon %1 revoked.</source>
        <translation>Coupon %1 revoked.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>Show &amp;older</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New rule…</source>
        <translation>&amp;New rule…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke…</source>
        <translation>&amp;Revoke…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Worth</source>
        <translation>Worth</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Min spend</source>
        <translation>Min spend</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Limited to</source>
        <translation>Limited to</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <extracomment>the top-up (top-up rules) or the spend in the period (spend rules) that earns a coupon</extracomment>
        <translation>Earned from</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>Earned by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>cd::ui::DashboardPage</name>
    <message>
        <location filename="../ui/dashboard/dashboardpage.cpp" line="+169"/>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for you</source>
        <translation>Waiting for you</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>of %n station(s)</source>
        <translation>
            <numerusform>of %n station</numerusform>
            <numerusform>of %n stations</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations connected now</source>
        <translation>Show the stations connected now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not connected now</source>
        <translation>not connected now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are not connected</source>
        <translation>Show the stations that are not connected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted</source>
        <translation>Faulted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a connector reports a fault</source>
        <translation>a connector reports a fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations with a faulted connector</source>
        <translation>Show the stations with a faulted connector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging now</source>
        <translation>Charging now</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stations delivering energy</source>
        <translation>stations delivering energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are charging a vehicle</source>
        <translation>Show the stations that are charging a vehicle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started since midnight</source>
        <translation>started since midnight</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Show today&apos;s sessions</source>
        <translation>Show today&apos;s sessions</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in today&apos;s sessions, running ones included</source>
        <translation>in today&apos;s sessions, running ones included</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>billed for today&apos;s sessions</source>
        <translation>billed for today&apos;s sessions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Anomaly bills</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting for a correction</source>
        <translation>waiting for a correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the anomaly bills</source>
        <translation>Open the anomaly bills</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open alerts</source>
        <translation>Open alerts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet resolved</source>
        <translation>not yet resolved</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the alerts</source>
        <translation>Open the alerts</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updated %1 · every few seconds</source>
        <extracomment>%1 the time of the last refresh</extracomment>
        <translation>Updated %1 · every few seconds</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentDialog</name>
    <message>
        <location filename="../ui/accounts/departmentdialog.cpp" line="+23"/>
        <source>New department</source>
        <translation>New department</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (top level)</source>
        <translation>None (top level)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>Bill sessions to the parent department&apos;s pooled balance</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent:</source>
        <translation>Parent:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at (%1):</source>
        <translation>Auto-stop at (%1):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create department</source>
        <translation>Create department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>The auto-stop threshold must be an amount such as 1.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentTreeModel</name>
    <message>
        <location filename="../ui/accounts/departmenttreemodel.cpp" line="+138"/>
        <source>Own pool</source>
        <extracomment>a department&apos;s sessions are paid from its own pooled balance</extracomment>
        <translation>Own pool</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Billed to %1</source>
        <extracomment>a department&apos;s sessions are paid from the pool of a parent department, %1</extracomment>
        <translation>Billed to %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pooled balance</source>
        <translation>Pooled balance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid from</source>
        <extracomment>column: whose pooled balance pays the department&apos;s sessions</extracomment>
        <translation>Paid from</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at</source>
        <translation>Auto-stop at</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Department cards</source>
        <translation>Department cards</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentsTab</name>
    <message>
        <location filename="../ui/accounts/departmentstab.cpp" line="+219"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No departments yet: New department… creates one.</source>
        <translation>No departments yet: New department… creates one.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a department to see its cards and top-ups.</source>
        <translation>Select a department to see its cards and top-ups.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+77"/>
        <location line="+45"/>
        <location line="+22"/>
        <source>Department %1</source>
        <translation>Department %1</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Pooled balance %1 · stops charging at %2</source>
        <translation>Pooled balance %1 · stops charging at %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Part of %1.</source>
        <translation>Part of %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from the pooled balance of %1.</source>
        <translation>Its sessions are paid from the pooled balance of %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from its own pooled balance.</source>
        <translation>Its sessions are paid from its own pooled balance.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Created department %1.</source>
        <translation>Created department %1.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the department&apos;s pooled balance.</source>
        <translation>%1 in cash goes onto the department&apos;s pooled balance.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pooled balance: %1 → %2</source>
        <translation>Pooled balance: %1 → %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Topped up %1 (receipt %2); the pooled balance is %3.</source>
        <translation>Topped up %1 (receipt %2); the pooled balance is %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Department card %1 added: up to %n vehicle(s) at once.</source>
        <translation>
            <numerusform>Department card %1 added: up to %n vehicle at once.</numerusform>
            <numerusform>Department card %1 added: up to %n vehicles at once.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 now bills its sessions to the parent department.</source>
        <translation>%1 now bills its sessions to the parent department.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 now pays its sessions from its own pool.</source>
        <translation>%1 now pays its sessions from its own pool.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No departments yet.</source>
        <translation>No departments yet.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n department(s)</source>
        <translation>
            <numerusform>%n department</numerusform>
            <numerusform>%n departments</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New department…</source>
        <translation>&amp;New department…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>&amp;Top up…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add department &amp;card…</source>
        <translation>Add department &amp;card…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Billing…</source>
        <translation>&amp;Billing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department cards</source>
        <translation>Department cards</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card</source>
        <extracomment>column: how many vehicles the department card may charge at the same time</extracomment>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vehicles at once</source>
        <translation>Vehicles at once</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>Taken by</translation>
    </message>
</context>
<context>
    <name>cd::ui::DeskRefundDialog</name>
    <message>
        <location filename="../ui/refunds/deskrefunddialog.cpp" line="+22"/>
        <source>Confirm desk refund</source>
        <translation>Confirm desk refund</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund %1: %2 in cash to %3 for top-up %4.</source>
        <translation>Refund %1: %2 in cash to %3 for top-up %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paid: the member got %1 in cash</source>
        <translation>Paid: the member got %1 in cash</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not paid: %1 goes back to the member&apos;s balance</source>
        <translation>Not paid: %1 goes back to the member&apos;s balance</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>Optional: the desk&apos;s number is used</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>Why: kept in the refund&apos;s history</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receipt number:</source>
        <translation>Receipt number:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>cd::ui::DeviceModelDialog</name>
    <message>
        <location filename="../ui/stations/devicemodeldialog.cpp" line="+33"/>
        <source>Device model of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>Device model of %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by component, variable or value</source>
        <translation>Search by component, variable or value</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a full report…</source>
        <translation>Ask for a full report…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sends the station GetBaseReport (FullInventory); it answers with NotifyReport, and the device model here is updated.</source>
        <translation>Sends the station GetBaseReport (FullInventory); it answers with NotifyReport, and the device model here is updated.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No station with the id %1.</source>
        <translation>No station with the id %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station has not reported its device model yet. Ask it for a full report.</source>
        <translation>The station has not reported its device model yet. Ask it for a full report.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n variable(s)</source>
        <translation>
            <numerusform>%n variable</numerusform>
            <numerusform>%n variables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n variable(s)</source>
        <translation>
            <numerusform>%1 of %n variable</numerusform>
            <numerusform>%1 of %n variables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::DeviceModelTableModel</name>
    <message>
        <location filename="../ui/stations/devicemodeltablemodel.cpp" line="+37"/>
        <source>EVSE %1</source>
        <translation>EVSE %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connector %1</source>
        <translation>connector %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The station reported no value</source>
        <translation>The station reported no value</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>values: %1</source>
        <translation>values: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribute</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mutability</source>
        <translation>Mutability</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type and unit</source>
        <translation>Type and unit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reported</source>
        <translation>Reported</translation>
    </message>
</context>
<context>
    <name>cd::ui::FirstAdministratorDialog</name>
    <message>
        <location filename="../ui/access/firstadministratordialog.cpp" line="+145"/>
        <source>Choose a login for the administrator.</source>
        <translation>Choose a login for the administrator.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Welcome to ChargeDesk</source>
        <translation>Welcome to ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the administrator</source>
        <translation>Create the administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This database has no operator accounts yet. The administrator you create now logs in to every console that opens it, adds the other operators and gives each a role: support, site manager, accountant or one of your own. Without accounts, whoever opens this console may do everything.</source>
        <translation>This database has no operator accounts yet. The administrator you create now logs in to every console that opens it, adds the other operators and gives each a role: support, site manager, accountant or one of your own. Without accounts, whoever opens this console may do everything.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown in lists; the login if empty</source>
        <translation>Shown in lists; the login if empty</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not ask again on this computer when I continue without accounts</source>
        <translation>Do not ask again on this computer when I continue without accounts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create and log in</source>
        <translation>Create and log in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue without accounts</source>
        <translation>Continue without accounts</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginDialog</name>
    <message>
        <location filename="../ui/access/logindialog.cpp" line="+125"/>
        <location line="+23"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+23"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Log in to ChargeDesk</source>
        <translation>Log in to ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in with your operator account</source>
        <translation>Log in with your operator account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <extracomment>closes the console without logging in</extracomment>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginSessionModel</name>
    <message>
        <location filename="../ui/operators/loginsessionmodel.cpp" line="+59"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logged in</source>
        <translation>Logged in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginSessionsTab</name>
    <message>
        <location filename="../ui/operators/loginsessionstab.cpp" line="+109"/>
        <source>%1 (logged in %2)</source>
        <translation>%1 (logged in %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is your own login on this console.</source>
        <translation>This is your own login on this console.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;End session…</source>
        <translation>&amp;End session…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody is logged in.</source>
        <translation>Nobody is logged in.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n login(s) open</source>
        <translation>
            <numerusform>%n login open</numerusform>
            <numerusform>%n logins open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+242"/>
        <source>The administrator account exists now: log in with it.</source>
        <translation>The administrator account exists now: log in with it.</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Your password was changed.</source>
        <translation>Your password was changed.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your role is now %1. Log out and in again to see its screens.</source>
        <extracomment>%1 is the new role&apos;s name</extracomment>
        <translation>Your role is now %1. Log out and in again to see its screens.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log out</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Change my password…</source>
        <translation>&amp;Change my password…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2</source>
        <extracomment>Status bar: %1 is the operator&apos;s name, %2 their role (&quot;Accountant&quot;)</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logged in as %1</source>
        <extracomment>Tooltip of the status bar&apos;s operator: %1 is the login</extracomment>
        <translation>Logged in as %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ChargeDesk</source>
        <translation>&amp;About ChargeDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: %1 · %2</source>
        <extracomment>Status bar: %1 is the database engine (&quot;SQLCipher 3.4.1&quot;), %2 its file or server</extracomment>
        <translation>Database: %1 · %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About ChargeDesk</source>
        <translation>About ChargeDesk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Operator console and OCPP server for EV-charging networks: stations, charging sessions, anomaly bills, refunds and reconciliation reports.</source>
        <translation>Operator console and OCPP server for EV-charging networks: stations, charging sessions, anomaly bills, refunds and reconciliation reports.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapPage</name>
    <message>
        <location filename="../ui/map/mappage.cpp" line="+259"/>
        <source>All vendors</source>
        <translation>All vendors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>All sites</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No site</source>
        <translation>No site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all</source>
        <translation>Show all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom so that every station shown fits on the map</source>
        <translation>Zoom so that every station shown fits on the map</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n station(s) on the map · updated %1</source>
        <extracomment>%n stations drawn on the map; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n station on the map · updated %1</numerusform>
            <numerusform>%n stations on the map · updated %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source> · %n without a location</source>
        <extracomment>Appended to the map&apos;s summary: stations that have no coordinates</extracomment>
        <translation>
            <numerusform> · %n without a location</numerusform>
            <numerusform> · %n without a location</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A station without a location is not on the map. Give it one with: chargedesk-cli station set-location &lt;station&gt; --lat &lt;latitude&gt; --lon &lt;longitude&gt;</source>
        <translation>A station without a location is not on the map. Give it one with: chargedesk-cli station set-location &lt;station&gt; --lat &lt;latitude&gt; --lon &lt;longitude&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No stations yet. A station appears here when it connects and has a location (chargedesk-cli station set-location).</source>
        <translation>No stations yet. A station appears here when it connects and has a location (chargedesk-cli station set-location).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No station shown has a location. Give one with chargedesk-cli station set-location, or choose other filters.</source>
        <translation>No station shown has a location. Give one with chargedesk-cli station set-location, or choose other filters.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSection</name>
    <message>
        <location filename="../ui/settings/mapsection.cpp" line="+102"/>
        <source>Saved. The map loads its tiles from %1.</source>
        <translation>Saved. The map loads its tiles from %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved. The map shows the offline basemap.</source>
        <translation>Saved. The map shows the offline basemap.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load online map tiles</source>
        <translation>Load online map tiles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tile address:</source>
        <translation>Tile address:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution:</source>
        <translation>Attribution:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use OpenStreetMap</source>
        <translation>Use OpenStreetMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without online tiles the map draws the countries and coastlines shipped with ChargeDesk and needs no network. Online tiles show streets; they are kept in a cache on this computer (%1) and the map credits their source as the licence asks. OpenStreetMap&apos;s tile servers are for light use: a network with many consoles should use its own or a commercial tile server.</source>
        <translation>Without online tiles the map draws the countries and coastlines shipped with ChargeDesk and needs no network. Online tiles show streets; they are kept in a cache on this computer (%1) and the map credits their source as the licence asks. OpenStreetMap&apos;s tile servers are for light use: a network with many consoles should use its own or a commercial tile server.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSettings</name>
    <message>
        <location filename="../ui/map/mapsettings.cpp" line="+42"/>
        <source>The tile address must be an http or https address, like %1.</source>
        <translation>The tile address must be an http or https address, like %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tile address must contain {z}, {x} and {y} (the zoom level and the tile&apos;s column and row).</source>
        <translation>The tile address must contain {z}, {x} and {y} (the zoom level and the tile&apos;s column and row).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the attribution the tile server&apos;s licence asks for (for OpenStreetMap: %1).</source>
        <translation>Give the attribution the tile server&apos;s licence asks for (for OpenStreetMap: %1).</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapView</name>
    <message numerus="yes">
        <location filename="../ui/map/mapview.cpp" line="+261"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Natural Earth</source>
        <extracomment>Credit for the offline basemap&apos;s data (a proper name)</extracomment>
        <translation>Natural Earth</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n station(s) here</source>
        <translation>
            <numerusform>%n station here</numerusform>
            <numerusform>%n stations here</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2</source>
        <extracomment>A cluster&apos;s tooltip: the number of its stations in a state, then the state</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to zoom in</source>
        <translation>Click to zoom in</translation>
    </message>
    <message>
        <location line="+246"/>
        <source>Zoom in (+)</source>
        <translation>Zoom in (+)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (−)</source>
        <translation>Zoom out (−)</translation>
    </message>
</context>
<context>
    <name>cd::ui::MemberDialog</name>
    <message>
        <location filename="../ui/accounts/memberdialog.cpp" line="+21"/>
        <source>New member</source>
        <translation>New member</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop at (%1):</source>
        <translation>Auto-stop at (%1):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create member</source>
        <translation>Create member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Edit member %1</source>
        <translation>Edit member %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>The auto-stop threshold must be an amount such as 1.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MemberTableModel</name>
    <message>
        <location filename="../ui/accounts/membertablemodel.cpp" line="+107"/>
        <source>No.</source>
        <extracomment>column: the member&apos;s number</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refundable</source>
        <extracomment>column: the part of the balance a refund may give back</extracomment>
        <translation>Refundable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund pending</source>
        <translation>Refund pending</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto-stop at</source>
        <extracomment>column: charging stops when the balance falls to this amount</extracomment>
        <translation>Auto-stop at</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cards</source>
        <translation>Cards</translation>
    </message>
</context>
<context>
    <name>cd::ui::MembersTab</name>
    <message>
        <location filename="../ui/accounts/memberstab.cpp" line="+308"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a member to see the cards, top-ups and coupons.</source>
        <translation>Select a member to see the cards, top-ups and coupons.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+126"/>
        <location line="+57"/>
        <location line="+16"/>
        <source>Member %1: %2</source>
        <translation>Member %1: %2</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>department %1</source>
        <translation>department %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Balance %1 · refundable %2 · stops charging at %3</source>
        <translation>Balance %1 · refundable %2 · stops charging at %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A refund of %1 waits for the audit: it is not refundable again until then.</source>
        <translation>A refund of %1 waits for the audit: it is not refundable again until then.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+212"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>Cash at the desk</source>
        <translation>Cash at the desk</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Created member %1.</source>
        <translation>Created member %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <source>Coupon %1 (%2) issued.</source>
        <translation>Coupon %1 (%2) issued.</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Member %1 saved.</source>
        <translation>Member %1 saved.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the member&apos;s balance.</source>
        <translation>%1 in cash goes onto the member&apos;s balance.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance: %1 → %2</source>
        <translation>Balance: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refundable: %1 → %2</source>
        <translation>Refundable: %1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns the coupon &quot;%1&quot; worth %2.</source>
        <translation>It earns the coupon &quot;%1&quot; worth %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns no coupon.</source>
        <translation>It earns no coupon.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Topped up %1 (receipt %2); the balance is %3.</source>
        <translation>Topped up %1 (receipt %2); the balance is %3.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Card %1 added.</source>
        <translation>Card %1 added.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Charging now stops at %1.</source>
        <translation>Charging now stops at %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by name, phone, e-mail, card or number</source>
        <translation>Search by name, phone, e-mail, card or number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No members found.</source>
        <translation>No members found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 members shown, more when you scroll down</source>
        <translation>%1 members shown, more when you scroll down</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New member…</source>
        <translation>&amp;New member…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>&amp;Top up…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;card…</source>
        <translation>Add &amp;card…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-&amp;stop threshold…</source>
        <translation>Auto-&amp;stop threshold…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Cards</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Top-ups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paid by</source>
        <translation>Paid by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>Taken by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>Worth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min spend</source>
        <translation>Min spend</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>cd::ui::NavigationModel</name>
    <message>
        <location filename="../ui/shell/navigationmodel.cpp" line="+29"/>
        <source>%1 (%2)</source>
        <extracomment>Tooltip of a navigation item: %1 is the screen&apos;s name, %2 its keyboard shortcut</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::ui::OnlineTiles</name>
    <message>
        <location filename="../ui/map/onlinetiles.cpp" line="+77"/>
        <source>The tile server answered %1.</source>
        <translation>The tile server answered %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tile server sent something that is not an image.</source>
        <translation>The tile server sent something that is not an image.</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperationsPage</name>
    <message>
        <location filename="../ui/operations/operationspage.cpp" line="+431"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n session(s) · updated %1</source>
        <extracomment>%n sessions in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n session · updated %1</numerusform>
            <numerusform>%n sessions · updated %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>No session matches the search.</source>
        <translation>No session matches the search.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No sessions yet. A session appears here when a station starts charging.</source>
        <translation>No sessions yet. A session appears here when a station starts charging.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No sessions since midnight.</source>
        <translation>No sessions since midnight.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open sessions: nothing is charging now.</source>
        <translation>No open sessions: nothing is charging now.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No old open sessions: every station reported the end of its sessions.</source>
        <translation>No old open sessions: every station reported the end of its sessions.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No suspicious sessions.</source>
        <translation>No suspicious sessions.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Last 100</source>
        <translation>Last 100</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started since midnight</source>
        <translation>Sessions started since midnight</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OLD &amp;&amp; OPEN</source>
        <extracomment>sessions open for longer than the age chosen next to the tabs</extracomment>
        <translation>OLD &amp;&amp; OPEN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspicious</source>
        <translation>Suspicious</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions still open after the chosen age: the station probably never sent Stop</source>
        <translation>Sessions still open after the chosen age: the station probably never sent Stop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sessions with anomalies: charging without an authorised card, missing station messages, closed by the system, or no energy in a long session</source>
        <translation>Sessions with anomalies: charging without an authorised card, missing station messages, closed by the system, or no energy in a long session</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session number, station, user, phone or card</source>
        <translation>Session number, station, user, phone or card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open longer than</source>
        <translation>Open longer than</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> h</source>
        <extracomment>the unit after the number of hours, e.g. &quot;24 h&quot;</extracomment>
        <translation> h</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session log</source>
        <translation>Session log</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chart</source>
        <extracomment>the tab with the selected session&apos;s power, energy, current, voltage and SoC curves</extracomment>
        <translation>Chart</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorDialog</name>
    <message>
        <location filename="../ui/operators/operatordialog.cpp" line="+34"/>
        <location line="+5"/>
        <source>Add operator</source>
        <translation>Add operator</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The first operator account is an administrator. Once it exists, every change needs a login: the console then asks you to log in with it.</source>
        <translation>The first operator account is an administrator. Once it exists, every change needs a login: the console then asks you to log in with it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new operator account. Tell the operator their password; they can change it after logging in.</source>
        <translation>A new operator account. Tell the operator their password; they can change it after logging in.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Letters, digits, . _ - @</source>
        <translation>Letters, digits, . _ - @</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional: the login</source>
        <translation>Optional: the login</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ole:</source>
        <translation>R&amp;ole:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins &amp;at once:</source>
        <translation>Logins &amp;at once:</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorTableModel</name>
    <message>
        <location filename="../ui/operators/operatortablemodel.cpp" line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Too many wrong passwords in a row. An administrator can unlock the login now; it unlocks by itself at %1.</source>
        <translation>Too many wrong passwords in a row. An administrator can unlock the login now; it unlocks by itself at %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked until %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins at once</source>
        <translation>Logins at once</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsPage</name>
    <message>
        <location filename="../ui/operators/operatorspage.cpp" line="+118"/>
        <source>Read only: changing operators, roles and logins needs the permission to %1.</source>
        <translation>Read only: changing operators, roles and logins needs the permission to %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins open now</source>
        <translation>Logins open now</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsTab</name>
    <message>
        <location filename="../ui/operators/operatorstab.cpp" line="+235"/>
        <source>&amp;Enable…</source>
        <translation>&amp;Enable…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable…</source>
        <translation>&amp;Disable…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Add operator…</source>
        <translation>&amp;Add operator…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;role…</source>
        <translation>Change &amp;role…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logins at once…</source>
        <translation>&amp;Logins at once…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;password…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock…</source>
        <translation>&amp;Unlock…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No operator accounts yet: the console works without logins.</source>
        <translation>No operator accounts yet: the console works without logins.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n operator(s)</source>
        <translation>
            <numerusform>%n operator</numerusform>
            <numerusform>%n operators</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PasswordFields</name>
    <message>
        <location filename="../ui/access/passwordfields.cpp" line="+73"/>
        <source>&amp;New password:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Too short: at least %n character(s).</source>
        <translation>
            <numerusform>Too short: at least %n character.</numerusform>
            <numerusform>Too short: at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords are not the same.</source>
        <translation>The two passwords are not the same.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>At least %n character(s), typed twice.</source>
        <translation>
            <numerusform>At least %n character, typed twice.</numerusform>
            <numerusform>At least %n characters, typed twice.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PaymentsSection</name>
    <message>
        <location filename="../ui/settings/paymentssection.cpp" line="+138"/>
        <source>Kept in the OS keychain; type to replace it</source>
        <translation>Kept in the OS keychain; type to replace it</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sk_live_… or sk_test_…</source>
        <translation>sk_live_… or sk_test_…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Putting the key in the OS keychain…</source>
        <translation>Putting the key in the OS keychain…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved. The key is in the OS keychain.</source>
        <translation>Saved. The key is in the OS keychain.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The manual gateway needs no connection: the operator takes the money at the desk.</source>
        <translation>The manual gateway needs no connection: the operator takes the money at the desk.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asking the gateway…</source>
        <translation>Asking the gateway…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No key for this address in the OS keychain: type the secret key first.</source>
        <translation>No key for this address in the OS keychain: type the secret key first.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Connected: %1 accepted the key.</source>
        <translation>Connected: %1 accepted the key.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Payments</source>
        <translation>Payments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment gateway:</source>
        <translation>Payment gateway:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual — cash or a terminal at the desk</source>
        <translation>Manual — cash or a terminal at the desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card gateway over HTTP (Stripe-compatible)</source>
        <translation>Card gateway over HTTP (Stripe-compatible)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway address:</source>
        <translation>Gateway address:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret key:</source>
        <translation>Secret key:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holds reserve money on the customer&apos;s card before charging; finishing a session captures part of the hold and releases the rest. The secret key is kept in the operating system&apos;s keychain, never in a file. A change applies to holds made after it; a hold is always finished with the gateway that made it.</source>
        <translation>Holds reserve money on the customer&apos;s card before charging; finishing a session captures part of the hold and releases the rest. The secret key is kept in the operating system&apos;s keychain, never in a file. A change applies to holds made after it; a hold is always finished with the gateway that made it.</translation>
    </message>
</context>
<context>
    <name>cd::ui::PlacementDialog</name>
    <message>
        <location filename="../ui/stations/placementdialog.cpp" line="+53"/>
        <source>Place station %1</source>
        <translation>Place station %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where %1 stands: its site decides whose meter and which partner&apos;s reports it counts in; its place on the map is where site managers find it. Both changes are kept in the audit log.</source>
        <translation>Where %1 stands: its site decides whose meter and which partner&apos;s reports it counts in; its place on the map is where site managers find it. Both changes are kept in the audit log.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No site</source>
        <translation>No site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show on the map at</source>
        <translation>Show on the map at</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Site:</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Latitude:</source>
        <translation>&amp;Latitude:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;ongitude:</source>
        <translation>L&amp;ongitude:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundDetailPane</name>
    <message>
        <location filename="../ui/refunds/refunddetailpane.cpp" line="+111"/>
        <source>No application selected</source>
        <translation>No application selected</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Application %1 of %2</source>
        <extracomment>%1 the application&apos;s number, %2 the member</extracomment>
        <translation>Application %1 of %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Applied for %1 on %2: &quot;%3&quot;.</source>
        <translation>Applied for %1 on %2: &quot;%3&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 · refunded %2.</source>
        <translation>Commission %1 · refunded %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unused coupons the refunded top-ups earned are revoked.</source>
        <translation>Unused coupons the refunded top-ups earned are revoked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons the refunded top-ups earned are kept.</source>
        <translation>Coupons the refunded top-ups earned are kept.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Desk (cash)</source>
        <translation>Desk (cash)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Top-up %1 (%2)</source>
        <translation>Top-up %1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Used</source>
        <translation>Used</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up %1</source>
        <translation>Top-up %1</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>%1 now: balance %2 · refundable %3 · pending refund %4</source>
        <extracomment>zpd_case#14: where the member&apos;s money is now</extracomment>
        <translation>%1 now: balance %2 · refundable %3 · pending refund %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(taken off the balance and the refundable amount until the audit and the refund are done)</source>
        <extracomment>zpd_case#14: why the balance is lower than the member expects</extracomment>
        <translation>(taken off the balance and the refundable amount until the audit and the refund are done)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>History (%1)</source>
        <extracomment>a tab of the refund&apos;s detail; %1 how many entries</extracomment>
        <translation>History (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway and desk refunds (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: its refunds through the payment gateway or in cash; %1 how many</extracomment>
        <translation>Gateway and desk refunds (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: coupons the refunded top-ups earned; %1 how many</extracomment>
        <translation>Coupons (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our refund no.</source>
        <translation>Our refund no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway&apos;s no.</source>
        <translation>Gateway&apos;s no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up amount</source>
        <translation>Top-up amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>Worth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>Earned by</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundEngine</name>
    <message>
        <location filename="../ui/refunds/refundengine.cpp" line="+21"/>
        <source>The payment gateway&apos;s key is still being read from the keychain; try again in a moment.</source>
        <translation>The payment gateway&apos;s key is still being read from the keychain; try again in a moment.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refunds cannot start: the payment gateway&apos;s key could not be read from the keychain (%1).</source>
        <translation>Refunds cannot start: the payment gateway&apos;s key could not be read from the keychain (%1).</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundsPage</name>
    <message>
        <location filename="../ui/refunds/refundspage.cpp" line="+131"/>
        <source>Refund of application %1: %2</source>
        <translation>Refund of application %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway confirmed a refund of application %1.</source>
        <translation>The gateway confirmed a refund of application %1.</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>Applications, newest first: %1 shown</source>
        <extracomment>%1 how many applications are listed</extracomment>
        <translation>Applications, newest first: %1 shown</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Application %1: %2 of %3 is pending the audit.</source>
        <extracomment>%1 the application&apos;s number, %2 the amount, %3 the member</extracomment>
        <translation>Application %1: %2 of %3 is pending the audit.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 is paid back in cash at the desk for top-up %2%3; confirm it when paid.</source>
        <translation>%1 is paid back in cash at the desk for top-up %2%3; confirm it when paid.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 goes back to the card of top-up %2%3 through %4.</source>
        <extracomment>%1 amount, %2 the top-up&apos;s number, %3 its receipt in brackets, %4 the gateway</extracomment>
        <translation>%1 goes back to the card of top-up %2%3 through %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 cannot be refunded through any top-up and goes back to %2&apos;s refundable balance.</source>
        <translation>%1 cannot be refunded through any top-up and goes back to %2&apos;s refundable balance.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 is kept.</source>
        <translation>Commission %1 is kept.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Application %1 of %2 for %3: &quot;%4&quot;</source>
        <translation>Application %1 of %2 for %3: &quot;%4&quot;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Application %1 approved: %2 is being refunded.</source>
        <translation>Application %1 approved: %2 is being refunded.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reject refund</source>
        <translation>Reject refund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application %1 of %2 is rejected: %3 goes back to the member&apos;s balance and refundable amount, and leaves the pending refund.</source>
        <translation>Application %1 of %2 is rejected: %3 goes back to the member&apos;s balance and refundable amount, and leaves the pending refund.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Application %1 rejected: %2 is back with %3.</source>
        <translation>Application %1 rejected: %2 is back with %3.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Desk refund of %1 confirmed (application %2).</source>
        <translation>Desk refund of %1 confirmed (application %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desk refund not paid: %1 is back with %2.</source>
        <translation>Desk refund not paid: %1 is back with %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n refund(s) sent to the gateway again.</source>
        <translation>
            <numerusform>%n refund sent to the gateway again.</numerusform>
            <numerusform>%n refunds sent to the gateway again.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing sent: the gateway&apos;s answer is still awaited.</source>
        <translation>Nothing sent: the gateway&apos;s answer is still awaited.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Member:</source>
        <translation>&amp;Member:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, phone, e-mail or card</source>
        <translation>Name, phone, e-mail or card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New application…</source>
        <translation>&amp;New application…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Approve…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reject…</source>
        <translation>&amp;Reject…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm &amp;desk refund…</source>
        <translation>Confirm &amp;desk refund…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;try</source>
        <translation>Re&amp;try</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>Show &amp;older</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commission</source>
        <translation>Commission</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decided by</source>
        <translation>Decided by</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportCellText</name>
    <message>
        <location filename="../ui/reports/reportcelltext.cpp" line="+15"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy, %1 the number with three decimals</extracomment>
        <translation>%1 kWh</translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%n row(s)</source>
        <extracomment>%n rows of a report</extracomment>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExporter</name>
    <message>
        <location filename="../ui/reports/reportexporter.cpp" line="+56"/>
        <source>Exporting %1</source>
        <extracomment>%1 the report&apos;s title</extracomment>
        <translation>Exporting %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the report…</source>
        <translation>Opening the report…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of %2 rows written (%3 %)</source>
        <extracomment>%1 rows written so far, %2 rows in the report, %3 the percentage</extracomment>
        <translation>%1 of %2 rows written (%3 %)</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExportsTab</name>
    <message>
        <location filename="../ui/reports/reportexportstab.cpp" line="+197"/>
        <source>Exports, newest first: %1 shown</source>
        <extracomment>%1 how many exports are listed</extracomment>
        <translation>Exports, newest first: %1 shown</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Running the report of export %1 again…</source>
        <extracomment>%1 the export&apos;s number</extracomment>
        <translation>Running the report of export %1 again…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Select an export and press &quot;What changed since…&quot;.</source>
        <translation>Select an export and press &quot;What changed since…&quot;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing changed since export %1 (%2, %3).</source>
        <extracomment>%1 the export&apos;s number, %2 the report, %3 when it was exported</extracomment>
        <translation>Nothing changed since export %1 (%2, %3).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Since export %4 (%5, %6): %1 added, %2 removed, %3 changed.</source>
        <extracomment>%1 added rows, %2 removed rows, %3 changed rows, %4 the export&apos;s number, %5 the report, %6 when</extracomment>
        <translation>Since export %4 (%5, %6): %1 added, %2 removed, %3 changed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In the export: %1
Now: %2</source>
        <extracomment>the totals of the rows as exported (%1) and as they are now (%2)</extracomment>
        <translation>In the export: %1
Now: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exported</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What changed since…</source>
        <translation>What changed since…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected export&apos;s report again now and compare it row by row with the file</source>
        <translation>Run the selected export&apos;s report again now and compare it row by row with the file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show older</source>
        <translation>Show older</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportParameterForm</name>
    <message>
        <location filename="../ui/reports/reportparameterform.cpp" line="+161"/>
        <source>The first day of the period (UTC)</source>
        <translation>The first day of the period (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last day of the period, included (UTC)</source>
        <translation>The last day of the period, included (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sub-operators</source>
        <translation>All sub-operators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>All sites</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportsPage</name>
    <message>
        <location filename="../ui/reports/reportspage.cpp" line="+438"/>
        <source>No report shown yet</source>
        <translation>No report shown yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a report and its parameters on the left, then press Run.</source>
        <translation>Choose a report and its parameters on the left, then press Run.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report has no rows for these parameters.</source>
        <translation>The report has no rows for these parameters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 rows shown</source>
        <extracomment>%1 rows shown, %2 rows in the report</extracomment>
        <translation>%1 of %2 rows shown</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV, comma-separated text (*.csv)</source>
        <translation>CSV, comma-separated text (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON data (*.json)</source>
        <translation>JSON data (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+50"/>
        <source>Export report</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Export %1 done: %2 rows written to %3.</source>
        <extracomment>%1 the export&apos;s number, %2 rows, %3 the file</extracomment>
        <translation>Export %1 done: %2 rows written to %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export stopped and left no file: %1</source>
        <extracomment>%1 why the export stopped</extracomment>
        <translation>The export stopped and left no file: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the whole report to a CSV, Excel, PDF or JSON file</source>
        <translation>Write the whole report to a CSV, Excel, PDF or JSON file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;more</source>
        <translation>Show &amp;more</translation>
    </message>
</context>
<context>
    <name>cd::ui::RoleListModel</name>
    <message>
        <location filename="../ui/operators/rolelistmodel.cpp" line="+43"/>
        <source>%1 (built-in)</source>
        <translation>%1 (built-in)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n operator(s) with this role</source>
        <translation>
            <numerusform>%n operator with this role</numerusform>
            <numerusform>%n operators with this role</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::RolesTab</name>
    <message>
        <location filename="../ui/operators/rolestab.cpp" line="+269"/>
        <source>Change the permissions of %1?</source>
        <translation>Change the permissions of %1?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Allow: %1</source>
        <translation>Allow: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No longer allow: %1</source>
        <translation>No longer allow: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;New role…</source>
        <translation>&amp;New role…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;lete role…</source>
        <translation>De&amp;lete role…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Screens</source>
        <translation>&amp;Screens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ac&amp;tions</source>
        <translation>Ac&amp;tions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;pply…</source>
        <translation>A&amp;pply…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>Re&amp;vert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No role selected</source>
        <translation>No role selected</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n operator(s) with this role.</source>
        <translation>
            <numerusform>%n operator with this role.</numerusform>
            <numerusform>%n operators with this role.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrators always have every permission, also those added in later versions.</source>
        <translation>Administrators always have every permission, also those added in later versions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A built-in role: its permissions can be changed, it cannot be deleted.</source>
        <translation>A built-in role: its permissions can be changed, it cannot be deleted.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A custom role.</source>
        <translation>A custom role.</translation>
    </message>
</context>
<context>
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+52"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operations</source>
        <comment>charging sessions and the operator&apos;s actions on them</comment>
        <translation>Operations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Anomaly bills</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accounts</source>
        <extracomment>the screen of members, departments, coupons and tariffs</extracomment>
        <translation>Accounts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit log</source>
        <extracomment>the screen that browses the append-only audit log</extracomment>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Operators</source>
        <extracomment>the screen of operator accounts, roles and login sessions</extracomment>
        <translation>Operators</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location. Click a station for its history.</source>
        <translation>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location. Click a station for its history.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The interface language, this console&apos;s station server, payments, alerts, the map&apos;s tiles and the database it works with.</source>
        <translation>The interface language, this console&apos;s station server, payments, alerts, the map&apos;s tiles and the database it works with.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Your role does not include this screen</source>
        <translation>Your role does not include this screen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An administrator can add it to your role on the Operators screen. Log out and in again to see it.</source>
        <translation>An administrator can add it to your role on the Operators screen. Log out and in again to see it.</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>All stations and connectors with vendor, model and firmware, their current state, and their history of faults and offline periods.</source>
        <translation>All stations and connectors with vendor, model and firmware, their current state, and their history of faults and offline periods.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find a charging session fast: the last 100, by number, by phone or card, or among old sessions that were never closed. Read its log and fix it: finish, cancel the hold, finalize or set the energy.</source>
        <translation>Find a charging session fast: the last 100, by number, by phone or card, or among old sessions that were never closed. Read its log and fix it: finish, cancel the hold, finalize or set the energy.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stations offline or faulted, failed starts, charging without an authorised session, stops not honoured and meter jumps: acknowledge them, assign them and resolve them with a note.</source>
        <translation>Stations offline or faulted, failed starts, charging without an authorised session, stops not honoured and meter jumps: acknowledge them, assign them and resolve them with a note.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bills flagged with anomaly codes, such as a lost bill or energy that differs from the platform&apos;s meter readings. Filter them in bulk and correct them with a preview of every effect on money.</source>
        <translation>Bills flagged with anomaly codes, such as a lost bill or energy that differs from the platform&apos;s meter readings. Filter them in bulk and correct them with a preview of every effect on money.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Members and departments with their balances, cards, top-ups and coupons; the coupon rules; and the tariffs, with a preview of what a session would cost.</source>
        <translation>Members and departments with their balances, cards, top-ups and coupons; the coupon rules; and the tariffs, with a preview of what a session would cost.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every change to money, session status, tariffs, stations, accounts, roles and operators: who made it, when, why, and the values before and after. Nothing in it can be changed or deleted.</source>
        <translation>Every change to money, session status, tariffs, stations, accounts, roles and operators: who made it, when, why, and the values before and after. Nothing in it can be changed or deleted.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who may use this console: operator accounts, their roles and what each role may see and do, and the logins open now.</source>
        <translation>Who may use this console: operator accounts, their roles and what each role may see and do, and the logins open now.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Not available in this version yet</source>
        <translation>Not available in this version yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A later version of ChargeDesk will fill in this screen. Until then, it shows no data.</source>
        <translation>A later version of ChargeDesk will fill in this screen. Until then, it shows no data.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionActionDialog</name>
    <message>
        <location filename="../ui/operations/sessionactiondialog.cpp" line="+56"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (unchanged)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Close the session as if the station had sent Stop: the hold is settled by the energy counter (captured by the amount, the rest released). The session becomes finished, or canceled at 0 Wh.</source>
        <translation>Close the session as if the station had sent Stop: the hold is settled by the energy counter (captured by the amount, the rest released). The session becomes finished, or canceled at 0 Wh.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the held money back to the customer&apos;s card. The session becomes canceled unless it has already failed.</source>
        <translation>Give the held money back to the customer&apos;s card. The session becomes canceled unless it has already failed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Capture part of the hold and release the rest. Leave the amount empty to capture the session&apos;s last reported total.</source>
        <translation>Capture part of the hold and release the rest. Leave the amount empty to capture the session&apos;s last reported total.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set the session&apos;s energy counter, for example from the station&apos;s display or its own bill. Recomputing prices the new energy with the tariff.</source>
        <translation>Set the session&apos;s energy counter, for example from the station&apos;s display or its own bill. Recomputing prices the new energy with the tariff.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SOFT respects the status priorities (a finished session cannot go back to charging); OVERRIDE ignores them and is marked as such in the audit log.</source>
        <translation>SOFT respects the status priorities (a finished session cannot go back to charging); OVERRIDE ignores them and is marked as such in the audit log.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the station to start charging on this session&apos;s connector with the same card.</source>
        <translation>Ask the station to start charging on this session&apos;s connector with the same card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the station to stop this session. The session closes when the station reports the stop.</source>
        <translation>Ask the station to stop this session. The session closes when the station reports the stop.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restart the session&apos;s station. A soft reset waits for the charging to end; a hard reset restarts at once.</source>
        <translation>Restart the session&apos;s station. A soft reset waits for the charging to end; a hard reset restarts at once.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 — session %2</source>
        <extracomment>the dialog&apos;s title: %1 the action such as &quot;Finish&quot;, %2 the session number</extracomment>
        <translation>%1 — session %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>What will happen</source>
        <translation>What will happen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reason (kept in the audit log, required):</source>
        <translation>Reason (kept in the audit log, required):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer called, the station shows 12.4 kWh</source>
        <translation>For example: the customer called, the station shows 12.4 kWh</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>At most %n decimal place(s); empty: the session&apos;s last reported total.</source>
        <translation>
            <numerusform>At most %n decimal place; empty: the session&apos;s last reported total.</numerusform>
            <numerusform>At most %n decimal places; empty: the session&apos;s last reported total.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount to capture</source>
        <translation>Amount to capture</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> Wh</source>
        <extracomment>unit after an energy in watt-hours</extracomment>
        <translation> Wh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute the amount with the tariff</source>
        <translation>Recompute the amount with the tariff</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+125"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>SOFT — respect the priorities</source>
        <translation>SOFT — respect the priorities</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OVERRIDE — ignore the priorities</source>
        <translation>OVERRIDE — ignore the priorities</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New status</source>
        <translation>New status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hard reset (restart at once, interrupting charging)</source>
        <translation>Hard reset (restart at once, interrupting charging)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Type an amount such as %1 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>Type an amount such as %1 (at most %n decimal place).</numerusform>
            <numerusform>Type an amount such as %1 (at most %n decimal places).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Working out what will happen…</source>
        <translation>Working out what will happen…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Command to the station</source>
        <translation>Command to the station</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (no tariff: the amount stays)</source>
        <translation>%1 (no tariff: the amount stays)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held</source>
        <translation>Held</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Capture %1 from the card.</source>
        <translation>Capture %1 from the card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Release %1 back to the customer&apos;s card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>Refund %1 of the captured money.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>%1 of the amount is above the hold and is not collected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>Money does not move.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money</source>
        <translation>Money</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot run: %1</source>
        <translation>Cannot run: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Wait for the preview.</source>
        <translation>Wait for the preview.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The preview says why this cannot run.</source>
        <translation>The preview says why this cannot run.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the reason first (at most %1 characters).</source>
        <translation>Type the reason first (at most %1 characters).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Command %1 sent to the queue; the station&apos;s answer appears in the session log.</source>
        <translation>Command %1 sent to the queue; the station&apos;s answer appears in the session log.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done. Audit record %1.</source>
        <translation>Done. Audit record %1.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionCard</name>
    <message>
        <location filename="../ui/operations/sessioncard.cpp" line="+110"/>
        <source>No hold</source>
        <translation>No hold</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold requested</source>
        <translation>Hold requested</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank is processing the hold</source>
        <translation>Bank is processing the hold</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money held on the card</source>
        <translation>Money held on the card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Captured</source>
        <translation>Captured</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Released to the customer</source>
        <translation>Released to the customer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold canceled</source>
        <translation>Hold canceled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold failed</source>
        <translation>Hold failed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No payment recorded</source>
        <translation>No payment recorded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment pending</source>
        <translation>Payment pending</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment failed</source>
        <translation>Payment failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Transaction card</source>
        <translation>Transaction card</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1</source>
        <extracomment>the transaction card&apos;s heading; %1 the session number such as 231116-000042</extracomment>
        <translation>Session %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No card yet</source>
        <translation>No card yet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card %1</source>
        <translation>Card %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, connector %2</source>
        <translation>%1, connector %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No amount yet</source>
        <translation>No amount yet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 in %2</source>
        <extracomment>%1 energy such as &quot;12.4 kWh&quot;, %2 a duration such as &quot;1 h 05 min&quot;</extracomment>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 at %2</source>
        <extracomment>%1 a meter register reading such as &quot;3.4 kWh&quot;, %2 the station&apos;s time of it</extracomment>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None yet</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still open: the station has not sent Stop</source>
        <translation>Still open: the station has not sent Stop</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last meter value</source>
        <translation>Last meter value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a session to see its card and its log.</source>
        <translation>Select a session to see its card and its log.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <extracomment>the button with the operator&apos;s actions on the session (Finish, Cancel hold, …)</extracomment>
        <translation>Actions</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionChart</name>
    <message>
        <location filename="../ui/charts/sessionchart.cpp" line="+126"/>
        <source>Select a session to see its power, energy, current, voltage and state of charge over time.</source>
        <translation>Select a session to see its power, energy, current, voltage and state of charge over time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No meter values yet. The chart fills in as the station reports them.</source>
        <translation>No meter values yet. The chart fills in as the station reports them.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station reported no meter values for this session.</source>
        <translation>The station reported no meter values for this session.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Whole session</source>
        <extracomment>the button that undoes the zoom of the chart</extracomment>
        <translation>Whole session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag across the chart, turn the mouse wheel or press + and - to zoom in time; double-click, right-click or Esc shows the whole session again</source>
        <translation>Drag across the chart, turn the mouse wheel or press + and - to zoom in time; double-click, right-click or Esc shows the whole session again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Simplified</source>
        <extracomment>shown when a very long session is drawn with fewer points than it has</extracomment>
        <translation>Simplified</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This session has more meter values than the chart draws: each stretch of time shows its lowest and highest value, so peaks and dips stay visible.</source>
        <translation>This session has more meter values than the chart draws: each stretch of time shows its lowest and highest value, so peaks and dips stay visible.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionLogModel</name>
    <message>
        <location filename="../ui/operations/sessionlogmodel.cpp" line="+110"/>
        <source>Time (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your time (UTC%1)</source>
        <extracomment>the operator&apos;s own time zone, %1 its offset such as &quot;+02:00&quot;</extracomment>
        <translation>Your time (UTC%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionTableModel</name>
    <message>
        <location filename="../ui/operations/sessiontablemodel.cpp" line="+54"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>%1 / %2</source>
        <extracomment>station id and connector number, e.g. &quot;KYIV-0001 / 2&quot;</extracomment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station / connector</source>
        <translation>Station / connector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User / card</source>
        <translation>User / card</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why suspicious</source>
        <translation>Why suspicious</translation>
    </message>
</context>
<context>
    <name>cd::ui::SettingsPage</name>
    <message>
        <location filename="../ui/settings/settingspage.cpp" line="+199"/>
        <source>Read only: changing these settings needs the permission to %1. The interface language is yours to choose.</source>
        <extracomment>%1 is the permission&apos;s name (&quot;change settings&quot;)</extracomment>
        <translation>Read only: changing these settings needs the permission to %1. The interface language is yours to choose.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language:</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change applies at once and is remembered for the next start. The --lang option overrides it for a single run.</source>
        <translation>The change applies at once and is remembered for the next start. The --lang option overrides it for a single run.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine:</source>
        <translation>Engine:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location:</source>
        <translation>Location:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version:</source>
        <translation>Schema version:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key source:</source>
        <translation>Key source:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is chosen when ChargeDesk starts: run chargedesk --help to see the options.</source>
        <translation>The database is chosen when ChargeDesk starts: run chargedesk --help to see the options.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not used: the PostgreSQL server controls access</source>
        <translation>Not used: the PostgreSQL server controls access</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operating system keychain</source>
        <translation>Operating system keychain</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key file %1</source>
        <extracomment>%1 is the path of the file that holds the database key</extracomment>
        <translation>Key file %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Environment variable %1</source>
        <extracomment>%1 is the name of the environment variable that holds the database key</extracomment>
        <translation>Environment variable %1</translation>
    </message>
</context>
<context>
    <name>cd::ui::StartLatencyDialog</name>
    <message>
        <location filename="../ui/stations/startlatencydialog.cpp" line="+57"/>
        <source>Start latency</source>
        <translation>Start latency</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From the start of a session (the station&apos;s start message) to the first Charging state, in the station&apos;s own time. A model or firmware that starts slowly stands out at the top.</source>
        <translation>From the start of a session (the station&apos;s start message) to the first Charging state, in the station&apos;s own time. A model or firmware that starts slowly stands out at the top.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions started:</source>
        <translation>Sessions started:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>By vendor, model and firmware</source>
        <translation>By vendor, model and firmware</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By station</source>
        <translation>By station</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No session reached Charging in this period.</source>
        <translation>No session reached Charging in this period.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n start(s) measured</source>
        <translation>
            <numerusform>%n start measured</numerusform>
            <numerusform>%n starts measured</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out: station clock jumped</source>
        <translation>
            <numerusform>%n left out: station clock jumped</numerusform>
            <numerusform>%n left out: station clock jumped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::StartLatencyModel</name>
    <message>
        <location filename="../ui/stations/startlatencymodel.cpp" line="+23"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min %2 s</source>
        <extracomment>minutes and seconds, e.g. &quot;1 min 05 s&quot;</extracomment>
        <translation>%1 min %2 s</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n start(s) left out: the station&apos;s clock jumped (negative or over an hour)</source>
        <translation>
            <numerusform>%n start left out: the station&apos;s clock jumped (negative or over an hour)</numerusform>
            <numerusform>%n starts left out: the station&apos;s clock jumped (negative or over an hour)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starts</source>
        <translation>Starts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>90 %</source>
        <extracomment>90th percentile</extracomment>
        <translation>90 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slowest</source>
        <translation>Slowest</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationFilterProxy</name>
    <message>
        <location filename="../ui/stations/stationfilterproxy.cpp" line="+16"/>
        <source>All stations</source>
        <translation>All stations</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Faulted</source>
        <translation>Faulted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charging now</source>
        <translation>Charging now</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationHistoryDialog</name>
    <message>
        <location filename="../ui/stations/stationhistorydialog.cpp" line="+50"/>
        <source>History of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>History of %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connector:</source>
        <translation>Connector:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connector states</source>
        <translation>Connector states</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online and offline</source>
        <translation>Online and offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 (the station)</source>
        <translation>0 (the station)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faults only</source>
        <translation>Faults only</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault: %1</source>
        <translation>Fault: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 shown · faults: %2</source>
        <extracomment>%1 states shown; %2 faults among the states of the chosen connector</extracomment>
        <translation>%1 shown · faults: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disconnected</source>
        <translation>Disconnected</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerSection</name>
    <message>
        <location filename="../ui/settings/stationserversection.cpp" line="+169"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM files (*.pem *.crt *.key);;All files (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Restart the station server?</source>
        <translation>Restart the station server?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n station(s) are connected now. They are disconnected and connect again by themselves; sessions in progress continue on the stations.</source>
        <translation>
            <numerusform>%n station is connected now. It is disconnected and connects again by itself; a session in progress continues on the station.</numerusform>
            <numerusform>%n stations are connected now. They are disconnected and connect again by themselves; sessions in progress continue on the stations.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart</source>
        <translation>Restart</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Station server</source>
        <translation>Station server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo mode: simulated stations are connected, unknown stations are admitted and no station passwords are asked for, whatever is set below.</source>
        <translation>Demo mode: simulated stations are connected, unknown stations are admitted and no station passwords are asked for, whatever is set below.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the station server in this console</source>
        <translation>Run the station server in this console</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address and port:</source>
        <translation>Address and port:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile:</source>
        <translation>Security profile:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 — no credentials (lab only)</source>
        <translation>0 — no credentials (lab only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 — HTTP Basic auth with each station&apos;s password</source>
        <translation>1 — HTTP Basic auth with each station&apos;s password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 — TLS (wss://) and each station&apos;s password</source>
        <translation>2 — TLS (wss://) and each station&apos;s password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 — TLS (wss://) with station certificates</source>
        <translation>3 — TLS (wss://) with station certificates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server certificate:</source>
        <translation>Server certificate:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>Private key:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations&apos; CA certificate:</source>
        <translation>Stations&apos; CA certificate:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register unknown stations when they connect (lab only)</source>
        <translation>Register unknown stations when they connect (lab only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply and restart</source>
        <translation>Apply and restart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations connect to ws://ADDRESS:PORT/ocpp/&lt;station id&gt; (wss:// with profiles 2 and 3). Use 0.0.0.0 to accept stations from the network. With a shared PostgreSQL database, run chargedesk-server on the server machine instead and switch this off in every console.</source>
        <translation>Stations connect to ws://ADDRESS:PORT/ocpp/&lt;station id&gt; (wss:// with profiles 2 and 3). Use 0.0.0.0 to accept stations from the network. With a shared PostgreSQL database, run chargedesk-server on the server machine instead and switch this off in every console.</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerStatus</name>
    <message>
        <location filename="../ui/settings/stationserverstatus.cpp" line="+14"/>
        <source>Station server: off</source>
        <translation>Station server: off</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: starting…</source>
        <translation>Station server: starting…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: not running</source>
        <translation>Station server: not running</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Station server: %1 · %n station(s) connected</source>
        <extracomment>Status bar: %1 is the address stations connect to; %n how many are connected now</extracomment>
        <translation>
            <numerusform>Station server: %1 · %n station connected</numerusform>
            <numerusform>Station server: %1 · %n stations connected</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Off. Stations cannot connect to this console.</source>
        <translation>Off. Stations cannot connect to this console.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not running: %1</source>
        <extracomment>%1 is the reason, e.g. &quot;The address is already in use&quot;</extracomment>
        <translation>Not running: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Running. Stations connect to %1/&lt;station id&gt;; %n connected now.</source>
        <extracomment>%1 is the address, e.g. ws://127.0.0.1:9000/ocpp; %n how many stations are connected now</extracomment>
        <translation>
            <numerusform>Running. Stations connect to %1/&lt;station id&gt;; %n connected now.</numerusform>
            <numerusform>Running. Stations connect to %1/&lt;station id&gt;; %n connected now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTableModel</name>
    <message>
        <location filename="../ui/stations/stationtablemodel.cpp" line="+24"/>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Charging</source>
        <translation>Charging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Faulted</source>
        <translation>Faulted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Site: %1</source>
        <extracomment>The site a station belongs to, on the map&apos;s tooltip</extracomment>
        <translation>Site: %1</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Vendor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last heartbeat</source>
        <translation>Last heartbeat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected for</source>
        <translation>Connected for</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open sessions</source>
        <translation>Open sessions</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTexts</name>
    <message>
        <location filename="../ui/stations/stationtexts.cpp" line="+8"/>
        <source>available</source>
        <translation>available</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>preparing</source>
        <translation>preparing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>charging</source>
        <translation>charging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the station</source>
        <translation>suspended by the station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the vehicle</source>
        <translation>suspended by the vehicle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finishing</source>
        <translation>finishing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reserved</source>
        <translation>reserved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unavailable</source>
        <translation>unavailable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>faulted</source>
        <translation>faulted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>occupied</source>
        <translation>occupied</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationsPage</name>
    <message>
        <location filename="../ui/stations/stationspage.cpp" line="+291"/>
        <source>Device model refresh</source>
        <translation>Device model refresh</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select a station to see its connectors and send it a command.</source>
        <translation>Select a station to see its connectors and send it a command.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connector %1: %2</source>
        <translation>Connector %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>session %1</source>
        <translation>session %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2 · registration %3</source>
        <extracomment>%1 station id, %2 protocol, %3 registration status</extracomment>
        <translation>%1 · %2 · registration %3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Search by station, vendor, model or firmware</source>
        <translation>Search by station, vendor, model or firmware</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send command…</source>
        <translation>Send command…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device model…</source>
        <translation>Device model…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration…</source>
        <translation>Configuration…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads the configuration keys of the selected OCPP 1.6 station and changes them</source>
        <translation>Reads the configuration keys of the selected OCPP 1.6 station and changes them</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History…</source>
        <translation>History…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place…</source>
        <translation>Place…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station&apos;s site and its place on the map</source>
        <translation>The station&apos;s site and its place on the map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start latency…</source>
        <translation>Start latency…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long stations take from the start of a session to charging, by model and firmware</source>
        <translation>How long stations take from the start of a session to charging, by model and firmware</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every connector state the station reported, its faults, and when it was online</source>
        <translation>Every connector state the station reported, its faults, and when it was online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What an OCPP 2.0.1 station reported about its components and settings</source>
        <translation>What an OCPP 2.0.1 station reported about its components and settings</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 of %n station(s) · updated %2</source>
        <extracomment>%1 stations shown of %n; %2 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%1 of %n station · updated %2</numerusform>
            <numerusform>%1 of %n stations · updated %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n station(s) · updated %1</source>
        <extracomment>%n stations in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n station · updated %1</numerusform>
            <numerusform>%n stations · updated %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No stations yet. A station appears here when it connects to the station server (Settings › Station server) or is added with chargedesk-cli station add.</source>
        <translation>No stations yet. A station appears here when it connects to the station server (Settings › Station server) or is added with chargedesk-cli station add.</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffEditor</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffeditor.cpp" line="+336"/>
        <source>%1 must be an amount such as 1.20 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>%1 must be an amount such as 1.20 (at most %n decimal place).</numerusform>
            <numerusform>%1 must be an amount such as 1.20 (at most %n decimal places).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price</source>
        <translation>The energy price</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service fee</source>
        <translation>The service fee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The idle fee</source>
        <translation>The idle fee</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The price of period %1 must be an amount such as 1.20.</source>
        <translation>The price of period %1 must be an amount such as 1.20.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Correct the tariff to see what a session would cost.</source>
        <translation>Correct the tariff to see what a session would cost.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A %1 kWh session from %2 to %3 would cost %4.</source>
        <extracomment>the tariff editor&apos;s preview: %1 kWh, %2 and %3 local times, %4 the total</extracomment>
        <translation>A %1 kWh session from %2 to %3 would cost %4.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose…</source>
        <extracomment>the first entry of the list of sites, stations or departments a tariff can apply to</extracomment>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>number %1</source>
        <extracomment>a site, station or department known only by its number</extracomment>
        <translation>number %1</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>New tariff</source>
        <translation>New tariff</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, version %2: saving makes version %3</source>
        <extracomment>%1 the tariff&apos;s name, %2 its version number</extracomment>
        <translation>%1, version %2: saving makes version %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to:</source>
        <translation>Applies to:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency:</source>
        <translation>Currency:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone:</source>
        <translation>Time zone:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from:</source>
        <translation>Valid from:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy price per kWh:</source>
        <translation>Energy price per kWh:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee per kWh:</source>
        <translation>Service fee per kWh:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee per minute:</source>
        <translation>Idle fee per minute:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free minutes:</source>
        <extracomment>minutes after charging ends before the idle fee starts</extracomment>
        <translation>Free minutes:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-of-use periods (none: the energy price all day)</source>
        <translation>Time-of-use periods (none: the energy price all day)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add period</source>
        <translation>Add period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove period</source>
        <translation>Remove period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price per kWh</source>
        <translation>Price per kWh</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview:</source>
        <translation>Preview:</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffstab.cpp" line="+162"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n period</numerusform>
            <numerusform>%n periods</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New tariff</source>
        <translation>New tariff</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The tariff has problems: see under the editor.</source>
        <translation>The tariff has problems: see under the editor.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved %1, version %2.</source>
        <translation>Saved %1, version %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Save tariff</source>
        <translation>&amp;Save tariff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Save as new version</source>
        <translation>&amp;Save as new version</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariffs</source>
        <translation>Tariffs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version</source>
        <translation>Every version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New tariff</source>
        <translation>&amp;New tariff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy price</source>
        <translation>Energy price</translation>
    </message>
</context>
<context>
    <name>cd::ui::ThresholdDialog</name>
    <message>
        <location filename="../ui/accounts/thresholddialog.cpp" line="+22"/>
        <source>Department billing</source>
        <translation>Department billing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Auto-stop threshold</source>
        <translation>Auto-stop threshold</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Charging stops when the balance left falls to this amount. Stations report energy late or not at all while offline, so a balance can still go below it.</source>
        <translation>Charging stops when the balance left falls to this amount. Stations report energy late or not at all while offline, so a balance can still go below it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Auto-stop at (%1):</source>
        <translation>Auto-stop at (%1):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>Bill sessions to the parent department&apos;s pooled balance</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>cd::ui::TopUpDialog</name>
    <message>
        <location filename="../ui/accounts/topupdialog.cpp" line="+21"/>
        <source>Top up</source>
        <translation>Top up</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>Optional: the desk&apos;s number is used</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Amount (%1):</source>
        <translation>Amount (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number:</source>
        <translation>Receipt number:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Top up %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>Top up %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Review…</translation>
    </message>
</context>
</TS>
