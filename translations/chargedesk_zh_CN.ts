<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="+195"/>
        <source>Finish a session as if the station stopped it; the hold is settled by the energy.</source>
        <translation>像充电桩发送停止一样结束会话；按电量结算预授权。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the held money back; the session is canceled (unless failed).</source>
        <translation>退还预授权资金；会话将被取消（失败状态的除外）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture part of the hold (default: the session&apos;s total) and release the rest.</source>
        <translation>扣取部分预授权（默认：会话总金额），其余释放。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the session&apos;s energy counter, optionally recomputing the amount.</source>
        <translation>设置会话的电量读数，可选择重新计算金额。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the session&apos;s status (SOFT keeps the priorities, OVERRIDE ignores them).</source>
        <translation>更改会话状态（SOFT 遵守优先级，OVERRIDE 忽略优先级）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to start it (remote start).</source>
        <translation>请求会话所在充电桩启动它（远程启动）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to stop it (remote stop).</source>
        <translation>请求会话所在充电桩停止它（远程停止）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset the session&apos;s station.</source>
        <translation>重置会话所在的充电桩。</translation>
    </message>
    <message>
        <location filename="../app/cli/accountcommands.cpp" line="+522"/>
        <source>List members with their balances.</source>
        <translation>列出会员及其余额。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a member with cards, top-ups and coupons.</source>
        <translation>显示会员及其卡、充值记录和优惠券。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a member (issues the new-member coupons; audited).</source>
        <translation>创建会员（发放新会员优惠券；记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change a member&apos;s name, phone, e-mail, department or auto-stop threshold (audited).</source>
        <translation>修改会员的姓名、电话、电子邮件、部门或自动停止阈值（记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top up a member&apos;s balance (cash at the desk; issues the coupon it earns; audited).</source>
        <translation>为会员余额充值（前台现金；发放应得优惠券；记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List departments with pooled balances and who pays.</source>
        <translation>列出部门及其共享余额和付款方。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List coupon rules.</source>
        <translation>列出优惠券规则。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a coupon rule (audited).</source>
        <translation>创建优惠券规则（记入审计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List issued coupons, newest first.</source>
        <translation>列出已发放的优惠券，最新的在前。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke a coupon not used yet (audited).</source>
        <translation>撤销尚未使用的优惠券（记入审计）。</translation>
    </message>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="+175"/>
        <source>Correct a bill (a new version; --dry-run shows every effect on money and coupons first).</source>
        <translation>矫正账单（生成新版本；--dry-run 先显示对资金和优惠券的全部影响）。</translation>
    </message>
    <message>
        <location filename="../app/cli/tariffcommands.cpp" line="+267"/>
        <source>Tariffs in force (with --history every version).</source>
        <translation>现行资费（加 --history 显示所有版本）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff: prices, periods, fees and its versions.</source>
        <translation>资费：价格、时段、费用及其版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A session&apos;s bill explained line by line, and its versions.</source>
        <translation>会话账单的逐行解释及其版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill a session that ended (sessions are billed automatically when they end).</source>
        <translation>为已结束的会话生成账单（会话结束时会自动生成账单）。</translation>
    </message>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="+388"/>
        <source>Apply for a member&apos;s refund: the amount moves to the pending refund (audited).</source>
        <translation>为会员申请退款：金额转入待退款（记入审计日志）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List refund applications, newest first.</source>
        <translation>列出退款申请，最新的在前。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve a refund and refund the top-ups through the payment gateway or at the desk (audited).</source>
        <translation>审核通过退款，并通过支付网关或在柜台退还充值（记入审计日志）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject a refund: the amount goes back to the member (audited).</source>
        <translation>驳回退款：金额退回会员账户（记入审计日志）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a refund with its audit history and gateway records.</source>
        <translation>显示退款及其审核历史和网关记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm a cash refund at the desk (or that it was not paid; audited).</source>
        <translation>确认柜台现金退款（或确认未退款；记入审计日志）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send a refund&apos;s gateway records that got no answer again, with the same key.</source>
        <translation>以相同的幂等键重新发送未获网关答复的退款记录。</translation>
    </message>
    <message>
        <location filename="../app/cli/reportcommands.cpp" line="+398"/>
        <source>With --out the export is recorded with a snapshot.</source>
        <translation>使用 --out 时，导出会连同快照一起记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show what changed in a report since an export (added, removed, corrected rows).</source>
        <translation>显示自某次导出以来报表的变化（新增、移除、已矫正的行）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List report exports, newest first.</source>
        <translation>列出报表导出记录，最新的在前。</translation>
    </message>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="+180"/>
        <source>Record what a site&apos;s meter delivered in a period (the same period again replaces it).</source>
        <translation>记录站点电表在某时段内的供电量（相同时段会替换原读数）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import meter readings from CSV: site,from,to,energy_kwh[,note]; every line or none.</source>
        <translation>从 CSV 导入电表读数：site,from,to,energy_kwh[,note]；全部导入或全部不导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List sites&apos; meter readings.</source>
        <translation>列出站点电表读数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a payment gateway&apos;s statement: reference,amount,currency,received; every line or none.</source>
        <translation>导入支付网关对账单：reference,amount,currency,received；全部导入或全部不导入。</translation>
    </message>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="+333"/>
        <source>Add an operator (password from CHARGEDESK_NEW_PASSWORD or asked); the first one is the administrator.</source>
        <translation>添加操作员（密码取自 CHARGEDESK_NEW_PASSWORD，或在提示时输入）；第一个操作员即为管理员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the operators with their role and open logins.</source>
        <translation>列出操作员及其角色和当前登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give an operator another role (audited).</source>
        <translation>为操作员分配其他角色（记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many times an operator may be logged in at once (audited).</source>
        <translation>操作员可同时登录的次数（记入审计）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable an operator and end their logins (audited).</source>
        <translation>停用操作员并结束其登录会话（记入审计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable an operator again (audited).</source>
        <translation>重新启用操作员（记入审计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock a login locked by wrong passwords before its time (audited).</source>
        <translation>提前解锁因密码错误而被锁定的登录（记入审计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change your password, or (administrator) another operator&apos;s (audited).</source>
        <translation>修改您自己的密码，或（管理员）修改其他操作员的密码（记入审计）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a custom role with permissions (audited).</source>
        <translation>添加带权限的自定义角色（记入审计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the roles with their permissions.</source>
        <translation>列出角色及其权限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a role permissions (audited).</source>
        <translation>为角色授予权限（记入审计）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take permissions from a role (audited).</source>
        <translation>收回角色的权限（记入审计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete a custom role no operator has (audited).</source>
        <translation>删除没有任何操作员使用的自定义角色（记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List every permission, or those of one role.</source>
        <translation>列出所有权限，或某个角色的权限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the open login sessions.</source>
        <translation>列出当前打开的登录会话。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End a login session (audited).</source>
        <translation>结束登录会话（记入审计）。</translation>
    </message>
</context>
<context>
    <name>cd::ServerMain</name>
    <message>
        <location filename="../app/server/main.cpp" line="+28"/>
        <source>ChargeDesk headless server: the same core as the console, as a service.</source>
        <translation>ChargeDesk 无界面服务器：与控制台相同的核心，以服务方式运行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply pending schema migrations, then exit.</source>
        <translation>应用待执行的架构迁移后退出。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Database %1 (%2), schema version %3.</source>
        <translation>数据库 %1（%2），架构版本 %3。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stations connect to %1://%2:%3%4/&lt;chargePointId&gt; (security profile %5).</source>
        <translation>充电站连接地址：%1://%2:%3%4/&lt;chargePointId&gt;（安全配置文件 %5）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shutting down.</source>
        <translation>正在关闭。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ChargeDesk server is running. Stop it with Ctrl+C or SIGTERM.</source>
        <translation>ChargeDesk 服务器正在运行。按 Ctrl+C 或发送 SIGTERM 停止。</translation>
    </message>
</context>
<context>
    <name>cd::SimCommandLine</name>
    <message>
        <location filename="../app/sim/simcommandline.cpp" line="+41"/>
        <source>--%1 must be a number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 必须是 %2 到 %3 之间的数字，而不是“%4”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--ca-file, --client-cert and --client-key need a wss:// URL.</source>
        <translation>--ca-file、--client-cert 和 --client-key 需要 wss:// URL。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--client-cert and --client-key go together.</source>
        <translation>--client-cert 和 --client-key 必须同时指定。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Server URL; each station connects to &lt;url&gt;/&lt;id&gt;, e.g. ws://127.0.0.1:9000/ocpp.</source>
        <translation>服务器 URL；每个充电站连接到 &lt;url&gt;/&lt;id&gt;，例如 ws://127.0.0.1:9000/ocpp。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of stations to simulate (default 1).</source>
        <translation>要模拟的充电站数量（默认 1）。</translation>
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
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OCPP subprotocol: ocpp1.6 (default) or ocpp2.0.1.</source>
        <translation>OCPP 子协议：ocpp1.6（默认）或 ocpp2.0.1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic-auth password for every station (security profile 1; the user name is the station id).</source>
        <translation>所有充电站共用的 Basic auth 密码（安全配置文件 1；用户名为充电站 ID）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the Basic-auth password from the first line of this file.</source>
        <translation>从此文件的第一行读取 Basic auth 密码。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <location line="+4"/>
        <location line="+1"/>
        <location line="+27"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>wss://: trust only the CA certificates in this PEM file (default: the system&apos;s CAs).</source>
        <translation>wss://：仅信任此 PEM 文件中的 CA 证书（默认：系统的 CA 证书）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wss:// with security profile 3: the client certificate (PEM) every station presents; its common name (CN) must be the station&apos;s id, so use it with one station (--stations 1, --prefix).</source>
        <translation>wss:// 安全配置文件 3：每个充电站出示的客户端证书（PEM）；其通用名称（CN）必须是充电站 ID，因此只能用于一个充电站（--stations 1、--prefix）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The private key (PEM, unencrypted) of --client-cert.</source>
        <translation>--client-cert 对应的私钥（PEM，未加密）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make stations misbehave: NAME for every station, NAME:0.2 or NAME:20% for a share, NAME:ID,ID for those stations. Repeatable. Names: %1.</source>
        <translation>让充电站出现异常行为：“名称”作用于所有充电站，“名称:0.2”或“名称:20%”作用于相应比例的充电站，“名称:ID,ID”仅作用于列出的充电站。可重复指定。可用名称：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>name[:share]</source>
        <translation>名称[:比例]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean idle time between sessions per connector, simulated seconds (default 600).</source>
        <translation>每个充电枪两次充电之间的平均空闲时间，单位为模拟秒（默认 600）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+8"/>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Mean session length, simulated seconds (default 1800).</source>
        <translation>平均充电时长，单位为模拟秒（默认 1800）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect and idle: no charging sessions.</source>
        <translation>仅连接并保持空闲，不发起充电。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comma-separated id tags the drivers present, shared by every station (default: three per station, TAG-&lt;station id&gt;-1..3). The server must know them, or every session is refused.</source>
        <translation>司机出示的 id tag，以逗号分隔，所有充电站共用（默认：每个充电站三个，TAG-&lt;充电站 ID&gt;-1..3）。服务器必须已登记这些 id tag，否则每次充电都会被拒绝。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tags</source>
        <translation>id tag 列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulated time runs this many times faster than the wall clock (default 1).</source>
        <translation>模拟时间相对于实际时间的加速倍数（默认 1）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>factor</source>
        <translation>倍数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run for this many wall-clock seconds, then stop cleanly (default: until Ctrl+C).</source>
        <translation>运行指定的实际秒数后正常停止（默认：一直运行到按下 Ctrl+C）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station id prefix: &lt;prefix&gt;-0001, &lt;prefix&gt;-0002, ... (default SIM).</source>
        <translation>充电站 ID 前缀：&lt;前缀&gt;-0001、&lt;前缀&gt;-0002……（默认 SIM）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connectors per station (default 2).</source>
        <translation>每个充电站的充电枪数量（默认 2）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MeterValueSampleInterval, simulated seconds (default 60).</source>
        <translation>MeterValueSampleInterval，单位为模拟秒（默认 60）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall-clock milliseconds between two station starts (default 20).</source>
        <translation>相邻两个充电站启动之间的实际间隔，单位为毫秒（默认 20）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chance that a connector faults after a session, 0 to 1 (default 0.02).</source>
        <translation>充电结束后充电枪发生故障的概率，取值 0 到 1（默认 0.02）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send BootNotification on every reconnect, not only after a reboot.</source>
        <translation>每次重新连接时都发送 BootNotification，而不仅是在重启后。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed, for repeatable runs (default 1).</source>
        <translation>随机数种子，用于可复现的运行（默认 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up when no station has connected after this many seconds (default 30).</source>
        <translation>若在指定秒数内没有任何充电站连接成功，则放弃（默认 30）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seconds between status lines; 0 for none (default 5).</source>
        <translation>输出状态行的间隔秒数；0 表示不输出（默认 5）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the run&apos;s statistics as JSON to this file at exit.</source>
        <translation>退出时将本次运行的统计信息以 JSON 格式写入此文件。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--url is required, e.g. --url ws://127.0.0.1:9000/ocpp.</source>
        <translation>必须指定 --url，例如 --url ws://127.0.0.1:9000/ocpp。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--url must be a ws:// or wss:// URL, not &quot;%1&quot;.</source>
        <translation>--url 必须是 ws:// 或 wss:// 地址，而不是“%1”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown protocol &quot;%1&quot;.</source>
        <translation>未知协议“%1”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The simulator speaks ocpp1.6 and ocpp2.0.1, not %1.</source>
        <translation>模拟器支持 ocpp1.6 和 ocpp2.0.1，不支持 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use --password or --password-file, not both.</source>
        <translation>--password 和 --password-file 只能使用其中一个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the password file %1: %2</source>
        <translation>无法读取密码文件 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password file %1 is empty.</source>
        <translation>密码文件 %1 为空。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The id tag &quot;%1&quot; is longer than 20 characters.</source>
        <translation>id tag“%1”超过 20 个字符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--id-tags names no tag.</source>
        <translation>--id-tags 中没有任何 id tag。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--prefix must be 1 to 14 characters without &quot;/&quot;.</source>
        <translation>--prefix 必须为 1 到 14 个字符，且不能包含“/”。</translation>
    </message>
</context>
<context>
    <name>cd::SimMain</name>
    <message>
        <location filename="../app/sim/main.cpp" line="+29"/>
        <source>ChargeDesk charge-point simulator: runs simulated OCPP stations against a server.</source>
        <translation>ChargeDesk 充电桩模拟器：运行连接到服务器的模拟 OCPP 充电站。</translation>
    </message>
</context>
<context>
    <name>cd::TlsFileLoader</name>
    <message>
        <location filename="../core/common/tlsfiles.cpp" line="+38"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TLS is not available: Qt found no TLS library (it needs the OpenSSL 3 libraries, package libssl3).</source>
        <translation>TLS 不可用：Qt 未找到 TLS 库（需要 OpenSSL 3 库，软件包 libssl3）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file %1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>文件 %1 中没有 PEM 证书（“-----BEGIN CERTIFICATE-----”）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The private key %1 is protected by a passphrase; use an unencrypted key file that only the server&apos;s user can read.</source>
        <translation>私钥 %1 受口令保护；请使用只有服务器用户可读的未加密密钥文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file %1 holds no PEM RSA or EC private key.</source>
        <translation>文件 %1 中没有 PEM 格式的 RSA 或 EC 私钥。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The certificate in %1 expired on %2.</source>
        <translation>%1 中的证书已于 %2 过期。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate in %1 is not valid before %2.</source>
        <translation>%1 中的证书在 %2 之前无效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The private key %1 does not belong to the certificate in %2.</source>
        <translation>私钥 %1 与 %2 中的证书不匹配。</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessGuard</name>
    <message>
        <location filename="../core/access/accessguard.cpp" line="+19"/>
        <source>Your role (%1) does not allow: %2. Ask an administrator.</source>
        <translation>您的角色（%1）不允许：%2。请联系管理员。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Log in first: this database has operator accounts, and only an operator who has logged in may %1.</source>
        <translation>请先登录：此数据库已有操作员账户，只有已登录的操作员才能%1。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your operator account no longer exists. Ask an administrator.</source>
        <translation>您的操作员账户已不存在。请联系管理员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your operator account (%1) is disabled. Ask an administrator.</source>
        <translation>您的操作员账户（%1）已停用。请联系管理员。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>您的登录会话已结束。请重新登录。</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessService</name>
    <message>
        <location filename="../core/access/accessservice.cpp" line="+60"/>
        <source>A login is 1 to %1 letters, digits, dots, underscores, hyphens or @, without spaces.</source>
        <translation>登录名由 1 到 %1 个字母、数字、点、下划线、连字符或 @ 组成，不含空格。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A password has at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A password has at most %1 bytes.</source>
        <translation>密码最多 %1 字节。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The number of logins at once is 1 to %1.</source>
        <translation>同时登录次数须为 1 到 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong login or password.</source>
        <translation>登录名或密码错误。</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The account %1 is disabled. Ask an administrator.</source>
        <translation>账户 %1 已停用。请联系管理员。</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>Too many wrong passwords: the login %1 is locked for %n more minute(s). Try again then, or ask an administrator to unlock it.</source>
        <translation>
            <numerusform>密码错误次数过多：登录名 %1 已被锁定，还需 %n 分钟。请到时再试，或请管理员解锁。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is already logged in %2 time(s), as many as this account allows at once. Log out there first, or ask an administrator to end that login session.</source>
        <translation>%1 已登录 %2 次，已达到该账户允许的同时登录上限。请先在那里退出登录，或请管理员结束该登录会话。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>您的登录会话已结束。请重新登录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your login session expired after %1 minutes without activity. Log in again.</source>
        <translation>您的登录会话因 %1 分钟无操作已过期。请重新登录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your operator account is disabled. Ask an administrator.</source>
        <translation>您的操作员账户已停用。请联系管理员。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Operators exist already: an administrator adds the next one.</source>
        <translation>已有操作员：后续操作员由管理员添加。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the first administrator</source>
        <translation>第一个管理员</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>An operator with the login %1 exists already.</source>
        <translation>登录名为 %1 的操作员已存在。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is the last enabled administrator: make another operator an administrator first.</source>
        <translation>%1 是最后一个已启用的管理员：请先将其他操作员设为管理员。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>You cannot disable your own account.</source>
        <translation>不能停用您自己的账户。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Log in first: only an operator has a password to change.</source>
        <translation>请先登录：只有操作员才有可修改的密码。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>There is no permission &quot;%1&quot; (see: role permissions).</source>
        <translation>不存在权限“%1”（参见：role permissions）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A role&apos;s name is 1 to %1 characters and does not start with #.</source>
        <translation>角色名称为 1 到 %1 个字符，且不能以 # 开头。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A role named &quot;%1&quot; exists already.</source>
        <translation>名为“%1”的角色已存在。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Say which permissions.</source>
        <translation>请指定权限。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The administrator role always has every permission.</source>
        <translation>管理员角色始终拥有所有权限。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The built-in role %1 cannot be deleted.</source>
        <translation>内置角色 %1 不能删除。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n operator(s) have the role %1: give them another role first.</source>
        <translation>
            <numerusform>有 %n 个操作员拥有角色 %1：请先为他们分配其他角色。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>There is no login session %1.</source>
        <translation>不存在登录会话 %1。</translation>
    </message>
</context>
<context>
    <name>cd::access::BuiltinRoles</name>
    <message>
        <location filename="../core/access/permission.cpp" line="+140"/>
        <source>Support</source>
        <translation>客服</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site manager</source>
        <translation>站点经理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accountant</source>
        <translation>会计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>cd::access::OperatorRepository</name>
    <message>
        <location filename="../core/access/operatorrepository.cpp" line="+88"/>
        <source>Say which operator.</source>
        <translation>请指定操作员。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no operator &quot;%1&quot;.</source>
        <translation>不存在操作员“%1”。</translation>
    </message>
</context>
<context>
    <name>cd::access::PermissionCatalog</name>
    <message>
        <location filename="../core/access/permission.cpp" line="-53"/>
        <source>open the Dashboard screen</source>
        <translation>打开“概览”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Map screen</source>
        <translation>打开“地图”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Stations screen</source>
        <translation>打开“充电站”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operations screen</source>
        <translation>打开“充电订单”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Alerts screen</source>
        <translation>打开“告警”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Anomaly bills screen</source>
        <translation>打开“异常账单”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Accounts screen</source>
        <translation>打开“账户”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Refunds screen</source>
        <translation>打开“退款”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Reports screen</source>
        <translation>打开“报表”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Settings screen</source>
        <translation>打开“设置”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Audit log screen</source>
        <translation>打开“审计日志”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operators and roles screen</source>
        <translation>打开“操作员与角色”页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finish sessions</source>
        <translation>结束充电订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel payment holds</source>
        <translation>取消支付预授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finalize sessions (capture part of a hold)</source>
        <translation>为充电订单完成扣款（扣取部分预授权）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set a session&apos;s energy</source>
        <translation>设置充电订单电量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change a session&apos;s status</source>
        <translation>更改充电订单状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>correct bills</source>
        <translation>矫正账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change tariffs</source>
        <translation>修改资费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>register refund applications</source>
        <translation>登记退款申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve or reject refunds</source>
        <translation>审核通过或驳回退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirm cash refunds at the desk</source>
        <translation>确认柜台现金退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change members, departments and cards</source>
        <translation>修改会员、部门和卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top up balances</source>
        <translation>充值余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change coupon rules and revoke coupons</source>
        <translation>修改优惠券规则和撤销优惠券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change id tags</source>
        <translation>修改 id tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>send commands to stations</source>
        <translation>向充电站发送命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add and change stations</source>
        <translation>添加和修改充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change sites and sub-operators</source>
        <translation>修改站点和子运营商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acknowledge, assign and resolve alerts</source>
        <translation>确认、指派和解决告警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enter meter readings and import gateway receipts</source>
        <translation>录入电表读数和导入支付网关收据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export reports</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manage operators, roles and login sessions</source>
        <translation>管理操作员、角色和登录会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read the audit log</source>
        <translation>查看审计日志</translation>
    </message>
</context>
<context>
    <name>cd::access::RoleRepository</name>
    <message>
        <location filename="../core/access/rolerepository.cpp" line="+75"/>
        <source>Say which role.</source>
        <translation>请指定角色。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的角色。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no role #%1.</source>
        <translation>不存在角色 #%1。</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountRepository</name>
    <message>
        <location filename="../core/accounts/accountrepository.cpp" line="+85"/>
        <source>The account is gone.</source>
        <translation>该账户已不存在。</translation>
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
        <translation>不存在会员 %1。</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Department %1 bills to a parent that bills back to it.</source>
        <translation>部门 %1 向上级计费，而上级又向它计费。</translation>
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
        <translation>不存在部门 %1。</translation>
    </message>
    <message>
        <location line="-436"/>
        <source>Enter the member&apos;s name or phone number.</source>
        <translation>请输入会员的姓名或电话号码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>名称过长（最多 200 个字符）。</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>&quot;%1&quot; is not a phone number: digits, spaces and dashes, optionally starting with +.</source>
        <translation>“%1”不是电话号码：只能包含数字、空格和短横线，可以 + 开头。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>“%1”不是电子邮件地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <location line="+141"/>
        <location line="+143"/>
        <source>The auto-stop threshold cannot be negative.</source>
        <translation>自动停止阈值不能为负数。</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>A top-up must be more than zero.</source>
        <translation>充值金额必须大于零。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a top-up.</source>
        <translation>充值金额过大。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>货币必须是三个字母的 ISO 4217 代码，例如 UAH。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a payment gateway name.</source>
        <translation>“%1”不是支付网关名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>收据编号过长（最多 200 个字符）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the department&apos;s name.</source>
        <translation>请输入部门名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+298"/>
        <source>Only a department with a parent can bill to its parent.</source>
        <translation>只有有上级部门的部门才能向上级计费。</translation>
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
        <translation>请说明由谁进行此更改。</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountText</name>
    <message>
        <location filename="../core/accounts/accounttypes.cpp" line="+36"/>
        <source>Top-up</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued for a top-up of at least a set amount</extracomment>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New member</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued to every new member</extracomment>
        <translation>新会员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spend</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued once when a member&apos;s spend in a period reaches a set amount</extracomment>
        <translation>累计消费</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Used</source>
        <extracomment>coupon status</extracomment>
        <translation>已使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <extracomment>coupon status</extracomment>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired</source>
        <extracomment>coupon status</extracomment>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued</source>
        <extracomment>coupon status: issued to the member and not used yet</extracomment>
        <translation>已发放</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponIssuer</name>
    <message>
        <location filename="../core/accounts/couponissuer.cpp" line="+143"/>
        <source>No free coupon code was found; try again.</source>
        <translation>未找到可用的优惠券代码，请重试。</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponService</name>
    <message>
        <location filename="../core/accounts/couponservice.cpp" line="+59"/>
        <source>Enter the rule&apos;s name (the coupon&apos;s name shown to the member).</source>
        <translation>请输入规则名称（即会员看到的优惠券名称）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>名称过长（最多 200 个字符）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The coupon&apos;s amount must be more than zero.</source>
        <translation>优惠券金额必须大于零。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The minimum spend cannot be negative.</source>
        <translation>最低消费不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which top-up earns the coupon: an amount more than zero.</source>
        <translation>请说明多少充值可获得优惠券：金额须大于零。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of valid days must be between 1 and 3650.</source>
        <translation>有效天数必须在 1 到 3650 之间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which spend earns the coupon: an amount more than zero.</source>
        <translation>请说明多少消费可获得优惠券：金额须大于零。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give either a number of valid days or a date range, not both.</source>
        <translation>请给出有效天数或日期范围之一，不能同时给出。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say how long the coupons are valid: a number of days or a date range.</source>
        <translation>请说明优惠券的有效期：天数或日期范围。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end of the date range must be after its start.</source>
        <translation>日期范围的结束必须晚于开始。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+32"/>
        <location line="+35"/>
        <source>Say who makes the change.</source>
        <translation>请说明由谁进行此更改。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>There is no coupon rule %1.</source>
        <translation>不存在优惠券规则 %1。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Say why the coupon is revoked.</source>
        <translation>请说明撤销优惠券的原因。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no coupon %1.</source>
        <translation>不存在优惠券 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 is already used; it cannot be revoked.</source>
        <translation>优惠券 %1 已被使用，无法撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 is already revoked.</source>
        <translation>优惠券 %1 已被撤销。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 changed meanwhile; look again.</source>
        <translation>优惠券 %1 在此期间已更改，请重新查看。</translation>
    </message>
</context>
<context>
    <name>cd::accounts::SpendCoupons</name>
    <message>
        <location filename="../core/accounts/spendcoupons.cpp" line="+167"/>
        <source>Spend reached the threshold with bill %1</source>
        <translation>账单 %1 使消费达到门槛</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Coupon %1 was used or revoked meanwhile: preview the correction again.</source>
        <translation>优惠券 %1 在此期间已被使用或撤销：请重新预览矫正。</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDeliverySettings</name>
    <message>
        <location filename="../core/alerts/alertsettings.cpp" line="+50"/>
        <source>Enter the SMTP server for alert e-mails.</source>
        <translation>请输入用于告警邮件的 SMTP 服务器。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SMTP port must be between 1 and 65535.</source>
        <translation>SMTP 端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the sender address for alert e-mails.</source>
        <translation>请输入告警邮件的发件人地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter at least one recipient for alert e-mails.</source>
        <translation>请至少输入一个告警邮件收件人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>“%1”不是电子邮件地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending the SMTP password unencrypted is only allowed to this computer: choose STARTTLS or TLS.</source>
        <translation>仅允许向本机以明文发送 SMTP 密码：请选择 STARTTLS 或 TLS。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>Webhook 地址必须以 https:// 开头（仅本机可使用 http://）。</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDispatcher</name>
    <message>
        <location filename="../core/alerts/alertdispatcher.cpp" line="+60"/>
        <source>The alert %1 is gone.</source>
        <translation>告警 %1 已不存在。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unknown delivery channel &quot;%1&quot;.</source>
        <translation>未知的投递渠道“%1”。</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertService</name>
    <message>
        <location filename="../core/alerts/alertservice.cpp" line="+39"/>
        <location line="+33"/>
        <source>There is no alert %1.</source>
        <translation>没有告警 %1。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Say who acts on the alert.</source>
        <translation>请说明由谁处理该告警。</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+18"/>
        <location line="+17"/>
        <source>Alert %1 is already resolved.</source>
        <translation>告警 %1 已解决。</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Alert %1 is already acknowledged.</source>
        <translation>告警 %1 已确认。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The assignee&apos;s name is too long.</source>
        <translation>负责人姓名过长。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say what was done: a note is required to resolve an alert.</source>
        <translation>请说明已做的处理：解决告警需要填写备注。</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertText</name>
    <message>
        <location filename="../core/alerts/alerttypes.cpp" line="+95"/>
        <source>Station offline</source>
        <translation>充电桩离线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heartbeat overdue</source>
        <translation>心跳超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start failed</source>
        <translation>启动失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging without an authorised session</source>
        <translation>无授权会话充电</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop not honoured</source>
        <translation>停止指令未执行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter jump</source>
        <translation>电表跳变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter reset</source>
        <translation>电表归零</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open</source>
        <comment>alert state</comment>
        <translation>未处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <comment>alert state</comment>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <comment>alert state</comment>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened</source>
        <translation>打开时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seen again</source>
        <translation>再次出现</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Condition cleared</source>
        <translation>情况已消除</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1, connector %2</source>
        <extracomment>where an alert happened: %1 a station, %2 its connector number</extracomment>
        <translation>%1，%2 号枪</translation>
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
        <translation>自 %1 起断开连接</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Last heartbeat %1; expected every %n s</source>
        <translation>
            <numerusform>最后一次心跳 %1；应每 %n 秒一次</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Error %1, since %2</source>
        <translation>错误 %1，自 %2 起</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remote start answered %1 (command %2)</source>
        <translation>远程启动答复 %1（指令 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 ended as failed</source>
        <translation>会话 %1 以失败结束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 started although the card was not authorised</source>
        <translation>会话 %1 在卡未授权的情况下开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connector reports Charging with no open session, since %1</source>
        <translation>自 %1 起，充电枪报告 Charging，但没有未结束的会话</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1: the station accepted the stop but kept charging (%2 more)</source>
        <translation>会话 %1：充电桩接受了停止指令但仍在充电（又充了 %2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register %1 → %2 (%3 → %4)</source>
        <extracomment>%1 and %2 meter readings, %3 and %4 their times</extracomment>
        <translation>读数 %1 → %2（%3 → %4）</translation>
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
        <translation>告警：%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened: %1 UTC</source>
        <translation>打开时间：%1 UTC</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Seen %n time(s), last at %1 UTC</source>
        <translation>
            <numerusform>共出现 %n 次，最近一次 %1 UTC</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session id: %1</source>
        <translation>会话 ID：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge, assign and resolve it on the Alerts screen of ChargeDesk.</source>
        <translation>请在 ChargeDesk 的“告警”界面确认、指派并解决它。</translation>
    </message>
</context>
<context>
    <name>cd::alerts::SmtpNotifier</name>
    <message>
        <location filename="../core/alerts/smtpnotifier.cpp" line="+55"/>
        <source>The SMTP server %1 did not answer in time.</source>
        <translation>SMTP 服务器 %1 未及时答复。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>An e-mail is already being sent.</source>
        <translation>已有邮件正在发送。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alert e-mails are not configured: server, sender and recipients are needed.</source>
        <translation>告警邮件未配置：需要服务器、发件人和收件人。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>SMTP connection to %1 failed: %2</source>
        <translation>连接 SMTP 服务器 %1 失败：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The SMTP server&apos;s certificate was refused: %1</source>
        <translation>SMTP 服务器的证书被拒绝：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+10"/>
        <source>The SMTP server sent an answer that is not SMTP.</source>
        <translation>SMTP 服务器发来的答复不是 SMTP 协议。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 refused: %2 %3</source>
        <extracomment>%1 the SMTP server, %2 its reply code, %3 its words</extracomment>
        <translation>SMTP 服务器 %1 拒绝：%2 %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 does not offer STARTTLS.</source>
        <translation>SMTP 服务器 %1 不支持 STARTTLS。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The SMTP server %1 offers no login method ChargeDesk knows (PLAIN, LOGIN).</source>
        <translation>SMTP 服务器 %1 未提供 ChargeDesk 支持的登录方式（PLAIN、LOGIN）。</translation>
    </message>
