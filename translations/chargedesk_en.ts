<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="+202"/>
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
        <location filename="../core/alerts/alertservice.cpp" line="+38"/>
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
        <location line="+49"/>
        <location line="+15"/>
        <location line="+14"/>
        <source>Alert %1 is already resolved.</source>
        <translation>Alert %1 is already resolved.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Alert %1 is already acknowledged.</source>
        <translation>Alert %1 is already acknowledged.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The assignee&apos;s name is too long.</source>
        <translation>The assignee&apos;s name is too long.</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+3"/>
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
        <location filename="../app/cli/auditcommands.cpp" line="+25"/>
        <source>--last must be a positive number.</source>
        <translation>--last must be a positive number.</translation>
    </message>
    <message>
        <location line="+30"/>
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
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+28"/>
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>ChargeDesk command line: scripting and accounting.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print machine-readable JSON.</source>
        <translation>Print machine-readable JSON.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name recorded in the audit log (default: cli:&lt;user&gt;).</source>
        <translation>Name recorded in the audit log (default: cli:&lt;user&gt;).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+22"/>
        <location line="+9"/>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <location line="-38"/>
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
        <source>number</source>
        <translation>number</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location line="+0"/>
        <location line="+18"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-17"/>
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
        <source>Id tag status: Accepted, Blocked or Expired.</source>
        <translation>Id tag status: Accepted, Blocked or Expired.</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <source>amount</source>
        <translation>amount</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>mode</source>
        <translation>mode</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+52"/>
        <source>No command given.</source>
        <translation>No command given.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown command: %1</source>
        <translation>Unknown command: %1</translation>
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
    <name>cd::cli::OptionValues</name>
    <message>
        <location filename="../app/cli/optionvalues.cpp" line="+15"/>
        <source>--%1 must be a positive number.</source>
        <translation>--%1 must be a positive number.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</source>
        <translation>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</translation>
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
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+80"/>
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
        <location line="+17"/>
        <source>--%1 must be a number.</source>
        <translation>--%1 must be a number.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</source>
        <translation>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</translation>
    </message>
    <message>
        <location line="+33"/>
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
    <name>cd::cli::TxActionCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/txactioncommands.cpp" line="-177"/>
        <source>--amount must be an amount such as 12.50 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>--amount must be an amount such as 12.50 (at most %n decimal place).</numerusform>
            <numerusform>--amount must be an amount such as 12.50 (at most %n decimal places).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
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
        <location filename="../core/commands/commandqueue.cpp" line="+32"/>
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
        <location line="+30"/>
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
        <location filename="../app/console/main.cpp" line="+36"/>
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
        <location filename="../core/payments/balanceguard.cpp" line="+84"/>
        <source>No session with the id %1.</source>
        <translation>No session with the id %1.</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location filename="../core/payments/httpgateway.cpp" line="+173"/>
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
        <location line="+19"/>
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
        <location filename="../core/payments/sessionpayments.cpp" line="+208"/>
        <source>ChargeDesk session %1</source>
        <translation>ChargeDesk session %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 started</source>
        <translation>Session %1 started</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Session %1 ended</source>
        <translation>Session %1 ended</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 delivered no energy</source>
        <translation>Session %1 delivered no energy</translation>
    </message>
    <message>
        <location line="+71"/>
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
        <location filename="../core/payments/balanceguard.cpp" line="+31"/>
        <source>No session with the id %1.</source>
        <translation>No session with the id %1.</translation>
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
        <location filename="../core/sessions/sessionactions.cpp" line="+87"/>
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
        <location line="+7"/>
        <source>Priced with tariff %1: %2 per kWh.</source>
        <translation>Priced with tariff %1: %2 per kWh.</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+6"/>
        <source>Who acts must be known: an operator name is required.</source>
        <translation>Who acts must be known: an operator name is required.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept in the audit log.</source>
        <translation>A reason is required: it is kept in the audit log.</translation>
    </message>
    <message>
        <location line="+72"/>
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
        <location filename="../core/sim/misbehaviour.cpp" line="+65"/>
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
        <location filename="../core/storage/connectorrepository.cpp" line="+116"/>
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
        <location filename="../core/storage/idtagrepository.cpp" line="+66"/>
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
        <location filename="../core/storage/migrator.cpp" line="+97"/>
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
        <location filename="../core/storage/sessionrepository.cpp" line="+188"/>
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
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+69"/>
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
        <location line="+6"/>
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
        <location filename="../core/storage/stationrepository.cpp" line="+66"/>
        <source>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</source>
        <translation>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latitude must be between -90 and 90.</source>
        <translation>Latitude must be between -90 and 90.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longitude must be between -180 and 180.</source>
        <translation>Longitude must be between -180 and 180.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A station with the id %1 already exists.</source>
        <translation>A station with the id %1 already exists.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No station with the internal id %1.</source>
        <translation>No station with the internal id %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+56"/>
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
        <location filename="../ui/alerts/alerttablemodel.cpp" line="+224"/>
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
        <location line="-119"/>
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
        <location filename="../ui/alerts/alertspage.cpp" line="+278"/>
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
        <location filename="../ui/settings/alertssection.cpp" line="+175"/>
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
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+325"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
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
    <name>cd::ui::NavigationModel</name>
    <message>
        <location filename="../ui/shell/navigationmodel.cpp" line="+29"/>
        <source>%1 (%2)</source>
        <extracomment>Tooltip of a navigation item: %1 is the screen&apos;s name, %2 its keyboard shortcut</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperationsPage</name>
    <message>
        <location filename="../ui/operations/operationspage.cpp" line="+427"/>
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
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+45"/>
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
        <location line="+9"/>
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location.</source>
        <translation>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location.</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The interface language, this console&apos;s station server and the database it works with.</source>
        <translation>The interface language, this console&apos;s station server and the database it works with.</translation>
    </message>
    <message>
        <location line="+42"/>
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
        <location filename="../ui/operations/sessionactiondialog.cpp" line="+54"/>
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
        <location line="+54"/>
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
        <location filename="../ui/operations/sessioncard.cpp" line="+109"/>
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
        <location line="+18"/>
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
        <location filename="../ui/operations/sessiontablemodel.cpp" line="+82"/>
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
        <location filename="../ui/settings/settingspage.cpp" line="+182"/>
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
        <location filename="../ui/settings/stationserversection.cpp" line="+176"/>
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
        <location filename="../ui/stations/stationtablemodel.cpp" line="+23"/>
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
        <location line="+42"/>
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
        <location line="+87"/>
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
        <location filename="../ui/stations/stationspage.cpp" line="+269"/>
        <source>Device model refresh</source>
        <translation>Device model refresh</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+2"/>
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
    <message>
        <location line="+3"/>
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
</TS>
