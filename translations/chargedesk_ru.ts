<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="+195"/>
        <source>Finish a session as if the station stopped it; the hold is settled by the energy.</source>
        <translation>Завершить сессию так, будто её остановила станция; холд закрывается по энергии.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the held money back; the session is canceled (unless failed).</source>
        <translation>Вернуть заблокированные деньги; сессия отменяется (если она не сбойная).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture part of the hold (default: the session&apos;s total) and release the rest.</source>
        <translation>Списать часть холда (по умолчанию — итоговую сумму сессии) и вернуть остаток.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the session&apos;s energy counter, optionally recomputing the amount.</source>
        <translation>Установить счётчик энергии сессии, при необходимости пересчитав сумму.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the session&apos;s status (SOFT keeps the priorities, OVERRIDE ignores them).</source>
        <translation>Изменить статус сессии (SOFT соблюдает приоритеты, OVERRIDE их игнорирует).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to start it (remote start).</source>
        <translation>Попросить станцию сессии запустить её (удалённый старт).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to stop it (remote stop).</source>
        <translation>Попросить станцию сессии остановить её (удалённая остановка).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset the session&apos;s station.</source>
        <translation>Перезагрузить станцию сессии.</translation>
    </message>
    <message>
        <location filename="../app/cli/accountcommands.cpp" line="+522"/>
        <source>List members with their balances.</source>
        <translation>Показать участников с балансами.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a member with cards, top-ups and coupons.</source>
        <translation>Показать участника с картами, пополнениями и купонами.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a member (issues the new-member coupons; audited).</source>
        <translation>Создать участника (выдаёт купоны новым участникам; с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change a member&apos;s name, phone, e-mail, department or auto-stop threshold (audited).</source>
        <translation>Изменить имя, телефон, e-mail, подразделение или порог автоостановки участника (с аудитом).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top up a member&apos;s balance (cash at the desk; issues the coupon it earns; audited).</source>
        <translation>Пополнить баланс участника (наличные в кассе; выдаёт заработанный купон; с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List departments with pooled balances and who pays.</source>
        <translation>Показать подразделения с общими балансами и тем, кто платит.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List coupon rules.</source>
        <translation>Показать правила купонов.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a coupon rule (audited).</source>
        <translation>Создать правило купонов (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List issued coupons, newest first.</source>
        <translation>Показать выданные купоны, новые первыми.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke a coupon not used yet (audited).</source>
        <translation>Отозвать ещё не использованный купон (с записью в аудит).</translation>
    </message>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="+175"/>
        <source>Correct a bill (a new version; --dry-run shows every effect on money and coupons first).</source>
        <translation>Исправить счёт (новая версия; --dry-run сначала показывает все последствия для денег и купонов).</translation>
    </message>
    <message>
        <location filename="../app/cli/tariffcommands.cpp" line="+267"/>
        <source>Tariffs in force (with --history every version).</source>
        <translation>Действующие тарифы (с --history — все версии).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff: prices, periods, fees and its versions.</source>
        <translation>Тариф: цены, периоды, платы и его версии.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A session&apos;s bill explained line by line, and its versions.</source>
        <translation>Счёт сессии с построчным объяснением и его версии.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill a session that ended (sessions are billed automatically when they end).</source>
        <translation>Выставить счёт завершённой сессии (сессии получают счёт автоматически после завершения).</translation>
    </message>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="+388"/>
        <source>Apply for a member&apos;s refund: the amount moves to the pending refund (audited).</source>
        <translation>Подать заявку на возврат средств участника: сумма переходит в ожидание возврата (с аудитом).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List refund applications, newest first.</source>
        <translation>Список заявок на возврат, новые первыми.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve a refund and refund the top-ups through the payment gateway or at the desk (audited).</source>
        <translation>Одобрить возврат и вернуть пополнения через платёжный шлюз или в кассе (с аудитом).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject a refund: the amount goes back to the member (audited).</source>
        <translation>Отклонить возврат: сумма возвращается участнику (с аудитом).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a refund with its audit history and gateway records.</source>
        <translation>Показать возврат с историей проверки и записями шлюза.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm a cash refund at the desk (or that it was not paid; audited).</source>
        <translation>Подтвердить возврат наличными в кассе (или что он не выплачен; с аудитом).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send a refund&apos;s gateway records that got no answer again, with the same key.</source>
        <translation>Отправить ещё раз записи возврата без ответа шлюза, с тем же ключом.</translation>
    </message>
    <message>
        <location filename="../app/cli/reportcommands.cpp" line="+398"/>
        <source>With --out the export is recorded with a snapshot.</source>
        <translation>С --out выгрузка записывается вместе со снимком.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show what changed in a report since an export (added, removed, corrected rows).</source>
        <translation>Показать, что изменилось в отчёте после экспорта (добавленные, удалённые, исправленные строки).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List report exports, newest first.</source>
        <translation>Список экспортов отчётов, новые первыми.</translation>
    </message>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="+180"/>
        <source>Record what a site&apos;s meter delivered in a period (the same period again replaces it).</source>
        <translation>Записать, сколько отдал счётчик площадки за период (тот же период заменяет прежний).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import meter readings from CSV: site,from,to,energy_kwh[,note]; every line or none.</source>
        <translation>Импортировать показания счётчиков из CSV: site,from,to,energy_kwh[,note]; все строки или ни одной.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List sites&apos; meter readings.</source>
        <translation>Показать показания счётчиков площадок.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a payment gateway&apos;s statement: reference,amount,currency,received; every line or none.</source>
        <translation>Импортировать выписку платёжного шлюза: reference,amount,currency,received; все строки или ни одной.</translation>
    </message>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="+333"/>
        <source>Add an operator (password from CHARGEDESK_NEW_PASSWORD or asked); the first one is the administrator.</source>
        <translation>Добавить оператора (пароль из CHARGEDESK_NEW_PASSWORD или по запросу); первый оператор становится администратором.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the operators with their role and open logins.</source>
        <translation>Показать операторов с их ролями и открытыми входами.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give an operator another role (audited).</source>
        <translation>Назначить оператору другую роль (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many times an operator may be logged in at once (audited).</source>
        <translation>Сколько раз оператор может быть в системе одновременно (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable an operator and end their logins (audited).</source>
        <translation>Отключить оператора и завершить его сеансы входа (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable an operator again (audited).</source>
        <translation>Снова включить оператора (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock a login locked by wrong passwords before its time (audited).</source>
        <translation>Разблокировать вход, заблокированный из-за неверных паролей, досрочно (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change your password, or (administrator) another operator&apos;s (audited).</source>
        <translation>Изменить свой пароль или (для администратора) пароль другого оператора (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a custom role with permissions (audited).</source>
        <translation>Добавить пользовательскую роль с разрешениями (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the roles with their permissions.</source>
        <translation>Показать роли с их разрешениями.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a role permissions (audited).</source>
        <translation>Выдать роли разрешения (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take permissions from a role (audited).</source>
        <translation>Отозвать разрешения у роли (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete a custom role no operator has (audited).</source>
        <translation>Удалить пользовательскую роль, которой нет ни у одного оператора (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List every permission, or those of one role.</source>
        <translation>Показать все разрешения или разрешения одной роли.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the open login sessions.</source>
        <translation>Показать открытые сеансы входа.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End a login session (audited).</source>
        <translation>Завершить сеанс входа (с записью в аудит).</translation>
    </message>
</context>
<context>
    <name>cd::ServerMain</name>
    <message>
        <location filename="../app/server/main.cpp" line="+28"/>
        <source>ChargeDesk headless server: the same core as the console, as a service.</source>
        <translation>Сервер ChargeDesk без интерфейса: то же ядро, что и в консоли, в виде службы.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply pending schema migrations, then exit.</source>
        <translation>Применить ожидающие миграции схемы и выйти.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Database %1 (%2), schema version %3.</source>
        <translation>База данных %1 (%2), версия схемы %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stations connect to %1://%2:%3%4/&lt;chargePointId&gt; (security profile %5).</source>
        <translation>Станции подключаются к %1://%2:%3%4/&lt;chargePointId&gt; (профиль безопасности %5).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shutting down.</source>
        <translation>Завершение работы.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ChargeDesk server is running. Stop it with Ctrl+C or SIGTERM.</source>
        <translation>Сервер ChargeDesk запущен. Остановите его с помощью Ctrl+C или SIGTERM.</translation>
    </message>
</context>
<context>
    <name>cd::SimCommandLine</name>
    <message>
        <location filename="../app/sim/simcommandline.cpp" line="+41"/>
        <source>--%1 must be a number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 должен быть числом от %2 до %3, а не «%4».</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--ca-file, --client-cert and --client-key need a wss:// URL.</source>
        <translation>Для --ca-file, --client-cert и --client-key нужен URL wss://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--client-cert and --client-key go together.</source>
        <translation>--client-cert и --client-key задаются только вместе.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Server URL; each station connects to &lt;url&gt;/&lt;id&gt;, e.g. ws://127.0.0.1:9000/ocpp.</source>
        <translation>URL сервера; каждая станция подключается к &lt;url&gt;/&lt;id&gt;, например ws://127.0.0.1:9000/ocpp.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of stations to simulate (default 1).</source>
        <translation>Количество имитируемых станций (по умолчанию 1).</translation>
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
        <translation>имя</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OCPP subprotocol: ocpp1.6 (default) or ocpp2.0.1.</source>
        <translation>Подпротокол OCPP: ocpp1.6 (по умолчанию) или ocpp2.0.1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic-auth password for every station (security profile 1; the user name is the station id).</source>
        <translation>Пароль Basic auth для всех станций (профиль безопасности 1; имя пользователя — идентификатор станции).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>пароль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the Basic-auth password from the first line of this file.</source>
        <translation>Читать пароль Basic auth из первой строки этого файла.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <location line="+4"/>
        <location line="+1"/>
        <location line="+27"/>
        <source>file</source>
        <translation>файл</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>wss://: trust only the CA certificates in this PEM file (default: the system&apos;s CAs).</source>
        <translation>wss://: доверять только сертификатам удостоверяющих центров из этого PEM-файла (по умолчанию — системным).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wss:// with security profile 3: the client certificate (PEM) every station presents; its common name (CN) must be the station&apos;s id, so use it with one station (--stations 1, --prefix).</source>
        <translation>wss:// с профилем безопасности 3: клиентский сертификат (PEM), который предъявляет каждая станция; его общее имя (CN) должно совпадать с идентификатором станции, поэтому используйте его с одной станцией (--stations 1, --prefix).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The private key (PEM, unencrypted) of --client-cert.</source>
        <translation>Закрытый ключ (PEM, незашифрованный) к --client-cert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make stations misbehave: NAME for every station, NAME:0.2 or NAME:20% for a share, NAME:ID,ID for those stations. Repeatable. Names: %1.</source>
        <translation>Заставить станции вести себя некорректно: ИМЯ — все станции, ИМЯ:0.2 или ИМЯ:20% — доля станций, ИМЯ:ID,ID — только перечисленные станции. Можно повторять. Имена: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>name[:share]</source>
        <translation>имя[:доля]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean idle time between sessions per connector, simulated seconds (default 600).</source>
        <translation>Среднее время простоя коннектора между сессиями, в секундах имитируемого времени (по умолчанию 600).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+8"/>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>seconds</source>
        <translation>секунды</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Mean session length, simulated seconds (default 1800).</source>
        <translation>Средняя продолжительность сессии, в секундах имитируемого времени (по умолчанию 1800).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect and idle: no charging sessions.</source>
        <translation>Только подключиться и простаивать, без сессий зарядки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comma-separated id tags the drivers present, shared by every station (default: three per station, TAG-&lt;station id&gt;-1..3). The server must know them, or every session is refused.</source>
        <translation>Id tag водителей через запятую, общие для всех станций (по умолчанию: по три на станцию, TAG-&lt;id станции&gt;-1..3). Сервер должен их знать, иначе каждая сессия будет отклонена.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tags</source>
        <translation>теги</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulated time runs this many times faster than the wall clock (default 1).</source>
        <translation>Во сколько раз имитируемое время идёт быстрее реального (по умолчанию 1).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>factor</source>
        <translation>коэффициент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run for this many wall-clock seconds, then stop cleanly (default: until Ctrl+C).</source>
        <translation>Работать столько секунд реального времени, а затем корректно остановиться (по умолчанию: до Ctrl+C).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station id prefix: &lt;prefix&gt;-0001, &lt;prefix&gt;-0002, ... (default SIM).</source>
        <translation>Префикс идентификаторов станций: &lt;префикс&gt;-0001, &lt;префикс&gt;-0002, … (по умолчанию SIM).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connectors per station (default 2).</source>
        <translation>Количество коннекторов на станции (по умолчанию 2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MeterValueSampleInterval, simulated seconds (default 60).</source>
        <translation>MeterValueSampleInterval, в секундах имитируемого времени (по умолчанию 60).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall-clock milliseconds between two station starts (default 20).</source>
        <translation>Пауза между запусками двух станций, в миллисекундах реального времени (по умолчанию 20).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chance that a connector faults after a session, 0 to 1 (default 0.02).</source>
        <translation>Вероятность неисправности коннектора после сессии, от 0 до 1 (по умолчанию 0.02).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send BootNotification on every reconnect, not only after a reboot.</source>
        <translation>Отправлять BootNotification при каждом переподключении, а не только после перезагрузки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed, for repeatable runs (default 1).</source>
        <translation>Начальное значение генератора случайных чисел, для воспроизводимых запусков (по умолчанию 1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up when no station has connected after this many seconds (default 30).</source>
        <translation>Прекратить попытки, если за столько секунд не подключилась ни одна станция (по умолчанию 30).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seconds between status lines; 0 for none (default 5).</source>
        <translation>Интервал между строками состояния в секундах; 0 — не выводить (по умолчанию 5).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the run&apos;s statistics as JSON to this file at exit.</source>
        <translation>При выходе записать статистику запуска в формате JSON в этот файл.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--url is required, e.g. --url ws://127.0.0.1:9000/ocpp.</source>
        <translation>Требуется параметр --url, например --url ws://127.0.0.1:9000/ocpp.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--url must be a ws:// or wss:// URL, not &quot;%1&quot;.</source>
        <translation>--url должен быть адресом ws:// или wss://, а не «%1».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown protocol &quot;%1&quot;.</source>
        <translation>Неизвестный протокол «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The simulator speaks ocpp1.6 and ocpp2.0.1, not %1.</source>
        <translation>Симулятор поддерживает ocpp1.6 и ocpp2.0.1, но не %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use --password or --password-file, not both.</source>
        <translation>Укажите либо --password, либо --password-file, но не оба.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the password file %1: %2</source>
        <translation>Не удаётся прочитать файл пароля %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password file %1 is empty.</source>
        <translation>Файл пароля %1 пуст.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The id tag &quot;%1&quot; is longer than 20 characters.</source>
        <translation>Id tag «%1» длиннее 20 символов.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--id-tags names no tag.</source>
        <translation>--id-tags не содержит ни одного id tag.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--prefix must be 1 to 14 characters without &quot;/&quot;.</source>
        <translation>--prefix должен содержать от 1 до 14 символов без «/».</translation>
    </message>
</context>
<context>
    <name>cd::SimMain</name>
    <message>
        <location filename="../app/sim/main.cpp" line="+29"/>
        <source>ChargeDesk charge-point simulator: runs simulated OCPP stations against a server.</source>
        <translation>Симулятор зарядных станций ChargeDesk: запускает имитируемые OCPP-станции, которые подключаются к серверу.</translation>
    </message>
</context>
<context>
    <name>cd::TlsFileLoader</name>
    <message>
        <location filename="../core/common/tlsfiles.cpp" line="+38"/>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TLS is not available: Qt found no TLS library (it needs the OpenSSL 3 libraries, package libssl3).</source>
        <translation>TLS недоступен: Qt не нашёл библиотеку TLS (нужны библиотеки OpenSSL 3, пакет libssl3).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file %1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>Файл %1 не содержит сертификата PEM («-----BEGIN CERTIFICATE-----»).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The private key %1 is protected by a passphrase; use an unencrypted key file that only the server&apos;s user can read.</source>
        <translation>Закрытый ключ %1 защищён парольной фразой; используйте незашифрованный файл ключа, который может читать только пользователь сервера.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file %1 holds no PEM RSA or EC private key.</source>
        <translation>Файл %1 не содержит закрытого ключа RSA или EC в формате PEM.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The certificate in %1 expired on %2.</source>
        <translation>Срок действия сертификата в %1 истёк %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate in %1 is not valid before %2.</source>
        <translation>Сертификат в %1 вступает в силу только %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The private key %1 does not belong to the certificate in %2.</source>
        <translation>Закрытый ключ %1 не соответствует сертификату в %2.</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessGuard</name>
    <message>
        <location filename="../core/access/accessguard.cpp" line="+19"/>
        <source>Your role (%1) does not allow: %2. Ask an administrator.</source>
        <translation>Ваша роль (%1) не разрешает: %2. Обратитесь к администратору.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Log in first: this database has operator accounts, and only an operator who has logged in may %1.</source>
        <translation>Сначала войдите: в этой базе данных есть учётные записи операторов, и только вошедший оператор может %1.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your operator account no longer exists. Ask an administrator.</source>
        <translation>Вашей учётной записи оператора больше не существует. Обратитесь к администратору.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your operator account (%1) is disabled. Ask an administrator.</source>
        <translation>Ваша учётная запись оператора (%1) отключена. Обратитесь к администратору.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>Ваш сеанс входа завершён. Войдите снова.</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessService</name>
    <message>
        <location filename="../core/access/accessservice.cpp" line="+60"/>
        <source>A login is 1 to %1 letters, digits, dots, underscores, hyphens or @, without spaces.</source>
        <translation>Логин — это от 1 до %1 букв, цифр, точек, подчёркиваний, дефисов или @, без пробелов.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A password has at least %1 characters.</source>
        <translation>Пароль должен быть длиной от %1 символов.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A password has at most %1 bytes.</source>
        <translation>Пароль должен быть не длиннее %1 байт.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The number of logins at once is 1 to %1.</source>
        <translation>Число одновременных входов — от 1 до %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong login or password.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The account %1 is disabled. Ask an administrator.</source>
        <translation>Учётная запись %1 отключена. Обратитесь к администратору.</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>Too many wrong passwords: the login %1 is locked for %n more minute(s). Try again then, or ask an administrator to unlock it.</source>
        <translation>
            <numerusform>Слишком много неверных паролей: вход %1 заблокирован ещё на %n минуту. Попробуйте тогда или попросите администратора разблокировать его.</numerusform>
            <numerusform>Слишком много неверных паролей: вход %1 заблокирован ещё на %n минуты. Попробуйте тогда или попросите администратора разблокировать его.</numerusform>
            <numerusform>Слишком много неверных паролей: вход %1 заблокирован ещё на %n минут. Попробуйте тогда или попросите администратора разблокировать его.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is already logged in %2 time(s), as many as this account allows at once. Log out there first, or ask an administrator to end that login session.</source>
        <translation>У %1 уже открыто входов: %2 — столько, сколько эта учётная запись допускает одновременно. Сначала выйдите там или попросите администратора завершить тот сеанс входа.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>Ваш сеанс входа завершён. Войдите снова.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your login session expired after %1 minutes without activity. Log in again.</source>
        <translation>Ваш сеанс входа истёк после %1 мин бездействия. Войдите снова.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your operator account is disabled. Ask an administrator.</source>
        <translation>Ваша учётная запись оператора отключена. Обратитесь к администратору.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Operators exist already: an administrator adds the next one.</source>
        <translation>Операторы уже есть: следующего добавляет администратор.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the first administrator</source>
        <translation>первый администратор</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>An operator with the login %1 exists already.</source>
        <translation>Оператор с логином %1 уже существует.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is the last enabled administrator: make another operator an administrator first.</source>
        <translation>%1 — последний включённый администратор: сначала сделайте администратором другого оператора.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>You cannot disable your own account.</source>
        <translation>Нельзя отключить собственную учётную запись.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Log in first: only an operator has a password to change.</source>
        <translation>Сначала войдите: сменить пароль можно только оператору.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>There is no permission &quot;%1&quot; (see: role permissions).</source>
        <translation>Разрешения «%1» нет (см.: role permissions).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A role&apos;s name is 1 to %1 characters and does not start with #.</source>
        <translation>Название роли — от 1 до %1 символов и не начинается с #.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A role named &quot;%1&quot; exists already.</source>
        <translation>Роль с названием «%1» уже существует.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Say which permissions.</source>
        <translation>Укажите, какие разрешения.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The administrator role always has every permission.</source>
        <translation>Роль администратора всегда имеет все разрешения.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The built-in role %1 cannot be deleted.</source>
        <translation>Встроенную роль %1 нельзя удалить.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n operator(s) have the role %1: give them another role first.</source>
        <translation>
            <numerusform>%n оператор имеет роль %1: сначала назначьте ему другую роль.</numerusform>
            <numerusform>%n оператора имеют роль %1: сначала назначьте им другую роль.</numerusform>
            <numerusform>%n операторов имеют роль %1: сначала назначьте им другую роль.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>There is no login session %1.</source>
        <translation>Сеанса входа %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::access::BuiltinRoles</name>
    <message>
        <location filename="../core/access/permission.cpp" line="+140"/>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site manager</source>
        <translation>Менеджер площадки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accountant</source>
        <translation>Бухгалтер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
</context>
<context>
    <name>cd::access::OperatorRepository</name>
    <message>
        <location filename="../core/access/operatorrepository.cpp" line="+88"/>
        <source>Say which operator.</source>
        <translation>Укажите оператора.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no operator &quot;%1&quot;.</source>
        <translation>Оператора «%1» нет.</translation>
    </message>
</context>
<context>
    <name>cd::access::PermissionCatalog</name>
    <message>
        <location filename="../core/access/permission.cpp" line="-53"/>
        <source>open the Dashboard screen</source>
        <translation>открывать экран «Обзор»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Map screen</source>
        <translation>открывать экран «Карта»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Stations screen</source>
        <translation>открывать экран «Станции»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operations screen</source>
        <translation>открывать экран «Операции»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Alerts screen</source>
        <translation>открывать экран «Оповещения»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Anomaly bills screen</source>
        <translation>открывать экран «Аномальные счета»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Accounts screen</source>
        <translation>открывать экран «Счета»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Refunds screen</source>
        <translation>открывать экран «Возвраты»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Reports screen</source>
        <translation>открывать экран «Отчёты»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Settings screen</source>
        <translation>открывать экран «Настройки»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Audit log screen</source>
        <translation>открывать экран «Журнал аудита»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operators and roles screen</source>
        <translation>открывать экран «Операторы и роли»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finish sessions</source>
        <translation>завершать сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel payment holds</source>
        <translation>отменять платёжные холды</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finalize sessions (capture part of a hold)</source>
        <translation>финализировать сессии (списывать часть холда)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set a session&apos;s energy</source>
        <translation>задавать энергию сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change a session&apos;s status</source>
        <translation>изменять статус сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>correct bills</source>
        <translation>исправлять счета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change tariffs</source>
        <translation>изменять тарифы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>register refund applications</source>
        <translation>регистрировать заявки на возврат средств</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve or reject refunds</source>
        <translation>одобрять или отклонять возвраты средств</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirm cash refunds at the desk</source>
        <translation>подтверждать возвраты наличными в кассе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change members, departments and cards</source>
        <translation>изменять участников, подразделения и карты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top up balances</source>
        <translation>пополнять балансы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change coupon rules and revoke coupons</source>
        <translation>изменять правила купонов и отзывать купоны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change id tags</source>
        <translation>изменять id tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>send commands to stations</source>
        <translation>отправлять команды станциям</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add and change stations</source>
        <translation>добавлять и изменять станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change sites and sub-operators</source>
        <translation>изменять площадки и субоператоров</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acknowledge, assign and resolve alerts</source>
        <translation>подтверждать, назначать и решать оповещения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enter meter readings and import gateway receipts</source>
        <translation>вводить показания счётчиков и импортировать квитанции платёжного шлюза</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export reports</source>
        <translation>экспортировать отчёты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change settings</source>
        <translation>изменять настройки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manage operators, roles and login sessions</source>
        <translation>управлять операторами, ролями и сеансами входа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read the audit log</source>
        <translation>просматривать журнал аудита</translation>
    </message>
</context>
<context>
    <name>cd::access::RoleRepository</name>
    <message>
        <location filename="../core/access/rolerepository.cpp" line="+75"/>
        <source>Say which role.</source>
        <translation>Укажите роль.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>Роли с названием «%1» нет.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no role #%1.</source>
        <translation>Роли #%1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountRepository</name>
    <message>
        <location filename="../core/accounts/accountrepository.cpp" line="+85"/>
        <source>The account is gone.</source>
        <translation>Счёта больше нет.</translation>
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
        <translation>Участника %1 нет.</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Department %1 bills to a parent that bills back to it.</source>
        <translation>Подразделение %1 выставляет счета родительскому, которое выставляет их обратно ему.</translation>
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
        <translation>Подразделения %1 нет.</translation>
    </message>
    <message>
        <location line="-436"/>
        <source>Enter the member&apos;s name or phone number.</source>
        <translation>Укажите имя или номер телефона участника.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>Название слишком длинное (не более 200 символов).</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>&quot;%1&quot; is not a phone number: digits, spaces and dashes, optionally starting with +.</source>
        <translation>«%1» — не номер телефона: цифры, пробелы и дефисы, можно с + в начале.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>«%1» — не адрес электронной почты.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <location line="+141"/>
        <location line="+143"/>
        <source>The auto-stop threshold cannot be negative.</source>
        <translation>Порог автоостановки не может быть отрицательным.</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>A top-up must be more than zero.</source>
        <translation>Пополнение должно быть больше нуля.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a top-up.</source>
        <translation>Сумма слишком велика для пополнения.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>Валюта — трёхбуквенный код ISO 4217, например UAH.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a payment gateway name.</source>
        <translation>«%1» — не название платёжного шлюза.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>Номер квитанции слишком длинный (не более 200 символов).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the department&apos;s name.</source>
        <translation>Укажите название подразделения.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+298"/>
        <source>Only a department with a parent can bill to its parent.</source>
        <translation>Выставлять счета родительскому может только подразделение, у которого он есть.</translation>
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
        <translation>Укажите, кто вносит изменение.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountText</name>
    <message>
        <location filename="../core/accounts/accounttypes.cpp" line="+36"/>
        <source>Top-up</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued for a top-up of at least a set amount</extracomment>
        <translation>Пополнение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New member</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued to every new member</extracomment>
        <translation>Новый участник</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spend</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued once when a member&apos;s spend in a period reaches a set amount</extracomment>
        <translation>Расходы</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Used</source>
        <extracomment>coupon status</extracomment>
        <translation>Использован</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <extracomment>coupon status</extracomment>
        <translation>Отозван</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired</source>
        <extracomment>coupon status</extracomment>
        <translation>Истёк</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued</source>
        <extracomment>coupon status: issued to the member and not used yet</extracomment>
        <translation>Выдан</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponIssuer</name>
    <message>
        <location filename="../core/accounts/couponissuer.cpp" line="+143"/>
        <source>No free coupon code was found; try again.</source>
        <translation>Не нашлось свободного кода купона; попробуйте ещё раз.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponService</name>
    <message>
        <location filename="../core/accounts/couponservice.cpp" line="+59"/>
        <source>Enter the rule&apos;s name (the coupon&apos;s name shown to the member).</source>
        <translation>Укажите название правила (название купона, которое увидит участник).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>Название слишком длинное (не более 200 символов).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The coupon&apos;s amount must be more than zero.</source>
        <translation>Сумма купона должна быть больше нуля.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The minimum spend cannot be negative.</source>
        <translation>Минимальная сумма счёта не может быть отрицательной.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which top-up earns the coupon: an amount more than zero.</source>
        <translation>Укажите, какое пополнение даёт купон: сумму больше нуля.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of valid days must be between 1 and 3650.</source>
        <translation>Количество дней действия должно быть от 1 до 3650.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which spend earns the coupon: an amount more than zero.</source>
        <translation>Укажите, какие расходы дают купон: сумма больше нуля.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give either a number of valid days or a date range, not both.</source>
        <translation>Укажите либо количество дней действия, либо диапазон дат, но не оба.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say how long the coupons are valid: a number of days or a date range.</source>
        <translation>Укажите, сколько действуют купоны: количество дней или диапазон дат.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end of the date range must be after its start.</source>
        <translation>Конец диапазона дат должен быть позже начала.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+32"/>
        <location line="+35"/>
        <source>Say who makes the change.</source>
        <translation>Укажите, кто вносит изменение.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>There is no coupon rule %1.</source>
        <translation>Правила купонов %1 нет.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Say why the coupon is revoked.</source>
        <translation>Укажите, почему купон отозван.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no coupon %1.</source>
        <translation>Купона %1 нет.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 is already used; it cannot be revoked.</source>
        <translation>Купон %1 уже использован; его нельзя отозвать.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 is already revoked.</source>
        <translation>Купон %1 уже отозван.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 changed meanwhile; look again.</source>
        <translation>Купон %1 тем временем изменился; посмотрите ещё раз.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::SpendCoupons</name>
    <message>
        <location filename="../core/accounts/spendcoupons.cpp" line="+167"/>
        <source>Spend reached the threshold with bill %1</source>
        <translation>Расходы достигли порога со счётом %1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Coupon %1 was used or revoked meanwhile: preview the correction again.</source>
        <translation>Купон %1 тем временем использован или отозван: просмотрите исправление ещё раз.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDeliverySettings</name>
    <message>
        <location filename="../core/alerts/alertsettings.cpp" line="+50"/>
        <source>Enter the SMTP server for alert e-mails.</source>
        <translation>Укажите SMTP-сервер для писем об оповещениях.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SMTP port must be between 1 and 65535.</source>
        <translation>Порт SMTP должен быть от 1 до 65535.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the sender address for alert e-mails.</source>
        <translation>Укажите адрес отправителя писем об оповещениях.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter at least one recipient for alert e-mails.</source>
        <translation>Укажите хотя бы одного получателя писем об оповещениях.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>«%1» — не адрес электронной почты.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending the SMTP password unencrypted is only allowed to this computer: choose STARTTLS or TLS.</source>
        <translation>Отправлять пароль SMTP без шифрования можно только на этот компьютер: выберите STARTTLS или TLS.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>Адрес вебхука должен начинаться с https:// (обычный http:// — только на этот компьютер).</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDispatcher</name>
    <message>
        <location filename="../core/alerts/alertdispatcher.cpp" line="+60"/>
        <source>The alert %1 is gone.</source>
        <translation>Оповещения %1 больше нет.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unknown delivery channel &quot;%1&quot;.</source>
        <translation>Неизвестный канал доставки «%1».</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertService</name>
    <message>
        <location filename="../core/alerts/alertservice.cpp" line="+39"/>
        <location line="+33"/>
        <source>There is no alert %1.</source>
        <translation>Нет оповещения %1.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Say who acts on the alert.</source>
        <translation>Укажите, кто работает с оповещением.</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+18"/>
        <location line="+17"/>
        <source>Alert %1 is already resolved.</source>
        <translation>Оповещение %1 уже решено.</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Alert %1 is already acknowledged.</source>
        <translation>Оповещение %1 уже подтверждено.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The assignee&apos;s name is too long.</source>
        <translation>Имя исполнителя слишком длинное.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say what was done: a note is required to resolve an alert.</source>
        <translation>Опишите, что сделано: чтобы решить оповещение, нужна заметка.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertText</name>
    <message>
        <location filename="../core/alerts/alerttypes.cpp" line="+95"/>
        <source>Station offline</source>
        <translation>Станция не на связи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heartbeat overdue</source>
        <translation>Нет heartbeat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault</source>
        <translation>Неисправность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start failed</source>
        <translation>Запуск не удался</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging without an authorised session</source>
        <translation>Зарядка без авторизованной сессии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop not honoured</source>
        <translation>Остановка не выполнена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter jump</source>
        <translation>Скачок счётчика</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter reset</source>
        <translation>Сброс счётчика</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open</source>
        <comment>alert state</comment>
        <translation>Открыто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <comment>alert state</comment>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <comment>alert state</comment>
        <translation>Решено</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seen again</source>
        <translation>Повторилось</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned</source>
        <translation>Назначено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Condition cleared</source>
        <translation>Условие исчезло</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1, connector %2</source>
        <extracomment>where an alert happened: %1 a station, %2 its connector number</extracomment>
        <translation>%1, коннектор %2</translation>
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
        <translation>%1 кВт·ч</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Disconnected since %1</source>
        <translation>Не на связи с %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Last heartbeat %1; expected every %n s</source>
        <translation>
            <numerusform>Последний heartbeat %1; ожидается каждую %n с</numerusform>
            <numerusform>Последний heartbeat %1; ожидается каждые %n с</numerusform>
            <numerusform>Последний heartbeat %1; ожидается каждые %n с</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Error %1, since %2</source>
        <translation>Ошибка %1, с %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remote start answered %1 (command %2)</source>
        <translation>Удалённый запуск: ответ %1 (команда %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 ended as failed</source>
        <translation>Сессия %1 завершилась неудачно</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 started although the card was not authorised</source>
        <translation>Сессия %1 началась, хотя карта не авторизована</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connector reports Charging with no open session, since %1</source>
        <translation>Коннектор сообщает Charging без открытой сессии, с %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1: the station accepted the stop but kept charging (%2 more)</source>
        <translation>Сессия %1: станция приняла остановку, но продолжала зарядку (ещё %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register %1 → %2 (%3 → %4)</source>
        <extracomment>%1 and %2 meter readings, %3 and %4 their times</extracomment>
        <translation>Показание %1 → %2 (%3 → %4)</translation>
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
        <translation>Оповещение: %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State: %1</source>
        <translation>Состояние: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened: %1 UTC</source>
        <translation>Открыто: %1 UTC</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Seen %n time(s), last at %1 UTC</source>
        <translation>
            <numerusform>Наблюдалось %n раз, последний раз в %1 UTC</numerusform>
            <numerusform>Наблюдалось %n раза, последний раз в %1 UTC</numerusform>
            <numerusform>Наблюдалось %n раз, последний раз в %1 UTC</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session id: %1</source>
        <translation>Идентификатор сессии: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge, assign and resolve it on the Alerts screen of ChargeDesk.</source>
        <translation>Подтвердите, назначьте и решите его на экране «Оповещения» в ChargeDesk.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::SmtpNotifier</name>
    <message>
        <location filename="../core/alerts/smtpnotifier.cpp" line="+55"/>
        <source>The SMTP server %1 did not answer in time.</source>
        <translation>SMTP-сервер %1 не ответил вовремя.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>An e-mail is already being sent.</source>
        <translation>Письмо уже отправляется.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alert e-mails are not configured: server, sender and recipients are needed.</source>
        <translation>Письма об оповещениях не настроены: нужны сервер, отправитель и получатели.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>SMTP connection to %1 failed: %2</source>
        <translation>Не удалось соединиться с SMTP-сервером %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The SMTP server&apos;s certificate was refused: %1</source>
        <translation>Сертификат SMTP-сервера отклонён: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+10"/>
        <source>The SMTP server sent an answer that is not SMTP.</source>
        <translation>SMTP-сервер прислал ответ, который не является SMTP.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 refused: %2 %3</source>
        <extracomment>%1 the SMTP server, %2 its reply code, %3 its words</extracomment>
        <translation>SMTP-сервер %1 отказал: %2 %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 does not offer STARTTLS.</source>
        <translation>SMTP-сервер %1 не поддерживает STARTTLS.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The SMTP server %1 offers no login method ChargeDesk knows (PLAIN, LOGIN).</source>
        <translation>SMTP-сервер %1 не предлагает ни одного известного ChargeDesk способа входа (PLAIN, LOGIN).</translation>
    </message>
</context>
<context>
    <name>cd::alerts::WebhookNotifier</name>
    <message>
        <location filename="../core/alerts/webhooknotifier.cpp" line="+20"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>Адрес вебхука должен начинаться с https:// (обычный http:// — только на этот компьютер).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The webhook %1 answered HTTP %2.</source>
        <extracomment>%1 the webhook&apos;s address, %2 the HTTP status code</extracomment>
        <translation>Вебхук %1 ответил HTTP %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook %1 could not be reached: %2</source>
        <translation>Не удалось достучаться до вебхука %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AbandonedSessions</name>
    <message>
        <location filename="../core/anomalies/abandonedsessions.cpp" line="+112"/>
        <source>abandoned: nothing heard of the session for too long</source>
        <translation>брошена: о сессии слишком долго ничего не было слышно</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyCodeText</name>
    <message>
        <location filename="../core/anomalies/anomalycode.cpp" line="+28"/>
        <source>Bill lost</source>
        <translation>Счёт потерян</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill lost (station offline)</source>
        <translation>Счёт потерян (станция офлайн)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time anomaly</source>
        <translation>Аномалия времени</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy anomaly</source>
        <translation>Аномалия энергии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration anomaly</source>
        <translation>Аномалия длительности</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Occupancy anomaly</source>
        <translation>Аномалия простоя</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time overlap</source>
        <translation>Пересечение по времени</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy differs from platform</source>
        <translation>Энергия расходится с платформой</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration differs from platform</source>
        <translation>Длительность расходится с платформой</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy lost</source>
        <translation>Данные об энергии потеряны</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Code %1</source>
        <extracomment>an anomaly code number the program does not know</extracomment>
        <translation>Код %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station never sent the final bill (StopTransaction); the session was closed by the platform or by an operator.</source>
        <translation>Станция так и не прислала итоговый счёт (StopTransaction); сессию закрыла платформа или оператор.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The final bill is missing and the station was offline during or at the end of the session.</source>
        <translation>Итогового счёта нет, а станция была офлайн во время или в конце сессии.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The session&apos;s times are implausible: an end before the start, a station clock far from ours, or a session longer than the threshold (168 h by default).</source>
        <translation>Время сессии неправдоподобно: конец раньше начала, часы станции сильно расходятся с нашими или сессия длиннее порога (по умолчанию 168 ч).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy is implausible: negative, more than the station&apos;s power allows in the time, or above the ceiling (a bad meter reading).</source>
        <translation>Энергия неправдоподобна: отрицательная, больше, чем позволяет мощность станции за это время, или выше предела (ошибочные показания счётчика).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The charging duration is implausible: longer than the threshold, or zero while energy was delivered.</source>
        <translation>Длительность зарядки неправдоподобна: дольше порога или нулевая, хотя энергия отпущена.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connector stayed occupied far too long after charging, for example charging failed within a minute and the car stayed; the idle fee may be unjust.</source>
        <translation>Коннектор оставался занятым слишком долго после зарядки, например зарядка сорвалась за минуту, а машина осталась; плата за простой может быть несправедливой.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another session on the same connector overlaps this one in time.</source>
        <translation>Другая сессия на том же коннекторе пересекается с этой по времени.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s bill and the platform&apos;s meter readings disagree on the energy, often because the register read 0 before the start and then jumped.</source>
        <translation>Счёт станции и показания счётчика на платформе расходятся по энергии, часто потому, что счётчик показывал 0 до старта, а затем скачком вырос.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s bill and the platform&apos;s readings disagree on the charging duration.</source>
        <translation>Счёт станции и показания платформы расходятся по длительности зарядки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no energy data for the session: no meter values and no meter stop.</source>
        <translation>Для сессии нет данных об энергии: ни показаний счётчика, ни конечного показания.</translation>
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
        <translation>Не удалось записать статистику: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The export was cancelled.</source>
        <translation>Экспорт отменён.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not open %1: %2</source>
        <translation>Не удалось открыть %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save %1: %2</source>
        <translation>Не удалось сохранить %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyTaggerImpl</name>
    <message>
        <location filename="../core/anomalies/anomalytaggerimpl.cpp" line="+33"/>
        <source>No session with the internal id %1.</source>
        <translation>Нет сессии с внутренним идентификатором %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No bill with the id %1.</source>
        <translation>Нет счёта с идентификатором %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1 does not belong to session %2.</source>
        <translation>Счёт %1 не относится к сессии %2.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionEngine</name>
    <message>
        <location filename="../core/anomalies/correctionapply.cpp" line="+48"/>
        <source>Who corrects must be known: an operator name is required.</source>
        <translation>Должно быть известно, кто исправляет: нужно имя оператора.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept with the bill and in the audit log.</source>
        <translation>Нужна причина: она хранится со счётом и в журнале аудита.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Bill %1 was corrected meanwhile: version %2 (bill %3) by %4 is current now. Nothing was written; look at the bill again.</source>
        <translation>Счёт %1 тем временем исправили: теперь действует версия %2 (счёт %3), автор %4. Ничего не записано; просмотрите счёт ещё раз.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something changed since the preview (a payment, a coupon or the bill&apos;s data): nothing was written. Look at the new preview and apply again.</source>
        <translation>После предпросмотра что-то изменилось (платёж, купон или данные счёта): ничего не записано. Посмотрите новый предпросмотр и примените снова.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Bill %1 was corrected meanwhile by %2: nothing was written.</source>
        <translation>Счёт %1 тем временем исправил %2: ничего не записано.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Coupon %1 was used or revoked meanwhile: nothing was written.</source>
        <translation>Купон %1 тем временем использовали или отозвали: ничего не записано.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionengine.cpp" line="+24"/>
        <location line="+126"/>
        <source>No bill with the id %1.</source>
        <translation>Нет счёта с идентификатором %1.</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Bill %1 belongs to session %2, which is not there.</source>
        <translation>Счёт %1 относится к сессии %2, которой нет.</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Bill %1 is version %2, but version %3 (bill %4, by %5) has replaced it: correct the current version.</source>
        <translation>Счёт %1 — это версия %2, но её заменила версия %3 (счёт %4, автор %5): исправляйте действующую версию.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Nothing would change: the bill has these numbers already and no open anomaly.</source>
        <translation>Ничего не изменится: у счёта уже эти суммы и нет открытых аномалий.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The numbers stay the same: the correction confirms the bill, resolves its anomalies and settles it.</source>
        <translation>Суммы не меняются: исправление подтверждает счёт, закрывает его аномалии и рассчитывает его.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmethods.cpp" line="+65"/>
        <source>Bill %1 keeps no inputs and no tariff applies to its session: it cannot be computed again.</source>
        <translation>Счёт %1 не хранит входных данных, и к его сессии не применяется ни один тариф: его нельзя вычислить заново.</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Session %1 has %n usable energy register reading(s); an estimate needs at least two. Use the station&apos;s bill or enter the energy.</source>
        <translation>
            <numerusform>У сессии %1 %n пригодное показание счётчика; для оценки нужно не меньше двух. Возьмите счёт станции или введите энергию.</numerusform>
            <numerusform>У сессии %1 %n пригодных показания счётчика; для оценки нужно не меньше двух. Возьмите счёт станции или введите энергию.</numerusform>
            <numerusform>У сессии %1 %n пригодных показаний счётчика; для оценки нужно не меньше двух. Возьмите счёт станции или введите энергию.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Estimated from %n register reading(s) between %1 and %2.</source>
        <translation>
            <numerusform>Оценено по %n показанию счётчика между %1 и %2.</numerusform>
            <numerusform>Оценено по %n показаниям счётчика между %1 и %2.</numerusform>
            <numerusform>Оценено по %n показаниям счётчика между %1 и %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n reading(s) of 0 Wh were left out (a register that read 0 before it jumped).</source>
        <translation>
            <numerusform>%n показание 0 Вт·ч отброшено (счётчик показывал 0, а потом прыгнул).</numerusform>
            <numerusform>%n показания 0 Вт·ч отброшены (счётчик показывал 0, а потом прыгнул).</numerusform>
            <numerusform>%n показаний 0 Вт·ч отброшено (счётчик показывал 0, а потом прыгнул).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The station sent no bill of its own for session %1 (no stop reading): use another method.</source>
        <translation>Станция не прислала собственного счёта для сессии %1 (нет показания при остановке): выберите другой способ.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own energy (%1 Wh) is not plausible: use another method.</source>
        <translation>Собственная энергия станции (%1 Вт·ч) неправдоподобна: выберите другой способ.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill says %1 Wh.</source>
        <translation>Собственный счёт станции: %1 Вт·ч.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s stop reading gives %1 Wh (meter %2 → %3 Wh).</source>
        <translation>Показание станции при остановке даёт %1 Вт·ч (счётчик %2 → %3 Вт·ч).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill asks %1; the tariff is applied to its energy.</source>
        <translation>Собственный счёт станции — %1; к её энергии применён тариф.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the energy in Wh.</source>
        <translation>Укажите энергию в Вт·ч.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>Энергия должна быть от 0 до %1 Вт·ч.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 Wh entered by hand, spread evenly over the charging time.</source>
        <translation>%1 Вт·ч введено вручную, равномерно распределено на время зарядки.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service already ended when the charging ended (%1): there is no idle time to remove.</source>
        <translation>Обслуживание уже закончилось вместе с зарядкой (%1): простоя, который можно убрать, нет.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service end %1 → %2 (the charging end).</source>
        <translation>Конец обслуживания %1 → %2 (конец зарядки).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no tariff %1.</source>
        <translation>Тарифа %1 нет.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariff %1 (version %2) was not in force when the session ran; it is applied as chosen.</source>
        <translation>Тариф %1 (версия %2) не действовал во время сессии; он применён, как выбрано.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No tariff was in force when session %1 ran (%2): choose one.</source>
        <translation>Во время сессии %1 (%2) не действовал ни один тариф: выберите тариф.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff %1 is in %2 but the bill is in %3.</source>
        <translation>Тариф %1 в %2, а счёт в %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priced with tariff %1, version %2 (valid from %3).</source>
        <translation>Рассчитано по тарифу %1, версия %2 (действует с %3).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the version to go back to.</source>
        <translation>Выберите версию, к которой вернуться.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bill %1 is not a version of this session&apos;s bill.</source>
        <translation>Счёт %1 не является версией счёта этой сессии.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bill %1 is the current version already.</source>
        <translation>Счёт %1 уже является действующей версией.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 keeps no inputs, so its numbers cannot be brought back.</source>
        <translation>Версия %1 не хранит входных данных, поэтому её суммы нельзя вернуть.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to the numbers of version %1 (bill %2, by %3).</source>
        <translation>Возврат к суммам версии %1 (счёт %2, автор %3).</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Issued %1, after the session started: it is not applied to this session.</source>
        <translation>Выдан %1, после начала сессии: к этой сессии не применяется.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The version brought back did not use it.</source>
        <translation>Версия, к которой возвращаются, его не использовала.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It goes back to the member as issued.</source>
        <translation>Он возвращается участнику как выданный.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The corrected amount reaches its minimum spend of %1: this bill uses it.</source>
        <translation>Исправленная сумма достигает его минимальной суммы %1: этот счёт его использует.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 of the version brought back no longer applies: %2</source>
        <translation>Купон %1 версии, к которой возвращаются, больше не применяется: %2</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmoney.cpp" line="+35"/>
        <source>Nobody is known to pay this session (no member, department or card): ChargeDesk collects or gives back nothing.</source>
        <translation>Неизвестно, кто платит за эту сессию (нет участника, подразделения или карты): ChargeDesk ничего не взимает и не возвращает.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The bill was %1: nothing was taken for it yet, so the whole corrected total is taken now.</source>
        <translation>Счёт был в состоянии «%1»: за него ещё ничего не списано, поэтому сейчас списывается вся исправленная сумма.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The balance goes below zero (%1).</source>
        <translation>Баланс становится отрицательным (%1).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Only %1 is held on the card: %2 of the corrected total cannot be captured and is to be collected another way.</source>
        <translation>На карте заблокировано лишь %1: %2 исправленной суммы нельзя списать, их надо взыскать иначе.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 was captured already and a capture cannot be raised: the additional %2 is to be collected another way.</source>
        <translation>Блокировка %1 уже списана, а списание нельзя увеличить: дополнительные %2 надо взыскать иначе.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Correct the bill when the hold is there.</source>
        <translation>Блокировка %1 в состоянии %2: банк ещё не зарезервировал деньги. Исправьте счёт, когда блокировка появится.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 is %2: the card pays nothing; %3 is to be collected another way.</source>
        <translation>Блокировка %1 в состоянии %2: карта ничего не оплачивает; %3 надо взыскать иначе.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>Платежи здесь недоступны, поэтому деньги блокировки %1 нельзя переместить.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Блокировка %1 сделана через шлюз %2, а сейчас используется шлюз %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>Шлюз ещё не ответил по блокировке %1; попробуйте, когда ответ придёт.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>Платёжный запрос по блокировке %1 ещё ждёт шлюз; попробуйте, когда он ответит.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionspendcoupons.cpp" line="+71"/>
        <source>Coupon rule %1 is not there any more: nothing was written.</source>
        <translation>Правила купонов %1 больше нет: ничего не записано.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Coupon %1 is not there any more: nothing was written.</source>
        <translation>Купона %1 больше нет: ничего не записано.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionMethodText</name>
    <message>
        <location filename="../core/anomalies/correctionmethod.cpp" line="+51"/>
        <source>Estimate the energy from the meter samples</source>
        <translation>Оценить энергию по показаниям счётчика</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the station&apos;s own bill</source>
        <translation>Взять собственный счёт станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the energy by hand</source>
        <translation>Ввести энергию вручную</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the service end to the charging end</source>
        <translation>Перенести конец обслуживания на конец зарядки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute with a tariff</source>
        <translation>Пересчитать по тарифу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert to an earlier version</source>
        <translation>Вернуться к предыдущей версии</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The energy is taken from the energy register readings the station sent during the session (first to last reading), and the bill is computed again.</source>
        <translation>Энергию берут из показаний счётчика энергии, которые станция присылала во время сессии (от первого до последнего), и счёт вычисляют заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy the station itself reported (its stop reading, or its own bill) replaces the platform&apos;s, and the bill is computed again.</source>
        <translation>Энергия, которую сообщила сама станция (её показание при остановке или её собственный счёт), заменяет энергию платформы, и счёт вычисляют заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You type the energy, for example from the station&apos;s display or a photo of it, and the bill is computed again.</source>
        <translation>Вы вводите энергию, например с дисплея станции или его фото, и счёт вычисляют заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service end is set to the charging end, so no idle (occupancy) fee is charged. For a car that did not occupy the charger after charging.</source>
        <translation>Конец обслуживания ставят на конец зарядки, поэтому плату за простой (парковку) не начисляют. Для машины, которая не занимала зарядку после зарядки.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same energy and times are priced again: with the tariff that was valid when the session ran, or with a tariff version you choose.</source>
        <translation>Ту же энергию и время оценивают заново: по тарифу, действовавшему во время сессии, или по выбранной вами версии тарифа.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A wrong correction is undone by a new version with the numbers of an earlier one; nothing is deleted.</source>
        <translation>Ошибочное исправление отменяют новой версией с суммами одной из предыдущих; ничего не удаляется.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionText</name>
    <message>
        <location filename="../core/anomalies/correctionpreview.cpp" line="+25"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (без изменений)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>member %1</source>
        <translation>участника %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>department %1 (paying for %2)</source>
        <translation>подразделения %1 (платит за %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>department %1</source>
        <translation>подразделение %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take %1 from the balance of %2 (%3 → %4).</source>
        <translation>Списать %1 с баланса %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give %1 back to the balance of %2 (%3 → %4).</source>
        <translation>Вернуть %1 на баланс %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The refundable amount falls to the new balance (%1 → %2).</source>
        <extracomment>the member&apos;s refundable amount never exceeds the balance (DOMAIN &quot;Refunds&quot;)</extracomment>
        <translation>Сумма к возврату уменьшается до нового баланса (%1 → %2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Capture %1 from the card (hold %2).</source>
        <translation>Списать %1 с карты (блокировка %2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Разблокировать %1 на карте клиента.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money to the card (hold %2).</source>
        <translation>Вернуть %1 списанных средств на карту (блокировка %2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is to be collected another way: no balance or hold can take it.</source>
        <translation>%1 надо взыскать иначе: ни баланс, ни блокировка не могут их покрыть.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>Деньги не движутся.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 still applies: %2 off.</source>
        <translation>Купон %1 по-прежнему действует: скидка %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon %1 still applies: %2 → %3 off.</source>
        <translation>Купон %1 по-прежнему действует: скидка %2 → %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops applying (%2 off no more).</source>
        <translation>Купон %1 больше не действует (скидки %2 больше нет).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 starts applying: %2 off.</source>
        <translation>Купон %1 начинает действовать: скидка %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 would apply but is not used.</source>
        <translation>Купон %1 мог бы действовать, но не используется.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5): it is unused and is revoked.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>Купон %1 больше не заработан (правило «%2»: расходы %3 → %4, ниже %5): он не использован и будет отозван.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5), but it has been used already: the correction leaves it; decide with the member whether to recover it.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>Купон %1 больше не заработан (правило «%2»: расходы %3 → %4, ниже %5), но он уже использован: исправление его не трогает; решите вместе с участником, возвращать ли его стоимость.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A coupon becomes earned (rule &quot;%1&quot;: spend %2 → %3 reaches %4): it is issued to the member.</source>
        <extracomment>%1 spend rule, %2 → %3 the member&apos;s spend before → after the correction, %4 the rule&apos;s threshold</extracomment>
        <translation>Купон становится заработанным (правило «%1»: расходы %2 → %3 достигают %4): он будет выдан участнику.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bill %1 (version %2) of session %3 — %4</source>
        <translation>Счёт %1 (версия %2) сессии %3 — %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy: %1</source>
        <translation>Энергия: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 Wh</source>
        <translation>%1 Вт·ч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  %1 Wh × %2/kWh = %3</source>
        <translation>  %1 Вт·ч × %2/кВт·ч = %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Energy fee: %1</source>
        <translation>Плата за энергию: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1</source>
        <translation>Плата за обслуживание: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee: %1</source>
        <translation>Плата за простой: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon: %1</source>
        <translation>Купон: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: %1</source>
        <translation>Итого: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>Доплата: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>Возврат: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money: %1</source>
        <translation>Деньги: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement: %1</source>
        <translation>Расчёт: %1</translation>
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
        <translation>Закрытые аномалии: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Anomalies open again: %1</source>
        <translation>Снова открытые аномалии: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note: %1</source>
        <translation>Примечание: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot apply: %1</source>
        <translation>Нельзя применить: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1 becomes version %2 with a total of %3 (was %4).</source>
        <translation>Счёт %1 становится версией %2 с суммой %3 (было %4).</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::DetectorText</name>
    <message>
        <location filename="../core/anomalies/detectors/billlost.cpp" line="+13"/>
        <source>No stop from the station: %1.</source>
        <extracomment>%1 how the session ended without the station&apos;s stop (&quot;closed after the station rebooted&quot;)</extracomment>
        <translation>Станция не прислала стоп: %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No stop from the station, which went offline during the session (disconnected %1).</source>
        <translation>Станция не прислала стоп и была офлайн во время сессии (отключилась %1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No stop from the station, which was offline when the session was closed.</source>
        <translation>Станция не прислала стоп и была офлайн, когда сессию закрыли.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/detailtext.cpp" line="+14"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy; %1 a number of kilowatt-hours with three decimals</extracomment>
        <translation>%1 кВт·ч</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 s</source>
        <extracomment>a duration in seconds</extracomment>
        <translation>%1 с</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min</source>
        <extracomment>a duration in minutes</extracomment>
        <translation>%1 мин</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <extracomment>a duration: %1 hours, %2 minutes (two digits)</extracomment>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 d %2 h</source>
        <extracomment>a duration: %1 days, %2 hours</extracomment>
        <translation>%1 д %2 ч</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 kW</source>
        <extracomment>a power; %1 a number of kilowatts with one decimal</extracomment>
        <translation>%1 кВт</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>closed after the station rebooted</source>
        <translation>закрыта после перезагрузки станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed when a new transaction started on the connector</source>
        <translation>закрыта, когда на коннекторе началась новая транзакция</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed after the station said it no longer runs the transaction</source>
        <translation>закрыта после того, как станция сообщила, что транзакция уже не идёт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished by an operator</source>
        <translation>завершена оператором</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed as abandoned: nothing heard of it for too long</source>
        <translation>закрыта как брошенная: о ней слишком долго ничего не было слышно</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/anomalies/detectors/timeoverlap.cpp" line="+19"/>
        <source>still open</source>
        <translation>ещё открыта</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed by &quot;%1&quot;</source>
        <extracomment>%1 is who closed the session, as stored</extracomment>
        <translation>закрыта: «%1»</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/durationanomaly.cpp" line="+20"/>
        <source>Charged for %1, longer than %2.</source>
        <extracomment>%1 how long the session charged, %2 the limit</extracomment>
        <translation>Зарядка длилась %1, дольше %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 delivered in a charging time of %2.</source>
        <extracomment>%1 the energy, %2 the (zero or negative) charging duration</extracomment>
        <translation>%1 отпущено за время зарядки %2.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energyanomaly.cpp" line="+13"/>
        <source>The meter stop (%1) is below the meter start (%2).</source>
        <translation>Конечное показание счётчика (%1) меньше начального (%2).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The energy is negative (%1).</source>
        <translation>Энергия отрицательная (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is more than any session can take (limit %2).</source>
        <extracomment>%1 the session&apos;s energy, %2 the limit</extracomment>
        <translation>%1 — больше, чем может получить любая сессия (предел %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 in %2 needs %3; no charger delivers more than %4.</source>
        <extracomment>%1 the energy, %2 the duration, %3 the power that would need, %4 the most any charger delivers</extracomment>
        <translation>%1 за %2 требует %3; ни одна зарядная станция не даёт больше %4.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energylost.cpp" line="+12"/>
        <source>No energy data: no meter values and no meter stop from the station.</source>
        <translation>Нет данных об энергии: ни показаний счётчика, ни конечного показания от станции.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/occupancyanomaly.cpp" line="+28"/>
        <source>The car stayed %1 after charging ended, longer than %2 (%3 → %4).</source>
        <extracomment>%1 how long the car stayed after charging, %2 the limit, %3 charging end, %4 when it left</extracomment>
        <translation>Машина оставалась %1 после окончания зарядки, дольше %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Charging lasted only %1 (a failed start?) but the car stayed %2.</source>
        <extracomment>%1 how long it charged (under a minute), %2 how long the car stayed afterwards</extracomment>
        <translation>Зарядка длилась всего %1 (неудачный старт?), но машина оставалась %2.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/platformdiffers.cpp" line="+73"/>
        <source>The station billed %1, the meter values show %2.</source>
        <extracomment>%1 the station&apos;s energy, %2 the platform&apos;s energy from meter values</extracomment>
        <translation>Станция насчитала %1, показания счётчика дают %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register read 0 before the start and then jumped to %1 (%2).</source>
        <extracomment>%1 the register reading after the jump, %2 when</extracomment>
        <translation>Счётчик показывал 0 до старта, а затем скачком вырос до %1 (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register jumped from %1 to %2 (%3 → %4).</source>
        <extracomment>%1 and %2 the register before and after the jump, %3 and %4 their times</extracomment>
        <translation>Счётчик скачком изменился с %1 до %2 (%3 → %4).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The register went backwards %n time(s).</source>
        <translation>
            <numerusform>Счётчик %n раз пошёл назад.</numerusform>
            <numerusform>Счётчик %n раза пошёл назад.</numerusform>
            <numerusform>Счётчик %n раз пошёл назад.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The station&apos;s start → stop is %1, the meter values span %2 (%3 → %4).</source>
        <extracomment>%1 the station&apos;s duration (start → stop), %2 the span of the meter values, %3 and %4 its first and last</extracomment>
        <translation>Старт → стоп станции: %1, показания счётчика охватывают %2 (%3 → %4).</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/timeanomaly.cpp" line="+21"/>
        <source>%1: station time %2, %3 later than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the start&quot;), %2 its time, %3 how far ahead, %4 when we received it</extracomment>
        <translation>%1: время станции %2, на %3 позже получения (%4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: station time %2, %3 earlier than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the stop&quot;), %2 its time, %3 how far behind, %4 when we received it</extracomment>
        <translation>%1: время станции %2, на %3 раньше получения (%4)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the stop (%1) lies before the start (%2)</source>
        <translation>стоп (%1) раньше старта (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>charging ended (%1) before it began (%2)</source>
        <translation>зарядка закончилась (%1) раньше, чем началась (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the car left (%1) before charging ended (%2)</source>
        <translation>машина уехала (%1) раньше, чем закончилась зарядка (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the session lasted %1, longer than %2</source>
        <extracomment>%1 the session&apos;s length, %2 the limit (168 h by default)</extracomment>
        <translation>сессия длилась %1, дольше %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the start</source>
        <translation>старт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the stop</source>
        <translation>стоп</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a meter value</source>
        <translation>показание счётчика</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Implausible times: %1.</source>
        <extracomment>the reasons a session&apos;s times are implausible, joined by &quot;; &quot;</extracomment>
        <translation>Неправдоподобное время: %1.</translation>
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
        <translation>Пересекается на коннекторе %1 с %2.</translation>
    </message>
</context>
<context>
    <name>cd::auth::PasswordHash</name>
    <message>
        <location filename="../core/auth/passwordhash.cpp" line="+35"/>
        <source>The password library (libsodium) could not be initialised.</source>
        <translation>Не удалось инициализировать библиотеку паролей (libsodium).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is too long.</source>
        <translation>Пароль слишком длинный.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not enough memory to hash the password.</source>
        <translation>Недостаточно памяти для хеширования пароля.</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillText</name>
    <message>
        <location filename="../core/billing/billcalculator.cpp" line="+304"/>
        <source>No tariff applied: nothing is charged for this session (times in %1). A correction can price it with a tariff.</source>
        <translation>Тариф не применён: за эту сессию ничего не начислено (время в %1). Исправление счёта может начислить её по тарифу.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tariff &quot;%1&quot;, version %2, %3 (times in %4).</source>
        <translation>Тариф «%1», версия %2, %3 (время в поясе %4).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Charging from %1 to %2 (%3 min); the connector was freed at %4.</source>
        <translation>Зарядка с %1 до %2 (%3 мин); разъём освобождён в %4.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Energy %1 kWh from %n energy register reading(s) (meter start %2 Wh, meter stop %3 Wh), shared between the periods by time between readings.</source>
        <translation>
            <numerusform>Энергия %1 кВт·ч по %n показанию счётчика (начало %2 Вт·ч, конец %3 Вт·ч), распределена между периодами по времени между показаниями.</numerusform>
            <numerusform>Энергия %1 кВт·ч по %n показаниям счётчика (начало %2 Вт·ч, конец %3 Вт·ч), распределена между периодами по времени между показаниями.</numerusform>
            <numerusform>Энергия %1 кВт·ч по %n показаниям счётчика (начало %2 Вт·ч, конец %3 Вт·ч), распределена между периодами по времени между показаниями.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy %1 kWh = meter stop %2 Wh − meter start %3 Wh (no readings in between: spread evenly over the charging time).</source>
        <translation>Энергия %1 кВт·ч = конечное показание %2 Вт·ч − начальное %3 Вт·ч (промежуточных показаний нет: равномерно за время зарядки).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Energy %1 kWh as entered for this bill (not from the meter), spread evenly over the charging time.</source>
        <translation>Энергия %1 кВт·ч, введённая для этого счёта (не со счётчика), равномерно за время зарядки.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy %1 kWh as the session recorded it (the energy register gave %2 kWh), shared between the periods in the shape of the register readings, or evenly without them.</source>
        <translation>Энергия %1 кВт·ч, как она записана в сессии (счётчик дал %2 кВт·ч), распределена между периодами по форме показаний счётчика или равномерно без них.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No energy data for this session: 0 kWh.</source>
        <translation>Для этой сессии нет данных об энергии: 0 кВт·ч.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 period %2</source>
        <translation>%1, период %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the periods</source>
        <translation>Вне периодов</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2 to %3: %4 kWh × %5/kWh = %6</source>
        <translation>%1, с %2 до %3: %4 кВт·ч × %5/кВт·ч = %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total: %1 (no tariff applied)</source>
        <translation>Итого: %1 (тариф не применён)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy fee: %1</source>
        <translation>Плата за энергию: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1 kWh × %2/kWh = %3</source>
        <translation>Плата за обслуживание: %1 кВт·ч × %2/кВт·ч = %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: none (the tariff charges no idle fee).</source>
        <translation>Плата за простой: нет (тариф её не предусматривает).</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Idle fee: none (the connector was freed within %n free minute(s) after charging ended).</source>
        <translation>
            <numerusform>Плата за простой: нет (разъём освобождён в течение %n бесплатной минуты после окончания зарядки).</numerusform>
            <numerusform>Плата за простой: нет (разъём освобождён в течение %n бесплатных минут после окончания зарядки).</numerusform>
            <numerusform>Плата за простой: нет (разъём освобождён в течение %n бесплатных минут после окончания зарядки).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: freed at %1 − (charging end %2 + %3 free min) = %4 whole min × %5/min = %6</source>
        <translation>Плата за простой: освобождён в %1 − (конец зарядки %2 + %3 беспл. мин) = %4 полных мин × %5/мин = %6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coupon %1: −%2 (worth %3, min spend %4).</source>
        <translation>Купон %1: −%2 (номинал %3, минимальная сумма %4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 not used: the amount %2 is below its minimum spend %3.</source>
        <translation>Купон %1 не применён: сумма %2 меньше его минимальной суммы %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total: %1 energy + %2 service + %3 idle − %4 coupon = %5</source>
        <translation>Итого: %1 энергия + %2 обслуживание + %3 простой − %4 купон = %5</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillingService</name>
    <message>
        <location filename="../core/billing/billingservice.cpp" line="+118"/>
        <source>The account that pays session %1 no longer exists.</source>
        <translation>Счёта, оплачивающего сессию %1, больше не существует.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>There is no session %1.</source>
        <translation>Сессии %1 нет.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 has not ended (status %2): it gets its bill when it ends.</source>
        <translation>Сессия %1 ещё не завершилась (статус %2): счёт будет выставлен после завершения.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Session %1 cannot be billed: no tariff applies.</source>
        <translation>Для сеанса %1 нельзя выставить счёт: ни один тариф не применяется.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Session abandoned</source>
        <translation>Сессия брошена</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The coupon chosen for session %1 was used meanwhile: try again.</source>
        <translation>Купон, выбранный для сессии %1, тем временем уже использован: попробуйте ещё раз.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bill of session %1</source>
        <translation>Счёт сессии %1</translation>
    </message>
</context>
<context>
    <name>cd::billing::CouponRules</name>
    <message>
        <location filename="../core/billing/couponrules.cpp" line="+86"/>
        <source>The coupon applies.</source>
        <translation>Купон применяется.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has been used, revoked or has expired.</source>
        <translation>Купон уже использован, отозван или просрочен.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon belongs to another member.</source>
        <translation>Купон принадлежит другому клиенту.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another department.</source>
        <translation>Купон ограничен другим подразделением.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another sub-operator.</source>
        <translation>Купон ограничен другим субоператором.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another station.</source>
        <translation>Купон ограничен другой станцией.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is not valid yet.</source>
        <translation>Купон ещё не действует.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has expired.</source>
        <translation>Срок действия купона истёк.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is below the coupon&apos;s minimum spend.</source>
        <translation>Сумма меньше минимальной суммы купона.</translation>
    </message>
</context>
<context>
    <name>cd::billing::SettlementText</name>
    <message>
        <location filename="../core/billing/settlement.cpp" line="+48"/>
        <source>Hold until corrected</source>
        <translation>Удерживать до исправления</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settle first, correct later</source>
        <translation>Сначала списать, потом исправить</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsettled</source>
        <translation>Не рассчитан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled</source>
        <translation>Рассчитан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charged provisionally</source>
        <translation>Списано предварительно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held until corrected</source>
        <translation>Удержан до исправления</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffRepository</name>
    <message>
        <location filename="../core/billing/tariffrepository.cpp" line="+224"/>
        <source>Tariff %1 (&quot;%2&quot;) already applies to this scope: save a new version of it instead.</source>
        <translation>Тариф %1 («%2») уже действует для этой области: сохраните вместо этого его новую версию.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+71"/>
        <source>There is no tariff %1.</source>
        <translation>Тарифа %1 нет.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Version %1 of this tariff has been replaced by tariff %2 already: edit the newest version.</source>
        <translation>Версия %1 этого тарифа уже заменена тарифом %2: редактируйте самую новую версию.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new version keeps the scope of the tariff: create a new tariff for another scope.</source>
        <translation>Новая версия сохраняет область тарифа: для другой области создайте новый тариф.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new version must start after the version it replaces (%1).</source>
        <translation>Новая версия должна начинаться после версии, которую она заменяет (%1).</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Tariff %1 has a newer version: end that one.</source>
        <translation>У тарифа %1 есть более новая версия: завершите её.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff can only end after it starts.</source>
        <translation>Тариф может закончиться только после начала.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>There is no session %1.</source>
        <translation>Сессии %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffText</name>
    <message>
        <location filename="../core/billing/tariff.cpp" line="+112"/>
        <source>Peak</source>
        <translation>Пик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flat</source>
        <translation>Полупик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valley</source>
        <translation>Ночь</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Global default</source>
        <translation>Общий по умолчанию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter a name for the tariff.</source>
        <translation>Укажите название тарифа.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the currency of the tariff.</source>
        <translation>Укажите валюту тарифа.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code (three capital letters, e.g. EUR).</source>
        <translation>«%1» — не код валюты (три заглавные буквы, напр. EUR).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a known time zone (e.g. Europe/Kyiv, Asia/Shanghai, UTC).</source>
        <translation>«%1» — неизвестный часовой пояс (напр. Europe/Kyiv, Asia/Shanghai, UTC).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price must not be negative.</source>
        <translation>Цена энергии не может быть отрицательной.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service fee must not be negative.</source>
        <translation>Плата за обслуживание не может быть отрицательной.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The idle fee must not be negative.</source>
        <translation>Плата за простой не может быть отрицательной.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The free minutes before the idle fee must not be negative.</source>
        <translation>Бесплатные минуты до платы за простой не могут быть отрицательными.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The global default tariff applies everywhere: it has no site, station or department.</source>
        <translation>Общий тариф действует везде: у него нет площадки, станции или подразделения.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the site the tariff applies to.</source>
        <translation>Выберите площадку, к которой применяется тариф.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the station the tariff applies to.</source>
        <translation>Выберите станцию, к которой применяется тариф.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the department the tariff applies to.</source>
        <translation>Выберите подразделение, к которому применяется тариф.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tariff must end after it starts.</source>
        <translation>Тариф должен заканчиваться после начала.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: times must lie between 00:00 and 24:00.</source>
        <translation>Период %1: время должно быть между 00:00 и 24:00.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period %1 is empty: it starts and ends at %2.</source>
        <translation>Период %1 пуст: он начинается и заканчивается в %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: the energy price must not be negative.</source>
        <translation>Период %1: цена энергии не может быть отрицательной.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Periods %1 (%2) and %3 (%4) overlap.</source>
        <translation>Периоды %1 (%2) и %3 (%4) пересекаются.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingService</name>
    <message>
        <location filename="../core/charging/chargingservice.cpp" line="+67"/>
        <source>No station with the internal id %1.</source>
        <translation>Станции с внутренним идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingText</name>
    <message>
        <location filename="../core/charging/chargingtypes.cpp" line="+123"/>
        <source>Emergency stop button pressed</source>
        <translation>Нажата кнопка аварийной остановки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vehicle unplugged</source>
        <translation>Кабель отсоединён от автомобиля</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station hard reset</source>
        <translation>Жёсткая перезагрузка станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station soft reset</source>
        <translation>Мягкая перезагрузка станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped at the station (card or button)</source>
        <translation>Остановлено на станции (картой или кнопкой)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station lost power</source>
        <translation>Станция потеряла питание</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station rebooted during the session</source>
        <translation>Станция перезагрузилась во время сессии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped from the back office</source>
        <translation>Остановлено из административной системы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector unlocked from the back office</source>
        <translation>Коннектор разблокирован из административной системы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card no longer authorized</source>
        <translation>Карта больше не авторизована</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station rebooted and reported the connector available</source>
        <translation>Закрыто системой: станция перезагрузилась и сообщила, что коннектор свободен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: a new session started on the same connector</source>
        <translation>Закрыто системой: на том же коннекторе началась новая сессия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station says the session ended, but its end message never arrived</source>
        <translation>Закрыто системой: станция сообщает, что сессия завершена, но сообщение о завершении так и не пришло</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other reason</source>
        <translation>Другая причина</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not stopped</source>
        <translation>Не остановлено</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for payment</source>
        <translation>Ожидает оплаты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting</source>
        <translation>Запускается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging</source>
        <translation>Зарядка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for final payment</source>
        <translation>Ожидает окончательной оплаты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Завершена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canceled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Сбой</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed, payment still held</source>
        <translation>Сбой, средства ещё заблокированы</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accepted</source>
        <translation>Принята</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card blocked</source>
        <translation>Карта заблокирована</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card expired</source>
        <translation>Срок действия карты истёк</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown or invalid card</source>
        <translation>Неизвестная или недействительная карта</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card already charging elsewhere</source>
        <translation>Карта уже используется для зарядки в другом месте</translation>
    </message>
</context>
<context>
    <name>cd::charging::CommitQueue</name>
    <message>
        <location filename="../core/charging/commitqueue.cpp" line="+22"/>
        <source>The charging service is shutting down.</source>
        <translation>Служба зарядки завершает работу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A message handler failed unexpectedly.</source>
        <translation>Обработчик сообщений неожиданно дал сбой.</translation>
    </message>
</context>
<context>
    <name>cd::charging::SessionTimeline</name>
    <message>
        <location filename="../core/charging/sessiontimeline.cpp" line="+94"/>
        <source>requested</source>
        <translation>запрошено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bank processing</source>
        <translation>банк обрабатывает</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>money held on the card</source>
        <translation>средства заблокированы на карте</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>captured</source>
        <translation>списано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>released to the card</source>
        <translation>возвращено на карту</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>canceled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 kWh</source>
        <extracomment>energy in kilowatt-hours, %1 a number such as 12.4</extracomment>
        <translation>%1 кВт·ч</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 kW</source>
        <extracomment>power in kilowatts, %1 a number such as 7.2</extracomment>
        <translation>%1 кВт</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session created: the station started charging</source>
        <translation>Сессия создана: станция начала зарядку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session created</source>
        <translation>Сессия создана</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s start was matched to this session (connector %1)</source>
        <translation>Старт станции сопоставлен с этой сессией (разъём %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card %1 presented: %2</source>
        <translation>Предъявлена карта %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging started although the card was not authorised (%1)</source>
        <translation>Зарядка началась, хотя карта не авторизована (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station confirmed the start (transaction %1, connector %2, meter %3)</source>
        <translation>Станция подтвердила старт (транзакция %1, разъём %2, счётчик %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated its start message — ignored, answered as before</source>
        <translation>Станция повторила сообщение о старте — проигнорировано, ответ прежний</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status: %1 → %2</source>
        <translation>Статус: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vehicle started taking energy</source>
        <translation>Автомобиль начал получать энергию</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging state reported by the station: %1</source>
        <translation>Состояние зарядки по данным станции: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start meter reading taken from the first meter value: %1</source>
        <translation>Начальное показание счётчика взято из первого измерения: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values arrived after the stop — kept, the session&apos;s energy is unchanged</source>
        <translation>Показания счётчика пришли после остановки — сохранены, энергия сессии не изменилась</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reported the stop: %1 charged, meter %2. Reason: %3</source>
        <translation>Станция сообщила об остановке: заряжено %1, счётчик %2. Причина: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station repeated its stop message — ignored, nothing counted twice</source>
        <translation>Станция повторила сообщение об остановке — проигнорировано, ничего не учтено дважды</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s stop arrived after the system had closed the session; the station&apos;s figures now count</source>
        <translation>Остановка от станции пришла после того, как система закрыла сессию; теперь действуют данные станции</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Meter at stop (%1) is below the meter at start (%2): energy set to 0</source>
        <translation>Счётчик при остановке (%1) меньше, чем при старте (%2): энергия установлена в 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station&apos;s stop time lies before its start time: the station&apos;s clock is wrong</source>
        <translation>Время остановки раньше времени старта: часы станции неверны</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closed by the system: the station rebooted without sending a stop (%1 charged)</source>
        <translation>Закрыто системой: станция перезагрузилась, не отправив остановку (заряжено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: a new session started on the same connector (%1 charged)</source>
        <translation>Закрыто системой: на том же разъёме началась новая сессия (заряжено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: the station no longer runs this transaction and its stop was lost (%1 charged)</source>
        <translation>Закрыто системой: станция больше не ведёт эту транзакцию, а её остановка потерялась (заряжено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: nothing was heard of this session for too long and its stop never came (%1 charged)</source>
        <translation>Закрыта системой: об этой сессии слишком долго ничего не было слышно, а её стоп так и не пришёл (заряжено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station rebooted while this session was open</source>
        <translation>Станция перезагрузилась, пока сессия была открыта</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asked the station: it no longer runs this transaction</source>
        <translation>Запрос к станции: она больше не ведёт эту транзакцию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station: the transaction is still running</source>
        <translation>Запрос к станции: транзакция ещё идёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station about the transaction: no clear answer</source>
        <translation>Запрос к станции о транзакции: чёткого ответа нет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not ask the station about the transaction</source>
        <translation>Не удалось запросить станцию о транзакции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivered late from the station&apos;s offline queue (message %1)</source>
        <translation>Доставлено с опозданием из офлайн-очереди станции (сообщение %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing: expected number %1, received %2</source>
        <translation>Не хватает сообщений станции: ожидался номер %1, получен %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A late station message arrived (number %1)</source>
        <translation>Пришло запоздалое сообщение станции (номер %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The transaction ended with station messages still missing</source>
        <translation>Транзакция завершилась, а части сообщений станции так и нет</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s first message about this transaction was not its start</source>
        <translation>Первое сообщение станции об этой транзакции не было стартом</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment hold: %1 → %2 (held %3, captured %4)</source>
        <extracomment>%1 and %2 hold states such as &quot;money held on the card&quot;, %3 and %4 amounts</extracomment>
        <translation>Блокировка средств: %1 → %2 (заблокировано %3, списано %4)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bank reported the hold as &quot;%1&quot; — ignored for now, no card token yet; applied when it comes</source>
        <translation>Банк сообщил статус блокировки «%1» — пока проигнорировано, токена карты ещё нет; будет применено, когда он поступит</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank reported the hold as &quot;%1&quot; — waiting for an earlier report first</source>
        <translation>Банк сообщил статус блокировки «%1» — сначала ждём предыдущее сообщение</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund of %1 (refunded in all: %2)</source>
        <translation>Возврат %1 (всего возвращено: %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priced for payment: %1 for %2</source>
        <translation>Рассчитано к оплате: %1 за %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill issued: %1 for %2</source>
        <extracomment>%1 the bill&apos;s total, %2 the energy billed (core/billing)</extracomment>
        <translation>Выставлен счёт: %1 за %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The amount %1 is more than the hold of %2: %3 is to be collected another way</source>
        <extracomment>%1 the session&apos;s amount, %2 what the hold had reserved, %3 what is left to collect</extracomment>
        <translation>Сумма %1 больше холда %2: %3 нужно взыскать другим способом</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session could not be priced (no tariff, or another currency): the hold waits for the operator&apos;s Finalize</source>
        <translation>Сессию не удалось рассчитать (нет тарифа или другая валюта): холд ждёт «Финализировать» от оператора</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bill has anomalies and is held until corrected: the hold of %1 stays on the card until bill %2 is corrected</source>
        <extracomment>%1 the amount held on the card, %2 the bill&apos;s id</extracomment>
        <translation>Счёт содержит аномалии и удерживается до исправления: блокировка %1 остаётся на карте, пока счёт %2 не исправят</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Balance running out: stop sent automatically (left %1, stop at %2)</source>
        <translation>Баланс заканчивается: остановка отправлена автоматически (остаток %1, порог %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station accepted the stop but kept charging: %1 more since</source>
        <translation>Станция приняла остановку, но продолжила зарядку: ещё %1 с тех пор</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finished by the operator: %1 → %2, %3 charged, amount %4. Reason: %5</source>
        <translation>Завершено оператором: %1 → %2, заряжено %3, сумма %4. Причина: %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold canceled by the operator: %1 → %2. Reason: %3</source>
        <translation>Оператор отменил блокировку средств: %1 → %2. Причина: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finalized by the operator: amount %1. Reason: %2</source>
        <translation>Окончательно рассчитано оператором: сумма %1. Причина: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy set by the operator: %1 → %2, amount %3 → %4. Reason: %5</source>
        <translation>Энергия изменена оператором: %1 → %2, сумма %3 → %4. Причина: %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status changed by the operator (%1): %2 → %3. Reason: %4</source>
        <translation>Статус изменён оператором (%1): %2 → %3. Причина: %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start sent to the station by the operator. Reason: %1</source>
        <translation>Оператор отправил станции команду старта. Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop sent to the station by the operator. Reason: %1</source>
        <translation>Оператор отправил станции команду остановки. Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reset by the operator. Reason: %1</source>
        <translation>Оператор перезагрузил станцию. Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator action %1. Reason: %2</source>
        <translation>Действие оператора %1. Причина: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The money call after the operator&apos;s action failed: %1</source>
        <translation>Платёжная операция после действия оператора не удалась: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated message %1 — ignored</source>
        <translation>Станция повторила сообщение %1 — проигнорировано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Event: %1</source>
        <extracomment>a session event the console has no words for yet; %1 its internal name</extracomment>
        <translation>Событие: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by %1</source>
        <translation>выполнил %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Message %1 not accepted: %2</source>
        <translation>Сообщение %1 не принято: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Station refused %1 with the error %2</source>
        <translation>Станция отклонила %1 с ошибкой %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused the station&apos;s %1 with the error %2</source>
        <translation>%1 от станции отклонено с ошибкой %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station reports the start on connector %1 with card %2, meter %3</source>
        <translation>Станция сообщает о старте на разъёме %1 с картой %2, счётчик %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reports the stop of transaction %1, meter %2</source>
        <translation>Станция сообщает об остановке транзакции %1, счётчик %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station asks whether card %1 may charge</source>
        <translation>Станция спрашивает, может ли карта %1 заряжать</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connector %1 reports: %2</source>
        <translation>Разъём %1 сообщает: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Station reports the start of the transaction (message %1)</source>
        <translation>Станция сообщает о начале транзакции (сообщение %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports the end of the transaction (message %1)</source>
        <translation>Станция сообщает о завершении транзакции (сообщение %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports progress (message %1, %2)</source>
        <translation>Станция сообщает о ходе зарядки (сообщение %1, %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station sent %1</source>
        <translation>Станция отправила %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>START sent to the station (connector %1, card %2)</source>
        <translation>Команда СТАРТ отправлена на станцию (разъём %1, карта %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>STOP sent to the station (transaction %1)</source>
        <translation>Команда СТОП отправлена на станцию (транзакция %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent to the station</source>
        <translation>%1 отправлено на станцию</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Station accepted the START</source>
        <translation>Станция приняла СТАРТ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the START (%1)</source>
        <translation>Станция отклонила СТАРТ (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station accepted the STOP</source>
        <translation>Станция приняла СТОП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the STOP (%1)</source>
        <translation>Станция отклонила СТОП (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station answered %1</source>
        <translation>Станция ответила на %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station answered %1: %2</source>
        <translation>Станция ответила на %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start confirmed to the station: transaction %1, card %2</source>
        <translation>Старт подтверждён станции: транзакция %1, карта: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop confirmed to the station</source>
        <translation>Остановка подтверждена станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered the station about the card: %1</source>
        <translation>Ответ станции по карте: %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 A</source>
        <extracomment>electric current in amperes, %1 a number such as 16.0</extracomment>
        <translation>%1 А</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>battery %1 %</source>
        <extracomment>the vehicle battery&apos;s state of charge, %1 a whole number of percent</extracomment>
        <translation>батарея %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no energy reading</source>
        <translation>без показания энергии</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeated meter callback without progress (%1) — ignored</source>
        <translation>Повторное показание счётчика без прироста (%1) — проигнорировано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter: %1</source>
        <translation>Счётчик: %1</translation>
    </message>
</context>
<context>
    <name>cd::charging::SuspiciousSessions</name>
    <message>
        <location filename="../core/charging/suspicioussessions.cpp" line="+101"/>
        <source>Charged without an authorised card</source>
        <translation>Зарядка без авторизованной карты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing</source>
        <translation>Не хватает сообщений станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start message never arrived</source>
        <translation>Сообщение о старте не пришло</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop arrived after the system closed it</source>
        <translation>Остановка пришла после закрытия системой</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter went backwards</source>
        <translation>Счётчик пошёл назад</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station clock wrong</source>
        <translation>Неверные часы станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values after the stop</source>
        <translation>Показания после остановки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system, no Stop from the station</source>
        <translation>Закрыто системой, станция не прислала остановку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No energy delivered</source>
        <translation>Энергия не отпущена</translation>
    </message>
</context>
<context>
    <name>cd::charging::TransactionLedger</name>
    <message>
        <location filename="../core/charging/transactionledger.cpp" line="+256"/>
        <source>Transaction ids beyond 2147483647 cannot be issued to OCPP 1.6 stations.</source>
        <translation>Идентификаторы транзакций больше 2147483647 нельзя выдавать станциям OCPP 1.6.</translation>
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
        <translation>Ид.</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+38"/>
        <location line="+175"/>
        <location line="+30"/>
        <location line="+106"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+39"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+42"/>
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+43"/>
        <source>Refundable</source>
        <translation>К возврату</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+45"/>
        <location line="+168"/>
        <source>Auto-stop at</source>
        <translation>Автоостановка при</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+45"/>
        <source>Cards</source>
        <translation>Карты</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+98"/>
        <location line="+23"/>
        <source>Give the member&apos;s id.</source>
        <translation>Укажите идентификатор участника.</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+312"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pending refund</source>
        <translation>Возврат ожидает</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-ups</source>
        <translation>Пополнения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купоны</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Created member %1.</source>
        <translation>Участник %1 создан.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+86"/>
        <source>Issued coupon %1 (%2).</source>
        <translation>Выдан купон %1 (%2).</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Saved member %1.</source>
        <translation>Участник %1 сохранён.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>Укажите сумму: --amount 100.00.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Would top up member %1 by %2: balance %3 → %4.</source>
        <translation>Участник %1 был бы пополнен на %2: баланс %3 → %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It would earn the coupon &quot;%1&quot; (%2).</source>
        <translation>Это дало бы купон «%1» (%2).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Topped up member %1 by %2 (receipt %3); balance %4.</source>
        <translation>Участник %1 пополнен на %2 (квитанция %3); баланс %4.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+30"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+30"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Parent</source>
        <translation>Родительское</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bills to parent</source>
        <translation>Оплачивает родительское</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pooled balance</source>
        <translation>Общий баланс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department cards</source>
        <translation>Карты подразделения</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n день</numerusform>
            <numerusform>%n дня</numerusform>
            <numerusform>%n дней</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trigger</source>
        <translation>Условие</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--trigger must be topup, new_member or spend.</source>
        <translation>--trigger должен быть topup, new_member или spend.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+106"/>
        <source>Min spend</source>
        <translation>Мин. счёт</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Valid</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <translation>Заработан от</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Say what the coupon is worth: --amount 10.00.</source>
        <translation>Укажите стоимость купона: --amount 10.00.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Created coupon rule %1.</source>
        <translation>Правило купонов %1 создано.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--status must be issued, used or revoked.</source>
        <translation>--status должен быть issued, used или revoked.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until (UTC)</source>
        <translation>Действует до (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Пополнение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by bill</source>
        <translation>Заработан счётом</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give the coupon&apos;s id.</source>
        <translation>Укажите идентификатор купона.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Revoked coupon %1.</source>
        <translation>Купон %1 отозван.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AlertCommands</name>
    <message>
        <location filename="../app/cli/alertcommands.cpp" line="+64"/>
        <source>--state must be open, acknowledged, resolved, active or all.</source>
        <translation>--state должен быть open, acknowledged, resolved, active или all.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--last must be a positive number.</source>
        <translation>--last должен быть положительным числом.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Id</source>
        <translation>Идентификатор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opened (UTC)</source>
        <translation>Открыто (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times</source>
        <translation>Раз</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assigned to</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the alert&apos;s id.</source>
        <translation>Укажите идентификатор оповещения.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an alert id.</source>
        <translation>«%1» — не идентификатор оповещения.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say who gets the alert: --to NAME (an empty name unassigns it).</source>
        <translation>Укажите, кому назначить оповещение: --to ИМЯ (пустое имя снимает назначение).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Alert %1: %2</source>
        <translation>Оповещение %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assigned to %1</source>
        <translation>назначено: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show alerts (default: open and acknowledged), newest first.</source>
        <translation>Показать оповещения (по умолчанию: открытые и подтверждённые), сначала новые.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge an alert.</source>
        <translation>Подтвердить оповещение.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign an alert to someone.</source>
        <translation>Назначить оповещение исполнителю.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve an alert, saying what was done.</source>
        <translation>Решить оповещение с описанием сделанного.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AuditCommands</name>
    <message>
        <location filename="../app/cli/auditcommands.cpp" line="+26"/>
        <source>--last must be a positive number.</source>
        <translation>--last должен быть положительным числом.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subject</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the newest audit log entries.</source>
        <translation>Показать последние записи журнала аудита.</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCommands</name>
    <message>
        <location filename="../app/cli/billcommands.cpp" line="+88"/>
        <source>&quot;%1&quot; is not an anomaly code (1–9, 11).</source>
        <translation>«%1» — не код аномалии (1–9, 11).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--status must be open, resolved or all.</source>
        <translation>--status должен быть open, resolved или all.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Session</source>
        <translation>Сеанс</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bill</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+70"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="-70"/>
        <location line="+70"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Codes</source>
        <translation>Коды</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started (UTC)</source>
        <translation>Начало (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kWh</source>
        <translation>кВт·ч</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settlement</source>
        <translation>Расчёт</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--by must be day, week or month.</source>
        <translation>--by должен быть day, week или month.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose one of --json and --csv.</source>
        <translation>Выберите что-то одно: --json или --csv.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly</source>
        <translation>Аномалия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly bills</source>
        <translation>Аномальные счета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сеансы</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Доля</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 anomaly bills; periods in %2.</source>
        <extracomment>%1 a number of bills, %2 a time zone such as Europe/Kyiv</extracomment>
        <translation>Аномальных счетов: %1; периоды по часовому поясу %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show anomaly bills (default: open ones), newest session first.</source>
        <translation>Показать аномальные счета (по умолчанию — открытые), новейшие сеансы первыми.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count anomaly bills by code, station, firmware and period, with their share of sessions.</source>
        <translation>Посчитать аномальные счета по коду, станции, прошивке и периоду, с их долей среди сеансов.</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCorrectCommands</name>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="-147"/>
        <source>The bill id must be a whole number, e.g. 42.</source>
        <translation>Идентификатор счёта должен быть целым числом, напр. 42.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--reason is required: it is kept with the bill and in the audit log.</source>
        <translation>Нужен --reason: он хранится со счётом и в журнале аудита.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Done: bill %1 is version %2 of the bill (audit record %3).</source>
        <translation>Готово: счёт %1 — версия %2 счёта (запись аудита %3).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Usage: chargedesk-cli bill correct &lt;bill id&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason TEXT [--dry-run] [--json]</source>
        <translation>Использование: chargedesk-cli bill correct &lt;ид счёта&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason ТЕКСТ [--dry-run] [--json]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 needs a whole number.</source>
        <translation>--%1 требует целого числа.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--method must be estimate, station, manual, service-end, tariff or revert.</source>
        <translation>--method должен быть estimate, station, manual, service-end, tariff или revert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--method manual needs --energy-wh with a whole number of Wh.</source>
        <translation>--method manual требует --energy-wh с целым числом Вт·ч.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--method revert needs --to-bill with the id of the version to go back to.</source>
        <translation>--method revert требует --to-bill с идентификатором версии, к которой вернуться.</translation>
    </message>
</context>
<context>
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+49"/>
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>Командная строка ChargeDesk: сценарии и учёт.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print machine-readable JSON.</source>
        <translation>Выводить машиночитаемый JSON.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+63"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Output file.</source>
        <translation>Файл для вывода.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>path</source>
        <translation>путь</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name.</source>
        <translation>Отображаемое название.</translation>
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
        <translation>текст</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Station vendor.</source>
        <translation>Производитель станции.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station model.</source>
        <translation>Модель станции.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station firmware version.</source>
        <translation>Версия прошивки станции.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street address.</source>
        <translation>Адрес.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude in degrees.</source>
        <translation>Широта в градусах.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+36"/>
        <source>number</source>
        <translation>число</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Longitude in degrees.</source>
        <translation>Долгота в градусах.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the station from the public map (it stays in reports).</source>
        <translation>Скрыть станцию с публичной карты (в отчётах она останется).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows matching this text.</source>
        <translation>Только строки, содержащие этот текст.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the newest N rows.</source>
        <translation>Только N последних строк.</translation>
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
        <translation>Имя, записываемое в журнал аудита (по умолчанию: cli:&lt;user&gt;); только пока в базе данных нет операторов.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in as this operator (password from CHARGEDESK_PASSWORD, or asked for); required once the database has operators.</source>
        <translation>Войти как этот оператор (пароль из CHARGEDESK_PASSWORD или по запросу); обязательно, как только в базе данных появились операторы.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>login</source>
        <translation>логин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An operator&apos;s role: support, site_manager, accountant, administrator or a custom one.</source>
        <translation>Роль оператора: support, site_manager, accountant, administrator или пользовательская.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>role</source>
        <translation>роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many times an operator may be logged in at once (default 1).</source>
        <translation>Сколько раз оператор может быть в системе одновременно (по умолчанию 1).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>From this time on (ISO 8601, e.g. 2026-11-23T08:00:00Z).</source>
        <translation>Начиная с этого времени (ISO 8601, напр. 2026-11-23T08:00:00Z).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>time</source>
        <translation>время</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up to this time (ISO 8601).</source>
        <translation>До этого времени (ISO 8601).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command parameter, key=value (repeatable; JSON values allowed).</source>
        <translation>Параметр команды, key=value (можно повторять; допускаются значения JSON).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key=value</source>
        <translation>key=value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command&apos;s whole payload as a JSON object.</source>
        <translation>Всё содержимое команды в виде объекта JSON.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>json</source>
        <translation>json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the command queued until the station connects.</source>
        <translation>Держать команду в очереди, пока станция не подключится.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to wait for the station&apos;s answer (default 90).</source>
        <translation>Сколько секунд ждать ответа станции (по умолчанию 90).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>секунды</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only open sessions.</source>
        <translation>Только открытые сессии.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only sessions open for long (the station never sent Stop).</source>
        <translation>Только давно открытые сессии (станция так и не прислала Stop).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What counts as old for --old-open (default 24).</source>
        <translation>Через сколько часов сессия считается давней для --old-open (по умолчанию 24).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>часы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag kind: card, app or department.</source>
        <translation>Вид id tag: card, app или department.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kind</source>
        <translation>вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag status: Accepted, Blocked or Expired; anomaly bills: open, resolved or all.</source>
        <translation>Статус идентификатора: Accepted, Blocked или Expired; аномальные счета: open, resolved или all.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the id tag expires (ISO 8601).</source>
        <translation>Когда истекает срок действия id tag (ISO 8601).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>date</source>
        <translation>дата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent id tag (a group or department).</source>
        <translation>Родительский id tag (группа или отдел).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tag</source>
        <translation>тег</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions an id tag may run at once (department cards).</source>
        <translation>Сколько сессий id tag может иметь одновременно (для карт отделов).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s Basic-auth password (security profile 1).</source>
        <translation>Пароль Basic auth станции (профиль безопасности 1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>пароль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the change is made (kept in the audit log).</source>
        <translation>Причина изменения (сохраняется в журнале аудита).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what would happen (to money too) and change nothing.</source>
        <translation>Показать, что произойдёт (в том числе с деньгами), ничего не меняя.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An amount in the session&apos;s currency, e.g. 12.50.</source>
        <translation>Сумма в валюте сессии, например 12.50.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <location line="+7"/>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+23"/>
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>An energy counter in Wh.</source>
        <translation>Значение счётчика энергии в Вт·ч.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wh</source>
        <translation>Вт·ч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An energy in kWh, e.g. 12345.678 (meter readings).</source>
        <translation>Энергия в кВт·ч, напр. 12345.678 (показания счётчиков).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kWh</source>
        <translation>кВт·ч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the session&apos;s amount from the tariff.</source>
        <translation>Пересчитать сумму сессии по тарифу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status change mode: soft (keeps priorities) or override.</source>
        <translation>Режим смены статуса: soft (соблюдает приоритеты) или override.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>mode</source>
        <translation>режим</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>A hard reset (1.6 Hard, 2.0.1 Immediate) instead of a soft one.</source>
        <translation>Жёсткая перезагрузка (1.6 Hard, 2.0.1 Immediate) вместо мягкой.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert state: open, acknowledged, resolved, active or all.</source>
        <translation>Состояние оповещения: open, acknowledged, resolved, active или all.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state</source>
        <translation>состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note for the alert&apos;s history.</source>
        <translation>Заметка в историю оповещения.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s phone number.</source>
        <translation>Номер телефона участника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s e-mail address.</source>
        <translation>Адрес эл. почты участника.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>address</source>
        <translation>адрес</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A department&apos;s id.</source>
        <translation>Идентификатор подразделения.</translation>
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
        <translation>идентификатор</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>A member&apos;s id.</source>
        <translation>Идентификатор участника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold: stop charging when this much is left.</source>
        <translation>Порог автоостановки: остановить зарядку, когда останется столько.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ISO 4217 currency (default: the one in Settings › Payments).</source>
        <translation>Валюта ISO 4217 (по умолчанию — из Настройки › Платежи).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up&apos;s receipt number.</source>
        <translation>Номер квитанции пополнения.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The payment gateway that took the money (default: manual).</source>
        <translation>Платёжный шлюз, принявший деньги (по умолчанию manual).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What issues the coupon: topup or new_member.</source>
        <translation>Что выдаёт купон: topup или new_member.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>trigger</source>
        <translation>условие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up that earns the coupon, e.g. 100.00.</source>
        <translation>Пополнение, дающее купон, например 100.00.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The spend in the rule&apos;s period that earns the coupon (trigger spend), e.g. 300.00.</source>
        <translation>Расходы за период правила, дающие купон (триггер spend), напр. 300.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill a coupon needs to apply, e.g. 20.00.</source>
        <translation>Счёт, нужный для применения купона, например 20.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A sub-operator: its name or its id.</source>
        <translation>Субоператор: его название или id.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How a sub-operator&apos;s bills with anomalies settle: settle_first or hold_until_corrected.</source>
        <translation>Как рассчитываются счета субоператора с аномалиями: settle_first или hold_until_corrected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A station&apos;s id.</source>
        <translation>Идентификатор станции.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A site&apos;s name (reports).</source>
        <translation>Название площадки (отчёты).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report rows per site, station, vendor, firmware or sub-operator.</source>
        <translation>Строки отчёта по площадке, станции, производителю, прошивке или субоператору.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>группа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split a report by day, week or month.</source>
        <translation>Разбить отчёт по дням, неделям или месяцам.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bucket</source>
        <translation>интервал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag report rows below this percentage.</source>
        <translation>Отмечать строки отчёта ниже этого процента.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days a coupon stays valid after it is issued.</source>
        <translation>Сколько дней купон действует после выдачи.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill correction method: estimate, station, manual, service-end, tariff or revert.</source>
        <translation>Способ исправления счёта: estimate, station, manual, service-end, tariff или revert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>method</source>
        <translation>способ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tariff version&apos;s id.</source>
        <translation>Идентификатор версии тарифа.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill version to go back to (bill correct --method revert).</source>
        <translation>Версия счёта, к которой вернуться (bill correct --method revert).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly code (repeatable, or several separated by commas).</source>
        <translation>Код аномалии (можно повторять или указать несколько через запятую).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A station&apos;s charge point id.</source>
        <translation>Идентификатор станции (charge point id).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most N rows.</source>
        <translation>Не более N строк.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics period: day, week or month.</source>
        <translation>Период статистики: day, week или month.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>period</source>
        <translation>период</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print CSV (or write it to --out).</source>
        <translation>Вывести CSV (или записать в --out).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version, not only the ones in force (tariff list).</source>
        <translation>Все версии, не только действующие (tariff list).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The commission kept from a refund, e.g. 2.00.</source>
        <translation>Комиссия, удержанная из возврата, например 2.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the coupons the refunded top-ups earned (default: revoke them).</source>
        <translation>Оставить купоны, полученные за возвращённые пополнения (по умолчанию их отзывают).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cash refund was not paid at the desk: the money goes back to the member.</source>
        <translation>Возврат наличными не выплачен в кассе: деньги возвращаются участнику.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows older than this id (paging, newest first).</source>
        <translation>Только строки старше этого id (постранично, новые первыми).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report file format: csv, xlsx, pdf or json.</source>
        <translation>Формат файла отчёта: csv, xlsx, pdf или json.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>format</source>
        <translation>формат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do; see the list above.</source>
        <translation>Что сделать; см. список выше.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;group&gt; &lt;verb&gt; [arguments]</source>
        <translation>&lt;группа&gt; &lt;действие&gt; [аргументы]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commands:</source>
        <translation>Команды:</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No command given.</source>
        <translation>Команда не указана.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown command: %1</source>
        <translation>Неизвестная команда: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>This database has operator accounts: log in with --as LOGIN (the password comes from CHARGEDESK_PASSWORD, or is asked for).</source>
        <translation>В этой базе данных есть учётные записи операторов: войдите с --as LOGIN (пароль берётся из CHARGEDESK_PASSWORD или запрашивается).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--as and --operator do not go together: the audit log records the operator who logged in.</source>
        <translation>--as и --operator нельзя использовать вместе: в журнал аудита записывается вошедший оператор.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are no operators yet: add the first administrator with chargedesk-cli operator add LOGIN.</source>
        <translation>Операторов ещё нет: добавьте первого администратора командой chargedesk-cli operator add LOGIN.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password for %1: </source>
        <translation>Пароль для %1: </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Internal error: the command &quot;%1&quot; belongs to no screen.</source>
        <translation>Внутренняя ошибка: команда «%1» не относится ни к одному экрану.</translation>
    </message>
</context>
<context>
    <name>cd::cli::CommandCommands</name>
    <message>
        <location filename="../app/cli/commandcommands.cpp" line="+51"/>
        <source>--payload must be a JSON object.</source>
        <translation>--payload должен быть объектом JSON.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--param needs key=value, got &quot;%1&quot;.</source>
        <translation>--param требует key=value, получено «%1».</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</source>
        <translation>Использование: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--timeout must be a positive number of seconds.</source>
        <translation>--timeout должен быть положительным числом секунд.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Command %1 queued; waiting for the station…</source>
        <translation>Команда %1 поставлена в очередь; ожидание станции…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Command</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>No answer within %n second(s); the command stays queued.</source>
        <translation>
            <numerusform>Нет ответа в течение %n секунды; команда остаётся в очереди.</numerusform>
            <numerusform>Нет ответа в течение %n секунд; команда остаётся в очереди.</numerusform>
            <numerusform>Нет ответа в течение %n секунд; команда остаётся в очереди.</numerusform>
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
        <translation>Запрошено (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Send an OCPP command to a station and wait for its answer (audited).</source>
        <translation>Отправить станции команду OCPP и дождаться ответа (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the newest commands and their outcomes.</source>
        <translation>Показать последние команды и их результаты.</translation>
    </message>
</context>
<context>
    <name>cd::cli::DbCommands</name>
    <message>
        <location filename="../app/cli/dbcommands.cpp" line="+50"/>
        <source>Engine</source>
        <translation>СУБД</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>Расположение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version</source>
        <translation>Версия схемы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables</source>
        <translation>Таблицы</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Schema is at version %1.</source>
        <translation>Схема имеет версию %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the database engine, location, schema version and row counts.</source>
        <translation>Показать СУБД, расположение базы данных, версию схемы и количество строк.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the database and apply pending schema migrations.</source>
        <translation>Открыть базу данных и применить ожидающие миграции схемы.</translation>
    </message>
</context>
<context>
    <name>cd::cli::KeyCommands</name>
    <message>
        <location filename="../app/cli/keycommands.cpp" line="+25"/>
        <source>Wrote a new 256-bit key to %1 (mode 0600). Keep a backup: without it the database cannot be read.</source>
        <translation>Новый 256-битный ключ записан в %1 (режим 0600). Сделайте резервную копию: без неё базу данных невозможно прочитать.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Make a new random database key (prints it, or writes a 0600 key file).</source>
        <translation>Создать новый случайный ключ базы данных (выводит его или записывает в файл ключа с режимом 0600).</translation>
    </message>
</context>
<context>
    <name>cd::cli::OperatorCommands</name>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="-294"/>
        <source>Usage: chargedesk-cli operator add &lt;login&gt; [--name TEXT] [--role ROLE] [--max-logins N]</source>
        <translation>Использование: chargedesk-cli operator add &lt;логин&gt; [--name ТЕКСТ] [--role РОЛЬ] [--max-logins N]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--max-logins takes a whole number.</source>
        <translation>--max-logins принимает целое число.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first operator is the administrator: leave out --role.</source>
        <translation>Первый оператор — администратор: не указывайте --role.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password for %1: </source>
        <translation>Пароль для %1: </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Added %1, the first administrator. From now on every command needs --as LOGIN.</source>
        <translation>Добавлен %1, первый администратор. Теперь каждой команде нужен --as LOGIN.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added operator %1 (%2).</source>
        <translation>Добавлен оператор %1 (%2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>disabled</source>
        <translation>отключён</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked until %1</source>
        <translation>заблокирован до %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enabled</source>
        <translation>включён</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+97"/>
        <location line="+80"/>
        <source>Id</source>
        <translation>Ид.</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+177"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+97"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+97"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Logins</source>
        <translation>Входы</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli operator set-role &lt;login&gt; &lt;role&gt;</source>
        <translation>Использование: chargedesk-cli operator set-role &lt;логин&gt; &lt;роль&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 now has the role %2.</source>
        <translation>Теперь у %1 роль %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli operator set-max-logins &lt;login&gt; &lt;N&gt;</source>
        <translation>Использование: chargedesk-cli operator set-max-logins &lt;логин&gt; &lt;N&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may now be logged in %2 time(s) at once.</source>
        <translation>Теперь у %1 может быть одновременно открыто входов: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator disable &lt;login&gt;</source>
        <translation>Использование: chargedesk-cli operator disable &lt;логин&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli operator enable &lt;login&gt;</source>
        <translation>Использование: chargedesk-cli operator enable &lt;логин&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is disabled; their login sessions were ended.</source>
        <translation>%1 отключён; сеансы входа этого оператора завершены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is enabled.</source>
        <translation>%1 включён.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator unlock &lt;login&gt;</source>
        <translation>Использование: chargedesk-cli operator unlock &lt;логин&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may log in again.</source>
        <translation>%1 снова может входить.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli operator passwd [&lt;login&gt;]</source>
        <translation>Использование: chargedesk-cli operator passwd [&lt;логин&gt;]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say whose password, or log in with --as to change your own.</source>
        <translation>Укажите, чей пароль, или войдите с --as, чтобы сменить собственный.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New password for %1: </source>
        <translation>Новый пароль для %1: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current password: </source>
        <translation>Текущий пароль: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your password is changed.</source>
        <translation>Ваш пароль изменён.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password of %1 is changed.</source>
        <translation>Пароль %1 изменён.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli role add &lt;name&gt; [&lt;permission&gt;…]</source>
        <translation>Использование: chargedesk-cli role add &lt;название&gt; [&lt;разрешение&gt;…]</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Added role %1 with %n permission(s).</source>
        <translation>
            <numerusform>Добавлена роль %1 с %n разрешением.</numerusform>
            <numerusform>Добавлена роль %1 с %n разрешениями.</numerusform>
            <numerusform>Добавлена роль %1 с %n разрешениями.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>built-in</source>
        <translation>встроенная</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>custom</source>
        <translation>пользовательская</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+59"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Permissions</source>
        <translation>Разрешения</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role grant &lt;role&gt; &lt;permission&gt;…</source>
        <translation>Использование: chargedesk-cli role grant &lt;роль&gt; &lt;разрешение&gt;…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli role revoke &lt;role&gt; &lt;permission&gt;…</source>
        <translation>Использование: chargedesk-cli role revoke &lt;роль&gt; &lt;разрешение&gt;…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Granted to %1.</source>
        <translation>Выдано роли %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked from %1.</source>
        <translation>Отозвано у роли %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli role delete &lt;role&gt;</source>
        <translation>Использование: chargedesk-cli role delete &lt;роль&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted role %1.</source>
        <translation>Роль %1 удалена.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role permissions [&lt;role&gt;]</source>
        <translation>Использование: chargedesk-cli role permissions [&lt;роль&gt;]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>Роли с названием «%1» нет.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>screen</source>
        <translation>экран</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>action</source>
        <translation>действие</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Permission</source>
        <translation>Разрешение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allows to</source>
        <translation>Разрешает</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since (UTC)</source>
        <translation>Начало (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last seen (UTC)</source>
        <translation>Последний раз (UTC)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli login-sessions end &lt;id&gt;</source>
        <translation>Использование: chargedesk-cli login-sessions end &lt;ид&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session %1 is ended.</source>
        <translation>Сеанс входа %1 завершён.</translation>
    </message>
</context>
<context>
    <name>cd::cli::OptionValues</name>
    <message>
        <location filename="../app/cli/optionvalues.cpp" line="+19"/>
        <source>--%1 must be a positive number.</source>
        <translation>--%1 должно быть положительным числом.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</source>
        <translation>--%1 должно быть датой и временем в формате ISO 8601, напр. 2027-01-31T23:59:59Z.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an id (a positive number).</source>
        <translation>--%1 должен быть идентификатором (положительным числом).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be a number.</source>
        <translation>--%1 должен быть числом.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;%1&quot; is not an id.</source>
        <translation>«%1» — не идентификатор.</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>--%1 must be an amount such as 12.50 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>--%1 должен быть суммой, например 12.50 (не более %n знака после запятой).</numerusform>
            <numerusform>--%1 должен быть суммой, например 12.50 (не более %n знаков после запятой).</numerusform>
            <numerusform>--%1 должен быть суммой, например 12.50 (не более %n знаков после запятой).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::PasswordPrompt</name>
    <message>
        <location filename="../app/cli/passwordprompt.cpp" line="+55"/>
        <location line="+11"/>
        <source>No password: set %1 or type it when asked.</source>
        <translation>Нет пароля: задайте %1 или введите пароль, когда его запросят.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same password again: </source>
        <translation>Тот же пароль ещё раз: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>Пароли не совпадают; ничего не изменено.</translation>
    </message>
</context>
<context>
    <name>cd::cli::ReconciliationCommands</name>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="-139"/>
        <source>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</source>
        <translation>Укажите --%1 (дату вроде 2026-11-01 или время ISO 8601).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1: &quot;%2&quot; is not a date or an ISO 8601 time.</source>
        <translation>--%1: «%2» не является датой или временем ISO 8601.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site: --site NAME.</source>
        <translation>Укажите площадку: --site ИМЯ.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--energy-kwh is an energy in kWh with at most 3 decimals, e.g. 12345.678.</source>
        <translation>--energy-kwh — энергия в кВт·ч не более чем с 3 знаками после запятой, напр. 12345.678.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--energy-wh is a whole number of Wh.</source>
        <translation>--energy-wh — целое число Вт·ч.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say what the meter recorded: --energy-kwh X or --energy-wh N.</source>
        <translation>Укажите, что записал счётчик: --energy-kwh X или --energy-wh N.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Replaced the reading of %1 for %2 … %3: %4 kWh (was %5 kWh).</source>
        <translation>Заменено показание %1 за %2 … %3: %4 кВт·ч (было %5 кВт·ч).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded the reading of %1 for %2 … %3: %4 kWh.</source>
        <translation>Записано показание %1 за %2 … %3: %4 кВт·ч.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile meter-reading import FILE.</source>
        <translation>Укажите файл: reconcile meter-reading import ФАЙЛ.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Imported %n reading(s): %1 new, %2 replaced.</source>
        <translation>
            <numerusform>Импортировано %n показание: новых %1, заменено %2.</numerusform>
            <numerusform>Импортировано %n показания: новых %1, заменено %2.</numerusform>
            <numerusform>Импортировано %n показаний: новых %1, заменено %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Site</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From (UTC)</source>
        <translation>С (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To (UTC)</source>
        <translation>По (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy (kWh)</source>
        <translation>Энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile receipts import FILE --gateway NAME.</source>
        <translation>Укажите файл: reconcile receipts import ФАЙЛ --gateway ИМЯ.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Imported %n receipt(s); %1 already there.</source>
        <translation>
            <numerusform>Импортирована %n квитанция; уже было %1.</numerusform>
            <numerusform>Импортированы %n квитанции; уже было %1.</numerusform>
            <numerusform>Импортировано %n квитанций; уже было %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::RefundCommands</name>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="-292"/>
        <source>Say whose refund it is: --member ID.</source>
        <translation>Укажите, чей это возврат: --member ID.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>Укажите сумму: --amount 100.00.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refund application %1: %2 moved from member %3&apos;s balance to the pending refund, waiting for the audit.</source>
        <translation>Заявка на возврат %1: %2 перемещено с баланса участника %3 в сумму, ожидающую возврата; ждёт проверки.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--status must be pending, approved or rejected.</source>
        <translation>--status должен быть pending, approved или rejected.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied at</source>
        <translation>Дата заявки</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+173"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location line="-173"/>
        <location line="+174"/>
        <location line="+19"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+175"/>
        <source>Commission</source>
        <translation>Комиссия</translation>
    </message>
    <message>
        <location line="-175"/>
        <location line="+176"/>
        <source>Refunded amount</source>
        <translation>Возвращённая сумма</translation>
    </message>
    <message>
        <location line="-176"/>
        <location line="+177"/>
        <location line="+17"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+177"/>
        <source>Progress</source>
        <translation>Ход</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Refund application %1 rejected: %2 went back to member %3&apos;s balance.</source>
        <translation>Заявка на возврат %1 отклонена: %2 вернулось на баланс участника %3.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Usage: chargedesk-cli refund %1 …; see chargedesk-cli --help.</source>
        <translation>Использование: chargedesk-cli refund %1 …; см. chargedesk-cli --help.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli refund %1 &lt;id&gt; …; see chargedesk-cli --help.</source>
        <translation>Использование: chargedesk-cli refund %1 &lt;id&gt; …; см. chargedesk-cli --help.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Refund application %1: %2, %3; refunded %4 of %5 (commission %6).</source>
        <translation>Заявка на возврат %1: %2, %3; возвращено %4 из %5 (комиссия %6).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 could not be refunded through any top-up and went back to the member&apos;s refundable balance.</source>
        <translation>%1 не удалось вернуть ни через одно пополнение, эта сумма возвращена в сумму участника к возврату.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pay %1 back in cash at the desk, then: chargedesk-cli refund confirm %2 --reason TEXT</source>
        <translation>Выплатите %1 наличными в кассе, затем: chargedesk-cli refund confirm %2 --reason TEXT</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record %1 (%2) has no answer from the gateway yet: chargedesk-cli refund retry %3</source>
        <translation>Запись %1 (%2) ещё не получила ответа шлюза: chargedesk-cli refund retry %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Refund application</source>
        <translation>Заявка на возврат</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+23"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Revoke coupons</source>
        <translation>Отозвать купоны</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member&apos;s balance</source>
        <translation>Баланс участника</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable</source>
        <translation>К возврату</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund</source>
        <translation>Возврат ожидает</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>desk (cash)</source>
        <translation>касса (наличные)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway</source>
        <translation>Шлюз</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Пополнение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up total</source>
        <translation>Сумма пополнения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Our refund no.</source>
        <translation>Наш № возврата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway refund no.</source>
        <translation>№ возврата шлюза</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>До</translation>
    </message>
</context>
<context>
    <name>cd::cli::ReportCommands</name>
    <message>
        <location filename="../app/cli/reportcommands.cpp" line="-300"/>
        <source>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</source>
        <translation>Укажите --%1 (дату, например 2026-11-01, или время ISO 8601).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>--threshold-percent is a whole number of percent, e.g. 85.</source>
        <translation>--threshold-percent — целое число процентов, например 85.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Say --format csv, xlsx, pdf or json.</source>
        <translation>Укажите --format csv, xlsx, pdf или json.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This chargedesk-cli cannot draw PDF files (it runs without the GUI libraries&apos; application object). Export csv, xlsx or json, or the PDF from the console.</source>
        <translation>Этот chargedesk-cli не может рисовать PDF-файлы (он работает без объекта приложения графических библиотек). Экспортируйте csv, xlsx или json, либо PDF из консоли.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 of %2 rows (%3 %)</source>
        <translation>%1 из %2 строк (%3 %)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Wrote %n row(s) to %1 (export %2).</source>
        <translation>
            <numerusform>Записана %n строка в %1 (экспорт %2).</numerusform>
            <numerusform>Записаны %n строки в %1 (экспорт %2).</numerusform>
            <numerusform>Записано %n строк в %1 (экспорт %2).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Say which export: report changes &lt;export id&gt;.</source>
        <translation>Укажите экспорт: report changes &lt;id экспорта&gt;.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Export %1 (%2, %3, %4 by %5): %6 rows then, %7 now.</source>
        <translation>Экспорт %1 (%2, %3, %4, автор %5): тогда %6 строк, сейчас %7.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 then, %3 now.</source>
        <translation>%1: тогда %2, сейчас %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing changed since the export.</source>
        <translation>После экспорта ничего не изменилось.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 changed, %2 added, %3 removed.</source>
        <translation>Изменено: %1, добавлено: %2, удалено: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>Строки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created (UTC)</source>
        <translation>Создано (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
</context>
<context>
    <name>cd::cli::SessionCommands</name>
    <message>
        <location filename="../app/cli/sessioncommands.cpp" line="+34"/>
        <source>--older-than-hours must be a positive number.</source>
        <translation>--older-than-hours должен быть положительным числом.</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+27"/>
        <source>Session</source>
        <translation>Сессия</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Created (UTC)</source>
        <translation>Создана (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+28"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Connector</source>
        <translation>Коннектор</translation>
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
        <translation>Статус</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Energy, Wh</source>
        <translation>Энергия, Вт·ч</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+33"/>
        <source>Stop reason</source>
        <translation>Причина остановки</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Usage: chargedesk-cli tx show &lt;session id or number&gt;</source>
        <translation>Использование: chargedesk-cli tx show &lt;идентификатор или номер сессии&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>No session %1.</source>
        <translation>Сессии %1 нет.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Transaction</source>
        <translation>Транзакция</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Подробности</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n OCPP message(s), %1 meter sample(s); --json shows them.</source>
        <translation>
            <numerusform>Сообщений OCPP: %n, показаний счётчика: %1 (их выводит --json).</numerusform>
            <numerusform>Сообщений OCPP: %n, показаний счётчика: %1 (их выводит --json).</numerusform>
            <numerusform>Сообщений OCPP: %n, показаний счётчика: %1 (их выводит --json).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>List sessions: the newest, the open ones, or the old open ones.</source>
        <translation>Показать список сессий: последние, открытые или давно открытые.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show one session with its events, meter samples and OCPP messages.</source>
        <translation>Показать одну сессию с её событиями, показаниями счётчика и сообщениями OCPP.</translation>
    </message>
</context>
<context>
    <name>cd::cli::SiteCommands</name>
    <message>
        <location filename="../app/cli/sitecommands.cpp" line="+56"/>
        <source>Usage: chargedesk-cli sub-operator add &lt;name&gt; [--settlement-mode MODE]</source>
        <translation>Использование: chargedesk-cli sub-operator add &lt;название&gt; [--settlement-mode РЕЖИМ]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Added sub-operator %1.</source>
        <translation>Субоператор %1 добавлен.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+54"/>
        <source>Id</source>
        <translation>Ид.</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+54"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Settlement</source>
        <translation>Расчёт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sites</source>
        <translation>Площадки</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli site add &lt;name&gt; [--sub-operator NAME] [--address TEXT]</source>
        <translation>Использование: chargedesk-cli site add &lt;название&gt; [--sub-operator НАЗВАНИЕ] [--address ТЕКСТ]</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Added site %1.</source>
        <translation>Площадка %1 добавлена.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sub-operator</source>
        <translation>Субоператор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stations</source>
        <translation>Станции</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli site set-sub-operator &lt;site&gt; [&lt;sub-operator&gt;]</source>
        <translation>Использование: chargedesk-cli site set-sub-operator &lt;площадка&gt; [&lt;субоператор&gt;]</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Site %1 now belongs to sub-operator %2.</source>
        <translation>Площадка %1 теперь принадлежит субоператору %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site %1 now belongs to no sub-operator.</source>
        <translation>Площадка %1 теперь не принадлежит ни одному субоператору.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;site&gt;]</source>
        <translation>Использование: chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;площадка&gt;]</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station %1 now stands at site %2.</source>
        <translation>Станция %1 теперь на площадке %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station %1 now belongs to no site.</source>
        <translation>Станция %1 теперь не относится ни к одной площадке.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-location &lt;chargePointId&gt; [--lat LATITUDE --lon LONGITUDE]</source>
        <translation>Использование: chargedesk-cli station set-location &lt;chargePointId&gt; [--lat ШИРОТА --lon ДОЛГОТА]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Station %1 now stands at %2, %3.</source>
        <translation>Станция %1 теперь стоит в точке %2, %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station %1 has no location now (it is not on the map).</source>
        <translation>У станции %1 теперь нет местоположения (её нет на карте).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a sub-operator (a partner that runs sites; audited).</source>
        <translation>Добавить субоператора (партнёра, управляющего площадками; с записью в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sub-operators.</source>
        <translation>Список субоператоров.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a site (a place with stations and its own meter; audited).</source>
        <translation>Добавить площадку (место со станциями и собственным счётчиком; с записью в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sites with their sub-operator and stations.</source>
        <translation>Список площадок с их субоператором и станциями.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a site under a sub-operator, or under none (audited).</source>
        <translation>Отнести площадку к субоператору или ни к кому (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a station on a site, or on none (audited).</source>
        <translation>Отнести станцию к площадке или ни к какой (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place a station on the map, or take it off without --lat/--lon (audited).</source>
        <translation>Поставить станцию на карту или убрать с неё без --lat/--lon (с журналом аудита).</translation>
    </message>
</context>
<context>
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+81"/>
        <source>hidden</source>
        <translation>скрыта</translation>
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
        <translation>Название</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Vendor</source>
        <translation>Производитель</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+22"/>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+26"/>
        <source>Registration</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Map</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli station show &lt;chargePointId&gt;</source>
        <translation>Использование: chargedesk-cli station show &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+65"/>
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Serial number</source>
        <translation>Серийный номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden from map</source>
        <translation>Скрыта с карты</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last boot (UTC)</source>
        <translation>Последняя загрузка (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heartbeat (UTC)</source>
        <translation>Последний сигнал heartbeat (UTC)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</source>
        <translation>Использование: chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>in</source>
        <translation>входящее</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out</source>
        <translation>исходящее</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Direction</source>
        <translation>Направление</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message id</source>
        <translation>Идентификатор сообщения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No messages from or to %1 in this period.</source>
        <translation>За этот период нет сообщений от %1 или к нему.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station device-model &lt;chargePointId&gt;</source>
        <translation>Использование: chargedesk-cli station device-model &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EVSE</source>
        <translation>EVSE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Variable</source>
        <translation>Переменная</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Единица</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</source>
        <translation>Использование: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</source>
        <translation>Пароль станции должен содержать от 16 до 40 символов (OCPP 1.6, профиль безопасности 1).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Added station %1.</source>
        <translation>Станция %1 добавлена.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List stations, hidden ones included.</source>
        <translation>Показать список станций, включая скрытые.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show one station.</source>
        <translation>Показать одну станцию.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s OCPP message log, oldest first (raw frames with --json).</source>
        <translation>Журнал сообщений OCPP станции, от самых старых (исходные кадры с --json).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The device model an OCPP 2.0.1 station reported (NotifyReport).</source>
        <translation>Модель устройства, которую сообщила станция OCPP 2.0.1 (NotifyReport).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register a station (audited).</source>
        <translation>Зарегистрировать станцию (с записью в аудит).</translation>
    </message>
</context>
<context>
    <name>cd::cli::TagCommands</name>
    <message>
        <location filename="../app/cli/tagcommands.cpp" line="+23"/>
        <source>Usage: chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</source>
        <translation>Использование: chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--max-sessions must be a positive number.</source>
        <translation>--max-sessions должен быть положительным числом.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Added id tag %1.</source>
        <translation>Id tag %1 добавлен.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Id tag</source>
        <translation>Id tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expires (UTC)</source>
        <translation>Действует до (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parent</source>
        <translation>Родительский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sessions at once</source>
        <translation>Одновременных сессий</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Register an id tag (card, app token or department card; audited).</source>
        <translation>Зарегистрировать id tag (карта, токен приложения или карта отдела; с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List id tags.</source>
        <translation>Показать список id tag.</translation>
    </message>
</context>
<context>
    <name>cd::cli::TariffCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/tariffcommands.cpp" line="-202"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n период</numerusform>
            <numerusform>%n периода</numerusform>
            <numerusform>%n периодов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Id</source>
        <translation>Ид.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>Применяется к</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from (UTC)</source>
        <translation>Действует с (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid to (UTC)</source>
        <translation>Действует до (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service fee</source>
        <translation>Плата за обслуживание</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli tariff show &lt;id&gt; [--json]</source>
        <translation>Использование: chargedesk-cli tariff show &lt;id&gt; [--json]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no tariff %1.</source>
        <translation>Тарифа %1 нет.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tariff %1 &quot;%2&quot;, version %3</source>
        <translation>Тариф %1 «%2», версия %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to: %1</source>
        <translation>Применяется к: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>Действует: с %1 до %2 (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency: %1; time zone: %2</source>
        <translation>Валюта: %1; часовой пояс: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 (outside the periods)</source>
        <translation>Энергия: %1 (вне периодов)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service fee: %1</source>
        <translation>Плата за обслуживание: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Idle fee: %1/min after %n free minute(s) after charging ends</source>
        <translation>
            <numerusform>Плата за простой: %1/мин после %n бесплатной минуты после окончания зарядки</numerusform>
            <numerusform>Плата за простой: %1/мин после %n бесплатных минут после окончания зарядки</numerusform>
            <numerusform>Плата за простой: %1/мин после %n бесплатных минут после окончания зарядки</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by %1 at %2</source>
        <translation>Создал %1 в %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (id %2, from %3)</source>
        <translation>%1 (ид. %2, с %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Versions: %1</source>
        <translation>Версии: %1</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>&quot;%1&quot; is neither a session number nor an id.</source>
        <translation>«%1» — не номер сессии и не идентификатор.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: chargedesk-cli bill show &lt;session number | bill id&gt; [--json]</source>
        <translation>Использование: chargedesk-cli bill show &lt;номер сессии | ид. счёта&gt; [--json]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No bill found for &quot;%1&quot;.</source>
        <translation>Для «%1» счёт не найден.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Bill %1, version %2 of session %3: %4 (%5)</source>
        <translation>Счёт %1, версия %2 сессии %3: %4 (%5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Correction: %1 by %2: %3</source>
        <translation>Исправление: %1, автор %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This bill was stored without its inputs: it cannot be explained line by line.</source>
        <translation>Этот счёт сохранён без входных данных: его нельзя объяснить построчно.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>v%1 (bill %2): %3</source>
        <translation>в%1 (счёт %2): %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli bill issue &lt;session number | session id&gt;</source>
        <translation>Использование: chargedesk-cli bill issue &lt;номер сессии | ид. сессии&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is no session &quot;%1&quot;.</source>
        <translation>Сессии «%1» нет.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bill %1 issued for session %2.</source>
        <translation>Счёт %1 выставлен для сессии %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 already has bill %2.</source>
        <translation>У сессии %1 уже есть счёт %2.</translation>
    </message>
</context>
<context>
    <name>cd::cli::TxActionCommands</name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="-140"/>
        <source>set-energy needs --energy-wh with a whole number of Wh.</source>
        <translation>set-energy требует --energy-wh с целым числом Вт·ч.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set-status needs --status, e.g. --status finished.</source>
        <translation>set-status требует --status, например --status finished.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--mode must be soft or override.</source>
        <translation>--mode должен быть soft или override.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Usage: chargedesk-cli tx %1 &lt;session id or number&gt; --reason TEXT [--dry-run]</source>
        <translation>Использование: chargedesk-cli tx %1 &lt;идентификатор или номер сессии&gt; --reason ТЕКСТ [--dry-run]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No session %1.</source>
        <translation>Нет сессии %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--reason is required: it is kept in the audit log.</source>
        <translation>Требуется --reason: причина сохраняется в журнале аудита.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Command %1 queued; `chargedesk-cli command list %2` shows the station&apos;s answer.</source>
        <translation>Команда %1 поставлена в очередь; `chargedesk-cli command list %2` покажет ответ станции.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done (audit record %1).</source>
        <translation>Готово (запись аудита %1).</translation>
    </message>
</context>
<context>
    <name>cd::commands::CommandQueue</name>
    <message>
        <location filename="../core/commands/commandqueue.cpp" line="+35"/>
        <source>&quot;%1&quot; is not a valid charge point id.</source>
        <translation>«%1» — недопустимый идентификатор зарядной станции.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command needs an OCPP action name.</source>
        <translation>Для команды нужно имя действия OCPP.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command&apos;s payload must be a JSON object.</source>
        <translation>Содержимое команды должно быть объектом JSON.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a command a %2 station takes. It takes: %3.</source>
        <translation>%1 — не команда, которую принимает станция %2. Она принимает: %3.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The station is offline; the command was not sent.</source>
        <translation>Станция не в сети; команда не отправлена.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No command with the id %1.</source>
        <translation>Команды с идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::commands::ConfigurationText</name>
    <message>
        <location filename="../core/commands/stationconfiguration.cpp" line="+11"/>
        <source>The station&apos;s answer is not a GetConfiguration answer.</source>
        <translation>Ответ станции не является ответом на GetConfiguration.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The station took the new value.</source>
        <translation>Станция приняла новое значение.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station took the new value; it applies after the station restarts.</source>
        <translation>Станция приняла новое значение; оно вступит в силу после перезапуска станции.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station rejected the new value.</source>
        <translation>Станция отклонила новое значение.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station does not support this key.</source>
        <translation>Станция не поддерживает этот ключ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station answered: %1</source>
        <translation>Станция ответила: %1</translation>
    </message>
</context>
<context>
    <name>cd::console::Main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+42"/>
        <source>ChargeDesk operator console for EV-charging networks.</source>
        <translation>ChargeDesk — консоль оператора для сетей зарядных станций электромобилей.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open the database</source>
        <translation>Не удаётся открыть базу данных</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invalid command line</source>
        <translation>Неверная командная строка</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not run the station server in this console for this run (for example when chargedesk-server serves the stations of a shared database).</source>
        <translation>Не запускать сервер станций в этой консоли при этом запуске (например, когда станции общей базы обслуживает chargedesk-server).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo mode: simulated stations connect to this console&apos;s station server and charge with the demo fleet card. Use it on a database of its own.</source>
        <translation>Демонстрационный режим: имитированные станции подключаются к серверу станций этой консоли и заряжают по демонстрационной карте автопарка. Используйте его с отдельной базой данных.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of simulated stations in demo mode (default 10).</source>
        <translation>Количество имитированных станций в демонстрационном режиме (по умолчанию 10).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--demo-stations must be a whole number from 1 to 1000.</source>
        <translation>--demo-stations должно быть целым числом от 1 до 1000.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot start demo mode</source>
        <translation>Не удаётся запустить демонстрационный режим</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot log in</source>
        <translation>Не удаётся войти</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database has operator accounts: log in in a console with a screen, or set CHARGEDESK_LOGIN and CHARGEDESK_PASSWORD.</source>
        <translation>В этой базе данных есть учётные записи операторов: войдите в консоли с экраном или задайте CHARGEDESK_LOGIN и CHARGEDESK_PASSWORD.</translation>
    </message>
</context>
<context>
    <name>cd::i18n::LanguageOption</name>
    <message>
        <location filename="../core/i18n/languageoption.cpp" line="+26"/>
        <source>Interface language for this run: %1.</source>
        <extracomment>--lang option in --help; %1 lists the codes (&quot;en, uk, ru, zh_CN&quot;)</extracomment>
        <translation>Язык интерфейса для этого запуска: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>код</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown language &quot;%1&quot;. Supported: %2.</source>
        <translation>Неизвестный язык «%1». Поддерживаются: %2.</translation>
    </message>
</context>
<context>
    <name>cd::payments::AutoStop</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+85"/>
        <source>No session with the id %1.</source>
        <translation>Нет сессии с идентификатором %1.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Balance left %1, at or below the auto-stop threshold %2 (session %3)</source>
        <translation>Остаток баланса %1 — на уровне или ниже порога автоостановки %2 (сессия %3)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>У сессии %1 нет числового идентификатора транзакции для остановки.</translation>
    </message>
</context>
<context>
    <name>cd::payments::HoldService</name>
    <message>
        <location filename="../core/payments/holdservice.cpp" line="+107"/>
        <source>No payment hold %1.</source>
        <translation>Нет холда %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No payment call %1.</source>
        <translation>Нет платёжного запроса %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now. Switch back to it in Settings › Payments to change this hold.</source>
        <translation>Холд %1 создан через шлюз %2, а сейчас используется шлюз %3. Чтобы изменить этот холд, верните шлюз в Настройки › Платежи.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hold %1 has no answer from the gateway yet.</source>
        <translation>Шлюз ещё не ответил по холду %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Another call about hold %1 is still waiting for the gateway (call %2). Wait for its answer or send it again first.</source>
        <translation>Другой запрос по холду %1 ещё ждёт шлюз (запрос %2). Дождитесь ответа или сначала отправьте его повторно.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>A hold needs an amount above zero.</source>
        <translation>Сумма холда должна быть больше нуля.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>«%1» — не код валюты.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No session with the id %1.</source>
        <translation>Нет сессии с идентификатором %1.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>Холд %1 в состоянии %2: списать можно только замороженную сумму.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>Сумма списания должна быть больше нуля; чтобы ничего не списывать, отмените холд.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Невозможно списать %1: заморожено только %2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 is %2 and can no longer be released.</source>
        <translation>Холд %1 в состоянии %2, и его уже нельзя отменить.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hold %1 is %2: only captured money can be refunded.</source>
        <translation>Холд %1 в состоянии %2: вернуть можно только списанные деньги.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A refund needs an amount above zero.</source>
        <translation>Сумма возврата должна быть больше нуля.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>Невозможно вернуть %1: из списанных %3 для возврата осталось только %2.</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>A hold report needs the gateway&apos;s reference of the hold.</source>
        <translation>В отчёте о холде должен быть идентификатор холда в шлюзе.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hold report needs a status.</source>
        <translation>В отчёте о холде должен быть статус.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The card token is empty.</source>
        <translation>Токен карты пуст.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The gateway gave no status.</source>
        <translation>Шлюз не сообщил статус.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Payment call %1 is finished (%2); there is nothing to send again.</source>
        <translation>Платёжный запрос %1 завершён (%2); повторно отправлять нечего.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Платёжный запрос %1 сделан через шлюз %2, а сейчас используется шлюз %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 is on its way already.</source>
        <translation>Платёжный запрос %1 уже отправлен.</translation>
    </message>
</context>
<context>
    <name>cd::payments::HttpGateway</name>
    <message>
        <location filename="../core/payments/httpgateway.cpp" line="+177"/>
        <source>The payment gateway URL &quot;%1&quot; is not an http(s) address. Set it in Settings › Payments.</source>
        <translation>Адрес платёжного шлюза «%1» не является адресом http(s). Укажите его в Настройки › Платежи.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The payment gateway URL must start with https:// (plain http:// only to this computer).</source>
        <translation>Адрес платёжного шлюза должен начинаться с https:// (обычный http:// — только к этому компьютеру).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No secret key for the payment gateway. Enter it in Settings › Payments.</source>
        <translation>Нет секретного ключа платёжного шлюза. Введите его в Настройки › Платежи.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>Платёжному запросу нужен ключ идемпотентности длиной от 1 до 255 символов.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a payment reference.</source>
        <translation>«%1» — не идентификатор платежа.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The payment gateway refused the secret key (HTTP 401): %1 Check the key in Settings › Payments.</source>
        <translation>Платёжный шлюз отклонил секретный ключ (HTTP 401): %1 Проверьте ключ в Настройки › Платежи.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card was declined (%1): %2</source>
        <translation>Карта отклонена (%1): %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The payment gateway does not know this payment (HTTP 404): %1</source>
        <translation>Платёжный шлюз не знает этого платежа (HTTP 404): %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The payment gateway refused the call (HTTP %1, %2): %3</source>
        <translation>Платёжный шлюз отклонил запрос (HTTP %1, %2): %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No answer from the payment gateway at %1 within %2 seconds; the call is kept and can be sent again with the same idempotency key.</source>
        <translation>Платёжный шлюз %1 не ответил в течение %2 с; запрос сохранён, его можно отправить повторно с тем же ключом идемпотентности.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot reach the payment gateway at %1: %2</source>
        <translation>Не удаётся связаться с платёжным шлюзом %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The payment gateway answered HTTP %1 with something that is not JSON.</source>
        <translation>Платёжный шлюз ответил HTTP %1 не в формате JSON.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The payment gateway&apos;s answer names no payment.</source>
        <translation>В ответе платёжного шлюза не указан платёж.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The payment gateway could not refund: %1</source>
        <translation>Платёжный шлюз не смог вернуть деньги: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no explanation given</source>
        <translation>без объяснений</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The payment gateway is busy or failed (HTTP %1): %2 The call is kept and can be sent again with the same idempotency key.</source>
        <translation>Платёжный шлюз занят или произошёл сбой (HTTP %1): %2 Запрос сохранён, его можно отправить повторно с тем же ключом идемпотентности.</translation>
    </message>
</context>
<context>
    <name>cd::payments::KeychainSecretStore</name>
    <message>
        <location filename="../core/payments/secretstore.cpp" line="+35"/>
        <source>The OS keychain is not available: %1</source>
        <translation>Хранилище ключей ОС недоступно: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot keep the key in the OS keychain: %1</source>
        <translation>Не удалось сохранить ключ в хранилище ключей ОС: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot remove the key from the OS keychain: %1</source>
        <translation>Не удалось удалить ключ из хранилища ключей ОС: %1</translation>
    </message>
</context>
<context>
    <name>cd::payments::ManualGateway</name>
    <message>
        <location filename="../core/payments/manualgateway.cpp" line="+96"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>Платёжному запросу нужен ключ идемпотентности длиной от 1 до 255 символов.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The idempotency key %1 was already used for another kind of call.</source>
        <translation>Ключ идемпотентности %1 уже использован для запроса другого типа.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored answer for this key is damaged.</source>
        <translation>Сохранённый ответ для этого ключа повреждён.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A hold needs an amount above zero.</source>
        <translation>Сумма холда должна быть больше нуля.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>«%1» — не код валюты.</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+93"/>
        <source>No manual payment %1.</source>
        <translation>Нет ручного платежа %1.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>The hold %1 is %2: only a held amount can be captured.</source>
        <translation>Холд %1 в состоянии %2: списать можно только замороженную сумму.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>Сумма списания должна быть больше нуля; чтобы ничего не списывать, отмените холд.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Невозможно списать %1: заморожено только %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hold %1 is %2 and can no longer be released.</source>
        <translation>Холд %1 в состоянии %2, и его уже нельзя отменить.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hold %1 is %2: only captured money can be refunded.</source>
        <translation>Холд %1 в состоянии %2: вернуть можно только списанные деньги.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A refund needs an amount above zero.</source>
        <translation>Сумма возврата должна быть больше нуля.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>Невозможно вернуть %1: из списанных %3 для возврата осталось только %2.</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSecrets</name>
    <message>
        <location filename="../core/payments/paymentruntime.cpp" line="+65"/>
        <source>The HTTP payment gateway needs its secret key: --payment-key-env NAME or --payment-key-file PATH.</source>
        <translation>HTTP-шлюзу платежей нужен секретный ключ: --payment-key-env ИМЯ или --payment-key-file ПУТЬ.</translation>
    </message>
    <message>
        <location filename="../core/payments/paymentsecrets.cpp" line="+20"/>
        <source>no source</source>
        <translation>источник не задан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keychain entry %1</source>
        <translation>запись хранилища ключей %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>environment variable %1</source>
        <translation>переменная окружения %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file %1</source>
        <translation>файл %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The secret comes from the keychain, not from the environment or a file.</source>
        <translation>Секрет берётся из хранилища ключей, а не из переменной окружения или файла.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The environment variable %1 is not set.</source>
        <translation>Переменная окружения %1 не задана.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The secret file %1 does not exist.</source>
        <translation>Файл секрета %1 не существует.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secret file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>Файл секрета %1 могут читать другие пользователи; ограничьте доступ: chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the secret file %1: %2</source>
        <translation>Не удалось прочитать файл секрета %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 holds no secret.</source>
        <translation>В источнике «%1» нет секрета.</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSettings</name>
    <message>
        <location filename="../core/payments/paymentsettings.cpp" line="+57"/>
        <source>Enter the gateway&apos;s address, e.g. https://api.stripe.com</source>
        <translation>Введите адрес шлюза, например https://api.stripe.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must start with https:// (plain http:// only to this computer).</source>
        <translation>Адрес должен начинаться с https:// (обычный http:// — только к этому компьютеру).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must not contain ? or #.</source>
        <translation>Адрес не должен содержать ? или #.</translation>
    </message>
</context>
<context>
    <name>cd::payments::SessionPayments</name>
    <message>
        <location filename="../core/payments/sessionpayments.cpp" line="+214"/>
        <source>ChargeDesk session %1</source>
        <translation>Сессия ChargeDesk %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 started</source>
        <translation>Сессия %1 начата</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Session %1 ended</source>
        <translation>Сессия %1 завершена</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 delivered no energy</source>
        <translation>Сессия %1 не передала энергии</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Bill %1 has anomalies (%2) and the settlement mode is &quot;hold until corrected&quot;: hold %3 stays authorised and is captured when the bill is corrected.</source>
        <extracomment>%1 bill id, %2 anomaly codes such as &quot;3,8&quot;, %3 hold id</extracomment>
        <translation>Счёт %1 содержит аномалии (%2), а режим расчёта — «удерживать до исправления»: блокировка %3 остаётся авторизованной и будет списана, когда счёт исправят.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Payment hold %1: %2</source>
        <translation>Холд %1: %2</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Session %1 ended: %2 Wh</source>
        <translation>Сессия %1 завершена: %2 Вт·ч</translation>
    </message>
</context>
<context>
    <name>cd::payments::StopNotHonoured</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>Нет сессии с идентификатором %1.</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::BillFold</name>
    <message>
        <location filename="../core/reconciliation/billfold.cpp" line="+40"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>Нет субоператора с именем «%1».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>Нет площадки с именем «%1».</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::CsvTable</name>
    <message>
        <location filename="../core/reconciliation/csvtable.cpp" line="+56"/>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is too big to import (%2 bytes; at most %3).</source>
        <translation>%1 слишком велик для импорта (%2 байт; не более %3).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is too big to import (at most %2 bytes).</source>
        <translation>%1 слишком велик для импорта (не более %2 байт).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file is not UTF-8 text.</source>
        <translation>Файл не является текстом UTF-8.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Line %1: too long (at most %2 characters).</source>
        <translation>Строка %1: слишком длинная (не более %2 символов).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: a quote is not closed.</source>
        <translation>Строка %1: кавычка не закрыта.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line %1: a field is too long (at most %2 characters).</source>
        <translation>Строка %1: поле слишком длинное (не более %2 символов).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Line %1: too many rows (at most %2 in one file).</source>
        <translation>Строка %1: слишком много строк (не более %2 в одном файле).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: %2 fields, but the header has %3.</source>
        <translation>Строка %1: %2 полей, а в заголовке %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is empty.</source>
        <translation>Файл пуст.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line 1: the header has no column &quot;%1&quot;; it needs %2.</source>
        <translation>Строка 1: в заголовке нет столбца «%1»; нужны %2.</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::EnergyReport</name>
    <message>
        <location filename="../core/reconciliation/energyreport.cpp" line="+57"/>
        <location line="+17"/>
        <source>Energy reconciliation</source>
        <translation>Сверка энергии</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Per site, the energy billed on the platform against the site&apos;s meter readings: the ratio, a flag above 100 % or below the threshold, and the unprocessed anomaly bills.</source>
        <translation>Для каждой площадки энергия, начисленная на платформе, против показаний её счётчика: соотношение, отметка выше 100 % или ниже порога и необработанные аномальные счета.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>flagged below %1 % and above 100 %</source>
        <translation>отмечено ниже %1 % и выше 100 %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Site</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>С (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>По (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform energy (kWh)</source>
        <translation>Энергия платформы (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter energy (kWh)</source>
        <translation>Энергия по счётчику (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratio (‰)</source>
        <translation>Соотношение (‰)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag</source>
        <translation>Отметка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>В норме</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Above 100 %</source>
        <extracomment>the platform billed more energy than the site&apos;s meter recorded</extracomment>
        <translation>Выше 100 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below %1 %</source>
        <translation>Ниже %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No meter reading</source>
        <translation>Нет показаний счётчика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unprocessed anomaly bills</source>
        <translation>Необработанные аномальные счета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>Их энергия (кВт·ч)</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::GatewayReceiptRepository</name>
    <message>
        <location filename="../core/reconciliation/gatewayreceiptrepository.cpp" line="+32"/>
        <source>Say which gateway the statement is from: --gateway NAME (letters, digits, &quot;_&quot;, &quot;.&quot;, &quot;-&quot;; as the top-ups name it).</source>
        <translation>Укажите, от какого шлюза выписка: --gateway ИМЯ (буквы, цифры, «_», «.», «-»; как в пополнениях).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Line %1: %2</source>
        <translation>Строка %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the reference must be 1 to 128 printable characters.</source>
        <translation>референс должен содержать от 1 до 128 печатных символов.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code such as UAH.</source>
        <translation>«%1» не является кодом валюты вроде UAH.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a positive amount in %2 (e.g. 12.50).</source>
        <translation>«%1» не является положительной суммой в %2 (напр. 12.50).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>«%1» не является датой или временем ISO 8601.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>receipt %1 of %2 was imported before with other values (%3); a gateway never changes a receipt, so one of the statements is wrong.</source>
        <translation>квитанция %1 шлюза %2 уже импортирована с другими значениями (%3); шлюз никогда не меняет квитанции, значит одна из выписок ошибочна.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %2 added, %3 already there</source>
        <translation>%1: добавлено %2, уже было %3</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MeterReadingRepository</name>
    <message>
        <location filename="../core/reconciliation/meterreadingrepository.cpp" line="+62"/>
        <source>The reading&apos;s period is empty: it must end after it starts.</source>
        <translation>Период показания пуст: он должен заканчиваться после начала.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reading&apos;s energy must be between 0 and 1,000,000,000 kWh.</source>
        <translation>Энергия показания должна быть от 0 до 1 000 000 000 кВт·ч.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The note is too long (at most 500 characters).</source>
        <translation>Примечание слишком длинное (не более 500 символов).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Site %1 already has a reading for %2 … %3, which overlaps this one; enter readings for periods that do not overlap (the same period replaces).</source>
        <translation>У площадки %1 уже есть показание за %2 … %3, которое пересекается с этим; вносите показания за непересекающиеся периоды (тот же период заменяет).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Site %1, %2 … %3</source>
        <translation>Площадка %1, %2 … %3</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Line %1: %2</source>
        <translation>Строка %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>«%1» не является датой или временем ISO 8601.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not an energy in kWh (e.g. 1234.567).</source>
        <translation>«%1» не является энергией в кВт·ч (напр. 1234.567).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported from %1</source>
        <translation>Импортировано из %1</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MoneyReport</name>
    <message>
        <location filename="../core/reconciliation/moneyreport.cpp" line="+51"/>
        <location line="+11"/>
        <source>Money reconciliation</source>
        <translation>Сверка денег</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Per currency: top-ups, the gateways&apos; receipts, consumption, coupons and refunds as separate columns.</source>
        <translation>По валютам: пополнения, квитанции шлюзов, потребление, купоны и возвраты отдельными столбцами.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From (UTC)</source>
        <translation>С (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>По (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Пополнения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of them at the desk</source>
        <translation>Из них в кассе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>Квитанции шлюза</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumption</source>
        <translation>Потребление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купоны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::PartnersReport</name>
    <message>
        <location filename="../core/reconciliation/partnersreport.cpp" line="+21"/>
        <location line="+13"/>
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Per sub-operator: sessions, energy and revenue per currency, and the bills that are still anomalous (count, energy and amount).</source>
        <translation>Для каждого субоператора: сессии, энергия и выручка по валютам и счета, которые всё ещё аномальны (количество, энергия и сумма).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sub-operator</source>
        <translation>Субоператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>С (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>По (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue</source>
        <translation>Выручка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bills still anomalous</source>
        <translation>Счета, всё ещё аномальные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>Их энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their amount</source>
        <translation>Их сумма</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::RevenueReport</name>
    <message>
        <location filename="../core/reconciliation/revenuereport.cpp" line="+21"/>
        <location line="+21"/>
        <location line="+10"/>
        <source>Revenue</source>
        <translation>Выручка</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Sessions, energy, revenue and coupons per site, station, vendor, firmware or sub-operator.</source>
        <translation>Сессии, энергия, выручка и купоны по площадкам, станциям, производителям, прошивкам или субоператорам.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The revenue report cannot be grouped by &quot;%1&quot;.</source>
        <translation>Отчёт о выручке нельзя группировать по «%1».</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From (UTC)</source>
        <translation>С (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>По (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons</source>
        <translation>Купоны</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::SuspectsReport</name>
    <message>
        <location filename="../core/reconciliation/suspectsreport.cpp" line="+34"/>
        <location line="+16"/>
        <source>Anomaly bills of a site</source>
        <translation>Аномальные счета площадки</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The unprocessed anomaly bills of one site in the period, largest energy first: the first suspects when the site&apos;s energy does not reconcile.</source>
        <translation>Необработанные аномальные счета одной площадки за период, от наибольшей энергии: первые подозреваемые, когда энергия площадки не сходится.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site (--site NAME).</source>
        <translation>Укажите площадку (--site ИМЯ).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Session</source>
        <translation>Сессия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>Начало зарядки (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>Открытые коды аномалий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>Версия счёта</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::TopUpMatchingReport</name>
    <message>
        <location filename="../core/reconciliation/topupmatchingreport.cpp" line="+48"/>
        <location line="+21"/>
        <source>Top-ups against gateway receipts</source>
        <translation>Пополнения против квитанций шлюза</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every top-up matched to its gateway receipt: the top-ups without a receipt, the receipts without a top-up and the ones whose amount or currency differs.</source>
        <translation>Каждое пополнение сопоставлено с квитанцией шлюза: пополнения без квитанции, квитанции без пополнения и те, где сумма или валюта различаются.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n top-up(s) matched their receipts</source>
        <translation>
            <numerusform>%n пополнение совпало с квитанцией</numerusform>
            <numerusform>%n пополнения совпали с квитанциями</numerusform>
            <numerusform>%n пополнений совпали с квитанциями</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No receipt for the top-up</source>
        <translation>Нет квитанции к пополнению</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amounts differ</source>
        <translation>Суммы различаются</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currencies differ</source>
        <translation>Валюты различаются</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt without a top-up</source>
        <translation>Квитанция без пополнения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway</source>
        <translation>Шлюз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Референс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up</source>
        <translation>Пополнение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up time (UTC)</source>
        <translation>Время пополнения (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up amount</source>
        <translation>Сумма пополнения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up currency</source>
        <translation>Валюта пополнения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt time (UTC)</source>
        <translation>Время квитанции (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt amount</source>
        <translation>Сумма квитанции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt currency</source>
        <translation>Валюта квитанции</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundService</name>
    <message>
        <location filename="../core/refunds/refundservice.cpp" line="+96"/>
        <source>Say whose refund it is: a member&apos;s id.</source>
        <translation>Укажите, чей это возврат: идентификатор участника.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A refund must be more than zero.</source>
        <translation>Возврат должен быть больше нуля.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a refund.</source>
        <translation>Сумма слишком велика для возврата.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>Валюта — трёхбуквенный код ISO 4217, например UAH.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say why the member wants the money back.</source>
        <translation>Укажите, почему участник хочет вернуть деньги.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason is too long (%1 characters at most).</source>
        <translation>Причина слишком длинная (не более %1 символов).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no refund application %1.</source>
        <translation>Заявки на возврат %1 нет.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refund application %1 is already approved (%2); it cannot be decided again.</source>
        <translation>Заявка на возврат %1 уже одобрена (%2); повторно решить её нельзя.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund application %1 was rejected and its money went back to the member; it cannot be decided again. The member may apply anew.</source>
        <translation>Заявка на возврат %1 отклонена, деньги вернулись участнику; повторно решить её нельзя. Участник может подать новую заявку.</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+73"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say who makes the change.</source>
        <translation>Укажите, кто вносит изменение.</translation>
    </message>
    <message>
        <location line="-231"/>
        <location line="+561"/>
        <source>There is no member %1.</source>
        <translation>Участника %1 нет.</translation>
    </message>
    <message>
        <location line="-558"/>
        <source>Member %1 can get back at most %2 (the refundable balance); %3 was asked for.</source>
        <translation>Участник %1 может получить назад не более %2 (сумма к возврату); запрошено %3.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Member %1 topped up in %2, not in %3: apply for the refund in %2.</source>
        <translation>Участник %1 пополнял счёт в %2, а не в %3: подайте заявку на возврат в %2.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Member %1&apos;s refundable balance changed meanwhile; look at it again.</source>
        <translation>Сумма к возврату участника %1 тем временем изменилась; посмотрите ещё раз.</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say why: the reason is kept in the refund&apos;s audit history.</source>
        <translation>Укажите причину: она сохраняется в истории проверки возврата.</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>The commission cannot be negative.</source>
        <translation>Комиссия не может быть отрицательной.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The commission (%1) must be less than the amount applied for (%2); to pay nothing back, reject the application.</source>
        <translation>Комиссия (%1) должна быть меньше запрошенной суммы (%2); чтобы ничего не возвращать, отклоните заявку.</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+99"/>
        <location line="+368"/>
        <location line="+72"/>
        <source>Refund application %1 changed meanwhile; look at it again.</source>
        <translation>Заявка на возврат %1 тем временем изменилась; посмотрите её ещё раз.</translation>
    </message>
    <message>
        <location line="-532"/>
        <location line="+97"/>
        <source>Member %1&apos;s pending refund is less than the application&apos;s amount.</source>
        <translation>Сумма участника %1, ожидающая возврата, меньше суммы заявки.</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1 could not be refunded through any top-up and went back to the refundable balance.</source>
        <translation>%1 не удалось вернуть ни через одно пополнение, эта сумма возвращена в сумму к возврату.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>Номер квитанции слишком длинный (не более 200 символов).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no refund record %1.</source>
        <translation>Записи возврата %1 нет.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund record %1 goes through the payment gateway %2; its answer settles it, not the desk.</source>
        <translation>Запись возврата %1 проходит через платёжный шлюз %2; её закрывает ответ шлюза, а не касса.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund record %1 is already settled (%2).</source>
        <translation>Запись возврата %1 уже закрыта (%2).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Refund record %1 needs the payment gateway %2, which this console does not use now.</source>
        <translation>Для записи возврата %1 нужен платёжный шлюз %2, который эта консоль сейчас не использует.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Record %1: no answer from the gateway (%2); it stays in progress and can be sent again.</source>
        <translation>Запись %1: шлюз не ответил (%2); запись остаётся в обработке, её можно отправить ещё раз.</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>Record %1: the gateway accepted refund %2 and is still processing it.</source>
        <translation>Запись %1: платёжный шлюз принял возврат %2 и ещё обрабатывает его.</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+113"/>
        <source>Record %1: refunded %2 (gateway refund %3).</source>
        <translation>Запись %1: возвращено %2 (возврат шлюза %3).</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Record %1: the gateway refused: %2</source>
        <translation>Запись %1: шлюз отказал: %2</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+140"/>
        <source>Refund record %1 changed meanwhile; look at it again.</source>
        <translation>Запись возврата %1 тем временем изменилась; посмотрите её ещё раз.</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Member %1&apos;s pending refund is less than the record&apos;s amount.</source>
        <translation>Сумма участника %1, ожидающая возврата, меньше суммы записи.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Record %1: the gateway canceled refund %2; the money went back to the member.</source>
        <translation>Запись %1: платёжный шлюз отменил возврат %2; деньги вернулись участнику.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record %1: the gateway could not refund (%2); the money went back to the member.</source>
        <translation>Запись %1: платёжный шлюз не смог вернуть средства (%2); деньги вернулись участнику.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Record %1: the gateway reversed refund %2; %3 went back to the member&apos;s balance. Coupons revoked with the refund stay revoked.</source>
        <translation>Запись %1: платёжный шлюз аннулировал возврат %2; %3 вернулось на баланс участника. Купоны, отозванные вместе с возвратом, остаются отозванными.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The top-up that earned it was refunded (refund application %1).</source>
        <translation>Пополнение, за которое он получен, возвращено (заявка на возврат %1).</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Refunded %1 of %2.</source>
        <translation>Возвращено %1 из %2.</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundText</name>
    <message>
        <location filename="../core/refunds/refundtypes.cpp" line="+94"/>
        <source>Pending audit</source>
        <translation>Ожидает проверки</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+44"/>
        <source>Approved</source>
        <translation>Одобрено</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+44"/>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+31"/>
        <source>Applied</source>
        <translation>Подана заявка</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Platform audit</source>
        <translation>Проверка платформой</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Refunded</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Partially refunded</source>
        <translation>Возвращено частично</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund failed</source>
        <translation>Возврат не удался</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>In progress</source>
        <translation>В обработке</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>Не удалось</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked</source>
        <translation>Отозван</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Returned to the member</source>
        <translation>Возвращено участнику</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded by the gateway</source>
        <translation>Возвращено шлюзом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused by the gateway</source>
        <translation>Шлюз отказал</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer from the gateway</source>
        <translation>Шлюз не ответил</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Being processed by the gateway</source>
        <translation>Обрабатывается платёжным шлюзом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked by the gateway</source>
        <translation>Отозвано платёжным шлюзом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid in cash at the desk</source>
        <translation>Выплачено наличными в кассе</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not paid at the desk</source>
        <translation>Не выплачено в кассе</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon revoked</source>
        <translation>Купон отозван</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon already used</source>
        <translation>Купон уже использован</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Завершено</translation>
    </message>
</context>
<context>
    <name>cd::reports::AnomalyStatisticsReport</name>
    <message>
        <location filename="../core/reports/anomalystatisticsreport.cpp" line="+23"/>
        <location line="+21"/>
        <source>Anomaly statistics</source>
        <translation>Статистика аномалий</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Per anomaly code, the bills of the sessions started in the period that carry it, how many are still open or resolved, and the amount involved; optionally per group.</source>
        <translation>По коду аномалии: счета сессий, начатых за период, с этим кодом, сколько из них ещё открыты или решены, и затронутая сумма; при желании — по группам.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Anomaly</source>
        <translation>Аномалия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bills with the code</source>
        <translation>Счета с кодом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still open</source>
        <translation>Ещё открыты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Решены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount involved</source>
        <translation>Затронутая сумма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
</context>
<context>
    <name>cd::reports::BillsReport</name>
    <message>
        <location filename="../core/reports/billsreport.cpp" line="+193"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>Субоператора с названием «%1» нет.</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+21"/>
        <source>Bills</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every session&apos;s current bill in the period: energy, total, settlement and the anomaly codes still open. Filtered by sub-operator it is the partner export.</source>
        <translation>Текущий счёт каждой сессии за период: энергия, сумма, расчёт и ещё открытые коды аномалий. С фильтром по субоператору это выгрузка для партнёра.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Charging started %1</source>
        <translation>Начало зарядки %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>субоператор %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session</source>
        <translation>Сессия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator</source>
        <translation>Субоператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>Начало зарядки (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>Расчёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>Открытые коды аномалий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>Версия счёта</translation>
    </message>
</context>
<context>
    <name>cd::reports::CsvReportWriter</name>
    <message>
        <location filename="../core/reports/csvreportwriter.cpp" line="+25"/>
        <source>Could not create %1: %2</source>
        <translation>Не удалось создать %1: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+10"/>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::DowntimeReport</name>
    <message>
        <location filename="../core/reports/downtimereport.cpp" line="+97"/>
        <location line="+18"/>
        <source>Downtime</source>
        <translation>Простои</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>How long stations were offline, faulted or unavailable in the period, in how many outages, the longest one, and the share of the time they were available.</source>
        <translation>Сколько времени станции были офлайн, неисправны или недоступны за период, в скольких простоях, самый долгий из них и доля времени, когда они были доступны.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stations</source>
        <translation>Станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline (min)</source>
        <translation>Офлайн (мин)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted (min)</source>
        <translation>Неисправность (мин)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unavailable (min)</source>
        <translation>Недоступна (мин)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down in all (min)</source>
        <translation>Простой всего (мин)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outages</source>
        <translation>Простои</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest outage (min)</source>
        <translation>Самый долгий простой (мин)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available (‰)</source>
        <translation>Доступность (‰)</translation>
    </message>
</context>
<context>
    <name>cd::reports::ExportJob</name>
    <message>
        <location filename="../core/reports/exportjob.cpp" line="+46"/>
        <source>The export was cancelled.</source>
        <translation>Экспорт отменён.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say where to write the export.</source>
        <translation>Укажите, куда записать экспорт.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Could not put %1 in place: %2</source>
        <translation>Не удалось поместить %1 на место: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::FailedStartsReport</name>
    <message>
        <location filename="../core/reports/failedstartsreport.cpp" line="+39"/>
        <location line="+19"/>
        <location line="+12"/>
        <source>Failed starts</source>
        <translation>Неудачные запуски</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Starts that went wrong: remote starts the station rejected or never answered, authorisations rejected and sessions that delivered no energy, with their share of all start attempts.</source>
        <translation>Неудавшиеся запуски: удалённые запуски, которые станция отклонила или оставила без ответа, отклонённые авторизации и сессии без энергии, с их долей от всех попыток запуска.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Start attempts</source>
        <translation>Попытки запуска</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>Начато сессий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts</source>
        <translation>Удалённые запуски</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts rejected</source>
        <translation>Удалённые запуски отклонены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts unanswered</source>
        <translation>Удалённые запуски без ответа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorisation rejected</source>
        <translation>Авторизация отклонена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions with no energy</source>
        <translation>Сессии без энергии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed (‰ of attempts)</source>
        <translation>Неудачные (‰ от попыток)</translation>
    </message>
</context>
<context>
    <name>cd::reports::JsonReportWriter</name>
    <message>
        <location filename="../core/reports/jsonreportwriter.cpp" line="+73"/>
        <source>Could not create %1: %2</source>
        <translation>Не удалось создать %1: %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+11"/>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::PdfReportWriter</name>
    <message>
        <location filename="../core/reports/pdf/pdfreportwriter.cpp" line="+63"/>
        <source>Could not create %1.</source>
        <translation>Не удалось создать %1.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Exported %1 (UTC)</source>
        <translation>Экспортировано %1 (UTC)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 — page %2</source>
        <translation>%1 — страница %2</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Rows: %1</source>
        <translation>Строк: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not write %1.</source>
        <translation>Не удалось записать %1.</translation>
    </message>
</context>
<context>
    <name>cd::reports::PeakHoursReport</name>
    <message>
        <location filename="../core/reports/peakhoursreport.cpp" line="+51"/>
        <location line="+15"/>
        <source>Peak hours (UTC)</source>
        <translation>Часы пик (UTC)</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>The hours of the day (UTC) by sessions started, energy and the average number of sessions charging at once.</source>
        <translation>Часы суток (UTC) по числу начатых сессий, энергии и среднему числу одновременных зарядок.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hour (UTC)</source>
        <translation>Час (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>Начато сессий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>Время зарядки (мин)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average sessions charging at once</source>
        <translation>Среднее число одновременных зарядок</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportCatalog</name>
    <message>
        <location filename="../core/reports/reportcatalog.cpp" line="+88"/>
        <location filename="../app/cli/reportcommands.cpp" line="-198"/>
        <source>There is no report named &quot;%1&quot;.</source>
        <translation>Отчёта с названием «%1» нет.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeQuery</name>
    <message>
        <location filename="../core/reports/reportchanges.cpp" line="+55"/>
        <source>There is no report export %1.</source>
        <translation>Экспорта отчёта %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeText</name>
    <message>
        <location line="-19"/>
        <source>added</source>
        <translation>добавлено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>удалено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed</source>
        <translation>изменено</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportExportRepository</name>
    <message>
        <location filename="../core/reports/reportexportrepository.cpp" line="+129"/>
        <source>The snapshot of export %1 is damaged.</source>
        <translation>Снимок экспорта %1 повреждён.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportFormatText</name>
    <message>
        <location filename="../core/reports/reportwriter.cpp" line="+42"/>
        <source>&quot;%1&quot; is not a report format: use csv, xlsx, pdf or json.</source>
        <translation>«%1» — не формат отчёта: используйте csv, xlsx, pdf или json.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportParameterText</name>
    <message>
        <location filename="../core/reports/reportparameters.cpp" line="+23"/>
        <source>The report&apos;s parameters are not readable: %1</source>
        <translation>Параметры отчёта невозможно прочитать: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>Sub-operator</source>
        <translation>Субоператор</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+16"/>
        <source>Site</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Group by</source>
        <translation>Группировать по</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split by</source>
        <translation>Разбить по</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag below (%)</source>
        <translation>Отмечать ниже (%)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No grouping</source>
        <translation>Без группировки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Производитель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Whole period</source>
        <translation>Весь период</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month</source>
        <translation>Месяц</translation>
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
        <translation>Период: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>субоператор %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>site %1</source>
        <translation>площадка %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per %1</source>
        <translation>по: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The period is empty: it must end after it starts.</source>
        <translation>Период пуст: он должен заканчиваться позже, чем начинается.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 report cannot be grouped by &quot;%2&quot;; it groups by %3.</source>
        <translation>Отчёт %1 нельзя группировать по «%2»; он группируется по: %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split a report by day, week or month, not &quot;%1&quot;.</source>
        <translation>Отчёт можно разбить по дням, неделям или месяцам, но не по «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The threshold is a percentage from 0 to 1000.</source>
        <translation>Порог — это процент от 0 до 1000.</translation>
    </message>
</context>
<context>
    <name>cd::reports::UtilisationReport</name>
    <message>
        <location filename="../core/reports/utilisationreport.cpp" line="+31"/>
        <location line="+19"/>
        <source>Utilisation</source>
        <translation>Загрузка</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>How busy the connectors were: sessions started, charging time, the share of the time the connectors were charging, and energy, per group and period.</source>
        <translation>Насколько были загружены коннекторы: начатые сессии, время зарядки, доля времени, когда коннекторы заряжали, и энергия — по группам и периодам.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Period start (UTC)</source>
        <translation>Начало периода (UTC)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connectors</source>
        <translation>Коннекторы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>Время зарядки (мин)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occupied (‰)</source>
        <translation>Занятость (‰)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Энергия (кВт·ч)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy per session (kWh)</source>
        <translation>Энергия на сессию (кВт·ч)</translation>
    </message>
</context>
<context>
    <name>cd::reports::XlsxReportWriter</name>
    <message>
        <location filename="../core/reports/xlsxreportwriter.cpp" line="+48"/>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not create %1.</source>
        <translation>Не удалось создать %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not add sheet %1 to %2.</source>
        <translation>Не удалось добавить лист %1 в %2.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Totals</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows</source>
        <translation>Строки</translation>
    </message>
</context>
<context>
    <name>cd::runtime::RuntimeCommandLine</name>
    <message>
        <location filename="../core/runtime/runtimeoptions.cpp" line="+43"/>
        <source>--%1 must be a whole number of seconds from %2 to %3.</source>
        <translation>--%1 должен быть целым числом секунд от %2 до %3.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let stations that are not registered connect and register them (for a lab; never on a public network).</source>
        <translation>Разрешить подключение незарегистрированных станций и регистрировать их автоматически (для тестового стенда; никогда в публичной сети).</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>--security-profile must be 0, 1, 2 or 3.</source>
        <translation>--security-profile должен быть 0, 1, 2 или 3.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Give --%1 or --%2, not both.</source>
        <translation>Укажите --%1 или --%2, но не оба.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>--tls-cert, --tls-key and --tls-ca need --security-profile 2 or 3.</source>
        <translation>Для --tls-cert, --tls-key и --tls-ca нужен --security-profile 2 или 3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--security-profile %1 needs the server&apos;s certificate and private key: --tls-cert FILE --tls-key FILE.</source>
        <translation>Для --security-profile %1 нужны сертификат и закрытый ключ сервера: --tls-cert FILE --tls-key FILE.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--security-profile 3 needs --tls-ca FILE: the CA certificates that sign the stations&apos; certificates.</source>
        <translation>Для --security-profile 3 нужен --tls-ca FILE: сертификаты удостоверяющего центра, который подписывает сертификаты станций.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Address and port stations connect to, e.g. 0.0.0.0:9000 (default 127.0.0.1:9000). Stations use ws://HOST:PORT/ocpp/&lt;chargePointId&gt;, or wss:// with security profiles 2 and 3.</source>
        <translation>Адрес и порт, к которым подключаются станции, например 0.0.0.0:9000 (по умолчанию 127.0.0.1:9000). Станции подключаются к ws://HOST:PORT/ocpp/&lt;chargePointId&gt;, а с профилями безопасности 2 и 3 — к wss://.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OCPP security profile: 0 = no credentials (lab), 1 = HTTP Basic auth with each station&apos;s password (default), 2 = TLS (wss://) and Basic auth, 3 = TLS with a client certificate per station.</source>
        <translation>Профиль безопасности OCPP: 0 — без учётных данных (тестовый стенд), 1 — HTTP Basic auth с собственным паролем каждой станции (по умолчанию), 2 — TLS (wss://) и Basic auth, 3 — TLS с клиентским сертификатом для каждой станции.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>0|1|2|3</source>
        <translation>0|1|2|3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles 2 and 3: the server&apos;s certificate (PEM; intermediate CA certificates may follow it in the same file).</source>
        <translation>Профили 2 и 3: сертификат сервера (PEM; в том же файле за ним могут следовать сертификаты промежуточных удостоверяющих центров).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+11"/>
        <location line="+6"/>
        <source>file</source>
        <translation>файл</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Profiles 2 and 3: the private key of that certificate (PEM, unencrypted).</source>
        <translation>Профили 2 и 3: закрытый ключ этого сертификата (PEM, незашифрованный).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile 3: the CA certificates (PEM) that sign the stations&apos; certificates; each certificate&apos;s common name (CN) must be its station&apos;s id.</source>
        <translation>Профиль 3: сертификаты удостоверяющего центра (PEM), который подписывает сертификаты станций; общее имя (CN) каждого сертификата должно совпадать с идентификатором его станции.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seconds between WebSocket pings; a station that stops answering is shown offline within this plus 20 seconds (default 30, at most 40, 0 = off).</source>
        <translation>Интервал между WebSocket ping в секундах; станция, переставшая отвечать, отображается не в сети не позднее чем через этот интервал плюс 20 секунд (по умолчанию 30, не больше 40, 0 — выключено).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>seconds</source>
        <translation>секунды</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Heartbeat interval given to stations at boot (default 300).</source>
        <translation>Интервал heartbeat, который станции получают при загрузке (по умолчанию 300).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name of this server process in the command table (default host:port).</source>
        <translation>Имя этого серверного процесса в таблице команд (по умолчанию host:port).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+5"/>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>HTTP payment gateway: read its secret key from this environment variable.</source>
        <translation>HTTP-шлюз платежей: читать его секретный ключ из этой переменной окружения.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP payment gateway: read its secret key from this file (mode 0600).</source>
        <translation>HTTP-шлюз платежей: читать его секретный ключ из этого файла (права 0600).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this environment variable.</source>
        <translation>Читать секрет подписи отчётов шлюза на /payments/webhook из этой переменной окружения.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this file (mode 0600).</source>
        <translation>Читать секрет подписи отчётов шлюза на /payments/webhook из этого файла (права 0600).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>--listen must look like 127.0.0.1:9000, got &quot;%1&quot;.</source>
        <translation>--listen должен иметь вид 127.0.0.1:9000, получено «%1».</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--listen needs an IP address, got &quot;%1&quot;.</source>
        <translation>Для --listen нужен IP-адрес, получено «%1».</translation>
    </message>
</context>
<context>
    <name>cd::runtime::StationServerTexts</name>
    <message>
        <location filename="../core/runtime/stationservercontrol.cpp" line="+10"/>
        <source>&quot;%1&quot; is not an address and port such as 127.0.0.1:9000 or 0.0.0.0:9000.</source>
        <extracomment>%1 is what the operator typed as the station server&apos;s address</extracomment>
        <translation>«%1» — не адрес с портом вроде 127.0.0.1:9000 или 0.0.0.0:9000.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profiles 2 and 3 need the server&apos;s certificate and its private key (PEM files).</source>
        <translation>Профилям безопасности 2 и 3 нужны сертификат сервера и его закрытый ключ (файлы PEM).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profile 3 needs the CA certificate that signed the stations&apos; certificates.</source>
        <translation>Профилю безопасности 3 нужен сертификат CA, которым подписаны сертификаты станций.</translation>
    </message>
</context>
<context>
    <name>cd::server::CentralSystem</name>
    <message>
        <location filename="../core/server/centralsystem.cpp" line="+72"/>
        <source>The OCPP server is already listening on port %1.</source>
        <translation>OCPP-сервер уже слушает порт %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot listen for OCPP connections on %1 port %2: %3</source>
        <translation>Не удаётся принимать OCPP-соединения на %1, порт %2: %3</translation>
    </message>
</context>
<context>
    <name>cd::server::ConnectionTexts</name>
    <message>
        <location filename="../core/server/connectionstats.cpp" line="+56"/>
        <source>Not a valid WebSocket upgrade request</source>
        <translation>Недопустимый запрос на переход к WebSocket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request headers too large</source>
        <translation>Заголовки запроса слишком велики</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handshake not completed in time</source>
        <translation>Рукопожатие не завершено вовремя</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalid connection path or station id</source>
        <translation>Неверный путь подключения или идентификатор станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown charging station</source>
        <translation>Неизвестная зарядная станция</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing or wrong credentials</source>
        <translation>Учётные данные отсутствуют или неверны</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No OCPP version offered</source>
        <translation>Не предложено ни одной версии OCPP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCPP version not supported</source>
        <translation>Версия OCPP не поддерживается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many connection attempts at once</source>
        <translation>Слишком много одновременных попыток подключения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection closed during the handshake</source>
        <translation>Соединение закрыто во время рукопожатия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server shutting down</source>
        <translation>Сервер завершает работу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unencrypted connection to the TLS port (wss:// required)</source>
        <translation>Незашифрованное подключение к порту TLS (нужен wss://)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS handshake failed</source>
        <translation>Рукопожатие TLS не удалось</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client certificate does not name the station</source>
        <translation>Клиентский сертификат выдан не этой станции</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replaced by a new connection from the same station</source>
        <translation>Заменено новым соединением от той же станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer to WebSocket ping</source>
        <translation>Нет ответа на WebSocket ping</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the station</source>
        <translation>Закрыто станцией</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection lost</source>
        <translation>Соединение потеряно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message too large</source>
        <translation>Сообщение слишком велико</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WebSocket protocol error</source>
        <translation>Ошибка протокола WebSocket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server stopped</source>
        <translation>Сервер остановлен</translation>
    </message>
</context>
<context>
    <name>cd::server::ServerOptionsCheck</name>
    <message>
        <location filename="../core/server/serveroptions.cpp" line="+17"/>
        <source>No OCPP protocol version is enabled for the server.</source>
        <translation>Для сервера не включена ни одна версия протокола OCPP.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The OCPP path prefix &quot;%1&quot; must start with &quot;/&quot; and must not end with &quot;/&quot;.</source>
        <translation>Префикс пути OCPP «%1» должен начинаться с «/» и не может заканчиваться на «/».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The WebSocket ping interval must not be negative and the pong timeout must be positive.</source>
        <translation>Интервал WebSocket ping не может быть отрицательным, а тайм-аут pong должен быть положительным.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum WebSocket message and frame size must be at least 1 KiB.</source>
        <translation>Максимальный размер сообщения и кадра WebSocket должен быть не меньше 1 КиБ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum handshake size must be between 512 bytes and 64 KiB.</source>
        <translation>Максимальный размер рукопожатия должен быть от 512 байт до 64 КиБ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The handshake timeout and the close grace period must be positive.</source>
        <translation>Тайм-аут рукопожатия и льготный период закрытия должны быть положительными.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least one handshake must be allowed at a time.</source>
        <translation>Должно быть разрешено хотя бы одно рукопожатие одновременно.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown security profile %1.</source>
        <translation>Неизвестный профиль безопасности %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile %1 uses TLS: the server&apos;s certificate and private key files must be set.</source>
        <translation>Профиль безопасности %1 использует TLS: нужно указать файлы сертификата и закрытого ключа сервера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security profile 3 needs the CA certificates that sign the stations&apos; certificates.</source>
        <translation>Профилю безопасности 3 нужны сертификаты удостоверяющего центра, который подписывает сертификаты станций.</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActionText</name>
    <message>
        <location filename="../core/sessions/sessionaction.cpp" line="+77"/>
        <source>Finish</source>
        <translation>Завершить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel hold</source>
        <translation>Отменить холд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finalize</source>
        <translation>Финализировать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set energy</source>
        <translation>Изменить энергию</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change status</source>
        <translation>Изменить статус</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>Старт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset</source>
        <translation>Перезагрузка</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 — session %2, station %3</source>
        <translation>%1 — сессия %2, станция %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Command to the station: %1</source>
        <translation>Команда станции: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Money does not move.</source>
        <translation>Деньги не двигаются.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Status: %1 (unchanged)</source>
        <translation>Статус: %1 (без изменений)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status: %1 → %2</source>
        <translation>Статус: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy: %1 Wh (unchanged)</source>
        <translation>Энергия: %1 Вт·ч (без изменений)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 Wh → %2 Wh</source>
        <translation>Энергия: %1 Вт·ч → %2 Вт·ч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No tariff: the amount stays %1.</source>
        <translation>Тарифа нет: сумма остаётся %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 (unchanged)</source>
        <translation>Сумма: %1 (без изменений)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 → %2</source>
        <translation>Сумма: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture %1 of the %2 held.</source>
        <translation>Списать %1 из заблокированных %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Вернуть %1 на карту клиента (снять блокировку).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>Вернуть %1 из списанных средств.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>%1 из суммы превышает холд и не списывается.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1: %2 → %3</source>
        <translation>Холд %1: %2 → %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot run: %1</source>
        <translation>Невозможно выполнить: %1</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActions</name>
    <message>
        <location filename="../core/sessions/commandplans.cpp" line="+37"/>
        <source>Session %1 is %2: only a session waiting for its start can be started.</source>
        <translation>Сессия %1 в статусе %2: запустить можно только сессию, ожидающую старта.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 has no id tag to start with.</source>
        <translation>У сессии %1 нет идентификатора (карты) для старта.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 cannot be started remotely: its id does not fit a remote start id.</source>
        <translation>Сессию %1 нельзя запустить удалённо: её идентификатор не помещается в идентификатор удалённого старта.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Session %1 is %2 and has no transaction on the station: there is nothing to stop.</source>
        <translation>Сессия %1 в статусе %2 и не имеет транзакции на станции: останавливать нечего.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 is %2: it is not running on the station.</source>
        <translation>Сессия %1 в статусе %2: она не выполняется на станции.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>У сессии %1 нет числового идентификатора транзакции для остановки.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The session ends when the station reports the stop.</source>
        <translation>Сессия завершится, когда станция сообщит об остановке.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A reset restarts the whole station and ends the transactions running on it.</source>
        <translation>Перезагрузка перезапускает всю станцию и завершает транзакции на ней.</translation>
    </message>
    <message>
        <location filename="../core/sessions/moneyplans.cpp" line="+34"/>
        <source>Session %1 is %2 already; there is nothing to finish.</source>
        <translation>Сессия %1 уже в статусе %2; завершать нечего.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session was closed before (%1): its energy stays as it was recorded.</source>
        <translation>Сессия была закрыта ранее (%1): её энергия остаётся такой, как записано.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No energy was delivered: the session is canceled and nothing is charged.</source>
        <translation>Энергия не была отпущена: сессия отменяется, ничего не списывается.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No open payment hold: %1 is to be collected another way.</source>
        <translation>Открытого холда нет: %1 нужно взыскать другим способом.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Wait for the hold, or cancel it.</source>
        <translation>Холд %1 в статусе %2: банк ещё не заблокировал деньги. Дождитесь холда или отмените его.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 was captured already: the captured money is refunded.</source>
        <translation>Деньги холда %1 уже списаны: списанные средства возвращаются.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 has no payment hold to cancel.</source>
        <translation>У сессии %1 нет холда, который можно отменить.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station may still be charging: send Stop as well.</source>
        <translation>Станция может ещё заряжать: отправьте также Стоп.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>Холд %1 в состоянии %2: списать можно только замороженную сумму.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has no payment hold to finalize.</source>
        <translation>У сессии %1 нет холда для финализации.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1 reports no total amount; give the amount to capture.</source>
        <translation>У сессии %1 нет итоговой суммы; укажите сумму для списания.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; use Cancel hold to capture nothing.</source>
        <translation>Для списания нужна сумма больше нуля; чтобы ничего не списывать, отмените холд.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Невозможно списать %1: заморожено только %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session is still open: the station may keep charging after the money is taken.</source>
        <translation>Сессия ещё открыта: станция может продолжать заряжать после списания денег.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Give the new energy counter in Wh.</source>
        <translation>Укажите новое значение счётчика энергии в Вт·ч.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>Энергия должна быть от 0 до %1 Вт·ч.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has %2 Wh already.</source>
        <translation>У сессии %1 уже %2 Вт·ч.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The payment hold is not touched: use Finish or Finalize to take the money.</source>
        <translation>Холд не меняется: чтобы списать деньги, используйте «Завершить» или «Финализировать».</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>OVERRIDE ignores the status priorities; the change is recorded with its mode.</source>
        <translation>OVERRIDE игнорирует приоритеты статусов; изменение записывается вместе с режимом.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold %1 stays as it is: use Finalize or Cancel hold to settle it.</source>
        <translation>Холд %1 остаётся как есть: чтобы закрыть его, используйте «Финализировать» или «Отменить холд».</translation>
    </message>
    <message>
        <location filename="../core/sessions/sessionactions.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>Нет сессии с идентификатором %1.</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>Платежи здесь недоступны, поэтому деньги холда %1 нельзя переместить.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Холд %1 создан через шлюз %2, но сейчас используется шлюз %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>Шлюз ещё не ответил по холду %1; попробуйте снова, когда ответ придёт.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>Платёжный запрос по холду %1 ещё ждёт шлюз; попробуйте снова после его ответа.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The tariff is in %1 but the session is in %2: the amount stays %3.</source>
        <translation>Тариф в %1, а сессия в %2: сумма остаётся %3.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Priced with tariff %1: %2 per kWh at the charging start, with the tariff&apos;s time-of-use periods and idle fee.</source>
        <translation>Рассчитано по тарифу %1: %2 за кВт·ч на начало зарядки, с временными зонами тарифа и платой за простой.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The gateway has not answered yet. Payment call %1 stays in the journal and is sent again with the same key.</source>
        <translation>Платёжный шлюз ещё не ответил. Платёжный вызов %1 остаётся в журнале и будет отправлен снова с тем же ключом.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session was changed, but the money call could not be made: %1</source>
        <translation>Сессия изменена, но платёжный вызов выполнить не удалось: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The gateway refused payment call %1: %2</source>
        <translation>Шлюз отклонил платёжный вызов %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gateway did it (payment call %1).</source>
        <translation>Шлюз выполнил операцию (платёжный вызов %1).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Who acts must be known: an operator name is required.</source>
        <translation>Должно быть известно, кто действует: требуется имя оператора.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept in the audit log.</source>
        <translation>Требуется причина: она сохраняется в журнале аудита.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Operator: %1</source>
        <translation>Оператор: %1</translation>
    </message>
</context>
<context>
    <name>cd::sessions::StatusPriority</name>
    <message>
        <location filename="../core/sessions/statuspriority.cpp" line="+45"/>
        <source>&quot;%1&quot; is not a session status. Use one of: %2.</source>
        <translation>«%1» — не статус сессии. Используйте один из: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 is %2 already.</source>
        <translation>Сессия %1 уже в статусе %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Session %1 is %2; SOFT cannot move it back to %3. Use OVERRIDE if you must (it is recorded with its mode).</source>
        <translation>Сессия %1 в статусе %2; режим SOFT не может вернуть её в %3. При необходимости используйте OVERRIDE (изменение записывается вместе с режимом).</translation>
    </message>
</context>
<context>
    <name>cd::sim::MisbehaviourText</name>
    <message>
        <location filename="../core/sim/misbehaviour.cpp" line="+67"/>
        <source>Unknown misbehaviour &quot;%1&quot;. Known: %2.</source>
        <translation>Неизвестное некорректное поведение «%1». Известные: %2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The share in &quot;%1&quot; must be between 0 and 1 (or 0%–100%).</source>
        <translation>Доля в «%1» должна быть от 0 до 1 (или 0%–100%).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The share in &quot;%1&quot; is not a number.</source>
        <translation>Доля в «%1» не является числом.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; names no share and no stations.</source>
        <translation>«%1» не задаёт ни долю, ни станции.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>meter register reads 0 at the start, then jumps to the real value</source>
        <translation>счётчик в начале показывает 0, а затем скачком переходит к реальному значению</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline mid-session and never sends StopTransaction</source>
        <translation>теряет связь посреди сессии и так и не отправляет StopTransaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline, then replays the session&apos;s messages, acknowledged ones included</source>
        <translation>теряет связь, а затем повторно отправляет сообщения сессии, включая уже подтверждённые</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepts RemoteStopTransaction but keeps charging</source>
        <translation>принимает RemoteStopTransaction, но продолжает зарядку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delivers energy with no authorised transaction</source>
        <translation>отдаёт энергию без авторизованной транзакции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sends every StopTransaction twice</source>
        <translation>отправляет каждое StopTransaction дважды</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its clock runs two days ahead: every timestamp it sends lies in the future</source>
        <translation>её часы спешат на двое суток: каждая отметка времени, которую она отправляет, — в будущем</translation>
    </message>
</context>
<context>
    <name>cd::sim::SimulatedStation</name>
    <message>
        <location filename="../core/sim/simulatedstation.cpp" line="+106"/>
        <source>connection timed out</source>
        <translation>истекло время ожидания подключения</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>protocol %1 is not supported by the simulator yet</source>
        <translation>симулятор пока не поддерживает протокол %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>stopped</source>
        <translation>остановлено</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the server did not agree to subprotocol %1</source>
        <translation>сервер не согласился на подпротокол %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>connection closed</source>
        <translation>соединение закрыто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection closed (code %1)</source>
        <translation>соединение закрыто (код %1)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>network lost (simulated)</source>
        <translation>потеря сети (имитация)</translation>
    </message>
    <message>
        <location filename="../core/sim/stationcommands.cpp" line="+132"/>
        <source>rebooting (%1)</source>
        <translation>перезагрузка (%1)</translation>
    </message>
</context>
<context>
    <name>cd::simapp::SimRunner</name>
    <message numerus="yes">
        <location filename="../app/sim/simrunner.cpp" line="+38"/>
        <source>All %n station(s) booted.</source>
        <translation>
            <numerusform>Все станции загрузились (%n).</numerusform>
            <numerusform>Все %n станции загрузились.</numerusform>
            <numerusform>Все %n станций загрузились.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Simulating %n station(s) against %1 (%2), time scale %3.</source>
        <translation>
            <numerusform>Имитируется %n станция, сервер %1 (%2), масштаб времени %3.</numerusform>
            <numerusform>Имитируются %n станции, сервер %1 (%2), масштаб времени %3.</numerusform>
            <numerusform>Имитируется %n станций, сервер %1 (%2), масштаб времени %3.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1% of the stations</source>
        <translation>%1% станций</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Misbehaviour %1: %2.</source>
        <translation>Некорректное поведение %1: %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stopping now.</source>
        <translation>Немедленная остановка.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping: ending sessions and sending what is queued...</source>
        <translation>Остановка: завершение сессий и отправка сообщений из очереди…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>No station could connect to %1 within %n second(s).</source>
        <translation>
            <numerusform>Ни одна станция не смогла подключиться к %1 за %n секунду.</numerusform>
            <numerusform>Ни одна станция не смогла подключиться к %1 за %n секунды.</numerusform>
            <numerusform>Ни одна станция не смогла подключиться к %1 за %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last error: %1</source>
        <translation>Последняя ошибка: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n station(s) never connected.</source>
        <translation>
            <numerusform>%n станция так и не подключилась.</numerusform>
            <numerusform>%n станции так и не подключились.</numerusform>
            <numerusform>%n станций так и не подключилось.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 s | %2/%3 connected, %4 booted | sessions %5 active, %6 done, %7 kWh, %8 refused | messages out %9 in %10 | p50 %11 ms p99 %12 ms | errors %13 | reconnects %14</source>
        <translation>%1 с | подключено %2/%3, загружено %4 | сессии: активные %5, завершённые %6, %7 кВт·ч, отклонённые %8 | сообщения: исх. %9, вх. %10 | p50 %11 мс, p99 %12 мс | ошибки: %13 | переподключения: %14</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Summary: %1 of %2 stations connected, %3 reconnects, %4 connection failures.</source>
        <translation>Итог: подключилось станций — %1 из %2, переподключений — %3, неудачных подключений — %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions: %1 started, %2 finished, %3 kWh delivered; %4 drivers not authorised.</source>
        <translation>Сессии: начато %1, завершено %2, отпущено %3 кВт·ч; не авторизовано водителей: %4.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last connection error: %1</source>
        <translation>Последняя ошибка подключения: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages: %1 sent, %2 received (%3 per second); %4 calls answered by the server, %5 server commands answered.</source>
        <translation>Сообщения: отправлено %1, получено %2 (%3 в секунду); ответов сервера на вызовы: %4, ответов на команды сервера: %5.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reply latency: p50 %1 ms, p99 %2 ms, max %3 ms over %4 calls.</source>
        <translation>Задержка ответа: p50 %1 мс, p99 %2 мс, макс. %3 мс (вызовов: %4).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Errors: %1.</source>
        <translation>Ошибки: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n transaction message(s) were still queued at exit.</source>
        <translation>
            <numerusform>При выходе в очереди ещё оставалось %n транзакционное сообщение.</numerusform>
            <numerusform>При выходе в очереди ещё оставалось %n транзакционных сообщения.</numerusform>
            <numerusform>При выходе в очереди ещё оставалось %n транзакционных сообщений.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statistics written to %1.</source>
        <translation>Статистика записана в %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::ConnectorRepository</name>
    <message>
        <location filename="../core/storage/connectorrepository.cpp" line="+111"/>
        <source>No connector with the internal id %1.</source>
        <translation>Коннектора с внутренним идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Database</name>
    <message>
        <location filename="../core/storage/database.cpp" line="+90"/>
        <source>The key does not open %1: it is the wrong key, or the file is not a ChargeDesk database. The file was left untouched.</source>
        <translation>Ключ не открывает %1: ключ неверный или файл не является базой данных ChargeDesk. Файл оставлен без изменений.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Не удаётся открыть базу данных %1: %2</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1 is encrypted, but no key was found (%2: %3)
%4</source>
        <translation>%1 зашифрована, но ключ не найден (%2: %3)
%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No database key (%1: %2)
%3</source>
        <translation>Нет ключа базы данных (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the database key (%1: %2)
%3</source>
        <translation>Не удаётся прочитать ключ базы данных (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot create the folder %1.</source>
        <translation>Не удаётся создать папку %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::DatabaseOptions</name>
    <message>
        <location filename="../core/storage/databaseoptions.cpp" line="+17"/>
        <source>Encrypted SQLCipher database file (default: %1).</source>
        <translation>Зашифрованный файл базы данных SQLCipher (по умолчанию: %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>path</source>
        <translation>путь</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Shared PostgreSQL database, e.g. postgresql://user:password@host:5432/chargedesk.</source>
        <translation>Общая база данных PostgreSQL, например postgresql://user:password@host:5432/chargedesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the database key from this file (64 hexadecimal digits, mode 0600) instead of the OS keychain.</source>
        <translation>Читать ключ базы данных из этого файла (64 шестнадцатеричные цифры, режим 0600) вместо хранилища ключей ОС.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the database key from this environment variable instead of the OS keychain.</source>
        <translation>Читать ключ базы данных из этой переменной окружения вместо хранилища ключей ОС.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use either --db or --db-url, not both.</source>
        <translation>Укажите либо --db, либо --db-url, но не оба.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use either --db-key-file or --db-key-env, not both.</source>
        <translation>Укажите либо --db-key-file, либо --db-key-env, но не оба.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--db-url must look like postgresql://user:password@host:5432/database.</source>
        <translation>--db-url должен иметь вид postgresql://user:password@host:5432/database.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PostgreSQL database takes no key options; its server secures it.</source>
        <translation>Для базы данных PostgreSQL параметры ключа не нужны: её защищает сервер.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--db-key-env needs the name of an environment variable.</source>
        <translation>Для --db-key-env нужно имя переменной окружения.</translation>
    </message>
</context>
<context>
    <name>cd::storage::EnvKeyStore</name>
    <message>
        <location filename="../core/storage/envkeystore.cpp" line="+11"/>
        <source>The environment variable %1 is not set.</source>
        <translation>Переменная окружения %1 не задана.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The environment variable %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>Переменная окружения %1 должна содержать ровно 64 шестнадцатеричные цифры (256-битный ключ).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key cannot be stored in an environment variable.</source>
        <translation>Ключ нельзя сохранить в переменной окружения.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>environment variable %1</source>
        <translation>переменная окружения %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set it to 64 hexadecimal digits, e.g. %1=$(chargedesk-cli key generate)</source>
        <translation>Задайте ей 64 шестнадцатеричные цифры, например %1=$(chargedesk-cli key generate)</translation>
    </message>
</context>
<context>
    <name>cd::storage::FileKeyStore</name>
    <message>
        <location filename="../core/storage/filekeystore.cpp" line="+13"/>
        <source>The key file %1 does not exist.</source>
        <translation>Файл ключа %1 не существует.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>Файл ключа %1 доступен для чтения другим пользователям; ограничьте доступ командой: chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the key file %1: %2</source>
        <translation>Не удаётся прочитать файл ключа %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>Файл ключа %1 должен содержать ровно 64 шестнадцатеричные цифры (256-битный ключ).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key file is only read, never written implicitly.</source>
        <translation>Файл ключа только читается и никогда не записывается неявно.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>key file %1</source>
        <translation>файл ключа %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create a key file with: chargedesk-cli key generate --out %1</source>
        <translation>Создайте файл ключа командой: chargedesk-cli key generate --out %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 already exists; a key file is never overwritten.</source>
        <translation>%1 уже существует; файл ключа никогда не перезаписывается.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create %1: %2</source>
        <translation>Не удаётся создать %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::storage::IdTagRepository</name>
    <message>
        <location filename="../core/storage/idtagrepository.cpp" line="+61"/>
        <source>&quot;%1&quot; is not a valid id tag: use 1 to 36 printable characters without spaces.</source>
        <translation>«%1» — недопустимый id tag: используйте от 1 до 36 печатных символов без пробелов.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a valid parent id tag.</source>
        <translation>«%1» — недопустимый родительский id tag.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The kind of an id tag is card, app or department.</source>
        <translation>Вид id tag: card, app или department.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <source>The status of an id tag is Accepted, Blocked, Expired or Invalid.</source>
        <translation>Статус id tag: Accepted, Blocked, Expired или Invalid.</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>The number of concurrent sessions must be between 1 and 10000.</source>
        <translation>Количество одновременных сессий должно быть от 1 до 10000.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The id tag %1 already exists.</source>
        <translation>Id tag %1 уже существует.</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+11"/>
        <source>No id tag %1.</source>
        <translation>Id tag %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::KeychainKeyStore</name>
    <message>
        <location filename="../core/storage/keychainkeystore.cpp" line="+48"/>
        <location line="+21"/>
        <source>The OS keychain did not answer in time.</source>
        <translation>Хранилище ключей ОС не ответило вовремя.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>The keychain entry for this database is damaged.</source>
        <translation>Запись хранилища ключей для этой базы данных повреждена.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OS keychain holds no key for this database.</source>
        <translation>В хранилище ключей ОС нет ключа для этой базы данных.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OS keychain is not available: %1</source>
        <translation>Хранилище ключей ОС недоступно: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot store the database key in the OS keychain: %1</source>
        <translation>Не удаётся сохранить ключ базы данных в хранилище ключей ОС: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OS keychain</source>
        <translation>хранилище ключей ОС</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlock the desktop keychain, or pass --db-key-file PATH (a 0600 file with 64 hexadecimal digits) or --db-key-env NAME (an environment variable holding them). Generate a key with: chargedesk-cli key generate</source>
        <translation>Разблокируйте хранилище ключей рабочего стола или передайте --db-key-file ПУТЬ (файл с режимом 0600, содержащий 64 шестнадцатеричные цифры) либо --db-key-env ИМЯ (переменная окружения с ними). Сгенерировать ключ: chargedesk-cli key generate</translation>
    </message>
</context>
<context>
    <name>cd::storage::Migrator</name>
    <message>
        <location filename="../core/storage/migrator.cpp" line="+115"/>
        <source>There is no schema version %1.</source>
        <translation>Версии схемы %1 не существует.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database has schema version %1, newer than this ChargeDesk understands (%2). Install the newer ChargeDesk that wrote it.</source>
        <translation>База данных имеет версию схемы %1, более новую, чем поддерживает этот ChargeDesk (%2). Установите более новую версию ChargeDesk, которая её записала.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>Миграция %1 (%2) не удалась, изменения откачены: %3</translation>
    </message>
</context>
<context>
    <name>cd::storage::SessionRepository</name>
    <message>
        <location filename="../core/storage/sessionrepository.cpp" line="+180"/>
        <source>The new session %1 cannot be read back.</source>
        <translation>Новую сессию %1 не удаётся прочитать после записи.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No session with the id %1.</source>
        <translation>Сессии с идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::SiteRepository</name>
    <message>
        <location filename="../core/storage/siterepository.cpp" line="+22"/>
        <source>A name has at most %1 characters.</source>
        <translation>Название — не более %1 символов.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say which site.</source>
        <translation>Укажите площадку.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+107"/>
        <source>There is no site %1.</source>
        <translation>Нет площадки %1.</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>Нет площадки с именем «%1».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sites are named &quot;%2&quot;; name one by its id, e.g. #%3.</source>
        <translation>%1 площадок называются «%2»; укажите одну по id, напр. #%3.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>Нет субоператора с именем «%1».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the sub-operator a name.</source>
        <translation>Задайте субоператору название.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The settlement mode is settle_first or hold_until_corrected, not &quot;%1&quot;.</source>
        <translation>Режим расчёта — settle_first или hold_until_corrected, а не «%1».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A sub-operator named &quot;%1&quot; exists already.</source>
        <translation>Субоператор с именем «%1» уже существует.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give the site a name.</source>
        <translation>Задайте площадке название.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A site&apos;s name cannot start with #: that is how a site is named by its id.</source>
        <translation>Название площадки не может начинаться с #: так площадку указывают по её id.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A site named &quot;%1&quot; exists already.</source>
        <translation>Площадка с именем «%1» уже существует.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+78"/>
        <source>Database error: %1 values for the placeholders of (%2)</source>
        <translation>Ошибка базы данных: %1 значений для заполнителей в (%2)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Database error: %1 (%2)</source>
        <translation>Ошибка базы данных: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::storage::SqlCipherDriver</name>
    <message>
        <location filename="../core/storage/sqlcipherdriver.cpp" line="+50"/>
        <source>QSQLCIPHER_BUSY_TIMEOUT needs a number of milliseconds, got &quot;%1&quot;</source>
        <translation>QSQLCIPHER_BUSY_TIMEOUT требует число миллисекунд, получено «%1»</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown connect option &quot;%1&quot;</source>
        <translation>неизвестный параметр подключения «%1»</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Invalid connect options: %1</source>
        <translation>Неверные параметры подключения: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database key must be exactly 64 hexadecimal digits (a raw 256-bit key); passphrases are not accepted</source>
        <translation>Ключ базы данных должен состоять ровно из 64 шестнадцатеричных цифр (необработанный 256-битный ключ); парольные фразы не принимаются</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No database file name given</source>
        <translation>Не указано имя файла базы данных</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open the database file %1</source>
        <translation>Не удаётся открыть файл базы данных %1</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>The key does not open the database file %1: wrong key, or not an encrypted ChargeDesk database</source>
        <translation>Ключ не открывает файл базы данных %1: ключ неверный или это не зашифрованная база данных ChargeDesk</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Cannot read the database file %1</source>
        <translation>Не удаётся прочитать файл базы данных %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read the cipher version of %1</source>
        <translation>Не удаётся прочитать версию шифра %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The linked SQLite library is not SQLCipher; refusing to open %1 without encryption</source>
        <translation>Подключённая библиотека SQLite не является SQLCipher; открывать %1 без шифрования отказано</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot switch %1 to WAL journal mode</source>
        <translation>Не удаётся перевести %1 в режим журнала WAL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot switch %1 to WAL journal mode (SQLite answered &quot;%2&quot;)</source>
        <translation>Не удаётся перевести %1 в режим журнала WAL (SQLite ответила «%2»)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply &quot;%1&quot;</source>
        <translation>Не удаётся применить «%1»</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Cannot close the database</source>
        <translation>Не удаётся закрыть базу данных</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot begin the transaction</source>
        <translation>Не удаётся начать транзакцию</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot commit the transaction</source>
        <translation>Не удаётся зафиксировать транзакцию</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot roll back the transaction</source>
        <translation>Не удаётся откатить транзакцию</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database is not open</source>
        <translation>База данных не открыта</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(another connection kept the database locked for longer than the busy timeout of %1 ms)</source>
        <translation>(другое соединение держало базу данных заблокированной дольше тайм-аута ожидания %1 мс)</translation>
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
        <translation>Не удаётся подготовить инструкцию</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+42"/>
        <source>The database is not open</source>
        <translation>База данных не открыта</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Only one statement can be run at a time</source>
        <translation>За один раз можно выполнить только одну инструкцию</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The query holds no SQL statement</source>
        <translation>Запрос не содержит инструкции SQL</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+156"/>
        <source>Cannot execute the statement</source>
        <translation>Не удаётся выполнить инструкцию</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>No statement is prepared</source>
        <translation>Ни одна инструкция не подготовлена</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+12"/>
        <source>Cannot bind the values</source>
        <translation>Не удаётся привязать значения</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Parameter count mismatch: the statement has %1 placeholders, %2 values are bound</source>
        <translation>Количество параметров не совпадает: в инструкции заполнителей: %1, привязано значений: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No value is bound for %1</source>
        <translation>Для %1 не привязано значение</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+54"/>
        <source>Cannot bind the value for %1</source>
        <translation>Не удаётся привязать значение для %1</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 does not fit in a signed 64-bit integer</source>
        <translation>%1 не помещается в 64-битное целое число со знаком</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+12"/>
        <source>The value is too large</source>
        <translation>Значение слишком велико</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>QDateTime values are not accepted: store time as UTC epoch milliseconds (qint64, QDateTime::toMSecsSinceEpoch())</source>
        <translation>Значения QDateTime не принимаются: храните время как миллисекунды эпохи UTC (qint64, QDateTime::toMSecsSinceEpoch())</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Values of type %1 cannot be stored</source>
        <translation>Значения типа %1 нельзя сохранить</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+164"/>
        <source>Cannot fetch the row</source>
        <translation>Не удаётся получить строку</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationRepository</name>
    <message>
        <location filename="../core/storage/stationrepository.cpp" line="+67"/>
        <source>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</source>
        <translation>«%1» — недопустимый идентификатор зарядной станции: используйте от 1 до 48 печатных символов без пробелов, «/», «?», «#» и «%».</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Latitude must be between -90 and 90.</source>
        <translation>Широта должна быть в пределах от -90 до 90.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longitude must be between -180 and 180.</source>
        <translation>Долгота должна быть в пределах от -180 до 180.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>A station with the id %1 already exists.</source>
        <translation>Станция с идентификатором %1 уже существует.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Give both the latitude and the longitude, or neither.</source>
        <translation>Укажите и широту, и долготу, или ни одной.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No station with the internal id %1.</source>
        <translation>Станции с внутренним идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+51"/>
        <source>No station with the internal id %1.</source>
        <translation>Станции с внутренним идентификатором %1 нет.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The security profile must be 0, 1, 2 or 3.</source>
        <translation>Профиль безопасности должен быть 0, 1, 2 или 3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::ui::AccountsPage</name>
    <message>
        <location filename="../ui/accounts/accountspage.cpp" line="+94"/>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>Подразделения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купоны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariffs</source>
        <translation>Тарифы</translation>
    </message>
</context>
<context>
    <name>cd::ui::ActionDialog</name>
    <message>
        <location filename="../ui/operators/actiondialog.cpp" line="+33"/>
        <source>Optional, kept in the audit log</source>
        <translation>Необязательно, сохраняется в журнале аудита</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eason:</source>
        <translation>При&amp;чина:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertActionDialog</name>
    <message>
        <location filename="../ui/alerts/alertactiondialog.cpp" line="+22"/>
        <source>Acknowledge alert</source>
        <translation>Подтвердить оповещение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign alert</source>
        <translation>Назначить оповещение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve alert</source>
        <translation>Решить оповещение</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Assign to:</source>
        <translation>Исполнитель:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was done (required)</source>
        <translation>Что сделано (обязательно)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Optional</source>
        <translation>Необязательно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>Заметка:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Acknowledge</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign</source>
        <translation>Назначить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve</source>
        <translation>Решить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
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
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTableModel</name>
    <message>
        <location line="-111"/>
        <source>Cleared</source>
        <extracomment>an alert resolved by itself: its condition is gone (station back online, fault cleared)</extracomment>
        <translation>Исчезло</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Alert</source>
        <translation>Оповещение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Последний раз</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Times</source>
        <extracomment>column: how many times the alert&apos;s condition was seen</extracomment>
        <translation>Раз</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned to</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTray</name>
    <message>
        <location filename="../ui/alerts/alerttray.cpp" line="+70"/>
        <source>New alert</source>
        <translation>Новое оповещение</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n новое оповещение</numerusform>
            <numerusform>%n новых оповещения</numerusform>
            <numerusform>%n новых оповещений</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsPage</name>
    <message>
        <location filename="../ui/alerts/alertspage.cpp" line="+275"/>
        <source>Select an alert to see its history.</source>
        <translation>Выберите оповещение, чтобы увидеть его историю.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session id %1</source>
        <translation>Идентификатор сессии %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e-mail</source>
        <translation>письмо</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>webhook</source>
        <translation>вебхук</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent</source>
        <translation>%1: отправлено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 failed: %2</source>
        <translation>%1: не удалось: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 waiting (attempt %2)</source>
        <translation>%1: ожидает (попытка %2)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Alert %1: %2</source>
        <translation>Оповещение %1: %2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;Show:</source>
        <translation>&amp;Показать:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open and acknowledged</source>
        <translation>Открытые и подтверждённые</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acknowledged</source>
        <translation>Подтверждено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No alerts here.</source>
        <translation>Здесь нет оповещений.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 alerts shown, more when you scroll down</source>
        <translation>Показано оповещений: %1, остальные — при прокрутке</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n оповещение</numerusform>
            <numerusform>%n оповещения</numerusform>
            <numerusform>%n оповещений</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Подтвердить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assi&amp;gn…</source>
        <translation>На&amp;значить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolve…</source>
        <translation>&amp;Решить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>История</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsSection</name>
    <message>
        <location filename="../ui/settings/alertssection.cpp" line="+174"/>
        <source>Saved. The station server uses them from its next start.</source>
        <translation>Сохранено. Сервер станций применит их при следующем запуске.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station offline after:</source>
        <translation>Станция не на связи через:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heartbeat overdue after:</source>
        <translation>Нет heartbeat через:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> × interval</source>
        <extracomment>a multiplier: the heartbeat is overdue after N times its interval</extracomment>
        <translation> × интервал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter jump above:</source>
        <translation>Скачок счётчика более:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Wh</source>
        <translation> Вт·ч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send alerts by e-mail</source>
        <translation>Отправлять оповещения письмом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SMTP server:</source>
        <translation>SMTP-сервер:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption:</source>
        <translation>Шифрование:</translation>
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
        <translation>Без шифрования (только этот компьютер)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name:</source>
        <translation>Имя пользователя:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: no login</source>
        <translation>пусто: без входа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>От:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>addresses, separated by commas</source>
        <translation>адреса через запятую</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post alerts to a webhook</source>
        <translation>Отправлять оповещения на вебхук</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webhook address:</source>
        <translation>Адрес вебхука:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station server checks the rules every few seconds; each alert is sent once per channel and tried again later when sending fails. The SMTP password is not kept here: the station server reads it from the environment variable %1. Changes apply when the station server starts again.</source>
        <translation>Сервер станций проверяет правила каждые несколько секунд; каждое оповещение отправляется по одному разу в каждый канал и повторяется позже, если отправить не удалось. Пароль SMTP здесь не хранится: сервер станций берёт его из переменной окружения %1. Изменения действуют после следующего запуска сервера станций.</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillDetail</name>
    <message>
        <location filename="../ui/anomalies/anomalybilldetail.cpp" line="+123"/>
        <source>Anomalies</source>
        <translation>Аномалии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill, line by line</source>
        <translation>Счёт по строкам</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a bill to see its anomalies and lines.</source>
        <translation>Выберите счёт, чтобы увидеть его аномалии и строки.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1, version %2 · session %3</source>
        <extracomment>%1 the bill&apos;s id, %2 its version (2 and more: corrected), %3 the session number</extracomment>
        <translation>Счёт %1, версия %2 · сеанс %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 (no bill)</source>
        <translation>Сеанс %1 (без счёта)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>firmware %1</source>
        <extracomment>%1 the station&apos;s firmware version</extracomment>
        <translation>прошивка %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station: %1</source>
        <translation>Станция: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session: %1 – %2</source>
        <translation>Сеанс: %1 – %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session: from %1, not ended</source>
        <translation>Сеанс: с %1, не завершён</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy: %1</source>
        <translation>Энергия: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>(the station&apos;s bill: %1)</source>
        <translation>(в счёте станции: %1)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>energy %1</source>
        <translation>энергия %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service %1</source>
        <translation>услуга %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle %1</source>
        <translation>простой %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>coupon −%1</source>
        <translation>купон −%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fees: %1</source>
        <translation>Плата: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total: %1</source>
        <translation>Итого: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settlement: %1</source>
        <translation>Расчёт: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>    resolved %1 by bill %2</source>
        <translation>    устранено %1 счётом %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>    resolved %1</source>
        <translation>    устранено %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>    found %1, open</source>
        <translation>    обнаружено %1, открыто</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bill keeps no lines (it was not computed by ChargeDesk).</source>
        <translation>У счёта нет строк (его рассчитал не ChargeDesk).</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillTableModel</name>
    <message>
        <location filename="../ui/anomalies/anomalybilltablemodel.cpp" line="+280"/>
        <source>Session</source>
        <translation>Сеанс</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Codes</source>
        <extracomment>column: the anomaly codes of a bill, such as 3,8</extracomment>
        <translation>Коды</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement</source>
        <extracomment>column: whether the bill&apos;s money has moved (settled, provisional, held)</extracomment>
        <translation>Расчёт</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model and firmware</source>
        <extracomment>column: the station&apos;s vendor, model and firmware version</extracomment>
        <translation>Модель и прошивка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found</source>
        <extracomment>column: when the anomaly was found</extracomment>
        <translation>Обнаружено</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillsPage</name>
    <message>
        <location filename="../ui/anomalies/anomalybillspage.cpp" line="+448"/>
        <source>Counting…</source>
        <translation>Считаем…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No anomaly bills match the filter.</source>
        <translation>Ни один аномальный счёт не соответствует фильтру.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln bill(s) match</source>
        <translation>
            <numerusform>%Ln счёт соответствует фильтру</numerusform>
            <numerusform>%Ln счёта соответствуют фильтру</numerusform>
            <numerusform>%Ln счетов соответствуют фильтру</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all selected</source>
        <translation>выбраны все</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln выбран</numerusform>
            <numerusform>%Ln выбрано</numerusform>
            <numerusform>%Ln выбрано</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Bills</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;all matching</source>
        <extracomment>selects every bill the filter matches, also those not loaded yet</extracomment>
        <translation>Выбрать &amp;все по фильтру</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear selection</source>
        <translation>&amp;Снять выбор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Correct…</source>
        <translation>&amp;Исправить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the selected bills (or the highlighted one) with a preview of every effect</source>
        <translation>Исправить выбранные счета (или выделенный) с предварительным просмотром всех последствий</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick bills to select them; Space ticks every highlighted row</source>
        <translation>Отмечайте счета, чтобы выбрать их; пробел отмечает все выделенные строки</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyFilterBar</name>
    <message>
        <location filename="../ui/anomalies/anomalyfilterbar.cpp" line="+272"/>
        <location line="+24"/>
        <source>All codes</source>
        <translation>Все коды</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Codes: %1</source>
        <extracomment>the anomaly code filter&apos;s button: %1 the chosen codes, such as &quot;3, 8&quot;</extracomment>
        <translation>Коды: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show bills with any of the chosen anomaly codes</source>
        <translation>Показать счета с любым из выбранных кодов аномалий</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All stations</source>
        <translation>Все станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any firmware</source>
        <translation>Любая прошивка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware version of the station</source>
        <translation>Версия прошивки станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the session started</source>
        <translation>Когда начался сеанс</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last month</source>
        <translation>Прошлый месяц</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dates…</source>
        <translation>Даты…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sessions started on or after this day</source>
        <translation>Сеансы, начавшиеся в этот день или позже</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started on or before this day</source>
        <translation>Сеансы, начавшиеся в этот день или раньше</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Открытые</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Corrected</source>
        <extracomment>anomaly bills whose anomalies were all resolved by a correction</extracomment>
        <translation>Исправленные</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open and corrected</source>
        <translation>Открытые и исправленные</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open: an anomaly waits for a correction</source>
        <translation>Открытые: аномалия ждёт исправления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session number</source>
        <translation>Номер сеанса</translation>
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
        <translation>Период</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly</source>
        <translation>Аномалия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model and firmware</source>
        <translation>Модель и прошивка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Аномальные счета</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sessions</source>
        <extracomment>column: all sessions of the station in the period</extracomment>
        <translation>Сеансы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share</source>
        <extracomment>column: anomaly bills as a share of all sessions</extracomment>
        <translation>Доля</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyStatisticsView</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/anomalystatisticsview.cpp" line="+100"/>
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>Сохранена %n строка в %1.</numerusform>
            <numerusform>Сохранено %n строки в %1.</numerusform>
            <numerusform>Сохранено %n строк в %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Export anomaly statistics</source>
        <translation>Экспорт статистики аномалий</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saving %1…</source>
        <translation>Сохранение %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Counting…</source>
        <translation>Считаем…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No anomaly bills match the filter.</source>
        <translation>Ни один аномальный счёт не соответствует фильтру.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 anomaly bills in %2 rows</source>
        <extracomment>%1 anomaly bills (a bill with two codes counts once), %2 rows of code × station × period</extracomment>
        <translation>Аномальных счетов: %1, строк: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Group by:</source>
        <translation>&amp;Группировать по:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Экспорт в CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share: anomaly bills with the code among all sessions of the station started in the period</source>
        <translation>Доля: счета с этим кодом среди всех сеансов станции, начавшихся в этом периоде</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApplyRefundDialog</name>
    <message>
        <location filename="../ui/refunds/applyrefunddialog.cpp" line="+23"/>
        <source>New refund application</source>
        <translation>Новая заявка на возврат</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name, phone, e-mail or card</source>
        <translation>Имя, телефон, e-mail или карта</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The member&apos;s reason, e.g. moving to another city</source>
        <translation>Причина участника, напр. переезд в другой город</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the unused coupons earned by the refunded top-ups</source>
        <translation>Отозвать неиспользованные купоны, полученные за возвращённые пополнения</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Find member:</source>
        <translation>Найти участника:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member:</source>
        <translation>Участник:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount (%1):</source>
        <translation>Сумма (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (refundable %2)</source>
        <extracomment>a member in the refund application&apos;s picker: name and what may be refunded</extracomment>
        <translation>%1 (к возврату %2)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 is taken off %2&apos;s balance and kept as a pending refund until the audit decides:</source>
        <extracomment>the first line of the confirmation: what the application does to the member&apos;s money</extracomment>
        <translation>%1 списывается с баланса участника %2 и удерживается как ожидающий возврат, пока проверка не решит:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance: %1</source>
        <translation>Баланс: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable: %1</source>
        <translation>К возврату: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund: %1</source>
        <translation>Ожидающий возврат: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When refunded, the unused coupons earned by the refunded top-ups are revoked.</source>
        <translation>После возврата неиспользованные купоны, полученные за возвращённые пополнения, отзываются.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons earned by the refunded top-ups are kept.</source>
        <translation>Купоны, полученные за возвращённые пополнения, сохраняются.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejecting the application gives all of it back to the member.</source>
        <translation>Если заявку отклонить, вся сумма вернётся участнику.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Balance %1 · refundable %2 · pending refund %3</source>
        <translation>Баланс %1 · к возврату %2 · ожидающий возврат %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No member found.</source>
        <translation>Участник не найден.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most %1</source>
        <translation>Не более %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 can be refunded to %2.</source>
        <translation>Участнику %2 можно вернуть не более %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has nothing refundable.</source>
        <translation>У %1 нет суммы к возврату.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply for %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>Подать заявку на %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Проверить…</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApproveRefundDialog</name>
    <message>
        <location filename="../ui/refunds/approverefunddialog.cpp" line="+22"/>
        <source>Approve refund</source>
        <translation>Одобрить возврат</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>Почему: сохраняется в истории возврата</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Commission (%1):</source>
        <translation>Комиссия (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Approve and refund %1</source>
        <extracomment>the button that approves and sends the money back, after the operator has seen where it goes</extracomment>
        <translation>Одобрить и вернуть %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The commission must be less than the amount applied for (%1).</source>
        <translation>Комиссия должна быть меньше суммы заявки (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Проверить…</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditChangesModel</name>
    <message>
        <location filename="../ui/audit/auditchangesmodel.cpp" line="+131"/>
        <source>(whole record)</source>
        <translation>(вся запись)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before</source>
        <extracomment>the value before the audited change</extracomment>
        <translation>До</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After</source>
        <extracomment>the value after the audited change</extracomment>
        <translation>После</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditPage</name>
    <message>
        <location filename="../ui/audit/auditpage.cpp" line="+227"/>
        <source>Select an entry to see what it changed.</source>
        <translation>Выберите запись, чтобы увидеть, что она изменила.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 by %2 at %3</source>
        <extracomment>Audit entry heading: %1 the action (&quot;refund.approve&quot;), %2 the operator, %3 the local time</extracomment>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No reason was given.</source>
        <translation>Причина не указана.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason: %1</source>
        <translation>Причина: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n newest entries shown; scroll down for older ones.</source>
        <translation>
            <numerusform>Показана %n самая новая запись; прокрутите вниз, чтобы увидеть более старые.</numerusform>
            <numerusform>Показаны %n самые новые записи; прокрутите вниз, чтобы увидеть более старые.</numerusform>
            <numerusform>Показано %n самых новых записей; прокрутите вниз, чтобы увидеть более старые.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries.</source>
        <translation>
            <numerusform>%n запись.</numerusform>
            <numerusform>%n записи.</numerusform>
            <numerusform>%n записей.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Объект:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number or name</source>
        <translation>Номер или название</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator:</source>
        <translation>&amp;Оператор:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login, as recorded</source>
        <translation>Логин, как записан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period:</source>
        <translation>&amp;Период:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
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
        <translation>Номер %1</translation>
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
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditText</name>
    <message>
        <location filename="../ui/audit/audittext.cpp" line="+13"/>
        <source>Alert</source>
        <translation>Оповещение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule</source>
        <translation>Правило купонов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>Квитанции шлюза</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (id tag)</source>
        <translation>Карта (id tag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session</source>
        <translation>Сеанс входа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment hold</source>
        <translation>Блокировка средств</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging session</source>
        <translation>Сессия зарядки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site meter reading</source>
        <translation>Показание счётчика площадки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator</source>
        <translation>Суб-оператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff</source>
        <translation>Тариф</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Alert acknowledged</source>
        <translation>Оповещение подтверждено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert assigned</source>
        <translation>Оповещение назначено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert resolved</source>
        <translation>Оповещение решено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill corrected</source>
        <translation>Счёт исправлен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill credited</source>
        <translation>Средства по счёту возвращены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill debited</source>
        <translation>Средства по счёту списаны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command sent to a station</source>
        <translation>Команда отправлена станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon earned</source>
        <translation>Купон получен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon revoked</source>
        <translation>Купон отозван</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched on</source>
        <translation>Правило купонов включено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule created</source>
        <translation>Правило купонов создано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched off</source>
        <translation>Правило купонов отключено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department billing changed</source>
        <translation>Расчёты подразделения изменены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department created</source>
        <translation>Подразделение создано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department topped up</source>
        <translation>Подразделение пополнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts imported</source>
        <translation>Квитанции шлюза импортированы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card added</source>
        <translation>Карта добавлена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login ended by an administrator</source>
        <translation>Вход завершён администратором</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member created</source>
        <translation>Участник создан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold changed</source>
        <translation>Порог автоостановки изменён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member topped up</source>
        <translation>Участник пополнен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member changed</source>
        <translation>Участник изменён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading replaced</source>
        <translation>Показание счётчика заменено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading entered</source>
        <translation>Показание счётчика внесено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator added</source>
        <translation>Оператор добавлен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator disabled</source>
        <translation>Оператор отключён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator enabled</source>
        <translation>Оператор включён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login locked after wrong passwords</source>
        <translation>Вход заблокирован после неверных паролей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in</source>
        <translation>Вход выполнен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged out</source>
        <translation>Выход выполнен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password changed</source>
        <translation>Пароль изменён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins at once changed</source>
        <translation>Число одновременных входов изменено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role of an operator changed</source>
        <translation>Роль оператора изменена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login unlocked</source>
        <translation>Вход разблокирован</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund applied for</source>
        <translation>Подана заявка на возврат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund approved</source>
        <translation>Возврат одобрен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund recorded</source>
        <translation>Возврат записан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund rejected</source>
        <translation>Возврат отклонён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role created</source>
        <translation>Роль создана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role deleted</source>
        <translation>Роль удалена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions granted</source>
        <translation>Разрешения выданы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions revoked</source>
        <translation>Разрешения отозваны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold cancelled</source>
        <translation>Блокировка средств отменена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held money captured</source>
        <translation>Заблокированные средства списаны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finalized</source>
        <translation>Сессия окончательно завершена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finished</source>
        <translation>Сессия закрыта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment settled</source>
        <translation>Оплата проведена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session priced</source>
        <translation>Стоимость сессии рассчитана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station reset for a session</source>
        <translation>Станция перезапущена для сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy set</source>
        <translation>Энергия установлена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start</source>
        <translation>Удалённый запуск</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session status changed</source>
        <translation>Статус сессии изменён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote stop</source>
        <translation>Удалённая остановка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site added</source>
        <translation>Площадка добавлена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site&apos;s sub-operator changed</source>
        <translation>Суб-оператор площадки изменён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station added</source>
        <translation>Станция добавлена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station placed on the map</source>
        <translation>Станция размещена на карте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station&apos;s site changed</source>
        <translation>Площадка станции изменена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator added</source>
        <translation>Суб-оператор добавлен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff created</source>
        <translation>Тариф создан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff retired</source>
        <translation>Тариф выведен из действия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tariff version</source>
        <translation>Новая версия тарифа</translation>
    </message>
</context>
<context>
    <name>cd::ui::CardDialog</name>
    <message>
        <location filename="../ui/accounts/carddialog.cpp" line="+20"/>
        <location line="+23"/>
        <source>Add card</source>
        <translation>Добавить карту</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Add department card</source>
        <translation>Добавить карту подразделения</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card (id tag):</source>
        <translation>Карта (id tag):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vehicles at once:</source>
        <extracomment>how many vehicles one department card may charge at the same time</extracomment>
        <translation>Машин одновременно:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>An id tag is 1 to 36 printable characters without spaces.</source>
        <translation>Id tag — от 1 до 36 печатных символов без пробелов.</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangeDialog</name>
    <message>
        <location filename="../ui/operators/changedialog.cpp" line="+22"/>
        <location line="+2"/>
        <source>Change role</source>
        <translation>Изменить роль</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>The role of %1 decides what they may see and do, from their next action on.</source>
        <translation>Роль %1 определяет, что этот оператор может видеть и делать, начиная со следующего действия.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins at once</source>
        <translation>Одновременные входы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many consoles %1 may be logged in on at the same time.</source>
        <translation>В скольких консолях %1 может находиться одновременно.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins &amp;at once:</source>
        <translation>Одновременные &amp;входы:</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Reset password</source>
        <translation>Сбросить пароль</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>A new password for %1. Their open logins stay open; tell them the new password.</source>
        <translation>Новый пароль для %1. Открытые входы остаются; сообщите оператору новый пароль.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Disable operator</source>
        <translation>Отключить оператора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1? Their open logins end now, and they cannot log in until an administrator enables the account again.</source>
        <translation>Отключить %1? Открытые входы завершатся сейчас, и войти будет нельзя, пока администратор снова не включит учётную запись.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disable</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enable operator</source>
        <translation>Включить оператора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable %1? They can log in again with their password.</source>
        <translation>Включить %1? Оператор снова сможет войти со своим паролем.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>Включить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock login</source>
        <translation>Разблокировать вход</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock %1? Too many wrong passwords locked this login; unlocked, it can log in again now.</source>
        <translation>Разблокировать %1? Этот вход заблокирован из-за слишком большого числа неверных паролей; после разблокировки с ним снова можно входить.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End login session</source>
        <translation>Завершить сеанс входа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the login of %1? The console they use asks them to log in again.</source>
        <translation>Завершить вход %1? Консоль, которой пользуется оператор, попросит войти снова.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End session</source>
        <translation>Завершить сеанс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New role</source>
        <translation>Новая роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A custom role. Tick its permissions after it is made, then Apply.</source>
        <translation>Собственная роль. После создания отметьте её разрешения и нажмите «Применить».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create role</source>
        <translation>Создать роль</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start with the permissions of %1</source>
        <translation>Начать с разрешений роли %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Delete role</source>
        <translation>Удалить роль</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Delete the role %1? Only a role no operator has can be deleted.</source>
        <translation>Удалить роль %1? Удалить можно только роль, которой нет ни у одного оператора.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change permissions</source>
        <translation>Изменить разрешения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the permissions of %1?</source>
        <translation>Изменить разрешения роли %1?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../ui/access/changepassworddialog.cpp" line="+89"/>
        <source>Type your current password.</source>
        <translation>Введите свой текущий пароль.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change the password of %1</source>
        <extracomment>%1 is the operator&apos;s login</extracomment>
        <translation>Смена пароля %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Current password:</source>
        <translation>&amp;Текущий пароль:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change password</source>
        <translation>Сменить пароль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChartQuantities</name>
    <message>
        <location filename="../ui/charts/chartquantity.cpp" line="+29"/>
        <source>Power</source>
        <translation>Мощность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current</source>
        <translation>Ток</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage</source>
        <translation>Напряжение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Battery</source>
        <extracomment>the vehicle battery&apos;s state of charge (SoC), in percent</extracomment>
        <translation>Батарея</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kW</source>
        <translation>кВт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kWh</source>
        <translation>кВт·ч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A</source>
        <extracomment>amperes</extracomment>
        <translation>А</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>V</source>
        <extracomment>volts</extracomment>
        <translation>В</translation>
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
        <translation>Активная мощность, которую отдаёт станция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy charged since the start of the session (meter register minus meter start)</source>
        <translation>Энергия, заряженная с начала сессии (показание счётчика минус показание на старте)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current per phase, or in total when the station reports no phases</source>
        <translation>Ток по фазам или общий, если станция не сообщает фазы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage per phase</source>
        <translation>Напряжение по фазам</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State of charge of the vehicle&apos;s battery, as the vehicle reports it</source>
        <translation>Уровень заряда батареи автомобиля по данным самого автомобиля</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandDialog</name>
    <message>
        <location filename="../ui/stations/commanddialog.cpp" line="+60"/>
        <source>Command to %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>Команда для %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Form</source>
        <extracomment>the tab with one field per part of the command</extracomment>
        <translation>Форма</translation>
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
        <translation>Причина: сохраняется в журнале аудита вместе с командой</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Action:</source>
        <translation>Действие:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+14"/>
        <source>The payload must be a JSON object, e.g. {&quot;type&quot;: &quot;Soft&quot;}.</source>
        <translation>Данные должны быть объектом JSON, напр. {&quot;type&quot;: &quot;Soft&quot;}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The station would refuse this payload: %1</source>
        <translation>Станция отклонит эти данные: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Give a reason: it is kept in the audit log with the command.</source>
        <translation>Укажите причину: она сохраняется в журнале аудита вместе с командой.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Queuing the command…</source>
        <translation>Команда ставится в очередь…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent to the station; waiting for its answer…</source>
        <translation>Отправлено станции; ожидаем ответа…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station answered:</source>
        <translation>Ответ станции:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent: the station is offline.</source>
        <translation>Не отправлено: станция не в сети.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command could not be queued:</source>
        <translation>Не удалось поставить команду в очередь:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed:</source>
        <translation>Команда не выполнена:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Accepted. Waiting for the station&apos;s first progress report…</source>
        <translation>Принято. Ждём первого отчёта станции о ходе выполнения…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Failed: the station reported %1 at %2.</source>
        <translation>Ошибка: станция сообщила %1 в %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done: the station reported %1 at %2.</source>
        <translation>Готово: станция сообщила %1 в %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress: the station reported %1 at %2.</source>
        <translation>Выполняется: станция сообщила %1 в %2.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandFieldText</name>
    <message>
        <location filename="../ui/stations/commandform.cpp" line="+26"/>
        <source>Additional info</source>
        <translation>Дополнительные данные</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Charging profile</source>
        <translation>Профиль зарядки</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Profile criteria</source>
        <translation>Критерии профиля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile id</source>
        <translation>Идентификатор профиля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile kind</source>
        <translation>Вид профиля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile purpose</source>
        <translation>Назначение профиля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate unit</source>
        <translation>Единица мощности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>Расписание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule periods</source>
        <translation>Периоды расписания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector</source>
        <translation>Разъём</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector type</source>
        <translation>Тип разъёма</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration, s</source>
        <translation>Длительность, с</translation>
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
        <translation>Действует до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to read</source>
        <translation>Переменные для чтения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group token</source>
        <translation>Групповой токен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id</source>
        <translation>Идентификатор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (idTag)</source>
        <translation>Карта (idTag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install at</source>
        <translation>Установить в</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest entry</source>
        <translation>Самая новая запись</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>List version</source>
        <translation>Версия списка</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Local authorisation list</source>
        <translation>Локальный список авторизации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address (URL)</source>
        <translation>Адрес (URL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log type</source>
        <translation>Тип журнала</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message id</source>
        <translation>Идентификатор сообщения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum rate</source>
        <translation>Минимальная мощность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest entry</source>
        <translation>Самая старая запись</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Availability</source>
        <translation>Доступность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent card</source>
        <translation>Родительская карта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recurrence</source>
        <translation>Повторение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload address (URL)</source>
        <translation>Адрес выгрузки (URL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start id</source>
        <translation>Идентификатор удалённого старта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request id</source>
        <translation>Идентификатор запроса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message to send</source>
        <translation>Какое сообщение отправить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reservation</source>
        <translation>Бронирование</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries</source>
        <translation>Повторные попытки</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Download at</source>
        <translation>Загрузить в</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry interval, s</source>
        <translation>Интервал повтора, с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to set</source>
        <translation>Переменные для установки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing certificate</source>
        <translation>Сертификат подписи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stack level</source>
        <translation>Уровень стека</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule start</source>
        <translation>Начало расписания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction</source>
        <translation>Транзакция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>Обновление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>Действует с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid to</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor id</source>
        <translation>Идентификатор производителя</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandForm</name>
    <message>
        <location line="+58"/>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>%1: required.</source>
        <translation>%1: обязательное поле.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a whole number is needed.</source>
        <translation>%1: нужно целое число.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: a number such as 16 or 7.5 is needed.</source>
        <translation>%1: нужно число, например 16 или 7.5.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a UTC time such as 2030-01-01T00:00:00Z is needed.</source>
        <translation>%1: нужно время UTC, например 2030-01-01T00:00:00Z.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: this is not valid JSON.</source>
        <translation>%1: это некорректный JSON.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This command has no fields.</source>
        <translation>У этой команды нет полей.</translation>
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
        <translation>Конфигурация %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by key or value</source>
        <translation>Поиск по ключу или значению</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Why: kept in the audit log with the command</source>
        <translation>Причина: сохраняется в журнале аудита вместе с командой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key:</source>
        <translation>Ключ:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New value:</source>
        <translation>Новое значение:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read again</source>
        <translation>Прочитать снова</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asks the station for its configuration (GetConfiguration).</source>
        <translation>Запрашивает у станции её конфигурацию (GetConfiguration).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Asking the station…</source>
        <translation>Запрашиваем станцию…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Configuration read in the console</source>
        <translation>Конфигурация прочитана в консоли</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station is offline: its configuration cannot be read now.</source>
        <translation>Станция офлайн: её конфигурацию сейчас прочитать нельзя.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station did not give its configuration: %1</source>
        <translation>Станция не предоставила конфигурацию: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n key(s), read at %1</source>
        <extracomment>%n keys; %1 the time they were read</extracomment>
        <translation>
            <numerusform>%n ключ, прочитано в %1</numerusform>
            <numerusform>%n ключа, прочитано в %1</numerusform>
            <numerusform>%n ключей, прочитано в %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a key in the list.</source>
        <translation>Выберите ключ в списке.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (read-only: the station does not let it change)</source>
        <translation>%1 (только чтение: станция не позволяет изменять)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending %1 = %2…</source>
        <translation>Отправляем %1 = %2…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not sent: the station is offline.</source>
        <translation>Не отправлено: станция офлайн.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed: %1</source>
        <translation>Команда не выполнена: %1</translation>
    </message>
</context>
<context>
    <name>cd::ui::ConfigurationModel</name>
    <message>
        <location filename="../ui/stations/configurationmodel.cpp" line="+55"/>
        <source>(not given)</source>
        <translation>(не указано)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only</source>
        <translation>Только чтение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Can be changed</source>
        <translation>Можно изменить</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation>Доступ</translation>
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
        <translation>Получено (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station time (UTC)</source>
        <translation>Время станции (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector</source>
        <translation>Коннектор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionEnergyPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+33"/>
        <source>Enter the energy</source>
        <translation>Введите энергию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example from the station&apos;s display or a photo of it. It is spread evenly over the charging time.</source>
        <translation>Например, с дисплея станции или его фото. Её равномерно распределяют на время зарядки.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> Wh</source>
        <extracomment>unit after an energy in watt-hours</extracomment>
        <translation> Вт·ч</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 kWh = 1,000 Wh.</source>
        <translation>1 кВт·ч = 1000 Вт·ч.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionMethodPage</name>
    <message>
        <location filename="../ui/anomalies/correctionmethodpage.cpp" line="+19"/>
        <source>How should the bill be corrected?</source>
        <translation>Как исправить счёт?</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n bill(s) with one method, applied one by one: %1</source>
        <translation>
            <numerusform>%n счёт одним способом, по очереди: %1</numerusform>
            <numerusform>%n счёта одним способом, по очереди: %1</numerusform>
            <numerusform>%n счетов одним способом, по очереди: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1. Nothing is written before the preview and your confirmation.</source>
        <translation>Счёт %1. Ничего не записывается до предпросмотра и вашего подтверждения.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revert works on one bill at a time.</source>
        <translation>Возврат работает с одним счётом за раз.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionPreviewPage</name>
    <message>
        <location filename="../ui/anomalies/correctionpreviewpage.cpp" line="+42"/>
        <source>%1 Wh</source>
        <extracomment>an energy in watt-hours</extracomment>
        <translation>%1 Вт·ч</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>What the correction will do</source>
        <translation>Что сделает исправление</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is written yet. Check the lines and what happens to money, give the reason, then Apply.</source>
        <translation>Ещё ничего не записано. Проверьте строки и что будет с деньгами, укажите причину, затем «Применить».</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+92"/>
        <source>Money</source>
        <translation>Деньги</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>In numbers</source>
        <translation>В цифрах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купоны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card hold</source>
        <translation>Блокировка на карте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>Расчёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anomalies</source>
        <translation>Аномалии</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason (kept with the bill and in the audit log, required):</source>
        <translation>Причина (хранится со счётом и в журнале аудита, обязательно):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer unplugged at 08:14, the station kept the session open</source>
        <translation>Например: клиент отключил кабель в 08:14, станция держала сессию открытой</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Working out what will happen…</source>
        <translation>Вычисление последствий…</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%1 of %n bill(s) can be corrected; the others are skipped (the list says why).</source>
        <translation>
            <numerusform>%1 из %n счёта можно исправить; остальные пропущены (в списке сказано почему).</numerusform>
            <numerusform>%1 из %n счетов можно исправить; остальные пропущены (в списке сказано почему).</numerusform>
            <numerusform>%1 из %n счетов можно исправить; остальные пропущены (в списке сказано почему).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Working out bill %1 of %2…</source>
        <translation>Вычисление счёта %1 из %2…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Bill</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Session</source>
        <translation>Сеанс</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+88"/>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Can apply</source>
        <translation>Можно применить</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>charge %1</source>
        <translation>доплата %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refund %1</source>
        <translation>возврат %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+68"/>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>No: %1</source>
        <translation>Нет: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Now (version %1)</source>
        <translation>Сейчас (версия %1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corrected (version %1)</source>
        <translation>Исправлено (версия %1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, version %2</source>
        <translation>%1, версия %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tariff</source>
        <translation>Тариф</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 × %2/kWh = %3</source>
        <extracomment>one tariff period line: energy × price per kWh = fee</extracomment>
        <translation>%1 × %2/кВт·ч = %3</translation>
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
        <translation>Плата за энергию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee</source>
        <translation>Плата за обслуживание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service end</source>
        <translation>Конец обслуживания</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min, %1</source>
        <extracomment>idle time in minutes and its fee</extracomment>
        <translation>
            <numerusform>%n мин, %1</numerusform>
            <numerusform>%n мин, %1</numerusform>
            <numerusform>%n мин, %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee</source>
        <translation>Плата за простой</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>−%1 (%2)</source>
        <translation>−%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paid so far: %1</source>
        <translation>Оплачено до сих пор: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The corrected bill asks: %1</source>
        <translation>Исправленный счёт требует: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>Доплата: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>Возврат: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No difference.</source>
        <translation>Разницы нет.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No coupon changes.</source>
        <translation>Купоны не меняются.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold %1: %2 → %3; held %4, captured %5, refunded %6.</source>
        <translation>Блокировка %1: %2 → %3; заблокировано %4, списано %5, возвращено %6.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No card hold: paid from a balance or not at all.</source>
        <translation>Нет блокировки на карте: оплата с баланса или без оплаты.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved: %1</source>
        <translation>Закрыто: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open again: %1</source>
        <translation>Снова открыто: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open anomaly.</source>
        <translation>Открытых аномалий нет.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply: %1</source>
        <translation>Нельзя применить: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n bill(s) get a new version, one by one.</source>
        <translation>
            <numerusform>%n счёт получит новую версию, по очереди.</numerusform>
            <numerusform>%n счёта получат новую версию, по очереди.</numerusform>
            <numerusform>%n счетов получат новую версию, по очереди.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Additional charges: %1; refunds: %2.</source>
        <translation>Доплаты: %1; возвраты: %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n bill(s) that cannot be corrected are skipped.</source>
        <translation>
            <numerusform>%n счёт, который нельзя исправить, пропущен.</numerusform>
            <numerusform>%n счёта, которые нельзя исправить, пропущены.</numerusform>
            <numerusform>%n счетов, которые нельзя исправить, пропущены.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionResultPage</name>
    <message>
        <location filename="../ui/anomalies/correctionresultpage.cpp" line="+18"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bill %1: the gateway did it (payment call %2).</source>
        <translation>Счёт %1: шлюз выполнил (платёжный запрос %2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1: the gateway refused payment call %2: %3</source>
        <translation>Счёт %1: шлюз отклонил платёжный запрос %2: %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Applying…</source>
        <translation>Применение…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bill %1: skipped — %2</source>
        <translation>Счёт %1: пропущен — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n bill(s) corrected.</source>
        <translation>
            <numerusform>%n счёт исправлен.</numerusform>
            <numerusform>%n счёта исправлены.</numerusform>
            <numerusform>%n счетов исправлено.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 corrected, %2 failed.</source>
        <translation>Исправлено: %1, не удалось: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bill %1: not corrected — %2</source>
        <translation>Счёт %1: не исправлен — %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1 → version %2 (bill %3). Audit record %4.</source>
        <translation>Счёт %1 → версия %2 (счёт %3). Запись аудита %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: the bill was corrected, but the card money call could not be made: %2</source>
        <translation>Счёт %1: счёт исправлен, но платёжный запрос по карте не удалось сделать: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: payment call %2 sent to the gateway.</source>
        <translation>Счёт %1: платёжный запрос %2 отправлен в шлюз.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionRevertPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+91"/>
        <source>Choose the version to go back to</source>
        <translation>Выберите версию, к которой вернуться</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new version with that version&apos;s numbers is written; every version stays in the history.</source>
        <translation>Записывается новая версия с суммами той версии; все версии остаются в истории.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading the versions…</source>
        <translation>Чтение версий…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version %1 — %2, by %3, %4</source>
        <extracomment>an earlier version of a bill: version, total, who made it, when</extracomment>
        <translation>Версия %1 — %2, автор %3, %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This bill has no earlier version.</source>
        <translation>У этого счёта нет предыдущей версии.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionTariffPage</name>
    <message>
        <location line="-97"/>
        <source>Choose the tariff</source>
        <translation>Выберите тариф</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bill is normally computed with the tariff that was valid when the session ran. Choose another version only when that one was wrong.</source>
        <translation>Обычно счёт вычисляют по тарифу, действовавшему во время сессии. Выбирайте другую версию, только если тот был ошибочным.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff</source>
        <translation>Тариф</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The tariff valid when the session ran</source>
        <translation>Тариф, действовавший во время сессии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the tariffs…</source>
        <translation>Чтение тарифов…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — version %2, %3, from %4</source>
        <extracomment>a tariff version in a list: name, version, currency, from when</extracomment>
        <translation>%1 — версия %2, %3, с %4</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n tariff version(s).</source>
        <translation>
            <numerusform>%n версия тарифа.</numerusform>
            <numerusform>%n версии тарифа.</numerusform>
            <numerusform>%n версий тарифа.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionWizard</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/correctionwizard.cpp" line="+24"/>
        <source>Correct %n bill(s)</source>
        <translation>
            <numerusform>Исправить %n счёт</numerusform>
            <numerusform>Исправить %n счёта</numerusform>
            <numerusform>Исправить %n счетов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct bill %1</source>
        <translation>Исправить счёт %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply</source>
        <extracomment>the wizard&apos;s commit button: the correction is written when it is pressed</extracomment>
        <translation>Применить</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Apply the correction?</source>
        <translation>Применить исправление?</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponRuleDialog</name>
    <message>
        <location filename="../ui/accounts/couponruledialog.cpp" line="+31"/>
        <source>New coupon rule</source>
        <translation>Новое правило купонов</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On a top-up of at least…</source>
        <translation>За пополнение не менее чем на…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To every new member</source>
        <translation>Каждому новому участнику</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once a member&apos;s spend in the period reaches…</source>
        <extracomment>a coupon rule&apos;s trigger: once per member, when the member&apos;s spend in the rule&apos;s period reaches an amount</extracomment>
        <translation>Когда расходы участника за период достигнут…</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Any</source>
        <translation>Любое</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days from issue:</source>
        <translation>Дней с выдачи:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>From – to:</source>
        <translation>С – по:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued:</source>
        <translation>Выдаётся:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up from (%1):</source>
        <translation>Пополнение от (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend in the period from (%1):</source>
        <translation>Расходы за период от (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon worth (%1):</source>
        <translation>Стоимость купона (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum spend (%1):</source>
        <translation>Минимальный счёт (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for department:</source>
        <translation>Только для подразделения:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only at station:</source>
        <translation>Только на станции:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for sub-operator:</source>
        <translation>Только для субоператора:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid:</source>
        <translation>Действует:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create rule</source>
        <translation>Создать правило</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Enter the amounts as numbers such as 10.00.</source>
        <translation>Укажите суммы числами, например 10.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/couponstab.cpp" line="+193"/>
        <source>%n day(s) from issue</source>
        <translation>
            <numerusform>%n день с выдачи</numerusform>
            <numerusform>%n дня с выдачи</numerusform>
            <numerusform>%n дней с выдачи</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>department %1</source>
        <translation>подразделение %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>station %1</source>
        <translation>станция %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sub-operator %1</source>
        <translation>субоператор %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switched off</source>
        <translation>Выключено</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Top-up %1</source>
        <translation>Пополнение %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earned by bill %1</source>
        <extracomment>the source of a coupon earned by spend: the bill that made the spend reach the threshold</extracomment>
        <translation>Заработан счётом %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New member</source>
        <translation>Новый участник</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Issued coupons, newest first: %1 shown</source>
        <extracomment>%1 how many of the issued coupons are listed, newest first</extracomment>
        <translation>Выданные купоны, новые сначала: показано %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Switch &amp;on</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switch &amp;off</source>
        <translation>&amp;Выключить</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Coupon rule &quot;%1&quot; created.</source>
        <translation>Правило купонов «%1» создано.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Coupon rule &quot;%1&quot; is on.</source>
        <translation>Правило купонов «%1» включено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule &quot;%1&quot; is off: it issues no more coupons.</source>
        <translation>Правило купонов «%1» выключено: оно больше не выдаёт купонов.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoke coupon</source>
        <translation>Отозвать купон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 (%2) of %3 can no longer be used.</source>
        <translation>Купон %1 (%2) участника %3 больше нельзя будет использовать.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoke</source>
        <translation>Отозвать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Coupon %1 revoked.</source>
        <translation>Купон %1 отозван.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rules</source>
        <translation>Правила</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>Показать &amp;старые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New rule…</source>
        <translation>&amp;Новое правило…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke…</source>
        <translation>&amp;Отозвать…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Issued</source>
        <translation>Выдан</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Worth</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Min spend</source>
        <translation>Мин. счёт</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Valid</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Limited to</source>
        <translation>Ограничение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <extracomment>the top-up (top-up rules) or the spend in the period (spend rules) that earns a coupon</extracomment>
        <translation>Начисляется от</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>Получен за</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
</context>
<context>
    <name>cd::ui::DashboardPage</name>
    <message>
        <location filename="../ui/dashboard/dashboardpage.cpp" line="+169"/>
        <source>Stations</source>
        <translation>Станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for you</source>
        <translation>Ждут вас</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Online</source>
        <translation>Онлайн</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>of %n station(s)</source>
        <translation>
            <numerusform>из %n станции</numerusform>
            <numerusform>из %n станций</numerusform>
            <numerusform>из %n станций</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations connected now</source>
        <translation>Показать станции, подключённые сейчас</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Офлайн</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not connected now</source>
        <translation>сейчас не подключены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are not connected</source>
        <translation>Показать неподключённые станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted</source>
        <translation>Неисправные</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a connector reports a fault</source>
        <translation>разъём сообщает о неисправности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations with a faulted connector</source>
        <translation>Показать станции с неисправным разъёмом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging now</source>
        <translation>Заряжают сейчас</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stations delivering energy</source>
        <translation>станции, отдающие энергию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are charging a vehicle</source>
        <translation>Показать станции, заряжающие автомобиль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сессии</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started since midnight</source>
        <translation>начато с полуночи</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Show today&apos;s sessions</source>
        <translation>Показать сегодняшние сессии</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in today&apos;s sessions, running ones included</source>
        <translation>в сегодняшних сессиях, включая текущие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>billed for today&apos;s sessions</source>
        <translation>начислено за сегодняшние сессии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Аномальные счета</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting for a correction</source>
        <translation>ожидают исправления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the anomaly bills</source>
        <translation>Открыть аномальные счета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open alerts</source>
        <translation>Открытые оповещения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet resolved</source>
        <translation>ещё не решены</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the alerts</source>
        <translation>Открыть оповещения</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updated %1 · every few seconds</source>
        <extracomment>%1 the time of the last refresh</extracomment>
        <translation>Обновлено %1 · каждые несколько секунд</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentDialog</name>
    <message>
        <location filename="../ui/accounts/departmentdialog.cpp" line="+23"/>
        <source>New department</source>
        <translation>Новое подразделение</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (top level)</source>
        <translation>Нет (верхний уровень)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>Списывать сессии с общего баланса родительского подразделения</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent:</source>
        <translation>Родительское:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at (%1):</source>
        <translation>Автоостановка при (%1):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create department</source>
        <translation>Создать подразделение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>Порог автоостановки должен быть суммой, например 1.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentTreeModel</name>
    <message>
        <location filename="../ui/accounts/departmenttreemodel.cpp" line="+138"/>
        <source>Own pool</source>
        <extracomment>a department&apos;s sessions are paid from its own pooled balance</extracomment>
        <translation>Собственный баланс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Billed to %1</source>
        <extracomment>a department&apos;s sessions are paid from the pool of a parent department, %1</extracomment>
        <translation>Оплачивает %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pooled balance</source>
        <translation>Общий баланс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid from</source>
        <extracomment>column: whose pooled balance pays the department&apos;s sessions</extracomment>
        <translation>Оплата с</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at</source>
        <translation>Автоостановка при</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Department cards</source>
        <translation>Карты подразделения</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentsTab</name>
    <message>
        <location filename="../ui/accounts/departmentstab.cpp" line="+219"/>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No departments yet: New department… creates one.</source>
        <translation>Подразделений пока нет: «Новое подразделение…» создаст первое.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a department to see its cards and top-ups.</source>
        <translation>Выберите подразделение, чтобы увидеть его карты и пополнения.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+77"/>
        <location line="+45"/>
        <location line="+22"/>
        <source>Department %1</source>
        <translation>Подразделение %1</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Pooled balance %1 · stops charging at %2</source>
        <translation>Общий баланс %1 · зарядка останавливается при %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Part of %1.</source>
        <translation>Входит в %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from the pooled balance of %1.</source>
        <translation>Его сессии оплачиваются с общего баланса %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from its own pooled balance.</source>
        <translation>Его сессии оплачиваются с собственного общего баланса.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Created department %1.</source>
        <translation>Подразделение %1 создано.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the department&apos;s pooled balance.</source>
        <translation>%1 наличными зачисляется на общий баланс подразделения.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pooled balance: %1 → %2</source>
        <translation>Общий баланс: %1 → %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Topped up %1 (receipt %2); the pooled balance is %3.</source>
        <translation>Пополнено на %1 (квитанция %2); общий баланс — %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Department card %1 added: up to %n vehicle(s) at once.</source>
        <translation>
            <numerusform>Карта подразделения %1 добавлена: до %n машины одновременно.</numerusform>
            <numerusform>Карта подразделения %1 добавлена: до %n машин одновременно.</numerusform>
            <numerusform>Карта подразделения %1 добавлена: до %n машин одновременно.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 now bills its sessions to the parent department.</source>
        <translation>%1 теперь списывает сессии с родительского подразделения.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 now pays its sessions from its own pool.</source>
        <translation>%1 теперь оплачивает сессии с собственного общего баланса.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No departments yet.</source>
        <translation>Подразделений пока нет.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n department(s)</source>
        <translation>
            <numerusform>%n подразделение</numerusform>
            <numerusform>%n подразделения</numerusform>
            <numerusform>%n подразделений</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New department…</source>
        <translation>&amp;Новое подразделение…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>&amp;Пополнить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add department &amp;card…</source>
        <translation>Добавить &amp;карту подразделения…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Billing…</source>
        <translation>&amp;Оплата…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department cards</source>
        <translation>Карты подразделения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Пополнения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card</source>
        <extracomment>column: how many vehicles the department card may charge at the same time</extracomment>
        <translation>Карта</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vehicles at once</source>
        <translation>Машин одновременно</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>Квитанция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>Принял</translation>
    </message>
</context>
<context>
    <name>cd::ui::DeskRefundDialog</name>
    <message>
        <location filename="../ui/refunds/deskrefunddialog.cpp" line="+22"/>
        <source>Confirm desk refund</source>
        <translation>Подтвердить возврат в кассе</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund %1: %2 in cash to %3 for top-up %4.</source>
        <translation>Возврат %1: %2 наличными участнику %3 за пополнение %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paid: the member got %1 in cash</source>
        <translation>Выплачено: участник получил %1 наличными</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not paid: %1 goes back to the member&apos;s balance</source>
        <translation>Не выплачено: %1 возвращается на баланс участника</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>Необязательно: будет использован номер кассы</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>Почему: сохраняется в истории возврата</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receipt number:</source>
        <translation>Номер квитанции:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
</context>
<context>
    <name>cd::ui::DeviceModelDialog</name>
    <message>
        <location filename="../ui/stations/devicemodeldialog.cpp" line="+33"/>
        <source>Device model of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>Модель устройства %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by component, variable or value</source>
        <translation>Поиск по компоненту, переменной или значению</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a full report…</source>
        <translation>Запросить полный отчёт…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sends the station GetBaseReport (FullInventory); it answers with NotifyReport, and the device model here is updated.</source>
        <translation>Отправляет станции GetBaseReport (FullInventory); она отвечает NotifyReport, и модель устройства здесь обновляется.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No station with the id %1.</source>
        <translation>Нет станции с идентификатором %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station has not reported its device model yet. Ask it for a full report.</source>
        <translation>Станция ещё не сообщила свою модель устройства. Запросите у неё полный отчёт.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n variable(s)</source>
        <translation>
            <numerusform>%n переменная</numerusform>
            <numerusform>%n переменные</numerusform>
            <numerusform>%n переменных</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n variable(s)</source>
        <translation>
            <numerusform>%1 из %n переменной</numerusform>
            <numerusform>%1 из %n переменных</numerusform>
            <numerusform>%1 из %n переменных</numerusform>
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
        <translation>коннектор %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The station reported no value</source>
        <translation>Станция не сообщила значение</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>values: %1</source>
        <translation>значения: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variable</source>
        <translation>Переменная</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mutability</source>
        <translation>Изменяемость</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type and unit</source>
        <translation>Тип и единица</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reported</source>
        <translation>Сообщено</translation>
    </message>
</context>
<context>
    <name>cd::ui::FirstAdministratorDialog</name>
    <message>
        <location filename="../ui/access/firstadministratordialog.cpp" line="+145"/>
        <source>Choose a login for the administrator.</source>
        <translation>Выберите логин для администратора.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Welcome to ChargeDesk</source>
        <translation>Добро пожаловать в ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the administrator</source>
        <translation>Создайте администратора</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This database has no operator accounts yet. The administrator you create now logs in to every console that opens it, adds the other operators and gives each a role: support, site manager, accountant or one of your own. Without accounts, whoever opens this console may do everything.</source>
        <translation>В этой базе данных ещё нет учётных записей операторов. Администратор, которого вы создадите сейчас, входит в каждую консоль, открывающую её, добавляет других операторов и назначает каждому роль: поддержка, менеджер площадки, бухгалтер или ваша собственная. Без учётных записей любой, кто откроет эту консоль, может делать всё.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown in lists; the login if empty</source>
        <translation>Показывается в списках; если пусто — логин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not ask again on this computer when I continue without accounts</source>
        <translation>Больше не спрашивать на этом компьютере, если я продолжаю без учётных записей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create and log in</source>
        <translation>Создать и войти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue without accounts</source>
        <translation>Продолжить без учётных записей</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginDialog</name>
    <message>
        <location filename="../ui/access/logindialog.cpp" line="+125"/>
        <location line="+23"/>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+23"/>
        <source>Log in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Log in to ChargeDesk</source>
        <translation>Вход в ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in with your operator account</source>
        <translation>Войдите со своей учётной записью оператора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <extracomment>closes the console without logging in</extracomment>
        <translation>Выйти из программы</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginSessionModel</name>
    <message>
        <location filename="../ui/operators/loginsessionmodel.cpp" line="+59"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logged in</source>
        <translation>Вход выполнен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Последняя активность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginSessionsTab</name>
    <message>
        <location filename="../ui/operators/loginsessionstab.cpp" line="+109"/>
        <source>%1 (logged in %2)</source>
        <translation>%1 (вход %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is your own login on this console.</source>
        <translation>Это ваш собственный вход в этой консоли.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;End session…</source>
        <translation>&amp;Завершить сеанс…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody is logged in.</source>
        <translation>Никто не вошёл.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n login(s) open</source>
        <translation>
            <numerusform>%n открытый вход</numerusform>
            <numerusform>%n открытых входа</numerusform>
            <numerusform>%n открытых входов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+242"/>
        <source>The administrator account exists now: log in with it.</source>
        <translation>Учётная запись администратора создана: войдите с ней.</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Your password was changed.</source>
        <translation>Ваш пароль изменён.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your role is now %1. Log out and in again to see its screens.</source>
        <extracomment>%1 is the new role&apos;s name</extracomment>
        <translation>Ваша роль теперь: %1. Выйдите и войдите снова, чтобы увидеть её экраны.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log out</source>
        <translation>&amp;Выйти из учётной записи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Change my password…</source>
        <translation>&amp;Сменить мой пароль…</translation>
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
        <translation>Вход выполнен как %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ChargeDesk</source>
        <translation>&amp;О программе ChargeDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1</source>
        <translation>Версия %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: %1 · %2</source>
        <extracomment>Status bar: %1 is the database engine (&quot;SQLCipher 3.4.1&quot;), %2 its file or server</extracomment>
        <translation>База данных: %1 · %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About ChargeDesk</source>
        <translation>О программе ChargeDesk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Operator console and OCPP server for EV-charging networks: stations, charging sessions, anomaly bills, refunds and reconciliation reports.</source>
        <translation>Консоль оператора и OCPP-сервер для сетей зарядных станций электромобилей: станции, сессии зарядки, аномальные счета, возвраты и отчёты сверки.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapPage</name>
    <message>
        <location filename="../ui/map/mappage.cpp" line="+259"/>
        <source>All vendors</source>
        <translation>Все производители</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>Все площадки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No site</source>
        <translation>Без площадки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all</source>
        <translation>Показать все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom so that every station shown fits on the map</source>
        <translation>Изменить масштаб так, чтобы все показанные станции поместились на карте</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n station(s) on the map · updated %1</source>
        <extracomment>%n stations drawn on the map; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n станция на карте · обновлено %1</numerusform>
            <numerusform>%n станции на карте · обновлено %1</numerusform>
            <numerusform>%n станций на карте · обновлено %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source> · %n without a location</source>
        <extracomment>Appended to the map&apos;s summary: stations that have no coordinates</extracomment>
        <translation>
            <numerusform> · %n без местоположения</numerusform>
            <numerusform> · %n без местоположения</numerusform>
            <numerusform> · %n без местоположения</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A station without a location is not on the map. Give it one with: chargedesk-cli station set-location &lt;station&gt; --lat &lt;latitude&gt; --lon &lt;longitude&gt;</source>
        <translation>Станции без местоположения нет на карте. Задайте его так: chargedesk-cli station set-location &lt;станция&gt; --lat &lt;широта&gt; --lon &lt;долгота&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No stations yet. A station appears here when it connects and has a location (chargedesk-cli station set-location).</source>
        <translation>Станций пока нет. Станция появляется здесь, когда подключается и имеет местоположение (chargedesk-cli station set-location).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No station shown has a location. Give one with chargedesk-cli station set-location, or choose other filters.</source>
        <translation>Ни у одной показанной станции нет местоположения. Задайте его командой chargedesk-cli station set-location или выберите другие фильтры.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSection</name>
    <message>
        <location filename="../ui/settings/mapsection.cpp" line="+102"/>
        <source>Saved. The map loads its tiles from %1.</source>
        <translation>Сохранено. Карта загружает тайлы с %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved. The map shows the offline basemap.</source>
        <translation>Сохранено. Карта показывает офлайн-подложку.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Map</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load online map tiles</source>
        <translation>Загружать онлайн-тайлы карты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tile address:</source>
        <translation>Адрес тайлов:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution:</source>
        <translation>Атрибуция:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use OpenStreetMap</source>
        <translation>Использовать OpenStreetMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without online tiles the map draws the countries and coastlines shipped with ChargeDesk and needs no network. Online tiles show streets; they are kept in a cache on this computer (%1) and the map credits their source as the licence asks. OpenStreetMap&apos;s tile servers are for light use: a network with many consoles should use its own or a commercial tile server.</source>
        <translation>Без онлайн-тайлов карта рисует страны и побережья, поставляемые с ChargeDesk, и не требует сети. Онлайн-тайлы показывают улицы; они хранятся в кэше на этом компьютере (%1), а карта указывает их источник, как требует лицензия. Тайл-серверы OpenStreetMap рассчитаны на небольшую нагрузку: сети с многими консолями стоит использовать собственный или коммерческий тайл-сервер.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSettings</name>
    <message>
        <location filename="../ui/map/mapsettings.cpp" line="+42"/>
        <source>The tile address must be an http or https address, like %1.</source>
        <translation>Адрес тайлов должен быть адресом http или https, например %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tile address must contain {z}, {x} and {y} (the zoom level and the tile&apos;s column and row).</source>
        <translation>Адрес тайлов должен содержать {z}, {x} и {y} (уровень масштаба, столбец и строку тайла).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the attribution the tile server&apos;s licence asks for (for OpenStreetMap: %1).</source>
        <translation>Укажите атрибуцию, которую требует лицензия тайл-сервера (для OpenStreetMap: %1).</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapView</name>
    <message numerus="yes">
        <location filename="../ui/map/mapview.cpp" line="+261"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…и ещё %n</numerusform>
            <numerusform>…и ещё %n</numerusform>
            <numerusform>…и ещё %n</numerusform>
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
            <numerusform>Здесь %n станция</numerusform>
            <numerusform>Здесь %n станции</numerusform>
            <numerusform>Здесь %n станций</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2</source>
        <extracomment>A cluster&apos;s tooltip: the number of its stations in a state, then the state</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to zoom in</source>
        <translation>Щёлкните, чтобы приблизить</translation>
    </message>
    <message>
        <location line="+246"/>
        <source>Zoom in (+)</source>
        <translation>Приблизить (+)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (−)</source>
        <translation>Отдалить (−)</translation>
    </message>
</context>
<context>
    <name>cd::ui::MemberDialog</name>
    <message>
        <location filename="../ui/accounts/memberdialog.cpp" line="+21"/>
        <source>New member</source>
        <translation>Новый участник</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail:</source>
        <translation>Эл. почта:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>Подразделение:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop at (%1):</source>
        <translation>Автоостановка при (%1):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create member</source>
        <translation>Создать участника</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Edit member %1</source>
        <translation>Редактировать участника %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>Порог автоостановки должен быть суммой, например 1.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MemberTableModel</name>
    <message>
        <location filename="../ui/accounts/membertablemodel.cpp" line="+107"/>
        <source>No.</source>
        <extracomment>column: the member&apos;s number</extracomment>
        <translation>№</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refundable</source>
        <extracomment>column: the part of the balance a refund may give back</extracomment>
        <translation>К возврату</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund pending</source>
        <translation>Возврат ожидает</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto-stop at</source>
        <extracomment>column: charging stops when the balance falls to this amount</extracomment>
        <translation>Автоостановка при</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cards</source>
        <translation>Карты</translation>
    </message>
</context>
<context>
    <name>cd::ui::MembersTab</name>
    <message>
        <location filename="../ui/accounts/memberstab.cpp" line="+308"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a member to see the cards, top-ups and coupons.</source>
        <translation>Выберите участника, чтобы увидеть карты, пополнения и купоны.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+126"/>
        <location line="+57"/>
        <location line="+16"/>
        <source>Member %1: %2</source>
        <translation>Участник %1: %2</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>department %1</source>
        <translation>подразделение %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Balance %1 · refundable %2 · stops charging at %3</source>
        <translation>Баланс %1 · к возврату %2 · зарядка останавливается при %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A refund of %1 waits for the audit: it is not refundable again until then.</source>
        <translation>Возврат %1 ждёт проверки: до этого его нельзя вернуть повторно.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>App</source>
        <translation>Приложение</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+212"/>
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>Cash at the desk</source>
        <translation>Наличные в кассе</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Created member %1.</source>
        <translation>Участник %1 создан.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <source>Coupon %1 (%2) issued.</source>
        <translation>Выдан купон %1 (%2).</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Member %1 saved.</source>
        <translation>Участник %1 сохранён.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the member&apos;s balance.</source>
        <translation>%1 наличными зачисляется на баланс участника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance: %1 → %2</source>
        <translation>Баланс: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refundable: %1 → %2</source>
        <translation>К возврату: %1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns the coupon &quot;%1&quot; worth %2.</source>
        <translation>Оно даёт купон «%1» стоимостью %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns no coupon.</source>
        <translation>Купона оно не даёт.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Topped up %1 (receipt %2); the balance is %3.</source>
        <translation>Пополнено на %1 (квитанция %2); баланс — %3.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Card %1 added.</source>
        <translation>Карта %1 добавлена.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Charging now stops at %1.</source>
        <translation>Теперь зарядка останавливается при %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by name, phone, e-mail, card or number</source>
        <translation>Поиск по имени, телефону, почте, карте или номеру</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No members found.</source>
        <translation>Участники не найдены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 members shown, more when you scroll down</source>
        <translation>Показано участников: %1, остальные — при прокрутке</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n участник</numerusform>
            <numerusform>%n участника</numerusform>
            <numerusform>%n участников</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New member…</source>
        <translation>&amp;Новый участник…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>&amp;Пополнить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;card…</source>
        <translation>Добавить &amp;карту…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-&amp;stop threshold…</source>
        <translation>Порог авто&amp;остановки…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Карты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Пополнения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купоны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Expires</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paid by</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>Квитанция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>Принял</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min spend</source>
        <translation>Мин. счёт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
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
        <translation>Тайл-сервер ответил %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tile server sent something that is not an image.</source>
        <translation>Тайл-сервер прислал не изображение.</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperationsPage</name>
    <message>
        <location filename="../ui/operations/operationspage.cpp" line="+431"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n session(s) · updated %1</source>
        <extracomment>%n sessions in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n сессия · обновлено %1</numerusform>
            <numerusform>%n сессии · обновлено %1</numerusform>
            <numerusform>%n сессий · обновлено %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>No session matches the search.</source>
        <translation>Ни одна сессия не соответствует поиску.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No sessions yet. A session appears here when a station starts charging.</source>
        <translation>Сессий пока нет. Сессия появляется здесь, когда станция начинает зарядку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No sessions since midnight.</source>
        <translation>С полуночи сессий не было.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open sessions: nothing is charging now.</source>
        <translation>Открытых сессий нет: сейчас ничего не заряжается.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No old open sessions: every station reported the end of its sessions.</source>
        <translation>Старых открытых сессий нет: все станции сообщили о завершении своих сессий.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No suspicious sessions.</source>
        <translation>Подозрительных сессий нет.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Last 100</source>
        <translation>Последние 100</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started since midnight</source>
        <translation>Сессии, начатые с полуночи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Открытые</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OLD &amp;&amp; OPEN</source>
        <extracomment>sessions open for longer than the age chosen next to the tabs</extracomment>
        <translation>СТАРЫЕ &amp;&amp; ОТКРЫТЫЕ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspicious</source>
        <translation>Подозрительные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions still open after the chosen age: the station probably never sent Stop</source>
        <translation>Сессии, открытые дольше выбранного времени: станция, вероятно, так и не прислала остановку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sessions with anomalies: charging without an authorised card, missing station messages, closed by the system, or no energy in a long session</source>
        <translation>Сессии с аномалиями: зарядка без авторизованной карты, потерянные сообщения станции, закрытие системой или отсутствие энергии за долгую сессию</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session number, station, user, phone or card</source>
        <translation>Номер сессии, станция, пользователь, телефон или карта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open longer than</source>
        <translation>Открыты дольше</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> h</source>
        <extracomment>the unit after the number of hours, e.g. &quot;24 h&quot;</extracomment>
        <translation> ч</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session log</source>
        <translation>Журнал сессии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chart</source>
        <extracomment>the tab with the selected session&apos;s power, energy, current, voltage and SoC curves</extracomment>
        <translation>График</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorDialog</name>
    <message>
        <location filename="../ui/operators/operatordialog.cpp" line="+34"/>
        <location line="+5"/>
        <source>Add operator</source>
        <translation>Добавить оператора</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The first operator account is an administrator. Once it exists, every change needs a login: the console then asks you to log in with it.</source>
        <translation>Первая учётная запись оператора — администратор. Как только она появится, каждое изменение требует входа: консоль сразу попросит войти с ней.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new operator account. Tell the operator their password; they can change it after logging in.</source>
        <translation>Новая учётная запись оператора. Сообщите оператору пароль; после входа его можно изменить.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Letters, digits, . _ - @</source>
        <translation>Буквы, цифры, . _ - @</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional: the login</source>
        <translation>Необязательно: логин</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins &amp;at once:</source>
        <translation>Одновременные &amp;входы:</translation>
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
        <translation>Слишком много неверных паролей подряд. Администратор может разблокировать вход сейчас; сам он разблокируется в %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Disabled</source>
        <translation>Отключён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked until %1</source>
        <translation>Заблокирован до %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enabled</source>
        <translation>Включён</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins at once</source>
        <translation>Одновременные входы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsPage</name>
    <message>
        <location filename="../ui/operators/operatorspage.cpp" line="+118"/>
        <source>Read only: changing operators, roles and logins needs the permission to %1.</source>
        <translation>Только просмотр: чтобы изменять операторов, роли и входы, нужно разрешение «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>Роли</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins open now</source>
        <translation>Открытые сейчас входы</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsTab</name>
    <message>
        <location filename="../ui/operators/operatorstab.cpp" line="+235"/>
        <source>&amp;Enable…</source>
        <translation>&amp;Включить…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable…</source>
        <translation>&amp;Отключить…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Add operator…</source>
        <translation>&amp;Добавить оператора…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;role…</source>
        <translation>Изменить &amp;роль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logins at once…</source>
        <translation>&amp;Одновременные входы…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;password…</source>
        <translation>Сбросить &amp;пароль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock…</source>
        <translation>&amp;Разблокировать…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No operator accounts yet: the console works without logins.</source>
        <translation>Учётных записей операторов ещё нет: консоль работает без входа.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n operator(s)</source>
        <translation>
            <numerusform>%n оператор</numerusform>
            <numerusform>%n оператора</numerusform>
            <numerusform>%n операторов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PasswordFields</name>
    <message>
        <location filename="../ui/access/passwordfields.cpp" line="+73"/>
        <source>&amp;New password:</source>
        <translation>&amp;Новый пароль:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Повторите пароль:</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Too short: at least %n character(s).</source>
        <translation>
            <numerusform>Слишком короткий: не менее %n символа.</numerusform>
            <numerusform>Слишком короткий: не менее %n символов.</numerusform>
            <numerusform>Слишком короткий: не менее %n символов.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords are not the same.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>At least %n character(s), typed twice.</source>
        <translation>
            <numerusform>Не менее %n символа, введённого дважды.</numerusform>
            <numerusform>Не менее %n символов, введённых дважды.</numerusform>
            <numerusform>Не менее %n символов, введённых дважды.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PaymentsSection</name>
    <message>
        <location filename="../ui/settings/paymentssection.cpp" line="+138"/>
        <source>Kept in the OS keychain; type to replace it</source>
        <translation>Хранится в хранилище ключей ОС; введите, чтобы заменить</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sk_live_… or sk_test_…</source>
        <translation>sk_live_… или sk_test_…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Putting the key in the OS keychain…</source>
        <translation>Сохраняем ключ в хранилище ключей ОС…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved. The key is in the OS keychain.</source>
        <translation>Сохранено. Ключ в хранилище ключей ОС.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The manual gateway needs no connection: the operator takes the money at the desk.</source>
        <translation>Ручному шлюзу соединение не нужно: оператор принимает деньги на месте.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asking the gateway…</source>
        <translation>Запрашиваем шлюз…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No key for this address in the OS keychain: type the secret key first.</source>
        <translation>В хранилище ключей ОС нет ключа для этого адреса: сначала введите секретный ключ.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Connected: %1 accepted the key.</source>
        <translation>Соединение установлено: %1 принял ключ.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Payments</source>
        <translation>Платежи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment gateway:</source>
        <translation>Платёжный шлюз:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual — cash or a terminal at the desk</source>
        <translation>Вручную — наличные или терминал на месте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card gateway over HTTP (Stripe-compatible)</source>
        <translation>Карточный шлюз через HTTP (совместимый со Stripe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway address:</source>
        <translation>Адрес шлюза:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret key:</source>
        <translation>Секретный ключ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test connection</source>
        <translation>Проверить соединение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holds reserve money on the customer&apos;s card before charging; finishing a session captures part of the hold and releases the rest. The secret key is kept in the operating system&apos;s keychain, never in a file. A change applies to holds made after it; a hold is always finished with the gateway that made it.</source>
        <translation>Холд замораживает деньги на карте клиента перед зарядкой; после завершения сессии часть холда списывается, а остаток возвращается. Секретный ключ хранится в хранилище ключей операционной системы, никогда не в файле. Изменение действует для холдов, созданных после него; холд всегда завершается через тот шлюз, которым он создан.</translation>
    </message>
</context>
<context>
    <name>cd::ui::PlacementDialog</name>
    <message>
        <location filename="../ui/stations/placementdialog.cpp" line="+53"/>
        <source>Place station %1</source>
        <translation>Размещение станции %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where %1 stands: its site decides whose meter and which partner&apos;s reports it counts in; its place on the map is where site managers find it. Both changes are kept in the audit log.</source>
        <translation>Где стоит %1: площадка определяет, по чьему счётчику и в отчётах какого партнёра она учитывается; место на карте — где её находят менеджеры площадок. Оба изменения записываются в журнал аудита.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No site</source>
        <translation>Без площадки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show on the map at</source>
        <translation>Показывать на карте в точке</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Site:</source>
        <translation>Пло&amp;щадка:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Latitude:</source>
        <translation>&amp;Широта:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;ongitude:</source>
        <translation>&amp;Долгота:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
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
        <translation>Заявка не выбрана</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Application %1 of %2</source>
        <extracomment>%1 the application&apos;s number, %2 the member</extracomment>
        <translation>Заявка %1 от %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Applied for %1 on %2: &quot;%3&quot;.</source>
        <translation>Заявка на %1 от %2: «%3».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 · refunded %2.</source>
        <translation>Комиссия %1 · возвращено %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unused coupons the refunded top-ups earned are revoked.</source>
        <translation>Неиспользованные купоны, полученные за возвращённые пополнения, отзываются.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons the refunded top-ups earned are kept.</source>
        <translation>Купоны, полученные за возвращённые пополнения, сохраняются.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Desk (cash)</source>
        <translation>Касса (наличные)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Top-up %1 (%2)</source>
        <translation>Пополнение %1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Used</source>
        <translation>Использован</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked</source>
        <translation>Отозван</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued</source>
        <translation>Выдан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up %1</source>
        <translation>Пополнение %1</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>%1 now: balance %2 · refundable %3 · pending refund %4</source>
        <extracomment>zpd_case#14: where the member&apos;s money is now</extracomment>
        <translation>%1 сейчас: баланс %2 · к возврату %3 · ожидающий возврат %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(taken off the balance and the refundable amount until the audit and the refund are done)</source>
        <extracomment>zpd_case#14: why the balance is lower than the member expects</extracomment>
        <translation>(списано с баланса и суммы к возврату, пока не завершены проверка и возврат)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>History (%1)</source>
        <extracomment>a tab of the refund&apos;s detail; %1 how many entries</extracomment>
        <translation>История (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway and desk refunds (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: its refunds through the payment gateway or in cash; %1 how many</extracomment>
        <translation>Возвраты через шлюз и кассу (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: coupons the refunded top-ups earned; %1 how many</extracomment>
        <translation>Купоны (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our refund no.</source>
        <translation>Наш № возврата</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway&apos;s no.</source>
        <translation>№ шлюза</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Пополнение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up amount</source>
        <translation>Сумма пополнения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refund</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>Номинал</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>Получен за</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundEngine</name>
    <message>
        <location filename="../ui/refunds/refundengine.cpp" line="+21"/>
        <source>The payment gateway&apos;s key is still being read from the keychain; try again in a moment.</source>
        <translation>Ключ платёжного шлюза ещё считывается из хранилища ключей; попробуйте через мгновение.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refunds cannot start: the payment gateway&apos;s key could not be read from the keychain (%1).</source>
        <translation>Возвраты не могут начаться: ключ платёжного шлюза не удалось прочитать из хранилища ключей (%1).</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundsPage</name>
    <message>
        <location filename="../ui/refunds/refundspage.cpp" line="+131"/>
        <source>Refund of application %1: %2</source>
        <translation>Возврат по заявке %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway confirmed a refund of application %1.</source>
        <translation>Шлюз подтвердил возврат по заявке %1.</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>Applications, newest first: %1 shown</source>
        <extracomment>%1 how many applications are listed</extracomment>
        <translation>Заявки, новые сначала: показано %1</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Application %1: %2 of %3 is pending the audit.</source>
        <extracomment>%1 the application&apos;s number, %2 the amount, %3 the member</extracomment>
        <translation>Заявка %1: %2 участника %3 ожидает проверки.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 is paid back in cash at the desk for top-up %2%3; confirm it when paid.</source>
        <translation>%1 выплачивается наличными в кассе за пополнение %2%3; подтвердите после выплаты.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 goes back to the card of top-up %2%3 through %4.</source>
        <extracomment>%1 amount, %2 the top-up&apos;s number, %3 its receipt in brackets, %4 the gateway</extracomment>
        <translation>%1 возвращается на карту пополнения %2%3 через %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 cannot be refunded through any top-up and goes back to %2&apos;s refundable balance.</source>
        <translation>%1 нельзя вернуть ни через одно пополнение, эта сумма возвращается в сумму к возврату участника %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 is kept.</source>
        <translation>Комиссия %1 удерживается.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Application %1 of %2 for %3: &quot;%4&quot;</source>
        <translation>Заявка %1 от %2 на %3: «%4»</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Application %1 approved: %2 is being refunded.</source>
        <translation>Заявка %1 одобрена: %2 возвращается.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reject refund</source>
        <translation>Отклонить возврат</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application %1 of %2 is rejected: %3 goes back to the member&apos;s balance and refundable amount, and leaves the pending refund.</source>
        <translation>Заявка %1 от %2 отклоняется: %3 возвращается на баланс участника и в сумму к возврату и снимается с ожидающего возврата.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reject</source>
        <translation>Отклонить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Application %1 rejected: %2 is back with %3.</source>
        <translation>Заявка %1 отклонена: %2 возвращено участнику %3.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Desk refund of %1 confirmed (application %2).</source>
        <translation>Возврат %1 в кассе подтверждён (заявка %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desk refund not paid: %1 is back with %2.</source>
        <translation>Возврат в кассе не выплачен: %1 возвращено участнику %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n refund(s) sent to the gateway again.</source>
        <translation>
            <numerusform>%n возврат снова отправлен в шлюз.</numerusform>
            <numerusform>%n возврата снова отправлены в шлюз.</numerusform>
            <numerusform>%n возвратов снова отправлено в шлюз.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing sent: the gateway&apos;s answer is still awaited.</source>
        <translation>Ничего не отправлено: ответ шлюза ещё ожидается.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Status:</source>
        <translation>&amp;Статус:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Member:</source>
        <translation>&amp;Участник:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, phone, e-mail or card</source>
        <translation>Имя, телефон, e-mail или карта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New application…</source>
        <translation>&amp;Новая заявка…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Одобрить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reject…</source>
        <translation>Откл&amp;онить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm &amp;desk refund…</source>
        <translation>Подтвердить возврат в &amp;кассе…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;try</source>
        <translation>По&amp;вторить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>Показать &amp;старые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commission</source>
        <translation>Комиссия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refunded</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Ход</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied</source>
        <translation>Подана заявка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decided by</source>
        <translation>Решил</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportCellText</name>
    <message>
        <location filename="../ui/reports/reportcelltext.cpp" line="+15"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy, %1 the number with three decimals</extracomment>
        <translation>%1 кВт·ч</translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%n row(s)</source>
        <extracomment>%n rows of a report</extracomment>
        <translation>
            <numerusform>%n строка</numerusform>
            <numerusform>%n строки</numerusform>
            <numerusform>%n строк</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExporter</name>
    <message>
        <location filename="../ui/reports/reportexporter.cpp" line="+56"/>
        <source>Exporting %1</source>
        <extracomment>%1 the report&apos;s title</extracomment>
        <translation>Экспорт: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the report…</source>
        <translation>Открытие отчёта…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of %2 rows written (%3 %)</source>
        <extracomment>%1 rows written so far, %2 rows in the report, %3 the percentage</extracomment>
        <translation>Записано %1 из %2 строк (%3 %)</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExportsTab</name>
    <message>
        <location filename="../ui/reports/reportexportstab.cpp" line="+197"/>
        <source>Exports, newest first: %1 shown</source>
        <extracomment>%1 how many exports are listed</extracomment>
        <translation>Экспорты, новые сначала: показано %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Running the report of export %1 again…</source>
        <extracomment>%1 the export&apos;s number</extracomment>
        <translation>Повторное формирование отчёта экспорта %1…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Select an export and press &quot;What changed since…&quot;.</source>
        <translation>Выберите экспорт и нажмите «Что изменилось с тех пор…».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing changed since export %1 (%2, %3).</source>
        <extracomment>%1 the export&apos;s number, %2 the report, %3 when it was exported</extracomment>
        <translation>После экспорта %1 (%2, %3) ничего не изменилось.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Since export %4 (%5, %6): %1 added, %2 removed, %3 changed.</source>
        <extracomment>%1 added rows, %2 removed rows, %3 changed rows, %4 the export&apos;s number, %5 the report, %6 when</extracomment>
        <translation>После экспорта %4 (%5, %6): добавлено %1, удалено %2, изменено %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In the export: %1
Now: %2</source>
        <extracomment>the totals of the rows as exported (%1) and as they are now (%2)</extracomment>
        <translation>В экспорте: %1
Сейчас: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exported</source>
        <translation>Экспортирован</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>Строк</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What changed since…</source>
        <translation>Что изменилось с тех пор…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected export&apos;s report again now and compare it row by row with the file</source>
        <translation>Сформировать отчёт выбранного экспорта заново и сравнить его с файлом построчно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show older</source>
        <translation>Показать более старые</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportParameterForm</name>
    <message>
        <location filename="../ui/reports/reportparameterform.cpp" line="+161"/>
        <source>The first day of the period (UTC)</source>
        <translation>Первый день периода (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last day of the period, included (UTC)</source>
        <translation>Последний день периода, включительно (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sub-operators</source>
        <translation>Все субоператоры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>Все площадки</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportsPage</name>
    <message>
        <location filename="../ui/reports/reportspage.cpp" line="+438"/>
        <source>No report shown yet</source>
        <translation>Отчёт ещё не сформирован</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a report and its parameters on the left, then press Run.</source>
        <translation>Выберите отчёт и его параметры слева, затем нажмите «Сформировать».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report has no rows for these parameters.</source>
        <translation>Для этих параметров в отчёте нет строк.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 rows shown</source>
        <extracomment>%1 rows shown, %2 rows in the report</extracomment>
        <translation>Показано %1 из %2 строк</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV, comma-separated text (*.csv)</source>
        <translation>CSV, текст с запятыми (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON data (*.json)</source>
        <translation>Данные JSON (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+50"/>
        <source>Export report</source>
        <translation>Экспорт отчёта</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Export %1 done: %2 rows written to %3.</source>
        <extracomment>%1 the export&apos;s number, %2 rows, %3 the file</extracomment>
        <translation>Экспорт %1 выполнен: %2 строк записано в %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export stopped and left no file: %1</source>
        <extracomment>%1 why the export stopped</extracomment>
        <translation>Экспорт остановлен, файл не создан: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports</source>
        <translation>Экспорты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run</source>
        <translation>&amp;Сформировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the whole report to a CSV, Excel, PDF or JSON file</source>
        <translation>Записать весь отчёт в файл CSV, Excel, PDF или JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;more</source>
        <translation>Показать &amp;больше</translation>
    </message>
</context>
<context>
    <name>cd::ui::RoleListModel</name>
    <message>
        <location filename="../ui/operators/rolelistmodel.cpp" line="+43"/>
        <source>%1 (built-in)</source>
        <translation>%1 (встроенная)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n operator(s) with this role</source>
        <translation>
            <numerusform>%n оператор с этой ролью</numerusform>
            <numerusform>%n оператора с этой ролью</numerusform>
            <numerusform>%n операторов с этой ролью</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::RolesTab</name>
    <message>
        <location filename="../ui/operators/rolestab.cpp" line="+269"/>
        <source>Change the permissions of %1?</source>
        <translation>Изменить разрешения роли %1?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Allow: %1</source>
        <translation>Разрешить: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No longer allow: %1</source>
        <translation>Больше не разрешать: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;New role…</source>
        <translation>&amp;Новая роль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;lete role…</source>
        <translation>У&amp;далить роль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Screens</source>
        <translation>&amp;Экраны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ac&amp;tions</source>
        <translation>&amp;Действия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;pply…</source>
        <translation>&amp;Применить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>&amp;Отменить изменения</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No role selected</source>
        <translation>Роль не выбрана</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n operator(s) with this role.</source>
        <translation>
            <numerusform>%n оператор с этой ролью.</numerusform>
            <numerusform>%n оператора с этой ролью.</numerusform>
            <numerusform>%n операторов с этой ролью.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrators always have every permission, also those added in later versions.</source>
        <translation>Администраторы всегда имеют все разрешения, включая те, что появятся в следующих версиях.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A built-in role: its permissions can be changed, it cannot be deleted.</source>
        <translation>Встроенная роль: её разрешения можно изменить, а саму роль удалить нельзя.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A custom role.</source>
        <translation>Собственная роль.</translation>
    </message>
</context>
<context>
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+52"/>
        <source>Dashboard</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Map</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stations</source>
        <translation>Станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operations</source>
        <comment>charging sessions and the operator&apos;s actions on them</comment>
        <translation>Операции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Аномальные счета</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accounts</source>
        <extracomment>the screen of members, departments, coupons and tariffs</extracomment>
        <translation>Счета</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit log</source>
        <extracomment>the screen that browses the append-only audit log</extracomment>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Operators</source>
        <extracomment>the screen of operator accounts, roles and login sessions</extracomment>
        <translation>Операторы</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>Состояние сети с первого взгляда: станции на связи, без связи и с неисправностями, идущие сессии зарядки и оповещения, которые требуют вашего внимания.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location. Click a station for its history.</source>
        <translation>Все станции на карте, окрашенные по состоянию, чтобы станции офлайн и неисправные было видно по расположению. Щёлкните станцию, чтобы открыть её историю.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The interface language, this console&apos;s station server, payments, alerts, the map&apos;s tiles and the database it works with.</source>
        <translation>Язык интерфейса, сервер станций этой консоли, платежи, оповещения, тайлы карты и база данных, с которой она работает.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Your role does not include this screen</source>
        <translation>Ваша роль не включает этот экран</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An administrator can add it to your role on the Operators screen. Log out and in again to see it.</source>
        <translation>Администратор может добавить его в вашу роль на экране «Операторы». Выйдите и войдите снова, чтобы его увидеть.</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>All stations and connectors with vendor, model and firmware, their current state, and their history of faults and offline periods.</source>
        <translation>Все станции и коннекторы с производителем, моделью и прошивкой, их текущее состояние и история неисправностей и периодов без связи.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find a charging session fast: the last 100, by number, by phone or card, or among old sessions that were never closed. Read its log and fix it: finish, cancel the hold, finalize or set the energy.</source>
        <translation>Быстрый поиск сессии зарядки: последние 100, по номеру, телефону или карте либо среди старых сессий, которые так и не закрылись. Просмотрите журнал сессии и исправьте её: завершите, отмените холд, финализируйте оплату или задайте объём энергии.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stations offline or faulted, failed starts, charging without an authorised session, stops not honoured and meter jumps: acknowledge them, assign them and resolve them with a note.</source>
        <translation>Станции не на связи или неисправны, неудачные запуски, зарядка без авторизованной сессии, невыполненные остановки и скачки счётчика: подтверждайте, назначайте и решайте их с заметкой.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bills flagged with anomaly codes, such as a lost bill or energy that differs from the platform&apos;s meter readings. Filter them in bulk and correct them with a preview of every effect on money.</source>
        <translation>Счета с кодами аномалий, например потерянный счёт или энергия, которая расходится с показаниями счётчика на платформе. Фильтруйте их массово и исправляйте с предварительным просмотром каждого изменения сумм.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Members and departments with their balances, cards, top-ups and coupons; the coupon rules; and the tariffs, with a preview of what a session would cost.</source>
        <translation>Участники и подразделения с балансами, картами, пополнениями и купонами; правила купонов; тарифы с предварительным расчётом стоимости сессии.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>Заявки пользователей на возврат средств: рассматривайте их, проводите возврат через платёжный шлюз прямо отсюда и отслеживайте каждое решение в истории проверок.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>Сверка энергии и денег по объектам и партнёрам, статистика и выгрузки, которые показывают, что изменилось после исправления счёта.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every change to money, session status, tariffs, stations, accounts, roles and operators: who made it, when, why, and the values before and after. Nothing in it can be changed or deleted.</source>
        <translation>Каждое изменение денег, статусов сессий, тарифов, станций, счетов, ролей и операторов: кто его сделал, когда, почему, и значения до и после. Ничего в нём нельзя изменить или удалить.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who may use this console: operator accounts, their roles and what each role may see and do, and the logins open now.</source>
        <translation>Кто может работать с этой консолью: учётные записи операторов, их роли, что каждая роль может видеть и делать, и открытые сейчас входы.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Not available in this version yet</source>
        <translation>В этой версии пока недоступно</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A later version of ChargeDesk will fill in this screen. Until then, it shows no data.</source>
        <translation>Этот экран заработает в одной из следующих версий ChargeDesk. До тех пор он не показывает никаких данных.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionActionDialog</name>
    <message>
        <location filename="../ui/operations/sessionactiondialog.cpp" line="+56"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (без изменений)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Close the session as if the station had sent Stop: the hold is settled by the energy counter (captured by the amount, the rest released). The session becomes finished, or canceled at 0 Wh.</source>
        <translation>Закрыть сессию так, будто станция прислала Stop: холд рассчитывается по счётчику энергии (списывается сумма, остаток освобождается). Сессия становится завершённой, а при 0 Вт·ч — отменённой.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the held money back to the customer&apos;s card. The session becomes canceled unless it has already failed.</source>
        <translation>Вернуть заблокированные деньги на карту клиента. Сессия становится отменённой, если она ещё не завершилась ошибкой.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Capture part of the hold and release the rest. Leave the amount empty to capture the session&apos;s last reported total.</source>
        <translation>Списать часть холда, остаток освободить. Оставьте сумму пустой, чтобы списать последнюю сообщённую сумму сессии.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set the session&apos;s energy counter, for example from the station&apos;s display or its own bill. Recomputing prices the new energy with the tariff.</source>
        <translation>Установить счётчик энергии сессии, например по дисплею станции или её собственному счёту. Пересчёт оценивает новую энергию по тарифу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SOFT respects the status priorities (a finished session cannot go back to charging); OVERRIDE ignores them and is marked as such in the audit log.</source>
        <translation>SOFT учитывает приоритеты статусов (завершённая сессия не может вернуться к зарядке); OVERRIDE игнорирует их и так отмечается в журнале аудита.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the station to start charging on this session&apos;s connector with the same card.</source>
        <translation>Попросить станцию начать зарядку на разъёме этой сессии с той же картой.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the station to stop this session. The session closes when the station reports the stop.</source>
        <translation>Попросить станцию остановить эту сессию. Сессия закрывается, когда станция сообщит об остановке.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restart the session&apos;s station. A soft reset waits for the charging to end; a hard reset restarts at once.</source>
        <translation>Перезапустить станцию сессии. Мягкая перезагрузка ждёт окончания зарядки; жёсткая перезапускает сразу.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 — session %2</source>
        <extracomment>the dialog&apos;s title: %1 the action such as &quot;Finish&quot;, %2 the session number</extracomment>
        <translation>%1 — сессия %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>What will happen</source>
        <translation>Что произойдёт</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reason (kept in the audit log, required):</source>
        <translation>Причина (сохраняется в журнале аудита, обязательно):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer called, the station shows 12.4 kWh</source>
        <translation>Например: звонил клиент, станция показывает 12,4 кВт·ч</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>At most %n decimal place(s); empty: the session&apos;s last reported total.</source>
        <translation>
            <numerusform>Не более %n знака после запятой; пусто — последняя сообщённая сумма сессии.</numerusform>
            <numerusform>Не более %n знаков после запятой; пусто — последняя сообщённая сумма сессии.</numerusform>
            <numerusform>Не более %n знаков после запятой; пусто — последняя сообщённая сумма сессии.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount to capture</source>
        <translation>Сумма к списанию</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> Wh</source>
        <extracomment>unit after an energy in watt-hours</extracomment>
        <translation> Вт·ч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute the amount with the tariff</source>
        <translation>Пересчитать сумму по тарифу</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+125"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>SOFT — respect the priorities</source>
        <translation>SOFT — с учётом приоритетов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OVERRIDE — ignore the priorities</source>
        <translation>OVERRIDE — игнорировать приоритеты</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New status</source>
        <translation>Новый статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>Режим</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hard reset (restart at once, interrupting charging)</source>
        <translation>Жёсткая перезагрузка (сразу, с прерыванием зарядки)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Type an amount such as %1 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>Введите сумму, например %1 (не более %n знака после запятой).</numerusform>
            <numerusform>Введите сумму, например %1 (не более %n знаков после запятой).</numerusform>
            <numerusform>Введите сумму, например %1 (не более %n знаков после запятой).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Working out what will happen…</source>
        <translation>Вычисляем, что произойдёт…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Command to the station</source>
        <translation>Команда станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (no tariff: the amount stays)</source>
        <translation>%1 (нет тарифа: сумма остаётся)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold</source>
        <translation>Холд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held</source>
        <translation>Заблокировано</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Capture %1 from the card.</source>
        <translation>Списать %1 с карты.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Освободить %1 на карту клиента.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>Вернуть %1 из списанных средств.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>%1 суммы превышает холд и не взимается.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>Деньги не двигаются.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money</source>
        <translation>Деньги</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot run: %1</source>
        <translation>Невозможно выполнить: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Wait for the preview.</source>
        <translation>Дождитесь предварительного просмотра.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The preview says why this cannot run.</source>
        <translation>Предварительный просмотр объясняет, почему это невозможно.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the reason first (at most %1 characters).</source>
        <translation>Сначала введите причину (не более %1 символов).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Command %1 sent to the queue; the station&apos;s answer appears in the session log.</source>
        <translation>Команда %1 поставлена в очередь; ответ станции появится в журнале сессии.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done. Audit record %1.</source>
        <translation>Готово. Запись аудита %1.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionCard</name>
    <message>
        <location filename="../ui/operations/sessioncard.cpp" line="+110"/>
        <source>No hold</source>
        <translation>Холда нет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold requested</source>
        <translation>Холд запрошен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank is processing the hold</source>
        <translation>Банк обрабатывает холд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money held on the card</source>
        <translation>Средства заморожены на карте</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Captured</source>
        <translation>Списано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Released to the customer</source>
        <translation>Возвращено клиенту</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold canceled</source>
        <translation>Холд отменён</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold failed</source>
        <translation>Холд не удался</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No payment recorded</source>
        <translation>Платёж не записан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment pending</source>
        <translation>Платёж ожидается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment failed</source>
        <translation>Платёж не удался</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Transaction card</source>
        <translation>Карточка транзакции</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1</source>
        <extracomment>the transaction card&apos;s heading; %1 the session number such as 231116-000042</extracomment>
        <translation>Сессия %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No card yet</source>
        <translation>Карты пока нет</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card %1</source>
        <translation>Карта %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, connector %2</source>
        <translation>%1, разъём %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No amount yet</source>
        <translation>Суммы пока нет</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 in %2</source>
        <extracomment>%1 energy such as &quot;12.4 kWh&quot;, %2 a duration such as &quot;1 h 05 min&quot;</extracomment>
        <translation>%1 за %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 at %2</source>
        <extracomment>%1 a meter register reading such as &quot;3.4 kWh&quot;, %2 the station&apos;s time of it</extracomment>
        <translation>%1 в %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None yet</source>
        <translation>Пока нет</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still open: the station has not sent Stop</source>
        <translation>Ещё открыта: станция не прислала остановку</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment</source>
        <translation>Платёж</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hold</source>
        <translation>Холд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Ход зарядки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last meter value</source>
        <translation>Последнее показание</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>Завершение</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a session to see its card and its log.</source>
        <translation>Выберите сессию, чтобы увидеть её карточку и журнал.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <extracomment>the button with the operator&apos;s actions on the session (Finish, Cancel hold, …)</extracomment>
        <translation>Действия</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionChart</name>
    <message>
        <location filename="../ui/charts/sessionchart.cpp" line="+126"/>
        <source>Select a session to see its power, energy, current, voltage and state of charge over time.</source>
        <translation>Выберите сессию, чтобы увидеть её мощность, энергию, ток, напряжение и заряд батареи во времени.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No meter values yet. The chart fills in as the station reports them.</source>
        <translation>Показаний счётчика пока нет. График заполнится, когда станция начнёт их присылать.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station reported no meter values for this session.</source>
        <translation>Станция не прислала показаний счётчика для этой сессии.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Whole session</source>
        <extracomment>the button that undoes the zoom of the chart</extracomment>
        <translation>Вся сессия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag across the chart, turn the mouse wheel or press + and - to zoom in time; double-click, right-click or Esc shows the whole session again</source>
        <translation>Чтобы увеличить отрезок времени, протяните мышью по графику, прокрутите колёсико или нажмите + и -; двойной щелчок, щелчок правой кнопкой или Esc снова показывает всю сессию</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Simplified</source>
        <extracomment>shown when a very long session is drawn with fewer points than it has</extracomment>
        <translation>Упрощено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This session has more meter values than the chart draws: each stretch of time shows its lowest and highest value, so peaks and dips stay visible.</source>
        <translation>В этой сессии больше показаний, чем рисует график: для каждого отрезка времени показаны наименьшее и наибольшее значения, поэтому пики и провалы остаются видны.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionLogModel</name>
    <message>
        <location filename="../ui/operations/sessionlogmodel.cpp" line="+110"/>
        <source>Time (UTC)</source>
        <translation>Время (UTC)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your time (UTC%1)</source>
        <extracomment>the operator&apos;s own time zone, %1 its offset such as &quot;+02:00&quot;</extracomment>
        <translation>Ваше время (UTC%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionTableModel</name>
    <message>
        <location filename="../ui/operations/sessiontablemodel.cpp" line="+54"/>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
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
        <translation>Сессия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station / connector</source>
        <translation>Станция / разъём</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User / card</source>
        <translation>Пользователь / карта</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Энергия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why suspicious</source>
        <translation>Почему подозрительна</translation>
    </message>
</context>
<context>
    <name>cd::ui::SettingsPage</name>
    <message>
        <location filename="../ui/settings/settingspage.cpp" line="+199"/>
        <source>Read only: changing these settings needs the permission to %1. The interface language is yours to choose.</source>
        <extracomment>%1 is the permission&apos;s name (&quot;change settings&quot;)</extracomment>
        <translation>Только просмотр: чтобы изменять эти настройки, нужно разрешение «%1». Язык интерфейса вы выбираете сами.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language:</source>
        <translation>Язык интерфейса:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change applies at once and is remembered for the next start. The --lang option overrides it for a single run.</source>
        <translation>Изменение применяется сразу и сохраняется до следующего запуска. Параметр --lang переопределяет его на один запуск.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine:</source>
        <translation>СУБД:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location:</source>
        <translation>Расположение:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version:</source>
        <translation>Версия схемы:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key source:</source>
        <translation>Источник ключа:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is chosen when ChargeDesk starts: run chargedesk --help to see the options.</source>
        <translation>База данных выбирается при запуске ChargeDesk: параметры показывает команда chargedesk --help.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not used: the PostgreSQL server controls access</source>
        <translation>Не используется: доступом управляет сервер PostgreSQL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operating system keychain</source>
        <translation>Хранилище ключей операционной системы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key file %1</source>
        <extracomment>%1 is the path of the file that holds the database key</extracomment>
        <translation>Файл ключа %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Environment variable %1</source>
        <extracomment>%1 is the name of the environment variable that holds the database key</extracomment>
        <translation>Переменная окружения %1</translation>
    </message>
</context>
<context>
    <name>cd::ui::StartLatencyDialog</name>
    <message>
        <location filename="../ui/stations/startlatencydialog.cpp" line="+57"/>
        <source>Start latency</source>
        <translation>Задержка старта</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From the start of a session (the station&apos;s start message) to the first Charging state, in the station&apos;s own time. A model or firmware that starts slowly stands out at the top.</source>
        <translation>От начала сессии (сообщение станции о старте) до первого состояния Charging, по часам станции. Модель или прошивка, которая стартует медленно, окажется вверху.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Последний %n день</numerusform>
            <numerusform>Последние %n дня</numerusform>
            <numerusform>Последние %n дней</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions started:</source>
        <translation>Сессии, начатые:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reload</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>By vendor, model and firmware</source>
        <translation>По производителю, модели и прошивке</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By station</source>
        <translation>По станциям</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No session reached Charging in this period.</source>
        <translation>За этот период ни одна сессия не дошла до зарядки.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n start(s) measured</source>
        <translation>
            <numerusform>Измерен %n старт</numerusform>
            <numerusform>Измерено %n старта</numerusform>
            <numerusform>Измерено %n стартов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out: station clock jumped</source>
        <translation>
            <numerusform>%n не учтён: часы станции скакнули</numerusform>
            <numerusform>%n не учтены: часы станции скакнули</numerusform>
            <numerusform>%n не учтено: часы станции скакнули</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::StartLatencyModel</name>
    <message>
        <location filename="../ui/stations/startlatencymodel.cpp" line="+23"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min %2 s</source>
        <extracomment>minutes and seconds, e.g. &quot;1 min 05 s&quot;</extracomment>
        <translation>%1 мин %2 с</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n start(s) left out: the station&apos;s clock jumped (negative or over an hour)</source>
        <translation>
            <numerusform>%n старт не учтён: часы станции скакнули (отрицательный или больше часа)</numerusform>
            <numerusform>%n старта не учтены: часы станции скакнули (отрицательные или больше часа)</numerusform>
            <numerusform>%n стартов не учтено: часы станции скакнули (отрицательные или больше часа)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Производитель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stations</source>
        <translation>Станции</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starts</source>
        <translation>Стартов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median</source>
        <translation>Медиана</translation>
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
        <translation>Самый медленный</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationFilterProxy</name>
    <message>
        <location filename="../ui/stations/stationfilterproxy.cpp" line="+16"/>
        <source>All stations</source>
        <translation>Все станции</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Online</source>
        <translation>Онлайн</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Offline</source>
        <translation>Офлайн</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Faulted</source>
        <translation>Неисправные</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charging now</source>
        <translation>Заряжают сейчас</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationHistoryDialog</name>
    <message>
        <location filename="../ui/stations/stationhistorydialog.cpp" line="+50"/>
        <source>History of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>История %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connector:</source>
        <translation>Коннектор:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time (UTC)</source>
        <translation>Время (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connector states</source>
        <translation>Состояния коннекторов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online and offline</source>
        <translation>В сети и вне сети</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 (the station)</source>
        <translation>0 (вся станция)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All states</source>
        <translation>Все состояния</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faults only</source>
        <translation>Только неисправности</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault: %1</source>
        <translation>Неисправность: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 shown · faults: %2</source>
        <extracomment>%1 states shown; %2 faults among the states of the chosen connector</extracomment>
        <translation>показано %1 · неисправностей: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected</source>
        <translation>Подключилась</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disconnected</source>
        <translation>Отключилась</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerSection</name>
    <message>
        <location filename="../ui/settings/stationserversection.cpp" line="+169"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>Файлы PEM (*.pem *.crt *.key);;Все файлы (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Restart the station server?</source>
        <translation>Перезапустить сервер станций?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n station(s) are connected now. They are disconnected and connect again by themselves; sessions in progress continue on the stations.</source>
        <translation>
            <numerusform>Сейчас подключена %n станция. Она будет отключена и подключится снова сама; текущие сессии продолжаются на станциях.</numerusform>
            <numerusform>Сейчас подключены %n станции. Они будут отключены и подключатся снова сами; текущие сессии продолжаются на станциях.</numerusform>
            <numerusform>Сейчас подключено %n станций. Они будут отключены и подключатся снова сами; текущие сессии продолжаются на станциях.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart</source>
        <translation>Перезапустить</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Station server</source>
        <translation>Сервер станций</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo mode: simulated stations are connected, unknown stations are admitted and no station passwords are asked for, whatever is set below.</source>
        <translation>Демонстрационный режим: подключены имитированные станции, неизвестные станции допускаются, пароли станций не запрашиваются — независимо от настроек ниже.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the station server in this console</source>
        <translation>Запускать сервер станций в этой консоли</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address and port:</source>
        <translation>Адрес и порт:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile:</source>
        <translation>Профиль безопасности:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 — no credentials (lab only)</source>
        <translation>0 — без учётных данных (только для лаборатории)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 — HTTP Basic auth with each station&apos;s password</source>
        <translation>1 — HTTP Basic auth с паролем каждой станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 — TLS (wss://) and each station&apos;s password</source>
        <translation>2 — TLS (wss://) и пароль каждой станции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 — TLS (wss://) with station certificates</source>
        <translation>3 — TLS (wss://) с сертификатами станций</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server certificate:</source>
        <translation>Сертификат сервера:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>Закрытый ключ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations&apos; CA certificate:</source>
        <translation>Сертификат CA станций:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register unknown stations when they connect (lab only)</source>
        <translation>Регистрировать неизвестные станции при подключении (только для лаборатории)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply and restart</source>
        <translation>Применить и перезапустить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations connect to ws://ADDRESS:PORT/ocpp/&lt;station id&gt; (wss:// with profiles 2 and 3). Use 0.0.0.0 to accept stations from the network. With a shared PostgreSQL database, run chargedesk-server on the server machine instead and switch this off in every console.</source>
        <translation>Станции подключаются к ws://АДРЕС:ПОРТ/ocpp/&lt;идентификатор станции&gt; (wss:// с профилями 2 и 3). Укажите 0.0.0.0, чтобы принимать станции из сети. С общей базой PostgreSQL вместо этого запустите chargedesk-server на сервере и выключите это в каждой консоли.</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerStatus</name>
    <message>
        <location filename="../ui/settings/stationserverstatus.cpp" line="+14"/>
        <source>Station server: off</source>
        <translation>Сервер станций: выключен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: starting…</source>
        <translation>Сервер станций: запуск…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: not running</source>
        <translation>Сервер станций: не работает</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Station server: %1 · %n station(s) connected</source>
        <extracomment>Status bar: %1 is the address stations connect to; %n how many are connected now</extracomment>
        <translation>
            <numerusform>Сервер станций: %1 · подключена %n станция</numerusform>
            <numerusform>Сервер станций: %1 · подключены %n станции</numerusform>
            <numerusform>Сервер станций: %1 · подключено %n станций</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Off. Stations cannot connect to this console.</source>
        <translation>Выключен. Станции не могут подключиться к этой консоли.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not running: %1</source>
        <extracomment>%1 is the reason, e.g. &quot;The address is already in use&quot;</extracomment>
        <translation>Не работает: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Running. Stations connect to %1/&lt;station id&gt;; %n connected now.</source>
        <extracomment>%1 is the address, e.g. ws://127.0.0.1:9000/ocpp; %n how many stations are connected now</extracomment>
        <translation>
            <numerusform>Работает. Станции подключаются к %1/&lt;идентификатор станции&gt;; сейчас подключена %n.</numerusform>
            <numerusform>Работает. Станции подключаются к %1/&lt;идентификатор станции&gt;; сейчас подключены %n.</numerusform>
            <numerusform>Работает. Станции подключаются к %1/&lt;идентификатор станции&gt;; сейчас подключено %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTableModel</name>
    <message>
        <location filename="../ui/stations/stationtablemodel.cpp" line="+24"/>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Charging</source>
        <translation>Заряжает</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Faulted</source>
        <translation>Неисправность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>В сети</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Site: %1</source>
        <extracomment>The site a station belongs to, on the map&apos;s tooltip</extracomment>
        <translation>Площадка: %1</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Производитель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last heartbeat</source>
        <translation>Последний heartbeat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected for</source>
        <translation>На связи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open sessions</source>
        <translation>Открытые сессии</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTexts</name>
    <message>
        <location filename="../ui/stations/stationtexts.cpp" line="+8"/>
        <source>available</source>
        <translation>свободен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>preparing</source>
        <translation>подготовка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>charging</source>
        <translation>зарядка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the station</source>
        <translation>приостановлено станцией</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the vehicle</source>
        <translation>приостановлено автомобилем</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finishing</source>
        <translation>завершение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reserved</source>
        <translation>зарезервирован</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unavailable</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>faulted</source>
        <translation>неисправность</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>occupied</source>
        <translation>занят</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>accepted</source>
        <translation>принята</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>отклонена</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationsPage</name>
    <message>
        <location filename="../ui/stations/stationspage.cpp" line="+291"/>
        <source>Device model refresh</source>
        <translation>Обновление модели устройства</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select a station to see its connectors and send it a command.</source>
        <translation>Выберите станцию, чтобы увидеть её коннекторы и отправить ей команду.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connector %1: %2</source>
        <translation>Коннектор %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>session %1</source>
        <translation>сессия %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2 · registration %3</source>
        <extracomment>%1 station id, %2 protocol, %3 registration status</extracomment>
        <translation>%1 · %2 · регистрация %3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Search by station, vendor, model or firmware</source>
        <translation>Поиск по станции, производителю, модели или прошивке</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send command…</source>
        <translation>Отправить команду…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device model…</source>
        <translation>Модель устройства…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration…</source>
        <translation>Конфигурация…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads the configuration keys of the selected OCPP 1.6 station and changes them</source>
        <translation>Читает и изменяет ключи конфигурации выбранной станции OCPP 1.6</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History…</source>
        <translation>История…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place…</source>
        <translation>Разместить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station&apos;s site and its place on the map</source>
        <translation>Площадка станции и её место на карте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start latency…</source>
        <translation>Задержка старта…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long stations take from the start of a session to charging, by model and firmware</source>
        <translation>Сколько времени станциям нужно от начала сессии до зарядки, по модели и прошивке</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every connector state the station reported, its faults, and when it was online</source>
        <translation>Все состояния коннекторов, о которых сообщила станция, её неисправности и когда она была в сети</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What an OCPP 2.0.1 station reported about its components and settings</source>
        <translation>Что станция OCPP 2.0.1 сообщила о своих компонентах и настройках</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 of %n station(s) · updated %2</source>
        <extracomment>%1 stations shown of %n; %2 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%1 из %n станции · обновлено %2</numerusform>
            <numerusform>%1 из %n станций · обновлено %2</numerusform>
            <numerusform>%1 из %n станций · обновлено %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n station(s) · updated %1</source>
        <extracomment>%n stations in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n станция · обновлено %1</numerusform>
            <numerusform>%n станции · обновлено %1</numerusform>
            <numerusform>%n станций · обновлено %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No stations yet. A station appears here when it connects to the station server (Settings › Station server) or is added with chargedesk-cli station add.</source>
        <translation>Станций пока нет. Станция появляется здесь, когда подключается к серверу станций (Настройки › Сервер станций) или добавляется командой chargedesk-cli station add.</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffEditor</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffeditor.cpp" line="+336"/>
        <source>%1 must be an amount such as 1.20 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>%1 должна быть суммой, например 1.20 (не более %n знака после запятой).</numerusform>
            <numerusform>%1 должна быть суммой, например 1.20 (не более %n знаков после запятой).</numerusform>
            <numerusform>%1 должна быть суммой, например 1.20 (не более %n знаков после запятой).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price</source>
        <translation>Цена энергии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service fee</source>
        <translation>Плата за обслуживание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The idle fee</source>
        <translation>Плата за простой</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The price of period %1 must be an amount such as 1.20.</source>
        <translation>Цена периода %1 должна быть суммой, например 1.20.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Correct the tariff to see what a session would cost.</source>
        <translation>Исправьте тариф, чтобы увидеть, сколько будет стоить сессия.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A %1 kWh session from %2 to %3 would cost %4.</source>
        <extracomment>the tariff editor&apos;s preview: %1 kWh, %2 and %3 local times, %4 the total</extracomment>
        <translation>Сессия на %1 кВт·ч с %2 до %3 стоила бы %4.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose…</source>
        <extracomment>the first entry of the list of sites, stations or departments a tariff can apply to</extracomment>
        <translation>Выберите…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>number %1</source>
        <extracomment>a site, station or department known only by its number</extracomment>
        <translation>номер %1</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>New tariff</source>
        <translation>Новый тариф</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, version %2: saving makes version %3</source>
        <extracomment>%1 the tariff&apos;s name, %2 its version number</extracomment>
        <translation>%1, версия %2: сохранение создаст версию %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to:</source>
        <translation>Применяется к:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency:</source>
        <translation>Валюта:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone:</source>
        <translation>Часовой пояс:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from:</source>
        <translation>Действует с:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy price per kWh:</source>
        <translation>Цена энергии за кВт·ч:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee per kWh:</source>
        <translation>Плата за обслуживание за кВт·ч:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee per minute:</source>
        <translation>Плата за простой за минуту:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free minutes:</source>
        <extracomment>minutes after charging ends before the idle fee starts</extracomment>
        <translation>Бесплатных минут:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-of-use periods (none: the energy price all day)</source>
        <translation>Периоды по времени суток (без них — цена энергии весь день)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add period</source>
        <translation>Добавить период</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove period</source>
        <translation>Удалить период</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price per kWh</source>
        <translation>Цена за кВт·ч</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview:</source>
        <translation>Расчёт:</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffstab.cpp" line="+162"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n период</numerusform>
            <numerusform>%n периода</numerusform>
            <numerusform>%n периодов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New tariff</source>
        <translation>Новый тариф</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The tariff has problems: see under the editor.</source>
        <translation>В тарифе есть ошибки: см. под редактором.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved %1, version %2.</source>
        <translation>Сохранено: %1, версия %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Save tariff</source>
        <translation>&amp;Сохранить тариф</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Save as new version</source>
        <translation>&amp;Сохранить как новую версию</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariffs</source>
        <translation>Тарифы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version</source>
        <translation>Все версии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New tariff</source>
        <translation>&amp;Новый тариф</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>Применяется к</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from</source>
        <translation>Действует с</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Действует до</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy price</source>
        <translation>Цена энергии</translation>
    </message>
</context>
<context>
    <name>cd::ui::ThresholdDialog</name>
    <message>
        <location filename="../ui/accounts/thresholddialog.cpp" line="+22"/>
        <source>Department billing</source>
        <translation>Оплата подразделения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Auto-stop threshold</source>
        <translation>Порог автоостановки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Charging stops when the balance left falls to this amount. Stations report energy late or not at all while offline, so a balance can still go below it.</source>
        <translation>Зарядка останавливается, когда остаток баланса опускается до этой суммы. Станции сообщают энергию с задержкой или, будучи офлайн, не сообщают вовсе, так что баланс всё же может опуститься ниже.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Auto-stop at (%1):</source>
        <translation>Автоостановка при (%1):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>Списывать сессии с общего баланса родительского подразделения</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>cd::ui::TopUpDialog</name>
    <message>
        <location filename="../ui/accounts/topupdialog.cpp" line="+21"/>
        <source>Top up</source>
        <translation>Пополнение</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>Необязательно: будет использован номер кассы</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Amount (%1):</source>
        <translation>Сумма (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number:</source>
        <translation>Номер квитанции:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Top up %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>Пополнить на %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Проверить…</translation>
    </message>
</context>
</TS>