</context>
<context>
    <name>cd::alerts::WebhookNotifier</name>
    <message>
        <location filename="../core/alerts/webhooknotifier.cpp" line="+20"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>Webhook 地址必须以 https:// 开头（仅本机可使用 http://）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The webhook %1 answered HTTP %2.</source>
        <extracomment>%1 the webhook&apos;s address, %2 the HTTP status code</extracomment>
        <translation>Webhook %1 返回 HTTP %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook %1 could not be reached: %2</source>
        <translation>无法访问 Webhook %1：%2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AbandonedSessions</name>
    <message>
        <location filename="../core/anomalies/abandonedsessions.cpp" line="+112"/>
        <source>abandoned: nothing heard of the session for too long</source>
        <translation>已遗弃：过长时间未收到该会话的任何消息</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyCodeText</name>
    <message>
        <location filename="../core/anomalies/anomalycode.cpp" line="+28"/>
        <source>Bill lost</source>
        <translation>账单丢失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill lost (station offline)</source>
        <translation>账单丢失（设备离线）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time anomaly</source>
        <translation>时间异常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy anomaly</source>
        <translation>充电电量异常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration anomaly</source>
        <translation>充电时长异常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Occupancy anomaly</source>
        <translation>占桩时长异常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time overlap</source>
        <translation>充电时间重叠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy differs from platform</source>
        <translation>充电电量与平台不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration differs from platform</source>
        <translation>充电时长与平台不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy lost</source>
        <translation>电量丢失</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Code %1</source>
        <extracomment>an anomaly code number the program does not know</extracomment>
        <translation>代码 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station never sent the final bill (StopTransaction); the session was closed by the platform or by an operator.</source>
        <translation>充电桩始终未上送最终账单（StopTransaction）；会话由平台或操作员关闭。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The final bill is missing and the station was offline during or at the end of the session.</source>
        <translation>缺少最终账单，且充电桩在会话期间或结束时处于离线状态。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The session&apos;s times are implausible: an end before the start, a station clock far from ours, or a session longer than the threshold (168 h by default).</source>
        <translation>会话时间不合理：结束早于开始、充电桩时钟与平台相差过大，或会话时长超过阈值（默认 168 小时）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy is implausible: negative, more than the station&apos;s power allows in the time, or above the ceiling (a bad meter reading).</source>
        <translation>电量不合理：为负数、超过充电桩功率在该时长内可能输出的电量，或超过上限（电表读数异常）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The charging duration is implausible: longer than the threshold, or zero while energy was delivered.</source>
        <translation>充电时长不合理：超过阈值，或在有电量输出时为零。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connector stayed occupied far too long after charging, for example charging failed within a minute and the car stayed; the idle fee may be unjust.</source>
        <translation>充电结束后占用充电枪时间过长，例如一分钟内启动充电失败但车辆未离开；占桩费可能不合理。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another session on the same connector overlaps this one in time.</source>
        <translation>同一充电枪上的另一会话与本会话在时间上重叠。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s bill and the platform&apos;s meter readings disagree on the energy, often because the register read 0 before the start and then jumped.</source>
        <translation>充电桩账单与平台电表读数的电量不一致，常见原因是启动前电表总读数为 0，之后跳变。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s bill and the platform&apos;s readings disagree on the charging duration.</source>
        <translation>充电桩账单与平台读数的充电时长不一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no energy data for the session: no meter values and no meter stop.</source>
        <translation>该会话没有电量数据：既无电表读数，也无结束读数。</translation>
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
        <translation>无法写入统计数据：%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyTaggerImpl</name>
    <message>
        <location filename="../core/anomalies/anomalytaggerimpl.cpp" line="+33"/>
        <source>No session with the internal id %1.</source>
        <translation>没有内部 ID 为 %1 的会话。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No bill with the id %1.</source>
        <translation>没有 ID 为 %1 的账单。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1 does not belong to session %2.</source>
        <translation>账单 %1 不属于会话 %2。</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionEngine</name>
    <message>
        <location filename="../core/anomalies/correctionapply.cpp" line="+48"/>
        <source>Who corrects must be known: an operator name is required.</source>
        <translation>必须知道由谁矫正：需要操作员姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept with the bill and in the audit log.</source>
        <translation>必须填写原因：它会与账单一起保存并记入审计日志。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Bill %1 was corrected meanwhile: version %2 (bill %3) by %4 is current now. Nothing was written; look at the bill again.</source>
        <translation>账单 %1 已被他人矫正：当前为版本 %2（账单 %3，由 %4 创建）。未写入任何内容；请重新查看该账单。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something changed since the preview (a payment, a coupon or the bill&apos;s data): nothing was written. Look at the new preview and apply again.</source>
        <translation>预览之后情况有变（付款、优惠券或账单数据）：未写入任何内容。请查看新的预览后再应用。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Bill %1 was corrected meanwhile by %2: nothing was written.</source>
        <translation>账单 %1 已被 %2 矫正：未写入任何内容。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Coupon %1 was used or revoked meanwhile: nothing was written.</source>
        <translation>优惠券 %1 已被使用或撤销：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionengine.cpp" line="+24"/>
        <location line="+126"/>
        <source>No bill with the id %1.</source>
        <translation>没有 ID 为 %1 的账单。</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Bill %1 belongs to session %2, which is not there.</source>
        <translation>账单 %1 属于会话 %2，但该会话不存在。</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Bill %1 is version %2, but version %3 (bill %4, by %5) has replaced it: correct the current version.</source>
        <translation>账单 %1 是版本 %2，但已被版本 %3（账单 %4，由 %5 创建）取代：请矫正当前版本。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Nothing would change: the bill has these numbers already and no open anomaly.</source>
        <translation>不会有任何变化：账单已是这些数值，且没有未处理的异常。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The numbers stay the same: the correction confirms the bill, resolves its anomalies and settles it.</source>
        <translation>数值不变：此次矫正确认账单、处理其异常并完成结算。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmethods.cpp" line="+65"/>
        <source>Bill %1 keeps no inputs and no tariff applies to its session: it cannot be computed again.</source>
        <translation>账单 %1 未保存计算输入，且其会话没有适用的资费：无法重新计算。</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Session %1 has %n usable energy register reading(s); an estimate needs at least two. Use the station&apos;s bill or enter the energy.</source>
        <translation>
            <numerusform>会话 %1 只有 %n 个可用的电能表读数；估算至少需要两个。请使用充电桩账单或手动输入电量。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Estimated from %n register reading(s) between %1 and %2.</source>
        <translation>
            <numerusform>根据 %1 至 %2 之间的 %n 个电表读数估算。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n reading(s) of 0 Wh were left out (a register that read 0 before it jumped).</source>
        <translation>
            <numerusform>已剔除 %n 个 0 Wh 读数（电表先读 0 后跳变）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The station sent no bill of its own for session %1 (no stop reading): use another method.</source>
        <translation>充电桩未为会话 %1 发送自身账单（没有停止读数）：请使用其他方法。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own energy (%1 Wh) is not plausible: use another method.</source>
        <translation>充电桩自身的电量（%1 Wh）不合理：请使用其他方法。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill says %1 Wh.</source>
        <translation>充电桩自身账单为 %1 Wh。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s stop reading gives %1 Wh (meter %2 → %3 Wh).</source>
        <translation>充电桩停止读数得出 %1 Wh（电表 %2 → %3 Wh）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill asks %1; the tariff is applied to its energy.</source>
        <translation>充电桩自身账单金额为 %1；按资费对其电量计价。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the energy in Wh.</source>
        <translation>请以 Wh 为单位输入电量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>电量必须在 0 到 %1 Wh 之间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 Wh entered by hand, spread evenly over the charging time.</source>
        <translation>手动输入 %1 Wh，平均分布在充电时段内。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service already ended when the charging ended (%1): there is no idle time to remove.</source>
        <translation>服务已在充电结束时结束（%1）：没有可去除的占桩时间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service end %1 → %2 (the charging end).</source>
        <translation>服务结束时间 %1 → %2（充电结束时间）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no tariff %1.</source>
        <translation>没有资费 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariff %1 (version %2) was not in force when the session ran; it is applied as chosen.</source>
        <translation>资费 %1（版本 %2）在会话进行时并未生效；按所选应用。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No tariff was in force when session %1 ran (%2): choose one.</source>
        <translation>会话 %1 进行时（%2）没有生效的资费：请选择一个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff %1 is in %2 but the bill is in %3.</source>
        <translation>资费 %1 的币种为 %2，而账单为 %3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priced with tariff %1, version %2 (valid from %3).</source>
        <translation>按资费 %1 版本 %2 计价（自 %3 起有效）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the version to go back to.</source>
        <translation>请选择要恢复到的版本。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bill %1 is not a version of this session&apos;s bill.</source>
        <translation>账单 %1 不是此会话账单的版本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bill %1 is the current version already.</source>
        <translation>账单 %1 已是当前版本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 keeps no inputs, so its numbers cannot be brought back.</source>
        <translation>版本 %1 未保存计算输入，因此无法恢复其数值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to the numbers of version %1 (bill %2, by %3).</source>
        <translation>恢复到版本 %1 的数值（账单 %2，由 %3 创建）。</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Issued %1, after the session started: it is not applied to this session.</source>
        <translation>发放于 %1，晚于会话开始：不适用于此会话。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The version brought back did not use it.</source>
        <translation>所恢复的版本未使用它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It goes back to the member as issued.</source>
        <translation>它将退回给会员，状态为已发放。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The corrected amount reaches its minimum spend of %1: this bill uses it.</source>
        <translation>矫正后的金额达到其最低消费 %1：此账单使用该券。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 of the version brought back no longer applies: %2</source>
        <translation>所恢复版本的优惠券 %1 已不再适用：%2</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmoney.cpp" line="+35"/>
        <source>Nobody is known to pay this session (no member, department or card): ChargeDesk collects or gives back nothing.</source>
        <translation>不知道由谁支付此会话（没有会员、部门或银行卡）：ChargeDesk 不收取也不退还任何款项。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The bill was %1: nothing was taken for it yet, so the whole corrected total is taken now.</source>
        <translation>该账单状态为“%1”：尚未扣款，因此现在扣除矫正后的全部金额。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The balance goes below zero (%1).</source>
        <translation>余额将低于零（%1）。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Only %1 is held on the card: %2 of the corrected total cannot be captured and is to be collected another way.</source>
        <translation>银行卡上仅冻结了 %1：矫正后金额中的 %2 无法扣取，需通过其他方式收取。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 was captured already and a capture cannot be raised: the additional %2 is to be collected another way.</source>
        <translation>预授权 %1 已扣款，扣款金额无法提高：额外的 %2 需通过其他方式收取。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Correct the bill when the hold is there.</source>
        <translation>预授权 %1 状态为 %2：银行尚未冻结款项。请在预授权完成后再矫正账单。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 is %2: the card pays nothing; %3 is to be collected another way.</source>
        <translation>预授权 %1 状态为 %2：银行卡不支付任何款项；%3 需通过其他方式收取。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>此处无法使用支付功能，因此无法处理预授权 %1 的款项。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>预授权 %1 通过 %2 网关创建，但当前使用的是 %3 网关。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>网关尚未答复预授权 %1；请在收到答复后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>关于预授权 %1 的支付请求仍在等待网关；请在其答复后重试。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionspendcoupons.cpp" line="+71"/>
        <source>Coupon rule %1 is not there any more: nothing was written.</source>
        <translation>优惠券规则 %1 已不存在：未写入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Coupon %1 is not there any more: nothing was written.</source>
        <translation>优惠券 %1 已不存在：未写入任何内容。</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionMethodText</name>
    <message>
        <location filename="../core/anomalies/correctionmethod.cpp" line="+51"/>
        <source>Estimate the energy from the meter samples</source>
        <translation>根据电表读数估算电量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the station&apos;s own bill</source>
        <translation>使用充电桩自身账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the energy by hand</source>
        <translation>手动输入电量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the service end to the charging end</source>
        <translation>将服务结束时间改为充电结束时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute with a tariff</source>
        <translation>按资费重新计算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert to an earlier version</source>
        <translation>恢复到较早的版本</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The energy is taken from the energy register readings the station sent during the session (first to last reading), and the bill is computed again.</source>
        <translation>电量取自充电桩在会话期间上报的电能表读数（从第一个到最后一个读数），并重新计算账单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy the station itself reported (its stop reading, or its own bill) replaces the platform&apos;s, and the bill is computed again.</source>
        <translation>用充电桩自身上报的电量（停止时的读数或其自身账单）替换平台电量，并重新计算账单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You type the energy, for example from the station&apos;s display or a photo of it, and the bill is computed again.</source>
        <translation>由您输入电量（例如来自充电桩显示屏或其照片），并重新计算账单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service end is set to the charging end, so no idle (occupancy) fee is charged. For a car that did not occupy the charger after charging.</source>
        <translation>将服务结束时间设为充电结束时间，因此不收取占桩费。适用于充电后并未占用充电桩的车辆。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same energy and times are priced again: with the tariff that was valid when the session ran, or with a tariff version you choose.</source>
        <translation>以相同的电量和时间重新计价：使用会话进行时有效的资费，或您选择的资费版本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A wrong correction is undone by a new version with the numbers of an earlier one; nothing is deleted.</source>
        <translation>错误的矫正通过一个采用较早版本数值的新版本来撤销；不会删除任何内容。</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionText</name>
    <message>
        <location filename="../core/anomalies/correctionpreview.cpp" line="+25"/>
        <source>%1 (unchanged)</source>
        <translation>%1（不变）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>member %1</source>
        <translation>会员 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>department %1 (paying for %2)</source>
        <translation>部门 %1（代 %2 支付）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>department %1</source>
        <translation>部门 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take %1 from the balance of %2 (%3 → %4).</source>
        <translation>从%2的余额中扣除 %1（%3 → %4）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give %1 back to the balance of %2 (%3 → %4).</source>
        <translation>向%2的余额退还 %1（%3 → %4）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The refundable amount falls to the new balance (%1 → %2).</source>
        <extracomment>the member&apos;s refundable amount never exceeds the balance (DOMAIN &quot;Refunds&quot;)</extracomment>
        <translation>可退金额随新余额下降（%1 → %2）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Capture %1 from the card (hold %2).</source>
        <translation>从银行卡扣取 %1（预授权 %2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>将 %1 解冻退回客户银行卡。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money to the card (hold %2).</source>
        <translation>将已扣款项中的 %1 退回银行卡（预授权 %2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is to be collected another way: no balance or hold can take it.</source>
        <translation>%1 需通过其他方式收取：没有余额或预授权可以承担。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>资金不变动。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 still applies: %2 off.</source>
        <translation>优惠券 %1 仍然适用：减免 %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon %1 still applies: %2 → %3 off.</source>
        <translation>优惠券 %1 仍然适用：减免 %2 → %3。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops applying (%2 off no more).</source>
        <translation>优惠券 %1 不再适用（不再减免 %2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 starts applying: %2 off.</source>
        <translation>优惠券 %1 开始适用：减免 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 would apply but is not used.</source>
        <translation>优惠券 %1 本可适用，但不使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5): it is unused and is revoked.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>优惠券 %1 不再满足获得条件（规则“%2”：消费 %3 → %4，低于 %5）：尚未使用，将被撤销。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5), but it has been used already: the correction leaves it; decide with the member whether to recover it.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>优惠券 %1 不再满足获得条件（规则“%2”：消费 %3 → %4，低于 %5），但已被使用：矫正不会处理它；请与会员协商是否追回。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A coupon becomes earned (rule &quot;%1&quot;: spend %2 → %3 reaches %4): it is issued to the member.</source>
        <extracomment>%1 spend rule, %2 → %3 the member&apos;s spend before → after the correction, %4 the rule&apos;s threshold</extracomment>
        <translation>获得一张优惠券（规则“%1”：消费 %2 → %3 达到 %4）：将发放给会员。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bill %1 (version %2) of session %3 — %4</source>
        <translation>会话 %3 的账单 %1（版本 %2）— %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy: %1</source>
        <translation>电量：%1</translation>
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
        <translation>电费：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1</source>
        <translation>服务费：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee: %1</source>
        <translation>占桩费：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon: %1</source>
        <translation>优惠券：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>补扣：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>退款：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money: %1</source>
        <translation>资金：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement: %1</source>
        <translation>结算：%1</translation>
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
        <translation>已处理的异常：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Anomalies open again: %1</source>
        <translation>重新打开的异常：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot apply: %1</source>
        <translation>无法应用：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1 becomes version %2 with a total of %3 (was %4).</source>
        <translation>账单 %1 将成为版本 %2，合计 %3（原为 %4）。</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::DetectorText</name>
    <message>
        <location filename="../core/anomalies/detectors/billlost.cpp" line="+13"/>
        <source>No stop from the station: %1.</source>
        <extracomment>%1 how the session ended without the station&apos;s stop (&quot;closed after the station rebooted&quot;)</extracomment>
        <translation>充电桩未上送停止：%1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No stop from the station, which went offline during the session (disconnected %1).</source>
        <translation>充电桩未上送停止，且在会话期间离线（断开于 %1）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No stop from the station, which was offline when the session was closed.</source>
        <translation>充电桩未上送停止，且会话关闭时处于离线状态。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/detailtext.cpp" line="+14"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy; %1 a number of kilowatt-hours with three decimals</extracomment>
        <translation>%1 千瓦时</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 s</source>
        <extracomment>a duration in seconds</extracomment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min</source>
        <extracomment>a duration in minutes</extracomment>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <extracomment>a duration: %1 hours, %2 minutes (two digits)</extracomment>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 d %2 h</source>
        <extracomment>a duration: %1 days, %2 hours</extracomment>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 kW</source>
        <extracomment>a power; %1 a number of kilowatts with one decimal</extracomment>
        <translation>%1 千瓦</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>closed after the station rebooted</source>
        <translation>充电桩重启后关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed when a new transaction started on the connector</source>
        <translation>该充电枪开始新交易时关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed after the station said it no longer runs the transaction</source>
        <translation>充电桩报告该交易已不在进行后关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished by an operator</source>
        <translation>由操作员结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed as abandoned: nothing heard of it for too long</source>
        <translation>作为遗弃会话关闭：过长时间未收到任何消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/anomalies/detectors/timeoverlap.cpp" line="+19"/>
        <source>still open</source>
        <translation>仍未结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed by &quot;%1&quot;</source>
        <extracomment>%1 is who closed the session, as stored</extracomment>
        <translation>由“%1”关闭</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/durationanomaly.cpp" line="+20"/>
        <source>Charged for %1, longer than %2.</source>
        <extracomment>%1 how long the session charged, %2 the limit</extracomment>
        <translation>充电持续 %1，超过 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 delivered in a charging time of %2.</source>
        <extracomment>%1 the energy, %2 the (zero or negative) charging duration</extracomment>
        <translation>在 %2 的充电时长内输出了 %1。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energyanomaly.cpp" line="+13"/>
        <source>The meter stop (%1) is below the meter start (%2).</source>
        <translation>结束电表读数（%1）低于开始读数（%2）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The energy is negative (%1).</source>
        <translation>电量为负数（%1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is more than any session can take (limit %2).</source>
        <extracomment>%1 the session&apos;s energy, %2 the limit</extracomment>
        <translation>%1 超过任何会话可能的电量（上限 %2）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 in %2 needs %3; no charger delivers more than %4.</source>
        <extracomment>%1 the energy, %2 the duration, %3 the power that would need, %4 the most any charger delivers</extracomment>
        <translation>在 %2 内充入 %1 需要 %3；任何充电桩的功率都不超过 %4。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energylost.cpp" line="+12"/>
        <source>No energy data: no meter values and no meter stop from the station.</source>
        <translation>无电量数据：充电桩既无电表读数，也无结束读数。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/occupancyanomaly.cpp" line="+28"/>
        <source>The car stayed %1 after charging ended, longer than %2 (%3 → %4).</source>
        <extracomment>%1 how long the car stayed after charging, %2 the limit, %3 charging end, %4 when it left</extracomment>
        <translation>充电结束后车辆停留了 %1，超过 %2（%3 → %4）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Charging lasted only %1 (a failed start?) but the car stayed %2.</source>
        <extracomment>%1 how long it charged (under a minute), %2 how long the car stayed afterwards</extracomment>
        <translation>充电仅持续 %1（启动失败？），但车辆停留了 %2。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/platformdiffers.cpp" line="+73"/>
        <source>The station billed %1, the meter values show %2.</source>
        <extracomment>%1 the station&apos;s energy, %2 the platform&apos;s energy from meter values</extracomment>
        <translation>充电桩账单为 %1，电表读数显示 %2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register read 0 before the start and then jumped to %1 (%2).</source>
        <extracomment>%1 the register reading after the jump, %2 when</extracomment>
        <translation>启动前电表总读数为 0，之后跳变为 %1（%2）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register jumped from %1 to %2 (%3 → %4).</source>
        <extracomment>%1 and %2 the register before and after the jump, %3 and %4 their times</extracomment>
        <translation>电表读数从 %1 跳变为 %2（%3 → %4）。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The register went backwards %n time(s).</source>
        <translation>
            <numerusform>电表读数回退了 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The station&apos;s start → stop is %1, the meter values span %2 (%3 → %4).</source>
        <extracomment>%1 the station&apos;s duration (start → stop), %2 the span of the meter values, %3 and %4 its first and last</extracomment>
        <translation>充电桩的开始 → 停止为 %1，电表读数覆盖 %2（%3 → %4）。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/timeanomaly.cpp" line="+21"/>
        <source>%1: station time %2, %3 later than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the start&quot;), %2 its time, %3 how far ahead, %4 when we received it</extracomment>
        <translation>%1：充电桩时间 %2，比平台接收时间（%4）晚 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: station time %2, %3 earlier than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the stop&quot;), %2 its time, %3 how far behind, %4 when we received it</extracomment>
        <translation>%1：充电桩时间 %2，比平台接收时间（%4）早 %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the stop (%1) lies before the start (%2)</source>
        <translation>停止（%1）早于开始（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>charging ended (%1) before it began (%2)</source>
        <translation>充电结束（%1）早于开始（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the car left (%1) before charging ended (%2)</source>
        <translation>车辆离开（%1）早于充电结束（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the session lasted %1, longer than %2</source>
        <extracomment>%1 the session&apos;s length, %2 the limit (168 h by default)</extracomment>
        <translation>会话持续 %1，超过 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a meter value</source>
        <translation>电表读数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Implausible times: %1.</source>
        <extracomment>the reasons a session&apos;s times are implausible, joined by &quot;; &quot;</extracomment>
        <translation>时间不合理：%1。</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/timeoverlap.cpp" line="-2"/>
        <source>%1 (%2 → %3)</source>
        <extracomment>another session in a list: %1 its number, %2 its start, %3 its end (or &quot;still open&quot;)</extracomment>
        <translation>%1（%2 → %3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overlaps on connector %1 with %2.</source>
        <extracomment>%1 the connector number, %2 the overlapping sessions</extracomment>
        <translation>在充电枪 %1 上与 %2 重叠。</translation>
    </message>
</context>
<context>
    <name>cd::auth::PasswordHash</name>
    <message>
        <location filename="../core/auth/passwordhash.cpp" line="+35"/>
        <source>The password library (libsodium) could not be initialised.</source>
        <translation>无法初始化密码库（libsodium）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is too long.</source>
        <translation>密码过长。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not enough memory to hash the password.</source>
        <translation>内存不足，无法计算密码哈希。</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillText</name>
    <message>
        <location filename="../core/billing/billcalculator.cpp" line="+304"/>
        <source>No tariff applied: nothing is charged for this session (times in %1). A correction can price it with a tariff.</source>
        <translation>未适用任何资费：本次会话不计费（时间为 %1）。可通过账单矫正按资费重新计费。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tariff &quot;%1&quot;, version %2, %3 (times in %4).</source>
        <translation>资费“%1”，版本 %2，%3（时间按 %4）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Charging from %1 to %2 (%3 min); the connector was freed at %4.</source>
        <translation>充电时间 %1 至 %2（%3 分钟）；%4 拔枪（服务结束）。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Energy %1 kWh from %n energy register reading(s) (meter start %2 Wh, meter stop %3 Wh), shared between the periods by time between readings.</source>
        <translation>
            <numerusform>电量 %1 kWh，来自 %n 条电表读数（起始 %2 Wh，结束 %3 Wh），按读数之间的时间分配到各时段。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy %1 kWh = meter stop %2 Wh − meter start %3 Wh (no readings in between: spread evenly over the charging time).</source>
        <translation>电量 %1 kWh = 结束读数 %2 Wh − 起始读数 %3 Wh（中间无读数：按充电时间平均分配）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Energy %1 kWh as entered for this bill (not from the meter), spread evenly over the charging time.</source>
        <translation>电量 %1 kWh 为本账单录入值（非电表数据），按充电时间平均分配。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy %1 kWh as the session recorded it (the energy register gave %2 kWh), shared between the periods in the shape of the register readings, or evenly without them.</source>
        <translation>电量 %1 kWh 为会话记录值（电表读数得出 %2 kWh），按电表读数的曲线分配到各时段，无读数时平均分配。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No energy data for this session: 0 kWh.</source>
        <translation>此会话没有电量数据：0 kWh。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 period %2</source>
        <translation>%1时段 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the periods</source>
        <translation>时段之外</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2 to %3: %4 kWh × %5/kWh = %6</source>
        <translation>%1，%2 至 %3：%4 kWh × %5/kWh = %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total: %1 (no tariff applied)</source>
        <translation>合计：%1（未适用资费）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy fee: %1</source>
        <translation>电费：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1 kWh × %2/kWh = %3</source>
        <translation>服务费：%1 kWh × %2/kWh = %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: none (the tariff charges no idle fee).</source>
        <translation>占桩费：无（资费不收占桩费）。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Idle fee: none (the connector was freed within %n free minute(s) after charging ended).</source>
        <translation>
            <numerusform>占桩费：无（充电结束后 %n 分钟免费时长内已拔枪）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: freed at %1 − (charging end %2 + %3 free min) = %4 whole min × %5/min = %6</source>
        <translation>占桩费：拔枪 %1 −（充电结束 %2 + 免费 %3 分钟）= 整 %4 分钟 × %5/分钟 = %6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coupon %1: −%2 (worth %3, min spend %4).</source>
        <translation>优惠券 %1：−%2（面额 %3，最低消费 %4）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 not used: the amount %2 is below its minimum spend %3.</source>
        <translation>优惠券 %1 未使用：金额 %2 低于其最低消费 %3。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total: %1 energy + %2 service + %3 idle − %4 coupon = %5</source>
        <translation>合计：电费 %1 + 服务费 %2 + 占桩费 %3 − 优惠券 %4 = %5</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillingService</name>
    <message>
        <location filename="../core/billing/billingservice.cpp" line="+118"/>
        <source>The account that pays session %1 no longer exists.</source>
        <translation>支付会话 %1 的账户已不存在。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>There is no session %1.</source>
        <translation>没有会话 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 has not ended (status %2): it gets its bill when it ends.</source>
        <translation>会话 %1 尚未结束（状态 %2）：结束后才会生成账单。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Session %1 cannot be billed: no tariff applies.</source>
        <translation>会话 %1 无法出账：没有适用的费率。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Session abandoned</source>
        <translation>会话已弃置</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The coupon chosen for session %1 was used meanwhile: try again.</source>
        <translation>为会话 %1 选择的优惠券已被使用：请重试。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bill of session %1</source>
        <translation>会话 %1 的账单</translation>
    </message>
</context>
<context>
    <name>cd::billing::CouponRules</name>
    <message>
        <location filename="../core/billing/couponrules.cpp" line="+86"/>
        <source>The coupon applies.</source>
        <translation>优惠券适用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has been used, revoked or has expired.</source>
        <translation>优惠券已使用、已撤销或已过期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon belongs to another member.</source>
        <translation>优惠券属于其他会员。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another department.</source>
        <translation>优惠券限其他部门使用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another sub-operator.</source>
        <translation>优惠券限其他子运营商使用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another station.</source>
        <translation>优惠券限其他充电桩使用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is not valid yet.</source>
        <translation>优惠券尚未生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has expired.</source>
        <translation>优惠券已过期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is below the coupon&apos;s minimum spend.</source>
        <translation>金额低于优惠券的最低消费。</translation>
    </message>
</context>
<context>
    <name>cd::billing::SettlementText</name>
    <message>
        <location filename="../core/billing/settlement.cpp" line="+48"/>
        <source>Hold until corrected</source>
        <translation>矫正前暂不结算</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settle first, correct later</source>
        <translation>先结算，后矫正</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsettled</source>
        <translation>未结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charged provisionally</source>
        <translation>已预结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held until corrected</source>
        <translation>待矫正后结算</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffRepository</name>
    <message>
        <location filename="../core/billing/tariffrepository.cpp" line="+224"/>
        <source>Tariff %1 (&quot;%2&quot;) already applies to this scope: save a new version of it instead.</source>
        <translation>资费 %1（“%2”）已适用于此范围：请改为保存它的新版本。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+71"/>
        <source>There is no tariff %1.</source>
        <translation>没有资费 %1。</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Version %1 of this tariff has been replaced by tariff %2 already: edit the newest version.</source>
        <translation>此资费的版本 %1 已被资费 %2 取代：请编辑最新版本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new version keeps the scope of the tariff: create a new tariff for another scope.</source>
        <translation>新版本沿用资费的适用范围：其他范围请新建资费。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new version must start after the version it replaces (%1).</source>
        <translation>新版本的开始时间必须晚于被取代的版本（%1）。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Tariff %1 has a newer version: end that one.</source>
        <translation>资费 %1 有更新的版本：请结束那个版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff can only end after it starts.</source>
        <translation>资费只能在开始之后结束。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>There is no session %1.</source>
        <translation>没有会话 %1。</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffText</name>
    <message>
        <location filename="../core/billing/tariff.cpp" line="+112"/>
        <source>Peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Global default</source>
        <translation>全局默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter a name for the tariff.</source>
        <translation>请输入资费名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the currency of the tariff.</source>
        <translation>请输入资费的币种。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code (three capital letters, e.g. EUR).</source>
        <translation>“%1”不是币种代码（三个大写字母，如 EUR）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a known time zone (e.g. Europe/Kyiv, Asia/Shanghai, UTC).</source>
        <translation>“%1”不是已知时区（如 Europe/Kyiv、Asia/Shanghai、UTC）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price must not be negative.</source>
        <translation>电价不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service fee must not be negative.</source>
        <translation>服务费不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The idle fee must not be negative.</source>
        <translation>占桩费不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The free minutes before the idle fee must not be negative.</source>
        <translation>占桩费前的免费时长不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The global default tariff applies everywhere: it has no site, station or department.</source>
        <translation>全局默认资费适用于所有地方：它没有站点、充电桩或部门。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the site the tariff applies to.</source>
        <translation>请选择资费适用的站点。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the station the tariff applies to.</source>
        <translation>请选择资费适用的充电桩。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the department the tariff applies to.</source>
        <translation>请选择资费适用的部门。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tariff must end after it starts.</source>
        <translation>资费的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: times must lie between 00:00 and 24:00.</source>
        <translation>时段 %1：时间必须在 00:00 到 24:00 之间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period %1 is empty: it starts and ends at %2.</source>
        <translation>时段 %1 为空：开始和结束都是 %2。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: the energy price must not be negative.</source>
        <translation>时段 %1：电价不能为负数。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Periods %1 (%2) and %3 (%4) overlap.</source>
        <translation>时段 %1（%2）与时段 %3（%4）重叠。</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingService</name>
    <message>
        <location filename="../core/charging/chargingservice.cpp" line="+67"/>
        <source>No station with the internal id %1.</source>
        <translation>不存在内部 ID 为 %1 的充电站。</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingText</name>
    <message>
        <location filename="../core/charging/chargingtypes.cpp" line="+123"/>
        <source>Emergency stop button pressed</source>
        <translation>急停按钮被按下</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vehicle unplugged</source>
        <translation>车辆已拔枪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station hard reset</source>
        <translation>充电站硬重启</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station soft reset</source>
        <translation>充电站软重启</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped at the station (card or button)</source>
        <translation>在充电站上停止（刷卡或按键）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station lost power</source>
        <translation>充电站断电</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station rebooted during the session</source>
        <translation>充电过程中充电站重启</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped from the back office</source>
        <translation>由后台停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector unlocked from the back office</source>
        <translation>由后台解锁充电枪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card no longer authorized</source>
        <translation>卡已不再获得授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station rebooted and reported the connector available</source>
        <translation>由系统关闭：充电站重启后报告该充电枪空闲</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: a new session started on the same connector</source>
        <translation>由系统关闭：同一充电枪上开始了新的充电</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station says the session ended, but its end message never arrived</source>
        <translation>由系统关闭：充电站表示会话已结束，但结束消息从未到达</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not stopped</source>
        <translation>未停止</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for payment</source>
        <translation>等待支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging</source>
        <translation>充电中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for final payment</source>
        <translation>等待最终支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed, payment still held</source>
        <translation>失败，款项仍被冻结</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card blocked</source>
        <translation>卡已冻结</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card expired</source>
        <translation>卡已过期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown or invalid card</source>
        <translation>未知或无效的卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card already charging elsewhere</source>
        <translation>该卡正在其他位置充电</translation>
    </message>
</context>
<context>
    <name>cd::charging::CommitQueue</name>
    <message>
        <location filename="../core/charging/commitqueue.cpp" line="+22"/>
        <source>The charging service is shutting down.</source>
        <translation>充电服务正在关闭。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A message handler failed unexpectedly.</source>
        <translation>消息处理程序意外失败。</translation>
    </message>
