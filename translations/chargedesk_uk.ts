<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="+195"/>
        <source>Finish a session as if the station stopped it; the hold is settled by the energy.</source>
        <translation>Завершити сесію так, ніби її зупинила станція; холд закривається за енергією.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the held money back; the session is canceled (unless failed).</source>
        <translation>Повернути заблоковані кошти; сесію скасовано (якщо вона не збійна).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture part of the hold (default: the session&apos;s total) and release the rest.</source>
        <translation>Списати частину холду (типово — загальну суму сесії) і повернути решту.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the session&apos;s energy counter, optionally recomputing the amount.</source>
        <translation>Встановити лічильник енергії сесії, за потреби перерахувавши суму.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the session&apos;s status (SOFT keeps the priorities, OVERRIDE ignores them).</source>
        <translation>Змінити статус сесії (SOFT дотримується пріоритетів, OVERRIDE їх ігнорує).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to start it (remote start).</source>
        <translation>Попросити станцію сесії запустити її (віддалений старт).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the session&apos;s station to stop it (remote stop).</source>
        <translation>Попросити станцію сесії зупинити її (віддалена зупинка).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset the session&apos;s station.</source>
        <translation>Перезавантажити станцію сесії.</translation>
    </message>
    <message>
        <location filename="../app/cli/accountcommands.cpp" line="+522"/>
        <source>List members with their balances.</source>
        <translation>Показати учасників з балансами.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show a member with cards, top-ups and coupons.</source>
        <translation>Показати учасника з картками, поповненнями й купонами.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a member (issues the new-member coupons; audited).</source>
        <translation>Створити учасника (видає купони новим учасникам; із записом в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change a member&apos;s name, phone, e-mail, department or auto-stop threshold (audited).</source>
        <translation>Змінити ім&apos;я, телефон, e-mail, підрозділ або поріг автозупинки учасника (з аудитом).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top up a member&apos;s balance (cash at the desk; issues the coupon it earns; audited).</source>
        <translation>Поповнити баланс учасника (готівка в касі; видає зароблений купон; із записом в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List departments with pooled balances and who pays.</source>
        <translation>Показати підрозділи зі спільними балансами та тим, хто платить.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List coupon rules.</source>
        <translation>Показати правила купонів.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a coupon rule (audited).</source>
        <translation>Створити правило купонів (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List issued coupons, newest first.</source>
        <translation>Показати видані купони, новіші першими.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke a coupon not used yet (audited).</source>
        <translation>Відкликати ще не використаний купон (із записом в аудит).</translation>
    </message>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="+175"/>
        <source>Correct a bill (a new version; --dry-run shows every effect on money and coupons first).</source>
        <translation>Виправити рахунок (нова версія; --dry-run спершу показує всі наслідки для грошей і купонів).</translation>
    </message>
    <message>
        <location filename="../app/cli/tariffcommands.cpp" line="+267"/>
        <source>Tariffs in force (with --history every version).</source>
        <translation>Чинні тарифи (з --history — усі версії).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff: prices, periods, fees and its versions.</source>
        <translation>Тариф: ціни, періоди, плати та його версії.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A session&apos;s bill explained line by line, and its versions.</source>
        <translation>Рахунок сесії з поясненням рядок за рядком і його версії.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill a session that ended (sessions are billed automatically when they end).</source>
        <translation>Виставити рахунок завершеній сесії (сесії отримують рахунок автоматично після завершення).</translation>
    </message>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="+388"/>
        <source>Apply for a member&apos;s refund: the amount moves to the pending refund (audited).</source>
        <translation>Подати заявку на повернення коштів учасника: сума переходить до очікування повернення (з аудитом).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List refund applications, newest first.</source>
        <translation>Список заявок на повернення, найновіші першими.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve a refund and refund the top-ups through the payment gateway or at the desk (audited).</source>
        <translation>Схвалити повернення й повернути поповнення через платіжний шлюз або в касі (з аудитом).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject a refund: the amount goes back to the member (audited).</source>
        <translation>Відхилити повернення: сума повертається учаснику (з аудитом).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a refund with its audit history and gateway records.</source>
        <translation>Показати повернення з історією перевірки та записами шлюзу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm a cash refund at the desk (or that it was not paid; audited).</source>
        <translation>Підтвердити повернення готівкою в касі (або що його не виплачено; з аудитом).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send a refund&apos;s gateway records that got no answer again, with the same key.</source>
        <translation>Надіслати ще раз записи повернення без відповіді шлюзу, з тим самим ключем.</translation>
    </message>
    <message>
        <location filename="../app/cli/reportcommands.cpp" line="+398"/>
        <source>With --out the export is recorded with a snapshot.</source>
        <translation>З --out експорт записується разом зі знімком.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show what changed in a report since an export (added, removed, corrected rows).</source>
        <translation>Показати, що змінилося у звіті після експорту (додані, вилучені, виправлені рядки).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List report exports, newest first.</source>
        <translation>Перелік експортів звітів, найновіші першими.</translation>
    </message>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="+180"/>
        <source>Record what a site&apos;s meter delivered in a period (the same period again replaces it).</source>
        <translation>Записати, скільки видав лічильник майданчика за період (той самий період замінює попередній).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import meter readings from CSV: site,from,to,energy_kwh[,note]; every line or none.</source>
        <translation>Імпортувати покази лічильників із CSV: site,from,to,energy_kwh[,note]; усі рядки або жодного.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List sites&apos; meter readings.</source>
        <translation>Показати покази лічильників майданчиків.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a payment gateway&apos;s statement: reference,amount,currency,received; every line or none.</source>
        <translation>Імпортувати виписку платіжного шлюзу: reference,amount,currency,received; усі рядки або жодного.</translation>
    </message>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="+333"/>
        <source>Add an operator (password from CHARGEDESK_NEW_PASSWORD or asked); the first one is the administrator.</source>
        <translation>Додати оператора (пароль із CHARGEDESK_NEW_PASSWORD або з запиту); перший оператор стає адміністратором.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the operators with their role and open logins.</source>
        <translation>Показати операторів з їхніми ролями й відкритими входами.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give an operator another role (audited).</source>
        <translation>Призначити операторові іншу роль (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many times an operator may be logged in at once (audited).</source>
        <translation>Скільки разів оператор може бути в системі одночасно (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable an operator and end their logins (audited).</source>
        <translation>Вимкнути оператора й завершити його сеанси входу (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable an operator again (audited).</source>
        <translation>Знову ввімкнути оператора (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock a login locked by wrong passwords before its time (audited).</source>
        <translation>Розблокувати вхід, заблокований через неправильні паролі, раніше строку (з записом в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change your password, or (administrator) another operator&apos;s (audited).</source>
        <translation>Змінити свій пароль або (для адміністратора) пароль іншого оператора (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a custom role with permissions (audited).</source>
        <translation>Додати власну роль із дозволами (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List the roles with their permissions.</source>
        <translation>Показати ролі з їхніми дозволами.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a role permissions (audited).</source>
        <translation>Надати ролі дозволи (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take permissions from a role (audited).</source>
        <translation>Забрати дозволи в ролі (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete a custom role no operator has (audited).</source>
        <translation>Видалити власну роль, яку не має жоден оператор (із записом в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List every permission, or those of one role.</source>
        <translation>Показати всі дозволи або дозволи однієї ролі.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the open login sessions.</source>
        <translation>Показати відкриті сеанси входу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End a login session (audited).</source>
        <translation>Завершити сеанс входу (із записом в аудит).</translation>
    </message>
</context>
<context>
    <name>cd::ServerMain</name>
    <message>
        <location filename="../app/server/main.cpp" line="+28"/>
        <source>ChargeDesk headless server: the same core as the console, as a service.</source>
        <translation>Сервер ChargeDesk без інтерфейсу: те саме ядро, що й у консолі, у вигляді служби.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply pending schema migrations, then exit.</source>
        <translation>Застосувати незавершені міграції схеми й вийти.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Database %1 (%2), schema version %3.</source>
        <translation>База даних %1 (%2), версія схеми %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stations connect to %1://%2:%3%4/&lt;chargePointId&gt; (security profile %5).</source>
        <translation>Станції підключаються до %1://%2:%3%4/&lt;chargePointId&gt; (профіль безпеки %5).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shutting down.</source>
        <translation>Завершення роботи.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ChargeDesk server is running. Stop it with Ctrl+C or SIGTERM.</source>
        <translation>Сервер ChargeDesk працює. Зупиніть його за допомогою Ctrl+C або SIGTERM.</translation>
    </message>
</context>
<context>
    <name>cd::SimCommandLine</name>
    <message>
        <location filename="../app/sim/simcommandline.cpp" line="+41"/>
        <source>--%1 must be a number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 має бути числом від %2 до %3, а не «%4».</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--ca-file, --client-cert and --client-key need a wss:// URL.</source>
        <translation>--ca-file, --client-cert і --client-key потребують URL wss://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--client-cert and --client-key go together.</source>
        <translation>--client-cert і --client-key задаються лише разом.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Server URL; each station connects to &lt;url&gt;/&lt;id&gt;, e.g. ws://127.0.0.1:9000/ocpp.</source>
        <translation>URL сервера; кожна станція підключається до &lt;url&gt;/&lt;id&gt;, наприклад ws://127.0.0.1:9000/ocpp.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of stations to simulate (default 1).</source>
        <translation>Кількість імітованих станцій (типово 1).</translation>
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
        <translation>назва</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OCPP subprotocol: ocpp1.6 (default) or ocpp2.0.1.</source>
        <translation>Підпротокол OCPP: ocpp1.6 (типово) або ocpp2.0.1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic-auth password for every station (security profile 1; the user name is the station id).</source>
        <translation>Пароль Basic auth для всіх станцій (профіль безпеки 1; ім’я користувача — ідентифікатор станції).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>пароль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the Basic-auth password from the first line of this file.</source>
        <translation>Читати пароль Basic auth з першого рядка цього файлу.</translation>
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
        <translation>wss://: довіряти лише сертифікатам центрів сертифікації з цього PEM-файлу (типово — системним).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wss:// with security profile 3: the client certificate (PEM) every station presents; its common name (CN) must be the station&apos;s id, so use it with one station (--stations 1, --prefix).</source>
        <translation>wss:// із профілем безпеки 3: клієнтський сертифікат (PEM), який пред’являє кожна станція; його загальне ім’я (CN) має збігатися з ідентифікатором станції, тож використовуйте його з однією станцією (--stations 1, --prefix).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The private key (PEM, unencrypted) of --client-cert.</source>
        <translation>Закритий ключ (PEM, незашифрований) до --client-cert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make stations misbehave: NAME for every station, NAME:0.2 or NAME:20% for a share, NAME:ID,ID for those stations. Repeatable. Names: %1.</source>
        <translation>Змусити станції поводитися некоректно: НАЗВА — усі станції, НАЗВА:0.2 або НАЗВА:20% — частка станцій, НАЗВА:ID,ID — лише вказані станції. Можна повторювати. Назви: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>name[:share]</source>
        <translation>назва[:частка]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean idle time between sessions per connector, simulated seconds (default 600).</source>
        <translation>Середній час простою конектора між сесіями, у секундах імітованого часу (типово 600).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+8"/>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>seconds</source>
        <translation>секунди</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Mean session length, simulated seconds (default 1800).</source>
        <translation>Середня тривалість сесії, у секундах імітованого часу (типово 1800).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect and idle: no charging sessions.</source>
        <translation>Лише підключитися й простоювати, без сесій зарядки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comma-separated id tags the drivers present, shared by every station (default: three per station, TAG-&lt;station id&gt;-1..3). The server must know them, or every session is refused.</source>
        <translation>Id tag водіїв через кому, спільні для всіх станцій (типово: по три на станцію, TAG-&lt;id станції&gt;-1..3). Сервер має їх знати, інакше кожну сесію буде відхилено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tags</source>
        <translation>теги</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulated time runs this many times faster than the wall clock (default 1).</source>
        <translation>У скільки разів імітований час іде швидше за реальний (типово 1).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>factor</source>
        <translation>коефіцієнт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run for this many wall-clock seconds, then stop cleanly (default: until Ctrl+C).</source>
        <translation>Працювати стільки секунд реального часу, а потім коректно зупинитися (типово: до Ctrl+C).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station id prefix: &lt;prefix&gt;-0001, &lt;prefix&gt;-0002, ... (default SIM).</source>
        <translation>Префікс ідентифікаторів станцій: &lt;префікс&gt;-0001, &lt;префікс&gt;-0002, … (типово SIM).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connectors per station (default 2).</source>
        <translation>Кількість конекторів на станції (типово 2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MeterValueSampleInterval, simulated seconds (default 60).</source>
        <translation>MeterValueSampleInterval, у секундах імітованого часу (типово 60).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall-clock milliseconds between two station starts (default 20).</source>
        <translation>Пауза між запусками двох станцій, у мілісекундах реального часу (типово 20).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chance that a connector faults after a session, 0 to 1 (default 0.02).</source>
        <translation>Імовірність несправності конектора після сесії, від 0 до 1 (типово 0.02).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send BootNotification on every reconnect, not only after a reboot.</source>
        <translation>Надсилати BootNotification під час кожного повторного підключення, а не лише після перезавантаження.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed, for repeatable runs (default 1).</source>
        <translation>Початкове значення генератора випадкових чисел, для відтворюваних запусків (типово 1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up when no station has connected after this many seconds (default 30).</source>
        <translation>Припинити спроби, якщо за стільки секунд не підключилася жодна станція (типово 30).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seconds between status lines; 0 for none (default 5).</source>
        <translation>Інтервал між рядками стану в секундах; 0 — не виводити (типово 5).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the run&apos;s statistics as JSON to this file at exit.</source>
        <translation>Під час виходу записати статистику запуску у форматі JSON до цього файлу.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--url is required, e.g. --url ws://127.0.0.1:9000/ocpp.</source>
        <translation>Потрібен параметр --url, наприклад --url ws://127.0.0.1:9000/ocpp.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--url must be a ws:// or wss:// URL, not &quot;%1&quot;.</source>
        <translation>--url має бути адресою ws:// або wss://, а не «%1».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown protocol &quot;%1&quot;.</source>
        <translation>Невідомий протокол «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The simulator speaks ocpp1.6 and ocpp2.0.1, not %1.</source>
        <translation>Симулятор підтримує ocpp1.6 і ocpp2.0.1, але не %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use --password or --password-file, not both.</source>
        <translation>Укажіть або --password, або --password-file, але не обидва.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the password file %1: %2</source>
        <translation>Не вдається прочитати файл пароля %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password file %1 is empty.</source>
        <translation>Файл пароля %1 порожній.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The id tag &quot;%1&quot; is longer than 20 characters.</source>
        <translation>Id tag «%1» довший за 20 символів.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--id-tags names no tag.</source>
        <translation>--id-tags не містить жодного id tag.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--prefix must be 1 to 14 characters without &quot;/&quot;.</source>
        <translation>--prefix має містити від 1 до 14 символів без «/».</translation>
    </message>
</context>
<context>
    <name>cd::SimMain</name>
    <message>
        <location filename="../app/sim/main.cpp" line="+29"/>
        <source>ChargeDesk charge-point simulator: runs simulated OCPP stations against a server.</source>
        <translation>Симулятор зарядних станцій ChargeDesk: запускає імітовані OCPP-станції, що підключаються до сервера.</translation>
    </message>
</context>
<context>
    <name>cd::TlsFileLoader</name>
    <message>
        <location filename="../core/common/tlsfiles.cpp" line="+38"/>
        <source>Cannot read %1: %2</source>
        <translation>Не вдається прочитати %1: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TLS is not available: Qt found no TLS library (it needs the OpenSSL 3 libraries, package libssl3).</source>
        <translation>TLS недоступний: Qt не знайшов бібліотеки TLS (потрібні бібліотеки OpenSSL 3, пакет libssl3).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The file %1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>Файл %1 не містить сертифіката PEM («-----BEGIN CERTIFICATE-----»).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The private key %1 is protected by a passphrase; use an unencrypted key file that only the server&apos;s user can read.</source>
        <translation>Закритий ключ %1 захищено парольною фразою; використовуйте незашифрований файл ключа, який може читати лише користувач сервера.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file %1 holds no PEM RSA or EC private key.</source>
        <translation>Файл %1 не містить закритого ключа RSA або EC у форматі PEM.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The certificate in %1 expired on %2.</source>
        <translation>Строк дії сертифіката в %1 закінчився %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate in %1 is not valid before %2.</source>
        <translation>Сертифікат у %1 набуває чинності лише %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The private key %1 does not belong to the certificate in %2.</source>
        <translation>Закритий ключ %1 не відповідає сертифікату в %2.</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessGuard</name>
    <message>
        <location filename="../core/access/accessguard.cpp" line="+19"/>
        <source>Your role (%1) does not allow: %2. Ask an administrator.</source>
        <translation>Ваша роль (%1) не дозволяє: %2. Зверніться до адміністратора.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Log in first: this database has operator accounts, and only an operator who has logged in may %1.</source>
        <translation>Спершу увійдіть: у цій базі даних є облікові записи операторів, і лише оператор, який увійшов, може %1.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Your operator account no longer exists. Ask an administrator.</source>
        <translation>Вашого облікового запису оператора більше не існує. Зверніться до адміністратора.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your operator account (%1) is disabled. Ask an administrator.</source>
        <translation>Ваш обліковий запис оператора (%1) вимкнено. Зверніться до адміністратора.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>Ваш сеанс входу завершено. Увійдіть знову.</translation>
    </message>
</context>
<context>
    <name>cd::access::AccessService</name>
    <message>
        <location filename="../core/access/accessservice.cpp" line="+60"/>
        <source>A login is 1 to %1 letters, digits, dots, underscores, hyphens or @, without spaces.</source>
        <translation>Логін — це від 1 до %1 літер, цифр, крапок, підкреслень, дефісів або @, без пробілів.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A password has at least %1 characters.</source>
        <translation>Пароль має бути завдовжки від %1 символів.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A password has at most %1 bytes.</source>
        <translation>Пароль має бути не довшим за %1 байтів.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The number of logins at once is 1 to %1.</source>
        <translation>Кількість одночасних входів — від 1 до %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrong login or password.</source>
        <translation>Неправильний логін або пароль.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The account %1 is disabled. Ask an administrator.</source>
        <translation>Обліковий запис %1 вимкнено. Зверніться до адміністратора.</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>Too many wrong passwords: the login %1 is locked for %n more minute(s). Try again then, or ask an administrator to unlock it.</source>
        <translation>
            <numerusform>Забагато неправильних паролів: вхід %1 заблоковано ще на %n хвилину. Спробуйте тоді або попросіть адміністратора розблокувати його.</numerusform>
            <numerusform>Забагато неправильних паролів: вхід %1 заблоковано ще на %n хвилини. Спробуйте тоді або попросіть адміністратора розблокувати його.</numerusform>
            <numerusform>Забагато неправильних паролів: вхід %1 заблоковано ще на %n хвилин. Спробуйте тоді або попросіть адміністратора розблокувати його.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is already logged in %2 time(s), as many as this account allows at once. Log out there first, or ask an administrator to end that login session.</source>
        <translation>%1 вже має відкритих входів: %2 — стільки, скільки цей обліковий запис дозволяє одночасно. Спершу вийдіть там або попросіть адміністратора завершити той сеанс входу.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your login session has ended. Log in again.</source>
        <translation>Ваш сеанс входу завершено. Увійдіть знову.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your login session expired after %1 minutes without activity. Log in again.</source>
        <translation>Ваш сеанс входу завершився після %1 хв бездіяльності. Увійдіть знову.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your operator account is disabled. Ask an administrator.</source>
        <translation>Ваш обліковий запис оператора вимкнено. Зверніться до адміністратора.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Operators exist already: an administrator adds the next one.</source>
        <translation>Оператори вже є: наступного додає адміністратор.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the first administrator</source>
        <translation>перший адміністратор</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>An operator with the login %1 exists already.</source>
        <translation>Оператор із логіном %1 уже існує.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 is the last enabled administrator: make another operator an administrator first.</source>
        <translation>%1 — останній увімкнений адміністратор: спершу зробіть адміністратором іншого оператора.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>You cannot disable your own account.</source>
        <translation>Не можна вимкнути власний обліковий запис.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Log in first: only an operator has a password to change.</source>
        <translation>Спершу увійдіть: змінити пароль можна лише операторові.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>There is no permission &quot;%1&quot; (see: role permissions).</source>
        <translation>Дозволу «%1» немає (див.: role permissions).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A role&apos;s name is 1 to %1 characters and does not start with #.</source>
        <translation>Назва ролі — від 1 до %1 символів і не починається з #.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A role named &quot;%1&quot; exists already.</source>
        <translation>Роль із назвою «%1» уже існує.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Say which permissions.</source>
        <translation>Вкажіть, які дозволи.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The administrator role always has every permission.</source>
        <translation>Роль адміністратора завжди має всі дозволи.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The built-in role %1 cannot be deleted.</source>
        <translation>Вбудовану роль %1 не можна видалити.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n operator(s) have the role %1: give them another role first.</source>
        <translation>
            <numerusform>%n оператор має роль %1: спершу призначте йому іншу роль.</numerusform>
            <numerusform>%n оператори мають роль %1: спершу призначте їм іншу роль.</numerusform>
            <numerusform>%n операторів мають роль %1: спершу призначте їм іншу роль.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>There is no login session %1.</source>
        <translation>Сеансу входу %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::access::BuiltinRoles</name>
    <message>
        <location filename="../core/access/permission.cpp" line="+140"/>
        <source>Support</source>
        <translation>Підтримка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site manager</source>
        <translation>Менеджер майданчика</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accountant</source>
        <translation>Бухгалтер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>Адміністратор</translation>
    </message>
</context>
<context>
    <name>cd::access::OperatorRepository</name>
    <message>
        <location filename="../core/access/operatorrepository.cpp" line="+88"/>
        <source>Say which operator.</source>
        <translation>Вкажіть оператора.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no operator &quot;%1&quot;.</source>
        <translation>Оператора «%1» немає.</translation>
    </message>
</context>
<context>
    <name>cd::access::PermissionCatalog</name>
    <message>
        <location filename="../core/access/permission.cpp" line="-53"/>
        <source>open the Dashboard screen</source>
        <translation>відкривати екран «Огляд»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Map screen</source>
        <translation>відкривати екран «Мапа»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Stations screen</source>
        <translation>відкривати екран «Станції»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operations screen</source>
        <translation>відкривати екран «Операції»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Alerts screen</source>
        <translation>відкривати екран «Сповіщення»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Anomaly bills screen</source>
        <translation>відкривати екран «Аномальні рахунки»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Accounts screen</source>
        <translation>відкривати екран «Рахунки»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Refunds screen</source>
        <translation>відкривати екран «Повернення коштів»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Reports screen</source>
        <translation>відкривати екран «Звіти»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Settings screen</source>
        <translation>відкривати екран «Налаштування»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Audit log screen</source>
        <translation>відкривати екран «Журнал аудиту»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the Operators and roles screen</source>
        <translation>відкривати екран «Оператори й ролі»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finish sessions</source>
        <translation>завершувати сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel payment holds</source>
        <translation>скасовувати платіжні холди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finalize sessions (capture part of a hold)</source>
        <translation>фіналізувати сесії (списувати частину холду)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set a session&apos;s energy</source>
        <translation>задавати енергію сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change a session&apos;s status</source>
        <translation>змінювати статус сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>correct bills</source>
        <translation>виправляти рахунки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change tariffs</source>
        <translation>змінювати тарифи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>register refund applications</source>
        <translation>реєструвати заявки на повернення коштів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approve or reject refunds</source>
        <translation>схвалювати або відхиляти повернення коштів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confirm cash refunds at the desk</source>
        <translation>підтверджувати повернення готівкою в касі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change members, departments and cards</source>
        <translation>змінювати учасників, підрозділи й картки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>top up balances</source>
        <translation>поповнювати баланси</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change coupon rules and revoke coupons</source>
        <translation>змінювати правила купонів і відкликати купони</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change id tags</source>
        <translation>змінювати id tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>send commands to stations</source>
        <translation>надсилати команди станціям</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add and change stations</source>
        <translation>додавати й змінювати станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change sites and sub-operators</source>
        <translation>змінювати майданчики й субоператорів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acknowledge, assign and resolve alerts</source>
        <translation>підтверджувати, призначати й вирішувати сповіщення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enter meter readings and import gateway receipts</source>
        <translation>вводити покази лічильників та імпортувати квитанції платіжного шлюзу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export reports</source>
        <translation>експортувати звіти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change settings</source>
        <translation>змінювати налаштування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manage operators, roles and login sessions</source>
        <translation>керувати операторами, ролями й сеансами входу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read the audit log</source>
        <translation>переглядати журнал аудиту</translation>
    </message>
</context>
<context>
    <name>cd::access::RoleRepository</name>
    <message>
        <location filename="../core/access/rolerepository.cpp" line="+75"/>
        <source>Say which role.</source>
        <translation>Вкажіть роль.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>Ролі з назвою «%1» немає.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no role #%1.</source>
        <translation>Ролі #%1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountRepository</name>
    <message>
        <location filename="../core/accounts/accountrepository.cpp" line="+85"/>
        <source>The account is gone.</source>
        <translation>Рахунку більше немає.</translation>
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
        <translation>Учасника %1 немає.</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Department %1 bills to a parent that bills back to it.</source>
        <translation>Підрозділ %1 виставляє рахунки батьківському, який виставляє їх назад йому.</translation>
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
        <translation>Підрозділу %1 немає.</translation>
    </message>
    <message>
        <location line="-436"/>
        <source>Enter the member&apos;s name or phone number.</source>
        <translation>Вкажіть ім’я або номер телефону учасника.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>Назва задовга (щонайбільше 200 символів).</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>&quot;%1&quot; is not a phone number: digits, spaces and dashes, optionally starting with +.</source>
        <translation>«%1» — не номер телефону: цифри, пробіли й дефіси, можна з + на початку.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>«%1» — не адреса електронної пошти.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <location line="+141"/>
        <location line="+143"/>
        <source>The auto-stop threshold cannot be negative.</source>
        <translation>Поріг автозупинки не може бути від’ємним.</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>A top-up must be more than zero.</source>
        <translation>Поповнення має бути більшим за нуль.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a top-up.</source>
        <translation>Сума завелика для поповнення.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>Валюта — трилітерний код ISO 4217, наприклад UAH.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a payment gateway name.</source>
        <translation>«%1» — не назва платіжного шлюзу.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>Номер квитанції задовгий (щонайбільше 200 символів).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the department&apos;s name.</source>
        <translation>Вкажіть назву підрозділу.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+298"/>
        <source>Only a department with a parent can bill to its parent.</source>
        <translation>Виставляти рахунки батьківському може лише підрозділ, що має батьківський.</translation>
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
        <translation>Вкажіть, хто вносить зміну.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::AccountText</name>
    <message>
        <location filename="../core/accounts/accounttypes.cpp" line="+36"/>
        <source>Top-up</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued for a top-up of at least a set amount</extracomment>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New member</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued to every new member</extracomment>
        <translation>Новий учасник</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spend</source>
        <extracomment>a coupon rule&apos;s trigger: the coupon is issued once when a member&apos;s spend in a period reaches a set amount</extracomment>
        <translation>Витрати</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Used</source>
        <extracomment>coupon status</extracomment>
        <translation>Використано</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <extracomment>coupon status</extracomment>
        <translation>Відкликано</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired</source>
        <extracomment>coupon status</extracomment>
        <translation>Прострочено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued</source>
        <extracomment>coupon status: issued to the member and not used yet</extracomment>
        <translation>Видано</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponIssuer</name>
    <message>
        <location filename="../core/accounts/couponissuer.cpp" line="+143"/>
        <source>No free coupon code was found; try again.</source>
        <translation>Не знайшлося вільного коду купона; спробуйте ще раз.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::CouponService</name>
    <message>
        <location filename="../core/accounts/couponservice.cpp" line="+59"/>
        <source>Enter the rule&apos;s name (the coupon&apos;s name shown to the member).</source>
        <translation>Вкажіть назву правила (назву купона, яку побачить учасник).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name is too long (200 characters at most).</source>
        <translation>Назва задовга (щонайбільше 200 символів).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The coupon&apos;s amount must be more than zero.</source>
        <translation>Сума купона має бути більшою за нуль.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The minimum spend cannot be negative.</source>
        <translation>Мінімальна сума рахунку не може бути від’ємною.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which top-up earns the coupon: an amount more than zero.</source>
        <translation>Вкажіть, яке поповнення дає купон: суму, більшу за нуль.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of valid days must be between 1 and 3650.</source>
        <translation>Кількість днів дії має бути від 1 до 3650.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which spend earns the coupon: an amount more than zero.</source>
        <translation>Вкажіть, які витрати дають купон: сума більша за нуль.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give either a number of valid days or a date range, not both.</source>
        <translation>Вкажіть або кількість днів дії, або діапазон дат, але не обидва.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say how long the coupons are valid: a number of days or a date range.</source>
        <translation>Вкажіть, скільки діють купони: кількість днів або діапазон дат.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end of the date range must be after its start.</source>
        <translation>Кінець діапазону дат має бути пізніше за початок.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+32"/>
        <location line="+35"/>
        <source>Say who makes the change.</source>
        <translation>Вкажіть, хто вносить зміну.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>There is no coupon rule %1.</source>
        <translation>Правила купонів %1 немає.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Say why the coupon is revoked.</source>
        <translation>Вкажіть, чому купон відкликано.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no coupon %1.</source>
        <translation>Купона %1 немає.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 is already used; it cannot be revoked.</source>
        <translation>Купон %1 уже використано; його не можна відкликати.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 is already revoked.</source>
        <translation>Купон %1 уже відкликано.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 changed meanwhile; look again.</source>
        <translation>Купон %1 тим часом змінився; перегляньте ще раз.</translation>
    </message>
</context>
<context>
    <name>cd::accounts::SpendCoupons</name>
    <message>
        <location filename="../core/accounts/spendcoupons.cpp" line="+167"/>
        <source>Spend reached the threshold with bill %1</source>
        <translation>Витрати досягли порогу з рахунком %1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Coupon %1 was used or revoked meanwhile: preview the correction again.</source>
        <translation>Купон %1 тим часом використано або відкликано: перегляньте виправлення ще раз.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDeliverySettings</name>
    <message>
        <location filename="../core/alerts/alertsettings.cpp" line="+50"/>
        <source>Enter the SMTP server for alert e-mails.</source>
        <translation>Вкажіть SMTP-сервер для листів про сповіщення.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SMTP port must be between 1 and 65535.</source>
        <translation>Порт SMTP має бути від 1 до 65535.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the sender address for alert e-mails.</source>
        <translation>Вкажіть адресу відправника листів про сповіщення.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter at least one recipient for alert e-mails.</source>
        <translation>Вкажіть хоча б одного отримувача листів про сповіщення.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>«%1» — не адреса електронної пошти.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending the SMTP password unencrypted is only allowed to this computer: choose STARTTLS or TLS.</source>
        <translation>Надсилати пароль SMTP без шифрування можна лише на цей комп’ютер: оберіть STARTTLS або TLS.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>Адреса вебхука має починатися з https:// (звичайний http:// — лише на цей комп’ютер).</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertDispatcher</name>
    <message>
        <location filename="../core/alerts/alertdispatcher.cpp" line="+60"/>
        <source>The alert %1 is gone.</source>
        <translation>Сповіщення %1 більше немає.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unknown delivery channel &quot;%1&quot;.</source>
        <translation>Невідомий канал доставки «%1».</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertService</name>
    <message>
        <location filename="../core/alerts/alertservice.cpp" line="+39"/>
        <location line="+33"/>
        <source>There is no alert %1.</source>
        <translation>Немає сповіщення %1.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Say who acts on the alert.</source>
        <translation>Вкажіть, хто працює зі сповіщенням.</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+18"/>
        <location line="+17"/>
        <source>Alert %1 is already resolved.</source>
        <translation>Сповіщення %1 уже вирішено.</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Alert %1 is already acknowledged.</source>
        <translation>Сповіщення %1 уже підтверджено.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The assignee&apos;s name is too long.</source>
        <translation>Ім’я виконавця задовге.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say what was done: a note is required to resolve an alert.</source>
        <translation>Опишіть, що зроблено: щоб вирішити сповіщення, потрібна примітка.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::AlertText</name>
    <message>
        <location filename="../core/alerts/alerttypes.cpp" line="+95"/>
        <source>Station offline</source>
        <translation>Станція не на зв’язку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heartbeat overdue</source>
        <translation>Немає heartbeat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault</source>
        <translation>Несправність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start failed</source>
        <translation>Запуск не вдався</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging without an authorised session</source>
        <translation>Зарядка без авторизованої сесії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop not honoured</source>
        <translation>Зупинку не виконано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter jump</source>
        <translation>Стрибок лічильника</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter reset</source>
        <translation>Скидання лічильника</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open</source>
        <comment>alert state</comment>
        <translation>Відкрите</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <comment>alert state</comment>
        <translation>Підтверджене</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <comment>alert state</comment>
        <translation>Вирішене</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened</source>
        <translation>Відкрито</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seen again</source>
        <translation>Повторилося</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledged</source>
        <translation>Підтверджене</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned</source>
        <translation>Призначено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <translation>Вирішене</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Condition cleared</source>
        <translation>Умова зникла</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1, connector %2</source>
        <extracomment>where an alert happened: %1 a station, %2 its connector number</extracomment>
        <translation>%1, конектор %2</translation>
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
        <translation>%1 кВт·год</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Disconnected since %1</source>
        <translation>Не на зв’язку з %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Last heartbeat %1; expected every %n s</source>
        <translation>
            <numerusform>Останній heartbeat %1; очікується кожну %n с</numerusform>
            <numerusform>Останній heartbeat %1; очікується кожні %n с</numerusform>
            <numerusform>Останній heartbeat %1; очікується кожні %n с</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Error %1, since %2</source>
        <translation>Помилка %1, з %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remote start answered %1 (command %2)</source>
        <translation>Віддалений запуск: відповідь %1 (команда %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 ended as failed</source>
        <translation>Сесія %1 завершилася невдало</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 started although the card was not authorised</source>
        <translation>Сесія %1 почалася, хоча картку не авторизовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connector reports Charging with no open session, since %1</source>
        <translation>Конектор повідомляє Charging без відкритої сесії, з %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1: the station accepted the stop but kept charging (%2 more)</source>
        <translation>Сесія %1: станція прийняла зупинку, але заряджала далі (ще %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register %1 → %2 (%3 → %4)</source>
        <extracomment>%1 and %2 meter readings, %3 and %4 their times</extracomment>
        <translation>Показ %1 → %2 (%3 → %4)</translation>
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
        <translation>Сповіщення: %1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State: %1</source>
        <translation>Стан: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened: %1 UTC</source>
        <translation>Відкрито: %1 UTC</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Seen %n time(s), last at %1 UTC</source>
        <translation>
            <numerusform>Спостерігалося %n раз, востаннє о %1 UTC</numerusform>
            <numerusform>Спостерігалося %n рази, востаннє о %1 UTC</numerusform>
            <numerusform>Спостерігалося %n разів, востаннє о %1 UTC</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session id: %1</source>
        <translation>Ідентифікатор сесії: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge, assign and resolve it on the Alerts screen of ChargeDesk.</source>
        <translation>Підтвердіть, призначте та вирішіть його на екрані «Сповіщення» у ChargeDesk.</translation>
    </message>
</context>
<context>
    <name>cd::alerts::SmtpNotifier</name>
    <message>
        <location filename="../core/alerts/smtpnotifier.cpp" line="+55"/>
        <source>The SMTP server %1 did not answer in time.</source>
        <translation>SMTP-сервер %1 не відповів вчасно.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>An e-mail is already being sent.</source>
        <translation>Лист уже надсилається.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alert e-mails are not configured: server, sender and recipients are needed.</source>
        <translation>Листи про сповіщення не налаштовано: потрібні сервер, відправник і отримувачі.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>SMTP connection to %1 failed: %2</source>
        <translation>Не вдалося з’єднатися з SMTP-сервером %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The SMTP server&apos;s certificate was refused: %1</source>
        <translation>Сертифікат SMTP-сервера відхилено: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+10"/>
        <source>The SMTP server sent an answer that is not SMTP.</source>
        <translation>SMTP-сервер надіслав відповідь, що не є SMTP.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 refused: %2 %3</source>
        <extracomment>%1 the SMTP server, %2 its reply code, %3 its words</extracomment>
        <translation>SMTP-сервер %1 відмовив: %2 %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The SMTP server %1 does not offer STARTTLS.</source>
        <translation>SMTP-сервер %1 не підтримує STARTTLS.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The SMTP server %1 offers no login method ChargeDesk knows (PLAIN, LOGIN).</source>
        <translation>SMTP-сервер %1 не пропонує жодного відомого ChargeDesk способу входу (PLAIN, LOGIN).</translation>
    </message>
</context>
<context>
    <name>cd::alerts::WebhookNotifier</name>
    <message>
        <location filename="../core/alerts/webhooknotifier.cpp" line="+20"/>
        <source>The webhook address must start with https:// (plain http:// only to this computer).</source>
        <translation>Адреса вебхука має починатися з https:// (звичайний http:// — лише на цей комп’ютер).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The webhook %1 answered HTTP %2.</source>
        <extracomment>%1 the webhook&apos;s address, %2 the HTTP status code</extracomment>
        <translation>Вебхук %1 відповів HTTP %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The webhook %1 could not be reached: %2</source>
        <translation>Не вдалося достукатися до вебхука %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AbandonedSessions</name>
    <message>
        <location filename="../core/anomalies/abandonedsessions.cpp" line="+112"/>
        <source>abandoned: nothing heard of the session for too long</source>
        <translation>покинута: про сесію надто довго нічого не було чути</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyCodeText</name>
    <message>
        <location filename="../core/anomalies/anomalycode.cpp" line="+28"/>
        <source>Bill lost</source>
        <translation>Рахунок втрачено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill lost (station offline)</source>
        <translation>Рахунок втрачено (станція офлайн)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time anomaly</source>
        <translation>Аномалія часу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy anomaly</source>
        <translation>Аномалія енергії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration anomaly</source>
        <translation>Аномалія тривалості</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Occupancy anomaly</source>
        <translation>Аномалія простою</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time overlap</source>
        <translation>Перекриття в часі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy differs from platform</source>
        <translation>Енергія відрізняється від платформи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration differs from platform</source>
        <translation>Тривалість відрізняється від платформи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy lost</source>
        <translation>Дані про енергію втрачено</translation>
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
        <translation>Станція так і не надіслала підсумковий рахунок (StopTransaction); сесію закрила платформа або оператор.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The final bill is missing and the station was offline during or at the end of the session.</source>
        <translation>Підсумкового рахунку немає, а станція була офлайн під час або наприкінці сесії.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The session&apos;s times are implausible: an end before the start, a station clock far from ours, or a session longer than the threshold (168 h by default).</source>
        <translation>Час сесії неправдоподібний: кінець раніше за початок, годинник станції далеко від нашого або сесія довша за поріг (типово 168 год).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy is implausible: negative, more than the station&apos;s power allows in the time, or above the ceiling (a bad meter reading).</source>
        <translation>Енергія неправдоподібна: від’ємна, більша, ніж дозволяє потужність станції за цей час, або вища за граничну (хибні показання лічильника).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The charging duration is implausible: longer than the threshold, or zero while energy was delivered.</source>
        <translation>Тривалість заряджання неправдоподібна: довша за поріг або нульова, хоча енергію віддано.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connector stayed occupied far too long after charging, for example charging failed within a minute and the car stayed; the idle fee may be unjust.</source>
        <translation>Конектор залишався зайнятим надто довго після заряджання, наприклад заряджання зірвалося за хвилину, а авто залишилося; плата за простій може бути несправедливою.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another session on the same connector overlaps this one in time.</source>
        <translation>Інша сесія на тому самому конекторі перекривається з цією в часі.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s bill and the platform&apos;s meter readings disagree on the energy, often because the register read 0 before the start and then jumped.</source>
        <translation>Рахунок станції та показання лічильника на платформі розходяться щодо енергії, часто через те, що лічильник показував 0 до старту, а потім стрибнув.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s bill and the platform&apos;s readings disagree on the charging duration.</source>
        <translation>Рахунок станції та показання платформи розходяться щодо тривалості заряджання.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no energy data for the session: no meter values and no meter stop.</source>
        <translation>Для сесії немає даних про енергію: ні показань лічильника, ні кінцевого показання.</translation>
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
        <translation>Не вдалося записати статистику: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The export was cancelled.</source>
        <translation>Експорт скасовано.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not open %1: %2</source>
        <translation>Не вдалося відкрити %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save %1: %2</source>
        <translation>Не вдалося зберегти %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::AnomalyTaggerImpl</name>
    <message>
        <location filename="../core/anomalies/anomalytaggerimpl.cpp" line="+33"/>
        <source>No session with the internal id %1.</source>
        <translation>Немає сесії з внутрішнім ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No bill with the id %1.</source>
        <translation>Немає рахунку з ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1 does not belong to session %2.</source>
        <translation>Рахунок %1 не належить до сесії %2.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionEngine</name>
    <message>
        <location filename="../core/anomalies/correctionapply.cpp" line="+48"/>
        <source>Who corrects must be known: an operator name is required.</source>
        <translation>Має бути відомо, хто виправляє: потрібне ім’я оператора.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept with the bill and in the audit log.</source>
        <translation>Потрібна причина: вона зберігається з рахунком і в журналі аудиту.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Bill %1 was corrected meanwhile: version %2 (bill %3) by %4 is current now. Nothing was written; look at the bill again.</source>
        <translation>Рахунок %1 тим часом виправили: тепер чинна версія %2 (рахунок %3), автор %4. Нічого не записано; перегляньте рахунок ще раз.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Something changed since the preview (a payment, a coupon or the bill&apos;s data): nothing was written. Look at the new preview and apply again.</source>
        <translation>Після попереднього перегляду щось змінилося (платіж, купон або дані рахунку): нічого не записано. Перегляньте новий попередній перегляд і застосуйте знову.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Bill %1 was corrected meanwhile by %2: nothing was written.</source>
        <translation>Рахунок %1 тим часом виправив %2: нічого не записано.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Coupon %1 was used or revoked meanwhile: nothing was written.</source>
        <translation>Купон %1 тим часом використали або відкликали: нічого не записано.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionengine.cpp" line="+24"/>
        <location line="+126"/>
        <source>No bill with the id %1.</source>
        <translation>Немає рахунку з ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Bill %1 belongs to session %2, which is not there.</source>
        <translation>Рахунок %1 належить сесії %2, якої немає.</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Bill %1 is version %2, but version %3 (bill %4, by %5) has replaced it: correct the current version.</source>
        <translation>Рахунок %1 — це версія %2, але її замінила версія %3 (рахунок %4, автор %5): виправляйте чинну версію.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Nothing would change: the bill has these numbers already and no open anomaly.</source>
        <translation>Нічого не зміниться: рахунок уже має ці суми й не має відкритих аномалій.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The numbers stay the same: the correction confirms the bill, resolves its anomalies and settles it.</source>
        <translation>Суми не змінюються: виправлення підтверджує рахунок, закриває його аномалії та розраховує його.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmethods.cpp" line="+65"/>
        <source>Bill %1 keeps no inputs and no tariff applies to its session: it cannot be computed again.</source>
        <translation>Рахунок %1 не зберігає вхідних даних, і до його сесії не застосовується жоден тариф: його не можна обчислити заново.</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Session %1 has %n usable energy register reading(s); an estimate needs at least two. Use the station&apos;s bill or enter the energy.</source>
        <translation>
            <numerusform>Сесія %1 має %n придатний показ лічильника; для оцінки потрібно щонайменше два. Візьміть рахунок станції або введіть енергію.</numerusform>
            <numerusform>Сесія %1 має %n придатні покази лічильника; для оцінки потрібно щонайменше два. Візьміть рахунок станції або введіть енергію.</numerusform>
            <numerusform>Сесія %1 має %n придатних показів лічильника; для оцінки потрібно щонайменше два. Візьміть рахунок станції або введіть енергію.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Estimated from %n register reading(s) between %1 and %2.</source>
        <translation>
            <numerusform>Оцінено за %n показом лічильника між %1 і %2.</numerusform>
            <numerusform>Оцінено за %n показами лічильника між %1 і %2.</numerusform>
            <numerusform>Оцінено за %n показами лічильника між %1 і %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n reading(s) of 0 Wh were left out (a register that read 0 before it jumped).</source>
        <translation>
            <numerusform>%n показ 0 Вт·год відкинуто (лічильник показував 0, а потім стрибнув).</numerusform>
            <numerusform>%n покази 0 Вт·год відкинуто (лічильник показував 0, а потім стрибнув).</numerusform>
            <numerusform>%n показів 0 Вт·год відкинуто (лічильник показував 0, а потім стрибнув).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The station sent no bill of its own for session %1 (no stop reading): use another method.</source>
        <translation>Станція не надіслала власного рахунку для сесії %1 (немає показу на зупинці): оберіть інший спосіб.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own energy (%1 Wh) is not plausible: use another method.</source>
        <translation>Власна енергія станції (%1 Вт·год) неправдоподібна: оберіть інший спосіб.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill says %1 Wh.</source>
        <translation>Власний рахунок станції: %1 Вт·год.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s stop reading gives %1 Wh (meter %2 → %3 Wh).</source>
        <translation>Показ станції на зупинці дає %1 Вт·год (лічильник %2 → %3 Вт·год).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The station&apos;s own bill asks %1; the tariff is applied to its energy.</source>
        <translation>Власний рахунок станції — %1; до її енергії застосовано тариф.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the energy in Wh.</source>
        <translation>Вкажіть енергію у Вт·год.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>Енергія має бути від 0 до %1 Вт·год.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 Wh entered by hand, spread evenly over the charging time.</source>
        <translation>%1 Вт·год введено вручну, рівномірно розподілено на час заряджання.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service already ended when the charging ended (%1): there is no idle time to remove.</source>
        <translation>Обслуговування вже закінчилося разом із заряджанням (%1): простою, який можна прибрати, немає.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service end %1 → %2 (the charging end).</source>
        <translation>Кінець обслуговування %1 → %2 (кінець заряджання).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no tariff %1.</source>
        <translation>Тарифу %1 немає.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariff %1 (version %2) was not in force when the session ran; it is applied as chosen.</source>
        <translation>Тариф %1 (версія %2) не діяв під час сесії; його застосовано, як обрано.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No tariff was in force when session %1 ran (%2): choose one.</source>
        <translation>Під час сесії %1 (%2) не діяв жоден тариф: оберіть тариф.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff %1 is in %2 but the bill is in %3.</source>
        <translation>Тариф %1 у %2, а рахунок у %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priced with tariff %1, version %2 (valid from %3).</source>
        <translation>Обчислено за тарифом %1, версія %2 (діє з %3).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the version to go back to.</source>
        <translation>Оберіть версію, до якої повернутися.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bill %1 is not a version of this session&apos;s bill.</source>
        <translation>Рахунок %1 не є версією рахунку цієї сесії.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bill %1 is the current version already.</source>
        <translation>Рахунок %1 уже є чинною версією.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 keeps no inputs, so its numbers cannot be brought back.</source>
        <translation>Версія %1 не зберігає вхідних даних, тож її суми не можна повернути.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to the numbers of version %1 (bill %2, by %3).</source>
        <translation>Повернення до сум версії %1 (рахунок %2, автор %3).</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Issued %1, after the session started: it is not applied to this session.</source>
        <translation>Видано %1, після початку сесії: до цієї сесії не застосовується.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The version brought back did not use it.</source>
        <translation>Версія, до якої повертаються, його не використовувала.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It goes back to the member as issued.</source>
        <translation>Він повертається учаснику як виданий.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The corrected amount reaches its minimum spend of %1: this bill uses it.</source>
        <translation>Виправлена сума досягає його мінімальних витрат %1: цей рахунок його використовує.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 of the version brought back no longer applies: %2</source>
        <translation>Купон %1 версії, до якої повертаються, більше не застосовується: %2</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionmoney.cpp" line="+35"/>
        <source>Nobody is known to pay this session (no member, department or card): ChargeDesk collects or gives back nothing.</source>
        <translation>Невідомо, хто платить за цю сесію (немає учасника, підрозділу чи картки): ChargeDesk нічого не стягує й не повертає.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The bill was %1: nothing was taken for it yet, so the whole corrected total is taken now.</source>
        <translation>Рахунок був у стані «%1»: за нього ще нічого не списано, тож зараз списується вся виправлена сума.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The balance goes below zero (%1).</source>
        <translation>Баланс стає від’ємним (%1).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Only %1 is held on the card: %2 of the corrected total cannot be captured and is to be collected another way.</source>
        <translation>На картці заблоковано лише %1: %2 виправленої суми не можна списати, їх треба стягнути інакше.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 was captured already and a capture cannot be raised: the additional %2 is to be collected another way.</source>
        <translation>Блокування %1 уже списано, а списання не можна збільшити: додаткові %2 треба стягнути інакше.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Correct the bill when the hold is there.</source>
        <translation>Блокування %1 у стані %2: банк ще не зарезервував гроші. Виправте рахунок, коли блокування з’явиться.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hold %1 is %2: the card pays nothing; %3 is to be collected another way.</source>
        <translation>Блокування %1 у стані %2: картка нічого не сплачує; %3 треба стягнути інакше.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>Платежі тут недоступні, тож гроші блокування %1 не можна перемістити.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Блокування %1 зроблено через шлюз %2, а зараз використовується шлюз %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>Шлюз ще не відповів щодо блокування %1; спробуйте, коли відповідь надійде.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>Платіжний запит щодо блокування %1 ще чекає на шлюз; спробуйте, коли він відповість.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/correctionspendcoupons.cpp" line="+71"/>
        <source>Coupon rule %1 is not there any more: nothing was written.</source>
        <translation>Правила купонів %1 більше немає: нічого не записано.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Coupon %1 is not there any more: nothing was written.</source>
        <translation>Купона %1 більше немає: нічого не записано.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionMethodText</name>
    <message>
        <location filename="../core/anomalies/correctionmethod.cpp" line="+51"/>
        <source>Estimate the energy from the meter samples</source>
        <translation>Оцінити енергію за показами лічильника</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the station&apos;s own bill</source>
        <translation>Взяти власний рахунок станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the energy by hand</source>
        <translation>Ввести енергію вручну</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the service end to the charging end</source>
        <translation>Перенести кінець обслуговування на кінець заряджання</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute with a tariff</source>
        <translation>Перерахувати за тарифом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert to an earlier version</source>
        <translation>Повернутися до попередньої версії</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The energy is taken from the energy register readings the station sent during the session (first to last reading), and the bill is computed again.</source>
        <translation>Енергію беруть із показів лічильника енергії, які станція надсилала під час сесії (від першого до останнього), і рахунок обчислюють заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The energy the station itself reported (its stop reading, or its own bill) replaces the platform&apos;s, and the bill is computed again.</source>
        <translation>Енергія, яку повідомила сама станція (її показ на зупинці або її власний рахунок), замінює енергію платформи, і рахунок обчислюють заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You type the energy, for example from the station&apos;s display or a photo of it, and the bill is computed again.</source>
        <translation>Ви вводите енергію, наприклад з дисплея станції або його фото, і рахунок обчислюють заново.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service end is set to the charging end, so no idle (occupancy) fee is charged. For a car that did not occupy the charger after charging.</source>
        <translation>Кінець обслуговування встановлюють на кінець заряджання, тож плату за простій (паркування) не нараховують. Для авто, яке не займало зарядку після заряджання.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The same energy and times are priced again: with the tariff that was valid when the session ran, or with a tariff version you choose.</source>
        <translation>Ту саму енергію й час оцінюють заново: за тарифом, чинним під час сесії, або за обраною вами версією тарифу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A wrong correction is undone by a new version with the numbers of an earlier one; nothing is deleted.</source>
        <translation>Хибне виправлення скасовують новою версією із сумами однієї з попередніх; нічого не видаляється.</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::CorrectionText</name>
    <message>
        <location filename="../core/anomalies/correctionpreview.cpp" line="+25"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (без змін)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>member %1</source>
        <translation>учасника %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>department %1 (paying for %2)</source>
        <translation>підрозділу %1 (платить за %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>department %1</source>
        <translation>підрозділ %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take %1 from the balance of %2 (%3 → %4).</source>
        <translation>Списати %1 з балансу %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give %1 back to the balance of %2 (%3 → %4).</source>
        <translation>Повернути %1 на баланс %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The refundable amount falls to the new balance (%1 → %2).</source>
        <extracomment>the member&apos;s refundable amount never exceeds the balance (DOMAIN &quot;Refunds&quot;)</extracomment>
        <translation>Сума до повернення зменшується до нового балансу (%1 → %2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Capture %1 from the card (hold %2).</source>
        <translation>Списати %1 з картки (блокування %2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Розблокувати %1 на картці клієнта.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money to the card (hold %2).</source>
        <translation>Повернути %1 списаних коштів на картку (блокування %2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is to be collected another way: no balance or hold can take it.</source>
        <translation>%1 треба стягнути інакше: жоден баланс чи блокування не може їх покрити.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>Гроші не рухаються.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon %1 still applies: %2 off.</source>
        <translation>Купон %1 і далі діє: знижка %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon %1 still applies: %2 → %3 off.</source>
        <translation>Купон %1 і далі діє: знижка %2 → %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops applying (%2 off no more).</source>
        <translation>Купон %1 більше не діє (знижки %2 більше немає).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 starts applying: %2 off.</source>
        <translation>Купон %1 починає діяти: знижка %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon %1 would apply but is not used.</source>
        <translation>Купон %1 міг би діяти, але не використовується.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5): it is unused and is revoked.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>Купон %1 більше не заслужено (правило «%2»: витрати %3 → %4, нижче %5): його не використано, його буде відкликано.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Coupon %1 stops being earned (rule &quot;%2&quot;: spend %3 → %4, below %5), but it has been used already: the correction leaves it; decide with the member whether to recover it.</source>
        <extracomment>%1 coupon, %2 spend rule, %3 → %4 the member&apos;s spend before → after the correction, %5 the rule&apos;s threshold</extracomment>
        <translation>Купон %1 більше не заслужено (правило «%2»: витрати %3 → %4, нижче %5), але його вже використано: виправлення його не змінює; вирішіть разом з учасником, чи повертати його вартість.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A coupon becomes earned (rule &quot;%1&quot;: spend %2 → %3 reaches %4): it is issued to the member.</source>
        <extracomment>%1 spend rule, %2 → %3 the member&apos;s spend before → after the correction, %4 the rule&apos;s threshold</extracomment>
        <translation>Купон стає заслуженим (правило «%1»: витрати %2 → %3 досягають %4): його буде видано учасникові.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Bill %1 (version %2) of session %3 — %4</source>
        <translation>Рахунок %1 (версія %2) сесії %3 — %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy: %1</source>
        <translation>Енергія: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 Wh</source>
        <translation>%1 Вт·год</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  %1 Wh × %2/kWh = %3</source>
        <translation>  %1 Вт·год × %2/кВт·год = %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Energy fee: %1</source>
        <translation>Плата за енергію: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1</source>
        <translation>Плата за обслуговування: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee: %1</source>
        <translation>Плата за простій: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon: %1</source>
        <translation>Купон: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: %1</source>
        <translation>Разом: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>Доплата: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>Повернення: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money: %1</source>
        <translation>Гроші: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement: %1</source>
        <translation>Розрахунок: %1</translation>
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
        <translation>Закриті аномалії: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Anomalies open again: %1</source>
        <translation>Знову відкриті аномалії: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note: %1</source>
        <translation>Примітка: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot apply: %1</source>
        <translation>Не можна застосувати: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1 becomes version %2 with a total of %3 (was %4).</source>
        <translation>Рахунок %1 стає версією %2 із сумою %3 (було %4).</translation>
    </message>
</context>
<context>
    <name>cd::anomalies::DetectorText</name>
    <message>
        <location filename="../core/anomalies/detectors/billlost.cpp" line="+13"/>
        <source>No stop from the station: %1.</source>
        <extracomment>%1 how the session ended without the station&apos;s stop (&quot;closed after the station rebooted&quot;)</extracomment>
        <translation>Станція не надіслала стоп: %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No stop from the station, which went offline during the session (disconnected %1).</source>
        <translation>Станція не надіслала стоп і була офлайн під час сесії (від’єдналася %1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No stop from the station, which was offline when the session was closed.</source>
        <translation>Станція не надіслала стоп і була офлайн, коли сесію закрили.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/detailtext.cpp" line="+14"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy; %1 a number of kilowatt-hours with three decimals</extracomment>
        <translation>%1 кВт·год</translation>
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
        <translation>%1 хв</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 h %2 min</source>
        <extracomment>a duration: %1 hours, %2 minutes (two digits)</extracomment>
        <translation>%1 год %2 хв</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 d %2 h</source>
        <extracomment>a duration: %1 days, %2 hours</extracomment>
        <translation>%1 д %2 год</translation>
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
        <translation>закрито після перезавантаження станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed when a new transaction started on the connector</source>
        <translation>закрито, коли на конекторі почалася нова транзакція</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed after the station said it no longer runs the transaction</source>
        <translation>закрито після того, як станція повідомила, що транзакція вже не триває</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished by an operator</source>
        <translation>завершено оператором</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed as abandoned: nothing heard of it for too long</source>
        <translation>закрито як покинуту: про неї надто довго нічого не було чути</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/anomalies/detectors/timeoverlap.cpp" line="+19"/>
        <source>still open</source>
        <translation>ще відкрита</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed by &quot;%1&quot;</source>
        <extracomment>%1 is who closed the session, as stored</extracomment>
        <translation>закрито: «%1»</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/durationanomaly.cpp" line="+20"/>
        <source>Charged for %1, longer than %2.</source>
        <extracomment>%1 how long the session charged, %2 the limit</extracomment>
        <translation>Заряджання тривало %1, довше за %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 delivered in a charging time of %2.</source>
        <extracomment>%1 the energy, %2 the (zero or negative) charging duration</extracomment>
        <translation>%1 віддано за час заряджання %2.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energyanomaly.cpp" line="+13"/>
        <source>The meter stop (%1) is below the meter start (%2).</source>
        <translation>Кінцеве показання лічильника (%1) менше за початкове (%2).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The energy is negative (%1).</source>
        <translation>Енергія від’ємна (%1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is more than any session can take (limit %2).</source>
        <extracomment>%1 the session&apos;s energy, %2 the limit</extracomment>
        <translation>%1 — більше, ніж може отримати будь-яка сесія (межа %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 in %2 needs %3; no charger delivers more than %4.</source>
        <extracomment>%1 the energy, %2 the duration, %3 the power that would need, %4 the most any charger delivers</extracomment>
        <translation>%1 за %2 потребує %3; жодна зарядна станція не дає більше за %4.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/energylost.cpp" line="+12"/>
        <source>No energy data: no meter values and no meter stop from the station.</source>
        <translation>Немає даних про енергію: ні показань лічильника, ні кінцевого показання від станції.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/occupancyanomaly.cpp" line="+28"/>
        <source>The car stayed %1 after charging ended, longer than %2 (%3 → %4).</source>
        <extracomment>%1 how long the car stayed after charging, %2 the limit, %3 charging end, %4 when it left</extracomment>
        <translation>Авто залишалося %1 після завершення заряджання, довше за %2 (%3 → %4).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Charging lasted only %1 (a failed start?) but the car stayed %2.</source>
        <extracomment>%1 how long it charged (under a minute), %2 how long the car stayed afterwards</extracomment>
        <translation>Заряджання тривало лише %1 (невдалий старт?), але авто залишалося %2.</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/platformdiffers.cpp" line="+73"/>
        <source>The station billed %1, the meter values show %2.</source>
        <extracomment>%1 the station&apos;s energy, %2 the platform&apos;s energy from meter values</extracomment>
        <translation>Станція нарахувала %1, показання лічильника показують %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register read 0 before the start and then jumped to %1 (%2).</source>
        <extracomment>%1 the register reading after the jump, %2 when</extracomment>
        <translation>Лічильник показував 0 до старту, а потім стрибнув до %1 (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The register jumped from %1 to %2 (%3 → %4).</source>
        <extracomment>%1 and %2 the register before and after the jump, %3 and %4 their times</extracomment>
        <translation>Лічильник стрибнув з %1 до %2 (%3 → %4).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The register went backwards %n time(s).</source>
        <translation>
            <numerusform>Лічильник %n раз пішов назад.</numerusform>
            <numerusform>Лічильник %n рази пішов назад.</numerusform>
            <numerusform>Лічильник %n разів пішов назад.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The station&apos;s start → stop is %1, the meter values span %2 (%3 → %4).</source>
        <extracomment>%1 the station&apos;s duration (start → stop), %2 the span of the meter values, %3 and %4 its first and last</extracomment>
        <translation>Старт → стоп станції: %1, показання лічильника охоплюють %2 (%3 → %4).</translation>
    </message>
    <message>
        <location filename="../core/anomalies/detectors/timeanomaly.cpp" line="+21"/>
        <source>%1: station time %2, %3 later than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the start&quot;), %2 its time, %3 how far ahead, %4 when we received it</extracomment>
        <translation>%1: час станції %2, на %3 пізніше за отримання (%4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: station time %2, %3 earlier than its receipt (%4)</source>
        <extracomment>%1 what the station reported (&quot;the stop&quot;), %2 its time, %3 how far behind, %4 when we received it</extracomment>
        <translation>%1: час станції %2, на %3 раніше за отримання (%4)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the stop (%1) lies before the start (%2)</source>
        <translation>стоп (%1) раніше за старт (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>charging ended (%1) before it began (%2)</source>
        <translation>заряджання закінчилося (%1) раніше, ніж почалося (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the car left (%1) before charging ended (%2)</source>
        <translation>авто поїхало (%1) раніше, ніж закінчилося заряджання (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the session lasted %1, longer than %2</source>
        <extracomment>%1 the session&apos;s length, %2 the limit (168 h by default)</extracomment>
        <translation>сесія тривала %1, довше за %2</translation>
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
        <translation>показання лічильника</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Implausible times: %1.</source>
        <extracomment>the reasons a session&apos;s times are implausible, joined by &quot;; &quot;</extracomment>
        <translation>Неправдоподібний час: %1.</translation>
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
        <translation>Перекривається на конекторі %1 із %2.</translation>
    </message>
</context>
<context>
    <name>cd::auth::PasswordHash</name>
    <message>
        <location filename="../core/auth/passwordhash.cpp" line="+35"/>
        <source>The password library (libsodium) could not be initialised.</source>
        <translation>Не вдалося ініціалізувати бібліотеку паролів (libsodium).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is too long.</source>
        <translation>Пароль задовгий.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not enough memory to hash the password.</source>
        <translation>Недостатньо пам’яті для хешування пароля.</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillText</name>
    <message>
        <location filename="../core/billing/billcalculator.cpp" line="+304"/>
        <source>No tariff applied: nothing is charged for this session (times in %1). A correction can price it with a tariff.</source>
        <translation>Тариф не застосовано: за цю сесію нічого не нараховано (час у %1). Виправлення рахунку може нарахувати її за тарифом.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tariff &quot;%1&quot;, version %2, %3 (times in %4).</source>
        <translation>Тариф «%1», версія %2, %3 (час у поясі %4).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Charging from %1 to %2 (%3 min); the connector was freed at %4.</source>
        <translation>Заряджання з %1 до %2 (%3 хв); роз’єм звільнено о %4.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Energy %1 kWh from %n energy register reading(s) (meter start %2 Wh, meter stop %3 Wh), shared between the periods by time between readings.</source>
        <translation>
            <numerusform>Енергія %1 кВт·год за %n показом лічильника (початок %2 Вт·год, кінець %3 Вт·год), розподілена між періодами за часом між показами.</numerusform>
            <numerusform>Енергія %1 кВт·год за %n показами лічильника (початок %2 Вт·год, кінець %3 Вт·год), розподілена між періодами за часом між показами.</numerusform>
            <numerusform>Енергія %1 кВт·год за %n показами лічильника (початок %2 Вт·год, кінець %3 Вт·год), розподілена між періодами за часом між показами.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>невідомо</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy %1 kWh = meter stop %2 Wh − meter start %3 Wh (no readings in between: spread evenly over the charging time).</source>
        <translation>Енергія %1 кВт·год = кінцевий показ %2 Вт·год − початковий %3 Вт·год (проміжних показів немає: рівномірно за час заряджання).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Energy %1 kWh as entered for this bill (not from the meter), spread evenly over the charging time.</source>
        <translation>Енергія %1 кВт·год, введена для цього рахунку (не з лічильника), рівномірно за час заряджання.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Energy %1 kWh as the session recorded it (the energy register gave %2 kWh), shared between the periods in the shape of the register readings, or evenly without them.</source>
        <translation>Енергія %1 кВт·год, як її записано в сесії (лічильник дав %2 кВт·год), розподілена між періодами за формою показів лічильника або рівномірно без них.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No energy data for this session: 0 kWh.</source>
        <translation>Для цієї сесії немає даних про енергію: 0 кВт·год.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 period %2</source>
        <translation>%1, період %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the periods</source>
        <translation>Поза періодами</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2 to %3: %4 kWh × %5/kWh = %6</source>
        <translation>%1, з %2 до %3: %4 кВт·год × %5/кВт·год = %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total: %1 (no tariff applied)</source>
        <translation>Разом: %1 (тариф не застосовано)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy fee: %1</source>
        <translation>Плата за енергію: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee: %1 kWh × %2/kWh = %3</source>
        <translation>Плата за обслуговування: %1 кВт·год × %2/кВт·год = %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: none (the tariff charges no idle fee).</source>
        <translation>Плата за простій: немає (тариф її не передбачає).</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Idle fee: none (the connector was freed within %n free minute(s) after charging ended).</source>
        <translation>
            <numerusform>Плата за простій: немає (роз’єм звільнено протягом %n безкоштовної хвилини після завершення заряджання).</numerusform>
            <numerusform>Плата за простій: немає (роз’єм звільнено протягом %n безкоштовних хвилин після завершення заряджання).</numerusform>
            <numerusform>Плата за простій: немає (роз’єм звільнено протягом %n безкоштовних хвилин після завершення заряджання).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Idle fee: freed at %1 − (charging end %2 + %3 free min) = %4 whole min × %5/min = %6</source>
        <translation>Плата за простій: звільнено о %1 − (кінець заряджання %2 + %3 безкошт. хв) = %4 повних хв × %5/хв = %6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coupon %1: −%2 (worth %3, min spend %4).</source>
        <translation>Купон %1: −%2 (номінал %3, мінімальна сума %4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon %1 not used: the amount %2 is below its minimum spend %3.</source>
        <translation>Купон %1 не застосовано: сума %2 менша за його мінімальну суму %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total: %1 energy + %2 service + %3 idle − %4 coupon = %5</source>
        <translation>Разом: %1 енергія + %2 обслуговування + %3 простій − %4 купон = %5</translation>
    </message>
</context>
<context>
    <name>cd::billing::BillingService</name>
    <message>
        <location filename="../core/billing/billingservice.cpp" line="+118"/>
        <source>The account that pays session %1 no longer exists.</source>
        <translation>Рахунку, що оплачує сесію %1, більше не існує.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>There is no session %1.</source>
        <translation>Сесії %1 немає.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session %1 has not ended (status %2): it gets its bill when it ends.</source>
        <translation>Сесія %1 ще не завершилася (статус %2): рахунок буде виставлено після завершення.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Session %1 cannot be billed: no tariff applies.</source>
        <translation>Для сеансу %1 не можна виставити рахунок: жоден тариф не застосовується.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Session abandoned</source>
        <translation>Сесію покинуто</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The coupon chosen for session %1 was used meanwhile: try again.</source>
        <translation>Купон, обраний для сесії %1, тим часом уже використано: спробуйте ще раз.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bill of session %1</source>
        <translation>Рахунок сесії %1</translation>
    </message>
</context>
<context>
    <name>cd::billing::CouponRules</name>
    <message>
        <location filename="../core/billing/couponrules.cpp" line="+86"/>
        <source>The coupon applies.</source>
        <translation>Купон застосовується.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has been used, revoked or has expired.</source>
        <translation>Купон уже використано, відкликано або він прострочений.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon belongs to another member.</source>
        <translation>Купон належить іншому клієнту.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another department.</source>
        <translation>Купон обмежено іншим підрозділом.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another sub-operator.</source>
        <translation>Купон обмежено іншим субоператором.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is limited to another station.</source>
        <translation>Купон обмежено іншою станцією.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon is not valid yet.</source>
        <translation>Купон ще не діє.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coupon has expired.</source>
        <translation>Термін дії купона минув.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is below the coupon&apos;s minimum spend.</source>
        <translation>Сума менша за мінімальну суму купона.</translation>
    </message>
</context>
<context>
    <name>cd::billing::SettlementText</name>
    <message>
        <location filename="../core/billing/settlement.cpp" line="+48"/>
        <source>Hold until corrected</source>
        <translation>Утримувати до виправлення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settle first, correct later</source>
        <translation>Спершу списати, потім виправити</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unsettled</source>
        <translation>Не розраховано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled</source>
        <translation>Розраховано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charged provisionally</source>
        <translation>Списано попередньо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held until corrected</source>
        <translation>Утримано до виправлення</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffRepository</name>
    <message>
        <location filename="../core/billing/tariffrepository.cpp" line="+224"/>
        <source>Tariff %1 (&quot;%2&quot;) already applies to this scope: save a new version of it instead.</source>
        <translation>Тариф %1 («%2») уже діє для цієї області: збережіть натомість його нову версію.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+71"/>
        <source>There is no tariff %1.</source>
        <translation>Тарифу %1 немає.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Version %1 of this tariff has been replaced by tariff %2 already: edit the newest version.</source>
        <translation>Версію %1 цього тарифу вже замінено тарифом %2: редагуйте найновішу версію.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new version keeps the scope of the tariff: create a new tariff for another scope.</source>
        <translation>Нова версія зберігає область тарифу: для іншої області створіть новий тариф.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new version must start after the version it replaces (%1).</source>
        <translation>Нова версія має починатися після версії, яку вона замінює (%1).</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Tariff %1 has a newer version: end that one.</source>
        <translation>Тариф %1 має новішу версію: завершіть її.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A tariff can only end after it starts.</source>
        <translation>Тариф може закінчитися лише після початку.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>There is no session %1.</source>
        <translation>Сесії %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::billing::TariffText</name>
    <message>
        <location filename="../core/billing/tariff.cpp" line="+112"/>
        <source>Peak</source>
        <translation>Пік</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flat</source>
        <translation>Напівпік</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valley</source>
        <translation>Ніч</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Global default</source>
        <translation>Загальний за замовчуванням</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Майданчик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Підрозділ</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter a name for the tariff.</source>
        <translation>Вкажіть назву тарифу.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the currency of the tariff.</source>
        <translation>Вкажіть валюту тарифу.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code (three capital letters, e.g. EUR).</source>
        <translation>«%1» — не код валюти (три великі літери, напр. EUR).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a known time zone (e.g. Europe/Kyiv, Asia/Shanghai, UTC).</source>
        <translation>«%1» — невідомий часовий пояс (напр. Europe/Kyiv, Asia/Shanghai, UTC).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price must not be negative.</source>
        <translation>Ціна енергії не може бути від’ємною.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service fee must not be negative.</source>
        <translation>Плата за обслуговування не може бути від’ємною.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The idle fee must not be negative.</source>
        <translation>Плата за простій не може бути від’ємною.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The free minutes before the idle fee must not be negative.</source>
        <translation>Безкоштовні хвилини до плати за простій не можуть бути від’ємними.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The global default tariff applies everywhere: it has no site, station or department.</source>
        <translation>Загальний тариф діє скрізь: у нього немає майданчика, станції чи підрозділу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the site the tariff applies to.</source>
        <translation>Оберіть майданчик, до якого застосовується тариф.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the station the tariff applies to.</source>
        <translation>Оберіть станцію, до якої застосовується тариф.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the department the tariff applies to.</source>
        <translation>Оберіть підрозділ, до якого застосовується тариф.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tariff must end after it starts.</source>
        <translation>Тариф має закінчуватися після початку.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: times must lie between 00:00 and 24:00.</source>
        <translation>Період %1: час має бути між 00:00 і 24:00.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period %1 is empty: it starts and ends at %2.</source>
        <translation>Період %1 порожній: він починається і закінчується о %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Period %1: the energy price must not be negative.</source>
        <translation>Період %1: ціна енергії не може бути від’ємною.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Periods %1 (%2) and %3 (%4) overlap.</source>
        <translation>Періоди %1 (%2) і %3 (%4) перекриваються.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingService</name>
    <message>
        <location filename="../core/charging/chargingservice.cpp" line="+67"/>
        <source>No station with the internal id %1.</source>
        <translation>Станції з внутрішнім ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingText</name>
    <message>
        <location filename="../core/charging/chargingtypes.cpp" line="+123"/>
        <source>Emergency stop button pressed</source>
        <translation>Натиснуто кнопку аварійної зупинки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vehicle unplugged</source>
        <translation>Кабель від’єднано від автомобіля</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station hard reset</source>
        <translation>Жорстке перезавантаження станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station soft reset</source>
        <translation>М’яке перезавантаження станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped at the station (card or button)</source>
        <translation>Зупинено на станції (карткою або кнопкою)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station lost power</source>
        <translation>Станція втратила живлення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station rebooted during the session</source>
        <translation>Станція перезавантажилася під час сесії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped from the back office</source>
        <translation>Зупинено з адміністративної системи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector unlocked from the back office</source>
        <translation>Конектор розблоковано з адміністративної системи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card no longer authorized</source>
        <translation>Картка більше не авторизована</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station rebooted and reported the connector available</source>
        <translation>Закрито системою: станція перезавантажилася й повідомила, що конектор вільний</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: a new session started on the same connector</source>
        <translation>Закрито системою: на тому самому конекторі почалася нова сесія</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system: the station says the session ended, but its end message never arrived</source>
        <translation>Закрито системою: станція повідомляє, що сесію завершено, але повідомлення про завершення так і не надійшло</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other reason</source>
        <translation>Інша причина</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not stopped</source>
        <translation>Не зупинено</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Created</source>
        <translation>Створено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for payment</source>
        <translation>Очікує оплати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting</source>
        <translation>Запускається</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging</source>
        <translation>Заряджання</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for final payment</source>
        <translation>Очікує остаточної оплати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation>Завершено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Canceled</source>
        <translation>Скасовано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Збій</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed, payment still held</source>
        <translation>Збій, кошти ще заблоковано</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Accepted</source>
        <translation>Прийнято</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card blocked</source>
        <translation>Картку заблоковано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card expired</source>
        <translation>Термін дії картки минув</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown or invalid card</source>
        <translation>Невідома або недійсна картка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card already charging elsewhere</source>
        <translation>Картка вже заряджає в іншому місці</translation>
    </message>
</context>
<context>
    <name>cd::charging::CommitQueue</name>
    <message>
        <location filename="../core/charging/commitqueue.cpp" line="+22"/>
        <source>The charging service is shutting down.</source>
        <translation>Служба зарядки завершує роботу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A message handler failed unexpectedly.</source>
        <translation>Обробник повідомлень неочікувано дав збій.</translation>
    </message>
</context>
<context>
    <name>cd::charging::SessionTimeline</name>
    <message>
        <location filename="../core/charging/sessiontimeline.cpp" line="+94"/>
        <source>requested</source>
        <translation>запитано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bank processing</source>
        <translation>банк обробляє</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>money held on the card</source>
        <translation>кошти заблоковано на картці</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>captured</source>
        <translation>списано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>released to the card</source>
        <translation>повернуто на картку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>canceled</source>
        <translation>скасовано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>помилка</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 kWh</source>
        <extracomment>energy in kilowatt-hours, %1 a number such as 12.4</extracomment>
        <translation>%1 кВт·год</translation>
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
        <translation>Сесію створено: станція почала зарядку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session created</source>
        <translation>Сесію створено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s start was matched to this session (connector %1)</source>
        <translation>Старт станції зіставлено з цією сесією (конектор %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card %1 presented: %2</source>
        <translation>Пред’явлено картку %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging started although the card was not authorised (%1)</source>
        <translation>Зарядка почалася, хоча картку не авторизовано (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station confirmed the start (transaction %1, connector %2, meter %3)</source>
        <translation>Станція підтвердила старт (транзакція %1, конектор %2, лічильник %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated its start message — ignored, answered as before</source>
        <translation>Станція повторила повідомлення про старт — проігноровано, відповідь та сама</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status: %1 → %2</source>
        <translation>Статус: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vehicle started taking energy</source>
        <translation>Автомобіль почав отримувати енергію</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charging state reported by the station: %1</source>
        <translation>Стан зарядки за даними станції: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start meter reading taken from the first meter value: %1</source>
        <translation>Початкове показання лічильника взято з першого вимірювання: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values arrived after the stop — kept, the session&apos;s energy is unchanged</source>
        <translation>Показання лічильника надійшли після зупинки — збережено, енергія сесії не змінилася</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reported the stop: %1 charged, meter %2. Reason: %3</source>
        <translation>Станція повідомила про зупинку: заряджено %1, лічильник %2. Причина: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station repeated its stop message — ignored, nothing counted twice</source>
        <translation>Станція повторила повідомлення про зупинку — проігноровано, нічого не враховано двічі</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s stop arrived after the system had closed the session; the station&apos;s figures now count</source>
        <translation>Зупинка від станції надійшла після того, як система закрила сесію; тепер діють дані станції</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Meter at stop (%1) is below the meter at start (%2): energy set to 0</source>
        <translation>Лічильник при зупинці (%1) менший, ніж при старті (%2): енергію встановлено в 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station&apos;s stop time lies before its start time: the station&apos;s clock is wrong</source>
        <translation>Час зупинки раніший за час старту: годинник станції неправильний</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closed by the system: the station rebooted without sending a stop (%1 charged)</source>
        <translation>Закрито системою: станція перезавантажилася, не надіславши зупинку (заряджено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: a new session started on the same connector (%1 charged)</source>
        <translation>Закрито системою: на тому ж конекторі почалася нова сесія (заряджено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: the station no longer runs this transaction and its stop was lost (%1 charged)</source>
        <translation>Закрито системою: станція більше не веде цю транзакцію, а її зупинка загубилася (заряджено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed by the system: nothing was heard of this session for too long and its stop never came (%1 charged)</source>
        <translation>Закрито системою: про цю сесію надто довго нічого не було чути, а її стоп так і не надійшов (заряджено %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station rebooted while this session was open</source>
        <translation>Станція перезавантажилася, поки сесія була відкрита</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asked the station: it no longer runs this transaction</source>
        <translation>Запит до станції: вона більше не веде цю транзакцію</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station: the transaction is still running</source>
        <translation>Запит до станції: транзакція ще триває</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked the station about the transaction: no clear answer</source>
        <translation>Запит до станції про транзакцію: чіткої відповіді немає</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not ask the station about the transaction</source>
        <translation>Не вдалося запитати станцію про транзакцію</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delivered late from the station&apos;s offline queue (message %1)</source>
        <translation>Доставлено із запізненням з офлайн-черги станції (повідомлення %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing: expected number %1, received %2</source>
        <translation>Бракує повідомлень станції: очікувався номер %1, отримано %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A late station message arrived (number %1)</source>
        <translation>Надійшло запізніле повідомлення станції (номер %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The transaction ended with station messages still missing</source>
        <translation>Транзакція завершилася, а частини повідомлень станції так і немає</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s first message about this transaction was not its start</source>
        <translation>Перше повідомлення станції про цю транзакцію не було стартом</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment hold: %1 → %2 (held %3, captured %4)</source>
        <extracomment>%1 and %2 hold states such as &quot;money held on the card&quot;, %3 and %4 amounts</extracomment>
        <translation>Блокування коштів: %1 → %2 (заблоковано %3, списано %4)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bank reported the hold as &quot;%1&quot; — ignored for now, no card token yet; applied when it comes</source>
        <translation>Банк повідомив статус блокування «%1» — поки проігноровано, токена картки ще немає; буде застосовано, коли він надійде</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank reported the hold as &quot;%1&quot; — waiting for an earlier report first</source>
        <translation>Банк повідомив статус блокування «%1» — спершу очікуємо попереднє повідомлення</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund of %1 (refunded in all: %2)</source>
        <translation>Повернення %1 (усього повернуто: %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priced for payment: %1 for %2</source>
        <translation>Розраховано до оплати: %1 за %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill issued: %1 for %2</source>
        <extracomment>%1 the bill&apos;s total, %2 the energy billed (core/billing)</extracomment>
        <translation>Виставлено рахунок: %1 за %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The amount %1 is more than the hold of %2: %3 is to be collected another way</source>
        <extracomment>%1 the session&apos;s amount, %2 what the hold had reserved, %3 what is left to collect</extracomment>
        <translation>Сума %1 більша за холд %2: %3 слід стягнути іншим способом</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session could not be priced (no tariff, or another currency): the hold waits for the operator&apos;s Finalize</source>
        <translation>Сесію не вдалося розрахувати (немає тарифу або інша валюта): холд чекає на «Фіналізувати» від оператора</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bill has anomalies and is held until corrected: the hold of %1 stays on the card until bill %2 is corrected</source>
        <extracomment>%1 the amount held on the card, %2 the bill&apos;s id</extracomment>
        <translation>Рахунок має аномалії й утримується до виправлення: блокування %1 лишається на картці, доки рахунок %2 не виправлять</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Balance running out: stop sent automatically (left %1, stop at %2)</source>
        <translation>Баланс закінчується: зупинку надіслано автоматично (залишок %1, поріг %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station accepted the stop but kept charging: %1 more since</source>
        <translation>Станція прийняла зупинку, але продовжила заряджати: ще %1 відтоді</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finished by the operator: %1 → %2, %3 charged, amount %4. Reason: %5</source>
        <translation>Завершено оператором: %1 → %2, заряджено %3, сума %4. Причина: %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold canceled by the operator: %1 → %2. Reason: %3</source>
        <translation>Оператор скасував блокування коштів: %1 → %2. Причина: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finalized by the operator: amount %1. Reason: %2</source>
        <translation>Остаточно розраховано оператором: сума %1. Причина: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy set by the operator: %1 → %2, amount %3 → %4. Reason: %5</source>
        <translation>Енергію змінено оператором: %1 → %2, сума %3 → %4. Причина: %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status changed by the operator (%1): %2 → %3. Reason: %4</source>
        <translation>Статус змінено оператором (%1): %2 → %3. Причина: %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start sent to the station by the operator. Reason: %1</source>
        <translation>Оператор надіслав станції команду старту. Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop sent to the station by the operator. Reason: %1</source>
        <translation>Оператор надіслав станції команду зупинки. Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reset by the operator. Reason: %1</source>
        <translation>Оператор перезавантажив станцію. Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator action %1. Reason: %2</source>
        <translation>Дія оператора %1. Причина: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The money call after the operator&apos;s action failed: %1</source>
        <translation>Платіжна операція після дії оператора не вдалася: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station repeated message %1 — ignored</source>
        <translation>Станція повторила повідомлення %1 — проігноровано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Event: %1</source>
        <extracomment>a session event the console has no words for yet; %1 its internal name</extracomment>
        <translation>Подія: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by %1</source>
        <translation>виконав %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Message %1 not accepted: %2</source>
        <translation>Повідомлення %1 не прийнято: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Station refused %1 with the error %2</source>
        <translation>Станція відхилила %1 з помилкою %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused the station&apos;s %1 with the error %2</source>
        <translation>%1 від станції відхилено з помилкою %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station reports the start on connector %1 with card %2, meter %3</source>
        <translation>Станція повідомляє про старт на конекторі %1 з карткою %2, лічильник %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station reports the stop of transaction %1, meter %2</source>
        <translation>Станція повідомляє про зупинку транзакції %1, лічильник %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station asks whether card %1 may charge</source>
        <translation>Станція питає, чи може картка %1 заряджати</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connector %1 reports: %2</source>
        <translation>Конектор %1 повідомляє: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Station reports the start of the transaction (message %1)</source>
        <translation>Станція повідомляє про початок транзакції (повідомлення %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports the end of the transaction (message %1)</source>
        <translation>Станція повідомляє про завершення транзакції (повідомлення %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station reports progress (message %1, %2)</source>
        <translation>Станція повідомляє про перебіг (повідомлення %1, %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Причина: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station sent %1</source>
        <translation>Станція надіслала %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>START sent to the station (connector %1, card %2)</source>
        <translation>Команду СТАРТ надіслано на станцію (конектор %1, картка %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>STOP sent to the station (transaction %1)</source>
        <translation>Команду СТОП надіслано на станцію (транзакція %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent to the station</source>
        <translation>%1 надіслано на станцію</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Station accepted the START</source>
        <translation>Станція прийняла СТАРТ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the START (%1)</source>
        <translation>Станція відхилила СТАРТ (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station accepted the STOP</source>
        <translation>Станція прийняла СТОП</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station rejected the STOP (%1)</source>
        <translation>Станція відхилила СТОП (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station answered %1</source>
        <translation>Станція відповіла на %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station answered %1: %2</source>
        <translation>Станція відповіла на %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start confirmed to the station: transaction %1, card %2</source>
        <translation>Старт підтверджено станції: транзакція %1, картка: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop confirmed to the station</source>
        <translation>Зупинку підтверджено станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered the station about the card: %1</source>
        <translation>Відповідь станції щодо картки: %1</translation>
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
        <translation>без показання енергії</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeated meter callback without progress (%1) — ignored</source>
        <translation>Повторне показання лічильника без приросту (%1) — проігноровано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter: %1</source>
        <translation>Лічильник: %1</translation>
    </message>
</context>
<context>
    <name>cd::charging::SuspiciousSessions</name>
    <message>
        <location filename="../core/charging/suspicioussessions.cpp" line="+101"/>
        <source>Charged without an authorised card</source>
        <translation>Зарядка без авторизованої картки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station messages missing</source>
        <translation>Бракує повідомлень станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start message never arrived</source>
        <translation>Повідомлення про старт не надійшло</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop arrived after the system closed it</source>
        <translation>Зупинка надійшла після закриття системою</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter went backwards</source>
        <translation>Лічильник пішов назад</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station clock wrong</source>
        <translation>Неправильний годинник станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Meter values after the stop</source>
        <translation>Показання після зупинки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the system, no Stop from the station</source>
        <translation>Закрито системою, станція не надіслала зупинку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No energy delivered</source>
        <translation>Енергію не відпущено</translation>
    </message>
</context>
<context>
    <name>cd::charging::TransactionLedger</name>
    <message>
        <location filename="../core/charging/transactionledger.cpp" line="+256"/>
        <source>Transaction ids beyond 2147483647 cannot be issued to OCPP 1.6 stations.</source>
        <translation>Ідентифікатори транзакцій понад 2147483647 не можна видавати станціям OCPP 1.6.</translation>
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
        <translation>Ід.</translation>
    </message>
    <message>
        <location line="-349"/>
        <location line="+38"/>
        <location line="+175"/>
        <location line="+30"/>
        <location line="+106"/>
        <source>Name</source>
        <translation>Назва</translation>
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
        <translation>Ел. пошта</translation>
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
        <translation>До повернення</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+45"/>
        <location line="+168"/>
        <source>Auto-stop at</source>
        <translation>Автозупинка при</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+45"/>
        <source>Cards</source>
        <translation>Картки</translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+98"/>
        <location line="+23"/>
        <source>Give the member&apos;s id.</source>
        <translation>Вкажіть ідентифікатор учасника.</translation>
    </message>
    <message>
        <location line="-92"/>
        <location line="+312"/>
        <source>Member</source>
        <translation>Учасник</translation>
    </message>
    <message>
        <location line="-308"/>
        <source>Department</source>
        <translation>Підрозділ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pending refund</source>
        <translation>Повернення очікує</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-ups</source>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купони</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Created member %1.</source>
        <translation>Учасника %1 створено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+86"/>
        <source>Issued coupon %1 (%2).</source>
        <translation>Видано купон %1 (%2).</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Saved member %1.</source>
        <translation>Учасника %1 збережено.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>Вкажіть суму: --amount 100.00.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Would top up member %1 by %2: balance %3 → %4.</source>
        <translation>Учасника %1 було б поповнено на %2: баланс %3 → %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It would earn the coupon &quot;%1&quot; (%2).</source>
        <translation>Це дало б купон «%1» (%2).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Topped up member %1 by %2 (receipt %3); balance %4.</source>
        <translation>Учасника %1 поповнено на %2 (квитанція %3); баланс %4.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+30"/>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+30"/>
        <source>no</source>
        <translation>ні</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Parent</source>
        <translation>Батьківський</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bills to parent</source>
        <translation>Оплачує батьківський</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pooled balance</source>
        <translation>Спільний баланс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Учасники</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department cards</source>
        <translation>Картки підрозділу</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n день</numerusform>
            <numerusform>%n дні</numerusform>
            <numerusform>%n днів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Trigger</source>
        <translation>Умова</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--trigger must be topup, new_member or spend.</source>
        <translation>--trigger має бути topup, new_member або spend.</translation>
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
        <translation>Мін. рахунок</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Valid</source>
        <translation>Діє</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <translation>Заслужено від</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Діє</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Say what the coupon is worth: --amount 10.00.</source>
        <translation>Вкажіть вартість купона: --amount 10.00.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Created coupon rule %1.</source>
        <translation>Правило купонів %1 створено.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--status must be issued, used or revoked.</source>
        <translation>--status має бути issued, used або revoked.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until (UTC)</source>
        <translation>Діє до (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by bill</source>
        <translation>Заслужено рахунком</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give the coupon&apos;s id.</source>
        <translation>Вкажіть ідентифікатор купона.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Revoked coupon %1.</source>
        <translation>Купон %1 відкликано.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AlertCommands</name>
    <message>
        <location filename="../app/cli/alertcommands.cpp" line="+64"/>
        <source>--state must be open, acknowledged, resolved, active or all.</source>
        <translation>--state має бути open, acknowledged, resolved, active або all.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--last must be a positive number.</source>
        <translation>--last має бути додатним числом.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Id</source>
        <translation>Ідентифікатор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opened (UTC)</source>
        <translation>Відкрито (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times</source>
        <translation>Разів</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assigned to</source>
        <translation>Виконавець</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Подробиці</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Give the alert&apos;s id.</source>
        <translation>Вкажіть ідентифікатор сповіщення.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not an alert id.</source>
        <translation>«%1» — не ідентифікатор сповіщення.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say who gets the alert: --to NAME (an empty name unassigns it).</source>
        <translation>Вкажіть, кому призначити сповіщення: --to ІМ’Я (порожнє ім’я знімає призначення).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Alert %1: %2</source>
        <translation>Сповіщення %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assigned to %1</source>
        <translation>призначено: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show alerts (default: open and acknowledged), newest first.</source>
        <translation>Показати сповіщення (типово: відкриті й підтверджені), спершу нові.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge an alert.</source>
        <translation>Підтвердити сповіщення.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign an alert to someone.</source>
        <translation>Призначити сповіщення виконавцеві.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve an alert, saying what was done.</source>
        <translation>Вирішити сповіщення з описом зробленого.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AuditCommands</name>
    <message>
        <location filename="../app/cli/auditcommands.cpp" line="+26"/>
        <source>--last must be a positive number.</source>
        <translation>--last має бути додатним числом.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>When (UTC)</source>
        <translation>Коли (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Дія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subject</source>
        <translation>Об’єкт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the newest audit log entries.</source>
        <translation>Показати найновіші записи журналу аудиту.</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCommands</name>
    <message>
        <location filename="../app/cli/billcommands.cpp" line="+88"/>
        <source>&quot;%1&quot; is not an anomaly code (1–9, 11).</source>
        <translation>«%1» — не код аномалії (1–9, 11).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--status must be open, resolved or all.</source>
        <translation>--status має бути open, resolved або all.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Session</source>
        <translation>Сеанс</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bill</source>
        <translation>Рахунок</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+70"/>
        <source>Station</source>
        <translation>Станція</translation>
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
        <translation>Коди</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started (UTC)</source>
        <translation>Початок (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kWh</source>
        <translation>кВт·год</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Разом</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settlement</source>
        <translation>Розрахунок</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--by must be day, week or month.</source>
        <translation>--by має бути day, week або month.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose one of --json and --csv.</source>
        <translation>Виберіть щось одне: --json або --csv.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Period</source>
        <translation>Період</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly</source>
        <translation>Аномалія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anomaly bills</source>
        <translation>Аномальні рахунки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сеанси</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Частка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 anomaly bills; periods in %2.</source>
        <extracomment>%1 a number of bills, %2 a time zone such as Europe/Kyiv</extracomment>
        <translation>Аномальних рахунків: %1; періоди за часовим поясом %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show anomaly bills (default: open ones), newest session first.</source>
        <translation>Показати аномальні рахунки (типово — відкриті), найновіші сеанси першими.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count anomaly bills by code, station, firmware and period, with their share of sessions.</source>
        <translation>Порахувати аномальні рахунки за кодом, станцією, прошивкою та періодом, з їхньою часткою серед сеансів.</translation>
    </message>
</context>
<context>
    <name>cd::cli::BillCorrectCommands</name>
    <message>
        <location filename="../app/cli/billcorrectcommands.cpp" line="-147"/>
        <source>The bill id must be a whole number, e.g. 42.</source>
        <translation>Ідентифікатор рахунку має бути цілим числом, напр. 42.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--reason is required: it is kept with the bill and in the audit log.</source>
        <translation>Потрібен --reason: він зберігається з рахунком і в журналі аудиту.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Done: bill %1 is version %2 of the bill (audit record %3).</source>
        <translation>Готово: рахунок %1 — версія %2 рахунку (запис аудиту %3).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Usage: chargedesk-cli bill correct &lt;bill id&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason TEXT [--dry-run] [--json]</source>
        <translation>Використання: chargedesk-cli bill correct &lt;ід рахунку&gt; --method estimate|station|manual|service-end|tariff|revert [--energy-wh N] [--tariff-id N] [--to-bill N] --reason ТЕКСТ [--dry-run] [--json]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 needs a whole number.</source>
        <translation>--%1 потребує цілого числа.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--method must be estimate, station, manual, service-end, tariff or revert.</source>
        <translation>--method має бути estimate, station, manual, service-end, tariff або revert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--method manual needs --energy-wh with a whole number of Wh.</source>
        <translation>--method manual потребує --energy-wh із цілим числом Вт·год.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--method revert needs --to-bill with the id of the version to go back to.</source>
        <translation>--method revert потребує --to-bill з ідентифікатором версії, до якої повернутися.</translation>
    </message>
</context>
<context>
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+49"/>
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>Командний рядок ChargeDesk: сценарії та облік.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print machine-readable JSON.</source>
        <translation>Виводити машинозчитуваний JSON.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+63"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>name</source>
        <translation>ім’я</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Output file.</source>
        <translation>Файл для виведення.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>path</source>
        <translation>шлях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name.</source>
        <translation>Відображувана назва.</translation>
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
        <translation>Виробник станції.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station model.</source>
        <translation>Модель станції.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station firmware version.</source>
        <translation>Версія прошивки станції.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street address.</source>
        <translation>Адреса.</translation>
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
        <translation>Довгота в градусах.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the station from the public map (it stays in reports).</source>
        <translation>Приховати станцію з публічної мапи (у звітах вона залишиться).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows matching this text.</source>
        <translation>Лише рядки, що містять цей текст.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the newest N rows.</source>
        <translation>Лише N найновіших рядків.</translation>
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
        <translation>Ім’я, що записується в журнал аудиту (типово: cli:&lt;user&gt;); лише поки в базі даних немає операторів.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in as this operator (password from CHARGEDESK_PASSWORD, or asked for); required once the database has operators.</source>
        <translation>Увійти як цей оператор (пароль із CHARGEDESK_PASSWORD або з запиту); обов’язково, щойно в базі даних з’являються оператори.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>login</source>
        <translation>логін</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An operator&apos;s role: support, site_manager, accountant, administrator or a custom one.</source>
        <translation>Роль оператора: support, site_manager, accountant, administrator або власна.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>role</source>
        <translation>роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many times an operator may be logged in at once (default 1).</source>
        <translation>Скільки разів оператор може бути в системі одночасно (типово 1).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>From this time on (ISO 8601, e.g. 2026-11-23T08:00:00Z).</source>
        <translation>Починаючи з цього часу (ISO 8601, напр. 2026-11-23T08:00:00Z).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>time</source>
        <translation>час</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up to this time (ISO 8601).</source>
        <translation>До цього часу (ISO 8601).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command parameter, key=value (repeatable; JSON values allowed).</source>
        <translation>Параметр команди, key=value (можна повторювати; допускаються значення JSON).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key=value</source>
        <translation>key=value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A command&apos;s whole payload as a JSON object.</source>
        <translation>Увесь вміст команди як об’єкт JSON.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>json</source>
        <translation>json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the command queued until the station connects.</source>
        <translation>Тримати команду в черзі, доки станція не підключиться.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to wait for the station&apos;s answer (default 90).</source>
        <translation>Скільки секунд чекати на відповідь станції (типово 90).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>секунди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only open sessions.</source>
        <translation>Лише відкриті сесії.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only sessions open for long (the station never sent Stop).</source>
        <translation>Лише давно відкриті сесії (станція так і не надіслала Stop).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What counts as old for --old-open (default 24).</source>
        <translation>Через скільки годин сесія вважається давньою для --old-open (типово 24).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>години</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag kind: card, app or department.</source>
        <translation>Вид id tag: card, app або department.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kind</source>
        <translation>вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id tag status: Accepted, Blocked or Expired; anomaly bills: open, resolved or all.</source>
        <translation>Статус ідентифікатора: Accepted, Blocked або Expired; аномальні рахунки: open, resolved або all.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>стан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the id tag expires (ISO 8601).</source>
        <translation>Коли спливає термін дії id tag (ISO 8601).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>date</source>
        <translation>дата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent id tag (a group or department).</source>
        <translation>Батьківський id tag (група або відділ).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tag</source>
        <translation>тег</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions an id tag may run at once (department cards).</source>
        <translation>Скільки сесій id tag може мати одночасно (для карток відділів).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station&apos;s Basic-auth password (security profile 1).</source>
        <translation>Пароль Basic auth станції (профіль безпеки 1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password</source>
        <translation>пароль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the change is made (kept in the audit log).</source>
        <translation>Причина зміни (зберігається в журналі аудиту).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what would happen (to money too) and change nothing.</source>
        <translation>Показати, що станеться (зокрема з грошима), нічого не змінюючи.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An amount in the session&apos;s currency, e.g. 12.50.</source>
        <translation>Сума у валюті сесії, наприклад 12.50.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <location line="+7"/>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+23"/>
        <source>amount</source>
        <translation>сума</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>An energy counter in Wh.</source>
        <translation>Значення лічильника енергії у Вт·год.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wh</source>
        <translation>Вт·год</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An energy in kWh, e.g. 12345.678 (meter readings).</source>
        <translation>Енергія в кВт·год, напр. 12345.678 (покази лічильників).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kWh</source>
        <translation>кВт·год</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the session&apos;s amount from the tariff.</source>
        <translation>Перерахувати суму сесії за тарифом.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status change mode: soft (keeps priorities) or override.</source>
        <translation>Режим зміни статусу: soft (дотримується пріоритетів) або override.</translation>
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
        <translation>Жорстке перезавантаження (1.6 Hard, 2.0.1 Immediate) замість м&apos;якого.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert state: open, acknowledged, resolved, active or all.</source>
        <translation>Стан сповіщення: open, acknowledged, resolved, active або all.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state</source>
        <translation>стан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A note for the alert&apos;s history.</source>
        <translation>Примітка до історії сповіщення.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s phone number.</source>
        <translation>Номер телефону учасника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member&apos;s e-mail address.</source>
        <translation>Адреса ел. пошти учасника.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>address</source>
        <translation>адреса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A department&apos;s id.</source>
        <translation>Ідентифікатор підрозділу.</translation>
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
        <translation>ідентифікатор</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>A member&apos;s id.</source>
        <translation>Ідентифікатор учасника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold: stop charging when this much is left.</source>
        <translation>Поріг автозупинки: зупинити зарядку, коли залишиться стільки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ISO 4217 currency (default: the one in Settings › Payments).</source>
        <translation>Валюта ISO 4217 (типово — з Налаштування › Платежі).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>код</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up&apos;s receipt number.</source>
        <translation>Номер квитанції поповнення.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The payment gateway that took the money (default: manual).</source>
        <translation>Платіжний шлюз, що прийняв гроші (типово manual).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What issues the coupon: topup or new_member.</source>
        <translation>Що видає купон: topup або new_member.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>trigger</source>
        <translation>умова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The top-up that earns the coupon, e.g. 100.00.</source>
        <translation>Поповнення, що дає купон, наприклад 100.00.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The spend in the rule&apos;s period that earns the coupon (trigger spend), e.g. 300.00.</source>
        <translation>Витрати за період правила, що дають купон (тригер spend), напр. 300.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill a coupon needs to apply, e.g. 20.00.</source>
        <translation>Рахунок, потрібний для застосування купона, наприклад 20.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A sub-operator: its name or its id.</source>
        <translation>Субоператор: його назва або id.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How a sub-operator&apos;s bills with anomalies settle: settle_first or hold_until_corrected.</source>
        <translation>Як розраховуються рахунки субоператора з аномаліями: settle_first або hold_until_corrected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A station&apos;s id.</source>
        <translation>Ідентифікатор станції.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A site&apos;s name (reports).</source>
        <translation>Назва майданчика (звіти).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report rows per site, station, vendor, firmware or sub-operator.</source>
        <translation>Рядки звіту за майданчиком, станцією, виробником, прошивкою або субоператором.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>група</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split a report by day, week or month.</source>
        <translation>Розбити звіт за днями, тижнями або місяцями.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bucket</source>
        <translation>інтервал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag report rows below this percentage.</source>
        <translation>Позначати рядки звіту, нижчі за цей відсоток.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days a coupon stays valid after it is issued.</source>
        <translation>Скільки днів купон діє після видачі.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill correction method: estimate, station, manual, service-end, tariff or revert.</source>
        <translation>Спосіб виправлення рахунку: estimate, station, manual, service-end, tariff або revert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>method</source>
        <translation>спосіб</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tariff version&apos;s id.</source>
        <translation>Ідентифікатор версії тарифу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill version to go back to (bill correct --method revert).</source>
        <translation>Версія рахунку, до якої повернутися (bill correct --method revert).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly code (repeatable, or several separated by commas).</source>
        <translation>Код аномалії (можна повторювати або вказати кілька через кому).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A station&apos;s charge point id.</source>
        <translation>Ідентифікатор станції (charge point id).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most N rows.</source>
        <translation>Не більше N рядків.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics period: day, week or month.</source>
        <translation>Період статистики: day, week або month.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>period</source>
        <translation>період</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print CSV (or write it to --out).</source>
        <translation>Вивести CSV (або записати у --out).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version, not only the ones in force (tariff list).</source>
        <translation>Усі версії, не лише чинні (tariff list).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The commission kept from a refund, e.g. 2.00.</source>
        <translation>Комісія, утримана з повернення, наприклад 2.00.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the coupons the refunded top-ups earned (default: revoke them).</source>
        <translation>Залишити купони, отримані за повернені поповнення (типово їх відкликають).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cash refund was not paid at the desk: the money goes back to the member.</source>
        <translation>Повернення готівкою не виплачено в касі: гроші повертаються учаснику.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only rows older than this id (paging, newest first).</source>
        <translation>Лише рядки, старші за цей id (посторінково, найновіші першими).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report file format: csv, xlsx, pdf or json.</source>
        <translation>Формат файлу звіту: csv, xlsx, pdf або json.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>format</source>
        <translation>формат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to do; see the list above.</source>
        <translation>Що зробити; див. перелік вище.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;group&gt; &lt;verb&gt; [arguments]</source>
        <translation>&lt;група&gt; &lt;дія&gt; [аргументи]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Commands:</source>
        <translation>Команди:</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No command given.</source>
        <translation>Команду не вказано.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown command: %1</source>
        <translation>Невідома команда: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>This database has operator accounts: log in with --as LOGIN (the password comes from CHARGEDESK_PASSWORD, or is asked for).</source>
        <translation>У цій базі даних є облікові записи операторів: увійдіть із --as LOGIN (пароль береться з CHARGEDESK_PASSWORD або запитується).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--as and --operator do not go together: the audit log records the operator who logged in.</source>
        <translation>--as і --operator не можна поєднувати: журнал аудиту записує оператора, який увійшов.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are no operators yet: add the first administrator with chargedesk-cli operator add LOGIN.</source>
        <translation>Операторів ще немає: додайте першого адміністратора командою chargedesk-cli operator add LOGIN.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password for %1: </source>
        <translation>Пароль для %1: </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Internal error: the command &quot;%1&quot; belongs to no screen.</source>
        <translation>Внутрішня помилка: команда «%1» не належить жодному екрану.</translation>
    </message>
</context>
<context>
    <name>cd::cli::CommandCommands</name>
    <message>
        <location filename="../app/cli/commandcommands.cpp" line="+51"/>
        <source>--payload must be a JSON object.</source>
        <translation>--payload має бути об’єктом JSON.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--param needs key=value, got &quot;%1&quot;.</source>
        <translation>--param потребує key=value, отримано «%1».</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</source>
        <translation>Використання: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--timeout must be a positive number of seconds.</source>
        <translation>--timeout має бути додатною кількістю секунд.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Command %1 queued; waiting for the station…</source>
        <translation>Команду %1 поставлено в чергу; очікування станції…</translation>
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
        <translation>Стан</translation>
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
            <numerusform>Немає відповіді протягом %n секунди; команда залишається в черзі.</numerusform>
            <numerusform>Немає відповіді протягом %n секунд; команда залишається в черзі.</numerusform>
            <numerusform>Немає відповіді протягом %n секунд; команда залишається в черзі.</numerusform>
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
        <translation>Запитано (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Дія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Send an OCPP command to a station and wait for its answer (audited).</source>
        <translation>Надіслати станції команду OCPP і дочекатися відповіді (з записом в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the newest commands and their outcomes.</source>
        <translation>Показати найновіші команди та їхні результати.</translation>
    </message>
</context>
<context>
    <name>cd::cli::DbCommands</name>
    <message>
        <location filename="../app/cli/dbcommands.cpp" line="+50"/>
        <source>Engine</source>
        <translation>СКБД</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>Розташування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version</source>
        <translation>Версія схеми</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables</source>
        <translation>Таблиці</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Schema is at version %1.</source>
        <translation>Схема має версію %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show the database engine, location, schema version and row counts.</source>
        <translation>Показати СКБД, розташування бази даних, версію схеми та кількість рядків.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the database and apply pending schema migrations.</source>
        <translation>Відкрити базу даних і застосувати незавершені міграції схеми.</translation>
    </message>
</context>
<context>
    <name>cd::cli::KeyCommands</name>
    <message>
        <location filename="../app/cli/keycommands.cpp" line="+25"/>
        <source>Wrote a new 256-bit key to %1 (mode 0600). Keep a backup: without it the database cannot be read.</source>
        <translation>Новий 256-бітний ключ записано до %1 (режим 0600). Зробіть резервну копію: без неї базу даних неможливо прочитати.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Make a new random database key (prints it, or writes a 0600 key file).</source>
        <translation>Створити новий випадковий ключ бази даних (виводить його або записує у файл ключа з режимом 0600).</translation>
    </message>
</context>
<context>
    <name>cd::cli::OperatorCommands</name>
    <message>
        <location filename="../app/cli/operatorcommands.cpp" line="-294"/>
        <source>Usage: chargedesk-cli operator add &lt;login&gt; [--name TEXT] [--role ROLE] [--max-logins N]</source>
        <translation>Використання: chargedesk-cli operator add &lt;логін&gt; [--name ТЕКСТ] [--role РОЛЬ] [--max-logins N]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--max-logins takes a whole number.</source>
        <translation>--max-logins приймає ціле число.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first operator is the administrator: leave out --role.</source>
        <translation>Перший оператор — адміністратор: не вказуйте --role.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password for %1: </source>
        <translation>Пароль для %1: </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Added %1, the first administrator. From now on every command needs --as LOGIN.</source>
        <translation>Додано %1, першого адміністратора. Відтепер кожна команда потребує --as LOGIN.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added operator %1 (%2).</source>
        <translation>Додано оператора %1 (%2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>disabled</source>
        <translation>вимкнено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked until %1</source>
        <translation>заблоковано до %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enabled</source>
        <translation>увімкнено</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+97"/>
        <location line="+80"/>
        <source>Id</source>
        <translation>Ід.</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+177"/>
        <source>Login</source>
        <translation>Логін</translation>
    </message>
    <message>
        <location line="-177"/>
        <location line="+97"/>
        <source>Name</source>
        <translation>Ім’я</translation>
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
        <translation>Входи</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli operator set-role &lt;login&gt; &lt;role&gt;</source>
        <translation>Використання: chargedesk-cli operator set-role &lt;логін&gt; &lt;роль&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 now has the role %2.</source>
        <translation>%1 тепер має роль %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli operator set-max-logins &lt;login&gt; &lt;N&gt;</source>
        <translation>Використання: chargedesk-cli operator set-max-logins &lt;логін&gt; &lt;N&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may now be logged in %2 time(s) at once.</source>
        <translation>Тепер %1 може мати одночасно відкритих входів: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator disable &lt;login&gt;</source>
        <translation>Використання: chargedesk-cli operator disable &lt;логін&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli operator enable &lt;login&gt;</source>
        <translation>Використання: chargedesk-cli operator enable &lt;логін&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is disabled; their login sessions were ended.</source>
        <translation>%1 вимкнено; сеанси входу цього оператора завершено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is enabled.</source>
        <translation>%1 увімкнено.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli operator unlock &lt;login&gt;</source>
        <translation>Використання: chargedesk-cli operator unlock &lt;логін&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may log in again.</source>
        <translation>%1 знову може входити.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli operator passwd [&lt;login&gt;]</source>
        <translation>Використання: chargedesk-cli operator passwd [&lt;логін&gt;]</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say whose password, or log in with --as to change your own.</source>
        <translation>Вкажіть, чий пароль, або увійдіть із --as, щоб змінити власний.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New password for %1: </source>
        <translation>Новий пароль для %1: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current password: </source>
        <translation>Поточний пароль: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your password is changed.</source>
        <translation>Ваш пароль змінено.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password of %1 is changed.</source>
        <translation>Пароль %1 змінено.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli role add &lt;name&gt; [&lt;permission&gt;…]</source>
        <translation>Використання: chargedesk-cli role add &lt;назва&gt; [&lt;дозвіл&gt;…]</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Added role %1 with %n permission(s).</source>
        <translation>
            <numerusform>Додано роль %1 з %n дозволом.</numerusform>
            <numerusform>Додано роль %1 з %n дозволами.</numerusform>
            <numerusform>Додано роль %1 з %n дозволами.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>built-in</source>
        <translation>вбудована</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>custom</source>
        <translation>власна</translation>
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
        <translation>Оператори</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Permissions</source>
        <translation>Дозволи</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role grant &lt;role&gt; &lt;permission&gt;…</source>
        <translation>Використання: chargedesk-cli role grant &lt;роль&gt; &lt;дозвіл&gt;…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: chargedesk-cli role revoke &lt;role&gt; &lt;permission&gt;…</source>
        <translation>Використання: chargedesk-cli role revoke &lt;роль&gt; &lt;дозвіл&gt;…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Granted to %1.</source>
        <translation>Надано ролі %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked from %1.</source>
        <translation>Забрано в ролі %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli role delete &lt;role&gt;</source>
        <translation>Використання: chargedesk-cli role delete &lt;роль&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted role %1.</source>
        <translation>Роль %1 видалено.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli role permissions [&lt;role&gt;]</source>
        <translation>Використання: chargedesk-cli role permissions [&lt;роль&gt;]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no role named &quot;%1&quot;.</source>
        <translation>Ролі з назвою «%1» немає.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>screen</source>
        <translation>екран</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>action</source>
        <translation>дія</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Permission</source>
        <translation>Дозвіл</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Allows to</source>
        <translation>Дозволяє</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Client</source>
        <translation>Клієнт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since (UTC)</source>
        <translation>Початок (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last seen (UTC)</source>
        <translation>Востаннє (UTC)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli login-sessions end &lt;id&gt;</source>
        <translation>Використання: chargedesk-cli login-sessions end &lt;ід&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session %1 is ended.</source>
        <translation>Сеанс входу %1 завершено.</translation>
    </message>
</context>
<context>
    <name>cd::cli::OptionValues</name>
    <message>
        <location filename="../app/cli/optionvalues.cpp" line="+19"/>
        <source>--%1 must be a positive number.</source>
        <translation>--%1 має бути додатним числом.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</source>
        <translation>--%1 має бути датою й часом у форматі ISO 8601, напр. 2027-01-31T23:59:59Z.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an id (a positive number).</source>
        <translation>--%1 має бути ідентифікатором (додатним числом).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be a number.</source>
        <translation>--%1 має бути числом.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;%1&quot; is not an id.</source>
        <translation>«%1» — не ідентифікатор.</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>--%1 must be an amount such as 12.50 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>--%1 має бути сумою, наприклад 12.50 (щонайбільше %n знак після коми).</numerusform>
            <numerusform>--%1 має бути сумою, наприклад 12.50 (щонайбільше %n знаки після коми).</numerusform>
            <numerusform>--%1 має бути сумою, наприклад 12.50 (щонайбільше %n знаків після коми).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::PasswordPrompt</name>
    <message>
        <location filename="../app/cli/passwordprompt.cpp" line="+55"/>
        <location line="+11"/>
        <source>No password: set %1 or type it when asked.</source>
        <translation>Немає пароля: задайте %1 або введіть пароль, коли його буде запитано.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same password again: </source>
        <translation>Той самий пароль ще раз: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>Паролі не збігаються; нічого не змінено.</translation>
    </message>
</context>
<context>
    <name>cd::cli::ReconciliationCommands</name>
    <message>
        <location filename="../app/cli/reconciliationcommands.cpp" line="-139"/>
        <source>Say --%1 (a date such as 2026-11-01, or an ISO 8601 time).</source>
        <translation>Вкажіть --%1 (дату на кшталт 2026-11-01 або час ISO 8601).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1: &quot;%2&quot; is not a date or an ISO 8601 time.</source>
        <translation>--%1: «%2» не є датою чи часом ISO 8601.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site: --site NAME.</source>
        <translation>Вкажіть майданчик: --site НАЗВА.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--energy-kwh is an energy in kWh with at most 3 decimals, e.g. 12345.678.</source>
        <translation>--energy-kwh — енергія в кВт·год щонайбільше з 3 знаками після коми, напр. 12345.678.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--energy-wh is a whole number of Wh.</source>
        <translation>--energy-wh — ціле число Вт·год.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say what the meter recorded: --energy-kwh X or --energy-wh N.</source>
        <translation>Вкажіть, що записав лічильник: --energy-kwh X або --energy-wh N.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Replaced the reading of %1 for %2 … %3: %4 kWh (was %5 kWh).</source>
        <translation>Замінено показ %1 за %2 … %3: %4 кВт·год (було %5 кВт·год).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recorded the reading of %1 for %2 … %3: %4 kWh.</source>
        <translation>Записано показ %1 за %2 … %3: %4 кВт·год.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile meter-reading import FILE.</source>
        <translation>Вкажіть файл: reconcile meter-reading import ФАЙЛ.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Imported %n reading(s): %1 new, %2 replaced.</source>
        <translation>
            <numerusform>Імпортовано %n показ: нових %1, замінено %2.</numerusform>
            <numerusform>Імпортовано %n покази: нових %1, замінено %2.</numerusform>
            <numerusform>Імпортовано %n показів: нових %1, замінено %2.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Site</source>
        <translation>Майданчик</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From (UTC)</source>
        <translation>З (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To (UTC)</source>
        <translation>По (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy (kWh)</source>
        <translation>Енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Джерело</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Хто</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Say which file: reconcile receipts import FILE --gateway NAME.</source>
        <translation>Вкажіть файл: reconcile receipts import ФАЙЛ --gateway НАЗВА.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Imported %n receipt(s); %1 already there.</source>
        <translation>
            <numerusform>Імпортовано %n квитанцію; вже було %1.</numerusform>
            <numerusform>Імпортовано %n квитанції; вже було %1.</numerusform>
            <numerusform>Імпортовано %n квитанцій; вже було %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::cli::RefundCommands</name>
    <message>
        <location filename="../app/cli/refundcommands.cpp" line="-292"/>
        <source>Say whose refund it is: --member ID.</source>
        <translation>Вкажіть, чиє це повернення: --member ID.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Say how much: --amount 100.00.</source>
        <translation>Вкажіть суму: --amount 100.00.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refund application %1: %2 moved from member %3&apos;s balance to the pending refund, waiting for the audit.</source>
        <translation>Заявка на повернення %1: %2 переміщено з балансу учасника %3 до суми, що очікує повернення; чекає на перевірку.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--status must be pending, approved or rejected.</source>
        <translation>--status має бути pending, approved або rejected.</translation>
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
        <translation>Учасник</translation>
    </message>
    <message>
        <location line="-173"/>
        <location line="+174"/>
        <location line="+19"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="-193"/>
        <location line="+175"/>
        <source>Commission</source>
        <translation>Комісія</translation>
    </message>
    <message>
        <location line="-175"/>
        <location line="+176"/>
        <source>Refunded amount</source>
        <translation>Повернена сума</translation>
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
        <translation>Перебіг</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Refund application %1 rejected: %2 went back to member %3&apos;s balance.</source>
        <translation>Заявку на повернення %1 відхилено: %2 повернулося на баланс учасника %3.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Usage: chargedesk-cli refund %1 …; see chargedesk-cli --help.</source>
        <translation>Використання: chargedesk-cli refund %1 …; див. chargedesk-cli --help.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli refund %1 &lt;id&gt; …; see chargedesk-cli --help.</source>
        <translation>Використання: chargedesk-cli refund %1 &lt;id&gt; …; див. chargedesk-cli --help.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Refund application %1: %2, %3; refunded %4 of %5 (commission %6).</source>
        <translation>Заявка на повернення %1: %2, %3; повернено %4 з %5 (комісія %6).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 could not be refunded through any top-up and went back to the member&apos;s refundable balance.</source>
        <translation>%1 не вдалося повернути через жодне поповнення, цю суму повернуто до суми учасника до повернення.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pay %1 back in cash at the desk, then: chargedesk-cli refund confirm %2 --reason TEXT</source>
        <translation>Виплатіть %1 готівкою в касі, потім: chargedesk-cli refund confirm %2 --reason TEXT</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record %1 (%2) has no answer from the gateway yet: chargedesk-cli refund retry %3</source>
        <translation>Запис %1 (%2) ще не має відповіді шлюзу: chargedesk-cli refund retry %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Refund application</source>
        <translation>Заявка на повернення</translation>
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
        <translation>Відкликати купони</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>ні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member&apos;s balance</source>
        <translation>Баланс учасника</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable</source>
        <translation>До повернення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund</source>
        <translation>Повернення очікує</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>desk (cash)</source>
        <translation>каса (готівка)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>Запис</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway</source>
        <translation>Шлюз</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up total</source>
        <translation>Сума поповнення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Our refund no.</source>
        <translation>Наш № повернення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway refund no.</source>
        <translation>№ повернення шлюзу</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When (UTC)</source>
        <translation>Коли (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Рішення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>З</translation>
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
        <translation>Вкажіть --%1 (дату, наприклад 2026-11-01, або час ISO 8601).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>--threshold-percent is a whole number of percent, e.g. 85.</source>
        <translation>--threshold-percent — ціле число відсотків, наприклад 85.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Say --format csv, xlsx, pdf or json.</source>
        <translation>Вкажіть --format csv, xlsx, pdf або json.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This chargedesk-cli cannot draw PDF files (it runs without the GUI libraries&apos; application object). Export csv, xlsx or json, or the PDF from the console.</source>
        <translation>Цей chargedesk-cli не може малювати PDF-файли (він працює без об&apos;єкта програми графічних бібліотек). Експортуйте csv, xlsx або json, або PDF з консолі.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 of %2 rows (%3 %)</source>
        <translation>%1 з %2 рядків (%3 %)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Wrote %n row(s) to %1 (export %2).</source>
        <translation>
            <numerusform>Записано %n рядок у %1 (експорт %2).</numerusform>
            <numerusform>Записано %n рядки у %1 (експорт %2).</numerusform>
            <numerusform>Записано %n рядків у %1 (експорт %2).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Say which export: report changes &lt;export id&gt;.</source>
        <translation>Вкажіть експорт: report changes &lt;id експорту&gt;.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Export %1 (%2, %3, %4 by %5): %6 rows then, %7 now.</source>
        <translation>Експорт %1 (%2, %3, %4, автор %5): тоді %6 рядків, зараз %7.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 then, %3 now.</source>
        <translation>%1: тоді %2, зараз %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing changed since the export.</source>
        <translation>Після експорту нічого не змінилося.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 changed, %2 added, %3 removed.</source>
        <translation>Змінено: %1, додано: %2, вилучено: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Зміна</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export</source>
        <translation>Експорт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>Звіт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>Рядки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Разом</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created (UTC)</source>
        <translation>Створено (UTC)</translation>
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
        <translation>--older-than-hours має бути додатним числом.</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+27"/>
        <source>Session</source>
        <translation>Сесія</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Created (UTC)</source>
        <translation>Створено (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+28"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Connector</source>
        <translation>Конектор</translation>
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
        <translation>Стан</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Energy, Wh</source>
        <translation>Енергія, Вт·год</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+33"/>
        <source>Stop reason</source>
        <translation>Причина зупинки</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Usage: chargedesk-cli tx show &lt;session id or number&gt;</source>
        <translation>Використання: chargedesk-cli tx show &lt;ідентифікатор або номер сесії&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>No session %1.</source>
        <translation>Сесії %1 немає.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Transaction</source>
        <translation>Транзакція</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>When (UTC)</source>
        <translation>Коли (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Подія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Подробиці</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n OCPP message(s), %1 meter sample(s); --json shows them.</source>
        <translation>
            <numerusform>Повідомлень OCPP: %n, показань лічильника: %1 (їх виводить --json).</numerusform>
            <numerusform>Повідомлень OCPP: %n, показань лічильника: %1 (їх виводить --json).</numerusform>
            <numerusform>Повідомлень OCPP: %n, показань лічильника: %1 (їх виводить --json).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>List sessions: the newest, the open ones, or the old open ones.</source>
        <translation>Показати список сесій: найновіші, відкриті або давно відкриті.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show one session with its events, meter samples and OCPP messages.</source>
        <translation>Показати одну сесію з її подіями, показаннями лічильника й повідомленнями OCPP.</translation>
    </message>
</context>
<context>
    <name>cd::cli::SiteCommands</name>
    <message>
        <location filename="../app/cli/sitecommands.cpp" line="+56"/>
        <source>Usage: chargedesk-cli sub-operator add &lt;name&gt; [--settlement-mode MODE]</source>
        <translation>Використання: chargedesk-cli sub-operator add &lt;назва&gt; [--settlement-mode РЕЖИМ]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Added sub-operator %1.</source>
        <translation>Субоператора %1 додано.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+54"/>
        <source>Id</source>
        <translation>Ід.</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+54"/>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Settlement</source>
        <translation>Розрахунок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sites</source>
        <translation>Майданчики</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli site add &lt;name&gt; [--sub-operator NAME] [--address TEXT]</source>
        <translation>Використання: chargedesk-cli site add &lt;назва&gt; [--sub-operator НАЗВА] [--address ТЕКСТ]</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Added site %1.</source>
        <translation>Майданчик %1 додано.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sub-operator</source>
        <translation>Субоператор</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stations</source>
        <translation>Станції</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli site set-sub-operator &lt;site&gt; [&lt;sub-operator&gt;]</source>
        <translation>Використання: chargedesk-cli site set-sub-operator &lt;майданчик&gt; [&lt;субоператор&gt;]</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Site %1 now belongs to sub-operator %2.</source>
        <translation>Майданчик %1 тепер належить субоператору %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site %1 now belongs to no sub-operator.</source>
        <translation>Майданчик %1 тепер не належить жодному субоператору.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;site&gt;]</source>
        <translation>Використання: chargedesk-cli station set-site &lt;chargePointId&gt; [&lt;майданчик&gt;]</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Station %1 now stands at site %2.</source>
        <translation>Станція %1 тепер на майданчику %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station %1 now belongs to no site.</source>
        <translation>Станція %1 тепер не належить жодному майданчику.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: chargedesk-cli station set-location &lt;chargePointId&gt; [--lat LATITUDE --lon LONGITUDE]</source>
        <translation>Використання: chargedesk-cli station set-location &lt;chargePointId&gt; [--lat ШИРОТА --lon ДОВГОТА]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Station %1 now stands at %2, %3.</source>
        <translation>Станція %1 тепер стоїть у точці %2, %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Station %1 has no location now (it is not on the map).</source>
        <translation>Станція %1 тепер без розташування (її немає на мапі).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a sub-operator (a partner that runs sites; audited).</source>
        <translation>Додати субоператора (партнера, що керує майданчиками; з записом в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sub-operators.</source>
        <translation>Список субоператорів.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a site (a place with stations and its own meter; audited).</source>
        <translation>Додати майданчик (місце зі станціями та власним лічильником; з записом в аудит).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the sites with their sub-operator and stations.</source>
        <translation>Список майданчиків з їхнім субоператором і станціями.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a site under a sub-operator, or under none (audited).</source>
        <translation>Віднести майданчик до субоператора або ні до кого (з записом в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put a station on a site, or on none (audited).</source>
        <translation>Віднести станцію до майданчика або ні до якого (з записом в аудит).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place a station on the map, or take it off without --lat/--lon (audited).</source>
        <translation>Поставити станцію на мапу або прибрати з неї без --lat/--lon (з журналом аудиту).</translation>
    </message>
</context>
<context>
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+81"/>
        <source>hidden</source>
        <translation>прихована</translation>
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
        <translation>Назва</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Vendor</source>
        <translation>Виробник</translation>
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
        <translation>Реєстрація</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Map</source>
        <translation>Мапа</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: chargedesk-cli station show &lt;chargePointId&gt;</source>
        <translation>Використання: chargedesk-cli station show &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+65"/>
        <source>No station with the id %1.</source>
        <translation>Станції з ідентифікатором %1 немає.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Serial number</source>
        <translation>Серійний номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адреса</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden from map</source>
        <translation>Прихована з мапи</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>так</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>ні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last boot (UTC)</source>
        <translation>Останнє завантаження (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last heartbeat (UTC)</source>
        <translation>Останній сигнал heartbeat (UTC)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</source>
        <translation>Використання: chargedesk-cli station messages &lt;chargePointId&gt; [--from ISO] [--to ISO] [--last N]</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>in</source>
        <translation>вхідне</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out</source>
        <translation>вихідне</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When (UTC)</source>
        <translation>Коли (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Direction</source>
        <translation>Напрямок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Дія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message id</source>
        <translation>Ідентифікатор повідомлення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Помилка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No messages from or to %1 in this period.</source>
        <translation>За цей період немає повідомлень від %1 або до нього.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station device-model &lt;chargePointId&gt;</source>
        <translation>Використання: chargedesk-cli station device-model &lt;chargePointId&gt;</translation>
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
        <translation>Змінна</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Значення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>Одиниця</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</source>
        <translation>Використання: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</source>
        <translation>Пароль станції має містити від 16 до 40 символів (OCPP 1.6, профіль безпеки 1).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Added station %1.</source>
        <translation>Станцію %1 додано.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List stations, hidden ones included.</source>
        <translation>Показати список станцій, зокрема прихованих.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show one station.</source>
        <translation>Показати одну станцію.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The station&apos;s OCPP message log, oldest first (raw frames with --json).</source>
        <translation>Журнал повідомлень OCPP станції, від найстаріших (необроблені кадри з --json).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The device model an OCPP 2.0.1 station reported (NotifyReport).</source>
        <translation>Модель пристрою, яку повідомила станція OCPP 2.0.1 (NotifyReport).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register a station (audited).</source>
        <translation>Зареєструвати станцію (з записом в аудит).</translation>
    </message>
</context>
<context>
    <name>cd::cli::TagCommands</name>
    <message>
        <location filename="../app/cli/tagcommands.cpp" line="+23"/>
        <source>Usage: chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</source>
        <translation>Використання: chargedesk-cli tag add &lt;idTag&gt; [--kind card|app|department] [--status Accepted|Blocked|Expired] [--expires ISO-DATE] [--parent TAG] [--max-sessions N]</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--max-sessions must be a positive number.</source>
        <translation>--max-sessions має бути додатним числом.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Added id tag %1.</source>
        <translation>Id tag %1 додано.</translation>
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
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expires (UTC)</source>
        <translation>Діє до (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parent</source>
        <translation>Батьківський</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sessions at once</source>
        <translation>Одночасних сесій</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Register an id tag (card, app token or department card; audited).</source>
        <translation>Зареєструвати id tag (картка, токен застосунку або картка відділу; з записом в аудит).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List id tags.</source>
        <translation>Показати список id tag.</translation>
    </message>
</context>
<context>
    <name>cd::cli::TariffCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/tariffcommands.cpp" line="-202"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n період</numerusform>
            <numerusform>%n періоди</numerusform>
            <numerusform>%n періодів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Id</source>
        <translation>Ід.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>Застосовується до</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Версія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from (UTC)</source>
        <translation>Діє з (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid to (UTC)</source>
        <translation>Діє до (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service fee</source>
        <translation>Плата за обслуговування</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: chargedesk-cli tariff show &lt;id&gt; [--json]</source>
        <translation>Використання: chargedesk-cli tariff show &lt;id&gt; [--json]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no tariff %1.</source>
        <translation>Тарифу %1 немає.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tariff %1 &quot;%2&quot;, version %3</source>
        <translation>Тариф %1 «%2», версія %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to: %1</source>
        <translation>Застосовується до: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>Діє: з %1 до %2 (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency: %1; time zone: %2</source>
        <translation>Валюта: %1; часовий пояс: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 (outside the periods)</source>
        <translation>Енергія: %1 (поза періодами)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service fee: %1</source>
        <translation>Плата за обслуговування: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Idle fee: %1/min after %n free minute(s) after charging ends</source>
        <translation>
            <numerusform>Плата за простій: %1/хв після %n безкоштовної хвилини після завершення заряджання</numerusform>
            <numerusform>Плата за простій: %1/хв після %n безкоштовних хвилин після завершення заряджання</numerusform>
            <numerusform>Плата за простій: %1/хв після %n безкоштовних хвилин після завершення заряджання</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by %1 at %2</source>
        <translation>Створив %1 о %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (id %2, from %3)</source>
        <translation>%1 (ід. %2, з %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Versions: %1</source>
        <translation>Версії: %1</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>&quot;%1&quot; is neither a session number nor an id.</source>
        <translation>«%1» — не номер сесії і не ідентифікатор.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: chargedesk-cli bill show &lt;session number | bill id&gt; [--json]</source>
        <translation>Використання: chargedesk-cli bill show &lt;номер сесії | ід. рахунку&gt; [--json]</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No bill found for &quot;%1&quot;.</source>
        <translation>Для «%1» рахунку не знайдено.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Bill %1, version %2 of session %3: %4 (%5)</source>
        <translation>Рахунок %1, версія %2 сесії %3: %4 (%5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Correction: %1 by %2: %3</source>
        <translation>Виправлення: %1, автор %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This bill was stored without its inputs: it cannot be explained line by line.</source>
        <translation>Цей рахунок збережено без вхідних даних: його не можна пояснити рядок за рядком.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>v%1 (bill %2): %3</source>
        <translation>в%1 (рахунок %2): %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: chargedesk-cli bill issue &lt;session number | session id&gt;</source>
        <translation>Використання: chargedesk-cli bill issue &lt;номер сесії | ід. сесії&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is no session &quot;%1&quot;.</source>
        <translation>Сесії «%1» немає.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bill %1 issued for session %2.</source>
        <translation>Рахунок %1 виставлено для сесії %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 already has bill %2.</source>
        <translation>Сесія %1 уже має рахунок %2.</translation>
    </message>
</context>
<context>
    <name>cd::cli::TxActionCommands</name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="-140"/>
        <source>set-energy needs --energy-wh with a whole number of Wh.</source>
        <translation>set-energy потребує --energy-wh із цілим числом Вт·год.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set-status needs --status, e.g. --status finished.</source>
        <translation>set-status потребує --status, наприклад --status finished.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--mode must be soft or override.</source>
        <translation>--mode має бути soft або override.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Usage: chargedesk-cli tx %1 &lt;session id or number&gt; --reason TEXT [--dry-run]</source>
        <translation>Використання: chargedesk-cli tx %1 &lt;ідентифікатор або номер сесії&gt; --reason ТЕКСТ [--dry-run]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No session %1.</source>
        <translation>Немає сесії %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--reason is required: it is kept in the audit log.</source>
        <translation>Потрібен --reason: причина зберігається в журналі аудиту.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Command %1 queued; `chargedesk-cli command list %2` shows the station&apos;s answer.</source>
        <translation>Команду %1 поставлено в чергу; `chargedesk-cli command list %2` покаже відповідь станції.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done (audit record %1).</source>
        <translation>Готово (запис аудиту %1).</translation>
    </message>
</context>
<context>
    <name>cd::commands::CommandQueue</name>
    <message>
        <location filename="../core/commands/commandqueue.cpp" line="+35"/>
        <source>&quot;%1&quot; is not a valid charge point id.</source>
        <translation>«%1» — неприпустимий ідентифікатор зарядної станції.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command needs an OCPP action name.</source>
        <translation>Для команди потрібна назва дії OCPP.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A command&apos;s payload must be a JSON object.</source>
        <translation>Вміст команди має бути об’єктом JSON.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>Станції з ідентифікатором %1 немає.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a command a %2 station takes. It takes: %3.</source>
        <translation>%1 — не команда, яку приймає станція %2. Вона приймає: %3.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The station is offline; the command was not sent.</source>
        <translation>Станція поза зв’язком; команду не надіслано.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No command with the id %1.</source>
        <translation>Команди з ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::commands::ConfigurationText</name>
    <message>
        <location filename="../core/commands/stationconfiguration.cpp" line="+11"/>
        <source>The station&apos;s answer is not a GetConfiguration answer.</source>
        <translation>Відповідь станції не є відповіддю на GetConfiguration.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The station took the new value.</source>
        <translation>Станція прийняла нове значення.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station took the new value; it applies after the station restarts.</source>
        <translation>Станція прийняла нове значення; воно діятиме після перезапуску станції.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station rejected the new value.</source>
        <translation>Станція відхилила нове значення.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station does not support this key.</source>
        <translation>Станція не підтримує цей ключ.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station answered: %1</source>
        <translation>Станція відповіла: %1</translation>
    </message>
</context>
<context>
    <name>cd::console::Main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+42"/>
        <source>ChargeDesk operator console for EV-charging networks.</source>
        <translation>ChargeDesk — операторська консоль для мереж зарядних станцій електромобілів.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open the database</source>
        <translation>Не вдається відкрити базу даних</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invalid command line</source>
        <translation>Неправильний командний рядок</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not run the station server in this console for this run (for example when chargedesk-server serves the stations of a shared database).</source>
        <translation>Не запускати сервер станцій у цій консолі під час цього запуску (наприклад, коли станції спільної бази обслуговує chargedesk-server).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo mode: simulated stations connect to this console&apos;s station server and charge with the demo fleet card. Use it on a database of its own.</source>
        <translation>Демонстраційний режим: імітовані станції підключаються до сервера станцій цієї консолі й заряджають за демонстраційною карткою автопарку. Використовуйте його з окремою базою даних.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of simulated stations in demo mode (default 10).</source>
        <translation>Кількість імітованих станцій у демонстраційному режимі (типово 10).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--demo-stations must be a whole number from 1 to 1000.</source>
        <translation>--demo-stations має бути цілим числом від 1 до 1000.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot start demo mode</source>
        <translation>Не вдається запустити демонстраційний режим</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot log in</source>
        <translation>Не вдається увійти</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database has operator accounts: log in in a console with a screen, or set CHARGEDESK_LOGIN and CHARGEDESK_PASSWORD.</source>
        <translation>У цій базі даних є облікові записи операторів: увійдіть у консолі з екраном або задайте CHARGEDESK_LOGIN і CHARGEDESK_PASSWORD.</translation>
    </message>
</context>
<context>
    <name>cd::i18n::LanguageOption</name>
    <message>
        <location filename="../core/i18n/languageoption.cpp" line="+26"/>
        <source>Interface language for this run: %1.</source>
        <extracomment>--lang option in --help; %1 lists the codes (&quot;en, uk, ru, zh_CN&quot;)</extracomment>
        <translation>Мова інтерфейсу для цього запуску: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code</source>
        <translation>код</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown language &quot;%1&quot;. Supported: %2.</source>
        <translation>Невідома мова «%1». Підтримуються: %2.</translation>
    </message>
</context>
<context>
    <name>cd::payments::AutoStop</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+85"/>
        <source>No session with the id %1.</source>
        <translation>Немає сесії з ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Balance left %1, at or below the auto-stop threshold %2 (session %3)</source>
        <translation>Залишок балансу %1 — на рівні або нижче порогу автозупинки %2 (сесія %3)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>Сесія %1 не має числового ідентифікатора транзакції для зупинки.</translation>
    </message>
</context>
<context>
    <name>cd::payments::HoldService</name>
    <message>
        <location filename="../core/payments/holdservice.cpp" line="+107"/>
        <source>No payment hold %1.</source>
        <translation>Немає холду %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No payment call %1.</source>
        <translation>Немає платіжного запиту %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now. Switch back to it in Settings › Payments to change this hold.</source>
        <translation>Холд %1 створено через шлюз %2, а зараз використовується шлюз %3. Щоб змінити цей холд, поверніть шлюз у Налаштування › Платежі.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hold %1 has no answer from the gateway yet.</source>
        <translation>Шлюз ще не відповів щодо холду %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Another call about hold %1 is still waiting for the gateway (call %2). Wait for its answer or send it again first.</source>
        <translation>Інший запит щодо холду %1 ще чекає на шлюз (запит %2). Дочекайтеся відповіді або спершу надішліть його повторно.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>A hold needs an amount above zero.</source>
        <translation>Сума холду має бути більшою за нуль.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>«%1» — не код валюти.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No session with the id %1.</source>
        <translation>Немає сесії з ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>Холд %1 у стані %2: списати можна лише заморожену суму.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>Сума списання має бути більшою за нуль; щоб нічого не списувати, скасуйте холд.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Неможливо списати %1: заморожено лише %2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 is %2 and can no longer be released.</source>
        <translation>Холд %1 у стані %2, і його вже не можна скасувати.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hold %1 is %2: only captured money can be refunded.</source>
        <translation>Холд %1 у стані %2: повернути можна лише списані гроші.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A refund needs an amount above zero.</source>
        <translation>Сума повернення має бути більшою за нуль.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>Неможливо повернути %1: зі списаних %3 для повернення лишилося лише %2.</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>A hold report needs the gateway&apos;s reference of the hold.</source>
        <translation>У звіті про холд має бути ідентифікатор холду в шлюзі.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hold report needs a status.</source>
        <translation>У звіті про холд має бути статус.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The card token is empty.</source>
        <translation>Токен картки порожній.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The gateway gave no status.</source>
        <translation>Шлюз не повідомив статус.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Payment call %1 is finished (%2); there is nothing to send again.</source>
        <translation>Платіжний запит %1 завершено (%2); повторно надсилати нічого.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Платіжний запит %1 зроблено через шлюз %2, а зараз використовується шлюз %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment call %1 is on its way already.</source>
        <translation>Платіжний запит %1 уже надіслано.</translation>
    </message>
</context>
<context>
    <name>cd::payments::HttpGateway</name>
    <message>
        <location filename="../core/payments/httpgateway.cpp" line="+177"/>
        <source>The payment gateway URL &quot;%1&quot; is not an http(s) address. Set it in Settings › Payments.</source>
        <translation>Адреса платіжного шлюзу «%1» не є адресою http(s). Вкажіть її в Налаштування › Платежі.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The payment gateway URL must start with https:// (plain http:// only to this computer).</source>
        <translation>Адреса платіжного шлюзу має починатися з https:// (звичайний http:// — лише до цього комп&apos;ютера).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No secret key for the payment gateway. Enter it in Settings › Payments.</source>
        <translation>Немає секретного ключа платіжного шлюзу. Введіть його в Налаштування › Платежі.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>Платіжному запиту потрібен ключ ідемпотентності довжиною від 1 до 255 символів.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a payment reference.</source>
        <translation>«%1» — не ідентифікатор платежу.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The payment gateway refused the secret key (HTTP 401): %1 Check the key in Settings › Payments.</source>
        <translation>Платіжний шлюз відхилив секретний ключ (HTTP 401): %1 Перевірте ключ у Налаштування › Платежі.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The card was declined (%1): %2</source>
        <translation>Картку відхилено (%1): %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The payment gateway does not know this payment (HTTP 404): %1</source>
        <translation>Платіжний шлюз не знає цього платежу (HTTP 404): %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The payment gateway refused the call (HTTP %1, %2): %3</source>
        <translation>Платіжний шлюз відхилив запит (HTTP %1, %2): %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No answer from the payment gateway at %1 within %2 seconds; the call is kept and can be sent again with the same idempotency key.</source>
        <translation>Платіжний шлюз %1 не відповів протягом %2 с; запит збережено, його можна надіслати повторно з тим самим ключем ідемпотентності.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot reach the payment gateway at %1: %2</source>
        <translation>Не вдається зв&apos;язатися з платіжним шлюзом %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The payment gateway answered HTTP %1 with something that is not JSON.</source>
        <translation>Платіжний шлюз відповів HTTP %1 не у форматі JSON.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The payment gateway&apos;s answer names no payment.</source>
        <translation>У відповіді платіжного шлюзу не вказано платіж.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The payment gateway could not refund: %1</source>
        <translation>Платіжний шлюз не зміг повернути гроші: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no explanation given</source>
        <translation>пояснень не надано</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The payment gateway is busy or failed (HTTP %1): %2 The call is kept and can be sent again with the same idempotency key.</source>
        <translation>Платіжний шлюз зайнятий або стався збій (HTTP %1): %2 Запит збережено, його можна надіслати повторно з тим самим ключем ідемпотентності.</translation>
    </message>
</context>
<context>
    <name>cd::payments::KeychainSecretStore</name>
    <message>
        <location filename="../core/payments/secretstore.cpp" line="+35"/>
        <source>The OS keychain is not available: %1</source>
        <translation>Сховище ключів ОС недоступне: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot keep the key in the OS keychain: %1</source>
        <translation>Не вдалося зберегти ключ у сховищі ключів ОС: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot remove the key from the OS keychain: %1</source>
        <translation>Не вдалося видалити ключ зі сховища ключів ОС: %1</translation>
    </message>
</context>
<context>
    <name>cd::payments::ManualGateway</name>
    <message>
        <location filename="../core/payments/manualgateway.cpp" line="+96"/>
        <source>A payment call needs an idempotency key of 1 to 255 characters.</source>
        <translation>Платіжному запиту потрібен ключ ідемпотентності довжиною від 1 до 255 символів.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The idempotency key %1 was already used for another kind of call.</source>
        <translation>Ключ ідемпотентності %1 уже використано для запиту іншого типу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored answer for this key is damaged.</source>
        <translation>Збережена відповідь для цього ключа пошкоджена.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A hold needs an amount above zero.</source>
        <translation>Сума холду має бути більшою за нуль.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a currency code.</source>
        <translation>«%1» — не код валюти.</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+93"/>
        <source>No manual payment %1.</source>
        <translation>Немає ручного платежу %1.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>The hold %1 is %2: only a held amount can be captured.</source>
        <translation>Холд %1 у стані %2: списати можна лише заморожену суму.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A capture needs an amount above zero; release the hold to capture nothing.</source>
        <translation>Сума списання має бути більшою за нуль; щоб нічого не списувати, скасуйте холд.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Неможливо списати %1: заморожено лише %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hold %1 is %2 and can no longer be released.</source>
        <translation>Холд %1 у стані %2, і його вже не можна скасувати.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hold %1 is %2: only captured money can be refunded.</source>
        <translation>Холд %1 у стані %2: повернути можна лише списані гроші.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A refund needs an amount above zero.</source>
        <translation>Сума повернення має бути більшою за нуль.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot refund %1: only %2 of the %3 captured is left to refund.</source>
        <translation>Неможливо повернути %1: зі списаних %3 для повернення лишилося лише %2.</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSecrets</name>
    <message>
        <location filename="../core/payments/paymentruntime.cpp" line="+65"/>
        <source>The HTTP payment gateway needs its secret key: --payment-key-env NAME or --payment-key-file PATH.</source>
        <translation>HTTP-шлюзу платежів потрібен секретний ключ: --payment-key-env ІМ&apos;Я або --payment-key-file ШЛЯХ.</translation>
    </message>
    <message>
        <location filename="../core/payments/paymentsecrets.cpp" line="+20"/>
        <source>no source</source>
        <translation>джерело не задано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keychain entry %1</source>
        <translation>запис сховища ключів %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>environment variable %1</source>
        <translation>змінна середовища %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file %1</source>
        <translation>файл %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The secret comes from the keychain, not from the environment or a file.</source>
        <translation>Секрет береться зі сховища ключів, а не зі змінної середовища чи файлу.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The environment variable %1 is not set.</source>
        <translation>Змінну середовища %1 не задано.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The secret file %1 does not exist.</source>
        <translation>Файлу секрету %1 не існує.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secret file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>Файл секрету %1 можуть читати інші користувачі; обмежте доступ: chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the secret file %1: %2</source>
        <translation>Не вдалося прочитати файл секрету %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 holds no secret.</source>
        <translation>У джерелі «%1» немає секрету.</translation>
    </message>
</context>
<context>
    <name>cd::payments::PaymentSettings</name>
    <message>
        <location filename="../core/payments/paymentsettings.cpp" line="+57"/>
        <source>Enter the gateway&apos;s address, e.g. https://api.stripe.com</source>
        <translation>Введіть адресу шлюзу, наприклад https://api.stripe.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must start with https:// (plain http:// only to this computer).</source>
        <translation>Адреса має починатися з https:// (звичайний http:// — лише до цього комп&apos;ютера).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The address must not contain ? or #.</source>
        <translation>Адреса не повинна містити ? або #.</translation>
    </message>
</context>
<context>
    <name>cd::payments::SessionPayments</name>
    <message>
        <location filename="../core/payments/sessionpayments.cpp" line="+214"/>
        <source>ChargeDesk session %1</source>
        <translation>Сесія ChargeDesk %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 started</source>
        <translation>Сесію %1 розпочато</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Session %1 ended</source>
        <translation>Сесію %1 завершено</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 delivered no energy</source>
        <translation>Сесія %1 не передала енергії</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Bill %1 has anomalies (%2) and the settlement mode is &quot;hold until corrected&quot;: hold %3 stays authorised and is captured when the bill is corrected.</source>
        <extracomment>%1 bill id, %2 anomaly codes such as &quot;3,8&quot;, %3 hold id</extracomment>
        <translation>Рахунок %1 має аномалії (%2), а режим розрахунку — «утримувати до виправлення»: блокування %3 лишається авторизованим і буде списане, коли рахунок виправлять.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Payment hold %1: %2</source>
        <translation>Холд %1: %2</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Session %1 ended: %2 Wh</source>
        <translation>Сесію %1 завершено: %2 Вт·год</translation>
    </message>
</context>
<context>
    <name>cd::payments::StopNotHonoured</name>
    <message>
        <location filename="../core/payments/balanceguard.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>Немає сесії з ідентифікатором %1.</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::BillFold</name>
    <message>
        <location filename="../core/reconciliation/billfold.cpp" line="+40"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>Немає субоператора з назвою «%1».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>Немає майданчика з назвою «%1».</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::CsvTable</name>
    <message>
        <location filename="../core/reconciliation/csvtable.cpp" line="+56"/>
        <source>Cannot read %1: %2</source>
        <translation>Не вдається прочитати %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is too big to import (%2 bytes; at most %3).</source>
        <translation>%1 завеликий для імпорту (%2 байтів; щонайбільше %3).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is too big to import (at most %2 bytes).</source>
        <translation>%1 завеликий для імпорту (щонайбільше %2 байтів).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file is not UTF-8 text.</source>
        <translation>Файл не є текстом UTF-8.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Line %1: too long (at most %2 characters).</source>
        <translation>Рядок %1: задовгий (щонайбільше %2 символів).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: a quote is not closed.</source>
        <translation>Рядок %1: лапки не закрито.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line %1: a field is too long (at most %2 characters).</source>
        <translation>Рядок %1: поле задовге (щонайбільше %2 символів).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Line %1: too many rows (at most %2 in one file).</source>
        <translation>Рядок %1: забагато рядків (щонайбільше %2 в одному файлі).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: %2 fields, but the header has %3.</source>
        <translation>Рядок %1: %2 полів, а в заголовку %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is empty.</source>
        <translation>Файл порожній.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line 1: the header has no column &quot;%1&quot;; it needs %2.</source>
        <translation>Рядок 1: у заголовку немає стовпця «%1»; потрібні %2.</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::EnergyReport</name>
    <message>
        <location filename="../core/reconciliation/energyreport.cpp" line="+57"/>
        <location line="+17"/>
        <source>Energy reconciliation</source>
        <translation>Звірка енергії</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Per site, the energy billed on the platform against the site&apos;s meter readings: the ratio, a flag above 100 % or below the threshold, and the unprocessed anomaly bills.</source>
        <translation>Для кожного майданчика енергія, нарахована на платформі, проти показів його лічильника: співвідношення, позначка понад 100 % чи нижче порогу та необроблені аномальні рахунки.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>flagged below %1 % and above 100 %</source>
        <translation>позначено нижче %1 % і понад 100 %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Site</source>
        <translation>Майданчик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>З (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To (UTC)</source>
        <translation>По (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform energy (kWh)</source>
        <translation>Енергія платформи (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter energy (kWh)</source>
        <translation>Енергія за лічильником (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ratio (‰)</source>
        <translation>Співвідношення (‰)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag</source>
        <translation>Позначка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>Гаразд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Above 100 %</source>
        <extracomment>the platform billed more energy than the site&apos;s meter recorded</extracomment>
        <translation>Понад 100 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Below %1 %</source>
        <translation>Нижче %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No meter reading</source>
        <translation>Немає показу лічильника</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unprocessed anomaly bills</source>
        <translation>Необроблені аномальні рахунки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>Їхня енергія (кВт·год)</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::GatewayReceiptRepository</name>
    <message>
        <location filename="../core/reconciliation/gatewayreceiptrepository.cpp" line="+32"/>
        <source>Say which gateway the statement is from: --gateway NAME (letters, digits, &quot;_&quot;, &quot;.&quot;, &quot;-&quot;; as the top-ups name it).</source>
        <translation>Вкажіть, від якого шлюзу виписка: --gateway НАЗВА (літери, цифри, «_», «.», «-»; як у поповненнях).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Line %1: %2</source>
        <translation>Рядок %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the reference must be 1 to 128 printable characters.</source>
        <translation>референс має містити від 1 до 128 друкованих символів.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a currency code such as UAH.</source>
        <translation>«%1» не є кодом валюти на кшталт UAH.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a positive amount in %2 (e.g. 12.50).</source>
        <translation>«%1» не є додатною сумою в %2 (напр. 12.50).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>«%1» не є датою чи часом ISO 8601.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>receipt %1 of %2 was imported before with other values (%3); a gateway never changes a receipt, so one of the statements is wrong.</source>
        <translation>квитанцію %1 шлюзу %2 вже імпортовано з іншими значеннями (%3); шлюз ніколи не змінює квитанцій, тож одна з виписок хибна.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %2 added, %3 already there</source>
        <translation>%1: додано %2, вже було %3</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MeterReadingRepository</name>
    <message>
        <location filename="../core/reconciliation/meterreadingrepository.cpp" line="+62"/>
        <source>The reading&apos;s period is empty: it must end after it starts.</source>
        <translation>Період показу порожній: він має закінчуватися після початку.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reading&apos;s energy must be between 0 and 1,000,000,000 kWh.</source>
        <translation>Енергія показу має бути від 0 до 1 000 000 000 кВт·год.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The note is too long (at most 500 characters).</source>
        <translation>Примітка задовга (щонайбільше 500 символів).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Site %1 already has a reading for %2 … %3, which overlaps this one; enter readings for periods that do not overlap (the same period replaces).</source>
        <translation>Майданчик %1 уже має показ за %2 … %3, що перетинається з цим; вносьте покази за періоди, що не перетинаються (той самий період замінює).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Site %1, %2 … %3</source>
        <translation>Майданчик %1, %2 … %3</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Line %1: %2</source>
        <translation>Рядок %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>&quot;%1&quot; is not a date or an ISO 8601 time.</source>
        <translation>«%1» не є датою чи часом ISO 8601.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is not an energy in kWh (e.g. 1234.567).</source>
        <translation>«%1» не є енергією в кВт·год (напр. 1234.567).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported from %1</source>
        <translation>Імпортовано з %1</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::MoneyReport</name>
    <message>
        <location filename="../core/reconciliation/moneyreport.cpp" line="+51"/>
        <location line="+11"/>
        <source>Money reconciliation</source>
        <translation>Звірка грошей</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Per currency: top-ups, the gateways&apos; receipts, consumption, coupons and refunds as separate columns.</source>
        <translation>За валютами: поповнення, квитанції шлюзів, споживання, купони й повернення окремими стовпцями.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From (UTC)</source>
        <translation>З (UTC)</translation>
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
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Of them at the desk</source>
        <translation>З них у касі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>Квитанції шлюзу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumption</source>
        <translation>Споживання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купони</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>Повернення</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::PartnersReport</name>
    <message>
        <location filename="../core/reconciliation/partnersreport.cpp" line="+21"/>
        <location line="+13"/>
        <source>Partners</source>
        <translation>Партнери</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Per sub-operator: sessions, energy and revenue per currency, and the bills that are still anomalous (count, energy and amount).</source>
        <translation>Для кожного субоператора: сесії, енергія й виручка за валютами та рахунки, що досі аномальні (кількість, енергія й сума).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sub-operator</source>
        <translation>Субоператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (UTC)</source>
        <translation>З (UTC)</translation>
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
        <translation>Сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue</source>
        <translation>Виручка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bills still anomalous</source>
        <translation>Рахунки, що досі аномальні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their energy (kWh)</source>
        <translation>Їхня енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their amount</source>
        <translation>Їхня сума</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::RevenueReport</name>
    <message>
        <location filename="../core/reconciliation/revenuereport.cpp" line="+21"/>
        <location line="+21"/>
        <location line="+10"/>
        <source>Revenue</source>
        <translation>Виручка</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Sessions, energy, revenue and coupons per site, station, vendor, firmware or sub-operator.</source>
        <translation>Сесії, енергія, виручка й купони за майданчиками, станціями, виробниками, прошивками чи субоператорами.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The revenue report cannot be grouped by &quot;%1&quot;.</source>
        <translation>Звіт про виручку не можна групувати за «%1».</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From (UTC)</source>
        <translation>З (UTC)</translation>
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
        <translation>Сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons</source>
        <translation>Купони</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::SuspectsReport</name>
    <message>
        <location filename="../core/reconciliation/suspectsreport.cpp" line="+34"/>
        <location line="+16"/>
        <source>Anomaly bills of a site</source>
        <translation>Аномальні рахунки майданчика</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The unprocessed anomaly bills of one site in the period, largest energy first: the first suspects when the site&apos;s energy does not reconcile.</source>
        <translation>Необроблені аномальні рахунки одного майданчика за період, від найбільшої енергії: перші підозрювані, коли енергія майданчика не сходиться.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say which site (--site NAME).</source>
        <translation>Вкажіть майданчик (--site НАЗВА).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Session</source>
        <translation>Сесія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>Початок заряджання (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Разом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>Відкриті коди аномалій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>Версія рахунку</translation>
    </message>
</context>
<context>
    <name>cd::reconciliation::TopUpMatchingReport</name>
    <message>
        <location filename="../core/reconciliation/topupmatchingreport.cpp" line="+48"/>
        <location line="+21"/>
        <source>Top-ups against gateway receipts</source>
        <translation>Поповнення проти квитанцій шлюзу</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every top-up matched to its gateway receipt: the top-ups without a receipt, the receipts without a top-up and the ones whose amount or currency differs.</source>
        <translation>Кожне поповнення зіставлене з квитанцією шлюзу: поповнення без квитанції, квитанції без поповнення та ті, де сума чи валюта відрізняються.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n top-up(s) matched their receipts</source>
        <translation>
            <numerusform>%n поповнення збіглося з квитанцією</numerusform>
            <numerusform>%n поповнення збіглися з квитанціями</numerusform>
            <numerusform>%n поповнень збіглися з квитанціями</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No receipt for the top-up</source>
        <translation>Немає квитанції до поповнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amounts differ</source>
        <translation>Суми різняться</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currencies differ</source>
        <translation>Валюти різняться</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt without a top-up</source>
        <translation>Квитанція без поповнення</translation>
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
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up time (UTC)</source>
        <translation>Час поповнення (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up amount</source>
        <translation>Сума поповнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up currency</source>
        <translation>Валюта поповнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt time (UTC)</source>
        <translation>Час квитанції (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt amount</source>
        <translation>Сума квитанції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt currency</source>
        <translation>Валюта квитанції</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundService</name>
    <message>
        <location filename="../core/refunds/refundservice.cpp" line="+96"/>
        <source>Say whose refund it is: a member&apos;s id.</source>
        <translation>Вкажіть, чиє це повернення: ідентифікатор учасника.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A refund must be more than zero.</source>
        <translation>Повернення має бути більшим за нуль.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is too large for a refund.</source>
        <translation>Сума завелика для повернення.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currency must be a three-letter ISO 4217 code, e.g. UAH.</source>
        <translation>Валюта — трилітерний код ISO 4217, наприклад UAH.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say why the member wants the money back.</source>
        <translation>Вкажіть, чому учасник хоче повернути гроші.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason is too long (%1 characters at most).</source>
        <translation>Причина задовга (щонайбільше %1 символів).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no refund application %1.</source>
        <translation>Заявки на повернення %1 немає.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refund application %1 is already approved (%2); it cannot be decided again.</source>
        <translation>Заявку на повернення %1 уже схвалено (%2); повторно вирішити її не можна.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund application %1 was rejected and its money went back to the member; it cannot be decided again. The member may apply anew.</source>
        <translation>Заявку на повернення %1 відхилено, гроші повернулися учаснику; повторно вирішити її не можна. Учасник може подати нову заявку.</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+73"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say who makes the change.</source>
        <translation>Вкажіть, хто вносить зміну.</translation>
    </message>
    <message>
        <location line="-231"/>
        <location line="+561"/>
        <source>There is no member %1.</source>
        <translation>Учасника %1 немає.</translation>
    </message>
    <message>
        <location line="-558"/>
        <source>Member %1 can get back at most %2 (the refundable balance); %3 was asked for.</source>
        <translation>Учасник %1 може отримати назад щонайбільше %2 (сума до повернення); запитано %3.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Member %1 topped up in %2, not in %3: apply for the refund in %2.</source>
        <translation>Учасник %1 поповнював рахунок у %2, а не в %3: подайте заяву на повернення в %2.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Member %1&apos;s refundable balance changed meanwhile; look at it again.</source>
        <translation>Сума до повернення учасника %1 тим часом змінилася; перегляньте ще раз.</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+120"/>
        <location line="+50"/>
        <source>Say why: the reason is kept in the refund&apos;s audit history.</source>
        <translation>Вкажіть причину: її збережено в історії перевірки повернення.</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>The commission cannot be negative.</source>
        <translation>Комісія не може бути від&apos;ємною.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The commission (%1) must be less than the amount applied for (%2); to pay nothing back, reject the application.</source>
        <translation>Комісія (%1) має бути меншою за запитану суму (%2); щоб нічого не повертати, відхиліть заявку.</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+99"/>
        <location line="+368"/>
        <location line="+72"/>
        <source>Refund application %1 changed meanwhile; look at it again.</source>
        <translation>Заявка на повернення %1 тим часом змінилася; перегляньте її ще раз.</translation>
    </message>
    <message>
        <location line="-532"/>
        <location line="+97"/>
        <source>Member %1&apos;s pending refund is less than the application&apos;s amount.</source>
        <translation>Сума учасника %1, що очікує повернення, менша за суму заявки.</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>%1 could not be refunded through any top-up and went back to the refundable balance.</source>
        <translation>%1 не вдалося повернути через жодне поповнення, цю суму повернуто до суми до повернення.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The receipt number is too long (200 characters at most).</source>
        <translation>Номер квитанції задовгий (щонайбільше 200 символів).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no refund record %1.</source>
        <translation>Запису повернення %1 немає.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund record %1 goes through the payment gateway %2; its answer settles it, not the desk.</source>
        <translation>Запис повернення %1 проходить через платіжний шлюз %2; його закриває відповідь шлюзу, а не каса.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund record %1 is already settled (%2).</source>
        <translation>Запис повернення %1 уже закрито (%2).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Refund record %1 needs the payment gateway %2, which this console does not use now.</source>
        <translation>Для запису повернення %1 потрібен платіжний шлюз %2, який ця консоль зараз не використовує.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Record %1: no answer from the gateway (%2); it stays in progress and can be sent again.</source>
        <translation>Запис %1: шлюз не відповів (%2); запис лишається в обробці, його можна надіслати ще раз.</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>Record %1: the gateway accepted refund %2 and is still processing it.</source>
        <translation>Запис %1: платіжний шлюз прийняв повернення %2 і ще обробляє його.</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+113"/>
        <source>Record %1: refunded %2 (gateway refund %3).</source>
        <translation>Запис %1: повернено %2 (повернення шлюзу %3).</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Record %1: the gateway refused: %2</source>
        <translation>Запис %1: шлюз відмовив: %2</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+140"/>
        <source>Refund record %1 changed meanwhile; look at it again.</source>
        <translation>Запис повернення %1 тим часом змінився; перегляньте його ще раз.</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Member %1&apos;s pending refund is less than the record&apos;s amount.</source>
        <translation>Сума учасника %1, що очікує повернення, менша за суму запису.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Record %1: the gateway canceled refund %2; the money went back to the member.</source>
        <translation>Запис %1: платіжний шлюз скасував повернення %2; гроші повернулися учаснику.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record %1: the gateway could not refund (%2); the money went back to the member.</source>
        <translation>Запис %1: платіжний шлюз не зміг повернути кошти (%2); гроші повернулися учаснику.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Record %1: the gateway reversed refund %2; %3 went back to the member&apos;s balance. Coupons revoked with the refund stay revoked.</source>
        <translation>Запис %1: платіжний шлюз анулював повернення %2; %3 повернулося на баланс учасника. Купони, відкликані разом із поверненням, лишаються відкликаними.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The top-up that earned it was refunded (refund application %1).</source>
        <translation>Поповнення, за яке його отримано, повернено (заявка на повернення %1).</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Refunded %1 of %2.</source>
        <translation>Повернено %1 з %2.</translation>
    </message>
</context>
<context>
    <name>cd::refunds::RefundText</name>
    <message>
        <location filename="../core/refunds/refundtypes.cpp" line="+94"/>
        <source>Pending audit</source>
        <translation>Очікує перевірки</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+44"/>
        <source>Approved</source>
        <translation>Схвалено</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+44"/>
        <source>Rejected</source>
        <translation>Відхилено</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+31"/>
        <source>Applied</source>
        <translation>Подано заявку</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Platform audit</source>
        <translation>Перевірка платформою</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Refunded</source>
        <translation>Повернено</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Partially refunded</source>
        <translation>Повернено частково</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund failed</source>
        <translation>Повернення не вдалося</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>In progress</source>
        <translation>В обробці</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>Не вдалося</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked</source>
        <translation>Відкликано</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Returned to the member</source>
        <translation>Повернуто учаснику</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded by the gateway</source>
        <translation>Повернено шлюзом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused by the gateway</source>
        <translation>Шлюз відмовив</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer from the gateway</source>
        <translation>Шлюз не відповів</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Being processed by the gateway</source>
        <translation>Обробляється платіжним шлюзом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked by the gateway</source>
        <translation>Відкликано платіжним шлюзом</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid in cash at the desk</source>
        <translation>Виплачено готівкою в касі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not paid at the desk</source>
        <translation>Не виплачено в касі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon revoked</source>
        <translation>Купон відкликано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon already used</source>
        <translation>Купон уже використано</translation>
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
        <translation>Статистика аномалій</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Per anomaly code, the bills of the sessions started in the period that carry it, how many are still open or resolved, and the amount involved; optionally per group.</source>
        <translation>За кодом аномалії: рахунки сесій, розпочатих за період, що мають цей код, скільки з них ще відкриті чи вирішені, та сума, якої це стосується; за бажанням — за групами.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Anomaly</source>
        <translation>Аномалія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bills with the code</source>
        <translation>Рахунки з кодом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still open</source>
        <translation>Ще відкриті</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Вирішені</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount involved</source>
        <translation>Сума, якої стосується</translation>
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
        <translation>Субоператора з назвою «%1» немає.</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+21"/>
        <source>Bills</source>
        <translation>Рахунки</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Every session&apos;s current bill in the period: energy, total, settlement and the anomaly codes still open. Filtered by sub-operator it is the partner export.</source>
        <translation>Поточний рахунок кожної сесії за період: енергія, сума, розрахунок і ще відкриті коди аномалій. З фільтром за субоператором це експорт для партнера.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Charging started %1</source>
        <translation>Початок заряджання %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>субоператор %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session</source>
        <translation>Сесія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator</source>
        <translation>Субоператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging started (UTC)</source>
        <translation>Початок заряджання (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>Разом</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>Розрахунок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open anomaly codes</source>
        <translation>Відкриті коди аномалій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill version</source>
        <translation>Версія рахунку</translation>
    </message>
</context>
<context>
    <name>cd::reports::CsvReportWriter</name>
    <message>
        <location filename="../core/reports/csvreportwriter.cpp" line="+25"/>
        <source>Could not create %1: %2</source>
        <translation>Не вдалося створити %1: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+10"/>
        <source>Could not write %1: %2</source>
        <translation>Не вдалося записати %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::DowntimeReport</name>
    <message>
        <location filename="../core/reports/downtimereport.cpp" line="+97"/>
        <location line="+18"/>
        <source>Downtime</source>
        <translation>Простої</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>How long stations were offline, faulted or unavailable in the period, in how many outages, the longest one, and the share of the time they were available.</source>
        <translation>Скільки часу станції були офлайн, несправні чи недоступні за період, у скількох простоях, найдовший із них і частка часу, коли вони були доступні.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stations</source>
        <translation>Станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline (min)</source>
        <translation>Офлайн (хв)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted (min)</source>
        <translation>Несправність (хв)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unavailable (min)</source>
        <translation>Недоступна (хв)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down in all (min)</source>
        <translation>Простій загалом (хв)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outages</source>
        <translation>Простої</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest outage (min)</source>
        <translation>Найдовший простій (хв)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available (‰)</source>
        <translation>Доступність (‰)</translation>
    </message>
</context>
<context>
    <name>cd::reports::ExportJob</name>
    <message>
        <location filename="../core/reports/exportjob.cpp" line="+46"/>
        <source>The export was cancelled.</source>
        <translation>Експорт скасовано.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Say where to write the export.</source>
        <translation>Вкажіть, куди записати експорт.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Could not put %1 in place: %2</source>
        <translation>Не вдалося розмістити %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::FailedStartsReport</name>
    <message>
        <location filename="../core/reports/failedstartsreport.cpp" line="+39"/>
        <location line="+19"/>
        <location line="+12"/>
        <source>Failed starts</source>
        <translation>Невдалі запуски</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Starts that went wrong: remote starts the station rejected or never answered, authorisations rejected and sessions that delivered no energy, with their share of all start attempts.</source>
        <translation>Запуски, що не вдалися: віддалені запуски, які станція відхилила або на які не відповіла, відхилені авторизації та сесії без енергії, з їхньою часткою від усіх спроб запуску.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Start attempts</source>
        <translation>Спроби запуску</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>Розпочато сесій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts</source>
        <translation>Віддалені запуски</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts rejected</source>
        <translation>Віддалені запуски відхилено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote starts unanswered</source>
        <translation>Віддалені запуски без відповіді</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorisation rejected</source>
        <translation>Авторизацію відхилено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions with no energy</source>
        <translation>Сесії без енергії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed (‰ of attempts)</source>
        <translation>Невдалі (‰ від спроб)</translation>
    </message>
</context>
<context>
    <name>cd::reports::JsonReportWriter</name>
    <message>
        <location filename="../core/reports/jsonreportwriter.cpp" line="+73"/>
        <source>Could not create %1: %2</source>
        <translation>Не вдалося створити %1: %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+11"/>
        <source>Could not write %1: %2</source>
        <translation>Не вдалося записати %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::reports::PdfReportWriter</name>
    <message>
        <location filename="../core/reports/pdf/pdfreportwriter.cpp" line="+63"/>
        <source>Could not create %1.</source>
        <translation>Не вдалося створити %1.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Exported %1 (UTC)</source>
        <translation>Експортовано %1 (UTC)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 — page %2</source>
        <translation>%1 — сторінка %2</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Rows: %1</source>
        <translation>Рядків: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not write %1.</source>
        <translation>Не вдалося записати %1.</translation>
    </message>
</context>
<context>
    <name>cd::reports::PeakHoursReport</name>
    <message>
        <location filename="../core/reports/peakhoursreport.cpp" line="+51"/>
        <location line="+15"/>
        <source>Peak hours (UTC)</source>
        <translation>Пікові години (UTC)</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>The hours of the day (UTC) by sessions started, energy and the average number of sessions charging at once.</source>
        <translation>Години доби (UTC) за кількістю розпочатих сесій, енергією та середньою кількістю одночасних заряджань.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Hour (UTC)</source>
        <translation>Година (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started</source>
        <translation>Розпочато сесій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>Час заряджання (хв)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average sessions charging at once</source>
        <translation>Середня кількість одночасних заряджань</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportCatalog</name>
    <message>
        <location filename="../core/reports/reportcatalog.cpp" line="+88"/>
        <location filename="../app/cli/reportcommands.cpp" line="-198"/>
        <source>There is no report named &quot;%1&quot;.</source>
        <translation>Звіту з назвою «%1» немає.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeQuery</name>
    <message>
        <location filename="../core/reports/reportchanges.cpp" line="+55"/>
        <source>There is no report export %1.</source>
        <translation>Експорту звіту %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportChangeText</name>
    <message>
        <location line="-19"/>
        <source>added</source>
        <translation>додано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>вилучено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed</source>
        <translation>змінено</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportExportRepository</name>
    <message>
        <location filename="../core/reports/reportexportrepository.cpp" line="+129"/>
        <source>The snapshot of export %1 is damaged.</source>
        <translation>Знімок експорту %1 пошкоджено.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportFormatText</name>
    <message>
        <location filename="../core/reports/reportwriter.cpp" line="+42"/>
        <source>&quot;%1&quot; is not a report format: use csv, xlsx, pdf or json.</source>
        <translation>«%1» — не формат звіту: використайте csv, xlsx, pdf або json.</translation>
    </message>
</context>
<context>
    <name>cd::reports::ReportParameterText</name>
    <message>
        <location filename="../core/reports/reportparameters.cpp" line="+23"/>
        <source>The report&apos;s parameters are not readable: %1</source>
        <translation>Параметри звіту неможливо прочитати: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Period</source>
        <translation>Період</translation>
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
        <translation>Майданчик</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Group by</source>
        <translation>Групувати за</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split by</source>
        <translation>Розбити за</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag below (%)</source>
        <translation>Позначати нижче (%)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No grouping</source>
        <translation>Без групування</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Виробник</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Whole period</source>
        <translation>Увесь період</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Week</source>
        <translation>Тиждень</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month</source>
        <translation>Місяць</translation>
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
        <translation>Період: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sub-operator %1</source>
        <translation>субоператор %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>site %1</source>
        <translation>майданчик %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per %1</source>
        <translation>за: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The period is empty: it must end after it starts.</source>
        <translation>Період порожній: він має закінчуватися пізніше, ніж починається.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The %1 report cannot be grouped by &quot;%2&quot;; it groups by %3.</source>
        <translation>Звіт %1 не можна групувати за «%2»; він групується за: %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split a report by day, week or month, not &quot;%1&quot;.</source>
        <translation>Звіт можна розбити за днями, тижнями або місяцями, але не за «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The threshold is a percentage from 0 to 1000.</source>
        <translation>Поріг — це відсоток від 0 до 1000.</translation>
    </message>
</context>
<context>
    <name>cd::reports::UtilisationReport</name>
    <message>
        <location filename="../core/reports/utilisationreport.cpp" line="+31"/>
        <location line="+19"/>
        <source>Utilisation</source>
        <translation>Завантаженість</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>How busy the connectors were: sessions started, charging time, the share of the time the connectors were charging, and energy, per group and period.</source>
        <translation>Наскільки завантажені були конектори: розпочаті сесії, час заряджання, частка часу, коли конектори заряджали, та енергія — за групами й періодами.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Period start (UTC)</source>
        <translation>Початок періоду (UTC)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connectors</source>
        <translation>Конектори</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging time (min)</source>
        <translation>Час заряджання (хв)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occupied (‰)</source>
        <translation>Зайнятість (‰)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy (kWh)</source>
        <translation>Енергія (кВт·год)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy per session (kWh)</source>
        <translation>Енергія на сесію (кВт·год)</translation>
    </message>
</context>
<context>
    <name>cd::reports::XlsxReportWriter</name>
    <message>
        <location filename="../core/reports/xlsxreportwriter.cpp" line="+48"/>
        <source>Could not write %1: %2</source>
        <translation>Не вдалося записати %1: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not create %1.</source>
        <translation>Не вдалося створити %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not add sheet %1 to %2.</source>
        <translation>Не вдалося додати аркуш %1 до %2.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Totals</source>
        <translation>Підсумки</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rows</source>
        <translation>Рядки</translation>
    </message>
</context>
<context>
    <name>cd::runtime::RuntimeCommandLine</name>
    <message>
        <location filename="../core/runtime/runtimeoptions.cpp" line="+43"/>
        <source>--%1 must be a whole number of seconds from %2 to %3.</source>
        <translation>--%1 має бути цілою кількістю секунд від %2 до %3.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let stations that are not registered connect and register them (for a lab; never on a public network).</source>
        <translation>Дозволити підключення незареєстрованих станцій і реєструвати їх автоматично (для тестового стенда; ніколи в публічній мережі).</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>--security-profile must be 0, 1, 2 or 3.</source>
        <translation>--security-profile має бути 0, 1, 2 або 3.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Give --%1 or --%2, not both.</source>
        <translation>Вкажіть --%1 або --%2, але не обидва.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>--tls-cert, --tls-key and --tls-ca need --security-profile 2 or 3.</source>
        <translation>--tls-cert, --tls-key і --tls-ca потребують --security-profile 2 або 3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--security-profile %1 needs the server&apos;s certificate and private key: --tls-cert FILE --tls-key FILE.</source>
        <translation>Для --security-profile %1 потрібні сертифікат і закритий ключ сервера: --tls-cert FILE --tls-key FILE.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--security-profile 3 needs --tls-ca FILE: the CA certificates that sign the stations&apos; certificates.</source>
        <translation>Для --security-profile 3 потрібен --tls-ca FILE: сертифікати центру сертифікації, який підписує сертифікати станцій.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Address and port stations connect to, e.g. 0.0.0.0:9000 (default 127.0.0.1:9000). Stations use ws://HOST:PORT/ocpp/&lt;chargePointId&gt;, or wss:// with security profiles 2 and 3.</source>
        <translation>Адреса й порт, до яких підключаються станції, наприклад 0.0.0.0:9000 (типово 127.0.0.1:9000). Станції підключаються до ws://HOST:PORT/ocpp/&lt;chargePointId&gt;, а з профілями безпеки 2 і 3 — до wss://.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OCPP security profile: 0 = no credentials (lab), 1 = HTTP Basic auth with each station&apos;s password (default), 2 = TLS (wss://) and Basic auth, 3 = TLS with a client certificate per station.</source>
        <translation>Профіль безпеки OCPP: 0 — без облікових даних (тестовий стенд), 1 — HTTP Basic auth із власним паролем кожної станції (типово), 2 — TLS (wss://) і Basic auth, 3 — TLS із клієнтським сертифікатом для кожної станції.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>0|1|2|3</source>
        <translation>0|1|2|3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles 2 and 3: the server&apos;s certificate (PEM; intermediate CA certificates may follow it in the same file).</source>
        <translation>Профілі 2 і 3: сертифікат сервера (PEM; у тому самому файлі за ним можуть іти сертифікати проміжних центрів сертифікації).</translation>
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
        <translation>Профілі 2 і 3: закритий ключ цього сертифіката (PEM, незашифрований).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile 3: the CA certificates (PEM) that sign the stations&apos; certificates; each certificate&apos;s common name (CN) must be its station&apos;s id.</source>
        <translation>Профіль 3: сертифікати центру сертифікації (PEM), який підписує сертифікати станцій; загальне ім’я (CN) кожного сертифіката має збігатися з ідентифікатором його станції.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seconds between WebSocket pings; a station that stops answering is shown offline within this plus 20 seconds (default 30, at most 40, 0 = off).</source>
        <translation>Інтервал між WebSocket ping у секундах; станція, що перестала відповідати, показується поза зв’язком не пізніше ніж через цей інтервал плюс 20 секунд (типово 30, не більше 40, 0 — вимкнено).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>seconds</source>
        <translation>секунди</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Heartbeat interval given to stations at boot (default 300).</source>
        <translation>Інтервал heartbeat, який станції отримують під час завантаження (типово 300).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name of this server process in the command table (default host:port).</source>
        <translation>Назва цього серверного процесу в таблиці команд (типово host:port).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+5"/>
        <source>name</source>
        <translation>назва</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>HTTP payment gateway: read its secret key from this environment variable.</source>
        <translation>HTTP-шлюз платежів: читати його секретний ключ із цієї змінної середовища.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP payment gateway: read its secret key from this file (mode 0600).</source>
        <translation>HTTP-шлюз платежів: читати його секретний ключ із цього файлу (права 0600).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this environment variable.</source>
        <translation>Читати секрет підпису звітів шлюзу на /payments/webhook із цієї змінної середовища.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the signing secret of the gateway&apos;s reports to /payments/webhook from this file (mode 0600).</source>
        <translation>Читати секрет підпису звітів шлюзу на /payments/webhook із цього файлу (права 0600).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>--listen must look like 127.0.0.1:9000, got &quot;%1&quot;.</source>
        <translation>--listen має мати вигляд 127.0.0.1:9000, отримано «%1».</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--listen needs an IP address, got &quot;%1&quot;.</source>
        <translation>--listen потребує IP-адреси, отримано «%1».</translation>
    </message>
</context>
<context>
    <name>cd::runtime::StationServerTexts</name>
    <message>
        <location filename="../core/runtime/stationservercontrol.cpp" line="+10"/>
        <source>&quot;%1&quot; is not an address and port such as 127.0.0.1:9000 or 0.0.0.0:9000.</source>
        <extracomment>%1 is what the operator typed as the station server&apos;s address</extracomment>
        <translation>«%1» — не адреса з портом на зразок 127.0.0.1:9000 або 0.0.0.0:9000.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profiles 2 and 3 need the server&apos;s certificate and its private key (PEM files).</source>
        <translation>Профілі безпеки 2 і 3 потребують сертифіката сервера та його закритого ключа (файли PEM).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security profile 3 needs the CA certificate that signed the stations&apos; certificates.</source>
        <translation>Профіль безпеки 3 потребує сертифіката CA, яким підписано сертифікати станцій.</translation>
    </message>
</context>
<context>
    <name>cd::server::CentralSystem</name>
    <message>
        <location filename="../core/server/centralsystem.cpp" line="+72"/>
        <source>The OCPP server is already listening on port %1.</source>
        <translation>OCPP-сервер уже слухає порт %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot listen for OCPP connections on %1 port %2: %3</source>
        <translation>Не вдається приймати OCPP-з’єднання на %1, порт %2: %3</translation>
    </message>
</context>
<context>
    <name>cd::server::ConnectionTexts</name>
    <message>
        <location filename="../core/server/connectionstats.cpp" line="+56"/>
        <source>Not a valid WebSocket upgrade request</source>
        <translation>Неприпустимий запит на перехід до WebSocket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request headers too large</source>
        <translation>Заголовки запиту завеликі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handshake not completed in time</source>
        <translation>Рукостискання не завершено вчасно</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalid connection path or station id</source>
        <translation>Неправильний шлях підключення або ідентифікатор станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown charging station</source>
        <translation>Невідома зарядна станція</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing or wrong credentials</source>
        <translation>Облікові дані відсутні або неправильні</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No OCPP version offered</source>
        <translation>Не запропоновано жодної версії OCPP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCPP version not supported</source>
        <translation>Версія OCPP не підтримується</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many connection attempts at once</source>
        <translation>Забагато одночасних спроб підключення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection closed during the handshake</source>
        <translation>З’єднання закрито під час рукостискання</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server shutting down</source>
        <translation>Сервер завершує роботу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unencrypted connection to the TLS port (wss:// required)</source>
        <translation>Незашифроване підключення до порту TLS (потрібен wss://)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS handshake failed</source>
        <translation>Рукостискання TLS не вдалося</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client certificate does not name the station</source>
        <translation>Клієнтський сертифікат виданий не цій станції</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replaced by a new connection from the same station</source>
        <translation>Замінено новим з’єднанням від тієї самої станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer to WebSocket ping</source>
        <translation>Немає відповіді на WebSocket ping</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the station</source>
        <translation>Закрито станцією</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection lost</source>
        <translation>З’єднання втрачено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message too large</source>
        <translation>Повідомлення завелике</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WebSocket protocol error</source>
        <translation>Помилка протоколу WebSocket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server stopped</source>
        <translation>Сервер зупинено</translation>
    </message>
</context>
<context>
    <name>cd::server::ServerOptionsCheck</name>
    <message>
        <location filename="../core/server/serveroptions.cpp" line="+17"/>
        <source>No OCPP protocol version is enabled for the server.</source>
        <translation>Для сервера не ввімкнено жодної версії протоколу OCPP.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The OCPP path prefix &quot;%1&quot; must start with &quot;/&quot; and must not end with &quot;/&quot;.</source>
        <translation>Префікс шляху OCPP «%1» має починатися з «/» і не може закінчуватися на «/».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The WebSocket ping interval must not be negative and the pong timeout must be positive.</source>
        <translation>Інтервал WebSocket ping не може бути від’ємним, а тайм-аут pong має бути додатним.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum WebSocket message and frame size must be at least 1 KiB.</source>
        <translation>Максимальний розмір повідомлення й кадру WebSocket має бути щонайменше 1 КіБ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The maximum handshake size must be between 512 bytes and 64 KiB.</source>
        <translation>Максимальний розмір рукостискання має бути від 512 байтів до 64 КіБ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The handshake timeout and the close grace period must be positive.</source>
        <translation>Тайм-аут рукостискання й пільговий період закриття мають бути додатними.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least one handshake must be allowed at a time.</source>
        <translation>Має бути дозволено щонайменше одне рукостискання одночасно.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown security profile %1.</source>
        <translation>Невідомий профіль безпеки %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile %1 uses TLS: the server&apos;s certificate and private key files must be set.</source>
        <translation>Профіль безпеки %1 використовує TLS: потрібно вказати файли сертифіката й закритого ключа сервера.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security profile 3 needs the CA certificates that sign the stations&apos; certificates.</source>
        <translation>Профілю безпеки 3 потрібні сертифікати центру сертифікації, який підписує сертифікати станцій.</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActionText</name>
    <message>
        <location filename="../core/sessions/sessionaction.cpp" line="+77"/>
        <source>Finish</source>
        <translation>Завершити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel hold</source>
        <translation>Скасувати холд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finalize</source>
        <translation>Фіналізувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set energy</source>
        <translation>Змінити енергію</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change status</source>
        <translation>Змінити статус</translation>
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
        <translation>Перезавантаження</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 — session %2, station %3</source>
        <translation>%1 — сесія %2, станція %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Command to the station: %1</source>
        <translation>Команда станції: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+22"/>
        <source>Money does not move.</source>
        <translation>Гроші не рухаються.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Status: %1 (unchanged)</source>
        <translation>Статус: %1 (без змін)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status: %1 → %2</source>
        <translation>Статус: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy: %1 Wh (unchanged)</source>
        <translation>Енергія: %1 Вт·год (без змін)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy: %1 Wh → %2 Wh</source>
        <translation>Енергія: %1 Вт·год → %2 Вт·год</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No tariff: the amount stays %1.</source>
        <translation>Тарифу немає: сума лишається %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 (unchanged)</source>
        <translation>Сума: %1 (без змін)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount: %1 → %2</source>
        <translation>Сума: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture %1 of the %2 held.</source>
        <translation>Списати %1 із заблокованих %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Повернути %1 на картку клієнта (зняти блокування).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>Повернути %1 зі списаних коштів.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>%1 із суми перевищує холд і не списується.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1: %2 → %3</source>
        <translation>Холд %1: %2 → %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot run: %1</source>
        <translation>Неможливо виконати: %1</translation>
    </message>
</context>
<context>
    <name>cd::sessions::SessionActions</name>
    <message>
        <location filename="../core/sessions/commandplans.cpp" line="+37"/>
        <source>Session %1 is %2: only a session waiting for its start can be started.</source>
        <translation>Сесія %1 має статус %2: запустити можна лише сесію, що очікує на старт.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 has no id tag to start with.</source>
        <translation>У сесії %1 немає ідентифікатора (картки) для старту.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 cannot be started remotely: its id does not fit a remote start id.</source>
        <translation>Сесію %1 не можна запустити віддалено: її ідентифікатор не вміщується в ідентифікатор віддаленого старту.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Session %1 is %2 and has no transaction on the station: there is nothing to stop.</source>
        <translation>Сесія %1 має статус %2 і не має транзакції на станції: зупиняти нічого.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 is %2: it is not running on the station.</source>
        <translation>Сесія %1 має статус %2: вона не виконується на станції.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Session %1 has no numeric transaction id to stop.</source>
        <translation>Сесія %1 не має числового ідентифікатора транзакції для зупинки.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The session ends when the station reports the stop.</source>
        <translation>Сесія завершиться, коли станція повідомить про зупинку.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A reset restarts the whole station and ends the transactions running on it.</source>
        <translation>Перезавантаження перезапускає всю станцію і завершує транзакції на ній.</translation>
    </message>
    <message>
        <location filename="../core/sessions/moneyplans.cpp" line="+34"/>
        <source>Session %1 is %2 already; there is nothing to finish.</source>
        <translation>Сесія %1 вже має статус %2; завершувати нічого.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session was closed before (%1): its energy stays as it was recorded.</source>
        <translation>Сесію вже закрито раніше (%1): її енергія лишається такою, як записано.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No energy was delivered: the session is canceled and nothing is charged.</source>
        <translation>Енергію не було віддано: сесію скасовано, нічого не списується.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No open payment hold: %1 is to be collected another way.</source>
        <translation>Відкритого холду немає: %1 треба стягнути іншим способом.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: the bank has not reserved the money yet. Wait for the hold, or cancel it.</source>
        <translation>Холд %1 має статус %2: банк ще не заблокував кошти. Дочекайтеся холду або скасуйте його.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hold %1 was captured already: the captured money is refunded.</source>
        <translation>Кошти холду %1 вже списано: списані кошти повертаються.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 has no payment hold to cancel.</source>
        <translation>У сесії %1 немає холду, який можна скасувати.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station may still be charging: send Stop as well.</source>
        <translation>Станція може ще заряджати: надішліть також Стоп.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hold %1 is %2: only a held amount can be captured.</source>
        <translation>Холд %1 у стані %2: списати можна лише заморожену суму.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has no payment hold to finalize.</source>
        <translation>У сесії %1 немає холду для фіналізації.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session %1 reports no total amount; give the amount to capture.</source>
        <translation>Сесія %1 не має загальної суми; вкажіть суму для списання.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A capture needs an amount above zero; use Cancel hold to capture nothing.</source>
        <translation>Для списання потрібна сума, більша за нуль; щоб нічого не списувати, скасуйте холд.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot capture %1: only %2 is held.</source>
        <translation>Неможливо списати %1: заморожено лише %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The session is still open: the station may keep charging after the money is taken.</source>
        <translation>Сесія ще відкрита: станція може продовжувати заряджати після списання коштів.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Give the new energy counter in Wh.</source>
        <translation>Вкажіть нове значення лічильника енергії у Вт·год.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The energy must be between 0 and %1 Wh.</source>
        <translation>Енергія має бути від 0 до %1 Вт·год.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 has %2 Wh already.</source>
        <translation>Сесія %1 вже має %2 Вт·год.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The payment hold is not touched: use Finish or Finalize to take the money.</source>
        <translation>Холд не змінюється: щоб списати кошти, використайте «Завершити» або «Фіналізувати».</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>OVERRIDE ignores the status priorities; the change is recorded with its mode.</source>
        <translation>OVERRIDE ігнорує пріоритети статусів; зміну записано разом із режимом.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold %1 stays as it is: use Finalize or Cancel hold to settle it.</source>
        <translation>Холд %1 лишається як є: щоб закрити його, використайте «Фіналізувати» або «Скасувати холд».</translation>
    </message>
    <message>
        <location filename="../core/sessions/sessionactions.cpp" line="+88"/>
        <source>No session with the id %1.</source>
        <translation>Немає сесії з ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Payments are not available here, so the money of hold %1 cannot be moved.</source>
        <translation>Платежі тут недоступні, тож кошти холду %1 не можна переміщати.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold %1 was made with the %2 gateway, but the %3 gateway is in use now.</source>
        <translation>Холд %1 створено через шлюз %2, але зараз використовується шлюз %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold %1 has no answer from the gateway yet; try again when it has one.</source>
        <translation>Шлюз ще не відповів щодо холду %1; спробуйте ще раз, коли відповідь буде.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment call about hold %1 still waits for the gateway; try again when it has answered.</source>
        <translation>Платіжний запит щодо холду %1 ще чекає на шлюз; спробуйте ще раз після його відповіді.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The tariff is in %1 but the session is in %2: the amount stays %3.</source>
        <translation>Тариф у %1, а сесія у %2: сума лишається %3.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Priced with tariff %1: %2 per kWh at the charging start, with the tariff&apos;s time-of-use periods and idle fee.</source>
        <translation>Розраховано за тарифом %1: %2 за кВт·год на початку заряджання, з часовими зонами тарифу та платою за простій.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The gateway has not answered yet. Payment call %1 stays in the journal and is sent again with the same key.</source>
        <translation>Платіжний шлюз ще не відповів. Платіжний виклик %1 лишається в журналі й буде надісланий знову з тим самим ключем.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The session was changed, but the money call could not be made: %1</source>
        <translation>Сесію змінено, але платіжний виклик зробити не вдалося: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The gateway refused payment call %1: %2</source>
        <translation>Шлюз відхилив платіжний виклик %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gateway did it (payment call %1).</source>
        <translation>Шлюз виконав операцію (платіжний виклик %1).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Who acts must be known: an operator name is required.</source>
        <translation>Має бути відомо, хто діє: потрібне ім&apos;я оператора.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept in the audit log.</source>
        <translation>Потрібна причина: вона зберігається в журналі аудиту.</translation>
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
        <translation>«%1» — не статус сесії. Використайте один із: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session %1 is %2 already.</source>
        <translation>Сесія %1 вже має статус %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Session %1 is %2; SOFT cannot move it back to %3. Use OVERRIDE if you must (it is recorded with its mode).</source>
        <translation>Сесія %1 має статус %2; режим SOFT не може повернути її до %3. За потреби використайте OVERRIDE (зміну буде записано разом із режимом).</translation>
    </message>
</context>
<context>
    <name>cd::sim::MisbehaviourText</name>
    <message>
        <location filename="../core/sim/misbehaviour.cpp" line="+67"/>
        <source>Unknown misbehaviour &quot;%1&quot;. Known: %2.</source>
        <translation>Невідома несправна поведінка «%1». Відомі: %2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The share in &quot;%1&quot; must be between 0 and 1 (or 0%–100%).</source>
        <translation>Частка в «%1» має бути від 0 до 1 (або 0%–100%).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The share in &quot;%1&quot; is not a number.</source>
        <translation>Частка в «%1» не є числом.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; names no share and no stations.</source>
        <translation>«%1» не задає ні частки, ні станцій.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>meter register reads 0 at the start, then jumps to the real value</source>
        <translation>лічильник на початку показує 0, а потім стрибає до справжнього значення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline mid-session and never sends StopTransaction</source>
        <translation>втрачає зв’язок посеред сесії й так і не надсилає StopTransaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes offline, then replays the session&apos;s messages, acknowledged ones included</source>
        <translation>втрачає зв’язок, а потім повторно надсилає повідомлення сесії, зокрема вже підтверджені</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepts RemoteStopTransaction but keeps charging</source>
        <translation>приймає RemoteStopTransaction, але продовжує заряджати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delivers energy with no authorised transaction</source>
        <translation>віддає енергію без авторизованої транзакції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sends every StopTransaction twice</source>
        <translation>надсилає кожне StopTransaction двічі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its clock runs two days ahead: every timestamp it sends lies in the future</source>
        <translation>її годинник поспішає на дві доби: кожна позначка часу, яку вона надсилає, — у майбутньому</translation>
    </message>
</context>
<context>
    <name>cd::sim::SimulatedStation</name>
    <message>
        <location filename="../core/sim/simulatedstation.cpp" line="+106"/>
        <source>connection timed out</source>
        <translation>минув час очікування підключення</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>protocol %1 is not supported by the simulator yet</source>
        <translation>симулятор поки не підтримує протокол %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>stopped</source>
        <translation>зупинено</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the server did not agree to subprotocol %1</source>
        <translation>сервер не погодився на підпротокол %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>connection closed</source>
        <translation>з’єднання закрито</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection closed (code %1)</source>
        <translation>з’єднання закрито (код %1)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>network lost (simulated)</source>
        <translation>втрата мережі (імітація)</translation>
    </message>
    <message>
        <location filename="../core/sim/stationcommands.cpp" line="+132"/>
        <source>rebooting (%1)</source>
        <translation>перезавантаження (%1)</translation>
    </message>
</context>
<context>
    <name>cd::simapp::SimRunner</name>
    <message numerus="yes">
        <location filename="../app/sim/simrunner.cpp" line="+38"/>
        <source>All %n station(s) booted.</source>
        <translation>
            <numerusform>Усі станції завантажилися (%n).</numerusform>
            <numerusform>Усі %n станції завантажилися.</numerusform>
            <numerusform>Усі %n станцій завантажилися.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Simulating %n station(s) against %1 (%2), time scale %3.</source>
        <translation>
            <numerusform>Імітується %n станція, сервер %1 (%2), масштаб часу %3.</numerusform>
            <numerusform>Імітуються %n станції, сервер %1 (%2), масштаб часу %3.</numerusform>
            <numerusform>Імітується %n станцій, сервер %1 (%2), масштаб часу %3.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1% of the stations</source>
        <translation>%1% станцій</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Misbehaviour %1: %2.</source>
        <translation>Несправна поведінка %1: %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stopping now.</source>
        <translation>Негайна зупинка.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping: ending sessions and sending what is queued...</source>
        <translation>Зупинка: завершення сесій і надсилання повідомлень із черги…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>No station could connect to %1 within %n second(s).</source>
        <translation>
            <numerusform>Жодна станція не змогла підключитися до %1 за %n секунду.</numerusform>
            <numerusform>Жодна станція не змогла підключитися до %1 за %n секунди.</numerusform>
            <numerusform>Жодна станція не змогла підключитися до %1 за %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last error: %1</source>
        <translation>Остання помилка: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n station(s) never connected.</source>
        <translation>
            <numerusform>%n станція так і не підключилася.</numerusform>
            <numerusform>%n станції так і не підключилися.</numerusform>
            <numerusform>%n станцій так і не підключилося.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 s | %2/%3 connected, %4 booted | sessions %5 active, %6 done, %7 kWh, %8 refused | messages out %9 in %10 | p50 %11 ms p99 %12 ms | errors %13 | reconnects %14</source>
        <translation>%1 с | підключено %2/%3, завантажено %4 | сесії: активні %5, завершені %6, %7 кВт·год, відхилені %8 | повідомлення: вих. %9, вх. %10 | p50 %11 мс, p99 %12 мс | помилки: %13 | перепідключення: %14</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Summary: %1 of %2 stations connected, %3 reconnects, %4 connection failures.</source>
        <translation>Підсумок: підключилося станцій — %1 із %2, перепідключень — %3, невдалих підключень — %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions: %1 started, %2 finished, %3 kWh delivered; %4 drivers not authorised.</source>
        <translation>Сесії: розпочато %1, завершено %2, відпущено %3 кВт·год; не авторизовано водіїв: %4.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last connection error: %1</source>
        <translation>Остання помилка підключення: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages: %1 sent, %2 received (%3 per second); %4 calls answered by the server, %5 server commands answered.</source>
        <translation>Повідомлення: надіслано %1, отримано %2 (%3 за секунду); відповідей сервера на виклики: %4, відповідей на команди сервера: %5.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reply latency: p50 %1 ms, p99 %2 ms, max %3 ms over %4 calls.</source>
        <translation>Затримка відповіді: p50 %1 мс, p99 %2 мс, макс. %3 мс (викликів: %4).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Errors: %1.</source>
        <translation>Помилки: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n transaction message(s) were still queued at exit.</source>
        <translation>
            <numerusform>На момент виходу в черзі ще залишалося %n транзакційне повідомлення.</numerusform>
            <numerusform>На момент виходу в черзі ще залишалися %n транзакційні повідомлення.</numerusform>
            <numerusform>На момент виходу в черзі ще залишалося %n транзакційних повідомлень.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot write %1: %2</source>
        <translation>Не вдається записати %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statistics written to %1.</source>
        <translation>Статистику записано до %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::ConnectorRepository</name>
    <message>
        <location filename="../core/storage/connectorrepository.cpp" line="+111"/>
        <source>No connector with the internal id %1.</source>
        <translation>Конектора з внутрішнім ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Database</name>
    <message>
        <location filename="../core/storage/database.cpp" line="+90"/>
        <source>The key does not open %1: it is the wrong key, or the file is not a ChargeDesk database. The file was left untouched.</source>
        <translation>Ключ не відкриває %1: ключ неправильний або файл не є базою даних ChargeDesk. Файл залишено без змін.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Не вдається відкрити базу даних %1: %2</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1 is encrypted, but no key was found (%2: %3)
%4</source>
        <translation>%1 зашифровано, але ключ не знайдено (%2: %3)
%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No database key (%1: %2)
%3</source>
        <translation>Немає ключа бази даних (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the database key (%1: %2)
%3</source>
        <translation>Не вдається прочитати ключ бази даних (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot create the folder %1.</source>
        <translation>Не вдається створити теку %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::DatabaseOptions</name>
    <message>
        <location filename="../core/storage/databaseoptions.cpp" line="+17"/>
        <source>Encrypted SQLCipher database file (default: %1).</source>
        <translation>Зашифрований файл бази даних SQLCipher (типово: %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>path</source>
        <translation>шлях</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Shared PostgreSQL database, e.g. postgresql://user:password@host:5432/chargedesk.</source>
        <translation>Спільна база даних PostgreSQL, наприклад postgresql://user:password@host:5432/chargedesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the database key from this file (64 hexadecimal digits, mode 0600) instead of the OS keychain.</source>
        <translation>Читати ключ бази даних із цього файлу (64 шістнадцяткові цифри, режим 0600) замість сховища ключів ОС.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the database key from this environment variable instead of the OS keychain.</source>
        <translation>Читати ключ бази даних із цієї змінної середовища замість сховища ключів ОС.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>назва</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use either --db or --db-url, not both.</source>
        <translation>Укажіть або --db, або --db-url, але не обидва.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use either --db-key-file or --db-key-env, not both.</source>
        <translation>Укажіть або --db-key-file, або --db-key-env, але не обидва.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--db-url must look like postgresql://user:password@host:5432/database.</source>
        <translation>--db-url має мати вигляд postgresql://user:password@host:5432/database.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PostgreSQL database takes no key options; its server secures it.</source>
        <translation>Для бази даних PostgreSQL параметри ключа не потрібні: її захищає сервер.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--db-key-env needs the name of an environment variable.</source>
        <translation>--db-key-env потребує назви змінної середовища.</translation>
    </message>
</context>
<context>
    <name>cd::storage::EnvKeyStore</name>
    <message>
        <location filename="../core/storage/envkeystore.cpp" line="+11"/>
        <source>The environment variable %1 is not set.</source>
        <translation>Змінну середовища %1 не задано.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The environment variable %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>Змінна середовища %1 має містити рівно 64 шістнадцяткові цифри (256-бітний ключ).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key cannot be stored in an environment variable.</source>
        <translation>Ключ не можна зберегти в змінній середовища.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>environment variable %1</source>
        <translation>змінна середовища %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set it to 64 hexadecimal digits, e.g. %1=$(chargedesk-cli key generate)</source>
        <translation>Задайте їй 64 шістнадцяткові цифри, наприклад %1=$(chargedesk-cli key generate)</translation>
    </message>
</context>
<context>
    <name>cd::storage::FileKeyStore</name>
    <message>
        <location filename="../core/storage/filekeystore.cpp" line="+13"/>
        <source>The key file %1 does not exist.</source>
        <translation>Файлу ключа %1 не існує.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>Файл ключа %1 можуть читати інші користувачі; обмежте доступ командою: chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the key file %1: %2</source>
        <translation>Не вдається прочитати файл ключа %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The key file %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>Файл ключа %1 має містити рівно 64 шістнадцяткові цифри (256-бітний ключ).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A key file is only read, never written implicitly.</source>
        <translation>Файл ключа лише читається й ніколи не записується неявно.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>key file %1</source>
        <translation>файл ключа %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create a key file with: chargedesk-cli key generate --out %1</source>
        <translation>Створіть файл ключа командою: chargedesk-cli key generate --out %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 already exists; a key file is never overwritten.</source>
        <translation>%1 уже існує; файл ключа ніколи не перезаписується.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create %1: %2</source>
        <translation>Не вдається створити %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot write %1: %2</source>
        <translation>Не вдається записати %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::storage::IdTagRepository</name>
    <message>
        <location filename="../core/storage/idtagrepository.cpp" line="+61"/>
        <source>&quot;%1&quot; is not a valid id tag: use 1 to 36 printable characters without spaces.</source>
        <translation>«%1» — неприпустимий id tag: використовуйте від 1 до 36 друкованих символів без пробілів.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a valid parent id tag.</source>
        <translation>«%1» — неприпустимий батьківський id tag.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The kind of an id tag is card, app or department.</source>
        <translation>Вид id tag: card, app або department.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <source>The status of an id tag is Accepted, Blocked, Expired or Invalid.</source>
        <translation>Стан id tag: Accepted, Blocked, Expired або Invalid.</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>The number of concurrent sessions must be between 1 and 10000.</source>
        <translation>Кількість одночасних сесій має бути від 1 до 10000.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The id tag %1 already exists.</source>
        <translation>Id tag %1 уже існує.</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+11"/>
        <source>No id tag %1.</source>
        <translation>Id tag %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::storage::KeychainKeyStore</name>
    <message>
        <location filename="../core/storage/keychainkeystore.cpp" line="+48"/>
        <location line="+21"/>
        <source>The OS keychain did not answer in time.</source>
        <translation>Сховище ключів ОС не відповіло вчасно.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>The keychain entry for this database is damaged.</source>
        <translation>Запис сховища ключів для цієї бази даних пошкоджено.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OS keychain holds no key for this database.</source>
        <translation>У сховищі ключів ОС немає ключа для цієї бази даних.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The OS keychain is not available: %1</source>
        <translation>Сховище ключів ОС недоступне: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot store the database key in the OS keychain: %1</source>
        <translation>Не вдається зберегти ключ бази даних у сховищі ключів ОС: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OS keychain</source>
        <translation>сховище ключів ОС</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlock the desktop keychain, or pass --db-key-file PATH (a 0600 file with 64 hexadecimal digits) or --db-key-env NAME (an environment variable holding them). Generate a key with: chargedesk-cli key generate</source>
        <translation>Розблокуйте сховище ключів робочого столу або передайте --db-key-file ШЛЯХ (файл із режимом 0600, що містить 64 шістнадцяткові цифри) чи --db-key-env НАЗВА (змінна середовища з ними). Згенерувати ключ: chargedesk-cli key generate</translation>
    </message>
</context>
<context>
    <name>cd::storage::Migrator</name>
    <message>
        <location filename="../core/storage/migrator.cpp" line="+115"/>
        <source>There is no schema version %1.</source>
        <translation>Версії схеми %1 не існує.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database has schema version %1, newer than this ChargeDesk understands (%2). Install the newer ChargeDesk that wrote it.</source>
        <translation>База даних має версію схеми %1, новішу, ніж підтримує цей ChargeDesk (%2). Установіть новішу версію ChargeDesk, яка її записала.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>Міграція %1 (%2) не вдалася, зміни відкочено: %3</translation>
    </message>
</context>
<context>
    <name>cd::storage::SessionRepository</name>
    <message>
        <location filename="../core/storage/sessionrepository.cpp" line="+180"/>
        <source>The new session %1 cannot be read back.</source>
        <translation>Нову сесію %1 не вдається прочитати після запису.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No session with the id %1.</source>
        <translation>Сесії з ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::storage::SiteRepository</name>
    <message>
        <location filename="../core/storage/siterepository.cpp" line="+22"/>
        <source>A name has at most %1 characters.</source>
        <translation>Назва має щонайбільше %1 символів.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Say which site.</source>
        <translation>Вкажіть майданчик.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+107"/>
        <source>There is no site %1.</source>
        <translation>Немає майданчика %1.</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>There is no site named &quot;%1&quot;.</source>
        <translation>Немає майданчика з назвою «%1».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sites are named &quot;%2&quot;; name one by its id, e.g. #%3.</source>
        <translation>%1 майданчиків мають назву «%2»; вкажіть один за id, напр. #%3.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no sub-operator named &quot;%1&quot;.</source>
        <translation>Немає субоператора з назвою «%1».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the sub-operator a name.</source>
        <translation>Дайте субоператору назву.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The settlement mode is settle_first or hold_until_corrected, not &quot;%1&quot;.</source>
        <translation>Режим розрахунку — settle_first або hold_until_corrected, а не «%1».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A sub-operator named &quot;%1&quot; exists already.</source>
        <translation>Субоператор з назвою «%1» уже є.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give the site a name.</source>
        <translation>Дайте майданчику назву.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A site&apos;s name cannot start with #: that is how a site is named by its id.</source>
        <translation>Назва майданчика не може починатися з #: так майданчик позначають за його id.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A site named &quot;%1&quot; exists already.</source>
        <translation>Майданчик з назвою «%1» уже є.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No station with the id %1.</source>
        <translation>Станції з ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+78"/>
        <source>Database error: %1 values for the placeholders of (%2)</source>
        <translation>Помилка бази даних: %1 значень для заповнювачів у (%2)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Database error: %1 (%2)</source>
        <translation>Помилка бази даних: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::storage::SqlCipherDriver</name>
    <message>
        <location filename="../core/storage/sqlcipherdriver.cpp" line="+50"/>
        <source>QSQLCIPHER_BUSY_TIMEOUT needs a number of milliseconds, got &quot;%1&quot;</source>
        <translation>QSQLCIPHER_BUSY_TIMEOUT потребує кількості мілісекунд, отримано «%1»</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown connect option &quot;%1&quot;</source>
        <translation>невідомий параметр підключення «%1»</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Invalid connect options: %1</source>
        <translation>Неправильні параметри підключення: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database key must be exactly 64 hexadecimal digits (a raw 256-bit key); passphrases are not accepted</source>
        <translation>Ключ бази даних має складатися рівно з 64 шістнадцяткових цифр (необроблений 256-бітний ключ); парольні фрази не приймаються</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No database file name given</source>
        <translation>Не вказано ім’я файлу бази даних</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot open the database file %1</source>
        <translation>Не вдається відкрити файл бази даних %1</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>The key does not open the database file %1: wrong key, or not an encrypted ChargeDesk database</source>
        <translation>Ключ не відкриває файл бази даних %1: ключ неправильний або це не зашифрована база даних ChargeDesk</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Cannot read the database file %1</source>
        <translation>Не вдається прочитати файл бази даних %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read the cipher version of %1</source>
        <translation>Не вдається прочитати версію шифру %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The linked SQLite library is not SQLCipher; refusing to open %1 without encryption</source>
        <translation>Підключена бібліотека SQLite не є SQLCipher; відкривати %1 без шифрування відмовлено</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot switch %1 to WAL journal mode</source>
        <translation>Не вдається перевести %1 у режим журналу WAL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot switch %1 to WAL journal mode (SQLite answered &quot;%2&quot;)</source>
        <translation>Не вдається перевести %1 у режим журналу WAL (SQLite відповіла «%2»)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply &quot;%1&quot;</source>
        <translation>Не вдається застосувати «%1»</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Cannot close the database</source>
        <translation>Не вдається закрити базу даних</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot begin the transaction</source>
        <translation>Не вдається почати транзакцію</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot commit the transaction</source>
        <translation>Не вдається зафіксувати транзакцію</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot roll back the transaction</source>
        <translation>Не вдається відкотити транзакцію</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database is not open</source>
        <translation>Базу даних не відкрито</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(another connection kept the database locked for longer than the busy timeout of %1 ms)</source>
        <translation>(інше з’єднання тримало базу даних заблокованою довше за тайм-аут очікування %1 мс)</translation>
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
        <translation>Не вдається підготувати інструкцію</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+42"/>
        <source>The database is not open</source>
        <translation>Базу даних не відкрито</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Only one statement can be run at a time</source>
        <translation>За один раз можна виконати лише одну інструкцію</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The query holds no SQL statement</source>
        <translation>Запит не містить інструкції SQL</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+156"/>
        <source>Cannot execute the statement</source>
        <translation>Не вдається виконати інструкцію</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>No statement is prepared</source>
        <translation>Жодну інструкцію не підготовлено</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+12"/>
        <source>Cannot bind the values</source>
        <translation>Не вдається прив’язати значення</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Parameter count mismatch: the statement has %1 placeholders, %2 values are bound</source>
        <translation>Кількість параметрів не збігається: інструкція має заповнювачів: %1, прив’язано значень: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No value is bound for %1</source>
        <translation>Для %1 не прив’язано значення</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+54"/>
        <source>Cannot bind the value for %1</source>
        <translation>Не вдається прив’язати значення для %1</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 does not fit in a signed 64-bit integer</source>
        <translation>%1 не вміщується в 64-бітне ціле число зі знаком</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+12"/>
        <source>The value is too large</source>
        <translation>Значення завелике</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>QDateTime values are not accepted: store time as UTC epoch milliseconds (qint64, QDateTime::toMSecsSinceEpoch())</source>
        <translation>Значення QDateTime не приймаються: зберігайте час як мілісекунди епохи UTC (qint64, QDateTime::toMSecsSinceEpoch())</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Values of type %1 cannot be stored</source>
        <translation>Значення типу %1 не можна зберегти</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+164"/>
        <source>Cannot fetch the row</source>
        <translation>Не вдається отримати рядок</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationRepository</name>
    <message>
        <location filename="../core/storage/stationrepository.cpp" line="+67"/>
        <source>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</source>
        <translation>«%1» — неприпустимий ідентифікатор зарядної станції: використовуйте від 1 до 48 друкованих символів без пробілів, «/», «?», «#» і «%».</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Latitude must be between -90 and 90.</source>
        <translation>Широта має бути в межах від -90 до 90.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longitude must be between -180 and 180.</source>
        <translation>Довгота має бути в межах від -180 до 180.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>A station with the id %1 already exists.</source>
        <translation>Станція з ідентифікатором %1 уже існує.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Give both the latitude and the longitude, or neither.</source>
        <translation>Вкажіть і широту, і довготу, або жодної.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No station with the id %1.</source>
        <translation>Станції з ідентифікатором %1 немає.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No station with the internal id %1.</source>
        <translation>Станції з внутрішнім ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+51"/>
        <source>No station with the internal id %1.</source>
        <translation>Станції з внутрішнім ідентифікатором %1 немає.</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>The security profile must be 0, 1, 2 or 3.</source>
        <translation>Профіль безпеки має бути 0, 1, 2 або 3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No station with the id %1.</source>
        <translation>Станції з ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::ui::AccountsPage</name>
    <message>
        <location filename="../ui/accounts/accountspage.cpp" line="+94"/>
        <source>Members</source>
        <translation>Учасники</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Departments</source>
        <translation>Підрозділи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купони</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariffs</source>
        <translation>Тарифи</translation>
    </message>
</context>
<context>
    <name>cd::ui::ActionDialog</name>
    <message>
        <location filename="../ui/operators/actiondialog.cpp" line="+33"/>
        <source>Optional, kept in the audit log</source>
        <translation>Необов’язково, зберігається в журналі аудиту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eason:</source>
        <translation>При&amp;чина:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertActionDialog</name>
    <message>
        <location filename="../ui/alerts/alertactiondialog.cpp" line="+22"/>
        <source>Acknowledge alert</source>
        <translation>Підтвердити сповіщення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign alert</source>
        <translation>Призначити сповіщення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve alert</source>
        <translation>Вирішити сповіщення</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Assign to:</source>
        <translation>Виконавець:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What was done (required)</source>
        <translation>Що зроблено (обов’язково)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Optional</source>
        <translation>Необов’язково</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>Примітка:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Acknowledge</source>
        <translation>Підтвердити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign</source>
        <translation>Призначити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve</source>
        <translation>Вирішити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
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
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who</source>
        <translation>Хто</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Що</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Примітка</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTableModel</name>
    <message>
        <location line="-111"/>
        <source>Cleared</source>
        <extracomment>an alert resolved by itself: its condition is gone (station back online, fault cleared)</extracomment>
        <translation>Зникло</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Alert</source>
        <translation>Сповіщення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened</source>
        <translation>Відкрито</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Востаннє</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Times</source>
        <extracomment>column: how many times the alert&apos;s condition was seen</extracomment>
        <translation>Разів</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned to</source>
        <translation>Виконавець</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Подробиці</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertTray</name>
    <message>
        <location filename="../ui/alerts/alerttray.cpp" line="+70"/>
        <source>New alert</source>
        <translation>Нове сповіщення</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n нове сповіщення</numerusform>
            <numerusform>%n нові сповіщення</numerusform>
            <numerusform>%n нових сповіщень</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsPage</name>
    <message>
        <location filename="../ui/alerts/alertspage.cpp" line="+275"/>
        <source>Select an alert to see its history.</source>
        <translation>Виберіть сповіщення, щоб побачити його історію.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Session id %1</source>
        <translation>Ідентифікатор сесії %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e-mail</source>
        <translation>лист</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>webhook</source>
        <translation>вебхук</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent</source>
        <translation>%1: надіслано</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 failed: %2</source>
        <translation>%1: не вдалося: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 waiting (attempt %2)</source>
        <translation>%1: очікує (спроба %2)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Alert %1: %2</source>
        <translation>Сповіщення %1: %2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&amp;Show:</source>
        <translation>&amp;Показати:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open and acknowledged</source>
        <translation>Відкриті й підтверджені</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>Відкрите</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acknowledged</source>
        <translation>Підтверджене</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolved</source>
        <translation>Вирішене</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All</source>
        <translation>Усі</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No alerts here.</source>
        <translation>Тут немає сповіщень.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 alerts shown, more when you scroll down</source>
        <translation>Показано сповіщень: %1, решта — під час прокручування</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n сповіщення</numerusform>
            <numerusform>%n сповіщення</numerusform>
            <numerusform>%n сповіщень</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Підтвердити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assi&amp;gn…</source>
        <translation>При&amp;значити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resolve…</source>
        <translation>&amp;Вирішити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Історія</translation>
    </message>
</context>
<context>
    <name>cd::ui::AlertsSection</name>
    <message>
        <location filename="../ui/settings/alertssection.cpp" line="+174"/>
        <source>Saved. The station server uses them from its next start.</source>
        <translation>Збережено. Сервер станцій застосує їх після наступного запуску.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Alerts</source>
        <translation>Сповіщення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station offline after:</source>
        <translation>Станція не на зв’язку через:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heartbeat overdue after:</source>
        <translation>Немає heartbeat через:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> × interval</source>
        <extracomment>a multiplier: the heartbeat is overdue after N times its interval</extracomment>
        <translation> × інтервал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter jump above:</source>
        <translation>Стрибок лічильника понад:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Wh</source>
        <translation> Вт·год</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send alerts by e-mail</source>
        <translation>Надсилати сповіщення листом</translation>
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
        <translation>Шифрування:</translation>
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
        <translation>Без шифрування (лише цей комп’ютер)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name:</source>
        <translation>Ім’я користувача:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: no login</source>
        <translation>порожньо: без входу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>Від:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>addresses, separated by commas</source>
        <translation>адреси через кому</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post alerts to a webhook</source>
        <translation>Надсилати сповіщення на вебхук</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webhook address:</source>
        <translation>Адреса вебхука:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>Застосувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station server checks the rules every few seconds; each alert is sent once per channel and tried again later when sending fails. The SMTP password is not kept here: the station server reads it from the environment variable %1. Changes apply when the station server starts again.</source>
        <translation>Сервер станцій перевіряє правила кожні кілька секунд; кожне сповіщення надсилається по одному разу в кожен канал і повторюється пізніше, якщо надіслати не вдалося. Пароль SMTP тут не зберігається: сервер станцій бере його зі змінної середовища %1. Зміни діють після наступного запуску сервера станцій.</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillDetail</name>
    <message>
        <location filename="../ui/anomalies/anomalybilldetail.cpp" line="+123"/>
        <source>Anomalies</source>
        <translation>Аномалії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill, line by line</source>
        <translation>Рахунок по рядках</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a bill to see its anomalies and lines.</source>
        <translation>Виберіть рахунок, щоб побачити його аномалії та рядки.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1, version %2 · session %3</source>
        <extracomment>%1 the bill&apos;s id, %2 its version (2 and more: corrected), %3 the session number</extracomment>
        <translation>Рахунок %1, версія %2 · сеанс %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session %1 (no bill)</source>
        <translation>Сеанс %1 (без рахунку)</translation>
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
        <translation>Станція: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session: %1 – %2</source>
        <translation>Сеанс: %1 – %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session: from %1, not ended</source>
        <translation>Сеанс: з %1, не завершено</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy: %1</source>
        <translation>Енергія: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>(the station&apos;s bill: %1)</source>
        <translation>(у рахунку станції: %1)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>energy %1</source>
        <translation>енергія %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service %1</source>
        <translation>послуга %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>idle %1</source>
        <translation>простій %1</translation>
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
        <translation>Разом: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settlement: %1</source>
        <translation>Розрахунок: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>    resolved %1 by bill %2</source>
        <translation>    усунуто %1 рахунком %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>    resolved %1</source>
        <translation>    усунуто %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>    found %1, open</source>
        <translation>    виявлено %1, відкрито</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bill keeps no lines (it was not computed by ChargeDesk).</source>
        <translation>Рахунок не має рядків (його обчислив не ChargeDesk).</translation>
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
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Codes</source>
        <extracomment>column: the anomaly codes of a bill, such as 3,8</extracomment>
        <translation>Коди</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>Разом</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement</source>
        <extracomment>column: whether the bill&apos;s money has moved (settled, provisional, held)</extracomment>
        <translation>Розрахунок</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model and firmware</source>
        <extracomment>column: the station&apos;s vendor, model and firmware version</extracomment>
        <translation>Модель і прошивка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site</source>
        <translation>Майданчик</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found</source>
        <extracomment>column: when the anomaly was found</extracomment>
        <translation>Виявлено</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyBillsPage</name>
    <message>
        <location filename="../ui/anomalies/anomalybillspage.cpp" line="+448"/>
        <source>Counting…</source>
        <translation>Рахуємо…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No anomaly bills match the filter.</source>
        <translation>Жоден аномальний рахунок не відповідає фільтру.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln bill(s) match</source>
        <translation>
            <numerusform>%Ln рахунок відповідає фільтру</numerusform>
            <numerusform>%Ln рахунки відповідають фільтру</numerusform>
            <numerusform>%Ln рахунків відповідають фільтру</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all selected</source>
        <translation>вибрано всі</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln вибрано</numerusform>
            <numerusform>%Ln вибрано</numerusform>
            <numerusform>%Ln вибрано</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Bills</source>
        <translation>Рахунки</translation>
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
        <translation>Вибрати &amp;всі за фільтром</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear selection</source>
        <translation>&amp;Зняти вибір</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Correct…</source>
        <translation>&amp;Виправити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the selected bills (or the highlighted one) with a preview of every effect</source>
        <translation>Виправити вибрані рахунки (або виділений) з попереднім переглядом усіх наслідків</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick bills to select them; Space ticks every highlighted row</source>
        <translation>Позначайте рахунки, щоб вибрати їх; пробіл позначає всі виділені рядки</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyFilterBar</name>
    <message>
        <location filename="../ui/anomalies/anomalyfilterbar.cpp" line="+272"/>
        <location line="+24"/>
        <source>All codes</source>
        <translation>Усі коди</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Codes: %1</source>
        <extracomment>the anomaly code filter&apos;s button: %1 the chosen codes, such as &quot;3, 8&quot;</extracomment>
        <translation>Коди: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show bills with any of the chosen anomaly codes</source>
        <translation>Показати рахунки з будь-яким із вибраних кодів аномалій</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All stations</source>
        <translation>Усі станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any firmware</source>
        <translation>Будь-яка прошивка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware version of the station</source>
        <translation>Версія прошивки станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the session started</source>
        <translation>Коли почався сеанс</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any time</source>
        <translation>За весь час</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Today</source>
        <translation>Сьогодні</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 7 days</source>
        <translation>Останні 7 днів</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 30 days</source>
        <translation>Останні 30 днів</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This month</source>
        <translation>Цей місяць</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last month</source>
        <translation>Минулий місяць</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dates…</source>
        <translation>Дати…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sessions started on or after this day</source>
        <translation>Сеанси, що почалися цього дня або пізніше</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started on or before this day</source>
        <translation>Сеанси, що почалися цього дня або раніше</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Відкриті</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Corrected</source>
        <extracomment>anomaly bills whose anomalies were all resolved by a correction</extracomment>
        <translation>Виправлені</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open and corrected</source>
        <translation>Відкриті й виправлені</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open: an anomaly waits for a correction</source>
        <translation>Відкриті: аномалія чекає на виправлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session number</source>
        <translation>Номер сеансу</translation>
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
        <translation>Період</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly</source>
        <translation>Аномалія</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model and firmware</source>
        <translation>Модель і прошивка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Аномальні рахунки</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sessions</source>
        <extracomment>column: all sessions of the station in the period</extracomment>
        <translation>Сеанси</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share</source>
        <extracomment>column: anomaly bills as a share of all sessions</extracomment>
        <translation>Частка</translation>
    </message>
</context>
<context>
    <name>cd::ui::AnomalyStatisticsView</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/anomalystatisticsview.cpp" line="+100"/>
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>Збережено %n рядок у %1.</numerusform>
            <numerusform>Збережено %n рядки у %1.</numerusform>
            <numerusform>Збережено %n рядків у %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Export anomaly statistics</source>
        <translation>Експорт статистики аномалій</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV files (*.csv)</source>
        <translation>Файли CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saving %1…</source>
        <translation>Збереження %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Counting…</source>
        <translation>Рахуємо…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No anomaly bills match the filter.</source>
        <translation>Жоден аномальний рахунок не відповідає фільтру.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 anomaly bills in %2 rows</source>
        <extracomment>%1 anomaly bills (a bill with two codes counts once), %2 rows of code × station × period</extracomment>
        <translation>Аномальних рахунків: %1, рядків: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Group by:</source>
        <translation>&amp;Групувати за:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Week</source>
        <translation>Тиждень</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Month</source>
        <translation>Місяць</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Експорт у CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share: anomaly bills with the code among all sessions of the station started in the period</source>
        <translation>Частка: рахунки з цим кодом серед усіх сеансів станції, що почалися в цьому періоді</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApplyRefundDialog</name>
    <message>
        <location filename="../ui/refunds/applyrefunddialog.cpp" line="+23"/>
        <source>New refund application</source>
        <translation>Нова заявка на повернення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name, phone, e-mail or card</source>
        <translation>Ім&apos;я, телефон, e-mail або картка</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The member&apos;s reason, e.g. moving to another city</source>
        <translation>Причина учасника, напр. переїзд в інше місто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the unused coupons earned by the refunded top-ups</source>
        <translation>Відкликати невикористані купони, отримані за повернені поповнення</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Find member:</source>
        <translation>Знайти учасника:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member:</source>
        <translation>Учасник:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount (%1):</source>
        <translation>Сума (%1):</translation>
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
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (refundable %2)</source>
        <extracomment>a member in the refund application&apos;s picker: name and what may be refunded</extracomment>
        <translation>%1 (до повернення %2)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 is taken off %2&apos;s balance and kept as a pending refund until the audit decides:</source>
        <extracomment>the first line of the confirmation: what the application does to the member&apos;s money</extracomment>
        <translation>%1 знімається з балансу учасника %2 і тримається як очікуване повернення, доки перевірка не вирішить:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance: %1</source>
        <translation>Баланс: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refundable: %1</source>
        <translation>До повернення: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending refund: %1</source>
        <translation>Очікуване повернення: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When refunded, the unused coupons earned by the refunded top-ups are revoked.</source>
        <translation>Після повернення невикористані купони, отримані за повернені поповнення, відкликаються.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons earned by the refunded top-ups are kept.</source>
        <translation>Купони, отримані за повернені поповнення, залишаються.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejecting the application gives all of it back to the member.</source>
        <translation>Якщо заявку відхилити, уся сума повернеться учаснику.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Balance %1 · refundable %2 · pending refund %3</source>
        <translation>Баланс %1 · до повернення %2 · очікуване повернення %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No member found.</source>
        <translation>Учасника не знайдено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most %1</source>
        <translation>Щонайбільше %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 can be refunded to %2.</source>
        <translation>Учаснику %2 можна повернути щонайбільше %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has nothing refundable.</source>
        <translation>У %1 немає суми до повернення.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply for %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>Подати заявку на %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Переглянути…</translation>
    </message>
</context>
<context>
    <name>cd::ui::ApproveRefundDialog</name>
    <message>
        <location filename="../ui/refunds/approverefunddialog.cpp" line="+22"/>
        <source>Approve refund</source>
        <translation>Схвалити повернення</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>Чому: зберігається в історії повернення</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Commission (%1):</source>
        <translation>Комісія (%1):</translation>
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
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Approve and refund %1</source>
        <extracomment>the button that approves and sends the money back, after the operator has seen where it goes</extracomment>
        <translation>Схвалити й повернути %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The commission must be less than the amount applied for (%1).</source>
        <translation>Комісія має бути меншою за суму заявки (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Переглянути…</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditChangesModel</name>
    <message>
        <location filename="../ui/audit/auditchangesmodel.cpp" line="+131"/>
        <source>(whole record)</source>
        <translation>(увесь запис)</translation>
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
        <translation>Після</translation>
    </message>
</context>
<context>
    <name>cd::ui::AuditPage</name>
    <message>
        <location filename="../ui/audit/auditpage.cpp" line="+227"/>
        <source>Select an entry to see what it changed.</source>
        <translation>Виберіть запис, щоб побачити, що він змінив.</translation>
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
        <translation>Причину не вказано.</translation>
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
            <numerusform>Показано %n найновіший запис; прокрутіть униз, щоб побачити старіші.</numerusform>
            <numerusform>Показано %n найновіші записи; прокрутіть униз, щоб побачити старіші.</numerusform>
            <numerusform>Показано %n найновіших записів; прокрутіть униз, щоб побачити старіші.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries.</source>
        <translation>
            <numerusform>%n запис.</numerusform>
            <numerusform>%n записи.</numerusform>
            <numerusform>%n записів.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Subject:</source>
        <translation>&amp;Об’єкт:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Усі</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number or name</source>
        <translation>Номер або назва</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator:</source>
        <translation>&amp;Оператор:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login, as recorded</source>
        <translation>Логін, як записано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period:</source>
        <translation>&amp;Період:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>За весь час</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сьогодні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Останні 7 днів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Останні 30 днів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Оновити</translation>
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
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Дія</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>Об’єкт</translation>
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
        <translation>Сповіщення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>Рахунок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>Купон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule</source>
        <translation>Правило купонів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Підрозділ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts</source>
        <translation>Квитанції шлюзу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (id tag)</source>
        <translation>Картка (id tag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login session</source>
        <translation>Сеанс входу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation>Учасник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment hold</source>
        <translation>Блокування коштів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Повернення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging session</source>
        <translation>Сесія заряджання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Майданчик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site meter reading</source>
        <translation>Показник лічильника майданчика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станція</translation>
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
        <translation>Сповіщення підтверджено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert assigned</source>
        <translation>Сповіщення призначено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert resolved</source>
        <translation>Сповіщення вирішено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill corrected</source>
        <translation>Рахунок виправлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill credited</source>
        <translation>Кошти за рахунком повернено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill debited</source>
        <translation>Кошти за рахунком списано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command sent to a station</source>
        <translation>Команду надіслано станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon earned</source>
        <translation>Купон отримано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon revoked</source>
        <translation>Купон відкликано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched on</source>
        <translation>Правило купонів увімкнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule created</source>
        <translation>Правило купонів створено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule switched off</source>
        <translation>Правило купонів вимкнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department billing changed</source>
        <translation>Розрахунки підрозділу змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department created</source>
        <translation>Підрозділ створено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department topped up</source>
        <translation>Підрозділ поповнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway receipts imported</source>
        <translation>Квитанції шлюзу імпортовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card added</source>
        <translation>Картку додано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login ended by an administrator</source>
        <translation>Вхід завершено адміністратором</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member created</source>
        <translation>Учасника створено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop threshold changed</source>
        <translation>Поріг автозупинки змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member topped up</source>
        <translation>Учасника поповнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member changed</source>
        <translation>Учасника змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading replaced</source>
        <translation>Показник лічильника замінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meter reading entered</source>
        <translation>Показник лічильника внесено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator added</source>
        <translation>Оператора додано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator disabled</source>
        <translation>Оператора вимкнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator enabled</source>
        <translation>Оператора увімкнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login locked after wrong passwords</source>
        <translation>Вхід заблоковано після неправильних паролів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in</source>
        <translation>Вхід виконано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged out</source>
        <translation>Вихід виконано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password changed</source>
        <translation>Пароль змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins at once changed</source>
        <translation>Кількість одночасних входів змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role of an operator changed</source>
        <translation>Роль оператора змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login unlocked</source>
        <translation>Вхід розблоковано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund applied for</source>
        <translation>Подано заявку на повернення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund approved</source>
        <translation>Повернення схвалено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund recorded</source>
        <translation>Повернення записано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund rejected</source>
        <translation>Повернення відхилено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role created</source>
        <translation>Роль створено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role deleted</source>
        <translation>Роль видалено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions granted</source>
        <translation>Дозволи надано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions revoked</source>
        <translation>Дозволи відкликано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold cancelled</source>
        <translation>Блокування коштів скасовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held money captured</source>
        <translation>Заблоковані кошти списано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finalized</source>
        <translation>Сесію завершено остаточно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session finished</source>
        <translation>Сесію закрито</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment settled</source>
        <translation>Оплату проведено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session priced</source>
        <translation>Вартість сесії розраховано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station reset for a session</source>
        <translation>Станцію перезапущено для сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy set</source>
        <translation>Енергію встановлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start</source>
        <translation>Дистанційний запуск</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session status changed</source>
        <translation>Статус сесії змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote stop</source>
        <translation>Дистанційна зупинка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site added</source>
        <translation>Майданчик додано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site&apos;s sub-operator changed</source>
        <translation>Суб-оператора майданчика змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station added</source>
        <translation>Станцію додано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station placed on the map</source>
        <translation>Станцію розміщено на мапі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station&apos;s site changed</source>
        <translation>Майданчик станції змінено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-operator added</source>
        <translation>Суб-оператора додано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff created</source>
        <translation>Тариф створено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tariff retired</source>
        <translation>Тариф виведено з дії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tariff version</source>
        <translation>Нова версія тарифу</translation>
    </message>
</context>
<context>
    <name>cd::ui::CardDialog</name>
    <message>
        <location filename="../ui/accounts/carddialog.cpp" line="+20"/>
        <location line="+23"/>
        <source>Add card</source>
        <translation>Додати картку</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Add department card</source>
        <translation>Додати картку підрозділу</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card (id tag):</source>
        <translation>Картка (id tag):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vehicles at once:</source>
        <extracomment>how many vehicles one department card may charge at the same time</extracomment>
        <translation>Авто одночасно:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>An id tag is 1 to 36 printable characters without spaces.</source>
        <translation>Id tag — від 1 до 36 друкованих символів без пробілів.</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangeDialog</name>
    <message>
        <location filename="../ui/operators/changedialog.cpp" line="+22"/>
        <location line="+2"/>
        <source>Change role</source>
        <translation>Змінити роль</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>The role of %1 decides what they may see and do, from their next action on.</source>
        <translation>Роль %1 визначає, що цей оператор може бачити й робити, починаючи з наступної дії.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins at once</source>
        <translation>Одночасні входи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many consoles %1 may be logged in on at the same time.</source>
        <translation>У скількох консолях %1 може бути одночасно.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Зберегти</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logins &amp;at once:</source>
        <translation>Одночасні &amp;входи:</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Reset password</source>
        <translation>Скинути пароль</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>A new password for %1. Their open logins stay open; tell them the new password.</source>
        <translation>Новий пароль для %1. Відкриті входи залишаються; повідомте операторові новий пароль.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Disable operator</source>
        <translation>Вимкнути оператора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable %1? Their open logins end now, and they cannot log in until an administrator enables the account again.</source>
        <translation>Вимкнути %1? Відкриті входи завершаться зараз, і увійти не вдасться, доки адміністратор знову не ввімкне обліковий запис.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disable</source>
        <translation>Вимкнути</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enable operator</source>
        <translation>Увімкнути оператора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable %1? They can log in again with their password.</source>
        <translation>Увімкнути %1? Оператор знову зможе увійти зі своїм паролем.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>Увімкнути</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock login</source>
        <translation>Розблокувати вхід</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock %1? Too many wrong passwords locked this login; unlocked, it can log in again now.</source>
        <translation>Розблокувати %1? Цей вхід заблоковано через забагато неправильних паролів; після розблокування з ним можна знову входити.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock</source>
        <translation>Розблокувати</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End login session</source>
        <translation>Завершити сеанс входу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the login of %1? The console they use asks them to log in again.</source>
        <translation>Завершити вхід %1? Консоль, якою користується оператор, попросить увійти знову.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End session</source>
        <translation>Завершити сеанс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New role</source>
        <translation>Нова роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A custom role. Tick its permissions after it is made, then Apply.</source>
        <translation>Власна роль. Після створення позначте її дозволи й натисніть «Застосувати».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create role</source>
        <translation>Створити роль</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name:</source>
        <translation>&amp;Ім’я:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start with the permissions of %1</source>
        <translation>Почати з дозволів ролі %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Delete role</source>
        <translation>Видалити роль</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Delete the role %1? Only a role no operator has can be deleted.</source>
        <translation>Видалити роль %1? Видалити можна лише роль, якої немає в жодного оператора.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change permissions</source>
        <translation>Змінити дозволи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the permissions of %1?</source>
        <translation>Змінити дозволи ролі %1?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Застосувати</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../ui/access/changepassworddialog.cpp" line="+89"/>
        <source>Type your current password.</source>
        <translation>Введіть свій поточний пароль.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change the password of %1</source>
        <extracomment>%1 is the operator&apos;s login</extracomment>
        <translation>Зміна пароля %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Current password:</source>
        <translation>&amp;Поточний пароль:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change password</source>
        <translation>Змінити пароль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>cd::ui::ChartQuantities</name>
    <message>
        <location filename="../ui/charts/chartquantity.cpp" line="+29"/>
        <source>Power</source>
        <translation>Потужність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current</source>
        <translation>Струм</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage</source>
        <translation>Напруга</translation>
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
        <translation>кВт·год</translation>
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
        <translation>Активна потужність, яку віддає станція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy charged since the start of the session (meter register minus meter start)</source>
        <translation>Енергія, заряджена від початку сесії (показник лічильника мінус показник на старті)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current per phase, or in total when the station reports no phases</source>
        <translation>Струм по фазах або загальний, якщо станція не повідомляє фаз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voltage per phase</source>
        <translation>Напруга по фазах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State of charge of the vehicle&apos;s battery, as the vehicle reports it</source>
        <translation>Рівень заряду батареї автомобіля, як його повідомляє автомобіль</translation>
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
        <translation>Причина: зберігається в журналі аудиту разом із командою</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Send</source>
        <translation>Надіслати</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Action:</source>
        <translation>Дія:</translation>
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
        <translation>Дані мають бути об&apos;єктом JSON, напр. {&quot;type&quot;: &quot;Soft&quot;}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The station would refuse this payload: %1</source>
        <translation>Станція відхилить ці дані: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Give a reason: it is kept in the audit log with the command.</source>
        <translation>Вкажіть причину: вона зберігається в журналі аудиту разом із командою.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Queuing the command…</source>
        <translation>Команда стає в чергу…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent to the station; waiting for its answer…</source>
        <translation>Надіслано станції; очікуємо на відповідь…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station answered:</source>
        <translation>Відповідь станції:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent: the station is offline.</source>
        <translation>Не надіслано: станція не в мережі.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command could not be queued:</source>
        <translation>Не вдалося поставити команду в чергу:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed:</source>
        <translation>Команда не виконана:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Accepted. Waiting for the station&apos;s first progress report…</source>
        <translation>Прийнято. Чекаємо на перший звіт станції про хід виконання…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Failed: the station reported %1 at %2.</source>
        <translation>Помилка: станція повідомила %1 о %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done: the station reported %1 at %2.</source>
        <translation>Готово: станція повідомила %1 о %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress: the station reported %1 at %2.</source>
        <translation>Виконується: станція повідомила %1 о %2.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandFieldText</name>
    <message>
        <location filename="../ui/stations/commandform.cpp" line="+26"/>
        <source>Additional info</source>
        <translation>Додаткові дані</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Charging profile</source>
        <translation>Профіль заряджання</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Profile criteria</source>
        <translation>Критерії профілю</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile id</source>
        <translation>Ідентифікатор профілю</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile kind</source>
        <translation>Вид профілю</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile purpose</source>
        <translation>Призначення профілю</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate unit</source>
        <translation>Одиниця потужності</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule</source>
        <translation>Розклад</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule periods</source>
        <translation>Періоди розкладу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector</source>
        <translation>Роз&apos;єм</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connector type</source>
        <translation>Тип роз&apos;єму</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>Дані</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration, s</source>
        <translation>Тривалість, с</translation>
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
        <translation>Діє до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to read</source>
        <translation>Змінні для читання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group token</source>
        <translation>Груповий токен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id</source>
        <translation>Ідентифікатор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card (idTag)</source>
        <translation>Картка (idTag)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install at</source>
        <translation>Встановити о</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest entry</source>
        <translation>Найновіший запис</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>List version</source>
        <translation>Версія списку</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Local authorisation list</source>
        <translation>Локальний список авторизації</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address (URL)</source>
        <translation>Адреса (URL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log type</source>
        <translation>Тип журналу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message id</source>
        <translation>Ідентифікатор повідомлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum rate</source>
        <translation>Мінімальна потужність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest entry</source>
        <translation>Найстаріший запис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Availability</source>
        <translation>Доступність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent card</source>
        <translation>Батьківська картка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recurrence</source>
        <translation>Повторення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload address (URL)</source>
        <translation>Адреса вивантаження (URL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote start id</source>
        <translation>Ідентифікатор віддаленого старту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Звіт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request id</source>
        <translation>Ідентифікатор запиту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message to send</source>
        <translation>Яке повідомлення надіслати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reservation</source>
        <translation>Бронювання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retries</source>
        <translation>Повторні спроби</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Download at</source>
        <translation>Завантажити о</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry interval, s</source>
        <translation>Інтервал повтору, с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables to set</source>
        <translation>Змінні для встановлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Підпис</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing certificate</source>
        <translation>Сертифікат підпису</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stack level</source>
        <translation>Рівень стека</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule start</source>
        <translation>Початок розкладу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transaction</source>
        <translation>Транзакція</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>Оновлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>Діє з</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid to</source>
        <translation>Діє до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Значення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor id</source>
        <translation>Ідентифікатор виробника</translation>
    </message>
</context>
<context>
    <name>cd::ui::CommandForm</name>
    <message>
        <location line="+58"/>
        <source>Yes</source>
        <translation>Так</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Ні</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>%1: required.</source>
        <translation>%1: обов&apos;язкове поле.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a whole number is needed.</source>
        <translation>%1: потрібне ціле число.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: a number such as 16 or 7.5 is needed.</source>
        <translation>%1: потрібне число, наприклад 16 або 7.5.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: a UTC time such as 2030-01-01T00:00:00Z is needed.</source>
        <translation>%1: потрібен час UTC, наприклад 2030-01-01T00:00:00Z.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: this is not valid JSON.</source>
        <translation>%1: це не коректний JSON.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>This command has no fields.</source>
        <translation>Ця команда не має полів.</translation>
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
        <translation>Конфігурація %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by key or value</source>
        <translation>Пошук за ключем або значенням</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Why: kept in the audit log with the command</source>
        <translation>Причина: зберігається в журналі аудиту разом із командою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Змінити</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key:</source>
        <translation>Ключ:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New value:</source>
        <translation>Нове значення:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read again</source>
        <translation>Прочитати знову</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asks the station for its configuration (GetConfiguration).</source>
        <translation>Запитує в станції її конфігурацію (GetConfiguration).</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Asking the station…</source>
        <translation>Запитуємо станцію…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Configuration read in the console</source>
        <translation>Конфігурацію прочитано в консолі</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The station is offline: its configuration cannot be read now.</source>
        <translation>Станція офлайн: її конфігурацію зараз прочитати не можна.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station did not give its configuration: %1</source>
        <translation>Станція не надала конфігурацію: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n key(s), read at %1</source>
        <extracomment>%n keys; %1 the time they were read</extracomment>
        <translation>
            <numerusform>%n ключ, прочитано о %1</numerusform>
            <numerusform>%n ключі, прочитано о %1</numerusform>
            <numerusform>%n ключів, прочитано о %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a key in the list.</source>
        <translation>Виберіть ключ у списку.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (read-only: the station does not let it change)</source>
        <translation>%1 (лише читання: станція не дозволяє змінювати)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending %1 = %2…</source>
        <translation>Надсилаємо %1 = %2…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not sent: the station is offline.</source>
        <translation>Не надіслано: станція офлайн.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed: %1</source>
        <translation>Команда не виконана: %1</translation>
    </message>
</context>
<context>
    <name>cd::ui::ConfigurationModel</name>
    <message>
        <location filename="../ui/stations/configurationmodel.cpp" line="+55"/>
        <source>(not given)</source>
        <translation>(не вказано)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only</source>
        <translation>Лише читання</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Can be changed</source>
        <translation>Можна змінити</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Значення</translation>
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
        <translation>Отримано (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station time (UTC)</source>
        <translation>Час станції (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connector</source>
        <translation>Конектор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Помилка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Подробиці</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionEnergyPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+33"/>
        <source>Enter the energy</source>
        <translation>Введіть енергію</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example from the station&apos;s display or a photo of it. It is spread evenly over the charging time.</source>
        <translation>Наприклад, з дисплея станції або його фото. Її рівномірно розподіляють на час заряджання.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> Wh</source>
        <extracomment>unit after an energy in watt-hours</extracomment>
        <translation> Вт·год</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 kWh = 1,000 Wh.</source>
        <translation>1 кВт·год = 1000 Вт·год.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionMethodPage</name>
    <message>
        <location filename="../ui/anomalies/correctionmethodpage.cpp" line="+19"/>
        <source>How should the bill be corrected?</source>
        <translation>Як виправити рахунок?</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n bill(s) with one method, applied one by one: %1</source>
        <translation>
            <numerusform>%n рахунок одним способом, по черзі: %1</numerusform>
            <numerusform>%n рахунки одним способом, по черзі: %1</numerusform>
            <numerusform>%n рахунків одним способом, по черзі: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1. Nothing is written before the preview and your confirmation.</source>
        <translation>Рахунок %1. Нічого не записується до попереднього перегляду й вашого підтвердження.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revert works on one bill at a time.</source>
        <translation>Повернення працює з одним рахунком за раз.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionPreviewPage</name>
    <message>
        <location filename="../ui/anomalies/correctionpreviewpage.cpp" line="+42"/>
        <source>%1 Wh</source>
        <extracomment>an energy in watt-hours</extracomment>
        <translation>%1 Вт·год</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>What the correction will do</source>
        <translation>Що зробить виправлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is written yet. Check the lines and what happens to money, give the reason, then Apply.</source>
        <translation>Ще нічого не записано. Перевірте рядки й що станеться з грошима, вкажіть причину, потім «Застосувати».</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+92"/>
        <source>Money</source>
        <translation>Гроші</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>In numbers</source>
        <translation>У цифрах</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купони</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card hold</source>
        <translation>Блокування на картці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>Розрахунок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anomalies</source>
        <translation>Аномалії</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason (kept with the bill and in the audit log, required):</source>
        <translation>Причина (зберігається з рахунком і в журналі аудиту, обов’язково):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer unplugged at 08:14, the station kept the session open</source>
        <translation>Наприклад: клієнт від’єднав кабель о 08:14, станція тримала сесію відкритою</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Working out what will happen…</source>
        <translation>Обчислення наслідків…</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%1 of %n bill(s) can be corrected; the others are skipped (the list says why).</source>
        <translation>
            <numerusform>%1 з %n рахунку можна виправити; решту пропущено (у списку сказано чому).</numerusform>
            <numerusform>%1 з %n рахунків можна виправити; решту пропущено (у списку сказано чому).</numerusform>
            <numerusform>%1 з %n рахунків можна виправити; решту пропущено (у списку сказано чому).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Working out bill %1 of %2…</source>
        <translation>Обчислення рахунку %1 з %2…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Bill</source>
        <translation>Рахунок</translation>
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
        <translation>Разом</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Can apply</source>
        <translation>Можна застосувати</translation>
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
        <translation>повернення %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+68"/>
        <source>none</source>
        <translation>немає</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Yes</source>
        <translation>Так</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>No: %1</source>
        <translation>Ні: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Now (version %1)</source>
        <translation>Зараз (версія %1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corrected (version %1)</source>
        <translation>Виправлено (версія %1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, version %2</source>
        <translation>%1, версія %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tariff</source>
        <translation>Тариф</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 × %2/kWh = %3</source>
        <extracomment>one tariff period line: energy × price per kWh = fee</extracomment>
        <translation>%1 × %2/кВт·год = %3</translation>
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
        <translation>Плата за енергію</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee</source>
        <translation>Плата за обслуговування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service end</source>
        <translation>Кінець обслуговування</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min, %1</source>
        <extracomment>idle time in minutes and its fee</extracomment>
        <translation>
            <numerusform>%n хв, %1</numerusform>
            <numerusform>%n хв, %1</numerusform>
            <numerusform>%n хв, %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee</source>
        <translation>Плата за простій</translation>
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
        <translation>Сплачено досі: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The corrected bill asks: %1</source>
        <translation>Виправлений рахунок вимагає: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Additional charge: %1</source>
        <translation>Доплата: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund: %1</source>
        <translation>Повернення: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No difference.</source>
        <translation>Різниці немає.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No coupon changes.</source>
        <translation>Купони не змінюються.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold %1: %2 → %3; held %4, captured %5, refunded %6.</source>
        <translation>Блокування %1: %2 → %3; заблоковано %4, списано %5, повернуто %6.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No card hold: paid from a balance or not at all.</source>
        <translation>Немає блокування на картці: оплата з балансу або без оплати.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resolved: %1</source>
        <translation>Закрито: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open again: %1</source>
        <translation>Знову відкрито: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open anomaly.</source>
        <translation>Відкритих аномалій немає.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot apply: %1</source>
        <translation>Не можна застосувати: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n bill(s) get a new version, one by one.</source>
        <translation>
            <numerusform>%n рахунок отримає нову версію, по черзі.</numerusform>
            <numerusform>%n рахунки отримають нову версію, по черзі.</numerusform>
            <numerusform>%n рахунків отримають нову версію, по черзі.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Additional charges: %1; refunds: %2.</source>
        <translation>Доплати: %1; повернення: %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n bill(s) that cannot be corrected are skipped.</source>
        <translation>
            <numerusform>%n рахунок, який не можна виправити, пропущено.</numerusform>
            <numerusform>%n рахунки, які не можна виправити, пропущено.</numerusform>
            <numerusform>%n рахунків, які не можна виправити, пропущено.</numerusform>
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
        <translation>Рахунок %1: шлюз виконав (платіжний запит %2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill %1: the gateway refused payment call %2: %3</source>
        <translation>Рахунок %1: шлюз відхилив платіжний запит %2: %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Applying…</source>
        <translation>Застосування…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bill %1: skipped — %2</source>
        <translation>Рахунок %1: пропущено — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n bill(s) corrected.</source>
        <translation>
            <numerusform>%n рахунок виправлено.</numerusform>
            <numerusform>%n рахунки виправлено.</numerusform>
            <numerusform>%n рахунків виправлено.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 corrected, %2 failed.</source>
        <translation>Виправлено: %1, не вдалося: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Bill %1: not corrected — %2</source>
        <translation>Рахунок %1: не виправлено — %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill %1 → version %2 (bill %3). Audit record %4.</source>
        <translation>Рахунок %1 → версія %2 (рахунок %3). Запис аудиту %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: the bill was corrected, but the card money call could not be made: %2</source>
        <translation>Рахунок %1: рахунок виправлено, але платіжний запит по картці не вдалося зробити: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill %1: payment call %2 sent to the gateway.</source>
        <translation>Рахунок %1: платіжний запит %2 надіслано до шлюзу.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionRevertPage</name>
    <message>
        <location filename="../ui/anomalies/correctionparampages.cpp" line="+91"/>
        <source>Choose the version to go back to</source>
        <translation>Оберіть версію, до якої повернутися</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new version with that version&apos;s numbers is written; every version stays in the history.</source>
        <translation>Записується нова версія з сумами тієї версії; усі версії лишаються в історії.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version</source>
        <translation>Версія</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading the versions…</source>
        <translation>Читання версій…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version %1 — %2, by %3, %4</source>
        <extracomment>an earlier version of a bill: version, total, who made it, when</extracomment>
        <translation>Версія %1 — %2, автор %3, %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This bill has no earlier version.</source>
        <translation>Цей рахунок не має попередньої версії.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionTariffPage</name>
    <message>
        <location line="-97"/>
        <source>Choose the tariff</source>
        <translation>Оберіть тариф</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A bill is normally computed with the tariff that was valid when the session ran. Choose another version only when that one was wrong.</source>
        <translation>Зазвичай рахунок обчислюють за тарифом, що діяв під час сесії. Обирайте іншу версію, лише коли той був хибним.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tariff</source>
        <translation>Тариф</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The tariff valid when the session ran</source>
        <translation>Тариф, що діяв під час сесії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the tariffs…</source>
        <translation>Читання тарифів…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — version %2, %3, from %4</source>
        <extracomment>a tariff version in a list: name, version, currency, from when</extracomment>
        <translation>%1 — версія %2, %3, з %4</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n tariff version(s).</source>
        <translation>
            <numerusform>%n версія тарифу.</numerusform>
            <numerusform>%n версії тарифу.</numerusform>
            <numerusform>%n версій тарифу.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::CorrectionWizard</name>
    <message numerus="yes">
        <location filename="../ui/anomalies/correctionwizard.cpp" line="+24"/>
        <source>Correct %n bill(s)</source>
        <translation>
            <numerusform>Виправити %n рахунок</numerusform>
            <numerusform>Виправити %n рахунки</numerusform>
            <numerusform>Виправити %n рахунків</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct bill %1</source>
        <translation>Виправити рахунок %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply</source>
        <extracomment>the wizard&apos;s commit button: the correction is written when it is pressed</extracomment>
        <translation>Застосувати</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Apply the correction?</source>
        <translation>Застосувати виправлення?</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponRuleDialog</name>
    <message>
        <location filename="../ui/accounts/couponruledialog.cpp" line="+31"/>
        <source>New coupon rule</source>
        <translation>Нове правило купонів</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On a top-up of at least…</source>
        <translation>За поповнення щонайменше на…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To every new member</source>
        <translation>Кожному новому учаснику</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once a member&apos;s spend in the period reaches…</source>
        <extracomment>a coupon rule&apos;s trigger: once per member, when the member&apos;s spend in the rule&apos;s period reaches an amount</extracomment>
        <translation>Коли витрати учасника за період досягнуть…</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Any</source>
        <translation>Будь-який</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days from issue:</source>
        <translation>Днів від видачі:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>From – to:</source>
        <translation>З – по:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Name:</source>
        <translation>Назва:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued:</source>
        <translation>Видається:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up from (%1):</source>
        <translation>Поповнення від (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend in the period from (%1):</source>
        <translation>Витрати за період від (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon worth (%1):</source>
        <translation>Вартість купона (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum spend (%1):</source>
        <translation>Мінімальний рахунок (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for department:</source>
        <translation>Лише для підрозділу:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only at station:</source>
        <translation>Лише на станції:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for sub-operator:</source>
        <translation>Лише для субоператора:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid:</source>
        <translation>Діє:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create rule</source>
        <translation>Створити правило</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Enter the amounts as numbers such as 10.00.</source>
        <translation>Вкажіть суми числами, наприклад 10.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::CouponsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/couponstab.cpp" line="+193"/>
        <source>%n day(s) from issue</source>
        <translation>
            <numerusform>%n день від видачі</numerusform>
            <numerusform>%n дні від видачі</numerusform>
            <numerusform>%n днів від видачі</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>department %1</source>
        <translation>підрозділ %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>station %1</source>
        <translation>станція %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sub-operator %1</source>
        <translation>субоператор %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>None</source>
        <translation>Немає</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Діє</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switched off</source>
        <translation>Вимкнено</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Top-up %1</source>
        <translation>Поповнення %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earned by bill %1</source>
        <extracomment>the source of a coupon earned by spend: the bill that made the spend reach the threshold</extracomment>
        <translation>Заслужено рахунком %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New member</source>
        <translation>Новий учасник</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Issued coupons, newest first: %1 shown</source>
        <extracomment>%1 how many of the issued coupons are listed, newest first</extracomment>
        <translation>Видані купони, новіші спершу: показано %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Switch &amp;on</source>
        <translation>&amp;Увімкнути</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switch &amp;off</source>
        <translation>&amp;Вимкнути</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Coupon rule &quot;%1&quot; created.</source>
        <translation>Правило купонів «%1» створено.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Coupon rule &quot;%1&quot; is on.</source>
        <translation>Правило купонів «%1» увімкнено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon rule &quot;%1&quot; is off: it issues no more coupons.</source>
        <translation>Правило купонів «%1» вимкнено: воно більше не видає купонів.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoke coupon</source>
        <translation>Відкликати купон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon %1 (%2) of %3 can no longer be used.</source>
        <translation>Купон %1 (%2) учасника %3 більше не можна буде використати.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoke</source>
        <translation>Відкликати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Coupon %1 revoked.</source>
        <translation>Купон %1 відкликано.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rules</source>
        <translation>Правила</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>Показати &amp;старіші</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New rule…</source>
        <translation>&amp;Нове правило…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke…</source>
        <translation>&amp;Відкликати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Issued</source>
        <translation>Видано</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Worth</source>
        <translation>Вартість</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>Min spend</source>
        <translation>Мін. рахунок</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Valid</source>
        <translation>Діє</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Limited to</source>
        <translation>Обмеження</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned from</source>
        <extracomment>the top-up (top-up rules) or the spend in the period (spend rules) that earns a coupon</extracomment>
        <translation>Нараховується від</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Учасник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Діє до</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>Отримано за</translation>
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
        <translation>Станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сьогодні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for you</source>
        <translation>Чекають на вас</translation>
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
            <numerusform>з %n станції</numerusform>
            <numerusform>з %n станцій</numerusform>
            <numerusform>з %n станцій</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations connected now</source>
        <translation>Показати станції, підключені зараз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Офлайн</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not connected now</source>
        <translation>зараз не підключені</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are not connected</source>
        <translation>Показати станції, що не підключені</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faulted</source>
        <translation>Несправні</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a connector reports a fault</source>
        <translation>конектор повідомляє про несправність</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations with a faulted connector</source>
        <translation>Показати станції з несправним конектором</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging now</source>
        <translation>Заряджають зараз</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stations delivering energy</source>
        <translation>станції, що віддають енергію</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stations that are charging a vehicle</source>
        <translation>Показати станції, що заряджають авто</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions</source>
        <translation>Сесії</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started since midnight</source>
        <translation>розпочато від опівночі</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Show today&apos;s sessions</source>
        <translation>Показати сьогоднішні сесії</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in today&apos;s sessions, running ones included</source>
        <translation>у сьогоднішніх сесіях, разом із поточними</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>billed for today&apos;s sessions</source>
        <translation>нараховано за сьогоднішні сесії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Аномальні рахунки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>waiting for a correction</source>
        <translation>очікують на виправлення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the anomaly bills</source>
        <translation>Відкрити аномальні рахунки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open alerts</source>
        <translation>Відкриті сповіщення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet resolved</source>
        <translation>ще не вирішені</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the alerts</source>
        <translation>Відкрити сповіщення</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Updated %1 · every few seconds</source>
        <extracomment>%1 the time of the last refresh</extracomment>
        <translation>Оновлено %1 · кожні кілька секунд</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentDialog</name>
    <message>
        <location filename="../ui/accounts/departmentdialog.cpp" line="+23"/>
        <source>New department</source>
        <translation>Новий підрозділ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (top level)</source>
        <translation>Немає (верхній рівень)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>Списувати сесії зі спільного балансу батьківського підрозділу</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name:</source>
        <translation>Назва:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent:</source>
        <translation>Батьківський:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at (%1):</source>
        <translation>Автозупинка при (%1):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create department</source>
        <translation>Створити підрозділ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>Поріг автозупинки має бути сумою, наприклад 1.00.</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentTreeModel</name>
    <message>
        <location filename="../ui/accounts/departmenttreemodel.cpp" line="+138"/>
        <source>Own pool</source>
        <extracomment>a department&apos;s sessions are paid from its own pooled balance</extracomment>
        <translation>Власний баланс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Billed to %1</source>
        <extracomment>a department&apos;s sessions are paid from the pool of a parent department, %1</extracomment>
        <translation>Оплачує %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Department</source>
        <translation>Підрозділ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pooled balance</source>
        <translation>Спільний баланс</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid from</source>
        <extracomment>column: whose pooled balance pays the department&apos;s sessions</extracomment>
        <translation>Оплата з</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-stop at</source>
        <translation>Автозупинка при</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Members</source>
        <translation>Учасники</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Department cards</source>
        <translation>Картки підрозділу</translation>
    </message>
</context>
<context>
    <name>cd::ui::DepartmentsTab</name>
    <message>
        <location filename="../ui/accounts/departmentstab.cpp" line="+219"/>
        <source>Department</source>
        <translation>Підрозділ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No departments yet: New department… creates one.</source>
        <translation>Підрозділів ще немає: «Новий підрозділ…» створить перший.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a department to see its cards and top-ups.</source>
        <translation>Виберіть підрозділ, щоб побачити його картки та поповнення.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+77"/>
        <location line="+45"/>
        <location line="+22"/>
        <source>Department %1</source>
        <translation>Підрозділ %1</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Pooled balance %1 · stops charging at %2</source>
        <translation>Спільний баланс %1 · зарядка зупиняється при %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Part of %1.</source>
        <translation>Входить до %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from the pooled balance of %1.</source>
        <translation>Його сесії оплачуються зі спільного балансу %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its sessions are paid from its own pooled balance.</source>
        <translation>Його сесії оплачуються з власного спільного балансу.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Created department %1.</source>
        <translation>Підрозділ %1 створено.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the department&apos;s pooled balance.</source>
        <translation>%1 готівкою зараховується на спільний баланс підрозділу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pooled balance: %1 → %2</source>
        <translation>Спільний баланс: %1 → %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Topped up %1 (receipt %2); the pooled balance is %3.</source>
        <translation>Поповнено на %1 (квитанція %2); спільний баланс — %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Department card %1 added: up to %n vehicle(s) at once.</source>
        <translation>
            <numerusform>Картку підрозділу %1 додано: до %n авто одночасно.</numerusform>
            <numerusform>Картку підрозділу %1 додано: до %n авто одночасно.</numerusform>
            <numerusform>Картку підрозділу %1 додано: до %n авто одночасно.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 now bills its sessions to the parent department.</source>
        <translation>%1 тепер списує сесії з батьківського підрозділу.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 now pays its sessions from its own pool.</source>
        <translation>%1 тепер оплачує сесії з власного спільного балансу.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No departments yet.</source>
        <translation>Підрозділів ще немає.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n department(s)</source>
        <translation>
            <numerusform>%n підрозділ</numerusform>
            <numerusform>%n підрозділи</numerusform>
            <numerusform>%n підрозділів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New department…</source>
        <translation>&amp;Новий підрозділ…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>&amp;Поповнити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add department &amp;card…</source>
        <translation>Додати &amp;картку підрозділу…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Billing…</source>
        <translation>&amp;Оплата…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department cards</source>
        <translation>Картки підрозділу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card</source>
        <extracomment>column: how many vehicles the department card may charge at the same time</extracomment>
        <translation>Картка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vehicles at once</source>
        <translation>Авто одночасно</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>Квитанція</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>Прийняв</translation>
    </message>
</context>
<context>
    <name>cd::ui::DeskRefundDialog</name>
    <message>
        <location filename="../ui/refunds/deskrefunddialog.cpp" line="+22"/>
        <source>Confirm desk refund</source>
        <translation>Підтвердити повернення в касі</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund %1: %2 in cash to %3 for top-up %4.</source>
        <translation>Повернення %1: %2 готівкою учаснику %3 за поповнення %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paid: the member got %1 in cash</source>
        <translation>Виплачено: учасник отримав %1 готівкою</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not paid: %1 goes back to the member&apos;s balance</source>
        <translation>Не виплачено: %1 повертається на баланс учасника</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>Необов&apos;язково: буде використано номер каси</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why: kept in the refund&apos;s history</source>
        <translation>Чому: зберігається в історії повернення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm</source>
        <translation>Підтвердити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receipt number:</source>
        <translation>Номер квитанції:</translation>
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
        <translation>Модель пристрою %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by component, variable or value</source>
        <translation>Пошук за компонентом, змінною або значенням</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload</source>
        <translation>Оновити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a full report…</source>
        <translation>Запитати повний звіт…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sends the station GetBaseReport (FullInventory); it answers with NotifyReport, and the device model here is updated.</source>
        <translation>Надсилає станції GetBaseReport (FullInventory); вона відповідає NotifyReport, і модель пристрою тут оновлюється.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No station with the id %1.</source>
        <translation>Немає станції з ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The station has not reported its device model yet. Ask it for a full report.</source>
        <translation>Станція ще не повідомила свою модель пристрою. Запитайте в неї повний звіт.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n variable(s)</source>
        <translation>
            <numerusform>%n змінна</numerusform>
            <numerusform>%n змінні</numerusform>
            <numerusform>%n змінних</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n variable(s)</source>
        <translation>
            <numerusform>%1 з %n змінної</numerusform>
            <numerusform>%1 з %n змінних</numerusform>
            <numerusform>%1 з %n змінних</numerusform>
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
        <translation>конектор %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The station reported no value</source>
        <translation>Станція не повідомила значення</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>values: %1</source>
        <translation>значення: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variable</source>
        <translation>Змінна</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Значення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mutability</source>
        <translation>Змінюваність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type and unit</source>
        <translation>Тип і одиниця</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reported</source>
        <translation>Повідомлено</translation>
    </message>
</context>
<context>
    <name>cd::ui::FirstAdministratorDialog</name>
    <message>
        <location filename="../ui/access/firstadministratordialog.cpp" line="+145"/>
        <source>Choose a login for the administrator.</source>
        <translation>Виберіть логін для адміністратора.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Welcome to ChargeDesk</source>
        <translation>Ласкаво просимо до ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the administrator</source>
        <translation>Створіть адміністратора</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This database has no operator accounts yet. The administrator you create now logs in to every console that opens it, adds the other operators and gives each a role: support, site manager, accountant or one of your own. Without accounts, whoever opens this console may do everything.</source>
        <translation>У цій базі даних ще немає облікових записів операторів. Адміністратор, якого ви створите зараз, входить у кожну консоль, що її відкриває, додає інших операторів і призначає кожному роль: підтримка, менеджер майданчика, бухгалтер або ваша власна. Без облікових записів будь-хто, хто відкриє цю консоль, може робити все.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логін:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Ім’я:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown in lists; the login if empty</source>
        <translation>Показується у списках; якщо порожнє — логін</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not ask again on this computer when I continue without accounts</source>
        <translation>Більше не питати на цьому комп’ютері, якщо я продовжую без облікових записів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create and log in</source>
        <translation>Створити й увійти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue without accounts</source>
        <translation>Продовжити без облікових записів</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginDialog</name>
    <message>
        <location filename="../ui/access/logindialog.cpp" line="+125"/>
        <location line="+23"/>
        <source>Checking…</source>
        <translation>Перевірка…</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+23"/>
        <source>Log in</source>
        <translation>Увійти</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Log in to ChargeDesk</source>
        <translation>Вхід до ChargeDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in with your operator account</source>
        <translation>Увійдіть зі своїм обліковим записом оператора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логін:</translation>
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
        <translation>Вийти з програми</translation>
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
        <translation>Вхід виконано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen</source>
        <translation>Остання активність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client</source>
        <translation>Клієнт</translation>
    </message>
</context>
<context>
    <name>cd::ui::LoginSessionsTab</name>
    <message>
        <location filename="../ui/operators/loginsessionstab.cpp" line="+109"/>
        <source>%1 (logged in %2)</source>
        <translation>%1 (вхід %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is your own login on this console.</source>
        <translation>Це ваш власний вхід у цій консолі.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;End session…</source>
        <translation>&amp;Завершити сеанс…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody is logged in.</source>
        <translation>Ніхто не увійшов.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n login(s) open</source>
        <translation>
            <numerusform>%n відкритий вхід</numerusform>
            <numerusform>%n відкриті входи</numerusform>
            <numerusform>%n відкритих входів</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+242"/>
        <source>The administrator account exists now: log in with it.</source>
        <translation>Обліковий запис адміністратора створено: увійдіть з ним.</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Your password was changed.</source>
        <translation>Ваш пароль змінено.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your role is now %1. Log out and in again to see its screens.</source>
        <extracomment>%1 is the new role&apos;s name</extracomment>
        <translation>Ваша роль тепер: %1. Вийдіть і увійдіть знову, щоб побачити її екрани.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log out</source>
        <translation>&amp;Вийти з облікового запису</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Change my password…</source>
        <translation>&amp;Змінити мій пароль…</translation>
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
        <translation>Вхід виконано як %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Вийти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>&amp;Перехід</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Довідка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ChargeDesk</source>
        <translation>&amp;Про ChargeDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1</source>
        <translation>Версія %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: %1 · %2</source>
        <extracomment>Status bar: %1 is the database engine (&quot;SQLCipher 3.4.1&quot;), %2 its file or server</extracomment>
        <translation>База даних: %1 · %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About ChargeDesk</source>
        <translation>Про ChargeDesk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Operator console and OCPP server for EV-charging networks: stations, charging sessions, anomaly bills, refunds and reconciliation reports.</source>
        <translation>Операторська консоль і OCPP-сервер для мереж зарядних станцій електромобілів: станції, сесії зарядки, аномальні рахунки, повернення коштів і звіти зі звірки.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapPage</name>
    <message>
        <location filename="../ui/map/mappage.cpp" line="+259"/>
        <source>All vendors</source>
        <translation>Усі виробники</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>Усі майданчики</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No site</source>
        <translation>Без майданчика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all</source>
        <translation>Показати всі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom so that every station shown fits on the map</source>
        <translation>Змінити масштаб так, щоб усі показані станції вмістилися на мапі</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n station(s) on the map · updated %1</source>
        <extracomment>%n stations drawn on the map; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n станція на мапі · оновлено %1</numerusform>
            <numerusform>%n станції на мапі · оновлено %1</numerusform>
            <numerusform>%n станцій на мапі · оновлено %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source> · %n without a location</source>
        <extracomment>Appended to the map&apos;s summary: stations that have no coordinates</extracomment>
        <translation>
            <numerusform> · %n без розташування</numerusform>
            <numerusform> · %n без розташування</numerusform>
            <numerusform> · %n без розташування</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A station without a location is not on the map. Give it one with: chargedesk-cli station set-location &lt;station&gt; --lat &lt;latitude&gt; --lon &lt;longitude&gt;</source>
        <translation>Станції без розташування немає на мапі. Задайте його так: chargedesk-cli station set-location &lt;станція&gt; --lat &lt;широта&gt; --lon &lt;довгота&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No stations yet. A station appears here when it connects and has a location (chargedesk-cli station set-location).</source>
        <translation>Станцій ще немає. Станція з’являється тут, коли підключається і має розташування (chargedesk-cli station set-location).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No station shown has a location. Give one with chargedesk-cli station set-location, or choose other filters.</source>
        <translation>Жодна показана станція не має розташування. Задайте його командою chargedesk-cli station set-location або виберіть інші фільтри.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSection</name>
    <message>
        <location filename="../ui/settings/mapsection.cpp" line="+102"/>
        <source>Saved. The map loads its tiles from %1.</source>
        <translation>Збережено. Мапа завантажує тайли з %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved. The map shows the offline basemap.</source>
        <translation>Збережено. Мапа показує офлайн-основу.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Map</source>
        <translation>Мапа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load online map tiles</source>
        <translation>Завантажувати онлайн-тайли мапи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tile address:</source>
        <translation>Адреса тайлів:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution:</source>
        <translation>Атрибуція:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Застосувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use OpenStreetMap</source>
        <translation>Використати OpenStreetMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without online tiles the map draws the countries and coastlines shipped with ChargeDesk and needs no network. Online tiles show streets; they are kept in a cache on this computer (%1) and the map credits their source as the licence asks. OpenStreetMap&apos;s tile servers are for light use: a network with many consoles should use its own or a commercial tile server.</source>
        <translation>Без онлайн-тайлів мапа малює країни та узбережжя, що постачаються з ChargeDesk, і не потребує мережі. Онлайн-тайли показують вулиці; вони зберігаються в кеші на цьому комп’ютері (%1), а мапа зазначає їхнє джерело, як вимагає ліцензія. Тайл-сервери OpenStreetMap розраховані на невелике навантаження: мережі з багатьма консолями варто використовувати власний або комерційний тайл-сервер.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapSettings</name>
    <message>
        <location filename="../ui/map/mapsettings.cpp" line="+42"/>
        <source>The tile address must be an http or https address, like %1.</source>
        <translation>Адреса тайлів має бути адресою http або https, як-от %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tile address must contain {z}, {x} and {y} (the zoom level and the tile&apos;s column and row).</source>
        <translation>Адреса тайлів має містити {z}, {x} і {y} (рівень масштабу, стовпчик і рядок тайла).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the attribution the tile server&apos;s licence asks for (for OpenStreetMap: %1).</source>
        <translation>Вкажіть атрибуцію, якої вимагає ліцензія тайл-сервера (для OpenStreetMap: %1).</translation>
    </message>
</context>
<context>
    <name>cd::ui::MapView</name>
    <message numerus="yes">
        <location filename="../ui/map/mapview.cpp" line="+261"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>…і ще %n</numerusform>
            <numerusform>…і ще %n</numerusform>
            <numerusform>…і ще %n</numerusform>
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
            <numerusform>Тут %n станція</numerusform>
            <numerusform>Тут %n станції</numerusform>
            <numerusform>Тут %n станцій</numerusform>
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
        <translation>Клацніть, щоб наблизити</translation>
    </message>
    <message>
        <location line="+246"/>
        <source>Zoom in (+)</source>
        <translation>Наблизити (+)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (−)</source>
        <translation>Віддалити (−)</translation>
    </message>
</context>
<context>
    <name>cd::ui::MemberDialog</name>
    <message>
        <location filename="../ui/accounts/memberdialog.cpp" line="+21"/>
        <source>New member</source>
        <translation>Новий учасник</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>None</source>
        <translation>Немає</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name:</source>
        <translation>Назва:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail:</source>
        <translation>Ел. пошта:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department:</source>
        <translation>Підрозділ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-stop at (%1):</source>
        <translation>Автозупинка при (%1):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create member</source>
        <translation>Створити учасника</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Edit member %1</source>
        <translation>Редагувати учасника %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Зберегти</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The auto-stop threshold must be an amount such as 1.00.</source>
        <translation>Поріг автозупинки має бути сумою, наприклад 1.00.</translation>
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
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail</source>
        <translation>Ел. пошта</translation>
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
        <translation>До повернення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund pending</source>
        <translation>Повернення очікує</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto-stop at</source>
        <extracomment>column: charging stops when the balance falls to this amount</extracomment>
        <translation>Автозупинка при</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cards</source>
        <translation>Картки</translation>
    </message>
</context>
<context>
    <name>cd::ui::MembersTab</name>
    <message>
        <location filename="../ui/accounts/memberstab.cpp" line="+308"/>
        <source>Member</source>
        <translation>Учасник</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a member to see the cards, top-ups and coupons.</source>
        <translation>Виберіть учасника, щоб побачити картки, поповнення й купони.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+126"/>
        <location line="+57"/>
        <location line="+16"/>
        <source>Member %1: %2</source>
        <translation>Учасник %1: %2</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>department %1</source>
        <translation>підрозділ %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Balance %1 · refundable %2 · stops charging at %3</source>
        <translation>Баланс %1 · до повернення %2 · зарядка зупиняється при %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A refund of %1 waits for the audit: it is not refundable again until then.</source>
        <translation>Повернення %1 чекає на перевірку: до того його не можна повернути вдруге.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>App</source>
        <translation>Застосунок</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+212"/>
        <source>Card</source>
        <translation>Картка</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>Cash at the desk</source>
        <translation>Готівка в касі</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Created member %1.</source>
        <translation>Учасника %1 створено.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+76"/>
        <source>Coupon %1 (%2) issued.</source>
        <translation>Видано купон %1 (%2).</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Member %1 saved.</source>
        <translation>Учасника %1 збережено.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 in cash goes onto the member&apos;s balance.</source>
        <translation>%1 готівкою зараховується на баланс учасника.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance: %1 → %2</source>
        <translation>Баланс: %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refundable: %1 → %2</source>
        <translation>До повернення: %1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns the coupon &quot;%1&quot; worth %2.</source>
        <translation>Воно дає купон «%1» вартістю %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It earns no coupon.</source>
        <translation>Купона воно не дає.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Topped up %1 (receipt %2); the balance is %3.</source>
        <translation>Поповнено на %1 (квитанція %2); баланс — %3.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Card %1 added.</source>
        <translation>Картку %1 додано.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Charging now stops at %1.</source>
        <translation>Тепер зарядка зупиняється при %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search by name, phone, e-mail, card or number</source>
        <translation>Пошук за ім’ям, телефоном, поштою, карткою або номером</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No members found.</source>
        <translation>Учасників не знайдено.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 members shown, more when you scroll down</source>
        <translation>Показано учасників: %1, решта — під час прокручування</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n учасник</numerusform>
            <numerusform>%n учасники</numerusform>
            <numerusform>%n учасників</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New member…</source>
        <translation>&amp;Новий учасник…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Редагувати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Top up…</source>
        <translation>&amp;Поповнити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;card…</source>
        <translation>Додати &amp;картку…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-&amp;stop threshold…</source>
        <translation>Поріг авто&amp;зупинки…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Картки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-ups</source>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons</source>
        <translation>Купони</translation>
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
        <translation>Діє до</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paid by</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Receipt</source>
        <translation>Квитанція</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>Прийняв</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>Вартість</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min spend</source>
        <translation>Мін. рахунок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Діє до</translation>
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
        <translation>Тайл-сервер відповів %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tile server sent something that is not an image.</source>
        <translation>Тайл-сервер надіслав не зображення.</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperationsPage</name>
    <message>
        <location filename="../ui/operations/operationspage.cpp" line="+431"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n session(s) · updated %1</source>
        <extracomment>%n sessions in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n сесія · оновлено %1</numerusform>
            <numerusform>%n сесії · оновлено %1</numerusform>
            <numerusform>%n сесій · оновлено %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>No session matches the search.</source>
        <translation>Жодна сесія не відповідає пошуку.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No sessions yet. A session appears here when a station starts charging.</source>
        <translation>Сесій ще немає. Сесія з’являється тут, коли станція починає зарядку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No sessions since midnight.</source>
        <translation>Від опівночі сесій не було.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open sessions: nothing is charging now.</source>
        <translation>Відкритих сесій немає: зараз ніщо не заряджається.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No old open sessions: every station reported the end of its sessions.</source>
        <translation>Старих відкритих сесій немає: усі станції повідомили про завершення своїх сесій.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No suspicious sessions.</source>
        <translation>Підозрілих сесій немає.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Last 100</source>
        <translation>Останні 100</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сьогодні</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions started since midnight</source>
        <translation>Сесії, розпочаті від опівночі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Відкриті</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OLD &amp;&amp; OPEN</source>
        <extracomment>sessions open for longer than the age chosen next to the tabs</extracomment>
        <translation>СТАРІ &amp;&amp; ВІДКРИТІ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspicious</source>
        <translation>Підозрілі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions still open after the chosen age: the station probably never sent Stop</source>
        <translation>Сесії, відкриті довше за вибраний час: станція, імовірно, так і не надіслала зупинку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sessions with anomalies: charging without an authorised card, missing station messages, closed by the system, or no energy in a long session</source>
        <translation>Сесії з аномаліями: зарядка без авторизованої картки, втрачені повідомлення станції, закриття системою або відсутність енергії за довгу сесію</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session number, station, user, phone or card</source>
        <translation>Номер сесії, станція, користувач, телефон або картка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open longer than</source>
        <translation>Відкриті довше за</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> h</source>
        <extracomment>the unit after the number of hours, e.g. &quot;24 h&quot;</extracomment>
        <translation> год</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Session log</source>
        <translation>Журнал сесії</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chart</source>
        <extracomment>the tab with the selected session&apos;s power, energy, current, voltage and SoC curves</extracomment>
        <translation>Графік</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorDialog</name>
    <message>
        <location filename="../ui/operators/operatordialog.cpp" line="+34"/>
        <location line="+5"/>
        <source>Add operator</source>
        <translation>Додати оператора</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The first operator account is an administrator. Once it exists, every change needs a login: the console then asks you to log in with it.</source>
        <translation>Перший обліковий запис оператора — адміністратор. Щойно він з’явиться, кожна зміна потребує входу: консоль одразу попросить увійти з ним.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new operator account. Tell the operator their password; they can change it after logging in.</source>
        <translation>Новий обліковий запис оператора. Повідомте операторові пароль; після входу його можна змінити.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Letters, digits, . _ - @</source>
        <translation>Літери, цифри, . _ - @</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional: the login</source>
        <translation>Необов’язково: логін</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логін:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Ім’я:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins &amp;at once:</source>
        <translation>Одночасні &amp;входи:</translation>
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
        <translation>Забагато неправильних паролів поспіль. Адміністратор може розблокувати вхід зараз; сам він розблокується о %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Disabled</source>
        <translation>Вимкнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked until %1</source>
        <translation>Заблоковано до %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enabled</source>
        <translation>Увімкнено</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Login</source>
        <translation>Логін</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Ім’я</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logins at once</source>
        <translation>Одночасні входи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Створено</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsPage</name>
    <message>
        <location filename="../ui/operators/operatorspage.cpp" line="+118"/>
        <source>Read only: changing operators, roles and logins needs the permission to %1.</source>
        <translation>Лише перегляд: щоб змінювати операторів, ролі та входи, потрібен дозвіл «%1».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operators</source>
        <translation>Оператори</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>Ролі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins open now</source>
        <translation>Відкриті зараз входи</translation>
    </message>
</context>
<context>
    <name>cd::ui::OperatorsTab</name>
    <message>
        <location filename="../ui/operators/operatorstab.cpp" line="+235"/>
        <source>&amp;Enable…</source>
        <translation>&amp;Увімкнути…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable…</source>
        <translation>&amp;Вимкнути…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Add operator…</source>
        <translation>&amp;Додати оператора…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;role…</source>
        <translation>Змінити &amp;роль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logins at once…</source>
        <translation>&amp;Одночасні входи…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;password…</source>
        <translation>Скинути &amp;пароль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock…</source>
        <translation>&amp;Розблокувати…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No operator accounts yet: the console works without logins.</source>
        <translation>Облікових записів операторів ще немає: консоль працює без входу.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n operator(s)</source>
        <translation>
            <numerusform>%n оператор</numerusform>
            <numerusform>%n оператори</numerusform>
            <numerusform>%n операторів</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PasswordFields</name>
    <message>
        <location filename="../ui/access/passwordfields.cpp" line="+73"/>
        <source>&amp;New password:</source>
        <translation>&amp;Новий пароль:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Повторіть пароль:</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Too short: at least %n character(s).</source>
        <translation>
            <numerusform>Закороткий: щонайменше %n символ.</numerusform>
            <numerusform>Закороткий: щонайменше %n символи.</numerusform>
            <numerusform>Закороткий: щонайменше %n символів.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passwords are not the same.</source>
        <translation>Паролі не збігаються.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>At least %n character(s), typed twice.</source>
        <translation>
            <numerusform>Щонайменше %n символ, введений двічі.</numerusform>
            <numerusform>Щонайменше %n символи, введені двічі.</numerusform>
            <numerusform>Щонайменше %n символів, введених двічі.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::PaymentsSection</name>
    <message>
        <location filename="../ui/settings/paymentssection.cpp" line="+138"/>
        <source>Kept in the OS keychain; type to replace it</source>
        <translation>Зберігається у сховищі ключів ОС; введіть, щоб замінити</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sk_live_… or sk_test_…</source>
        <translation>sk_live_… або sk_test_…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Saved.</source>
        <translation>Збережено.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Putting the key in the OS keychain…</source>
        <translation>Зберігаємо ключ у сховищі ключів ОС…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved. The key is in the OS keychain.</source>
        <translation>Збережено. Ключ у сховищі ключів ОС.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The manual gateway needs no connection: the operator takes the money at the desk.</source>
        <translation>Ручному шлюзу з&apos;єднання не потрібне: оператор приймає гроші на місці.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asking the gateway…</source>
        <translation>Запитуємо шлюз…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No key for this address in the OS keychain: type the secret key first.</source>
        <translation>У сховищі ключів ОС немає ключа для цієї адреси: спершу введіть секретний ключ.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Connected: %1 accepted the key.</source>
        <translation>З&apos;єднано: %1 прийняв ключ.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Payments</source>
        <translation>Платежі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment gateway:</source>
        <translation>Платіжний шлюз:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual — cash or a terminal at the desk</source>
        <translation>Вручну — готівка або термінал на місці</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card gateway over HTTP (Stripe-compatible)</source>
        <translation>Картковий шлюз через HTTP (сумісний зі Stripe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gateway address:</source>
        <translation>Адреса шлюзу:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret key:</source>
        <translation>Секретний ключ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Застосувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test connection</source>
        <translation>Перевірити з&apos;єднання</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holds reserve money on the customer&apos;s card before charging; finishing a session captures part of the hold and releases the rest. The secret key is kept in the operating system&apos;s keychain, never in a file. A change applies to holds made after it; a hold is always finished with the gateway that made it.</source>
        <translation>Холд заморожує гроші на картці клієнта перед зарядкою; після завершення сесії частина холду списується, а решта повертається. Секретний ключ зберігається у сховищі ключів операційної системи, ніколи не у файлі. Зміна діє для холдів, створених після неї; холд завжди завершується через той шлюз, яким його створено.</translation>
    </message>
</context>
<context>
    <name>cd::ui::PlacementDialog</name>
    <message>
        <location filename="../ui/stations/placementdialog.cpp" line="+53"/>
        <source>Place station %1</source>
        <translation>Розміщення станції %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where %1 stands: its site decides whose meter and which partner&apos;s reports it counts in; its place on the map is where site managers find it. Both changes are kept in the audit log.</source>
        <translation>Де стоїть %1: майданчик визначає, за чиїм лічильником і в звітах якого партнера її враховано; місце на мапі — де її знаходять менеджери майданчиків. Обидві зміни записуються в журнал аудиту.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No site</source>
        <translation>Без майданчика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show on the map at</source>
        <translation>Показувати на мапі в точці</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Site:</source>
        <translation>&amp;Майданчик:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Latitude:</source>
        <translation>&amp;Широта:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;ongitude:</source>
        <translation>&amp;Довгота:</translation>
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
        <translation>Заявку не вибрано</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Application %1 of %2</source>
        <extracomment>%1 the application&apos;s number, %2 the member</extracomment>
        <translation>Заявка %1 від %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Applied for %1 on %2: &quot;%3&quot;.</source>
        <translation>Заявка на %1 від %2: «%3».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 · refunded %2.</source>
        <translation>Комісія %1 · повернено %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unused coupons the refunded top-ups earned are revoked.</source>
        <translation>Невикористані купони, отримані за повернені поповнення, відкликаються.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupons the refunded top-ups earned are kept.</source>
        <translation>Купони, отримані за повернені поповнення, залишаються.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Desk (cash)</source>
        <translation>Каса (готівка)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Top-up %1 (%2)</source>
        <translation>Поповнення %1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Used</source>
        <translation>Використано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked</source>
        <translation>Відкликано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issued</source>
        <translation>Видано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-up %1</source>
        <translation>Поповнення %1</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>%1 now: balance %2 · refundable %3 · pending refund %4</source>
        <extracomment>zpd_case#14: where the member&apos;s money is now</extracomment>
        <translation>%1 зараз: баланс %2 · до повернення %3 · очікуване повернення %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(taken off the balance and the refundable amount until the audit and the refund are done)</source>
        <extracomment>zpd_case#14: why the balance is lower than the member expects</extracomment>
        <translation>(знято з балансу та суми до повернення, доки не завершено перевірку й повернення)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>History (%1)</source>
        <extracomment>a tab of the refund&apos;s detail; %1 how many entries</extracomment>
        <translation>Історія (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway and desk refunds (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: its refunds through the payment gateway or in cash; %1 how many</extracomment>
        <translation>Повернення через шлюз і касу (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons (%1)</source>
        <extracomment>a tab of the refund&apos;s detail: coupons the refunded top-ups earned; %1 how many</extracomment>
        <translation>Купони (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When</source>
        <translation>Коли</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Хто</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Рішення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>З</translation>
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
        <translation>Наш № повернення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gateway&apos;s no.</source>
        <translation>№ шлюзу</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up</source>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Top-up amount</source>
        <translation>Сума поповнення</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refund</source>
        <translation>Повернення</translation>
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
        <translation>Помилка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Worth</source>
        <translation>Номінал</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earned by</source>
        <translation>Отримано за</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundEngine</name>
    <message>
        <location filename="../ui/refunds/refundengine.cpp" line="+21"/>
        <source>The payment gateway&apos;s key is still being read from the keychain; try again in a moment.</source>
        <translation>Ключ платіжного шлюзу ще зчитується зі сховища ключів; спробуйте за мить.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refunds cannot start: the payment gateway&apos;s key could not be read from the keychain (%1).</source>
        <translation>Повернення не можуть початися: ключ платіжного шлюзу не вдалося зчитати зі сховища ключів (%1).</translation>
    </message>
</context>
<context>
    <name>cd::ui::RefundsPage</name>
    <message>
        <location filename="../ui/refunds/refundspage.cpp" line="+131"/>
        <source>Refund of application %1: %2</source>
        <translation>Повернення за заявкою %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway confirmed a refund of application %1.</source>
        <translation>Шлюз підтвердив повернення за заявкою %1.</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>Applications, newest first: %1 shown</source>
        <extracomment>%1 how many applications are listed</extracomment>
        <translation>Заявки, новіші спочатку: показано %1</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Application %1: %2 of %3 is pending the audit.</source>
        <extracomment>%1 the application&apos;s number, %2 the amount, %3 the member</extracomment>
        <translation>Заявка %1: %2 учасника %3 очікує перевірки.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 is paid back in cash at the desk for top-up %2%3; confirm it when paid.</source>
        <translation>%1 виплачується готівкою в касі за поповнення %2%3; підтвердіть після виплати.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 goes back to the card of top-up %2%3 through %4.</source>
        <extracomment>%1 amount, %2 the top-up&apos;s number, %3 its receipt in brackets, %4 the gateway</extracomment>
        <translation>%1 повертається на картку поповнення %2%3 через %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 cannot be refunded through any top-up and goes back to %2&apos;s refundable balance.</source>
        <translation>%1 не можна повернути через жодне поповнення, ця сума повертається до суми до повернення учасника %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commission %1 is kept.</source>
        <translation>Комісія %1 утримується.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Application %1 of %2 for %3: &quot;%4&quot;</source>
        <translation>Заявка %1 від %2 на %3: «%4»</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Application %1 approved: %2 is being refunded.</source>
        <translation>Заявку %1 схвалено: %2 повертається.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reject refund</source>
        <translation>Відхилити повернення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application %1 of %2 is rejected: %3 goes back to the member&apos;s balance and refundable amount, and leaves the pending refund.</source>
        <translation>Заявку %1 від %2 відхилено: %3 повертається на баланс учасника й до суми до повернення та знімається з очікуваного повернення.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reject</source>
        <translation>Відхилити</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Application %1 rejected: %2 is back with %3.</source>
        <translation>Заявку %1 відхилено: %2 повернуто учаснику %3.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Desk refund of %1 confirmed (application %2).</source>
        <translation>Повернення %1 у касі підтверджено (заявка %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desk refund not paid: %1 is back with %2.</source>
        <translation>Повернення в касі не виплачено: %1 повернуто учаснику %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n refund(s) sent to the gateway again.</source>
        <translation>
            <numerusform>%n повернення знову надіслано до шлюзу.</numerusform>
            <numerusform>%n повернення знову надіслано до шлюзу.</numerusform>
            <numerusform>%n повернень знову надіслано до шлюзу.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing sent: the gateway&apos;s answer is still awaited.</source>
        <translation>Нічого не надіслано: відповідь шлюзу ще очікується.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Status:</source>
        <translation>&amp;Статус:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Усі</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Member:</source>
        <translation>&amp;Учасник:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name, phone, e-mail or card</source>
        <translation>Ім&apos;я, телефон, e-mail або картка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New application…</source>
        <translation>&amp;Нова заявка…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve…</source>
        <translation>С&amp;хвалити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reject…</source>
        <translation>&amp;Відхилити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm &amp;desk refund…</source>
        <translation>Підтвердити повернення в &amp;касі…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;try</source>
        <translation>По&amp;вторити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;older</source>
        <translation>Показати &amp;старіші</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation>Учасник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Commission</source>
        <translation>Комісія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refunded</source>
        <translation>Повернено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Перебіг</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied</source>
        <translation>Подано заявку</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decided by</source>
        <translation>Вирішив</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportCellText</name>
    <message>
        <location filename="../ui/reports/reportcelltext.cpp" line="+15"/>
        <source>%1 kWh</source>
        <extracomment>an amount of energy, %1 the number with three decimals</extracomment>
        <translation>%1 кВт·год</translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%n row(s)</source>
        <extracomment>%n rows of a report</extracomment>
        <translation>
            <numerusform>%n рядок</numerusform>
            <numerusform>%n рядки</numerusform>
            <numerusform>%n рядків</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExporter</name>
    <message>
        <location filename="../ui/reports/reportexporter.cpp" line="+56"/>
        <source>Exporting %1</source>
        <extracomment>%1 the report&apos;s title</extracomment>
        <translation>Експорт: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the report…</source>
        <translation>Відкриття звіту…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Cancelling…</source>
        <translation>Скасування…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 of %2 rows written (%3 %)</source>
        <extracomment>%1 rows written so far, %2 rows in the report, %3 the percentage</extracomment>
        <translation>Записано %1 з %2 рядків (%3 %)</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportExportsTab</name>
    <message>
        <location filename="../ui/reports/reportexportstab.cpp" line="+197"/>
        <source>Exports, newest first: %1 shown</source>
        <extracomment>%1 how many exports are listed</extracomment>
        <translation>Експорти, нові спершу: показано %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Running the report of export %1 again…</source>
        <extracomment>%1 the export&apos;s number</extracomment>
        <translation>Повторне формування звіту експорту %1…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Select an export and press &quot;What changed since…&quot;.</source>
        <translation>Виберіть експорт і натисніть «Що змінилося відтоді…».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>Зміна</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Row</source>
        <translation>Рядок</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing changed since export %1 (%2, %3).</source>
        <extracomment>%1 the export&apos;s number, %2 the report, %3 when it was exported</extracomment>
        <translation>Після експорту %1 (%2, %3) нічого не змінилося.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Since export %4 (%5, %6): %1 added, %2 removed, %3 changed.</source>
        <extracomment>%1 added rows, %2 removed rows, %3 changed rows, %4 the export&apos;s number, %5 the report, %6 when</extracomment>
        <translation>Після експорту %4 (%5, %6): додано %1, вилучено %2, змінено %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In the export: %1
Now: %2</source>
        <extracomment>the totals of the rows as exported (%1) and as they are now (%2)</extracomment>
        <translation>В експорті: %1
Зараз: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exported</source>
        <translation>Експортовано</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report</source>
        <translation>Звіт</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>Рядків</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Хто</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What changed since…</source>
        <translation>Що змінилося відтоді…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected export&apos;s report again now and compare it row by row with the file</source>
        <translation>Сформувати звіт вибраного експорту знову й порівняти його з файлом рядок за рядком</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show older</source>
        <translation>Показати старіші</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Оновити</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportParameterForm</name>
    <message>
        <location filename="../ui/reports/reportparameterform.cpp" line="+161"/>
        <source>The first day of the period (UTC)</source>
        <translation>Перший день періоду (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last day of the period, included (UTC)</source>
        <translation>Останній день періоду, включно (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sub-operators</source>
        <translation>Усі субоператори</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>Усі майданчики</translation>
    </message>
</context>
<context>
    <name>cd::ui::ReportsPage</name>
    <message>
        <location filename="../ui/reports/reportspage.cpp" line="+438"/>
        <source>No report shown yet</source>
        <translation>Звіт ще не сформовано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a report and its parameters on the left, then press Run.</source>
        <translation>Виберіть звіт і його параметри ліворуч, потім натисніть «Сформувати».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report has no rows for these parameters.</source>
        <translation>Для цих параметрів у звіті немає рядків.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 rows shown</source>
        <extracomment>%1 rows shown, %2 rows in the report</extracomment>
        <translation>Показано %1 з %2 рядків</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV, comma-separated text (*.csv)</source>
        <translation>CSV, текст з комами (*.csv)</translation>
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
        <translation>Дані JSON (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+50"/>
        <source>Export report</source>
        <translation>Експорт звіту</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Export %1 done: %2 rows written to %3.</source>
        <extracomment>%1 the export&apos;s number, %2 rows, %3 the file</extracomment>
        <translation>Експорт %1 виконано: %2 рядків записано у %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export stopped and left no file: %1</source>
        <extracomment>%1 why the export stopped</extracomment>
        <translation>Експорт зупинено, файл не створено: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Report</source>
        <translation>Звіт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports</source>
        <translation>Експорти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>Звіти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>Параметри</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run</source>
        <translation>&amp;Сформувати</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Експорт…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the whole report to a CSV, Excel, PDF or JSON file</source>
        <translation>Записати весь звіт у файл CSV, Excel, PDF або JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;more</source>
        <translation>Показати &amp;більше</translation>
    </message>
</context>
<context>
    <name>cd::ui::RoleListModel</name>
    <message>
        <location filename="../ui/operators/rolelistmodel.cpp" line="+43"/>
        <source>%1 (built-in)</source>
        <translation>%1 (вбудована)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n operator(s) with this role</source>
        <translation>
            <numerusform>%n оператор із цією роллю</numerusform>
            <numerusform>%n оператори з цією роллю</numerusform>
            <numerusform>%n операторів із цією роллю</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::RolesTab</name>
    <message>
        <location filename="../ui/operators/rolestab.cpp" line="+269"/>
        <source>Change the permissions of %1?</source>
        <translation>Змінити дозволи ролі %1?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Allow: %1</source>
        <translation>Дозволити: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No longer allow: %1</source>
        <translation>Більше не дозволяти: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;New role…</source>
        <translation>&amp;Нова роль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;lete role…</source>
        <translation>Ви&amp;далити роль…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Screens</source>
        <translation>&amp;Екрани</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ac&amp;tions</source>
        <translation>&amp;Дії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;pply…</source>
        <translation>&amp;Застосувати…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>&amp;Скасувати зміни</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No role selected</source>
        <translation>Роль не вибрано</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n operator(s) with this role.</source>
        <translation>
            <numerusform>%n оператор із цією роллю.</numerusform>
            <numerusform>%n оператори з цією роллю.</numerusform>
            <numerusform>%n операторів із цією роллю.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrators always have every permission, also those added in later versions.</source>
        <translation>Адміністратори завжди мають усі дозволи, зокрема ті, що з’являться в наступних версіях.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A built-in role: its permissions can be changed, it cannot be deleted.</source>
        <translation>Вбудована роль: її дозволи можна змінити, а саму роль видалити не можна.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A custom role.</source>
        <translation>Власна роль.</translation>
    </message>
</context>
<context>
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+52"/>
        <source>Dashboard</source>
        <translation>Огляд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Map</source>
        <translation>Мапа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stations</source>
        <translation>Станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operations</source>
        <comment>charging sessions and the operator&apos;s actions on them</comment>
        <translation>Операції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alerts</source>
        <translation>Сповіщення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anomaly bills</source>
        <translation>Аномальні рахунки</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accounts</source>
        <extracomment>the screen of members, departments, coupons and tariffs</extracomment>
        <translation>Рахунки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunds</source>
        <translation>Повернення коштів</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports</source>
        <translation>Звіти</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings</source>
        <translation>Налаштування</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit log</source>
        <extracomment>the screen that browses the append-only audit log</extracomment>
        <translation>Журнал аудиту</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Operators</source>
        <extracomment>the screen of operator accounts, roles and login sessions</extracomment>
        <translation>Оператори</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>Стан мережі одним поглядом: станції на зв’язку, поза зв’язком і з несправностями, поточні сесії зарядки та сповіщення, які потребують вашої уваги.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location. Click a station for its history.</source>
        <translation>Усі станції на мапі, позначені кольором стану, щоб станції офлайн і несправні було видно за розташуванням. Клацніть станцію, щоб відкрити її історію.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The interface language, this console&apos;s station server, payments, alerts, the map&apos;s tiles and the database it works with.</source>
        <translation>Мова інтерфейсу, сервер станцій цієї консолі, платежі, сповіщення, тайли мапи та база даних, з якою вона працює.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Your role does not include this screen</source>
        <translation>Ваша роль не містить цього екрана</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An administrator can add it to your role on the Operators screen. Log out and in again to see it.</source>
        <translation>Адміністратор може додати його до вашої ролі на екрані «Оператори». Вийдіть і увійдіть знову, щоб його побачити.</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>All stations and connectors with vendor, model and firmware, their current state, and their history of faults and offline periods.</source>
        <translation>Усі станції та конектори з виробником, моделлю й прошивкою, їхній поточний стан та історія несправностей і періодів поза зв’язком.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find a charging session fast: the last 100, by number, by phone or card, or among old sessions that were never closed. Read its log and fix it: finish, cancel the hold, finalize or set the energy.</source>
        <translation>Швидкий пошук сесії зарядки: останні 100, за номером, телефоном чи карткою або серед старих сесій, що так і не закрилися. Перегляньте журнал сесії та виправте її: завершіть, скасуйте холд, фіналізуйте оплату або задайте обсяг енергії.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stations offline or faulted, failed starts, charging without an authorised session, stops not honoured and meter jumps: acknowledge them, assign them and resolve them with a note.</source>
        <translation>Станції не на зв’язку чи несправні, невдалі запуски, зарядка без авторизованої сесії, невиконані зупинки та стрибки лічильника: підтверджуйте, призначайте й вирішуйте їх із приміткою.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bills flagged with anomaly codes, such as a lost bill or energy that differs from the platform&apos;s meter readings. Filter them in bulk and correct them with a preview of every effect on money.</source>
        <translation>Рахунки з кодами аномалій, наприклад утрачений рахунок або енергія, що розходиться з показами лічильника на платформі. Фільтруйте їх масово й виправляйте з попереднім переглядом кожного впливу на кошти.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Members and departments with their balances, cards, top-ups and coupons; the coupon rules; and the tariffs, with a preview of what a session would cost.</source>
        <translation>Учасники й підрозділи з балансами, картками, поповненнями та купонами; правила купонів; тарифи з попереднім розрахунком вартості сесії.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>Заявки користувачів на повернення коштів: розглядайте їх, проводьте повернення через платіжний шлюз прямо звідси й відстежуйте кожне рішення в історії перевірок.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>Звірка енергії та коштів за об’єктами й партнерами, статистика та експорт, який показує, що змінилося після виправлення рахунку.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every change to money, session status, tariffs, stations, accounts, roles and operators: who made it, when, why, and the values before and after. Nothing in it can be changed or deleted.</source>
        <translation>Кожна зміна грошей, статусів сесій, тарифів, станцій, рахунків, ролей і операторів: хто її зробив, коли, чому, і значення до та після. Нічого в ньому не можна змінити чи видалити.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who may use this console: operator accounts, their roles and what each role may see and do, and the logins open now.</source>
        <translation>Хто може працювати з цією консоллю: облікові записи операторів, їхні ролі, що кожна роль може бачити й робити, і відкриті зараз входи.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Not available in this version yet</source>
        <translation>У цій версії ще недоступно</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A later version of ChargeDesk will fill in this screen. Until then, it shows no data.</source>
        <translation>Цей екран запрацює в одній із наступних версій ChargeDesk. Доти він не показує жодних даних.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionActionDialog</name>
    <message>
        <location filename="../ui/operations/sessionactiondialog.cpp" line="+56"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (без змін)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Close the session as if the station had sent Stop: the hold is settled by the energy counter (captured by the amount, the rest released). The session becomes finished, or canceled at 0 Wh.</source>
        <translation>Закрити сесію так, ніби станція надіслала Stop: холд розраховується за лічильником енергії (списується сума, решта звільняється). Сесія стає завершеною, а при 0 Вт·год — скасованою.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the held money back to the customer&apos;s card. The session becomes canceled unless it has already failed.</source>
        <translation>Повернути заблоковані гроші на картку клієнта. Сесія стає скасованою, якщо вона ще не завершилася помилкою.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Capture part of the hold and release the rest. Leave the amount empty to capture the session&apos;s last reported total.</source>
        <translation>Списати частину холду, решту звільнити. Залиште суму порожньою, щоб списати останню повідомлену суму сесії.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set the session&apos;s energy counter, for example from the station&apos;s display or its own bill. Recomputing prices the new energy with the tariff.</source>
        <translation>Встановити лічильник енергії сесії, наприклад за дисплеєм станції або її власним рахунком. Перерахунок оцінює нову енергію за тарифом.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SOFT respects the status priorities (a finished session cannot go back to charging); OVERRIDE ignores them and is marked as such in the audit log.</source>
        <translation>SOFT враховує пріоритети статусів (завершена сесія не може повернутися до заряджання); OVERRIDE ігнорує їх і так позначається в журналі аудиту.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the station to start charging on this session&apos;s connector with the same card.</source>
        <translation>Попросити станцію почати заряджання на роз&apos;ємі цієї сесії з тією самою карткою.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the station to stop this session. The session closes when the station reports the stop.</source>
        <translation>Попросити станцію зупинити цю сесію. Сесія закривається, коли станція повідомить про зупинку.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restart the session&apos;s station. A soft reset waits for the charging to end; a hard reset restarts at once.</source>
        <translation>Перезапустити станцію сесії. М&apos;яке перезавантаження чекає завершення заряджання; жорстке перезапускає одразу.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 — session %2</source>
        <extracomment>the dialog&apos;s title: %1 the action such as &quot;Finish&quot;, %2 the session number</extracomment>
        <translation>%1 — сесія %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>What will happen</source>
        <translation>Що станеться</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reason (kept in the audit log, required):</source>
        <translation>Причина (зберігається в журналі аудиту, обов&apos;язково):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: the customer called, the station shows 12.4 kWh</source>
        <translation>Наприклад: телефонував клієнт, станція показує 12,4 кВт·год</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>At most %n decimal place(s); empty: the session&apos;s last reported total.</source>
        <translation>
            <numerusform>Не більше %n знака після коми; порожньо — остання повідомлена сума сесії.</numerusform>
            <numerusform>Не більше %n знаків після коми; порожньо — остання повідомлена сума сесії.</numerusform>
            <numerusform>Не більше %n знаків після коми; порожньо — остання повідомлена сума сесії.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount to capture</source>
        <translation>Сума до списання</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> Wh</source>
        <extracomment>unit after an energy in watt-hours</extracomment>
        <translation> Вт·год</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute the amount with the tariff</source>
        <translation>Перерахувати суму за тарифом</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+125"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>SOFT — respect the priorities</source>
        <translation>SOFT — з урахуванням пріоритетів</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OVERRIDE — ignore the priorities</source>
        <translation>OVERRIDE — ігнорувати пріоритети</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New status</source>
        <translation>Новий статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>Режим</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hard reset (restart at once, interrupting charging)</source>
        <translation>Жорстке перезавантаження (одразу, з перериванням заряджання)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Type an amount such as %1 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>Введіть суму, наприклад %1 (не більше %n знака після коми).</numerusform>
            <numerusform>Введіть суму, наприклад %1 (не більше %n знаків після коми).</numerusform>
            <numerusform>Введіть суму, наприклад %1 (не більше %n знаків після коми).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Working out what will happen…</source>
        <translation>Обчислюємо, що станеться…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Command to the station</source>
        <translation>Команда станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (no tariff: the amount stays)</source>
        <translation>%1 (немає тарифу: сума лишається)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hold</source>
        <translation>Холд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held</source>
        <translation>Заблоковано</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Capture %1 from the card.</source>
        <translation>Списати %1 з картки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 back to the customer&apos;s card.</source>
        <translation>Звільнити %1 на картку клієнта.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund %1 of the captured money.</source>
        <translation>Повернути %1 зі списаних коштів.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of the amount is above the hold and is not collected.</source>
        <translation>%1 суми перевищує холд і не стягується.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money does not move.</source>
        <translation>Гроші не рухаються.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money</source>
        <translation>Гроші</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot run: %1</source>
        <translation>Неможливо виконати: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Wait for the preview.</source>
        <translation>Дочекайтеся попереднього перегляду.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The preview says why this cannot run.</source>
        <translation>Попередній перегляд пояснює, чому це неможливо.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the reason first (at most %1 characters).</source>
        <translation>Спершу введіть причину (не більше %1 символів).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Command %1 sent to the queue; the station&apos;s answer appears in the session log.</source>
        <translation>Команду %1 поставлено в чергу; відповідь станції з&apos;явиться в журналі сесії.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done. Audit record %1.</source>
        <translation>Готово. Запис аудиту %1.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionCard</name>
    <message>
        <location filename="../ui/operations/sessioncard.cpp" line="+110"/>
        <source>No hold</source>
        <translation>Холду немає</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold requested</source>
        <translation>Холд запитано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank is processing the hold</source>
        <translation>Банк обробляє холд</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Money held on the card</source>
        <translation>Кошти заморожено на картці</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Captured</source>
        <translation>Списано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Released to the customer</source>
        <translation>Повернено клієнту</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold canceled</source>
        <translation>Холд скасовано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold failed</source>
        <translation>Холд не вдався</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No payment recorded</source>
        <translation>Платежу не записано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment pending</source>
        <translation>Платіж очікується</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment failed</source>
        <translation>Платіж не вдався</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded</source>
        <translation>Повернено</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Transaction card</source>
        <translation>Картка транзакції</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1</source>
        <extracomment>the transaction card&apos;s heading; %1 the session number such as 231116-000042</extracomment>
        <translation>Сесія %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No card yet</source>
        <translation>Картки ще немає</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card %1</source>
        <translation>Картка %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, connector %2</source>
        <translation>%1, конектор %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No amount yet</source>
        <translation>Суми ще немає</translation>
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
        <translation>%1 о %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None yet</source>
        <translation>Ще немає</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still open: the station has not sent Stop</source>
        <translation>Ще відкрита: станція не надіслала зупинку</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment</source>
        <translation>Платіж</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hold</source>
        <translation>Холд</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Користувач</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Сума</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Перебіг</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last meter value</source>
        <translation>Останнє показання</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>Завершення</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select a session to see its card and its log.</source>
        <translation>Виберіть сесію, щоб побачити її картку та журнал.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <extracomment>the button with the operator&apos;s actions on the session (Finish, Cancel hold, …)</extracomment>
        <translation>Дії</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionChart</name>
    <message>
        <location filename="../ui/charts/sessionchart.cpp" line="+126"/>
        <source>Select a session to see its power, energy, current, voltage and state of charge over time.</source>
        <translation>Виберіть сесію, щоб побачити її потужність, енергію, струм, напругу й заряд батареї в часі.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No meter values yet. The chart fills in as the station reports them.</source>
        <translation>Показників лічильника ще немає. Графік заповнюватиметься, щойно станція їх надсилатиме.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The station reported no meter values for this session.</source>
        <translation>Станція не надіслала показників лічильника для цієї сесії.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Whole session</source>
        <extracomment>the button that undoes the zoom of the chart</extracomment>
        <translation>Уся сесія</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag across the chart, turn the mouse wheel or press + and - to zoom in time; double-click, right-click or Esc shows the whole session again</source>
        <translation>Щоб збільшити відрізок часу, протягніть мишею по графіку, прокрутіть коліщатко або натисніть + і -; подвійне клацання, клацання правою кнопкою або Esc знову показує всю сесію</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Simplified</source>
        <extracomment>shown when a very long session is drawn with fewer points than it has</extracomment>
        <translation>Спрощено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This session has more meter values than the chart draws: each stretch of time shows its lowest and highest value, so peaks and dips stay visible.</source>
        <translation>У цій сесії більше показників, ніж малює графік: для кожного відрізку часу показано найменше й найбільше значення, тож піки та провали лишаються видимими.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionLogModel</name>
    <message>
        <location filename="../ui/operations/sessionlogmodel.cpp" line="+110"/>
        <source>Time (UTC)</source>
        <translation>Час (UTC)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your time (UTC%1)</source>
        <extracomment>the operator&apos;s own time zone, %1 its offset such as &quot;+02:00&quot;</extracomment>
        <translation>Ваш час (UTC%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What happened</source>
        <translation>Що сталося</translation>
    </message>
</context>
<context>
    <name>cd::ui::SessionTableModel</name>
    <message>
        <location filename="../ui/operations/sessiontablemodel.cpp" line="+54"/>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 год</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 год %2 хв</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 хв</translation>
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
        <translation>Сесія</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station / connector</source>
        <translation>Станція / конектор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User / card</source>
        <translation>Користувач / картка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Енергія</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Початок</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Тривалість</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why suspicious</source>
        <translation>Чому підозріла</translation>
    </message>
</context>
<context>
    <name>cd::ui::SettingsPage</name>
    <message>
        <location filename="../ui/settings/settingspage.cpp" line="+199"/>
        <source>Read only: changing these settings needs the permission to %1. The interface language is yours to choose.</source>
        <extracomment>%1 is the permission&apos;s name (&quot;change settings&quot;)</extracomment>
        <translation>Лише перегляд: щоб змінювати ці налаштування, потрібен дозвіл «%1». Мову інтерфейсу ви обираєте самі.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Мова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language:</source>
        <translation>Мова інтерфейсу:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change applies at once and is remembered for the next start. The --lang option overrides it for a single run.</source>
        <translation>Зміна діє одразу й зберігається до наступного запуску. Параметр --lang перевизначає її на один запуск.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database</source>
        <translation>База даних</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine:</source>
        <translation>СКБД:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location:</source>
        <translation>Розташування:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version:</source>
        <translation>Версія схеми:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key source:</source>
        <translation>Джерело ключа:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is chosen when ChargeDesk starts: run chargedesk --help to see the options.</source>
        <translation>Базу даних вибирають під час запуску ChargeDesk: параметри показує команда chargedesk --help.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not used: the PostgreSQL server controls access</source>
        <translation>Не використовується: доступом керує сервер PostgreSQL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operating system keychain</source>
        <translation>Сховище ключів операційної системи</translation>
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
        <translation>Змінна середовища %1</translation>
    </message>
</context>
<context>
    <name>cd::ui::StartLatencyDialog</name>
    <message>
        <location filename="../ui/stations/startlatencydialog.cpp" line="+57"/>
        <source>Start latency</source>
        <translation>Затримка старту</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From the start of a session (the station&apos;s start message) to the first Charging state, in the station&apos;s own time. A model or firmware that starts slowly stands out at the top.</source>
        <translation>Від початку сесії (повідомлення станції про старт) до першого стану Charging, за годинником станції. Модель або прошивка, що стартує повільно, буде вгорі.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Останній %n день</numerusform>
            <numerusform>Останні %n дні</numerusform>
            <numerusform>Останні %n днів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sessions started:</source>
        <translation>Сесії, розпочаті:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reload</source>
        <translation>Оновити</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>By vendor, model and firmware</source>
        <translation>За виробником, моделлю і прошивкою</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By station</source>
        <translation>За станціями</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No session reached Charging in this period.</source>
        <translation>За цей період жодна сесія не дійшла до заряджання.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n start(s) measured</source>
        <translation>
            <numerusform>Виміряно %n старт</numerusform>
            <numerusform>Виміряно %n старти</numerusform>
            <numerusform>Виміряно %n стартів</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out: station clock jumped</source>
        <translation>
            <numerusform>%n не враховано: годинник станції стрибнув</numerusform>
            <numerusform>%n не враховано: годинник станції стрибнув</numerusform>
            <numerusform>%n не враховано: годинник станції стрибнув</numerusform>
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
        <translation>%1 хв %2 с</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n start(s) left out: the station&apos;s clock jumped (negative or over an hour)</source>
        <translation>
            <numerusform>%n старт не враховано: годинник станції стрибнув (від&apos;ємний або понад годину)</numerusform>
            <numerusform>%n старти не враховано: годинник станції стрибнув (від&apos;ємні або понад годину)</numerusform>
            <numerusform>%n стартів не враховано: годинник станції стрибнув (від&apos;ємні або понад годину)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Виробник</translation>
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
        <translation>Станції</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starts</source>
        <translation>Стартів</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Median</source>
        <translation>Медіана</translation>
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
        <translation>Найповільніший</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationFilterProxy</name>
    <message>
        <location filename="../ui/stations/stationfilterproxy.cpp" line="+16"/>
        <source>All stations</source>
        <translation>Усі станції</translation>
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
        <translation>Несправні</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charging now</source>
        <translation>Заряджають зараз</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationHistoryDialog</name>
    <message>
        <location filename="../ui/stations/stationhistorydialog.cpp" line="+50"/>
        <source>History of %1</source>
        <extracomment>%1 is the station&apos;s id</extracomment>
        <translation>Історія %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connector:</source>
        <translation>Конектор:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>Показати:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time (UTC)</source>
        <translation>Час (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Подія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connector states</source>
        <translation>Стани конекторів</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online and offline</source>
        <translation>На зв’язку й поза зв’язком</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload</source>
        <translation>Оновити</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>All</source>
        <translation>Усі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 (the station)</source>
        <translation>0 (уся станція)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All states</source>
        <translation>Усі стани</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faults only</source>
        <translation>Лише несправності</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault: %1</source>
        <translation>Несправність: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 shown · faults: %2</source>
        <extracomment>%1 states shown; %2 faults among the states of the chosen connector</extracomment>
        <translation>показано %1 · несправностей: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected</source>
        <translation>Підключилася</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disconnected</source>
        <translation>Відключилася</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerSection</name>
    <message>
        <location filename="../ui/settings/stationserversection.cpp" line="+169"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>Файли PEM (*.pem *.crt *.key);;Усі файли (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Restart the station server?</source>
        <translation>Перезапустити сервер станцій?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n station(s) are connected now. They are disconnected and connect again by themselves; sessions in progress continue on the stations.</source>
        <translation>
            <numerusform>Зараз підключено %n станцію. Її буде від&apos;єднано, і вона підключиться знову сама; поточні сесії тривають на станціях.</numerusform>
            <numerusform>Зараз підключено %n станції. Їх буде від&apos;єднано, і вони підключаться знову самі; поточні сесії тривають на станціях.</numerusform>
            <numerusform>Зараз підключено %n станцій. Їх буде від&apos;єднано, і вони підключаться знову самі; поточні сесії тривають на станціях.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart</source>
        <translation>Перезапустити</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Station server</source>
        <translation>Сервер станцій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>Стан:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo mode: simulated stations are connected, unknown stations are admitted and no station passwords are asked for, whatever is set below.</source>
        <translation>Демонстраційний режим: підключено імітовані станції, невідомі станції допускаються, паролі станцій не запитуються — незалежно від налаштувань нижче.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the station server in this console</source>
        <translation>Запускати сервер станцій у цій консолі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address and port:</source>
        <translation>Адреса і порт:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security profile:</source>
        <translation>Профіль безпеки:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 — no credentials (lab only)</source>
        <translation>0 — без облікових даних (лише для лабораторії)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 — HTTP Basic auth with each station&apos;s password</source>
        <translation>1 — HTTP Basic auth із паролем кожної станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 — TLS (wss://) and each station&apos;s password</source>
        <translation>2 — TLS (wss://) і пароль кожної станції</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 — TLS (wss://) with station certificates</source>
        <translation>3 — TLS (wss://) із сертифікатами станцій</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server certificate:</source>
        <translation>Сертифікат сервера:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key:</source>
        <translation>Закритий ключ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations&apos; CA certificate:</source>
        <translation>Сертифікат CA станцій:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Огляд…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register unknown stations when they connect (lab only)</source>
        <translation>Реєструвати невідомі станції під час підключення (лише для лабораторії)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply and restart</source>
        <translation>Застосувати й перезапустити</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations connect to ws://ADDRESS:PORT/ocpp/&lt;station id&gt; (wss:// with profiles 2 and 3). Use 0.0.0.0 to accept stations from the network. With a shared PostgreSQL database, run chargedesk-server on the server machine instead and switch this off in every console.</source>
        <translation>Станції підключаються до ws://АДРЕСА:ПОРТ/ocpp/&lt;ідентифікатор станції&gt; (wss:// з профілями 2 і 3). Вкажіть 0.0.0.0, щоб приймати станції з мережі. Зі спільною базою PostgreSQL натомість запустіть chargedesk-server на сервері й вимкніть це в кожній консолі.</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationServerStatus</name>
    <message>
        <location filename="../ui/settings/stationserverstatus.cpp" line="+14"/>
        <source>Station server: off</source>
        <translation>Сервер станцій: вимкнено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: starting…</source>
        <translation>Сервер станцій: запуск…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station server: not running</source>
        <translation>Сервер станцій: не працює</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Station server: %1 · %n station(s) connected</source>
        <extracomment>Status bar: %1 is the address stations connect to; %n how many are connected now</extracomment>
        <translation>
            <numerusform>Сервер станцій: %1 · підключено %n станцію</numerusform>
            <numerusform>Сервер станцій: %1 · підключено %n станції</numerusform>
            <numerusform>Сервер станцій: %1 · підключено %n станцій</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Off. Stations cannot connect to this console.</source>
        <translation>Вимкнено. Станції не можуть підключитися до цієї консолі.</translation>
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
        <translation>Не працює: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Running. Stations connect to %1/&lt;station id&gt;; %n connected now.</source>
        <extracomment>%1 is the address, e.g. ws://127.0.0.1:9000/ocpp; %n how many stations are connected now</extracomment>
        <translation>
            <numerusform>Працює. Станції підключаються до %1/&lt;ідентифікатор станції&gt;; зараз підключено %n.</numerusform>
            <numerusform>Працює. Станції підключаються до %1/&lt;ідентифікатор станції&gt;; зараз підключено %n.</numerusform>
            <numerusform>Працює. Станції підключаються до %1/&lt;ідентифікатор станції&gt;; зараз підключено %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTableModel</name>
    <message>
        <location filename="../ui/stations/stationtablemodel.cpp" line="+24"/>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 год</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 год %2 хв</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 хв</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Charging</source>
        <translation>Заряджає</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Faulted</source>
        <translation>Несправність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>У мережі</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>Не в мережі</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Site: %1</source>
        <extracomment>The site a station belongs to, on the map&apos;s tooltip</extracomment>
        <translation>Майданчик: %1</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Station</source>
        <translation>Станція</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor</source>
        <translation>Виробник</translation>
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
        <translation>Останній heartbeat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected for</source>
        <translation>На зв&apos;язку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open sessions</source>
        <translation>Відкриті сесії</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationTexts</name>
    <message>
        <location filename="../ui/stations/stationtexts.cpp" line="+8"/>
        <source>available</source>
        <translation>вільний</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>preparing</source>
        <translation>підготовка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>charging</source>
        <translation>заряджання</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the station</source>
        <translation>призупинено станцією</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>suspended by the vehicle</source>
        <translation>призупинено автомобілем</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finishing</source>
        <translation>завершення</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reserved</source>
        <translation>зарезервовано</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unavailable</source>
        <translation>недоступний</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>faulted</source>
        <translation>несправність</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>occupied</source>
        <translation>зайнятий</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown</source>
        <translation>невідомо</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>accepted</source>
        <translation>прийнято</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending</source>
        <translation>очікує</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>відхилено</translation>
    </message>
</context>
<context>
    <name>cd::ui::StationsPage</name>
    <message>
        <location filename="../ui/stations/stationspage.cpp" line="+291"/>
        <source>Device model refresh</source>
        <translation>Оновлення моделі пристрою</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select a station to see its connectors and send it a command.</source>
        <translation>Виберіть станцію, щоб побачити її конектори й надіслати їй команду.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connector %1: %2</source>
        <translation>Конектор %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>session %1</source>
        <translation>сесія %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2 · registration %3</source>
        <extracomment>%1 station id, %2 protocol, %3 registration status</extracomment>
        <translation>%1 · %2 · реєстрація %3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Search by station, vendor, model or firmware</source>
        <translation>Пошук за станцією, виробником, моделлю чи прошивкою</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send command…</source>
        <translation>Надіслати команду…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device model…</source>
        <translation>Модель пристрою…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration…</source>
        <translation>Конфігурація…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads the configuration keys of the selected OCPP 1.6 station and changes them</source>
        <translation>Читає та змінює ключі конфігурації вибраної станції OCPP 1.6</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History…</source>
        <translation>Історія…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place…</source>
        <translation>Розмістити…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station&apos;s site and its place on the map</source>
        <translation>Майданчик станції та її місце на мапі</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start latency…</source>
        <translation>Затримка старту…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long stations take from the start of a session to charging, by model and firmware</source>
        <translation>Скільки часу станції витрачають від початку сесії до заряджання, за моделлю і прошивкою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every connector state the station reported, its faults, and when it was online</source>
        <translation>Усі стани конекторів, про які повідомила станція, її несправності та коли вона була на зв’язку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What an OCPP 2.0.1 station reported about its components and settings</source>
        <translation>Що станція OCPP 2.0.1 повідомила про свої компоненти й налаштування</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 of %n station(s) · updated %2</source>
        <extracomment>%1 stations shown of %n; %2 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%1 з %n станції · оновлено %2</numerusform>
            <numerusform>%1 з %n станцій · оновлено %2</numerusform>
            <numerusform>%1 з %n станцій · оновлено %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n station(s) · updated %1</source>
        <extracomment>%n stations in the list; %1 the time of the last refresh</extracomment>
        <translation>
            <numerusform>%n станція · оновлено %1</numerusform>
            <numerusform>%n станції · оновлено %1</numerusform>
            <numerusform>%n станцій · оновлено %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading…</source>
        <translation>Завантаження…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No stations yet. A station appears here when it connects to the station server (Settings › Station server) or is added with chargedesk-cli station add.</source>
        <translation>Станцій ще немає. Станція з&apos;являється тут, коли підключається до сервера станцій (Налаштування › Сервер станцій) або її додають командою chargedesk-cli station add.</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffEditor</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffeditor.cpp" line="+336"/>
        <source>%1 must be an amount such as 1.20 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>%1 має бути сумою, наприклад 1.20 (щонайбільше %n знак після коми).</numerusform>
            <numerusform>%1 має бути сумою, наприклад 1.20 (щонайбільше %n знаки після коми).</numerusform>
            <numerusform>%1 має бути сумою, наприклад 1.20 (щонайбільше %n знаків після коми).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The energy price</source>
        <translation>Ціна енергії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service fee</source>
        <translation>Плата за обслуговування</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The idle fee</source>
        <translation>Плата за простій</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The price of period %1 must be an amount such as 1.20.</source>
        <translation>Ціна періоду %1 має бути сумою, наприклад 1.20.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Correct the tariff to see what a session would cost.</source>
        <translation>Виправте тариф, щоб побачити, скільки коштуватиме сесія.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A %1 kWh session from %2 to %3 would cost %4.</source>
        <extracomment>the tariff editor&apos;s preview: %1 kWh, %2 and %3 local times, %4 the total</extracomment>
        <translation>Сесія на %1 кВт·год з %2 до %3 коштувала б %4.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose…</source>
        <extracomment>the first entry of the list of sites, stations or departments a tariff can apply to</extracomment>
        <translation>Виберіть…</translation>
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
        <translation>Новий тариф</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, version %2: saving makes version %3</source>
        <extracomment>%1 the tariff&apos;s name, %2 its version number</extracomment>
        <translation>%1, версія %2: збереження створить версію %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name:</source>
        <translation>Назва:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to:</source>
        <translation>Застосовується до:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency:</source>
        <translation>Валюта:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone:</source>
        <translation>Часовий пояс:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from:</source>
        <translation>Діє з:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Energy price per kWh:</source>
        <translation>Ціна енергії за кВт·год:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service fee per kWh:</source>
        <translation>Плата за обслуговування за кВт·год:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle fee per minute:</source>
        <translation>Плата за простій за хвилину:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free minutes:</source>
        <extracomment>minutes after charging ends before the idle fee starts</extracomment>
        <translation>Безкоштовних хвилин:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-of-use periods (none: the energy price all day)</source>
        <translation>Періоди за часом доби (без них — ціна енергії весь день)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add period</source>
        <translation>Додати період</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove period</source>
        <translation>Видалити період</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>З</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price per kWh</source>
        <translation>Ціна за кВт·год</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview:</source>
        <translation>Розрахунок:</translation>
    </message>
</context>
<context>
    <name>cd::ui::TariffsTab</name>
    <message numerus="yes">
        <location filename="../ui/accounts/tariffstab.cpp" line="+162"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n період</numerusform>
            <numerusform>%n періоди</numerusform>
            <numerusform>%n періодів</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New tariff</source>
        <translation>Новий тариф</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The tariff has problems: see under the editor.</source>
        <translation>У тарифі є помилки: див. під редактором.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved %1, version %2.</source>
        <translation>Збережено %1, версія %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Save tariff</source>
        <translation>&amp;Зберегти тариф</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Save as new version</source>
        <translation>&amp;Зберегти як нову версію</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tariffs</source>
        <translation>Тарифи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every version</source>
        <translation>Усі версії</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New tariff</source>
        <translation>&amp;Новий тариф</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Назва</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation>Застосовується до</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Версія</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid from</source>
        <translation>Діє з</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>Діє до</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Energy price</source>
        <translation>Ціна енергії</translation>
    </message>
</context>
<context>
    <name>cd::ui::ThresholdDialog</name>
    <message>
        <location filename="../ui/accounts/thresholddialog.cpp" line="+22"/>
        <source>Department billing</source>
        <translation>Оплата підрозділу</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Auto-stop threshold</source>
        <translation>Поріг автозупинки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Charging stops when the balance left falls to this amount. Stations report energy late or not at all while offline, so a balance can still go below it.</source>
        <translation>Зарядка зупиняється, коли залишок балансу падає до цієї суми. Станції повідомляють енергію із запізненням або, будучи офлайн, не повідомляють зовсім, тож баланс усе ж може опуститися нижче.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Auto-stop at (%1):</source>
        <translation>Автозупинка при (%1):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill sessions to the parent department&apos;s pooled balance</source>
        <translation>Списувати сесії зі спільного балансу батьківського підрозділу</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Зберегти</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
</context>
<context>
    <name>cd::ui::TopUpDialog</name>
    <message>
        <location filename="../ui/accounts/topupdialog.cpp" line="+21"/>
        <source>Top up</source>
        <translation>Поповнення</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Optional: the desk&apos;s number is used</source>
        <translation>Необов’язково: буде використано номер каси</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Amount (%1):</source>
        <translation>Сума (%1):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt number:</source>
        <translation>Номер квитанції:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Top up %1</source>
        <extracomment>the button that moves the money, after the operator has seen what will happen</extracomment>
        <translation>Поповнити на %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review…</source>
        <translation>Переглянути…</translation>
    </message>
</context>
</TS>
