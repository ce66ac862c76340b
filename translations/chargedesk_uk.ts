<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="+202"/>
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
        <location filename="../core/alerts/alertservice.cpp" line="+38"/>
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
        <location line="+49"/>
        <location line="+15"/>
        <location line="+14"/>
        <source>Alert %1 is already resolved.</source>
        <translation>Сповіщення %1 уже вирішено.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Alert %1 is already acknowledged.</source>
        <translation>Сповіщення %1 уже підтверджено.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The assignee&apos;s name is too long.</source>
        <translation>Ім’я виконавця задовге.</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+3"/>
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
        <location filename="../app/cli/auditcommands.cpp" line="+25"/>
        <source>--last must be a positive number.</source>
        <translation>--last має бути додатним числом.</translation>
    </message>
    <message>
        <location line="+30"/>
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
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+28"/>
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>Командний рядок ChargeDesk: сценарії та облік.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print machine-readable JSON.</source>
        <translation>Виводити машинозчитуваний JSON.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name recorded in the audit log (default: cli:&lt;user&gt;).</source>
        <translation>Ім’я, що записується в журнал аудиту (типово: cli:&lt;user&gt;).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>ім’я</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+22"/>
        <location line="+9"/>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <location line="-38"/>
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
        <source>number</source>
        <translation>число</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location line="+0"/>
        <location line="+18"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-17"/>
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
        <source>Id tag status: Accepted, Blocked or Expired.</source>
        <translation>Стан id tag: Accepted, Blocked або Expired.</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <source>amount</source>
        <translation>сума</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>mode</source>
        <translation>режим</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+52"/>
        <source>No command given.</source>
        <translation>Команду не вказано.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown command: %1</source>
        <translation>Невідома команда: %1</translation>
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
    <name>cd::cli::OptionValues</name>
    <message>
        <location filename="../app/cli/optionvalues.cpp" line="+15"/>
        <source>--%1 must be a positive number.</source>
        <translation>--%1 має бути додатним числом.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</source>
        <translation>--%1 має бути датою й часом у форматі ISO 8601, напр. 2027-01-31T23:59:59Z.</translation>
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
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+80"/>
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
        <location line="+17"/>
        <source>--%1 must be a number.</source>
        <translation>--%1 має бути числом.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</source>
        <translation>Пароль станції має містити від 16 до 40 символів (OCPP 1.6, профіль безпеки 1).</translation>
    </message>
    <message>
        <location line="+33"/>
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
    <name>cd::cli::TxActionCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/txactioncommands.cpp" line="-177"/>
        <source>--amount must be an amount such as 12.50 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>--amount має бути сумою, наприклад 12.50 (не більше %n знака після коми).</numerusform>
            <numerusform>--amount має бути сумою, наприклад 12.50 (не більше %n знаків після коми).</numerusform>
            <numerusform>--amount має бути сумою, наприклад 12.50 (не більше %n знаків після коми).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
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
        <location filename="../core/commands/commandqueue.cpp" line="+32"/>
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
        <location line="+30"/>
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
        <location filename="../app/console/main.cpp" line="+36"/>
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
        <location filename="../core/payments/balanceguard.cpp" line="+84"/>
        <source>No session with the id %1.</source>
        <translation>Немає сесії з ідентифікатором %1.</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location filename="../core/payments/httpgateway.cpp" line="+173"/>
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
        <location line="+19"/>
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
        <location filename="../core/payments/sessionpayments.cpp" line="+208"/>
        <source>ChargeDesk session %1</source>
        <translation>Сесія ChargeDesk %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 started</source>
        <translation>Сесію %1 розпочато</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Session %1 ended</source>
        <translation>Сесію %1 завершено</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 delivered no energy</source>
        <translation>Сесія %1 не передала енергії</translation>
    </message>
    <message>
        <location line="+71"/>
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
        <location filename="../core/payments/balanceguard.cpp" line="+31"/>
        <source>No session with the id %1.</source>
        <translation>Немає сесії з ідентифікатором %1.</translation>
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
        <location filename="../core/sessions/sessionactions.cpp" line="+87"/>
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
        <location line="+7"/>
        <source>Priced with tariff %1: %2 per kWh.</source>
        <translation>Розраховано за тарифом %1: %2 за кВт·год.</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+6"/>
        <source>Who acts must be known: an operator name is required.</source>
        <translation>Має бути відомо, хто діє: потрібне ім&apos;я оператора.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept in the audit log.</source>
        <translation>Потрібна причина: вона зберігається в журналі аудиту.</translation>
    </message>
    <message>
        <location line="+72"/>
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
        <location filename="../core/sim/misbehaviour.cpp" line="+65"/>
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
        <location filename="../core/storage/connectorrepository.cpp" line="+116"/>
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
        <location filename="../core/storage/idtagrepository.cpp" line="+66"/>
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
        <location filename="../core/storage/migrator.cpp" line="+97"/>
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
        <location filename="../core/storage/sessionrepository.cpp" line="+188"/>
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
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+69"/>
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
        <location line="+6"/>
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
        <location filename="../core/storage/stationrepository.cpp" line="+66"/>
        <source>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</source>
        <translation>«%1» — неприпустимий ідентифікатор зарядної станції: використовуйте від 1 до 48 друкованих символів без пробілів, «/», «?», «#» і «%».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latitude must be between -90 and 90.</source>
        <translation>Широта має бути в межах від -90 до 90.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longitude must be between -180 and 180.</source>
        <translation>Довгота має бути в межах від -180 до 180.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A station with the id %1 already exists.</source>
        <translation>Станція з ідентифікатором %1 уже існує.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No station with the internal id %1.</source>
        <translation>Станції з внутрішнім ідентифікатором %1 немає.</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+56"/>
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
        <location line="-119"/>
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
        <location filename="../ui/alerts/alertspage.cpp" line="+278"/>
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
        <location filename="../ui/settings/alertssection.cpp" line="+175"/>
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
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+325"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+1"/>
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
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+45"/>
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
        <location line="+9"/>
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>Стан мережі одним поглядом: станції на зв’язку, поза зв’язком і з несправностями, поточні сесії зарядки та сповіщення, які потребують вашої уваги.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location.</source>
        <translation>Усі станції на мапі в кольорах їхнього стану: станції поза зв’язком і з несправностями одразу видно на місцевості.</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>Заявки користувачів на повернення коштів: розглядайте їх, проводьте повернення через платіжний шлюз прямо звідси й відстежуйте кожне рішення в історії перевірок.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>Звірка енергії та коштів за об’єктами й партнерами, статистика та експорт, який показує, що змінилося після виправлення рахунку.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The interface language, this console&apos;s station server and the database it works with.</source>
        <translation>Мова інтерфейсу, сервер станцій цієї консолі та база даних, з якою вона працює.</translation>
    </message>
    <message>
        <location line="+42"/>
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
        <location filename="../ui/operations/sessionactiondialog.cpp" line="+54"/>
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
        <location line="+54"/>
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
        <location filename="../ui/operations/sessioncard.cpp" line="+109"/>
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
        <location line="+18"/>
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
        <location filename="../ui/operations/sessiontablemodel.cpp" line="+82"/>
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
        <location filename="../ui/settings/settingspage.cpp" line="+182"/>
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
        <location filename="../ui/settings/stationserversection.cpp" line="+176"/>
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
        <location filename="../ui/stations/stationtablemodel.cpp" line="+23"/>
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
        <location line="+42"/>
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
        <location line="+87"/>
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
        <location filename="../ui/stations/stationspage.cpp" line="+269"/>
        <source>Device model refresh</source>
        <translation>Оновлення моделі пристрою</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+2"/>
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
    <message>
        <location line="+3"/>
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
</TS>