</context>
<context>
    <name>cd::charging::SessionTimeline</name>
    <message>
        <location filename="../core/charging/sessiontimeline.cpp" line="+94"/>
        <source>requested</source>
        <translation>已请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bank processing</source>
        <translation>银行处理中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>money held on the card</source>
        <translation>卡上资金已冻结</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>captured</source>
        <translation>已扣款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>released to the card</source>
        <translation>已释放回卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 kWh</source>
        <extracomment>energy in kilowatt-hours, %1 a number such as 12.4</extracomment>
        <translation>%1 千瓦时</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 kW</source>
        <extracomment>power in kilowatts, %1 a number such as 7.2</extracomment>
        <translation>%1 千瓦</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session created: the station started charging</source>
        <translation>会话已创建：充电桩开始充电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session created</source>
        <translation>会话已创建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s start was matched to this session (connector %1)</source>
        <translation>充电桩的启动已匹配到此会话（充电枪 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card %1 presented: %2</source>
        <translation>出示卡 %1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging started although the card was not authorised (%1)</source>
        <translation>卡未通过授权却开始了充电（%1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station confirmed the start (transaction %1, connector %2, meter %3)</source>
        <translation>充电桩确认启动（交易 %1，充电枪 %2，电表 %3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated its start message — ignored, answered as before</source>
        <translation>充电桩重复发送启动消息——已忽略，按原样应答</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status: %1 → %2</source>
        <translation>状态：%1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vehicle started taking energy</source>
        <translation>车辆开始充入电能</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging state reported by the station: %1</source>
        <translation>充电桩报告的充电状态：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start meter reading taken from the first meter value: %1</source>
        <translation>起始电表读数取自第一个计量值：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values arrived after the stop — kept, the session&apos;s energy is unchanged</source>
        <translation>停止后收到计量值——已保存，会话电量不变</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reported the stop: %1 charged, meter %2. Reason: %3</source>
        <translation>充电桩报告停止：已充 %1，电表 %2。原因：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station repeated its stop message — ignored, nothing counted twice</source>
        <translation>充电桩重复发送停止消息——已忽略，不重复计费</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s stop arrived after the system had closed the session; the station&apos;s figures now count</source>
        <translation>系统关闭会话后才收到充电桩的停止消息；现以充电桩数据为准</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Meter at stop (%1) is below the meter at start (%2): energy set to 0</source>
        <translation>停止时电表（%1）小于启动时电表（%2）：电量记为 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station&apos;s stop time lies before its start time: the station&apos;s clock is wrong</source>
        <translation>停止时间早于启动时间：充电桩时钟有误</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closed by the system: the station rebooted without sending a stop (%1 charged)</source>
        <translation>系统关闭：充电桩重启且未发送停止消息（已充 %1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: a new session started on the same connector (%1 charged)</source>
        <translation>系统关闭：同一充电枪上开始了新会话（已充 %1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: the station no longer runs this transaction and its stop was lost (%1 charged)</source>
        <translation>系统关闭：充电桩已不再运行此交易，其停止消息丢失（已充 %1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: nothing was heard of this session for too long and its stop never came (%1 charged)</source>
        <translation>由系统关闭：过长时间未收到该会话的任何消息，且始终未收到停止（已充 %1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station rebooted while this session was open</source>
        <translation>会话进行中充电桩重启</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asked the station: it no longer runs this transaction</source>
        <translation>已询问充电桩：它已不再运行此交易</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station: the transaction is still running</source>
        <translation>已询问充电桩：交易仍在进行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station about the transaction: no clear answer</source>
        <translation>已询问充电桩交易状态：无明确答复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not ask the station about the transaction</source>
        <translation>无法向充电桩查询交易</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivered late from the station&apos;s offline queue (message %1)</source>
        <translation>从充电桩离线队列延迟送达（消息 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing: expected number %1, received %2</source>
        <translation>充电桩消息缺失：应为序号 %1，收到 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A late station message arrived (number %1)</source>
        <translation>收到一条迟到的充电桩消息（序号 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The transaction ended with station messages still missing</source>
        <translation>交易已结束，但仍缺少部分充电桩消息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s first message about this transaction was not its start</source>
        <translation>充电桩关于此交易的第一条消息不是启动消息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment hold: %1 → %2 (held %3, captured %4)</source>
        <extracomment>%1 and %2 hold states such as &quot;money held on the card&quot;, %3 and %4 amounts</extracomment>
        <translation>预授权：%1 → %2（冻结 %3，扣款 %4）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bank reported the hold as &quot;%1&quot; — ignored for now, no card token yet; applied when it comes</source>
        <translation>银行报告预授权状态为“%1”——暂时忽略，尚无卡令牌；收到后再应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank reported the hold as &quot;%1&quot; — waiting for an earlier report first</source>
        <translation>银行报告预授权状态为“%1”——先等待更早的报告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund of %1 (refunded in all: %2)</source>
        <translation>退款 %1（累计退款：%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priced for payment: %1 for %2</source>
        <translation>计费：%2 共 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill issued: %1 for %2</source>
        <extracomment>%1 the bill&apos;s total, %2 the energy billed (core/billing)</extracomment>
        <translation>已生成账单：%2，金额 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The amount %1 is more than the hold of %2: %3 is to be collected another way</source>
        <extracomment>%1 the session&apos;s amount, %2 what the hold had reserved, %3 what is left to collect</extracomment>
        <translation>金额 %1 超过预授权 %2：%3 需通过其他方式收取</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session could not be priced (no tariff, or another currency): the hold waits for the operator&apos;s Finalize</source>
        <translation>无法为会话计费（没有费率或币种不同）：预授权等待操作员执行“完成扣款”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bill has anomalies and is held until corrected: the hold of %1 stays on the card until bill %2 is corrected</source>
        <extracomment>%1 the amount held on the card, %2 the bill&apos;s id</extracomment>
        <translation>账单存在异常，矫正后再结算：%1 的预授权保留在卡上，直到账单 %2 被矫正</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Balance running out: stop sent automatically (left %1, stop at %2)</source>
        <translation>余额即将不足：已自动发送停止（剩余 %1，停止阈值 %2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station accepted the stop but kept charging: %1 more since</source>
        <translation>充电站已接受停止指令但仍在充电：此后又充了 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finished by the operator: %1 → %2, %3 charged, amount %4. Reason: %5</source>
        <translation>操作员结束：%1 → %2，已充 %3，金额 %4。原因：%5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold canceled by the operator: %1 → %2. Reason: %3</source>
        <translation>操作员取消预授权：%1 → %2。原因：%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finalized by the operator: amount %1. Reason: %2</source>
        <translation>操作员完成结算：金额 %1。原因：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy set by the operator: %1 → %2, amount %3 → %4. Reason: %5</source>
        <translation>操作员设置电量：%1 → %2，金额 %3 → %4。原因：%5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status changed by the operator (%1): %2 → %3. Reason: %4</source>
        <translation>操作员更改状态（%1）：%2 → %3。原因：%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start sent to the station by the operator. Reason: %1</source>
        <translation>操作员向充电站发送启动指令。原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop sent to the station by the operator. Reason: %1</source>
        <translation>操作员向充电站发送停止指令。原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reset by the operator. Reason: %1</source>
        <translation>操作员重置了充电站。原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator action %1. Reason: %2</source>
        <translation>操作员操作 %1。原因：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The money call after the operator&apos;s action failed: %1</source>
        <translation>操作员操作后的资金调用失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated message %1 — ignored</source>
        <translation>充电桩重复发送消息 %1——已忽略</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Event: %1</source>
        <extracomment>a session event the console has no words for yet; %1 its internal name</extracomment>
        <translation>事件：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by %1</source>
        <translation>操作人 %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Message %1 not accepted: %2</source>
        <translation>消息 %1 未被接受：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Station refused %1 with the error %2</source>
        <translation>充电桩以错误 %2 拒绝了 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused the station&apos;s %1 with the error %2</source>
        <translation>已以错误 %2 拒绝充电桩的 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station reports the start on connector %1 with card %2, meter %3</source>
        <translation>充电桩报告在充电枪 %1 上用卡 %2 启动，电表 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reports the stop of transaction %1, meter %2</source>
        <translation>充电桩报告交易 %1 停止，电表 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station asks whether card %1 may charge</source>
        <translation>充电桩询问卡 %1 是否可以充电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connector %1 reports: %2</source>
        <translation>充电枪 %1 报告：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Station reports the start of the transaction (message %1)</source>
        <translation>充电桩报告交易开始（消息 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports the end of the transaction (message %1)</source>
        <translation>充电桩报告交易结束（消息 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports progress (message %1, %2)</source>
        <translation>充电桩报告进度（消息 %1，%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station sent %1</source>
        <translation>充电桩发送了 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>START sent to the station (connector %1, card %2)</source>
        <translation>已向充电桩发送启动命令（充电枪 %1，卡 %2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>STOP sent to the station (transaction %1)</source>
        <translation>已向充电桩发送停止命令（交易 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent to the station</source>
        <translation>已向充电桩发送 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Station accepted the START</source>
        <translation>充电桩接受了启动命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the START (%1)</source>
        <translation>充电桩拒绝了启动命令（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station accepted the STOP</source>
        <translation>充电桩接受了停止命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the STOP (%1)</source>
        <translation>充电桩拒绝了停止命令（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station answered %1</source>
        <translation>充电桩已应答 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station answered %1: %2</source>
        <translation>充电桩应答 %1：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start confirmed to the station: transaction %1, card %2</source>
        <translation>已向充电桩确认启动：交易 %1，卡：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop confirmed to the station</source>
        <translation>已向充电桩确认停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered the station about the card: %1</source>
        <translation>已答复充电桩卡的状态：%1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 A</source>
        <extracomment>electric current in amperes, %1 a number such as 16.0</extracomment>
        <translation>%1 安</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>battery %1 %</source>
        <extracomment>the vehicle battery&apos;s state of charge, %1 a whole number of percent</extracomment>
        <translation>电池 %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no energy reading</source>
        <translation>无电量读数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeated meter callback without progress (%1) — ignored</source>
        <translation>重复的电表回调且无进展（%1）——已忽略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter: %1</source>
        <translation>电表：%1</translation>
    </message>
</context>
<context>
    <name>cd::charging::SuspiciousSessions</name>
    <message>
        <location filename="../core/charging/suspicioussessions.cpp" line="+101"/>
        <source>Charged without an authorised card</source>
        <translation>未经授权的卡充电</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing</source>
        <translation>充电桩消息缺失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start message never arrived</source>
        <translation>从未收到启动消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop arrived after the system closed it</source>
        <translation>系统关闭后才收到停止消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter went backwards</source>
        <translation>电表读数倒退</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station clock wrong</source>
        <translation>充电桩时钟错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values after the stop</source>
        <translation>停止后仍有计量值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system, no Stop from the station</source>
        <translation>系统关闭，充电桩未发送停止消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No energy delivered</source>
        <translation>未输出电量</translation>
    </message>
</context>
<context>
    <name>cd::charging::TransactionLedger</name>
    <message>
        <location filename="../core/charging/transactionledger.cpp" line="+256"/>
        <source>Transaction ids beyond 2147483647 cannot be issued to OCPP 1.6 stations.</source>
        <translation>无法向 OCPP 1.6 充电站分配大于 2147483647 的交易 ID。</translation>
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
        <translation>ID</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+38"/>
        <location line="+175"/>
        <location line="+30"/>
        <location line="+106"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+39"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+42"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+43"/>
        <source>Refundable</source>
        <translation>可退款</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+45"/>
        <location line="+168"/>
        <source>Auto-stop at</source>
        <translation>自动停止阈值</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+45"/>
        <source>Cards</source>
        <translation>卡</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+98"/>
        <location line="+23"/>
        <source>Give the member&apos;s id.</source>
        <translation>请给出会员 ID。</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+312"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pending refund</source>
        <translation>待审退款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-ups</source>
        <translation>充值记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Created member %1.</source>
        <translation>已创建会员 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+86"/>
        <source>Issued coupon %1 (%2).</source>
        <translation>已发放优惠券 %1（%2）。</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Saved member %1.</source>
        <translation>已保存会员 %1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>请给出金额：--amount 100.00。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Would top up member %1 by %2: balance %3 → %4.</source>
        <translation>将为会员 %1 充值 %2：余额 %3 → %4。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It would earn the coupon &quot;%1&quot; (%2).</source>
        <translation>将获得优惠券“%1”（%2）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Topped up member %1 by %2 (receipt %3); balance %4.</source>
        <translation>已为会员 %1 充值 %2（收据 %3）；余额 %4。</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+30"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+30"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Parent</source>
        <translation>上级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bills to parent</source>
        <translation>由上级支付</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pooled balance</source>
        <translation>共享余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department cards</source>
        <translation>部门卡</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trigger</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--trigger must be topup, new_member or spend.</source>
        <translation>--trigger 必须是 topup、new_member 或 spend。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+106"/>
        <source>Min spend</source>
        <translation>最低消费</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <translation>获得门槛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Say what the coupon is worth: --amount 10.00.</source>
        <translation>请给出优惠券面值：--amount 10.00。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Created coupon rule %1.</source>
        <translation>已创建优惠券规则 %1。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--status must be issued, used or revoked.</source>
        <translation>--status 必须是 issued、used 或 revoked。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until (UTC)</source>
        <translation>有效至（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by bill</source>
        <translation>获得账单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give the coupon&apos;s id.</source>
        <translation>请给出优惠券 ID。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Revoked coupon %1.</source>
        <translation>已撤销优惠券 %1。</translation>
    </message>
</context>
<context>
    <name>cd::cli::AlertCommands</name>
    <message>
        <location filename="../app/cli/alertcommands.cpp" line="+64"/>
        <source>--state must be open, acknowledged, resolved, active or all.</source>
        <translation>--state 必须是 open、acknowledged、resolved、active 或 all。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--last must be a positive number.</source>
        <translation>--last 必须是正数。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opened (UTC)</source>
        <translation>打开时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assigned to</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the alert&apos;s id.</source>
        <translation>请给出告警 ID。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an alert id.</source>
        <translation>“%1”不是告警 ID。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say who gets the alert: --to NAME (an empty name unassigns it).</source>
        <translation>请说明指派给谁：--to 姓名（空姓名表示取消指派）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Alert %1: %2</source>
        <translation>告警 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assigned to %1</source>
        <translation>已指派给 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show alerts (default: open and acknowledged), newest first.</source>
        <translation>显示告警（默认：未处理和已确认的），最新的在前。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge an alert.</source>
        <translation>确认告警。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign an alert to someone.</source>
        <translation>将告警指派给某人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve an alert, saying what was done.</source>
        <translation>解决告警并说明所做的处理。</translation>
    </message>
</context>
<context>
    <name>cd::cli::AuditCommands</name>
    <message>
        <location filename="../app/cli/auditcommands.cpp" line="+26"/>
        <source>--last must be a positive number.</source>
        <translation>--last 必须是正数。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the newest audit log entries.</source>
        <translation>显示最新的审计日志记录。</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCommands</name>
    <message>
        <location filename="../app/cli/billcommands.cpp" line="+88"/>
        <source>&quot;%1&quot; is not an anomaly code (1–9, 11).</source>
        <translation>“%1”不是异常代码（1–9、11）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--status must be open, resolved or all.</source>
        <translation>--status 必须是 open、resolved 或 all。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+70"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="-70"/>
        <location line="+70"/>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Codes</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started (UTC)</source>
        <translation>开始时间 (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kWh</source>
        <translation>千瓦时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--by must be day, week or month.</source>
        <translation>--by 必须是 day、week 或 month。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose one of --json and --csv.</source>
        <translation>请在 --json 和 --csv 中选择一个。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly bills</source>
        <translation>异常账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>会话数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 anomaly bills; periods in %2.</source>
        <extracomment>%1 a number of bills, %2 a time zone such as Europe/Kyiv</extracomment>
        <translation>异常账单 %1 张；周期按时区 %2 划分。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show anomaly bills (default: open ones), newest session first.</source>
        <translation>显示异常账单（默认：未处理的），最新会话在前。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count anomaly bills by code, station, firmware and period, with their share of sessions.</source>
        <translation>按代码、充电桩、固件和周期统计异常账单，并给出其在会话中的占比。</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCorrectCommands</name>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="-147"/>
        <source>The bill id must be a whole number, e.g. 42.</source>
        <translation>账单 ID 必须是整数，例如 42。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--reason is required: it is kept with the bill and in the audit log.</source>
        <translation>必须提供 --reason：它会与账单一起保存并记入审计日志。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Done: bill %1 is version %2 of the bill (audit record %3).</source>
        <translation>完成：账单 %1 为该账单的版本 %2（审计记录 %3）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Usage: chargedesk-cli bill correct &lt;bill id&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason TEXT [--dry-run] [--json]</source>
        <translation>用法：chargedesk-cli bill correct &lt;账单 ID&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason 文本 [--dry-run] [--json]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 needs a whole number.</source>
        <translation>--%1 需要一个整数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--method must be estimate, station, manual, service-end, tariff or revert.</source>
        <translation>--method 必须是 estimate、station、manual、service-end、tariff 或 revert。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--method manual needs --energy-wh with a whole number of Wh.</source>
        <translation>--method manual 需要 --energy-wh，值为整数 Wh。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--method revert needs --to-bill with the id of the version to go back to.</source>
        <translation>--method revert 需要 --to-bill，值为要恢复到的版本 ID。</translation>
    </message>
</context>
<context>
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+49"/>
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>ChargeDesk 命令行：脚本与财务对账。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print machine-readable JSON.</source>
        <translation>输出机器可读的 JSON。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+63"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Output file.</source>
        <translation>输出文件。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name.</source>
        <translation>显示名称。</translation>
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
        <translation>文本</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Station vendor.</source>
        <translation>充电站厂商。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station model.</source>
        <translation>充电站型号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station firmware version.</source>
        <translation>充电站固件版本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street address.</source>
        <translation>街道地址。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude in degrees.</source>
        <translation>纬度（度）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+36"/>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Longitude in degrees.</source>
        <translation>经度（度）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the station from the public map (it stays in reports).</source>
        <translation>在公共地图上隐藏该充电站（报表中仍会保留）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows matching this text.</source>
        <translation>仅显示与此文本匹配的行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the newest N rows.</source>
        <translation>仅显示最新的 N 行。</translation>
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
        <translation>写入审计日志的名称（默认：cli:&lt;user&gt;）；仅在数据库中还没有操作员时可用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in as this operator (password from CHARGEDESK_PASSWORD, or asked for); required once the database has operators.</source>
        <translation>以此操作员身份登录（密码取自 CHARGEDESK_PASSWORD，或在提示时输入）；数据库中有操作员后必须提供。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An operator&apos;s role: support, site_manager, accountant, administrator or a custom one.</source>
        <translation>操作员的角色：support、site_manager、accountant、administrator 或自定义角色。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many times an operator may be logged in at once (default 1).</source>
        <translation>操作员可同时登录的次数（默认 1）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>From this time on (ISO 8601, e.g. 2026-11-23T08:00:00Z).</source>
        <translation>从此时间起（ISO 8601，例如 2026-11-23T08:00:00Z）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up to this time (ISO 8601).</source>
        <translation>截至此时间（ISO 8601）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command parameter, key=value (repeatable; JSON values allowed).</source>
        <translation>命令参数，格式为 key=value（可重复；值可以是 JSON）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key=value</source>
        <translation>key=value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command&apos;s whole payload as a JSON object.</source>
        <translation>以 JSON 对象形式给出的完整命令内容。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>json</source>
        <translation>json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the command queued until the station connects.</source>
        <translation>将命令保留在队列中，直到充电站连接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to wait for the station&apos;s answer (default 90).</source>
        <translation>等待充电站应答的秒数（默认 90）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only open sessions.</source>
        <translation>仅显示未关闭的充电订单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only sessions open for long (the station never sent Stop).</source>
        <translation>仅显示长时间未关闭的充电订单（充电站始终未发送 Stop）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What counts as old for --old-open (default 24).</source>
        <translation>--old-open 中订单超过多少小时视为旧订单（默认 24）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>小时数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag kind: card, app or department.</source>
        <translation>id tag 类型：card、app 或 department。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag status: Accepted, Blocked or Expired; anomaly bills: open, resolved or all.</source>
        <translation>ID 标签状态：Accepted、Blocked 或 Expired；异常账单：open、resolved 或 all。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the id tag expires (ISO 8601).</source>
        <translation>id tag 的到期时间（ISO 8601）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent id tag (a group or department).</source>
        <translation>上级 id tag（群组或部门）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tag</source>
        <translation>id tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions an id tag may run at once (department cards).</source>
        <translation>一个 id tag 可同时进行的充电数量（用于部门卡）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s Basic-auth password (security profile 1).</source>
        <translation>充电站的 Basic auth 密码（安全配置文件 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the change is made (kept in the audit log).</source>
        <translation>变更原因（记录在审计日志中）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what would happen (to money too) and change nothing.</source>
        <translation>显示将会发生什么（包括资金），但不做任何更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An amount in the session&apos;s currency, e.g. 12.50.</source>
        <translation>以会话币种表示的金额，例如 12.50。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <location line="+7"/>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+23"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>An energy counter in Wh.</source>
        <translation>电量读数（Wh）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wh</source>
        <translation>Wh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An energy in kWh, e.g. 12345.678 (meter readings).</source>
        <translation>以 kWh 计的电量，例如 12345.678（电表读数）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the session&apos;s amount from the tariff.</source>
        <translation>按电价重新计算会话金额。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status change mode: soft (keeps priorities) or override.</source>
        <translation>状态更改模式：soft（遵守优先级）或 override。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>A hard reset (1.6 Hard, 2.0.1 Immediate) instead of a soft one.</source>
        <translation>硬重置（1.6 Hard，2.0.1 Immediate），而不是软重置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert state: open, acknowledged, resolved, active or all.</source>
        <translation>告警状态：open、acknowledged、resolved、active 或 all。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note for the alert&apos;s history.</source>
        <translation>写入告警历史的备注。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s phone number.</source>
        <translation>会员的电话号码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s e-mail address.</source>
        <translation>会员的电子邮件地址。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A department&apos;s id.</source>
        <translation>部门 ID。</translation>
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
        <translation>编号</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>A member&apos;s id.</source>
        <translation>会员 ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold: stop charging when this much is left.</source>
        <translation>自动停止阈值：余额剩余此金额时停止充电。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ISO 4217 currency (default: the one in Settings › Payments).</source>
        <translation>ISO 4217 货币（默认：设置 › 支付 中的货币）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up&apos;s receipt number.</source>
        <translation>充值收据编号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The payment gateway that took the money (default: manual).</source>
        <translation>收款的支付网关（默认：manual）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What issues the coupon: topup or new_member.</source>
        <translation>发放优惠券的条件：topup 或 new_member。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>trigger</source>
        <translation>条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up that earns the coupon, e.g. 100.00.</source>
        <translation>可获得优惠券的充值金额，例如 100.00。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The spend in the rule&apos;s period that earns the coupon (trigger spend), e.g. 300.00.</source>
        <translation>规则期间内可获得优惠券的消费金额（触发条件 spend），例如 300.00。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill a coupon needs to apply, e.g. 20.00.</source>
        <translation>使用优惠券所需的账单金额，例如 20.00。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A sub-operator: its name or its id.</source>
        <translation>子运营商：名称或 id。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How a sub-operator&apos;s bills with anomalies settle: settle_first or hold_until_corrected.</source>
        <translation>子运营商含异常账单的结算方式：settle_first 或 hold_until_corrected。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A station&apos;s id.</source>
        <translation>充电站 ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A site&apos;s name (reports).</source>
        <translation>站点名称（报表）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report rows per site, station, vendor, firmware or sub-operator.</source>
        <translation>报表按站点、充电站、厂商、固件或子运营商分行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split a report by day, week or month.</source>
        <translation>按日、周或月拆分报表。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bucket</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag report rows below this percentage.</source>
        <translation>低于此百分比的报表行将被标记。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days a coupon stays valid after it is issued.</source>
        <translation>优惠券发放后的有效天数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill correction method: estimate, station, manual, service-end, tariff or revert.</source>
        <translation>账单矫正方法：estimate、station、manual、service-end、tariff 或 revert。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tariff version&apos;s id.</source>
        <translation>资费版本的 ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill version to go back to (bill correct --method revert).</source>
        <translation>要恢复到的账单版本（bill correct --method revert）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly code (repeatable, or several separated by commas).</source>
        <translation>异常代码（可重复，或以逗号分隔多个）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A station&apos;s charge point id.</source>
        <translation>充电桩的 charge point id。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most N rows.</source>
        <translation>最多 N 行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics period: day, week or month.</source>
        <translation>统计周期：day、week 或 month。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print CSV (or write it to --out).</source>
        <translation>输出 CSV（或写入 --out 指定的文件）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version, not only the ones in force (tariff list).</source>
        <translation>所有版本，而不仅是现行版本（tariff list）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The commission kept from a refund, e.g. 2.00.</source>
        <translation>从退款中扣取的手续费，例如 2.00。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the coupons the refunded top-ups earned (default: revoke them).</source>
        <translation>保留退款充值所获得的优惠券（默认撤销）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cash refund was not paid at the desk: the money goes back to the member.</source>
        <translation>柜台未支付现金退款：金额退回会员账户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows older than this id (paging, newest first).</source>
        <translation>仅显示早于此 ID 的行（分页，最新的在前）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report file format: csv, xlsx, pdf or json.</source>
        <translation>报表文件格式：csv、xlsx、pdf 或 json。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do; see the list above.</source>
        <translation>要执行的操作，见上方列表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;group&gt; &lt;verb&gt; [arguments]</source>
        <translation>&lt;分组&gt; &lt;动作&gt; [参数]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No command given.</source>
        <translation>未指定命令。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown command: %1</source>
        <translation>未知命令：%1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>This database has operator accounts: log in with --as LOGIN (the password comes from CHARGEDESK_PASSWORD, or is asked for).</source>
        <translation>此数据库已有操作员账户：请使用 --as LOGIN 登录（密码取自 CHARGEDESK_PASSWORD，或在提示时输入）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--as and --operator do not go together: the audit log records the operator who logged in.</source>
        <translation>--as 和 --operator 不能同时使用：审计日志记录的是已登录的操作员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are no operators yet: add the first administrator with chargedesk-cli operator add LOGIN.</source>
        <translation>还没有操作员：请使用 chargedesk-cli operator add LOGIN 添加第一个管理员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Internal error: the command &quot;%1&quot; belongs to no screen.</source>
        <translation>内部错误：命令“%1”不属于任何界面。</translation>
    </message>
</context>
<context>
    <name>cd::cli::CommandCommands</name>
    <message>
        <location filename="../app/cli/commandcommands.cpp" line="+51"/>
        <source>--payload must be a JSON object.</source>
        <translation>--payload 必须是 JSON 对象。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--param needs key=value, got &quot;%1&quot;.</source>
        <translation>--param 需要 key=value，实际为“%1”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</source>
        <translation>用法：chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--timeout must be a positive number of seconds.</source>
        <translation>--timeout 必须是正的秒数。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Command %1 queued; waiting for the station…</source>
        <translation>命令 %1 已加入队列，正在等待充电站…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>No answer within %n second(s); the command stays queued.</source>
        <translation>
            <numerusform>%n 秒内没有应答，命令仍在队列中。</numerusform>
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
        <translation>请求时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Send an OCPP command to a station and wait for its answer (audited).</source>
        <translation>向充电站发送 OCPP 命令并等待应答（记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the newest commands and their outcomes.</source>
        <translation>显示最新的命令及其结果。</translation>
    </message>
</context>
<context>
    <name>cd::cli::DbCommands</name>
    <message>
        <location filename="../app/cli/dbcommands.cpp" line="+50"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version</source>
        <translation>架构版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Schema is at version %1.</source>
        <translation>架构当前为版本 %1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the database engine, location, schema version and row counts.</source>
        <translation>显示数据库引擎、位置、架构版本和行数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the database and apply pending schema migrations.</source>
        <translation>打开数据库并应用待执行的架构迁移。</translation>
    </message>
</context>
<context>
    <name>cd::cli::KeyCommands</name>
    <message>
        <location filename="../app/cli/keycommands.cpp" line="+25"/>
        <source>Wrote a new 256-bit key to %1 (mode 0600). Keep a backup: without it the database cannot be read.</source>
        <translation>已将新的 256 位密钥写入 %1（权限 0600）。请妥善备份：没有它将无法读取数据库。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Make a new random database key (prints it, or writes a 0600 key file).</source>
        <translation>生成新的随机数据库密钥（直接输出，或写入权限为 0600 的密钥文件）。</translation>
    </message>
</context>
<context>
    <name>cd::cli::OperatorCommands</name>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="-294"/>
        <source>Usage: chargedesk-cli operator add &lt;login&gt; [--name TEXT] [--role ROLE] [--max-logins N]</source>
        <translation>用法：chargedesk-cli operator add &lt;登录名&gt; [--name 文本] [--role 角色] [--max-logins N]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--max-logins takes a whole number.</source>
        <translation>--max-logins 须为整数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first operator is the administrator: leave out --role.</source>
        <translation>第一个操作员即为管理员：请勿指定 --role。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Added %1, the first administrator. From now on every command needs --as LOGIN.</source>
        <translation>已添加第一个管理员 %1。此后每条命令都需要 --as LOGIN。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added operator %1 (%2).</source>
        <translation>已添加操作员 %1（%2）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+97"/>
        <location line="+80"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+177"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+97"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+97"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Logins</source>
        <translation>登录数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli operator set-role &lt;login&gt; &lt;role&gt;</source>
        <translation>用法：chargedesk-cli operator set-role &lt;登录名&gt; &lt;角色&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 now has the role %2.</source>
        <translation>%1 现在的角色为 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli operator set-max-logins &lt;login&gt; &lt;N&gt;</source>
        <translation>用法：chargedesk-cli operator set-max-logins &lt;登录名&gt; &lt;N&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may now be logged in %2 time(s) at once.</source>
        <translation>%1 现在最多可同时登录 %2 次。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator disable &lt;login&gt;</source>
        <translation>用法：chargedesk-cli operator disable &lt;登录名&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli operator enable &lt;login&gt;</source>
        <translation>用法：chargedesk-cli operator enable &lt;登录名&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is disabled; their login sessions were ended.</source>
        <translation>%1 已停用；其登录会话已结束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is enabled.</source>
        <translation>%1 已启用。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator unlock &lt;login&gt;</source>
        <translation>用法：chargedesk-cli operator unlock &lt;登录名&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may log in again.</source>
        <translation>%1 可以再次登录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli operator passwd [&lt;login&gt;]</source>
        <translation>用法：chargedesk-cli operator passwd [&lt;登录名&gt;]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say whose password, or log in with --as to change your own.</source>
        <translation>请指定要修改谁的密码，或使用 --as 登录以修改您自己的密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New password for %1: </source>
        <translation>%1 的新密码：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current password: </source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your password is changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password of %1 is changed.</source>
        <translation>%1 的密码已修改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli role add &lt;name&gt; [&lt;permission&gt;…]</source>
        <translation>用法：chargedesk-cli role add &lt;名称&gt; [&lt;权限&gt;…]</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Added role %1 with %n permission(s).</source>
        <translation>
            <numerusform>已添加角色 %1，含 %n 项权限。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+59"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role grant &lt;role&gt; &lt;permission&gt;…</source>
        <translation>用法：chargedesk-cli role grant &lt;角色&gt; &lt;权限&gt;…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli role revoke &lt;role&gt; &lt;permission&gt;…</source>
        <translation>用法：chargedesk-cli role revoke &lt;角色&gt; &lt;权限&gt;…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Granted to %1.</source>
        <translation>已授予 %1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked from %1.</source>
        <translation>已从 %1 收回。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli role delete &lt;role&gt;</source>
        <translation>用法：chargedesk-cli role delete &lt;角色&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted role %1.</source>
        <translation>已删除角色 %1。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role permissions [&lt;role&gt;]</source>
        <translation>用法：chargedesk-cli role permissions [&lt;角色&gt;]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的角色。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>screen</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Permission</source>
        <translation>权限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allows to</source>
        <translation>允许</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since (UTC)</source>
        <translation>开始时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last seen (UTC)</source>
        <translation>最近活动（UTC）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli login-sessions end &lt;id&gt;</source>
        <translation>用法：chargedesk-cli login-sessions end &lt;ID&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session %1 is ended.</source>
        <translation>登录会话 %1 已结束。</translation>
    </message>
</context>
<context>
    <name>cd::cli::OptionValues</name>
    <message>
        <location filename="../app/cli/optionvalues.cpp" line="+19"/>
        <source>--%1 must be a positive number.</source>
        <translation>--%1 必须是正数。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</source>
        <translation>--%1 必须是 ISO 8601 格式的日期和时间，例如 2027-01-31T23:59:59Z。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an id (a positive number).</source>
        <translation>--%1 必须是 ID（正整数）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be a number.</source>
        <translation>--%1 必须是数字。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;%1&quot; is not an id.</source>
        <translation>“%1”不是 ID。</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>--%1 must be an amount such as 12.50 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>--%1 必须是金额，例如 12.50（最多 %n 位小数）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::PasswordPrompt</name>
    <message>
        <location filename="../app/cli/passwordprompt.cpp" line="+55"/>
        <location line="+11"/>
        <source>No password: set %1 or type it when asked.</source>
        <translation>没有密码：请设置 %1，或在提示时输入密码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same password again: </source>
        <translation>再次输入同一密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>两次输入的密码不一致；未做任何更改。</translation>
    </message>
</context>
<context>
    <name>cd::cli::ReconciliationCommands</name>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="-139"/>
        <source>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</source>
        <translation>请指定 --%1（日期如 2026-11-01，或 ISO 8601 时间）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1: &quot;%2&quot; is not a date or an ISO 8601 time.</source>
        <translation>--%1：“%2”不是日期或 ISO 8601 时间。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site: --site NAME.</source>
        <translation>请指定站点：--site 名称。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--energy-kwh is an energy in kWh with at most 3 decimals, e.g. 12345.678.</source>
        <translation>--energy-kwh 是以 kWh 计的电量，最多 3 位小数，例如 12345.678。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--energy-wh is a whole number of Wh.</source>
        <translation>--energy-wh 是以 Wh 计的整数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say what the meter recorded: --energy-kwh X or --energy-wh N.</source>
        <translation>请指定电表记录的电量：--energy-kwh X 或 --energy-wh N。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Replaced the reading of %1 for %2 … %3: %4 kWh (was %5 kWh).</source>
        <translation>已替换 %1 在 %2 … %3 的读数：%4 kWh（原为 %5 kWh）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded the reading of %1 for %2 … %3: %4 kWh.</source>
        <translation>已记录 %1 在 %2 … %3 的读数：%4 kWh。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile meter-reading import FILE.</source>
        <translation>请指定文件：reconcile meter-reading import 文件。</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Imported %n reading(s): %1 new, %2 replaced.</source>
        <translation>
            <numerusform>已导入 %n 条读数：新增 %1 条，替换 %2 条。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From (UTC)</source>
        <translation>起（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To (UTC)</source>
        <translation>止（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile receipts import FILE --gateway NAME.</source>
        <translation>请指定文件：reconcile receipts import 文件 --gateway 名称。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Imported %n receipt(s); %1 already there.</source>
        <translation>
            <numerusform>已导入 %n 条到账；已存在 %1 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::RefundCommands</name>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="-292"/>
        <source>Say whose refund it is: --member ID.</source>
        <translation>请说明是谁的退款：--member ID。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>请给出金额：--amount 100.00。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refund application %1: %2 moved from member %3&apos;s balance to the pending refund, waiting for the audit.</source>
        <translation>退款申请 %1：%2 已从会员 %3 的余额转入待退款金额，等待审核。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--status must be pending, approved or rejected.</source>
        <translation>--status 必须是 pending、approved 或 rejected。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+173"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="-173"/>
        <location line="+174"/>
        <location line="+19"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+175"/>
        <source>Commission</source>
        <translation>手续费</translation>
    </message>
    <message>
        <location line="-175"/>
        <location line="+176"/>
        <source>Refunded amount</source>
        <translation>实际退款金额</translation>
    </message>
    <message>
        <location line="-176"/>
        <location line="+177"/>
        <location line="+17"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+177"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Refund application %1 rejected: %2 went back to member %3&apos;s balance.</source>
        <translation>退款申请 %1 已驳回：%2 已退回会员 %3 的余额。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Usage: chargedesk-cli refund %1 …; see chargedesk-cli --help.</source>
        <translation>用法：chargedesk-cli refund %1 …；参见 chargedesk-cli --help。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli refund %1 &lt;id&gt; …; see chargedesk-cli --help.</source>
        <translation>用法：chargedesk-cli refund %1 &lt;id&gt; …；参见 chargedesk-cli --help。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Refund application %1: %2, %3; refunded %4 of %5 (commission %6).</source>
        <translation>退款申请 %1：%2，%3；已退款 %4，共 %5（手续费 %6）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 could not be refunded through any top-up and went back to the member&apos;s refundable balance.</source>
        <translation>%1 无法通过任何充值记录退款，已退回会员的可退款金额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pay %1 back in cash at the desk, then: chargedesk-cli refund confirm %2 --reason TEXT</source>
        <translation>请在柜台现金退还 %1，然后执行：chargedesk-cli refund confirm %2 --reason TEXT</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record %1 (%2) has no answer from the gateway yet: chargedesk-cli refund retry %3</source>
        <translation>记录 %1（%2）尚无网关答复：chargedesk-cli refund retry %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Refund application</source>
        <translation>退款申请</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+23"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Revoke coupons</source>
        <translation>撤销优惠券</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member&apos;s balance</source>
        <translation>会员余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable</source>
        <translation>可退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund</source>
        <translation>待审退款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>desk (cash)</source>
        <translation>柜台（现金）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up total</source>
        <translation>充值金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Our refund no.</source>
        <translation>商户退款单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway refund no.</source>
        <translation>网关退款单号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>cd::cli::ReportCommands</name>
    <message>
        <location filename="../app/cli/reportcommands.cpp" line="-300"/>
        <source>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</source>
        <translation>请指定 --%1（日期，例如 2026-11-01，或 ISO 8601 时间）。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>--threshold-percent is a whole number of percent, e.g. 85.</source>
        <translation>--threshold-percent 是整数百分比，例如 85。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Say --format csv, xlsx, pdf or json.</source>
        <translation>请指定 --format csv、xlsx、pdf 或 json。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This chargedesk-cli cannot draw PDF files (it runs without the GUI libraries&apos; application object). Export csv, xlsx or json, or the PDF from the console.</source>
        <translation>此 chargedesk-cli 无法生成 PDF 文件（它在没有图形库应用对象的情况下运行）。请导出 csv、xlsx 或 json，或在控制台中导出 PDF。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 of %2 rows (%3 %)</source>
        <translation>%1 / %2 行（%3 %）</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Wrote %n row(s) to %1 (export %2).</source>
        <translation>
            <numerusform>已将 %n 行写入 %1（导出 %2）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Say which export: report changes &lt;export id&gt;.</source>
        <translation>请指定导出：report changes &lt;导出 id&gt;。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Export %1 (%2, %3, %4 by %5): %6 rows then, %7 now.</source>
        <translation>导出 %1（%2，%3，%4，由 %5 导出）：当时 %6 行，现在 %7 行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 then, %3 now.</source>
        <translation>%1：当时 %2，现在 %3。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing changed since the export.</source>
        <translation>自导出以来没有任何变化。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 changed, %2 added, %3 removed.</source>
        <translation>已变更 %1，新增 %2，移除 %3。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created (UTC)</source>
        <translation>创建时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>cd::cli::SessionCommands</name>
    <message>
        <location filename="../app/cli/sessioncommands.cpp" line="+34"/>
        <source>--older-than-hours must be a positive number.</source>
        <translation>--older-than-hours 必须是正数。</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+27"/>
        <source>Session</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Created (UTC)</source>
        <translation>创建时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+28"/>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Connector</source>
        <translation>充电枪</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+31"/>
        <source>Id tag</source>
        <translation>id tag</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Energy, Wh</source>
        <translation>电量（Wh）</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+33"/>
        <source>Stop reason</source>
        <translation>停止原因</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Usage: chargedesk-cli tx show &lt;session id or number&gt;</source>
        <translation>用法：chargedesk-cli tx show &lt;订单 ID 或订单号&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>No session %1.</source>
        <translation>不存在充电订单 %1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Transaction</source>
        <translation>交易 ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n OCPP message(s), %1 meter sample(s); --json shows them.</source>
        <translation>
            <numerusform>OCPP 消息 %n 条，电表读数 %1 条（使用 --json 查看）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>List sessions: the newest, the open ones, or the old open ones.</source>
        <translation>列出充电订单：最新的、未关闭的或长时间未关闭的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show one session with its events, meter samples and OCPP messages.</source>
        <translation>显示单个充电订单及其事件、电表读数和 OCPP 消息。</translation>
    </message>
</context>
<context>
    <name>cd::cli::SiteCommands</name>
    <message>
        <location filename="../app/cli/sitecommands.cpp" line="+56"/>
        <source>Usage: chargedesk-cli sub-operator add &lt;name&gt; [--settlement-mode MODE]</source>
        <translation>用法：chargedesk-cli sub-operator add &lt;名称&gt; [--settlement-mode 方式]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Added sub-operator %1.</source>
        <translation>已添加子运营商 %1。</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+54"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+54"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli site add &lt;name&gt; [--sub-operator NAME] [--address TEXT]</source>
        <translation>用法：chargedesk-cli site add &lt;名称&gt; [--sub-operator 名称] [--address 文本]</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Added site %1.</source>
        <translation>已添加站点 %1。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sub-operator</source>
        <translation>子运营商</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stations</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli site set-sub-operator &lt;site&gt; [&lt;sub-operator&gt;]</source>
        <translation>用法：chargedesk-cli site set-sub-operator &lt;站点&gt; [&lt;子运营商&gt;]</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Site %1 now belongs to sub-operator %2.</source>
        <translation>站点 %1 现归属子运营商 %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site %1 now belongs to no sub-operator.</source>
        <translation>站点 %1 现不归属任何子运营商。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;site&gt;]</source>
        <translation>用法：chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;站点&gt;]</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station %1 now stands at site %2.</source>
        <translation>充电站 %1 现位于站点 %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station %1 now belongs to no site.</source>
        <translation>充电站 %1 现不属于任何站点。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-location &lt;chargePointId&gt; [--lat LATITUDE --lon LONGITUDE]</source>
        <translation>用法：chargedesk-cli station set-location &lt;chargePointId&gt; [--lat 纬度 --lon 经度]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Station %1 now stands at %2, %3.</source>
        <translation>充电站 %1 现在位于 %2, %3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station %1 has no location now (it is not on the map).</source>
        <translation>充电站 %1 现在没有位置（不在地图上）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a sub-operator (a partner that runs sites; audited).</source>
        <translation>添加子运营商（运营站点的合作方；记入审计）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sub-operators.</source>
        <translation>列出子运营商。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a site (a place with stations and its own meter; audited).</source>
        <translation>添加站点（有充电站和自有电表的地点；记入审计）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sites with their sub-operator and stations.</source>
        <translation>列出站点及其子运营商和充电站。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a site under a sub-operator, or under none (audited).</source>
        <translation>将站点归入某子运营商或不归入任何子运营商（记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a station on a site, or on none (audited).</source>
        <translation>将充电站归入某站点或不归入任何站点（记入审计）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place a station on the map, or take it off without --lat/--lon (audited).</source>
        <translation>把充电站放到地图上，不带 --lat/--lon 则从地图移除（记入审计日志）。</translation>
    </message>
</context>
<context>
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+81"/>
        <source>hidden</source>
        <translation>已隐藏</translation>
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
        <translation>名称</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+22"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+26"/>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli station show &lt;chargePointId&gt;</source>
        <translation>用法：chargedesk-cli station show &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+65"/>
        <source>No station with the id %1.</source>
        <translation>不存在 ID 为 %1 的充电站。</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden from map</source>
        <translation>在地图上隐藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last boot (UTC)</source>
        <translation>最近启动（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heartbeat (UTC)</source>
        <translation>最近心跳（UTC）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</source>
        <translation>用法：chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>in</source>
        <translation>收</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out</source>
        <translation>发</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message id</source>
        <translation>消息 ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No messages from or to %1 in this period.</source>
        <translation>此期间没有与 %1 往来的消息。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station device-model &lt;chargePointId&gt;</source>
        <translation>用法：chargedesk-cli station device-model &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EVSE</source>
        <translation>EVSE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</source>
        <translation>用法：chargedesk-cli station add &lt;chargePointId&gt; [--name …]</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</source>
        <translation>充电站密码必须为 16 到 40 个字符（OCPP 1.6 安全配置文件 1）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Added station %1.</source>
        <translation>已添加充电站 %1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List stations, hidden ones included.</source>
        <translation>列出充电站，包括已隐藏的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show one station.</source>
        <translation>显示单个充电站。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s OCPP message log, oldest first (raw frames with --json).</source>
        <translation>充电站的 OCPP 消息日志，按时间从早到晚（使用 --json 显示原始帧）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The device model an OCPP 2.0.1 station reported (NotifyReport).</source>
        <translation>OCPP 2.0.1 充电站上报的设备模型（NotifyReport）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register a station (audited).</source>
        <translation>注册充电站（记入审计）。</translation>
    </message>
</context>
<context>
    <name>cd::cli::TagCommands</name>
    <message>
        <location filename="../app/cli/tagcommands.cpp" line="+23"/>
        <source>Usage: chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</source>
        <translation>用法：chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--max-sessions must be a positive number.</source>
        <translation>--max-sessions 必须是正数。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Added id tag %1.</source>
        <translation>已添加 id tag %1。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Id tag</source>
        <translation>id tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expires (UTC)</source>
        <translation>到期时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parent</source>
        <translation>上级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sessions at once</source>
        <translation>同时充电数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Register an id tag (card, app token or department card; audited).</source>
        <translation>注册 id tag（卡、App 令牌或部门卡；记入审计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List id tags.</source>
        <translation>列出 id tag。</translation>
    </message>
</context>
<context>
    <name>cd::cli::TariffCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/tariffcommands.cpp" line="-202"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n 个时段</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from (UTC)</source>
        <translation>生效时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid to (UTC)</source>
        <translation>失效时间（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service fee</source>
        <translation>服务费</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli tariff show &lt;id&gt; [--json]</source>
        <translation>用法：chargedesk-cli tariff show &lt;id&gt; [--json]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no tariff %1.</source>
        <translation>没有资费 %1。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tariff %1 &quot;%2&quot;, version %3</source>
        <translation>资费 %1“%2”，版本 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to: %1</source>
        <translation>适用于：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>有效期：%1 至 %2（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency: %1; time zone: %2</source>
        <translation>币种：%1；时区：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 (outside the periods)</source>
        <translation>电价：%1（时段之外）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service fee: %1</source>
        <translation>服务费：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Idle fee: %1/min after %n free minute(s) after charging ends</source>
        <translation>
            <numerusform>占桩费：充电结束后免费 %n 分钟，之后 %1/分钟</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by %1 at %2</source>
        <translation>由 %1 于 %2 创建</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (id %2, from %3)</source>
        <translation>%1（ID %2，自 %3 起）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Versions: %1</source>
        <translation>版本：%1</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>&quot;%1&quot; is neither a session number nor an id.</source>
        <translation>“%1”既不是会话编号也不是 ID。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: chargedesk-cli bill show &lt;session number | bill id&gt; [--json]</source>
        <translation>用法：chargedesk-cli bill show &lt;会话编号 | 账单 ID&gt; [--json]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No bill found for &quot;%1&quot;.</source>
        <translation>未找到“%1”的账单。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Bill %1, version %2 of session %3: %4 (%5)</source>
        <translation>账单 %1，会话 %3 的版本 %2：%4（%5）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Correction: %1 by %2: %3</source>
        <translation>矫正：%1，操作人 %2：%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This bill was stored without its inputs: it cannot be explained line by line.</source>
        <translation>此账单保存时没有输入数据：无法逐行解释。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>v%1 (bill %2): %3</source>
        <translation>版本 %1（账单 %2）：%3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli bill issue &lt;session number | session id&gt;</source>
        <translation>用法：chargedesk-cli bill issue &lt;会话编号 | 会话 ID&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is no session &quot;%1&quot;.</source>
        <translation>没有会话“%1”。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bill %1 issued for session %2.</source>
        <translation>已为会话 %2 生成账单 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 already has bill %2.</source>
        <translation>会话 %1 已有账单 %2。</translation>
    </message>
</context>
<context>
    <name>cd::cli::TxActionCommands</name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="-140"/>
        <source>set-energy needs --energy-wh with a whole number of Wh.</source>
        <translation>set-energy 需要 --energy-wh，值为整数 Wh。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set-status needs --status, e.g. --status finished.</source>
        <translation>set-status 需要 --status，例如 --status finished。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--mode must be soft or override.</source>
        <translation>--mode 必须是 soft 或 override。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Usage: chargedesk-cli tx %1 &lt;session id or number&gt; --reason TEXT [--dry-run]</source>
        <translation>用法：chargedesk-cli tx %1 &lt;会话 ID 或编号&gt; --reason 文本 [--dry-run]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No session %1.</source>
        <translation>没有会话 %1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--reason is required: it is kept in the audit log.</source>
        <translation>必须提供 --reason：原因会记录在审计日志中。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Command %1 queued; `chargedesk-cli command list %2` shows the station&apos;s answer.</source>
        <translation>指令 %1 已排队；`chargedesk-cli command list %2` 可查看充电桩的答复。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done (audit record %1).</source>
        <translation>完成（审计记录 %1）。</translation>
    </message>
</context>
<context>
    <name>cd::commands::CommandQueue</name>
    <message>
        <location filename="../core/commands/commandqueue.cpp" line="+35"/>
        <source>&quot;%1&quot; is not a valid charge point id.</source>
        <translation>“%1”不是有效的充电桩 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command needs an OCPP action name.</source>
        <translation>命令需要提供 OCPP 操作名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command&apos;s payload must be a JSON object.</source>
        <translation>命令内容必须是 JSON 对象。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>不存在 ID 为 %1 的充电站。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a command a %2 station takes. It takes: %3.</source>
        <translation>%1 不是 %2 充电站接受的命令。它接受：%3。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The station is offline; the command was not sent.</source>
        <translation>充电站离线，命令未发送。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No command with the id %1.</source>
        <translation>不存在 ID 为 %1 的命令。</translation>
    </message>
</context>
<context>
    <name>cd::commands::ConfigurationText</name>
    <message>
        <location filename="../core/commands/stationconfiguration.cpp" line="+11"/>
        <source>The station&apos;s answer is not a GetConfiguration answer.</source>
        <translation>充电桩的答复不是 GetConfiguration 的答复。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The station took the new value.</source>
        <translation>充电桩已接受新值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station took the new value; it applies after the station restarts.</source>
        <translation>充电桩已接受新值；重启后生效。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station rejected the new value.</source>
        <translation>充电桩拒绝了新值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station does not support this key.</source>
        <translation>充电桩不支持此键。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station answered: %1</source>
        <translation>充电桩答复：%1</translation>
    </message>
</context>
<context>
    <name>cd::console::Main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+42"/>
        <source>ChargeDesk operator console for EV-charging networks.</source>
        <translation>ChargeDesk：面向电动汽车充电网络的运营控制台。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invalid command line</source>
        <translation>命令行参数无效</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not run the station server in this console for this run (for example when chargedesk-server serves the stations of a shared database).</source>
        <translation>本次运行不在此控制台中启动充电站服务器（例如共享数据库的充电站由 chargedesk-server 服务时）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo mode: simulated stations connect to this console&apos;s station server and charge with the demo fleet card. Use it on a database of its own.</source>
        <translation>演示模式：模拟充电站连接到此控制台的充电站服务器，并使用演示车队卡充电。请为其使用单独的数据库。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of simulated stations in demo mode (default 10).</source>
        <translation>演示模式中的模拟充电站数量（默认 10）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--demo-stations must be a whole number from 1 to 1000.</source>
        <translation>--demo-stations 必须是 1 到 1000 之间的整数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot start demo mode</source>
        <translation>无法启动演示模式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot log in</source>
        <translation>无法登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database has operator accounts: log in in a console with a screen, or set CHARGEDESK_LOGIN and CHARGEDESK_PASSWORD.</source>
        <translation>此数据库已有操作员账户：请在有屏幕的控制台中登录，或设置 CHARGEDESK_LOGIN 和 CHARGEDESK_PASSWORD。</translation>
    </message>
</context>
<context>
    <name>cd::i18n::LanguageOption</name>
    <message>
        <location filename="../core/i18n/languageoption.cpp" line="+26"/>
        <source>Interface language for this run: %1.</source>
        <extracomment>--lang option in --help; %1 lists the codes (&quot;en, uk, ru, zh_CN&quot;)</extracomment>
        <translation>本次运行使用的界面语言：%1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown language &quot;%1&quot;. Supported: %2.</source>
        <translation>未知语言“%1”。支持的语言：%2。</translation>
    </message>
</context>
<context>
    <name>cd::payments::AutoStop</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+85"/>
        <source>No session with the id %1.</source>
        <translation>没有 ID 为 %1 的会话。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Balance left %1, at or below the auto-stop threshold %2 (session %3)</source>
        <translation>余额剩余 %1，已达到或低于自动停止阈值 %2（会话 %3）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>会话 %1 没有可用于停止的数字交易 ID。</translation>
    </message>
</context>
<context>
    <name>cd::payments::HoldService</name>
    <message>
        <location filename="../core/payments/holdservice.cpp" line="+107"/>
        <source>No payment hold %1.</source>
        <translation>没有预授权 %1。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No payment call %1.</source>
        <translation>没有支付调用 %1。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now. Switch back to it in Settings › Payments to change this hold.</source>
        <translation>预授权 %1 是通过 %2 网关创建的，但当前使用的是 %3 网关。要更改此预授权，请在 设置 › 支付 中切换回原网关。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hold %1 has no answer from the gateway yet.</source>
        <translation>网关尚未答复预授权 %1。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Another call about hold %1 is still waiting for the gateway (call %2). Wait for its answer or send it again first.</source>
        <translation>预授权 %1 的另一个调用仍在等待网关（调用 %2）。请等待其答复，或先重新发送。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>A hold needs an amount above zero.</source>
        <translation>预授权金额必须大于零。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>“%1”不是货币代码。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No session with the id %1.</source>
        <translation>没有 ID 为 %1 的会话。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>预授权 %1 的状态为 %2：只能扣款已冻结的金额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>扣款金额必须大于零；如不扣款，请释放预授权。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>无法扣款 %1：仅冻结了 %2。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 is %2 and can no longer be released.</source>
        <translation>预授权 %1 的状态为 %2，已无法释放。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hold %1 is %2: only captured money can be refunded.</source>
        <translation>预授权 %1 的状态为 %2：只能退还已扣款的金额。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A refund needs an amount above zero.</source>
        <translation>退款金额必须大于零。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>无法退款 %1：已扣款 %3 中仅剩 %2 可退。</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>A hold report needs the gateway&apos;s reference of the hold.</source>
        <translation>预授权报告必须包含网关中的预授权编号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hold report needs a status.</source>
        <translation>预授权报告必须包含状态。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The card token is empty.</source>
        <translation>银行卡令牌为空。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The gateway gave no status.</source>
        <translation>网关未返回状态。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Payment call %1 is finished (%2); there is nothing to send again.</source>
        <translation>支付调用 %1 已结束（%2）；无需重新发送。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>支付调用 %1 是通过 %2 网关发出的，但当前使用的是 %3 网关。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 is on its way already.</source>
        <translation>支付调用 %1 已在发送中。</translation>
    </message>
</context>
<context>
    <name>cd::payments::HttpGateway</name>
    <message>
        <location filename="../core/payments/httpgateway.cpp" line="+177"/>
        <source>The payment gateway URL &quot;%1&quot; is not an http(s) address. Set it in Settings › Payments.</source>
        <translation>支付网关地址“%1”不是 http(s) 地址。请在 设置 › 支付 中设置。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The payment gateway URL must start with https:// (plain http:// only to this computer).</source>
        <translation>支付网关地址必须以 https:// 开头（普通 http:// 仅限本机）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No secret key for the payment gateway. Enter it in Settings › Payments.</source>
        <translation>没有支付网关的密钥。请在 设置 › 支付 中输入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>支付调用需要 1 到 255 个字符的幂等键。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a payment reference.</source>
        <translation>“%1”不是支付编号。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The payment gateway refused the secret key (HTTP 401): %1 Check the key in Settings › Payments.</source>
        <translation>支付网关拒绝了密钥（HTTP 401）：%1 请在 设置 › 支付 中检查密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card was declined (%1): %2</source>
        <translation>银行卡被拒（%1）：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The payment gateway does not know this payment (HTTP 404): %1</source>
        <translation>支付网关中不存在此付款（HTTP 404）：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The payment gateway refused the call (HTTP %1, %2): %3</source>
        <translation>支付网关拒绝了调用（HTTP %1，%2）：%3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No answer from the payment gateway at %1 within %2 seconds; the call is kept and can be sent again with the same idempotency key.</source>
        <translation>支付网关 %1 在 %2 秒内没有答复；调用已保留，可使用相同的幂等键重新发送。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot reach the payment gateway at %1: %2</source>
        <translation>无法连接支付网关 %1：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The payment gateway answered HTTP %1 with something that is not JSON.</source>
        <translation>支付网关返回了 HTTP %1，但内容不是 JSON。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The payment gateway&apos;s answer names no payment.</source>
        <translation>支付网关的答复中没有付款编号。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The payment gateway could not refund: %1</source>
        <translation>支付网关无法退款：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no explanation given</source>
        <translation>未给出说明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The payment gateway is busy or failed (HTTP %1): %2 The call is kept and can be sent again with the same idempotency key.</source>
        <translation>支付网关繁忙或出错（HTTP %1）：%2 调用已保留，可使用相同的幂等键重新发送。</translation>
    </message>
</context>
<context>
    <name>cd::payments::KeychainSecretStore</name>
    <message>
        <location filename="../core/payments/secretstore.cpp" line="+35"/>
        <source>The OS keychain is not available: %1</source>
        <translation>操作系统密钥链不可用：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot keep the key in the OS keychain: %1</source>
        <translation>无法将密钥保存到操作系统密钥链：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot remove the key from the OS keychain: %1</source>
        <translation>无法从操作系统密钥链删除密钥：%1</translation>
    </message>
</context>
<context>
    <name>cd::payments::ManualGateway</name>
    <message>
        <location filename="../core/payments/manualgateway.cpp" line="+96"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>支付调用需要 1 到 255 个字符的幂等键。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The idempotency key %1 was already used for another kind of call.</source>
        <translation>幂等键 %1 已用于其他类型的调用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored answer for this key is damaged.</source>
        <translation>此键保存的答复已损坏。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A hold needs an amount above zero.</source>
        <translation>预授权金额必须大于零。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>“%1”不是货币代码。</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+93"/>
        <source>No manual payment %1.</source>
        <translation>没有手工付款 %1。</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>The hold %1 is %2: only a held amount can be captured.</source>
        <translation>预授权 %1 的状态为 %2：只能扣款已冻结的金额。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>扣款金额必须大于零；如不扣款，请释放预授权。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>无法扣款 %1：仅冻结了 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hold %1 is %2 and can no longer be released.</source>
        <translation>预授权 %1 的状态为 %2，已无法释放。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hold %1 is %2: only captured money can be refunded.</source>
        <translation>预授权 %1 的状态为 %2：只能退还已扣款的金额。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A refund needs an amount above zero.</source>
        <translation>退款金额必须大于零。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>无法退款 %1：已扣款 %3 中仅剩 %2 可退。</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSecrets</name>
    <message>
        <location filename="../core/payments/paymentruntime.cpp" line="+65"/>
        <source>The HTTP payment gateway needs its secret key: --payment-key-env NAME or --payment-key-file PATH.</source>
        <translation>HTTP 支付网关需要其密钥：--payment-key-env 名称 或 --payment-key-file 路径。</translation>
    </message>
    <message>
        <location filename="../core/payments/paymentsecrets.cpp" line="+20"/>
        <source>no source</source>
        <translation>未指定来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keychain entry %1</source>
        <translation>密钥链条目 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>environment variable %1</source>
        <translation>环境变量 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file %1</source>
        <translation>文件 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The secret comes from the keychain, not from the environment or a file.</source>
        <translation>该密钥来自密钥链，而不是环境变量或文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The environment variable %1 is not set.</source>
        <translation>未设置环境变量 %1。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The secret file %1 does not exist.</source>
        <translation>密钥文件 %1 不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secret file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>密钥文件 %1 可被其他用户读取；请用以下命令限制：chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the secret file %1: %2</source>
        <translation>无法读取密钥文件 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 holds no secret.</source>
        <translation>%1 中没有密钥。</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSettings</name>
    <message>
        <location filename="../core/payments/paymentsettings.cpp" line="+57"/>
        <source>Enter the gateway&apos;s address, e.g. https://api.stripe.com</source>
        <translation>请输入网关地址，例如 https://api.stripe.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must start with https:// (plain http:// only to this computer).</source>
        <translation>地址必须以 https:// 开头（普通 http:// 仅限本机）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must not contain ? or #.</source>
        <translation>地址中不能包含 ? 或 #。</translation>
    </message>
</context>
<context>
    <name>cd::payments::SessionPayments</name>
    <message>
        <location filename="../core/payments/sessionpayments.cpp" line="+214"/>
        <source>ChargeDesk session %1</source>
        <translation>ChargeDesk 会话 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 started</source>
        <translation>会话 %1 已开始</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Session %1 ended</source>
        <translation>会话 %1 已结束</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 delivered no energy</source>
        <translation>会话 %1 未输出电量</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Bill %1 has anomalies (%2) and the settlement mode is &quot;hold until corrected&quot;: hold %3 stays authorised and is captured when the bill is corrected.</source>
        <extracomment>%1 bill id, %2 anomaly codes such as &quot;3,8&quot;, %3 hold id</extracomment>
        <translation>账单 %1 存在异常（%2），且结算方式为“矫正后结算”：预授权 %3 保持冻结，账单矫正后再扣款。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Payment hold %1: %2</source>
        <translation>预授权 %1：%2</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Session %1 ended: %2 Wh</source>
        <translation>会话 %1 已结束：%2 Wh</translation>
    </message>
</context>
<context>
    <name>cd::payments::StopNotHonoured</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>没有 ID 为 %1 的会话。</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::BillFold</name>
    <message>
        <location filename="../core/reconciliation/billfold.cpp" line="+40"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的子运营商。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的站点。</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::CsvTable</name>
    <message>
        <location filename="../core/reconciliation/csvtable.cpp" line="+56"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is too big to import (%2 bytes; at most %3).</source>
        <translation>%1 太大，无法导入（%2 字节；最多 %3）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is too big to import (at most %2 bytes).</source>
        <translation>%1 太大，无法导入（最多 %2 字节）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file is not UTF-8 text.</source>
        <translation>该文件不是 UTF-8 文本。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Line %1: too long (at most %2 characters).</source>
        <translation>第 %1 行：过长（最多 %2 个字符）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: a quote is not closed.</source>
        <translation>第 %1 行：引号未闭合。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line %1: a field is too long (at most %2 characters).</source>
        <translation>第 %1 行：字段过长（最多 %2 个字符）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Line %1: too many rows (at most %2 in one file).</source>
        <translation>第 %1 行：行数过多（每个文件最多 %2 行）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: %2 fields, but the header has %3.</source>
        <translation>第 %1 行：有 %2 个字段，但表头有 %3 个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line 1: the header has no column &quot;%1&quot;; it needs %2.</source>
        <translation>第 1 行：表头缺少列“%1”；需要 %2。</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::EnergyReport</name>
    <message>
        <location filename="../core/reconciliation/energyreport.cpp" line="+57"/>
        <location line="+17"/>
        <source>Energy reconciliation</source>
        <translation>电量对账</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Per site, the energy billed on the platform against the site&apos;s meter readings: the ratio, a flag above 100 % or below the threshold, and the unprocessed anomaly bills.</source>
        <translation>按站点对比平台计费电量与站点电表读数：比率、高于 100 % 或低于阈值的标记，以及未处理的异常账单。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>flagged below %1 % and above 100 %</source>
        <translation>低于 %1 % 或高于 100 % 时标记</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>起（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>止（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform energy (kWh)</source>
        <translation>平台电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter energy (kWh)</source>
        <translation>电表电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratio (‰)</source>
        <translation>比率（‰）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Above 100 %</source>
        <extracomment>the platform billed more energy than the site&apos;s meter recorded</extracomment>
        <translation>超过 100%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below %1 %</source>
        <translation>低于 %1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No meter reading</source>
        <translation>无电表读数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unprocessed anomaly bills</source>
        <translation>未处理异常账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>其电量（kWh）</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::GatewayReceiptRepository</name>
    <message>
        <location filename="../core/reconciliation/gatewayreceiptrepository.cpp" line="+32"/>
        <source>Say which gateway the statement is from: --gateway NAME (letters, digits, &quot;_&quot;, &quot;.&quot;, &quot;-&quot;; as the top-ups name it).</source>
        <translation>请指定对账单所属网关：--gateway 名称（字母、数字、“_”、“.”、“-”；与充值记录中的一致）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the reference must be 1 to 128 printable characters.</source>
        <translation>流水号必须为 1 到 128 个可打印字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code such as UAH.</source>
        <translation>“%1”不是币种代码（例如 UAH）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a positive amount in %2 (e.g. 12.50).</source>
        <translation>“%1”不是以 %2 计的正金额（例如 12.50）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>“%1”不是日期或 ISO 8601 时间。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>receipt %1 of %2 was imported before with other values (%3); a gateway never changes a receipt, so one of the statements is wrong.</source>
        <translation>网关 %2 的到账 %1 之前已以不同的值导入（%3）；网关不会更改到账记录，因此其中一份对账单有误。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %2 added, %3 already there</source>
        <translation>%1：新增 %2 条，已存在 %3 条</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MeterReadingRepository</name>
    <message>
        <location filename="../core/reconciliation/meterreadingrepository.cpp" line="+62"/>
        <source>The reading&apos;s period is empty: it must end after it starts.</source>
        <translation>读数的时段为空：结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reading&apos;s energy must be between 0 and 1,000,000,000 kWh.</source>
        <translation>读数电量必须在 0 到 1,000,000,000 kWh 之间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The note is too long (at most 500 characters).</source>
        <translation>备注过长（最多 500 个字符）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Site %1 already has a reading for %2 … %3, which overlaps this one; enter readings for periods that do not overlap (the same period replaces).</source>
        <translation>站点 %1 已有 %2 … %3 的读数，与本条重叠；请录入不重叠时段的读数（相同时段将被替换）。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Site %1, %2 … %3</source>
        <translation>站点 %1，%2 … %3</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>“%1”不是日期或 ISO 8601 时间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not an energy in kWh (e.g. 1234.567).</source>
        <translation>“%1”不是以 kWh 计的电量（例如 1234.567）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported from %1</source>
        <translation>从 %1 导入</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MoneyReport</name>
    <message>
        <location filename="../core/reconciliation/moneyreport.cpp" line="+51"/>
        <location line="+11"/>
        <source>Money reconciliation</source>
        <translation>资金对账</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Per currency: top-ups, the gateways&apos; receipts, consumption, coupons and refunds as separate columns.</source>
        <translation>按币种分列：充值、网关到账、消费、优惠券和退款。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From (UTC)</source>
        <translation>起（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>止（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of them at the desk</source>
        <translation>其中柜台现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>网关到账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumption</source>
        <translation>消费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::PartnersReport</name>
    <message>
        <location filename="../core/reconciliation/partnersreport.cpp" line="+21"/>
        <location line="+13"/>
        <source>Partners</source>
        <translation>合作方</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Per sub-operator: sessions, energy and revenue per currency, and the bills that are still anomalous (count, energy and amount).</source>
        <translation>按子运营商：各币种的会话、电量和收入，以及仍为异常的账单（数量、电量和金额）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sub-operator</source>
        <translation>子运营商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>起（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>止（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bills still anomalous</source>
        <translation>仍异常的账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>其电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their amount</source>
        <translation>其金额</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::RevenueReport</name>
    <message>
        <location filename="../core/reconciliation/revenuereport.cpp" line="+21"/>
        <location line="+21"/>
        <location line="+10"/>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Sessions, energy, revenue and coupons per site, station, vendor, firmware or sub-operator.</source>
        <translation>按站点、充电站、厂商、固件或子运营商统计会话、电量、收入和优惠券。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The revenue report cannot be grouped by &quot;%1&quot;.</source>
        <translation>收入报表不能按“%1”分组。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From (UTC)</source>
        <translation>起（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>止（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::SuspectsReport</name>
    <message>
        <location filename="../core/reconciliation/suspectsreport.cpp" line="+34"/>
        <location line="+16"/>
        <source>Anomaly bills of a site</source>
        <translation>站点的异常账单</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The unprocessed anomaly bills of one site in the period, largest energy first: the first suspects when the site&apos;s energy does not reconcile.</source>
        <translation>某站点在该时段内未处理的异常账单，按电量从大到小：站点电量对不上时首先排查的对象。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site (--site NAME).</source>
        <translation>请指定站点（--site 名称）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>充电开始（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>未处理异常代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>账单版本</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::TopUpMatchingReport</name>
    <message>
        <location filename="../core/reconciliation/topupmatchingreport.cpp" line="+48"/>
        <location line="+21"/>
        <source>Top-ups against gateway receipts</source>
        <translation>充值与网关到账核对</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every top-up matched to its gateway receipt: the top-ups without a receipt, the receipts without a top-up and the ones whose amount or currency differs.</source>
        <translation>逐笔核对充值与网关到账：没有到账的充值、没有充值的到账，以及金额或币种不一致的记录。</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n top-up(s) matched their receipts</source>
        <translation>
            <numerusform>%n 笔充值与到账一致</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No receipt for the top-up</source>
        <translation>充值无回单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amounts differ</source>
        <translation>金额不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currencies differ</source>
        <translation>币种不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt without a top-up</source>
        <translation>回单无对应充值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up time (UTC)</source>
        <translation>充值时间（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up amount</source>
        <translation>充值金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up currency</source>
        <translation>充值币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt time (UTC)</source>
        <translation>到账时间（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt amount</source>
        <translation>到账金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt currency</source>
        <translation>到账币种</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundService</name>
    <message>
        <location filename="../core/refunds/refundservice.cpp" line="+96"/>
        <source>Say whose refund it is: a member&apos;s id.</source>
        <translation>请说明是谁的退款：会员 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A refund must be more than zero.</source>
        <translation>退款金额必须大于零。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a refund.</source>
        <translation>退款金额过大。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>货币必须是三个字母的 ISO 4217 代码，例如 UAH。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say why the member wants the money back.</source>
        <translation>请说明会员申请退款的原因。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason is too long (%1 characters at most).</source>
        <translation>原因过长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no refund application %1.</source>
        <translation>不存在退款申请 %1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refund application %1 is already approved (%2); it cannot be decided again.</source>
        <translation>退款申请 %1 已审核通过（%2），不能再次审核。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund application %1 was rejected and its money went back to the member; it cannot be decided again. The member may apply anew.</source>
        <translation>退款申请 %1 已被驳回，金额已退回会员账户，不能再次审核。会员可以重新申请。</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+73"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say who makes the change.</source>
        <translation>请说明由谁进行此更改。</translation>
    </message>
    <message>
        <location line="-231"/>
        <location line="+561"/>
        <source>There is no member %1.</source>
        <translation>不存在会员 %1。</translation>
    </message>
    <message>
        <location line="-558"/>
        <source>Member %1 can get back at most %2 (the refundable balance); %3 was asked for.</source>
        <translation>会员 %1 最多可退 %2（可退款金额），申请了 %3。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Member %1 topped up in %2, not in %3: apply for the refund in %2.</source>
        <translation>会员 %1 的充值币种为 %2，而不是 %3：请以 %2 申请退款。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Member %1&apos;s refundable balance changed meanwhile; look at it again.</source>
        <translation>会员 %1 的可退款金额在此期间已变化，请重新查看。</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say why: the reason is kept in the refund&apos;s audit history.</source>
        <translation>请说明原因：原因会记录在退款审核历史中。</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>The commission cannot be negative.</source>
        <translation>手续费不能为负数。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The commission (%1) must be less than the amount applied for (%2); to pay nothing back, reject the application.</source>
        <translation>手续费（%1）必须小于申请金额（%2）；如不退款，请驳回申请。</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+99"/>
        <location line="+368"/>
        <location line="+72"/>
        <source>Refund application %1 changed meanwhile; look at it again.</source>
        <translation>退款申请 %1 在此期间已变化，请重新查看。</translation>
    </message>
    <message>
        <location line="-532"/>
        <location line="+97"/>
        <source>Member %1&apos;s pending refund is less than the application&apos;s amount.</source>
        <translation>会员 %1 的待退款金额小于申请金额。</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1 could not be refunded through any top-up and went back to the refundable balance.</source>
        <translation>%1 无法通过任何充值记录退款，已退回可退款金额。</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>收据编号过长（最多 200 个字符）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no refund record %1.</source>
        <translation>不存在退款记录 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund record %1 goes through the payment gateway %2; its answer settles it, not the desk.</source>
        <translation>退款记录 %1 通过支付网关 %2 处理，由网关的答复结算，而不是柜台。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund record %1 is already settled (%2).</source>
        <translation>退款记录 %1 已结算（%2）。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Refund record %1 needs the payment gateway %2, which this console does not use now.</source>
        <translation>退款记录 %1 需要支付网关 %2，而本控制台当前未使用该网关。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Record %1: no answer from the gateway (%2); it stays in progress and can be sent again.</source>
        <translation>记录 %1：网关无答复（%2），记录仍在处理中，可以重新发送。</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>Record %1: the gateway accepted refund %2 and is still processing it.</source>
        <translation>记录 %1：支付网关已受理退款 %2，仍在处理中。</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+113"/>
        <source>Record %1: refunded %2 (gateway refund %3).</source>
        <translation>记录 %1：已退款 %2（网关退款单号 %3）。</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Record %1: the gateway refused: %2</source>
        <translation>记录 %1：网关拒绝：%2</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+140"/>
        <source>Refund record %1 changed meanwhile; look at it again.</source>
        <translation>退款记录 %1 在此期间已变化，请重新查看。</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Member %1&apos;s pending refund is less than the record&apos;s amount.</source>
        <translation>会员 %1 的待退款金额小于记录金额。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Record %1: the gateway canceled refund %2; the money went back to the member.</source>
        <translation>记录 %1：支付网关撤销了退款 %2；款项已退回会员余额。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record %1: the gateway could not refund (%2); the money went back to the member.</source>
        <translation>记录 %1：支付网关未能退款（%2）；款项已退回会员余额。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Record %1: the gateway reversed refund %2; %3 went back to the member&apos;s balance. Coupons revoked with the refund stay revoked.</source>
        <translation>记录 %1：支付网关撤回了退款 %2；%3 已退回会员余额。随退款撤销的优惠券仍保持撤销状态。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The top-up that earned it was refunded (refund application %1).</source>
        <translation>获得该券的充值已退款（退款申请 %1）。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Refunded %1 of %2.</source>
        <translation>已退款 %1，共 %2。</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundText</name>
    <message>
        <location filename="../core/refunds/refundtypes.cpp" line="+94"/>
        <source>Pending audit</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+44"/>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+44"/>
        <source>Rejected</source>
        <translation>审核不通过</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+31"/>
        <source>Applied</source>
        <translation>用户申请</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Platform audit</source>
        <translation>平台审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Refunded</source>
        <translation>完成退款</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Partially refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund failed</source>
        <translation>退款失败</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>In progress</source>
        <translation>退款中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Returned to the member</source>
        <translation>已退回会员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded by the gateway</source>
        <translation>网关已退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused by the gateway</source>
        <translation>网关拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer from the gateway</source>
        <translation>网关无答复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Being processed by the gateway</source>
        <translation>支付网关处理中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked by the gateway</source>
        <translation>已被支付网关撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid in cash at the desk</source>
        <translation>已在柜台现金退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not paid at the desk</source>
        <translation>柜台未退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon revoked</source>
        <translation>优惠券已撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon already used</source>
        <translation>优惠券已使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>cd::reports::AnomalyStatisticsReport</name>
    <message>
        <location filename="../core/reports/anomalystatisticsreport.cpp" line="+23"/>
        <location line="+21"/>
        <source>Anomaly statistics</source>
        <translation>异常统计</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Per anomaly code, the bills of the sessions started in the period that carry it, how many are still open or resolved, and the amount involved; optionally per group.</source>
        <translation>按异常代码统计：时段内开始的会话中带有该代码的账单、仍未处理和已处理的数量以及涉及金额；可按分组统计。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bills with the code</source>
        <translation>带此代码的账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still open</source>
        <translation>仍未处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount involved</source>
        <translation>涉及金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
</context>
<context>
    <name>cd::reports::BillsReport</name>
    <message>
        <location filename="../core/reports/billsreport.cpp" line="+193"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的子运营商。</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+21"/>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every session&apos;s current bill in the period: energy, total, settlement and the anomaly codes still open. Filtered by sub-operator it is the partner export.</source>
        <translation>期间内每个会话的当前账单：电量、金额、结算状态及仍未处理的异常代码。按子运营商筛选即为合作方导出。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Charging started %1</source>
        <translation>充电开始于 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>子运营商 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator</source>
        <translation>子运营商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>充电开始（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>未处理异常代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>账单版本</translation>
    </message>
</context>
<context>
    <name>cd::reports::CsvReportWriter</name>
    <message>
        <location filename="../core/reports/csvreportwriter.cpp" line="+25"/>
        <source>Could not create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+10"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>cd::reports::DowntimeReport</name>
    <message>
        <location filename="../core/reports/downtimereport.cpp" line="+97"/>
        <location line="+18"/>
        <source>Downtime</source>
        <translation>停机时间</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>How long stations were offline, faulted or unavailable in the period, in how many outages, the longest one, and the share of the time they were available.</source>
        <translation>时段内充电站离线、故障或不可用的时长、停机次数、最长一次停机，以及可用时间占比。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stations</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline (min)</source>
        <translation>离线（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted (min)</source>
        <translation>故障（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unavailable (min)</source>
        <translation>不可用（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down in all (min)</source>
        <translation>停机合计（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outages</source>
        <translation>停机次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest outage (min)</source>
        <translation>最长停机（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available (‰)</source>
        <translation>可用率（‰）</translation>
    </message>
</context>
<context>
    <name>cd::reports::ExportJob</name>
    <message>
        <location filename="../core/reports/exportjob.cpp" line="+46"/>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say where to write the export.</source>
        <translation>请指定导出文件的位置。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Could not put %1 in place: %2</source>
        <translation>无法将 %1 放到目标位置：%2</translation>
    </message>
</context>
<context>
    <name>cd::reports::FailedStartsReport</name>
    <message>
        <location filename="../core/reports/failedstartsreport.cpp" line="+39"/>
        <location line="+19"/>
        <location line="+12"/>
        <source>Failed starts</source>
        <translation>启动失败</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Starts that went wrong: remote starts the station rejected or never answered, authorisations rejected and sessions that delivered no energy, with their share of all start attempts.</source>
        <translation>失败的启动：充电站拒绝或未应答的远程启动、被拒绝的授权以及未输出电量的会话，及其占全部启动尝试的比例。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Start attempts</source>
        <translation>启动尝试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>开始的会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts</source>
        <translation>远程启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts rejected</source>
        <translation>远程启动被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts unanswered</source>
        <translation>远程启动未应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorisation rejected</source>
        <translation>授权被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions with no energy</source>
        <translation>无电量会话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed (‰ of attempts)</source>
        <translation>失败（占尝试的‰）</translation>
    </message>
</context>
<context>
    <name>cd::reports::JsonReportWriter</name>
    <message>
        <location filename="../core/reports/jsonreportwriter.cpp" line="+73"/>
        <source>Could not create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+11"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>cd::reports::PdfReportWriter</name>
    <message>
        <location filename="../core/reports/pdf/pdfreportwriter.cpp" line="+63"/>
        <source>Could not create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Exported %1 (UTC)</source>
        <translation>导出于 %1（UTC）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 — page %2</source>
        <translation>%1 — 第 %2 页</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Rows: %1</source>
        <translation>行数：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>cd::reports::PeakHoursReport</name>
    <message>
        <location filename="../core/reports/peakhoursreport.cpp" line="+51"/>
        <location line="+15"/>
        <source>Peak hours (UTC)</source>
        <translation>高峰时段（UTC）</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>The hours of the day (UTC) by sessions started, energy and the average number of sessions charging at once.</source>
        <translation>按一天中的小时（UTC）统计开始的会话数、电量以及平均同时充电的会话数。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hour (UTC)</source>
        <translation>小时（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>开始的会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>充电时长（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average sessions charging at once</source>
        <translation>平均同时充电会话数</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportCatalog</name>
    <message>
        <location filename="../core/reports/reportcatalog.cpp" line="+88"/>
        <location filename="../app/cli/reportcommands.cpp" line="-198"/>
        <source>There is no report named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的报表。</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeQuery</name>
    <message>
        <location filename="../core/reports/reportchanges.cpp" line="+55"/>
        <source>There is no report export %1.</source>
        <translation>不存在报表导出 %1。</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeText</name>
    <message>
        <location line="-19"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed</source>
        <translation>已变更</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportExportRepository</name>
    <message>
        <location filename="../core/reports/reportexportrepository.cpp" line="+129"/>
        <source>The snapshot of export %1 is damaged.</source>
        <translation>导出 %1 的快照已损坏。</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportFormatText</name>
    <message>
        <location filename="../core/reports/reportwriter.cpp" line="+42"/>
        <source>&quot;%1&quot; is not a report format: use csv, xlsx, pdf or json.</source>
        <translation>“%1”不是报表格式：请使用 csv、xlsx、pdf 或 json。</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportParameterText</name>
    <message>
        <location filename="../core/reports/reportparameters.cpp" line="+23"/>
        <source>The report&apos;s parameters are not readable: %1</source>
        <translation>无法读取报表参数：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>Sub-operator</source>
        <translation>子运营商</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+16"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Group by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split by</source>
        <translation>按时间拆分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag below (%)</source>
        <translation>低于此值标记（%）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Whole period</source>
        <translation>整个期间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (UTC)</source>
        <translation>%1（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>%1 … %2 (UTC)</source>
        <translation>%1 … %2（UTC）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period: %1</source>
        <extracomment>a report&apos;s header: %1 the period, e.g. &quot;2026-11-01 … 2026-11-30 (UTC)&quot;</extracomment>
        <translation>期间：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>子运营商 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>site %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per %1</source>
        <translation>按%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The period is empty: it must end after it starts.</source>
        <translation>期间为空：结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 report cannot be grouped by &quot;%2&quot;; it groups by %3.</source>
        <translation>报表 %1 不能按“%2”分组；可用的分组：%3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split a report by day, week or month, not &quot;%1&quot;.</source>
        <translation>报表只能按日、周或月拆分，不能按“%1”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The threshold is a percentage from 0 to 1000.</source>
        <translation>阈值是 0 到 1000 之间的百分比。</translation>
    </message>
</context>
<context>
    <name>cd::reports::UtilisationReport</name>
    <message>
        <location filename="../core/reports/utilisationreport.cpp" line="+31"/>
        <location line="+19"/>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>How busy the connectors were: sessions started, charging time, the share of the time the connectors were charging, and energy, per group and period.</source>
        <translation>充电枪的繁忙程度：按分组和时段统计开始的会话、充电时长、充电枪处于充电状态的时间占比以及电量。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Period start (UTC)</source>
        <translation>时段开始（UTC）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connectors</source>
        <translation>充电枪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>充电时长（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occupied (‰)</source>
        <translation>占用率（‰）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>电量（kWh）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy per session (kWh)</source>
        <translation>每次会话电量（kWh）</translation>
    </message>
</context>
<context>
    <name>cd::reports::XlsxReportWriter</name>
    <message>
        <location filename="../core/reports/xlsxreportwriter.cpp" line="+48"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not add sheet %1 to %2.</source>
        <translation>无法向 %2 添加工作表 %1。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Totals</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
</context>
<context>
    <name>cd::runtime::RuntimeCommandLine</name>
    <message>
        <location filename="../core/runtime/runtimeoptions.cpp" line="+43"/>
        <source>--%1 must be a whole number of seconds from %2 to %3.</source>
        <translation>--%1 必须是 %2 到 %3 之间的整数秒数。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let stations that are not registered connect and register them (for a lab; never on a public network).</source>
        <translation>允许未注册的充电站连接并自动注册（仅用于测试环境，切勿在公共网络中使用）。</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>--security-profile must be 0, 1, 2 or 3.</source>
        <translation>--security-profile 必须为 0、1、2 或 3。</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Give --%1 or --%2, not both.</source>
        <translation>请指定 --%1 或 --%2，不要同时指定。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>--tls-cert, --tls-key and --tls-ca need --security-profile 2 or 3.</source>
        <translation>--tls-cert、--tls-key 和 --tls-ca 需要 --security-profile 2 或 3。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--security-profile %1 needs the server&apos;s certificate and private key: --tls-cert FILE --tls-key FILE.</source>
        <translation>--security-profile %1 需要服务器的证书和私钥：--tls-cert FILE --tls-key FILE。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--security-profile 3 needs --tls-ca FILE: the CA certificates that sign the stations&apos; certificates.</source>
        <translation>--security-profile 3 需要 --tls-ca FILE：为充电站证书签名的 CA 证书。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Address and port stations connect to, e.g. 0.0.0.0:9000 (default 127.0.0.1:9000). Stations use ws://HOST:PORT/ocpp/&lt;chargePointId&gt;, or wss:// with security profiles 2 and 3.</source>
        <translation>充电站连接的地址和端口，例如 0.0.0.0:9000（默认 127.0.0.1:9000）。充电站的连接地址为 ws://HOST:PORT/ocpp/&lt;chargePointId&gt;，安全配置文件 2 和 3 则使用 wss://。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OCPP security profile: 0 = no credentials (lab), 1 = HTTP Basic auth with each station&apos;s password (default), 2 = TLS (wss://) and Basic auth, 3 = TLS with a client certificate per station.</source>
        <translation>OCPP 安全配置文件：0 = 无凭据（测试环境），1 = 使用各充电站自己的密码进行 HTTP Basic auth（默认），2 = TLS（wss://）加 Basic auth，3 = TLS 加每个充电站各自的客户端证书。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>0|1|2|3</source>
        <translation>0|1|2|3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles 2 and 3: the server&apos;s certificate (PEM; intermediate CA certificates may follow it in the same file).</source>
        <translation>安全配置文件 2 和 3：服务器证书（PEM；同一文件中其后可附中间 CA 证书）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+11"/>
        <location line="+6"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Profiles 2 and 3: the private key of that certificate (PEM, unencrypted).</source>
        <translation>安全配置文件 2 和 3：该证书的私钥（PEM，未加密）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile 3: the CA certificates (PEM) that sign the stations&apos; certificates; each certificate&apos;s common name (CN) must be its station&apos;s id.</source>
        <translation>安全配置文件 3：为充电站证书签名的 CA 证书（PEM）；每个证书的通用名称（CN）必须是其充电站的 ID。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seconds between WebSocket pings; a station that stops answering is shown offline within this plus 20 seconds (default 30, at most 40, 0 = off).</source>
        <translation>WebSocket ping 的间隔秒数；停止应答的充电站最迟在该间隔加 20 秒后显示为离线（默认 30，最大 40，0 = 关闭）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Heartbeat interval given to stations at boot (default 300).</source>
        <translation>充电站启动时下发给它的心跳间隔（默认 300）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name of this server process in the command table (default host:port).</source>
        <translation>此服务器进程在命令表中的名称（默认 host:port）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+5"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>HTTP payment gateway: read its secret key from this environment variable.</source>
        <translation>HTTP 支付网关：从此环境变量读取其密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP payment gateway: read its secret key from this file (mode 0600).</source>
        <translation>HTTP 支付网关：从此文件读取其密钥（权限 0600）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this environment variable.</source>
        <translation>从此环境变量读取网关发往 /payments/webhook 的报告的签名密钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this file (mode 0600).</source>
        <translation>从此文件读取网关发往 /payments/webhook 的报告的签名密钥（权限 0600）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>--listen must look like 127.0.0.1:9000, got &quot;%1&quot;.</source>
        <translation>--listen 的格式应为 127.0.0.1:9000，实际为“%1”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--listen needs an IP address, got &quot;%1&quot;.</source>
        <translation>--listen 需要 IP 地址，实际为“%1”。</translation>
    </message>
</context>
<context>
    <name>cd::runtime::StationServerTexts</name>
    <message>
        <location filename="../core/runtime/stationservercontrol.cpp" line="+10"/>
        <source>&quot;%1&quot; is not an address and port such as 127.0.0.1:9000 or 0.0.0.0:9000.</source>
        <extracomment>%1 is what the operator typed as the station server&apos;s address</extracomment>
        <translation>“%1”不是形如 127.0.0.1:9000 或 0.0.0.0:9000 的地址和端口。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profiles 2 and 3 need the server&apos;s certificate and its private key (PEM files).</source>
        <translation>安全配置文件 2 和 3 需要服务器证书及其私钥（PEM 文件）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profile 3 needs the CA certificate that signed the stations&apos; certificates.</source>
        <translation>安全配置文件 3 需要签发充电站证书的 CA 证书。</translation>
    </message>
</context>
<context>
    <name>cd::server::CentralSystem</name>
    <message>
        <location filename="../core/server/centralsystem.cpp" line="+72"/>
        <source>The OCPP server is already listening on port %1.</source>
        <translation>OCPP 服务器已在端口 %1 上监听。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot listen for OCPP connections on %1 port %2: %3</source>
        <translation>无法在 %1 的端口 %2 上监听 OCPP 连接：%3</translation>
    </message>
</context>
<context>
    <name>cd::server::ConnectionTexts</name>
    <message>
        <location filename="../core/server/connectionstats.cpp" line="+56"/>
        <source>Not a valid WebSocket upgrade request</source>
        <translation>不是有效的 WebSocket 升级请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request headers too large</source>
        <translation>请求头过大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handshake not completed in time</source>
        <translation>握手未能按时完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalid connection path or station id</source>
        <translation>连接路径或充电站 ID 无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown charging station</source>
        <translation>未知充电站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing or wrong credentials</source>
        <translation>凭据缺失或错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No OCPP version offered</source>
        <translation>未提供 OCPP 版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCPP version not supported</source>
        <translation>不支持该 OCPP 版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many connection attempts at once</source>
        <translation>同时发起的连接过多</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection closed during the handshake</source>
        <translation>握手期间连接被关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server shutting down</source>
        <translation>服务器正在关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unencrypted connection to the TLS port (wss:// required)</source>
        <translation>以未加密方式连接 TLS 端口（需要 wss://）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS handshake failed</source>
        <translation>TLS 握手失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client certificate does not name the station</source>
        <translation>客户端证书不属于该充电站</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replaced by a new connection from the same station</source>
        <translation>已被同一充电站的新连接取代</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer to WebSocket ping</source>
        <translation>WebSocket ping 无应答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the station</source>
        <translation>被充电站关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message too large</source>
        <translation>消息过大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WebSocket protocol error</source>
        <translation>WebSocket 协议错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server stopped</source>
        <translation>服务器已停止</translation>
    </message>
</context>
<context>
    <name>cd::server::ServerOptionsCheck</name>
    <message>
        <location filename="../core/server/serveroptions.cpp" line="+17"/>
        <source>No OCPP protocol version is enabled for the server.</source>
        <translation>服务器未启用任何 OCPP 协议版本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The OCPP path prefix &quot;%1&quot; must start with &quot;/&quot; and must not end with &quot;/&quot;.</source>
        <translation>OCPP 路径前缀“%1”必须以“/”开头，且不能以“/”结尾。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The WebSocket ping interval must not be negative and the pong timeout must be positive.</source>
        <translation>WebSocket ping 间隔不能为负数，pong 超时必须为正数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum WebSocket message and frame size must be at least 1 KiB.</source>
        <translation>WebSocket 消息和帧的最大大小必须至少为 1 KiB。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum handshake size must be between 512 bytes and 64 KiB.</source>
        <translation>握手的最大大小必须在 512 字节到 64 KiB 之间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The handshake timeout and the close grace period must be positive.</source>
        <translation>握手超时和关闭宽限期必须为正数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least one handshake must be allowed at a time.</source>
        <translation>必须允许同时进行至少一次握手。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown security profile %1.</source>
        <translation>未知的安全配置文件 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile %1 uses TLS: the server&apos;s certificate and private key files must be set.</source>
        <translation>安全配置文件 %1 使用 TLS：必须设置服务器的证书文件和私钥文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security profile 3 needs the CA certificates that sign the stations&apos; certificates.</source>
        <translation>安全配置文件 3 需要为充电站证书签名的 CA 证书。</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActionText</name>
    <message>
        <location filename="../core/sessions/sessionaction.cpp" line="+77"/>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel hold</source>
        <translation>取消预授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finalize</source>
        <translation>完成扣款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set energy</source>
        <translation>设置电量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change status</source>
        <translation>更改状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 — session %2, station %3</source>
        <translation>%1 — 会话 %2，充电桩 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Command to the station: %1</source>
        <translation>发送给充电桩的指令：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Money does not move.</source>
        <translation>不涉及资金变动。</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Status: %1 (unchanged)</source>
        <translation>状态：%1（不变）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status: %1 → %2</source>
        <translation>状态：%1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy: %1 Wh (unchanged)</source>
        <translation>电量：%1 Wh（不变）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 Wh → %2 Wh</source>
        <translation>电量：%1 Wh → %2 Wh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No tariff: the amount stays %1.</source>
        <translation>没有电价：金额保持 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 (unchanged)</source>
        <translation>金额：%1（不变）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 → %2</source>
        <translation>金额：%1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture %1 of the %2 held.</source>
        <translation>从预授权的 %2 中扣款 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>将 %1 释放回客户的银行卡。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>退还已扣款中的 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>金额中有 %1 超出预授权，不会被扣取。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1: %2 → %3</source>
        <translation>预授权 %1：%2 → %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot run: %1</source>
        <translation>无法执行：%1</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActions</name>
    <message>
        <location filename="../core/sessions/commandplans.cpp" line="+37"/>
        <source>Session %1 is %2: only a session waiting for its start can be started.</source>
        <translation>会话 %1 为 %2 状态：只有等待启动的会话才能启动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 has no id tag to start with.</source>
        <translation>会话 %1 没有可用于启动的卡号。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 cannot be started remotely: its id does not fit a remote start id.</source>
        <translation>会话 %1 无法远程启动：其 ID 超出远程启动 ID 的范围。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Session %1 is %2 and has no transaction on the station: there is nothing to stop.</source>
        <translation>会话 %1 为 %2 状态，在充电桩上没有交易：无需停止。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 is %2: it is not running on the station.</source>
        <translation>会话 %1 为 %2 状态：它未在充电桩上运行。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>会话 %1 没有可用于停止的数字交易 ID。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The session ends when the station reports the stop.</source>
        <translation>充电桩上报停止后，会话才会结束。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A reset restarts the whole station and ends the transactions running on it.</source>
        <translation>重置会重启整个充电桩，并结束其上正在进行的交易。</translation>
    </message>
    <message>
        <location filename="../core/sessions/moneyplans.cpp" line="+34"/>
        <source>Session %1 is %2 already; there is nothing to finish.</source>
        <translation>会话 %1 已经是 %2 状态；无需结束。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session was closed before (%1): its energy stays as it was recorded.</source>
        <translation>该会话此前已关闭（%1）：电量保持已记录的数值。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No energy was delivered: the session is canceled and nothing is charged.</source>
        <translation>未输出电量：会话将被取消，不收取任何费用。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No open payment hold: %1 is to be collected another way.</source>
        <translation>没有未结的预授权：%1 需通过其他方式收取。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Wait for the hold, or cancel it.</source>
        <translation>预授权 %1 为 %2 状态：银行尚未冻结资金。请等待预授权完成，或将其取消。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 was captured already: the captured money is refunded.</source>
        <translation>预授权 %1 已扣款：将退还已扣款项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 has no payment hold to cancel.</source>
        <translation>会话 %1 没有可取消的预授权。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station may still be charging: send Stop as well.</source>
        <translation>充电桩可能仍在充电：请同时发送停止指令。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>预授权 %1 的状态为 %2：只能扣款已冻结的金额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has no payment hold to finalize.</source>
        <translation>会话 %1 没有可完成扣款的预授权。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1 reports no total amount; give the amount to capture.</source>
        <translation>会话 %1 没有上报总金额；请填写要扣款的金额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; use Cancel hold to capture nothing.</source>
        <translation>扣款金额必须大于零；如不扣款，请使用“取消预授权”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>无法扣款 %1：仅冻结了 %2。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session is still open: the station may keep charging after the money is taken.</source>
        <translation>会话仍未结束：扣款后充电桩可能继续充电。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Give the new energy counter in Wh.</source>
        <translation>请填写新的电量读数（Wh）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>电量必须在 0 到 %1 Wh 之间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has %2 Wh already.</source>
        <translation>会话 %1 已经是 %2 Wh。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The payment hold is not touched: use Finish or Finalize to take the money.</source>
        <translation>预授权不受影响：如需扣款，请使用“结束”或“完成扣款”。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>OVERRIDE ignores the status priorities; the change is recorded with its mode.</source>
        <translation>OVERRIDE 忽略状态优先级；此更改会连同模式一起记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold %1 stays as it is: use Finalize or Cancel hold to settle it.</source>
        <translation>预授权 %1 保持不变：请使用“完成扣款”或“取消预授权”来结清。</translation>
    </message>
    <message>
        <location filename="../core/sessions/sessionactions.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>没有 ID 为 %1 的会话。</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>此处无法使用支付功能，因此不能变动预授权 %1 的资金。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>预授权 %1 是通过 %2 网关创建的，但当前使用的是 %3 网关。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>预授权 %1 尚未收到网关答复；收到后请重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>关于预授权 %1 的支付请求仍在等待网关；网关答复后请重试。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The tariff is in %1 but the session is in %2: the amount stays %3.</source>
        <translation>电价以 %1 计价，而会话以 %2 计价：金额保持 %3。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Priced with tariff %1: %2 per kWh at the charging start, with the tariff&apos;s time-of-use periods and idle fee.</source>
        <translation>按电价 %1 计算：开始充电时每千瓦时 %2，并计入电价的分时段价格和占位费。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The gateway has not answered yet. Payment call %1 stays in the journal and is sent again with the same key.</source>
        <translation>支付网关尚未答复。支付调用 %1 保留在日志中，并将以同一密钥重新发送。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session was changed, but the money call could not be made: %1</source>
        <translation>会话已更改，但无法发起资金调用：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The gateway refused payment call %1: %2</source>
        <translation>网关拒绝了支付调用 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gateway did it (payment call %1).</source>
        <translation>网关已完成（支付调用 %1）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Who acts must be known: an operator name is required.</source>
        <translation>必须知道操作人：需要填写操作员名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept in the audit log.</source>
        <translation>必须填写原因：它会记录在审计日志中。</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Operator: %1</source>
        <translation>操作员：%1</translation>
    </message>
</context>
<context>
    <name>cd::sessions::StatusPriority</name>
    <message>
        <location filename="../core/sessions/statuspriority.cpp" line="+45"/>
        <source>&quot;%1&quot; is not a session status. Use one of: %2.</source>
        <translation>“%1”不是会话状态。请使用以下之一：%2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 is %2 already.</source>
        <translation>会话 %1 已经是 %2 状态。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Session %1 is %2; SOFT cannot move it back to %3. Use OVERRIDE if you must (it is recorded with its mode).</source>
        <translation>会话 %1 为 %2 状态；SOFT 模式不能将其改回 %3。如确有必要请使用 OVERRIDE（会连同模式一起记录）。</translation>
    </message>
</context>
<context>
    <name>cd::sim::MisbehaviourText</name>
    <message>
        <location filename="../core/sim/misbehaviour.cpp" line="+67"/>
        <source>Unknown misbehaviour &quot;%1&quot;. Known: %2.</source>
        <translation>未知的异常行为“%1”。已知的有：%2。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The share in &quot;%1&quot; must be between 0 and 1 (or 0%–100%).</source>
        <translation>“%1”中的比例必须在 0 到 1 之间（或 0%–100%）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The share in &quot;%1&quot; is not a number.</source>
        <translation>“%1”中的比例不是数字。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; names no share and no stations.</source>
        <translation>“%1”既未指定比例，也未指定充电站。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>meter register reads 0 at the start, then jumps to the real value</source>
        <translation>电表读数开始时为 0，随后跳到实际值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline mid-session and never sends StopTransaction</source>
        <translation>充电过程中离线，且始终不发送 StopTransaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline, then replays the session&apos;s messages, acknowledged ones included</source>
        <translation>离线后重发本次充电的消息，包括已确认的消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepts RemoteStopTransaction but keeps charging</source>
        <translation>接受 RemoteStopTransaction 但仍继续充电</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delivers energy with no authorised transaction</source>
        <translation>在没有授权交易的情况下输出电能</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sends every StopTransaction twice</source>
        <translation>每个 StopTransaction 都发送两次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its clock runs two days ahead: every timestamp it sends lies in the future</source>
        <translation>其时钟快两天：发送的每个时间戳都在未来</translation>
    </message>
</context>
<context>
    <name>cd::sim::SimulatedStation</name>
    <message>
        <location filename="../core/sim/simulatedstation.cpp" line="+106"/>
        <source>connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>protocol %1 is not supported by the simulator yet</source>
        <translation>模拟器暂不支持协议 %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the server did not agree to subprotocol %1</source>
        <translation>服务器未接受子协议 %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection closed (code %1)</source>
        <translation>连接已关闭（代码 %1）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>network lost (simulated)</source>
        <translation>网络中断（模拟）</translation>
    </message>
    <message>
        <location filename="../core/sim/stationcommands.cpp" line="+132"/>
        <source>rebooting (%1)</source>
        <translation>正在重启（%1）</translation>
    </message>
</context>
<context>
    <name>cd::simapp::SimRunner</name>
    <message numerus="yes">
        <location filename="../app/sim/simrunner.cpp" line="+38"/>
        <source>All %n station(s) booted.</source>
        <translation>
            <numerusform>全部 %n 个充电站已启动。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Simulating %n station(s) against %1 (%2), time scale %3.</source>
        <translation>
            <numerusform>正在模拟 %n 个充电站，服务器 %1（%2），时间倍率 %3。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1% of the stations</source>
        <translation>%1% 的充电站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Misbehaviour %1: %2.</source>
        <translation>异常行为 %1：%2。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stopping now.</source>
        <translation>立即停止。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping: ending sessions and sending what is queued...</source>
        <translation>正在停止：结束充电并发送队列中的消息…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>No station could connect to %1 within %n second(s).</source>
        <translation>
            <numerusform>%n 秒内没有任何充电站能连接到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last error: %1</source>
        <translation>最近一次错误：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n station(s) never connected.</source>
        <translation>
            <numerusform>%n 个充电站始终未能连接。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 s | %2/%3 connected, %4 booted | sessions %5 active, %6 done, %7 kWh, %8 refused | messages out %9 in %10 | p50 %11 ms p99 %12 ms | errors %13 | reconnects %14</source>
        <translation>%1 秒 | 已连接 %2/%3，已启动 %4 | 充电：进行中 %5，已完成 %6，%7 kWh，被拒 %8 | 消息：发出 %9，收到 %10 | p50 %11 毫秒，p99 %12 毫秒 | 错误 %13 | 重连 %14</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Summary: %1 of %2 stations connected, %3 reconnects, %4 connection failures.</source>
        <translation>汇总：%2 个充电站中有 %1 个已连接，重连 %3 次，连接失败 %4 次。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions: %1 started, %2 finished, %3 kWh delivered; %4 drivers not authorised.</source>
        <translation>充电：已开始 %1 次，已完成 %2 次，共输出 %3 kWh；%4 名司机未通过授权。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last connection error: %1</source>
        <translation>最近一次连接错误：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages: %1 sent, %2 received (%3 per second); %4 calls answered by the server, %5 server commands answered.</source>
        <translation>消息：发送 %1 条，接收 %2 条（每秒 %3 条）；服务器已应答的调用 %4 个，已应答的服务器命令 %5 个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reply latency: p50 %1 ms, p99 %2 ms, max %3 ms over %4 calls.</source>
        <translation>应答延迟：p50 %1 毫秒，p99 %2 毫秒，最大 %3 毫秒（共 %4 次调用）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Errors: %1.</source>
        <translation>错误：%1。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n transaction message(s) were still queued at exit.</source>
        <translation>
            <numerusform>退出时仍有 %n 条交易消息在队列中。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statistics written to %1.</source>
        <translation>统计信息已写入 %1。</translation>
    </message>
</context>
<context>
    <name>cd::storage::ConnectorRepository</name>
    <message>
        <location filename="../core/storage/connectorrepository.cpp" line="+111"/>
        <source>No connector with the internal id %1.</source>
        <translation>不存在内部 ID 为 %1 的充电枪。</translation>
    </message>
</context>
<context>
    <name>cd::storage::Database</name>
    <message>
        <location filename="../core/storage/database.cpp" line="+90"/>
        <source>The key does not open %1: it is the wrong key, or the file is not a ChargeDesk database. The file was left untouched.</source>
        <translation>该密钥无法打开 %1：密钥错误，或该文件不是 ChargeDesk 数据库。文件未被改动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1 is encrypted, but no key was found (%2: %3)
%4</source>
        <translation>%1 已加密，但未找到密钥（%2：%3）
%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No database key (%1: %2)
%3</source>
        <translation>没有数据库密钥（%1：%2）
%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the database key (%1: %2)
%3</source>
        <translation>无法读取数据库密钥（%1：%2）
%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>cd::storage::DatabaseOptions</name>
    <message>
        <location filename="../core/storage/databaseoptions.cpp" line="+17"/>
        <source>Encrypted SQLCipher database file (default: %1).</source>
        <translation>加密的 SQLCipher 数据库文件（默认：%1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Shared PostgreSQL database, e.g. postgresql://user:password@host:5432/chargedesk.</source>
        <translation>共享的 PostgreSQL 数据库，例如 postgresql://user:password@host:5432/chargedesk。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the database key from this file (64 hexadecimal digits, mode 0600) instead of the OS keychain.</source>
        <translation>从此文件读取数据库密钥（64 位十六进制数字，权限 0600），而不是从操作系统密钥库读取。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the database key from this environment variable instead of the OS keychain.</source>
        <translation>从此环境变量读取数据库密钥，而不是从操作系统密钥库读取。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use either --db or --db-url, not both.</source>
        <translation>--db 和 --db-url 只能使用其中一个。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use either --db-key-file or --db-key-env, not both.</source>
        <translation>--db-key-file 和 --db-key-env 只能使用其中一个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--db-url must look like postgresql://user:password@host:5432/database.</source>
        <translation>--db-url 的格式应为 postgresql://user:password@host:5432/database。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PostgreSQL database takes no key options; its server secures it.</source>
        <translation>PostgreSQL 数据库不接受密钥选项，其安全由服务器负责。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--db-key-env needs the name of an environment variable.</source>
        <translation>--db-key-env 需要提供环境变量名。</translation>
    </message>
</context>
<context>
    <name>cd::storage::EnvKeyStore</name>
    <message>
        <location filename="../core/storage/envkeystore.cpp" line="+11"/>
        <source>The environment variable %1 is not set.</source>
        <translation>环境变量 %1 未设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The environment variable %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>环境变量 %1 必须恰好包含 64 位十六进制数字（256 位密钥）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key cannot be stored in an environment variable.</source>
        <translation>密钥不能保存到环境变量中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>environment variable %1</source>
        <translation>环境变量 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set it to 64 hexadecimal digits, e.g. %1=$(chargedesk-cli key generate)</source>
        <translation>请将其设为 64 位十六进制数字，例如 %1=$(chargedesk-cli key generate)</translation>
    </message>
</context>
<context>
    <name>cd::storage::FileKeyStore</name>
    <message>
        <location filename="../core/storage/filekeystore.cpp" line="+13"/>
        <source>The key file %1 does not exist.</source>
        <translation>密钥文件 %1 不存在。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>其他用户可以读取密钥文件 %1；请用以下命令限制权限：chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the key file %1: %2</source>
        <translation>无法读取密钥文件 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>密钥文件 %1 必须恰好包含 64 位十六进制数字（256 位密钥）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key file is only read, never written implicitly.</source>
        <translation>密钥文件只会被读取，绝不会被隐式写入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>key file %1</source>
        <translation>密钥文件 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create a key file with: chargedesk-cli key generate --out %1</source>
        <translation>用以下命令创建密钥文件：chargedesk-cli key generate --out %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 already exists; a key file is never overwritten.</source>
        <translation>%1 已存在；密钥文件绝不会被覆盖。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>cd::storage::IdTagRepository</name>
    <message>
        <location filename="../core/storage/idtagrepository.cpp" line="+61"/>
        <source>&quot;%1&quot; is not a valid id tag: use 1 to 36 printable characters without spaces.</source>
        <translation>“%1”不是有效的 id tag：请使用 1 到 36 个不含空格的可打印字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a valid parent id tag.</source>
        <translation>“%1”不是有效的上级 id tag。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The kind of an id tag is card, app or department.</source>
        <translation>id tag 的类型只能是 card、app 或 department。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <source>The status of an id tag is Accepted, Blocked, Expired or Invalid.</source>
        <translation>id tag 的状态只能是 Accepted、Blocked、Expired 或 Invalid。</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>The number of concurrent sessions must be between 1 and 10000.</source>
        <translation>同时进行的充电数量必须在 1 到 10000 之间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The id tag %1 already exists.</source>
        <translation>id tag %1 已存在。</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+11"/>
        <source>No id tag %1.</source>
        <translation>不存在 id tag %1。</translation>
    </message>
</context>
<context>
    <name>cd::storage::KeychainKeyStore</name>
    <message>
        <location filename="../core/storage/keychainkeystore.cpp" line="+48"/>
        <location line="+21"/>
        <source>The OS keychain did not answer in time.</source>
        <translation>操作系统密钥库未能及时响应。</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>The keychain entry for this database is damaged.</source>
        <translation>此数据库在密钥库中的条目已损坏。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OS keychain holds no key for this database.</source>
        <translation>操作系统密钥库中没有此数据库的密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OS keychain is not available: %1</source>
        <translation>操作系统密钥库不可用：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot store the database key in the OS keychain: %1</source>
        <translation>无法将数据库密钥保存到操作系统密钥库：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OS keychain</source>
        <translation>操作系统密钥库</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlock the desktop keychain, or pass --db-key-file PATH (a 0600 file with 64 hexadecimal digits) or --db-key-env NAME (an environment variable holding them). Generate a key with: chargedesk-cli key generate</source>
        <translation>请解锁桌面密钥库，或传入 --db-key-file 路径（权限为 0600、包含 64 位十六进制数字的文件）或 --db-key-env 名称（保存这些数字的环境变量）。生成密钥：chargedesk-cli key generate</translation>
    </message>
</context>
<context>
    <name>cd::storage::Migrator</name>
    <message>
        <location filename="../core/storage/migrator.cpp" line="+115"/>
        <source>There is no schema version %1.</source>
        <translation>不存在架构版本 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database has schema version %1, newer than this ChargeDesk understands (%2). Install the newer ChargeDesk that wrote it.</source>
        <translation>数据库的架构版本为 %1，高于此 ChargeDesk 支持的版本（%2）。请安装写入该数据库的较新版 ChargeDesk。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>迁移 %1（%2）失败，已回滚：%3</translation>
    </message>
</context>
<context>
    <name>cd::storage::SessionRepository</name>
    <message>
        <location filename="../core/storage/sessionrepository.cpp" line="+180"/>
        <source>The new session %1 cannot be read back.</source>
        <translation>无法回读新建的充电记录 %1。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No session with the id %1.</source>
        <translation>不存在 ID 为 %1 的充电记录。</translation>
    </message>
</context>
<context>
    <name>cd::storage::SiteRepository</name>
    <message>
        <location filename="../core/storage/siterepository.cpp" line="+22"/>
        <source>A name has at most %1 characters.</source>
        <translation>名称最多 %1 个字符。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say which site.</source>
        <translation>请指定站点。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+107"/>
        <source>There is no site %1.</source>
        <translation>没有站点 %1。</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的站点。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sites are named &quot;%2&quot;; name one by its id, e.g. #%3.</source>
        <translation>有 %1 个站点名为“%2”；请用 id 指定其一，例如 #%3。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的子运营商。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the sub-operator a name.</source>
        <translation>请为子运营商命名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The settlement mode is settle_first or hold_until_corrected, not &quot;%1&quot;.</source>
        <translation>结算方式为 settle_first 或 hold_until_corrected，而不是“%1”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A sub-operator named &quot;%1&quot; exists already.</source>
        <translation>名为“%1”的子运营商已存在。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give the site a name.</source>
        <translation>请为站点命名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A site&apos;s name cannot start with #: that is how a site is named by its id.</source>
        <translation>站点名称不能以 # 开头：# 用于按 id 指定站点。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A site named &quot;%1&quot; exists already.</source>
        <translation>名为“%1”的站点已存在。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No station with the id %1.</source>
        <translation>不存在 ID 为 %1 的充电站。</translation>
    </message>
</context>
<context>
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+78"/>
        <source>Database error: %1 values for the placeholders of (%2)</source>
        <translation>数据库错误：为 (%2) 的占位符提供了 %1 个值</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Database error: %1 (%2)</source>
        <translation>数据库错误：%1（%2）</translation>
    </message>
</context>
<context>
    <name>cd::storage::SqlCipherDriver</name>
    <message>
        <location filename="../core/storage/sqlcipherdriver.cpp" line="+50"/>
        <source>QSQLCIPHER_BUSY_TIMEOUT needs a number of milliseconds, got &quot;%1&quot;</source>
        <translation>QSQLCIPHER_BUSY_TIMEOUT 需要毫秒数，实际为“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown connect option &quot;%1&quot;</source>
        <translation>未知连接选项“%1”</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Invalid connect options: %1</source>
        <translation>连接选项无效：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database key must be exactly 64 hexadecimal digits (a raw 256-bit key); passphrases are not accepted</source>
        <translation>数据库密钥必须恰好是 64 位十六进制数字（原始 256 位密钥），不接受口令短语</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No database file name given</source>
        <translation>未指定数据库文件名</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open the database file %1</source>
        <translation>无法打开数据库文件 %1</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>The key does not open the database file %1: wrong key, or not an encrypted ChargeDesk database</source>
        <translation>该密钥无法打开数据库文件 %1：密钥错误，或该文件不是加密的 ChargeDesk 数据库</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Cannot read the database file %1</source>
        <translation>无法读取数据库文件 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read the cipher version of %1</source>
        <translation>无法读取 %1 的加密版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The linked SQLite library is not SQLCipher; refusing to open %1 without encryption</source>
        <translation>链接的 SQLite 库不是 SQLCipher；拒绝在不加密的情况下打开 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot switch %1 to WAL journal mode</source>
        <translation>无法将 %1 切换到 WAL 日志模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot switch %1 to WAL journal mode (SQLite answered &quot;%2&quot;)</source>
        <translation>无法将 %1 切换到 WAL 日志模式（SQLite 返回“%2”）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply &quot;%1&quot;</source>
        <translation>无法应用“%1”</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Cannot close the database</source>
        <translation>无法关闭数据库</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot begin the transaction</source>
        <translation>无法开始事务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot commit the transaction</source>
        <translation>无法提交事务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot roll back the transaction</source>
        <translation>无法回滚事务</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database is not open</source>
        <translation>数据库未打开</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(another connection kept the database locked for longer than the busy timeout of %1 ms)</source>
        <translation>（另一个连接锁定数据库的时间超过了 %1 毫秒的繁忙超时）</translation>
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
        <translation>无法准备语句</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+42"/>
        <source>The database is not open</source>
        <translation>数据库未打开</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Only one statement can be run at a time</source>
        <translation>一次只能执行一条语句</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The query holds no SQL statement</source>
        <translation>查询中没有 SQL 语句</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+156"/>
        <source>Cannot execute the statement</source>
        <translation>无法执行语句</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>No statement is prepared</source>
        <translation>没有已准备的语句</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+12"/>
        <source>Cannot bind the values</source>
        <translation>无法绑定值</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Parameter count mismatch: the statement has %1 placeholders, %2 values are bound</source>
        <translation>参数数量不匹配：语句有 %1 个占位符，但绑定了 %2 个值</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No value is bound for %1</source>
        <translation>%1 没有绑定值</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+54"/>
        <source>Cannot bind the value for %1</source>
        <translation>无法为 %1 绑定值</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 does not fit in a signed 64-bit integer</source>
        <translation>%1 超出 64 位有符号整数的范围</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+12"/>
        <source>The value is too large</source>
        <translation>值过大</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>QDateTime values are not accepted: store time as UTC epoch milliseconds (qint64, QDateTime::toMSecsSinceEpoch())</source>
        <translation>不接受 QDateTime 值：请以 UTC 纪元毫秒存储时间（qint64，QDateTime::toMSecsSinceEpoch()）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Values of type %1 cannot be stored</source>
        <translation>无法存储 %1 类型的值</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+164"/>
        <source>Cannot fetch the row</source>
        <translation>无法获取该行</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationRepository</name>
    <message>
        <location filename="../core/storage/stationrepository.cpp" line="+67"/>
        <source>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</source>
        <translation>“%1”不是有效的充电桩 ID：请使用 1 到 48 个可打印字符，不能包含空格、“/”、“?”、“#”或“%”。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Latitude must be between -90 and 90.</source>
        <translation>纬度必须在 -90 到 90 之间。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longitude must be between -180 and 180.</source>
        <translation>经度必须在 -180 到 180 之间。</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>A station with the id %1 already exists.</source>
        <translation>ID 为 %1 的充电站已存在。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Give both the latitude and the longitude, or neither.</source>
        <translation>请同时给出纬度和经度，或都不给。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No station with the id %1.</source>
        <translation>不存在 ID 为 %1 的充电站。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No station with the internal id %1.</source>
        <translation>不存在内部 ID 为 %1 的充电站。</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+51"/>
        <source>No station with the internal id %1.</source>
        <translation>不存在内部 ID 为 %1 的充电站。</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The security profile must be 0, 1, 2 or 3.</source>
        <translation>安全配置文件必须是 0、1、2 或 3。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>不存在 ID 为 %1 的充电站。</translation>
    </message>
</context>
<context>
    <name>cd::ui::AccountsPage</name>
    <message>
        <location filename="../ui/accounts/accountspage.cpp" line="+94"/>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariffs</source>
        <translation>资费</translation>
    </message>
</context>
<context>
    <name>cd::ui::ActionDialog</name>
    <message>
        <location filename="../ui/operators/actiondialog.cpp" line="+33"/>
        <source>Optional, kept in the audit log</source>
        <translation>可选，记入审计日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eason:</source>
        <translation>原因(&amp;E)：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertActionDialog</name>
    <message>
        <location filename="../ui/alerts/alertactiondialog.cpp" line="+22"/>
        <source>Acknowledge alert</source>
        <translation>确认告警</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign alert</source>
        <translation>指派告警</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve alert</source>
        <translation>解决告警</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Assign to:</source>
        <translation>指派给：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was done (required)</source>
        <translation>所做的处理（必填）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
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
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTableModel</name>
    <message>
        <location line="-111"/>
        <source>Cleared</source>
        <extracomment>an alert resolved by itself: its condition is gone (station back online, fault cleared)</extracomment>
        <translation>已消除</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened</source>
        <translation>打开时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Times</source>
        <extracomment>column: how many times the alert&apos;s condition was seen</extracomment>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned to</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTray</name>
    <message>
        <location filename="../ui/alerts/alerttray.cpp" line="+70"/>
        <source>New alert</source>
        <translation>新告警</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n 条新告警</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsPage</name>
    <message>
        <location filename="../ui/alerts/alertspage.cpp" line="+275"/>
        <source>Select an alert to see its history.</source>
        <translation>选择一条告警以查看其历史。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session id %1</source>
        <translation>会话 ID %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent</source>
        <translation>%1 已发送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 failed: %2</source>
        <translation>%1 发送失败：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 waiting (attempt %2)</source>
        <translation>%1 等待中（第 %2 次尝试）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Alert %1: %2</source>
        <translation>告警 %1：%2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open and acknowledged</source>
        <translation>未处理和已确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No alerts here.</source>
        <translation>此处没有告警。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 alerts shown, more when you scroll down</source>
        <translation>已显示 %1 条告警，向下滚动可加载更多</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n 条告警</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acknowledge</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assi&amp;gn…</source>
        <translation>指派(&amp;G)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolve…</source>
        <translation>解决(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsSection</name>
    <message>
        <location filename="../ui/settings/alertssection.cpp" line="+174"/>
        <source>Saved. The station server uses them from its next start.</source>
        <translation>已保存。充电桩服务器将在下次启动时使用这些设置。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station offline after:</source>
        <translation>充电桩离线判定时长：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heartbeat overdue after:</source>
        <translation>心跳超时判定：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> × interval</source>
        <extracomment>a multiplier: the heartbeat is overdue after N times its interval</extracomment>
        <translation> × 间隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter jump above:</source>
        <translation>电表跳变阈值：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Wh</source>
        <translation> Wh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send alerts by e-mail</source>
        <translation>通过电子邮件发送告警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SMTP server:</source>
        <translation>SMTP 服务器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption:</source>
        <translation>加密：</translation>
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
        <translation>不加密（仅限本机）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: no login</source>
        <translation>留空：不登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>发件人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>addresses, separated by commas</source>
        <translation>多个地址用逗号分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post alerts to a webhook</source>
        <translation>将告警推送到 Webhook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webhook address:</source>
        <translation>Webhook 地址：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station server checks the rules every few seconds; each alert is sent once per channel and tried again later when sending fails. The SMTP password is not kept here: the station server reads it from the environment variable %1. Changes apply when the station server starts again.</source>
        <translation>充电桩服务器每隔几秒检查一次规则；每条告警在每个渠道只发送一次，发送失败时稍后重试。SMTP 密码不保存在这里：充电桩服务器从环境变量 %1 读取。更改在充电桩服务器下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillDetail</name>
    <message>
        <location filename="../ui/anomalies/anomalybilldetail.cpp" line="+123"/>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill, line by line</source>
        <translation>账单明细</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a bill to see its anomalies and lines.</source>
        <translation>选择一张账单以查看其异常和明细。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1, version %2 · session %3</source>
        <extracomment>%1 the bill&apos;s id, %2 its version (2 and more: corrected), %3 the session number</extracomment>
        <translation>账单 %1，第 %2 版 · 会话 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 (no bill)</source>
        <translation>会话 %1（无账单）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>firmware %1</source>
        <extracomment>%1 the station&apos;s firmware version</extracomment>
        <translation>固件 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station: %1</source>
        <translation>充电桩：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session: %1 – %2</source>
        <translation>会话：%1 – %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session: from %1, not ended</source>
        <translation>会话：自 %1 起，尚未结束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy: %1</source>
        <translation>电量：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>(the station&apos;s bill: %1)</source>
        <translation>（充电桩账单：%1）</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>energy %1</source>
        <translation>电费 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service %1</source>
        <translation>服务费 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle %1</source>
        <translation>占位费 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>coupon −%1</source>
        <translation>优惠券 −%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fees: %1</source>
        <translation>费用：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settlement: %1</source>
        <translation>结算：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>    resolved %1 by bill %2</source>
        <translation>    已于 %1 由账单 %2 解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>    resolved %1</source>
        <translation>    已于 %1 解决</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>    found %1, open</source>
        <translation>    发现于 %1，未处理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bill keeps no lines (it was not computed by ChargeDesk).</source>
        <translation>该账单没有明细（不是由 ChargeDesk 计算的）。</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillTableModel</name>
    <message>
        <location filename="../ui/anomalies/anomalybilltablemodel.cpp" line="+280"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Codes</source>
        <extracomment>column: the anomaly codes of a bill, such as 3,8</extracomment>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement</source>
        <extracomment>column: whether the bill&apos;s money has moved (settled, provisional, held)</extracomment>
        <translation>结算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model and firmware</source>
        <extracomment>column: the station&apos;s vendor, model and firmware version</extracomment>
        <translation>型号与固件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found</source>
        <extracomment>column: when the anomaly was found</extracomment>
        <translation>发现时间</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillsPage</name>
    <message>
        <location filename="../ui/anomalies/anomalybillspage.cpp" line="+448"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No anomaly bills match the filter.</source>
        <translation>没有符合筛选条件的异常账单。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln bill(s) match</source>
        <translation>
            <numerusform>%Ln 张账单符合筛选条件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all selected</source>
        <translation>已全选</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln selected</source>
        <translation>
            <numerusform>已选 %Ln 张</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;all matching</source>
        <extracomment>selects every bill the filter matches, also those not loaded yet</extracomment>
        <translation>全选符合条件的(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear selection</source>
        <translation>清除选择(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Correct…</source>
        <translation>矫正(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the selected bills (or the highlighted one) with a preview of every effect</source>
        <translation>矫正所选账单（或当前高亮的账单），并预览每项影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick bills to select them; Space ticks every highlighted row</source>
        <translation>勾选账单即可选中；按空格键勾选所有高亮的行</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyFilterBar</name>
    <message>
        <location filename="../ui/anomalies/anomalyfilterbar.cpp" line="+272"/>
        <location line="+24"/>
        <source>All codes</source>
        <translation>全部代码</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Codes: %1</source>
        <extracomment>the anomaly code filter&apos;s button: %1 the chosen codes, such as &quot;3, 8&quot;</extracomment>
        <translation>代码：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show bills with any of the chosen anomaly codes</source>
        <translation>显示带有任一所选异常代码的账单</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All stations</source>
        <translation>全部充电桩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any firmware</source>
        <translation>任意固件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware version of the station</source>
        <translation>充电桩的固件版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the session started</source>
        <translation>会话开始时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dates…</source>
        <translation>日期…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sessions started on or after this day</source>
        <translation>在此日期当天或之后开始的会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started on or before this day</source>
        <translation>在此日期当天或之前开始的会话</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Corrected</source>
        <extracomment>anomaly bills whose anomalies were all resolved by a correction</extracomment>
        <translation>已矫正</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open and corrected</source>
        <translation>未处理和已矫正</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open: an anomaly waits for a correction</source>
        <translation>未处理：异常等待矫正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session number</source>
        <translation>会话编号</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyStatisticsModel</name>
    <message>
        <location filename="../ui/anomalies/anomalystatisticsmodel.cpp" line="+39"/>
        <source>%1 %</source>
        <extracomment>a share in percent, %1 a number such as 25.0</extracomment>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly</source>
        <translation>异常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model and firmware</source>
        <translation>型号与固件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>异常账单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sessions</source>
        <extracomment>column: all sessions of the station in the period</extracomment>
        <translation>会话数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share</source>
        <extracomment>column: anomaly bills as a share of all sessions</extracomment>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyStatisticsView</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/anomalystatisticsview.cpp" line="+100"/>
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 行保存到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Export anomaly statistics</source>
        <translation>导出异常统计</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No anomaly bills match the filter.</source>
        <translation>没有符合筛选条件的异常账单。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 anomaly bills in %2 rows</source>
        <extracomment>%1 anomaly bills (a bill with two codes counts once), %2 rows of code × station × period</extracomment>
        <translation>%1 张异常账单，共 %2 行</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Group by:</source>
        <translation>分组方式(&amp;G)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share: anomaly bills with the code among all sessions of the station started in the period</source>
        <translation>占比：带该代码的账单在该充电桩本周期内开始的全部会话中所占的比例</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApplyRefundDialog</name>
    <message>
        <location filename="../ui/refunds/applyrefunddialog.cpp" line="+23"/>
        <source>New refund application</source>
        <translation>新建退款申请</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name, phone, e-mail or card</source>
        <translation>姓名、电话、电子邮箱或卡号</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The member&apos;s reason, e.g. moving to another city</source>
        <translation>会员的原因，例如搬到其他城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the unused coupons earned by the refunded top-ups</source>
        <translation>撤销退款充值所获得的未使用优惠券</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Find member:</source>
        <translation>查找会员：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member:</source>
        <translation>会员：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount (%1):</source>
        <translation>金额（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (refundable %2)</source>
        <extracomment>a member in the refund application&apos;s picker: name and what may be refunded</extracomment>
        <translation>%1（可退 %2）</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 is taken off %2&apos;s balance and kept as a pending refund until the audit decides:</source>
        <extracomment>the first line of the confirmation: what the application does to the member&apos;s money</extracomment>
        <translation>%1 将从 %2 的余额中扣除，作为待退款保留，直至审核决定：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance: %1</source>
        <translation>余额：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable: %1</source>
        <translation>可退金额：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund: %1</source>
        <translation>待退款：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When refunded, the unused coupons earned by the refunded top-ups are revoked.</source>
        <translation>退款后，退款充值所获得的未使用优惠券将被撤销。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons earned by the refunded top-ups are kept.</source>
        <translation>退款充值所获得的优惠券保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejecting the application gives all of it back to the member.</source>
        <translation>驳回申请将把全部金额退还给会员。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Balance %1 · refundable %2 · pending refund %3</source>
        <translation>余额 %1 · 可退 %2 · 待退款 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No member found.</source>
        <translation>未找到会员。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most %1</source>
        <translation>最多 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 can be refunded to %2.</source>
        <translation>最多可向 %2 退款 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has nothing refundable.</source>
        <translation>%1 没有可退金额。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply for %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>申请退款 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>核对…</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApproveRefundDialog</name>
    <message>
        <location filename="../ui/refunds/approverefunddialog.cpp" line="+22"/>
        <source>Approve refund</source>
        <translation>批准退款</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>原因：将记入退款历史</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Commission (%1):</source>
        <translation>手续费（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Approve and refund %1</source>
        <extracomment>the button that approves and sends the money back, after the operator has seen where it goes</extracomment>
        <translation>批准并退款 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The commission must be less than the amount applied for (%1).</source>
        <translation>手续费必须小于申请金额（%1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>核对…</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditChangesModel</name>
    <message>
        <location filename="../ui/audit/auditchangesmodel.cpp" line="+131"/>
        <source>(whole record)</source>
        <translation>（整条记录）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before</source>
        <extracomment>the value before the audited change</extracomment>
        <translation>之前</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After</source>
        <extracomment>the value after the audited change</extracomment>
        <translation>之后</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditPage</name>
    <message>
        <location filename="../ui/audit/auditpage.cpp" line="+227"/>
        <source>Select an entry to see what it changed.</source>
        <translation>选择一条记录以查看它更改了什么。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 by %2 at %3</source>
        <extracomment>Audit entry heading: %1 the action (&quot;refund.approve&quot;), %2 the operator, %3 the local time</extracomment>
        <translation>%1 — %2，%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No reason was given.</source>
        <translation>未填写原因。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n newest entries shown; scroll down for older ones.</source>
        <translation>
            <numerusform>显示最新的 %n 条记录；向下滚动查看更早的记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries.</source>
        <translation>
            <numerusform>%n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Subject:</source>
        <translation>对象(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number or name</source>
        <translation>编号或名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login, as recorded</source>
        <translation>登录名（按记录）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period:</source>
        <translation>时间段(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
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
        <translation>编号 %1</translation>
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
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditText</name>
    <message>
        <location filename="../ui/audit/audittext.cpp" line="+13"/>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule</source>
        <translation>优惠券规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>网关回单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (id tag)</source>
        <translation>卡（id tag）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session</source>
        <translation>登录会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment hold</source>
        <translation>预授权冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging session</source>
        <translation>充电会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site meter reading</source>
        <translation>站点电表读数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator</source>
        <translation>子运营商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff</source>
        <translation>费率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Alert acknowledged</source>
        <translation>告警已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert assigned</source>
        <translation>告警已分派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert resolved</source>
        <translation>告警已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill corrected</source>
        <translation>账单已更正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill credited</source>
        <translation>账单已退回款项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill debited</source>
        <translation>账单已扣款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command sent to a station</source>
        <translation>已向充电桩发送指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon earned</source>
        <translation>已获得优惠券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon revoked</source>
        <translation>优惠券已撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched on</source>
        <translation>优惠券规则已启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule created</source>
        <translation>优惠券规则已创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched off</source>
        <translation>优惠券规则已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department billing changed</source>
        <translation>部门结算已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department created</source>
        <translation>部门已创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department topped up</source>
        <translation>部门已充值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts imported</source>
        <translation>网关回单已导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card added</source>
        <translation>卡已添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login ended by an administrator</source>
        <translation>登录已被管理员结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member created</source>
        <translation>会员已创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold changed</source>
        <translation>自动停止阈值已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member topped up</source>
        <translation>会员已充值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member changed</source>
        <translation>会员已修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading replaced</source>
        <translation>电表读数已替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading entered</source>
        <translation>电表读数已录入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator added</source>
        <translation>操作员已添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator disabled</source>
        <translation>操作员已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator enabled</source>
        <translation>操作员已启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login locked after wrong passwords</source>
        <translation>密码错误后登录被锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged out</source>
        <translation>已注销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password changed</source>
        <translation>密码已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins at once changed</source>
        <translation>同时登录数已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role of an operator changed</source>
        <translation>操作员角色已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login unlocked</source>
        <translation>登录已解锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund applied for</source>
        <translation>已申请退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund approved</source>
        <translation>退款已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund recorded</source>
        <translation>退款已记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund rejected</source>
        <translation>退款已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role created</source>
        <translation>角色已创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role deleted</source>
        <translation>角色已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions granted</source>
        <translation>已授予权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions revoked</source>
        <translation>已撤销权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold cancelled</source>
        <translation>预授权已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held money captured</source>
        <translation>已扣取冻结款项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finalized</source>
        <translation>会话已结算完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finished</source>
        <translation>会话已结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment settled</source>
        <translation>付款已结清</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session priced</source>
        <translation>会话已计价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station reset for a session</source>
        <translation>已为会话重启充电桩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy set</source>
        <translation>电量已设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start</source>
        <translation>远程启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session status changed</source>
        <translation>会话状态已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote stop</source>
        <translation>远程停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site added</source>
        <translation>站点已添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site&apos;s sub-operator changed</source>
        <translation>站点的子运营商已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station added</source>
        <translation>充电桩已添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station placed on the map</source>
        <translation>充电桩已标注在地图上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station&apos;s site changed</source>
        <translation>充电桩的站点已更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator added</source>
        <translation>子运营商已添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff created</source>
        <translation>费率已创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff retired</source>
        <translation>费率已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tariff version</source>
        <translation>新的费率版本</translation>
    </message>
</context>
<context>
    <name>cd::ui::CardDialog</name>
    <message>
        <location filename="../ui/accounts/carddialog.cpp" line="+20"/>
        <location line="+23"/>
        <source>Add card</source>
        <translation>添加卡</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Add department card</source>
        <translation>添加部门卡</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card (id tag):</source>
        <translation>卡（id tag）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vehicles at once:</source>
        <extracomment>how many vehicles one department card may charge at the same time</extracomment>
        <translation>同时充电车辆数：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>An id tag is 1 to 36 printable characters without spaces.</source>
        <translation>id tag 为 1 到 36 个不含空格的可打印字符。</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangeDialog</name>
    <message>
        <location filename="../ui/operators/changedialog.cpp" line="+22"/>
        <location line="+2"/>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>The role of %1 decides what they may see and do, from their next action on.</source>
        <translation>%1 的角色决定其可查看和执行的内容，从其下一次操作起生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>R&amp;ole:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins at once</source>
        <translation>同时登录数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many consoles %1 may be logged in on at the same time.</source>
        <translation>%1 可同时登录的控制台数量。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins &amp;at once:</source>
        <translation>同时登录数(&amp;A)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>A new password for %1. Their open logins stay open; tell them the new password.</source>
        <translation>为 %1 设置新密码。其已打开的登录保持不变；请告知其新密码。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Disable operator</source>
        <translation>停用操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1? Their open logins end now, and they cannot log in until an administrator enables the account again.</source>
        <translation>停用 %1？其已打开的登录将立即结束，在管理员重新启用该账户之前无法登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enable operator</source>
        <translation>启用操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable %1? They can log in again with their password.</source>
        <translation>启用 %1？其可再次使用自己的密码登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock login</source>
        <translation>解锁登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock %1? Too many wrong passwords locked this login; unlocked, it can log in again now.</source>
        <translation>解锁 %1？此登录因密码错误次数过多而被锁定；解锁后即可再次登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End login session</source>
        <translation>结束登录会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the login of %1? The console they use asks them to log in again.</source>
        <translation>结束 %1 的登录？其使用的控制台会要求重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End session</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New role</source>
        <translation>新建角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A custom role. Tick its permissions after it is made, then Apply.</source>
        <translation>自定义角色。创建后勾选其权限，然后点击“应用”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create role</source>
        <translation>创建角色</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start with the permissions of %1</source>
        <translation>以 %1 的权限为起点</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Delete role</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Delete the role %1? Only a role no operator has can be deleted.</source>
        <translation>删除角色 %1？只能删除没有操作员使用的角色。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change permissions</source>
        <translation>更改权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the permissions of %1?</source>
        <translation>更改 %1 的权限？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../ui/access/changepassworddialog.cpp" line="+89"/>
        <source>Type your current password.</source>
        <translation>请输入您当前的密码。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change the password of %1</source>
        <extracomment>%1 is the operator&apos;s login</extracomment>
        <translation>更改 %1 的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change password</source>
        <translation>更改密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChartQuantities</name>
    <message>
        <location filename="../ui/charts/chartquantity.cpp" line="+29"/>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current</source>
        <translation>电流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage</source>
        <translation>电压</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Battery</source>
        <extracomment>the vehicle battery&apos;s state of charge (SoC), in percent</extracomment>
        <translation>电池</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kW</source>
        <translation>千瓦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kWh</source>
        <translation>千瓦时</translation>
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
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active power the station delivers</source>
        <translation>充电桩输出的有功功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy charged since the start of the session (meter register minus meter start)</source>
        <translation>本次会话开始以来的充电电量（电表读数减去开始时的读数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current per phase, or in total when the station reports no phases</source>
        <translation>各相电流；充电桩未分相上报时为总电流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage per phase</source>
        <translation>各相电压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State of charge of the vehicle&apos;s battery, as the vehicle reports it</source>
        <translation>车辆上报的电池荷电状态（SOC）</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandDialog</name>
    <message>
        <location filename="../ui/stations/commanddialog.cpp" line="+60"/>
        <source>Command to %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>发送给 %1 的命令</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Form</source>
        <extracomment>the tab with one field per part of the command</extracomment>
        <translation>表单</translation>
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
        <translation>原因：随命令一起记入审计日志</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+14"/>
        <source>The payload must be a JSON object, e.g. {&quot;type&quot;: &quot;Soft&quot;}.</source>
        <translation>负载必须是 JSON 对象，例如 {&quot;type&quot;: &quot;Soft&quot;}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The station would refuse this payload: %1</source>
        <translation>充电桩会拒绝这些数据：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Give a reason: it is kept in the audit log with the command.</source>
        <translation>请填写原因：它会随命令一起记入审计日志。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Queuing the command…</source>
        <translation>正在将命令加入队列…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent to the station; waiting for its answer…</source>
        <translation>已发送给充电站，正在等待答复…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station answered:</source>
        <translation>充电站答复：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent: the station is offline.</source>
        <translation>未发送：充电站离线。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command could not be queued:</source>
        <translation>无法将命令加入队列：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed:</source>
        <translation>命令执行失败：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Accepted. Waiting for the station&apos;s first progress report…</source>
        <translation>已接受。正在等待充电桩的首个进度报告…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Failed: the station reported %1 at %2.</source>
        <translation>失败：充电桩于 %2 报告 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done: the station reported %1 at %2.</source>
        <translation>完成：充电桩于 %2 报告 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress: the station reported %1 at %2.</source>
        <translation>进行中：充电桩于 %2 报告 %1。</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandFieldText</name>
    <message>
        <location filename="../ui/stations/commandform.cpp" line="+26"/>
        <source>Additional info</source>
        <translation>附加信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Charging profile</source>
        <translation>充电配置文件</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Profile criteria</source>
        <translation>配置文件条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile id</source>
        <translation>配置文件 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile kind</source>
        <translation>配置文件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile purpose</source>
        <translation>配置文件用途</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate unit</source>
        <translation>速率单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule periods</source>
        <translation>计划时段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector</source>
        <translation>充电枪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector type</source>
        <translation>充电枪类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration, s</source>
        <translation>时长（秒）</translation>
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
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to read</source>
        <translation>要读取的变量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group token</source>
        <translation>组令牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (idTag)</source>
        <translation>卡（idTag）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install at</source>
        <translation>安装时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest entry</source>
        <translation>最新条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>List version</source>
        <translation>列表版本</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Local authorisation list</source>
        <translation>本地授权列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address (URL)</source>
        <translation>地址（URL）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log type</source>
        <translation>日志类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message id</source>
        <translation>消息 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum rate</source>
        <translation>最小速率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest entry</source>
        <translation>最早条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent card</source>
        <translation>上级卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recurrence</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload address (URL)</source>
        <translation>上传地址（URL）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start id</source>
        <translation>远程启动 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request id</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message to send</source>
        <translation>要发送的消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reservation</source>
        <translation>预约</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Download at</source>
        <translation>下载时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry interval, s</source>
        <translation>重试间隔（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to set</source>
        <translation>要设置的变量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stack level</source>
        <translation>堆叠级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule start</source>
        <translation>计划开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction</source>
        <translation>交易</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>更新方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid to</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor id</source>
        <translation>厂商 ID</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandForm</name>
    <message>
        <location line="+58"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>%1: required.</source>
        <translation>%1：必填。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a whole number is needed.</source>
        <translation>%1：需要整数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: a number such as 16 or 7.5 is needed.</source>
        <translation>%1：需要数字，例如 16 或 7.5。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a UTC time such as 2030-01-01T00:00:00Z is needed.</source>
        <translation>%1：需要 UTC 时间，例如 2030-01-01T00:00:00Z。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: this is not valid JSON.</source>
        <translation>%1：不是有效的 JSON。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This command has no fields.</source>
        <translation>此命令没有字段。</translation>
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
        <translation>%1 的配置</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by key or value</source>
        <translation>按键或值搜索</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Why: kept in the audit log with the command</source>
        <translation>原因：与命令一起记录在审计日志中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key:</source>
        <translation>键：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New value:</source>
        <translation>新值：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asks the station for its configuration (GetConfiguration).</source>
        <translation>向充电桩请求其配置（GetConfiguration）。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Asking the station…</source>
        <translation>正在询问充电桩…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Configuration read in the console</source>
        <translation>在控制台中读取配置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station is offline: its configuration cannot be read now.</source>
        <translation>充电桩离线：目前无法读取其配置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station did not give its configuration: %1</source>
        <translation>充电桩未提供其配置：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n key(s), read at %1</source>
        <extracomment>%n keys; %1 the time they were read</extracomment>
        <translation>
            <numerusform>%n 个键，读取于 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a key in the list.</source>
        <translation>请在列表中选择一个键。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (read-only: the station does not let it change)</source>
        <translation>%1（只读：充电桩不允许更改）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending %1 = %2…</source>
        <translation>正在发送 %1 = %2…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not sent: the station is offline.</source>
        <translation>未发送：充电桩离线。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed: %1</source>
        <translation>命令失败：%1</translation>
    </message>
</context>
<context>
    <name>cd::ui::ConfigurationModel</name>
    <message>
        <location filename="../ui/stations/configurationmodel.cpp" line="+55"/>
        <source>(not given)</source>
        <translation>（未提供）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Can be changed</source>
        <translation>可更改</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation>访问</translation>
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
        <translation>接收时间（UTC）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station time (UTC)</source>
        <translation>充电站时间（UTC）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector</source>
        <translation>充电枪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionEnergyPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+33"/>
        <source>Enter the energy</source>
        <translation>输入电量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example from the station&apos;s display or a photo of it. It is spread evenly over the charging time.</source>
        <translation>例如来自充电桩显示屏或其照片。电量将平均分布在充电时段内。</translation>
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
        <translation>电量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 kWh = 1,000 Wh.</source>
        <translation>1 kWh = 1,000 Wh。</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionMethodPage</name>
    <message>
        <location filename="../ui/anomalies/correctionmethodpage.cpp" line="+19"/>
        <source>How should the bill be corrected?</source>
        <translation>如何矫正账单？</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n bill(s) with one method, applied one by one: %1</source>
        <translation>
            <numerusform>%n 张账单使用同一方法，逐张应用：%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1. Nothing is written before the preview and your confirmation.</source>
        <translation>账单 %1。在预览并经您确认之前不会写入任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revert works on one bill at a time.</source>
        <translation>恢复一次只能处理一张账单。</translation>
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
        <translation>矫正将产生的效果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is written yet. Check the lines and what happens to money, give the reason, then Apply.</source>
        <translation>尚未写入任何内容。请核对各项明细和资金变动，填写原因，然后点击“应用”。</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+92"/>
        <source>Money</source>
        <translation>资金</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>In numbers</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card hold</source>
        <translation>银行卡预授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason (kept with the bill and in the audit log, required):</source>
        <translation>原因（与账单一起保存并记入审计日志，必填）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer unplugged at 08:14, the station kept the session open</source>
        <translation>例如：客户于 08:14 拔枪，充电桩未关闭会话</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Working out what will happen…</source>
        <translation>正在计算效果…</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%1 of %n bill(s) can be corrected; the others are skipped (the list says why).</source>
        <translation>
            <numerusform>%n 张账单中有 %1 张可以矫正；其余将跳过（原因见列表）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Working out bill %1 of %2…</source>
        <translation>正在计算第 %1 张（共 %2 张）…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+88"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Can apply</source>
        <translation>可应用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>charge %1</source>
        <translation>补扣 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refund %1</source>
        <translation>退款 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+68"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>No: %1</source>
        <translation>否：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Now (version %1)</source>
        <translation>当前（版本 %1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corrected (version %1)</source>
        <translation>矫正后（版本 %1）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, version %2</source>
        <translation>%1，版本 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tariff</source>
        <translation>资费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>电量</translation>
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
        <translation>电费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee</source>
        <translation>服务费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service end</source>
        <translation>服务结束时间</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min, %1</source>
        <extracomment>idle time in minutes and its fee</extracomment>
        <translation>
            <numerusform>%n 分钟，%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee</source>
        <translation>占桩费</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>−%1 (%2)</source>
        <translation>−%1（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paid so far: %1</source>
        <translation>已支付：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The corrected bill asks: %1</source>
        <translation>矫正后账单应付：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>补扣：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>退款：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No difference.</source>
        <translation>无差额。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No coupon changes.</source>
        <translation>优惠券无变化。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold %1: %2 → %3; held %4, captured %5, refunded %6.</source>
        <translation>预授权 %1：%2 → %3；冻结 %4，已扣 %5，已退 %6。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No card hold: paid from a balance or not at all.</source>
        <translation>无银行卡预授权：由余额支付或无需支付。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved: %1</source>
        <translation>已处理：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open again: %1</source>
        <translation>重新打开：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open anomaly.</source>
        <translation>没有未处理的异常。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply: %1</source>
        <translation>无法应用：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n bill(s) get a new version, one by one.</source>
        <translation>
            <numerusform>%n 张账单将逐张生成新版本。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Additional charges: %1; refunds: %2.</source>
        <translation>补扣：%1；退款：%2。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n bill(s) that cannot be corrected are skipped.</source>
        <translation>
            <numerusform>%n 张无法矫正的账单将被跳过。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionResultPage</name>
    <message>
        <location filename="../ui/anomalies/correctionresultpage.cpp" line="+18"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bill %1: the gateway did it (payment call %2).</source>
        <translation>账单 %1：网关已完成（支付请求 %2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1: the gateway refused payment call %2: %3</source>
        <translation>账单 %1：网关拒绝了支付请求 %2：%3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bill %1: skipped — %2</source>
        <translation>账单 %1：已跳过 — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n bill(s) corrected.</source>
        <translation>
            <numerusform>已矫正 %n 张账单。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 corrected, %2 failed.</source>
        <translation>已矫正 %1 张，失败 %2 张。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bill %1: not corrected — %2</source>
        <translation>账单 %1：未矫正 — %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1 → version %2 (bill %3). Audit record %4.</source>
        <translation>账单 %1 → 版本 %2（账单 %3）。审计记录 %4。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: the bill was corrected, but the card money call could not be made: %2</source>
        <translation>账单 %1：账单已矫正，但无法发起银行卡支付请求：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: payment call %2 sent to the gateway.</source>
        <translation>账单 %1：支付请求 %2 已发送至网关。</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionRevertPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+91"/>
        <source>Choose the version to go back to</source>
        <translation>选择要恢复到的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new version with that version&apos;s numbers is written; every version stays in the history.</source>
        <translation>将写入一个采用该版本数值的新版本；所有版本都保留在历史中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading the versions…</source>
        <translation>正在读取版本…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version %1 — %2, by %3, %4</source>
        <extracomment>an earlier version of a bill: version, total, who made it, when</extracomment>
        <translation>版本 %1 — %2，由 %3 创建，%4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This bill has no earlier version.</source>
        <translation>此账单没有较早的版本。</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionTariffPage</name>
    <message>
        <location line="-97"/>
        <source>Choose the tariff</source>
        <translation>选择资费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bill is normally computed with the tariff that was valid when the session ran. Choose another version only when that one was wrong.</source>
        <translation>账单通常按会话进行时有效的资费计算。仅当该资费有误时才选择其他版本。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff</source>
        <translation>资费</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The tariff valid when the session ran</source>
        <translation>会话进行时有效的资费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the tariffs…</source>
        <translation>正在读取资费…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — version %2, %3, from %4</source>
        <extracomment>a tariff version in a list: name, version, currency, from when</extracomment>
        <translation>%1 — 版本 %2，%3，自 %4 起</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n tariff version(s).</source>
        <translation>
            <numerusform>%n 个资费版本。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionWizard</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/correctionwizard.cpp" line="+24"/>
        <source>Correct %n bill(s)</source>
        <translation>
            <numerusform>矫正 %n 张账单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct bill %1</source>
        <translation>矫正账单 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply</source>
        <extracomment>the wizard&apos;s commit button: the correction is written when it is pressed</extracomment>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Apply the correction?</source>
        <translation>应用此矫正？</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponRuleDialog</name>
    <message>
        <location filename="../ui/accounts/couponruledialog.cpp" line="+31"/>
        <source>New coupon rule</source>
        <translation>新建优惠券规则</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On a top-up of at least…</source>
        <translation>充值至少达到…时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To every new member</source>
        <translation>发给每位新会员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once a member&apos;s spend in the period reaches…</source>
        <extracomment>a coupon rule&apos;s trigger: once per member, when the member&apos;s spend in the rule&apos;s period reaches an amount</extracomment>
        <translation>会员在期间内累计消费达到……时</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days from issue:</source>
        <translation>自发放起天数：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>From – to:</source>
        <translation>从 – 至：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued:</source>
        <translation>发放方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up from (%1):</source>
        <translation>充值起点（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend in the period from (%1):</source>
        <translation>期间累计消费满（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon worth (%1):</source>
        <translation>优惠券面值（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum spend (%1):</source>
        <translation>最低消费（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for department:</source>
        <translation>仅限部门：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only at station:</source>
        <translation>仅限充电站：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for sub-operator:</source>
        <translation>仅限子运营商：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create rule</source>
        <translation>创建规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Enter the amounts as numbers such as 10.00.</source>
        <translation>请以数字输入金额，例如 10.00。</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/couponstab.cpp" line="+193"/>
        <source>%n day(s) from issue</source>
        <translation>
            <numerusform>自发放起 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>department %1</source>
        <translation>部门 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>station %1</source>
        <translation>充电站 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sub-operator %1</source>
        <translation>子运营商 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Top-up %1</source>
        <translation>充值 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earned by bill %1</source>
        <extracomment>the source of a coupon earned by spend: the bill that made the spend reach the threshold</extracomment>
        <translation>由账单 %1 获得</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Issued coupons, newest first: %1 shown</source>
        <extracomment>%1 how many of the issued coupons are listed, newest first</extracomment>
        <translation>已发放的优惠券（最新在前）：显示 %1 张</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Switch &amp;on</source>
        <translation>启用(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switch &amp;off</source>
        <translation>停用(&amp;O)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Coupon rule &quot;%1&quot; created.</source>
        <translation>已创建优惠券规则“%1”。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Coupon rule &quot;%1&quot; is on.</source>
        <translation>优惠券规则“%1”已启用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule &quot;%1&quot; is off: it issues no more coupons.</source>
        <translation>优惠券规则“%1”已停用：不再发放优惠券。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoke coupon</source>
        <translation>撤销优惠券</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 (%2) of %3 can no longer be used.</source>
        <translation>%3 的优惠券 %1（%2）将无法再使用。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Coupon %1 revoked.</source>
        <translation>优惠券 %1 已撤销。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>显示更早的(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New rule…</source>
        <translation>新建规则(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke…</source>
        <translation>撤销(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Worth</source>
        <translation>面值</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Min spend</source>
        <translation>最低消费</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Limited to</source>
        <translation>限于</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <extracomment>the top-up (top-up rules) or the spend in the period (spend rules) that earns a coupon</extracomment>
        <translation>达到即发放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>有效至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>获得方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>cd::ui::DashboardPage</name>
    <message>
        <location filename="../ui/dashboard/dashboardpage.cpp" line="+169"/>
        <source>Stations</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for you</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>of %n station(s)</source>
        <translation>
            <numerusform>共 %n 个充电站</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations connected now</source>
        <translation>显示当前已连接的充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not connected now</source>
        <translation>当前未连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are not connected</source>
        <translation>显示未连接的充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a connector reports a fault</source>
        <translation>有充电枪报告故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations with a faulted connector</source>
        <translation>显示有故障充电枪的充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging now</source>
        <translation>正在充电</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stations delivering energy</source>
        <translation>正在输出电能的充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are charging a vehicle</source>
        <translation>显示正在为车辆充电的充电站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started since midnight</source>
        <translation>午夜以来开始</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Show today&apos;s sessions</source>
        <translation>显示今天的会话</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in today&apos;s sessions, running ones included</source>
        <translation>今天的会话，包括进行中的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>billed for today&apos;s sessions</source>
        <translation>今天会话的计费金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>异常账单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting for a correction</source>
        <translation>等待修正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the anomaly bills</source>
        <translation>打开异常账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open alerts</source>
        <translation>未解决告警</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet resolved</source>
        <translation>尚未解决</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the alerts</source>
        <translation>打开告警</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updated %1 · every few seconds</source>
        <extracomment>%1 the time of the last refresh</extracomment>
        <translation>更新于 %1 · 每隔几秒刷新</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentDialog</name>
    <message>
        <location filename="../ui/accounts/departmentdialog.cpp" line="+23"/>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (top level)</source>
        <translation>无（顶级）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>从上级部门的共享余额扣除充电费用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent:</source>
        <translation>上级：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at (%1):</source>
        <translation>自动停止阈值（%1）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create department</source>
        <translation>创建部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>自动停止阈值必须是金额，例如 1.00。</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentTreeModel</name>
    <message>
        <location filename="../ui/accounts/departmenttreemodel.cpp" line="+138"/>
        <source>Own pool</source>
        <extracomment>a department&apos;s sessions are paid from its own pooled balance</extracomment>
        <translation>自有余额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Billed to %1</source>
        <extracomment>a department&apos;s sessions are paid from the pool of a parent department, %1</extracomment>
        <translation>由 %1 支付</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pooled balance</source>
        <translation>共享余额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid from</source>
        <extracomment>column: whose pooled balance pays the department&apos;s sessions</extracomment>
        <translation>支付来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at</source>
        <translation>自动停止阈值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Department cards</source>
        <translation>部门卡</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentsTab</name>
    <message>
        <location filename="../ui/accounts/departmentstab.cpp" line="+219"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No departments yet: New department… creates one.</source>
        <translation>尚无部门：点击“新建部门…”创建。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a department to see its cards and top-ups.</source>
        <translation>选择一个部门以查看其卡和充值记录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+77"/>
        <location line="+45"/>
        <location line="+22"/>
        <source>Department %1</source>
        <translation>部门 %1</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Pooled balance %1 · stops charging at %2</source>
        <translation>共享余额 %1 · 余额降至 %2 时停止充电</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Part of %1.</source>
        <translation>隶属于 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from the pooled balance of %1.</source>
        <translation>其充电费用从 %1 的共享余额支付。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from its own pooled balance.</source>
        <translation>其充电费用从自身的共享余额支付。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Created department %1.</source>
        <translation>已创建部门 %1。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the department&apos;s pooled balance.</source>
        <translation>%1 现金将存入部门的共享余额。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pooled balance: %1 → %2</source>
        <translation>共享余额：%1 → %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Topped up %1 (receipt %2); the pooled balance is %3.</source>
        <translation>已充值 %1（收据 %2）；共享余额为 %3。</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Department card %1 added: up to %n vehicle(s) at once.</source>
        <translation>
            <numerusform>已添加部门卡 %1：最多同时 %n 辆车。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 now bills its sessions to the parent department.</source>
        <translation>%1 的充电费用现由上级部门支付。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 now pays its sessions from its own pool.</source>
        <translation>%1 的充电费用现从自身共享余额支付。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No departments yet.</source>
        <translation>尚无部门。</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n department(s)</source>
        <translation>
            <numerusform>%n 个部门</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New department…</source>
        <translation>新建部门(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>充值(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add department &amp;card…</source>
        <translation>添加部门卡(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Billing…</source>
        <translation>计费(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department cards</source>
        <translation>部门卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>充值记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card</source>
        <extracomment>column: how many vehicles the department card may charge at the same time</extracomment>
        <translation>卡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vehicles at once</source>
        <translation>同时车辆数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>经办人</translation>
    </message>
</context>
<context>
    <name>cd::ui::DeskRefundDialog</name>
    <message>
        <location filename="../ui/refunds/deskrefunddialog.cpp" line="+22"/>
        <source>Confirm desk refund</source>
        <translation>确认柜台退款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund %1: %2 in cash to %3 for top-up %4.</source>
        <translation>退款 %1：为充值 %4 向 %3 以现金退还 %2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paid: the member got %1 in cash</source>
        <translation>已付：会员已收到现金 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not paid: %1 goes back to the member&apos;s balance</source>
        <translation>未付：%1 退回会员余额</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>可选：将使用柜台编号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>原因：将记入退款历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receipt number:</source>
        <translation>收据号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
</context>
<context>
    <name>cd::ui::DeviceModelDialog</name>
    <message>
        <location filename="../ui/stations/devicemodeldialog.cpp" line="+33"/>
        <source>Device model of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>%1 的设备模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by component, variable or value</source>
        <translation>按组件、变量或值搜索</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a full report…</source>
        <translation>请求完整报告…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sends the station GetBaseReport (FullInventory); it answers with NotifyReport, and the device model here is updated.</source>
        <translation>向充电站发送 GetBaseReport (FullInventory)；充电站以 NotifyReport 回复，此处的设备模型随之更新。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No station with the id %1.</source>
        <translation>没有 ID 为 %1 的充电站。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station has not reported its device model yet. Ask it for a full report.</source>
        <translation>充电站尚未报告其设备模型。请向它请求完整报告。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n variable(s)</source>
        <translation>
            <numerusform>%n 个变量</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n variable(s)</source>
        <translation>
            <numerusform>%1 / %n 个变量</numerusform>
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
        <translation>连接器 %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The station reported no value</source>
        <translation>充电站未报告数值</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>values: %1</source>
        <translation>可选值：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mutability</source>
        <translation>可修改性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type and unit</source>
        <translation>类型和单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
</context>
<context>
    <name>cd::ui::FirstAdministratorDialog</name>
    <message>
        <location filename="../ui/access/firstadministratordialog.cpp" line="+145"/>
        <source>Choose a login for the administrator.</source>
        <translation>为管理员选择一个登录名。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Welcome to ChargeDesk</source>
        <translation>欢迎使用 ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This database has no operator accounts yet. The administrator you create now logs in to every console that opens it, adds the other operators and gives each a role: support, site manager, accountant or one of your own. Without accounts, whoever opens this console may do everything.</source>
        <translation>此数据库还没有操作员账户。您现在创建的管理员可登录打开此数据库的每个控制台，添加其他操作员并为每人分配角色：客服、站点经理、会计或自定义角色。没有账户时，任何打开此控制台的人都可以执行所有操作。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown in lists; the login if empty</source>
        <translation>在列表中显示；留空则使用登录名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not ask again on this computer when I continue without accounts</source>
        <translation>在此电脑上选择不使用账户继续后，不再询问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create and log in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue without accounts</source>
        <translation>不使用账户继续</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginDialog</name>
    <message>
        <location filename="../ui/access/logindialog.cpp" line="+125"/>
        <location line="+23"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+23"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Log in to ChargeDesk</source>
        <translation>登录 ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in with your operator account</source>
        <translation>使用您的操作员账户登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <extracomment>closes the console without logging in</extracomment>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginSessionModel</name>
    <message>
        <location filename="../ui/operators/loginsessionmodel.cpp" line="+59"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logged in</source>
        <translation>登录时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>最后活动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginSessionsTab</name>
    <message>
        <location filename="../ui/operators/loginsessionstab.cpp" line="+109"/>
        <source>%1 (logged in %2)</source>
        <translation>%1（登录于 %2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is your own login on this console.</source>
        <translation>这是您在此控制台上的登录。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;End session…</source>
        <translation>结束会话(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody is logged in.</source>
        <translation>当前无人登录。</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n login(s) open</source>
        <translation>
            <numerusform>%n 个登录已打开</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+242"/>
        <source>The administrator account exists now: log in with it.</source>
        <translation>管理员账户已创建：请用它登录。</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Your password was changed.</source>
        <translation>您的密码已更改。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your role is now %1. Log out and in again to see its screens.</source>
        <extracomment>%1 is the new role&apos;s name</extracomment>
        <translation>您的角色现为 %1。请注销并重新登录以查看其界面。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Change my password…</source>
        <translation>更改我的密码(&amp;C)…</translation>
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
        <translation>已登录为 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ChargeDesk</source>
        <translation>关于 ChargeDesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: %1 · %2</source>
        <extracomment>Status bar: %1 is the database engine (&quot;SQLCipher 3.4.1&quot;), %2 its file or server</extracomment>
        <translation>数据库：%1 · %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About ChargeDesk</source>
        <translation>关于 ChargeDesk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Operator console and OCPP server for EV-charging networks: stations, charging sessions, anomaly bills, refunds and reconciliation reports.</source>
        <translation>面向电动汽车充电网络的运营控制台与 OCPP 服务器：充电站、充电订单、异常账单、退款和对账报表。</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapPage</name>
    <message>
        <location filename="../ui/map/mappage.cpp" line="+259"/>
        <source>All vendors</source>
        <translation>全部厂商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No site</source>
        <translation>无站点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom so that every station shown fits on the map</source>
        <translation>缩放地图，使所有显示的充电站都在视野内</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n station(s) on the map · updated %1</source>
        <extracomment>%n stations drawn on the map; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>地图上 %n 个充电站 · 更新于 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source> · %n without a location</source>
        <extracomment>Appended to the map&apos;s summary: stations that have no coordinates</extracomment>
        <translation>
            <numerusform> · %n 个无位置</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A station without a location is not on the map. Give it one with: chargedesk-cli station set-location &lt;station&gt; --lat &lt;latitude&gt; --lon &lt;longitude&gt;</source>
        <translation>没有位置的充电站不会显示在地图上。设置位置：chargedesk-cli station set-location &lt;充电站&gt; --lat &lt;纬度&gt; --lon &lt;经度&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No stations yet. A station appears here when it connects and has a location (chargedesk-cli station set-location).</source>
        <translation>还没有充电站。充电站连接并设置了位置（chargedesk-cli station set-location）后会显示在这里。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No station shown has a location. Give one with chargedesk-cli station set-location, or choose other filters.</source>
        <translation>所显示的充电站都没有位置。请用 chargedesk-cli station set-location 设置，或选择其他筛选条件。</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSection</name>
    <message>
        <location filename="../ui/settings/mapsection.cpp" line="+102"/>
        <source>Saved. The map loads its tiles from %1.</source>
        <translation>已保存。地图从 %1 加载瓦片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved. The map shows the offline basemap.</source>
        <translation>已保存。地图显示离线底图。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load online map tiles</source>
        <translation>加载在线地图瓦片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tile address:</source>
        <translation>瓦片地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution:</source>
        <translation>署名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use OpenStreetMap</source>
        <translation>使用 OpenStreetMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without online tiles the map draws the countries and coastlines shipped with ChargeDesk and needs no network. Online tiles show streets; they are kept in a cache on this computer (%1) and the map credits their source as the licence asks. OpenStreetMap&apos;s tile servers are for light use: a network with many consoles should use its own or a commercial tile server.</source>
        <translation>不使用在线瓦片时，地图绘制 ChargeDesk 自带的国家和海岸线，无需网络。在线瓦片可显示街道；瓦片缓存在本机（%1），地图按许可要求注明其来源。OpenStreetMap 的瓦片服务器只适合少量使用：有许多控制台的网络应使用自己的或商业瓦片服务器。</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSettings</name>
    <message>
        <location filename="../ui/map/mapsettings.cpp" line="+42"/>
        <source>The tile address must be an http or https address, like %1.</source>
        <translation>瓦片地址必须是 http 或 https 地址，例如 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tile address must contain {z}, {x} and {y} (the zoom level and the tile&apos;s column and row).</source>
        <translation>瓦片地址必须包含 {z}、{x} 和 {y}（缩放级别以及瓦片的列和行）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the attribution the tile server&apos;s licence asks for (for OpenStreetMap: %1).</source>
        <translation>请填写瓦片服务器许可要求的署名（OpenStreetMap 为：%1）。</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapView</name>
    <message numerus="yes">
        <location filename="../ui/map/mapview.cpp" line="+261"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>……还有 %n 个</numerusform>
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
            <numerusform>此处 %n 个充电站</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2</source>
        <extracomment>A cluster&apos;s tooltip: the number of its stations in a state, then the state</extracomment>
        <translation>%2 %1 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to zoom in</source>
        <translation>点击放大</translation>
    </message>
    <message>
        <location line="+246"/>
        <source>Zoom in (+)</source>
        <translation>放大 (+)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (−)</source>
        <translation>缩小 (−)</translation>
    </message>
</context>
<context>
    <name>cd::ui::MemberDialog</name>
    <message>
        <location filename="../ui/accounts/memberdialog.cpp" line="+21"/>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail:</source>
        <translation>电子邮件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop at (%1):</source>
        <translation>自动停止阈值（%1）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create member</source>
        <translation>创建会员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Edit member %1</source>
        <translation>编辑会员 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>自动停止阈值必须是金额，例如 1.00。</translation>
    </message>
</context>
<context>
    <name>cd::ui::MemberTableModel</name>
    <message>
        <location filename="../ui/accounts/membertablemodel.cpp" line="+107"/>
        <source>No.</source>
        <extracomment>column: the member&apos;s number</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refundable</source>
        <extracomment>column: the part of the balance a refund may give back</extracomment>
        <translation>可退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund pending</source>
        <translation>退款待审</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto-stop at</source>
        <extracomment>column: charging stops when the balance falls to this amount</extracomment>
        <translation>自动停止阈值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cards</source>
        <translation>卡</translation>
    </message>
</context>
<context>
    <name>cd::ui::MembersTab</name>
    <message>
        <location filename="../ui/accounts/memberstab.cpp" line="+308"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a member to see the cards, top-ups and coupons.</source>
        <translation>选择一位会员以查看其卡、充值记录和优惠券。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+126"/>
        <location line="+57"/>
        <location line="+16"/>
        <source>Member %1: %2</source>
        <translation>会员 %1：%2</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>department %1</source>
        <translation>部门 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Balance %1 · refundable %2 · stops charging at %3</source>
        <translation>余额 %1 · 可退款 %2 · 余额降至 %3 时停止充电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A refund of %1 waits for the audit: it is not refundable again until then.</source>
        <translation>%1 的退款正在等待审核：在此之前不能再次退款。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+212"/>
        <source>Card</source>
        <translation>卡</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>Cash at the desk</source>
        <translation>前台现金</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Created member %1.</source>
        <translation>已创建会员 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <source>Coupon %1 (%2) issued.</source>
        <translation>已发放优惠券 %1（%2）。</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Member %1 saved.</source>
        <translation>会员 %1 已保存。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the member&apos;s balance.</source>
        <translation>%1 现金将存入会员余额。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance: %1 → %2</source>
        <translation>余额：%1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refundable: %1 → %2</source>
        <translation>可退款：%1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns the coupon &quot;%1&quot; worth %2.</source>
        <translation>将获得面值 %2 的优惠券“%1”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns no coupon.</source>
        <translation>不会获得优惠券。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Topped up %1 (receipt %2); the balance is %3.</source>
        <translation>已充值 %1（收据 %2）；余额为 %3。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Card %1 added.</source>
        <translation>已添加卡 %1。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Charging now stops at %1.</source>
        <translation>现在余额降至 %1 时停止充电。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by name, phone, e-mail, card or number</source>
        <translation>按姓名、电话、邮箱、卡或编号搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No members found.</source>
        <translation>未找到会员。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 members shown, more when you scroll down</source>
        <translation>已显示 %1 位会员，向下滚动可加载更多</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 位会员</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New member…</source>
        <translation>新建会员(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>充值(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;card…</source>
        <translation>添加卡(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-&amp;stop threshold…</source>
        <translation>自动停止阈值(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>充值记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>面值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min spend</source>
        <translation>最低消费</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>有效至</translation>
    </message>
</context>
<context>
    <name>cd::ui::NavigationModel</name>
    <message>
        <location filename="../ui/shell/navigationmodel.cpp" line="+29"/>
        <source>%1 (%2)</source>
        <extracomment>Tooltip of a navigation item: %1 is the screen&apos;s name, %2 its keyboard shortcut</extracomment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>cd::ui::OnlineTiles</name>
    <message>
        <location filename="../ui/map/onlinetiles.cpp" line="+77"/>
        <source>The tile server answered %1.</source>
        <translation>瓦片服务器返回 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tile server sent something that is not an image.</source>
        <translation>瓦片服务器发送的内容不是图像。</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperationsPage</name>
    <message>
        <location filename="../ui/operations/operationspage.cpp" line="+431"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n session(s) · updated %1</source>
        <extracomment>%n sessions in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n 个会话 · 更新于 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>No session matches the search.</source>
        <translation>没有符合搜索条件的会话。</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No sessions yet. A session appears here when a station starts charging.</source>
        <translation>暂无会话。充电桩开始充电后，会话将显示在这里。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No sessions since midnight.</source>
        <translation>午夜以来没有会话。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open sessions: nothing is charging now.</source>
        <translation>没有未结束的会话：当前没有充电。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No old open sessions: every station reported the end of its sessions.</source>
        <translation>没有长期未结束的会话：所有充电桩都已报告会话结束。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No suspicious sessions.</source>
        <translation>没有可疑会话。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Last 100</source>
        <translation>最近 100 条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started since midnight</source>
        <translation>午夜以来开始的会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>未结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OLD &amp;&amp; OPEN</source>
        <extracomment>sessions open for longer than the age chosen next to the tabs</extracomment>
        <translation>超时 &amp;&amp; 未结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspicious</source>
        <translation>可疑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions still open after the chosen age: the station probably never sent Stop</source>
        <translation>超过所选时长仍未结束的会话：充电桩可能从未发送停止消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sessions with anomalies: charging without an authorised card, missing station messages, closed by the system, or no energy in a long session</source>
        <translation>异常会话：未授权卡充电、充电桩消息缺失、被系统关闭，或长时间会话无电量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session number, station, user, phone or card</source>
        <translation>会话编号、充电桩、用户、电话或卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open longer than</source>
        <translation>未结束超过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> h</source>
        <extracomment>the unit after the number of hours, e.g. &quot;24 h&quot;</extracomment>
        <translation> 小时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session log</source>
        <translation>会话日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chart</source>
        <extracomment>the tab with the selected session&apos;s power, energy, current, voltage and SoC curves</extracomment>
        <translation>图表</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorDialog</name>
    <message>
        <location filename="../ui/operators/operatordialog.cpp" line="+34"/>
        <location line="+5"/>
        <source>Add operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The first operator account is an administrator. Once it exists, every change needs a login: the console then asks you to log in with it.</source>
        <translation>第一个操作员账户为管理员。一旦创建，每次更改都需要登录：控制台随即会要求您用该账户登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new operator account. Tell the operator their password; they can change it after logging in.</source>
        <translation>新的操作员账户。请告知操作员其密码；登录后可自行更改。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Letters, digits, . _ - @</source>
        <translation>字母、数字、. _ - @</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional: the login</source>
        <translation>可选：默认为登录名</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ole:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins &amp;at once:</source>
        <translation>同时登录数(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorTableModel</name>
    <message>
        <location filename="../ui/operators/operatortablemodel.cpp" line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Too many wrong passwords in a row. An administrator can unlock the login now; it unlocks by itself at %1.</source>
        <translation>连续输错密码次数过多。管理员可以立即解锁；否则将于 %1 自动解锁。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins at once</source>
        <translation>同时登录数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsPage</name>
    <message>
        <location filename="../ui/operators/operatorspage.cpp" line="+118"/>
        <source>Read only: changing operators, roles and logins needs the permission to %1.</source>
        <translation>只读：更改操作员、角色和登录需要“%1”权限。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins open now</source>
        <translation>当前登录</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsTab</name>
    <message>
        <location filename="../ui/operators/operatorstab.cpp" line="+235"/>
        <source>&amp;Enable…</source>
        <translation>启用(&amp;E)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable…</source>
        <translation>停用(&amp;D)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Add operator…</source>
        <translation>添加操作员(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;role…</source>
        <translation>更改角色(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logins at once…</source>
        <translation>同时登录数(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock…</source>
        <translation>解锁(&amp;U)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No operator accounts yet: the console works without logins.</source>
        <translation>尚无操作员账户：控制台无需登录即可使用。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n operator(s)</source>
        <translation>
            <numerusform>%n 名操作员</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PasswordFields</name>
    <message>
        <location filename="../ui/access/passwordfields.cpp" line="+73"/>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat password:</source>
        <translation>重复密码(&amp;R)：</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Too short: at least %n character(s).</source>
        <translation>
            <numerusform>太短：至少 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>At least %n character(s), typed twice.</source>
        <translation>
            <numerusform>至少 %n 个字符，输入两次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PaymentsSection</name>
    <message>
        <location filename="../ui/settings/paymentssection.cpp" line="+138"/>
        <source>Kept in the OS keychain; type to replace it</source>
        <translation>已保存在操作系统密钥链中；输入以替换</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sk_live_… or sk_test_…</source>
        <translation>sk_live_… 或 sk_test_…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Putting the key in the OS keychain…</source>
        <translation>正在将密钥保存到操作系统密钥链…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved. The key is in the OS keychain.</source>
        <translation>已保存。密钥已存入操作系统密钥链。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The manual gateway needs no connection: the operator takes the money at the desk.</source>
        <translation>手工网关无需连接：由操作员在柜台收款。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asking the gateway…</source>
        <translation>正在询问网关…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No key for this address in the OS keychain: type the secret key first.</source>
        <translation>操作系统密钥链中没有此地址的密钥：请先输入密钥。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Connected: %1 accepted the key.</source>
        <translation>已连接：%1 接受了密钥。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Payments</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment gateway:</source>
        <translation>支付网关：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual — cash or a terminal at the desk</source>
        <translation>手工 — 柜台现金或刷卡终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card gateway over HTTP (Stripe-compatible)</source>
        <translation>通过 HTTP 的银行卡网关（兼容 Stripe）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway address:</source>
        <translation>网关地址：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holds reserve money on the customer&apos;s card before charging; finishing a session captures part of the hold and releases the rest. The secret key is kept in the operating system&apos;s keychain, never in a file. A change applies to holds made after it; a hold is always finished with the gateway that made it.</source>
        <translation>预授权在充电前冻结客户卡上的资金；会话结束时扣取部分预授权金额，其余部分释放。密钥保存在操作系统的密钥链中，绝不写入文件。更改仅适用于之后创建的预授权；预授权始终通过创建它的网关完成。</translation>
    </message>
</context>
<context>
    <name>cd::ui::PlacementDialog</name>
    <message>
        <location filename="../ui/stations/placementdialog.cpp" line="+53"/>
        <source>Place station %1</source>
        <translation>放置充电站 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where %1 stands: its site decides whose meter and which partner&apos;s reports it counts in; its place on the map is where site managers find it. Both changes are kept in the audit log.</source>
        <translation>%1 的位置：站点决定它计入哪个电表以及哪个合作方的报表；地图上的位置是站点经理找到它的地方。两项更改都会记入审计日志。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No site</source>
        <translation>无站点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show on the map at</source>
        <translation>在地图上显示于</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Site:</source>
        <translation>站点(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Latitude:</source>
        <translation>纬度(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;ongitude:</source>
        <translation>经度(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundDetailPane</name>
    <message>
        <location filename="../ui/refunds/refunddetailpane.cpp" line="+111"/>
        <source>No application selected</source>
        <translation>未选择申请</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Application %1 of %2</source>
        <extracomment>%1 the application&apos;s number, %2 the member</extracomment>
        <translation>%2 的申请 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Applied for %1 on %2: &quot;%3&quot;.</source>
        <translation>于 %2 申请 %1：“%3”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 · refunded %2.</source>
        <translation>手续费 %1 · 已退 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unused coupons the refunded top-ups earned are revoked.</source>
        <translation>退款充值所获得的未使用优惠券将被撤销。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons the refunded top-ups earned are kept.</source>
        <translation>退款充值所获得的优惠券保留。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Desk (cash)</source>
        <translation>柜台（现金）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Top-up %1 (%2)</source>
        <translation>充值 %1（%2）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up %1</source>
        <translation>充值 %1</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>%1 now: balance %2 · refundable %3 · pending refund %4</source>
        <extracomment>zpd_case#14: where the member&apos;s money is now</extracomment>
        <translation>%1 当前：余额 %2 · 可退 %3 · 待退款 %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(taken off the balance and the refundable amount until the audit and the refund are done)</source>
        <extracomment>zpd_case#14: why the balance is lower than the member expects</extracomment>
        <translation>（在审核和退款完成之前，已从余额和可退金额中扣除）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>History (%1)</source>
        <extracomment>a tab of the refund&apos;s detail; %1 how many entries</extracomment>
        <translation>历史（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway and desk refunds (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: its refunds through the payment gateway or in cash; %1 how many</extracomment>
        <translation>网关和柜台退款（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: coupons the refunded top-ups earned; %1 how many</extracomment>
        <translation>优惠券（%1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our refund no.</source>
        <translation>商户退款单号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway&apos;s no.</source>
        <translation>网关退款号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up amount</source>
        <translation>充值金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>面额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>获得来源</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundEngine</name>
    <message>
        <location filename="../ui/refunds/refundengine.cpp" line="+21"/>
        <source>The payment gateway&apos;s key is still being read from the keychain; try again in a moment.</source>
        <translation>正在从钥匙串读取支付网关的密钥，请稍后再试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refunds cannot start: the payment gateway&apos;s key could not be read from the keychain (%1).</source>
        <translation>无法开始退款：无法从钥匙串读取支付网关的密钥（%1）。</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundsPage</name>
    <message>
        <location filename="../ui/refunds/refundspage.cpp" line="+131"/>
        <source>Refund of application %1: %2</source>
        <translation>申请 %1 的退款：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway confirmed a refund of application %1.</source>
        <translation>网关已确认申请 %1 的退款。</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>Applications, newest first: %1 shown</source>
        <extracomment>%1 how many applications are listed</extracomment>
        <translation>申请（最新在前）：显示 %1 条</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Application %1: %2 of %3 is pending the audit.</source>
        <extracomment>%1 the application&apos;s number, %2 the amount, %3 the member</extracomment>
        <translation>申请 %1：%3 的 %2 正在等待审核。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 is paid back in cash at the desk for top-up %2%3; confirm it when paid.</source>
        <translation>充值 %2%3 的 %1 在柜台以现金退还；付款后请确认。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 goes back to the card of top-up %2%3 through %4.</source>
        <extracomment>%1 amount, %2 the top-up&apos;s number, %3 its receipt in brackets, %4 the gateway</extracomment>
        <translation>%1 经 %4 退回充值 %2%3 的银行卡。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 cannot be refunded through any top-up and goes back to %2&apos;s refundable balance.</source>
        <translation>%1 无法通过任何充值退款，将退回 %2 的可退余额。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 is kept.</source>
        <translation>保留手续费 %1。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Application %1 of %2 for %3: &quot;%4&quot;</source>
        <translation>%2 的申请 %1，金额 %3：“%4”</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Application %1 approved: %2 is being refunded.</source>
        <translation>申请 %1 已批准：正在退款 %2。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reject refund</source>
        <translation>驳回退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application %1 of %2 is rejected: %3 goes back to the member&apos;s balance and refundable amount, and leaves the pending refund.</source>
        <translation>驳回 %2 的申请 %1：%3 退回会员的余额和可退金额，并从待退款中移除。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Application %1 rejected: %2 is back with %3.</source>
        <translation>申请 %1 已驳回：%2 已退回 %3。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Desk refund of %1 confirmed (application %2).</source>
        <translation>柜台退款 %1 已确认（申请 %2）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desk refund not paid: %1 is back with %2.</source>
        <translation>柜台退款未付：%1 已退回 %2。</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n refund(s) sent to the gateway again.</source>
        <translation>
            <numerusform>已重新向网关发送 %n 笔退款。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing sent: the gateway&apos;s answer is still awaited.</source>
        <translation>未发送：仍在等待网关的回复。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Member:</source>
        <translation>会员(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, phone, e-mail or card</source>
        <translation>姓名、电话、电子邮箱或卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New application…</source>
        <translation>新建申请(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reject…</source>
        <translation>驳回(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm &amp;desk refund…</source>
        <translation>确认柜台退款(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;try</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>显示更早的(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commission</source>
        <translation>手续费</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refunded</source>
        <translation>完成退款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied</source>
        <translation>用户申请</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decided by</source>
        <translation>决定人</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportCellText</name>
    <message>
        <location filename="../ui/reports/reportcelltext.cpp" line="+15"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy, %1 the number with three decimals</extracomment>
        <translation>%1 千瓦时</translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%n row(s)</source>
        <extracomment>%n rows of a report</extracomment>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExporter</name>
    <message>
        <location filename="../ui/reports/reportexporter.cpp" line="+56"/>
        <source>Exporting %1</source>
        <extracomment>%1 the report&apos;s title</extracomment>
        <translation>正在导出 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the report…</source>
        <translation>正在打开报表…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of %2 rows written (%3 %)</source>
        <extracomment>%1 rows written so far, %2 rows in the report, %3 the percentage</extracomment>
        <translation>已写入 %1 / %2 行（%3%）</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExportsTab</name>
    <message>
        <location filename="../ui/reports/reportexportstab.cpp" line="+197"/>
        <source>Exports, newest first: %1 shown</source>
        <extracomment>%1 how many exports are listed</extracomment>
        <translation>导出记录（最新在前）：已显示 %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Running the report of export %1 again…</source>
        <extracomment>%1 the export&apos;s number</extracomment>
        <translation>正在重新运行导出 %1 的报表…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Select an export and press &quot;What changed since…&quot;.</source>
        <translation>选择一个导出记录，然后按“此后有何变化…”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing changed since export %1 (%2, %3).</source>
        <extracomment>%1 the export&apos;s number, %2 the report, %3 when it was exported</extracomment>
        <translation>自导出 %1（%2，%3）以来没有任何变化。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Since export %4 (%5, %6): %1 added, %2 removed, %3 changed.</source>
        <extracomment>%1 added rows, %2 removed rows, %3 changed rows, %4 the export&apos;s number, %5 the report, %6 when</extracomment>
        <translation>自导出 %4（%5，%6）以来：新增 %1，删除 %2，变更 %3。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In the export: %1
Now: %2</source>
        <extracomment>the totals of the rows as exported (%1) and as they are now (%2)</extracomment>
        <translation>导出时：%1
现在：%2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What changed since…</source>
        <translation>此后有何变化…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected export&apos;s report again now and compare it row by row with the file</source>
        <translation>立即重新运行所选导出的报表，并逐行与文件比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show older</source>
        <translation>显示更早的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportParameterForm</name>
    <message>
        <location filename="../ui/reports/reportparameterform.cpp" line="+161"/>
        <source>The first day of the period (UTC)</source>
        <translation>期间的第一天（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last day of the period, included (UTC)</source>
        <translation>期间的最后一天，含当天（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sub-operators</source>
        <translation>所有子运营商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>所有站点</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportsPage</name>
    <message>
        <location filename="../ui/reports/reportspage.cpp" line="+438"/>
        <source>No report shown yet</source>
        <translation>尚未显示报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a report and its parameters on the left, then press Run.</source>
        <translation>在左侧选择报表及其参数，然后按“运行”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report has no rows for these parameters.</source>
        <translation>按这些参数，报表没有任何行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 rows shown</source>
        <extracomment>%1 rows shown, %2 rows in the report</extracomment>
        <translation>已显示 %1 / %2 行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV, comma-separated text (*.csv)</source>
        <translation>CSV 逗号分隔文本 (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON data (*.json)</source>
        <translation>JSON 数据 (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+50"/>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Export %1 done: %2 rows written to %3.</source>
        <extracomment>%1 the export&apos;s number, %2 rows, %3 the file</extracomment>
        <translation>导出 %1 已完成：%2 行已写入 %3。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export stopped and left no file: %1</source>
        <extracomment>%1 why the export stopped</extracomment>
        <translation>导出已停止，未留下文件：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports</source>
        <translation>导出记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the whole report to a CSV, Excel, PDF or JSON file</source>
        <translation>将整个报表写入 CSV、Excel、PDF 或 JSON 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;more</source>
        <translation>显示更多(&amp;M)</translation>
    </message>
</context>
<context>
    <name>cd::ui::RoleListModel</name>
    <message>
        <location filename="../ui/operators/rolelistmodel.cpp" line="+43"/>
        <source>%1 (built-in)</source>
        <translation>%1（内置）</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n operator(s) with this role</source>
        <translation>
            <numerusform>%n 名操作员使用此角色</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::RolesTab</name>
    <message>
        <location filename="../ui/operators/rolestab.cpp" line="+269"/>
        <source>Change the permissions of %1?</source>
        <translation>更改 %1 的权限？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Allow: %1</source>
        <translation>允许：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No longer allow: %1</source>
        <translation>不再允许：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;New role…</source>
        <translation>新建角色(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;lete role…</source>
        <translation>删除角色(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Screens</source>
        <translation>界面(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ac&amp;tions</source>
        <translation>操作(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;pply…</source>
        <translation>应用(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No role selected</source>
        <translation>未选择角色</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n operator(s) with this role.</source>
        <translation>
            <numerusform>%n 名操作员使用此角色。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrators always have every permission, also those added in later versions.</source>
        <translation>管理员始终拥有所有权限，包括后续版本新增的权限。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A built-in role: its permissions can be changed, it cannot be deleted.</source>
        <translation>内置角色：可以更改其权限，但不能删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A custom role.</source>
        <translation>自定义角色。</translation>
    </message>
</context>
<context>
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+52"/>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stations</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operations</source>
        <comment>charging sessions and the operator&apos;s actions on them</comment>
        <translation>充电订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>异常账单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accounts</source>
        <extracomment>the screen of members, departments, coupons and tariffs</extracomment>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit log</source>
        <extracomment>the screen that browses the append-only audit log</extracomment>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Operators</source>
        <extracomment>the screen of operator accounts, roles and login sessions</extracomment>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>一眼掌握网络状态：在线、离线和故障的充电站，进行中的充电订单，以及需要您处理的告警。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location. Click a station for its history.</source>
        <translation>所有充电站显示在地图上，按状态着色，离线和故障的充电站按位置一目了然。点击充电站查看其历史。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The interface language, this console&apos;s station server, payments, alerts, the map&apos;s tiles and the database it works with.</source>
        <translation>界面语言、本控制台的充电站服务器、支付、告警、地图瓦片以及它使用的数据库。</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Your role does not include this screen</source>
        <translation>您的角色不包含此界面</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An administrator can add it to your role on the Operators screen. Log out and in again to see it.</source>
        <translation>管理员可在“操作员”界面将其添加到您的角色。请注销并重新登录以查看。</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>All stations and connectors with vendor, model and firmware, their current state, and their history of faults and offline periods.</source>
        <translation>所有充电站和充电枪及其厂商、型号和固件版本、当前状态，以及故障和离线记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find a charging session fast: the last 100, by number, by phone or card, or among old sessions that were never closed. Read its log and fix it: finish, cancel the hold, finalize or set the energy.</source>
        <translation>快速查找充电订单：最近 100 笔、按订单号、手机号或卡号查找，或在从未关闭的旧订单中查找。查看订单日志并进行处理：结束订单、取消预授权、完成扣款或设置电量。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stations offline or faulted, failed starts, charging without an authorised session, stops not honoured and meter jumps: acknowledge them, assign them and resolve them with a note.</source>
        <translation>离线或故障的充电桩、启动失败、无授权会话充电、未执行的停止指令和电表跳变：确认、指派并附备注解决。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bills flagged with anomaly codes, such as a lost bill or energy that differs from the platform&apos;s meter readings. Filter them in bulk and correct them with a preview of every effect on money.</source>
        <translation>带有异常代码的账单，例如账单丢失，或电量与平台电表读数不一致。可批量筛选，并在矫正前预览对金额的每一项影响。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Members and departments with their balances, cards, top-ups and coupons; the coupon rules; and the tariffs, with a preview of what a session would cost.</source>
        <translation>会员和部门及其余额、卡、充值和优惠券；优惠券规则；以及资费，可预览一次充电的费用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>会员的退款申请：进行审核，直接在此通过支付网关发起退款，并在审核记录中查看每一项决定。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>按站点和合作方进行电量与资金对账，提供统计数据；导出的报表会标明账单矫正后发生的变化。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every change to money, session status, tariffs, stations, accounts, roles and operators: who made it, when, why, and the values before and after. Nothing in it can be changed or deleted.</source>
        <translation>对资金、会话状态、费率、充电桩、账户、角色和操作员的每一次更改：由谁、何时、为何进行，以及更改前后的值。其中任何内容都不能修改或删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who may use this console: operator accounts, their roles and what each role may see and do, and the logins open now.</source>
        <translation>谁可以使用此控制台：操作员账户、其角色、每个角色可查看和执行的内容，以及当前打开的登录。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Not available in this version yet</source>
        <translation>此版本暂未提供</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A later version of ChargeDesk will fill in this screen. Until then, it shows no data.</source>
        <translation>此页面将在 ChargeDesk 的后续版本中提供。在此之前，这里不显示任何数据。</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionActionDialog</name>
    <message>
        <location filename="../ui/operations/sessionactiondialog.cpp" line="+56"/>
        <source>%1 (unchanged)</source>
        <translation>%1（不变）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Close the session as if the station had sent Stop: the hold is settled by the energy counter (captured by the amount, the rest released). The session becomes finished, or canceled at 0 Wh.</source>
        <translation>按照充电桩已发送 Stop 的方式关闭会话：预授权按电量计数结算（扣取金额，其余释放）。会话变为已完成，电量为 0 Wh 时变为已取消。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the held money back to the customer&apos;s card. The session becomes canceled unless it has already failed.</source>
        <translation>将冻结的资金退回客户的卡。会话变为已取消（已失败的会话除外）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Capture part of the hold and release the rest. Leave the amount empty to capture the session&apos;s last reported total.</source>
        <translation>扣取部分预授权并释放其余部分。金额留空则扣取会话最后报告的总额。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set the session&apos;s energy counter, for example from the station&apos;s display or its own bill. Recomputing prices the new energy with the tariff.</source>
        <translation>设置会话的电量计数，例如依据充电桩显示屏或其自带账单。重新计算会按资费为新电量计价。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SOFT respects the status priorities (a finished session cannot go back to charging); OVERRIDE ignores them and is marked as such in the audit log.</source>
        <translation>SOFT 遵循状态优先级（已完成的会话不能回到充电中）；OVERRIDE 忽略优先级，并在审计日志中如此标记。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the station to start charging on this session&apos;s connector with the same card.</source>
        <translation>请求充电桩在此会话的枪口上用同一张卡开始充电。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the station to stop this session. The session closes when the station reports the stop.</source>
        <translation>请求充电桩停止此会话。充电桩报告停止后会话关闭。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restart the session&apos;s station. A soft reset waits for the charging to end; a hard reset restarts at once.</source>
        <translation>重启会话所在的充电桩。软重置等待充电结束；硬重置立即重启。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 — session %2</source>
        <extracomment>the dialog&apos;s title: %1 the action such as &quot;Finish&quot;, %2 the session number</extracomment>
        <translation>%1 — 会话 %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>What will happen</source>
        <translation>将会发生什么</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reason (kept in the audit log, required):</source>
        <translation>原因（记录在审计日志中，必填）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer called, the station shows 12.4 kWh</source>
        <translation>例如：客户来电，充电桩显示 12.4 kWh</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>At most %n decimal place(s); empty: the session&apos;s last reported total.</source>
        <translation>
            <numerusform>最多 %n 位小数；留空：会话最后报告的总额。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount to capture</source>
        <translation>扣取金额</translation>
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
        <translation>按资费重新计算金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+125"/>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>SOFT — respect the priorities</source>
        <translation>SOFT — 遵循优先级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OVERRIDE — ignore the priorities</source>
        <translation>OVERRIDE — 忽略优先级</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hard reset (restart at once, interrupting charging)</source>
        <translation>硬重置（立即重启，中断充电）</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Type an amount such as %1 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>请输入金额，例如 %1（最多 %n 位小数）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Working out what will happen…</source>
        <translation>正在计算将会发生什么…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Command to the station</source>
        <translation>发给充电桩的命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (no tariff: the amount stays)</source>
        <translation>%1（无资费：金额不变）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold</source>
        <translation>预授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Capture %1 from the card.</source>
        <translation>从卡中扣取 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>将 %1 释放回客户的卡。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>退还已扣款中的 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>金额中有 %1 超出预授权，无法收取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>资金不变动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money</source>
        <translation>资金</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot run: %1</source>
        <translation>无法执行：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Wait for the preview.</source>
        <translation>请等待预览。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The preview says why this cannot run.</source>
        <translation>预览中说明了无法执行的原因。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the reason first (at most %1 characters).</source>
        <translation>请先填写原因（最多 %1 个字符）。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Command %1 sent to the queue; the station&apos;s answer appears in the session log.</source>
        <translation>命令 %1 已加入队列；充电桩的答复将显示在会话日志中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done. Audit record %1.</source>
        <translation>完成。审计记录 %1。</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionCard</name>
    <message>
        <location filename="../ui/operations/sessioncard.cpp" line="+110"/>
        <source>No hold</source>
        <translation>无预授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold requested</source>
        <translation>已申请预授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank is processing the hold</source>
        <translation>银行正在处理预授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money held on the card</source>
        <translation>卡上资金已冻结</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Captured</source>
        <translation>已扣款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Released to the customer</source>
        <translation>已退还给客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold canceled</source>
        <translation>预授权已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold failed</source>
        <translation>预授权失败</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No payment recorded</source>
        <translation>无付款记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment pending</source>
        <translation>付款待处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment failed</source>
        <translation>付款失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Transaction card</source>
        <translation>交易卡片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1</source>
        <extracomment>the transaction card&apos;s heading; %1 the session number such as 231116-000042</extracomment>
        <translation>会话 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No card yet</source>
        <translation>尚无卡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card %1</source>
        <translation>卡 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, connector %2</source>
        <translation>%1，充电枪 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No amount yet</source>
        <translation>尚无金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 in %2</source>
        <extracomment>%1 energy such as &quot;12.4 kWh&quot;, %2 a duration such as &quot;1 h 05 min&quot;</extracomment>
        <translation>%2 内 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 at %2</source>
        <extracomment>%1 a meter register reading such as &quot;3.4 kWh&quot;, %2 the station&apos;s time of it</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still open: the station has not sent Stop</source>
        <translation>仍未结束：充电桩尚未发送停止消息</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hold</source>
        <translation>预授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>充电桩</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last meter value</source>
        <translation>最新电表读数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a session to see its card and its log.</source>
        <translation>选择一个会话以查看其卡片和日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <extracomment>the button with the operator&apos;s actions on the session (Finish, Cancel hold, …)</extracomment>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionChart</name>
    <message>
        <location filename="../ui/charts/sessionchart.cpp" line="+126"/>
        <source>Select a session to see its power, energy, current, voltage and state of charge over time.</source>
        <translation>选择一个会话，查看其功率、电量、电流、电压和电池电量随时间的变化。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No meter values yet. The chart fills in as the station reports them.</source>
        <translation>尚无电表数据。充电桩上报后，图表会随之更新。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station reported no meter values for this session.</source>
        <translation>充电桩未上报此会话的电表数据。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Whole session</source>
        <extracomment>the button that undoes the zoom of the chart</extracomment>
        <translation>整个会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag across the chart, turn the mouse wheel or press + and - to zoom in time; double-click, right-click or Esc shows the whole session again</source>
        <translation>在图表上拖动、滚动鼠标滚轮或按 + 和 - 可放大时间段；双击、右键单击或按 Esc 可重新显示整个会话</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Simplified</source>
        <extracomment>shown when a very long session is drawn with fewer points than it has</extracomment>
        <translation>已简化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This session has more meter values than the chart draws: each stretch of time shows its lowest and highest value, so peaks and dips stay visible.</source>
        <translation>此会话的电表数据多于图表绘制的点数：每个时间段显示其最低值和最高值，因此峰值和低谷仍然可见。</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionLogModel</name>
    <message>
        <location filename="../ui/operations/sessionlogmodel.cpp" line="+110"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your time (UTC%1)</source>
        <extracomment>the operator&apos;s own time zone, %1 its offset such as &quot;+02:00&quot;</extracomment>
        <translation>您的时间（UTC%1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionTableModel</name>
    <message>
        <location filename="../ui/operations/sessiontablemodel.cpp" line="+54"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
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
        <translation>会话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station / connector</source>
        <translation>充电桩 / 充电枪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User / card</source>
        <translation>用户 / 卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>电量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why suspicious</source>
        <translation>可疑原因</translation>
    </message>
</context>
<context>
    <name>cd::ui::SettingsPage</name>
    <message>
        <location filename="../ui/settings/settingspage.cpp" line="+199"/>
        <source>Read only: changing these settings needs the permission to %1. The interface language is yours to choose.</source>
        <extracomment>%1 is the permission&apos;s name (&quot;change settings&quot;)</extracomment>
        <translation>只读：更改这些设置需要“%1”权限。界面语言可由您自行选择。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change applies at once and is remembered for the next start. The --lang option overrides it for a single run.</source>
        <translation>更改立即生效，下次启动时仍然保留。--lang 选项只在单次运行中覆盖此设置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version:</source>
        <translation>架构版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key source:</source>
        <translation>密钥来源：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is chosen when ChargeDesk starts: run chargedesk --help to see the options.</source>
        <translation>数据库在 ChargeDesk 启动时选定：运行 chargedesk --help 可查看相关选项。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not used: the PostgreSQL server controls access</source>
        <translation>不使用：访问由 PostgreSQL 服务器控制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operating system keychain</source>
        <translation>操作系统密钥库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key file %1</source>
        <extracomment>%1 is the path of the file that holds the database key</extracomment>
        <translation>密钥文件 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Environment variable %1</source>
        <extracomment>%1 is the name of the environment variable that holds the database key</extracomment>
        <translation>环境变量 %1</translation>
    </message>
</context>
<context>
    <name>cd::ui::StartLatencyDialog</name>
    <message>
        <location filename="../ui/stations/startlatencydialog.cpp" line="+57"/>
        <source>Start latency</source>
        <translation>启动延迟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From the start of a session (the station&apos;s start message) to the first Charging state, in the station&apos;s own time. A model or firmware that starts slowly stands out at the top.</source>
        <translation>从会话开始（充电站的启动消息）到首次进入 Charging 状态，按充电站自己的时钟计算。启动慢的型号或固件会排在最上面。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>最近 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions started:</source>
        <translation>会话开始于：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>By vendor, model and firmware</source>
        <translation>按厂商、型号和固件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By station</source>
        <translation>按充电站</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No session reached Charging in this period.</source>
        <translation>此期间没有会话进入充电状态。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n start(s) measured</source>
        <translation>
            <numerusform>已测量 %n 次启动</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out: station clock jumped</source>
        <translation>
            <numerusform>%n 次未计入：充电站时钟跳变</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::StartLatencyModel</name>
    <message>
        <location filename="../ui/stations/startlatencymodel.cpp" line="+23"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min %2 s</source>
        <extracomment>minutes and seconds, e.g. &quot;1 min 05 s&quot;</extracomment>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n start(s) left out: the station&apos;s clock jumped (negative or over an hour)</source>
        <translation>
            <numerusform>%n 次启动未计入：充电站时钟跳变（为负或超过一小时）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stations</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starts</source>
        <translation>启动次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median</source>
        <translation>中位数</translation>
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
        <translation>最慢</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationFilterProxy</name>
    <message>
        <location filename="../ui/stations/stationfilterproxy.cpp" line="+16"/>
        <source>All stations</source>
        <translation>全部充电桩</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Faulted</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charging now</source>
        <translation>正在充电</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationHistoryDialog</name>
    <message>
        <location filename="../ui/stations/stationhistorydialog.cpp" line="+50"/>
        <source>History of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>%1 的历史</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connector:</source>
        <translation>充电枪：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connector states</source>
        <translation>充电枪状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online and offline</source>
        <translation>在线与离线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 (the station)</source>
        <translation>0（整个充电站）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faults only</source>
        <translation>仅故障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault: %1</source>
        <translation>故障：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 shown · faults: %2</source>
        <extracomment>%1 states shown; %2 faults among the states of the chosen connector</extracomment>
        <translation>显示 %1 条 · 故障 %2 次</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerSection</name>
    <message>
        <location filename="../ui/settings/stationserversection.cpp" line="+169"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Restart the station server?</source>
        <translation>重新启动充电站服务器？</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n station(s) are connected now. They are disconnected and connect again by themselves; sessions in progress continue on the stations.</source>
        <translation>
            <numerusform>当前有 %n 个充电站已连接。它们将被断开并自行重新连接；进行中的充电会话在充电站上继续。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Station server</source>
        <translation>充电站服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo mode: simulated stations are connected, unknown stations are admitted and no station passwords are asked for, whatever is set below.</source>
        <translation>演示模式：已连接模拟充电站，允许未知充电站接入，且不要求充电站密码，无论下方如何设置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the station server in this console</source>
        <translation>在此控制台中运行充电站服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address and port:</source>
        <translation>地址和端口：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile:</source>
        <translation>安全配置文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 — no credentials (lab only)</source>
        <translation>0 — 无凭据（仅限实验环境）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 — HTTP Basic auth with each station&apos;s password</source>
        <translation>1 — HTTP Basic 认证，使用各充电站的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 — TLS (wss://) and each station&apos;s password</source>
        <translation>2 — TLS（wss://）加各充电站的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 — TLS (wss://) with station certificates</source>
        <translation>3 — TLS（wss://）加充电站证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server certificate:</source>
        <translation>服务器证书：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>私钥：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations&apos; CA certificate:</source>
        <translation>充电站 CA 证书：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register unknown stations when they connect (lab only)</source>
        <translation>未知充电站连接时自动注册（仅限实验环境）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply and restart</source>
        <translation>应用并重新启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations connect to ws://ADDRESS:PORT/ocpp/&lt;station id&gt; (wss:// with profiles 2 and 3). Use 0.0.0.0 to accept stations from the network. With a shared PostgreSQL database, run chargedesk-server on the server machine instead and switch this off in every console.</source>
        <translation>充电站连接到 ws://地址:端口/ocpp/&lt;充电站 ID&gt;（配置文件 2 和 3 使用 wss://）。使用 0.0.0.0 以接受来自网络的充电站。使用共享 PostgreSQL 数据库时，请改为在服务器上运行 chargedesk-server，并在每个控制台中关闭此项。</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerStatus</name>
    <message>
        <location filename="../ui/settings/stationserverstatus.cpp" line="+14"/>
        <source>Station server: off</source>
        <translation>充电站服务器：已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: starting…</source>
        <translation>充电站服务器：正在启动…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: not running</source>
        <translation>充电站服务器：未运行</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Station server: %1 · %n station(s) connected</source>
        <extracomment>Status bar: %1 is the address stations connect to; %n how many are connected now</extracomment>
        <translation>
            <numerusform>充电站服务器：%1 · 已连接 %n 个充电站</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Off. Stations cannot connect to this console.</source>
        <translation>已关闭。充电站无法连接到此控制台。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not running: %1</source>
        <extracomment>%1 is the reason, e.g. &quot;The address is already in use&quot;</extracomment>
        <translation>未运行：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Running. Stations connect to %1/&lt;station id&gt;; %n connected now.</source>
        <extracomment>%1 is the address, e.g. ws://127.0.0.1:9000/ocpp; %n how many stations are connected now</extracomment>
        <translation>
            <numerusform>运行中。充电站连接到 %1/&lt;充电站 ID&gt;；当前已连接 %n 个。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTableModel</name>
    <message>
        <location filename="../ui/stations/stationtablemodel.cpp" line="+24"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Charging</source>
        <translation>充电中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Faulted</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Site: %1</source>
        <extracomment>The site a station belongs to, on the map&apos;s tooltip</extracomment>
        <translation>站点：%1</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Station</source>
        <translation>充电站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last heartbeat</source>
        <translation>最近心跳</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected for</source>
        <translation>已连接时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open sessions</source>
        <translation>进行中的会话</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTexts</name>
    <message>
        <location filename="../ui/stations/stationtexts.cpp" line="+8"/>
        <source>available</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>charging</source>
        <translation>充电中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the station</source>
        <translation>充电桩暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the vehicle</source>
        <translation>车辆暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finishing</source>
        <translation>结束中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reserved</source>
        <translation>已预约</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>faulted</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>occupied</source>
        <translation>占用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationsPage</name>
    <message>
        <location filename="../ui/stations/stationspage.cpp" line="+291"/>
        <source>Device model refresh</source>
        <translation>刷新设备模型</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select a station to see its connectors and send it a command.</source>
        <translation>选择一个充电站以查看其充电接口并向其发送命令。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connector %1: %2</source>
        <translation>接口 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>session %1</source>
        <translation>会话 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2 · registration %3</source>
        <extracomment>%1 station id, %2 protocol, %3 registration status</extracomment>
        <translation>%1 · %2 · 注册状态 %3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Search by station, vendor, model or firmware</source>
        <translation>按充电站、厂商、型号或固件搜索</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send command…</source>
        <translation>发送命令…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device model…</source>
        <translation>设备模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration…</source>
        <translation>配置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads the configuration keys of the selected OCPP 1.6 station and changes them</source>
        <translation>读取并更改所选 OCPP 1.6 充电桩的配置键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place…</source>
        <translation>放置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station&apos;s site and its place on the map</source>
        <translation>充电站所属站点及其在地图上的位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start latency…</source>
        <translation>启动延迟…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long stations take from the start of a session to charging, by model and firmware</source>
        <translation>按型号和固件统计充电站从会话开始到充电所需的时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every connector state the station reported, its faults, and when it was online</source>
        <translation>充电站报告的所有充电枪状态、故障以及在线时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What an OCPP 2.0.1 station reported about its components and settings</source>
        <translation>OCPP 2.0.1 充电站报告的组件和设置</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 of %n station(s) · updated %2</source>
        <extracomment>%1 stations shown of %n; %2 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n 个充电站中的 %1 个 · 更新于 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n station(s) · updated %1</source>
        <extracomment>%n stations in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n 个充电站 · 更新于 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No stations yet. A station appears here when it connects to the station server (Settings › Station server) or is added with chargedesk-cli station add.</source>
        <translation>还没有充电站。充电站连接到充电站服务器（设置 › 充电站服务器）或通过 chargedesk-cli station add 添加后会显示在这里。</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffEditor</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffeditor.cpp" line="+336"/>
        <source>%1 must be an amount such as 1.20 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>%1 必须是金额，例如 1.20（最多 %n 位小数）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price</source>
        <translation>电价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service fee</source>
        <translation>服务费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The idle fee</source>
        <translation>占位费</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The price of period %1 must be an amount such as 1.20.</source>
        <translation>时段 %1 的价格必须是金额，例如 1.20。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Correct the tariff to see what a session would cost.</source>
        <translation>请先修正资费，才能查看一次充电的费用。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A %1 kWh session from %2 to %3 would cost %4.</source>
        <extracomment>the tariff editor&apos;s preview: %1 kWh, %2 and %3 local times, %4 the total</extracomment>
        <translation>从 %2 到 %3 充电 %1 kWh 将花费 %4。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose…</source>
        <extracomment>the first entry of the list of sites, stations or departments a tariff can apply to</extracomment>
        <translation>请选择…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>number %1</source>
        <extracomment>a site, station or department known only by its number</extracomment>
        <translation>编号 %1</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>New tariff</source>
        <translation>新资费</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, version %2: saving makes version %3</source>
        <extracomment>%1 the tariff&apos;s name, %2 its version number</extracomment>
        <translation>%1，版本 %2：保存后生成版本 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to:</source>
        <translation>适用范围：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency:</source>
        <translation>货币：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone:</source>
        <translation>时区：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from:</source>
        <translation>生效时间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy price per kWh:</source>
        <translation>每 kWh 电价：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee per kWh:</source>
        <translation>每 kWh 服务费：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee per minute:</source>
        <translation>每分钟占位费：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free minutes:</source>
        <extracomment>minutes after charging ends before the idle fee starts</extracomment>
        <translation>免费分钟：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-of-use periods (none: the energy price all day)</source>
        <translation>分时段（无时段：全天按电价计费）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add period</source>
        <translation>添加时段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove period</source>
        <translation>删除时段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price per kWh</source>
        <translation>每 kWh 价格</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffstab.cpp" line="+162"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n 个时段</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New tariff</source>
        <translation>新资费</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The tariff has problems: see under the editor.</source>
        <translation>资费有问题：请查看编辑器下方。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved %1, version %2.</source>
        <translation>已保存 %1，版本 %2。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Save tariff</source>
        <translation>保存资费(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Save as new version</source>
        <translation>另存为新版本(&amp;S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariffs</source>
        <translation>资费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version</source>
        <translation>所有版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New tariff</source>
        <translation>新建资费(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>有效至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy price</source>
        <translation>电价</translation>
    </message>
</context>
<context>
    <name>cd::ui::ThresholdDialog</name>
    <message>
        <location filename="../ui/accounts/thresholddialog.cpp" line="+22"/>
        <source>Department billing</source>
        <translation>部门计费</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Auto-stop threshold</source>
        <translation>自动停止阈值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Charging stops when the balance left falls to this amount. Stations report energy late or not at all while offline, so a balance can still go below it.</source>
        <translation>当余额降至此金额时停止充电。充电站上报电量可能延迟，离线时甚至不上报，因此余额仍可能低于此值。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Auto-stop at (%1):</source>
        <translation>自动停止阈值（%1）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>从上级部门的共享余额扣除充电费用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>cd::ui::TopUpDialog</name>
    <message>
        <location filename="../ui/accounts/topupdialog.cpp" line="+21"/>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>可选：默认使用前台编号</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Amount (%1):</source>
        <translation>金额（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number:</source>
        <translation>收据编号：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Top up %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>充值 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>核对…</translation>
    </message>
</context>
</TS>
