<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../app/cli/txactioncommands.cpp" line="+202"/>
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
        <location filename="../core/alerts/alertservice.cpp" line="+38"/>
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
        <location line="+49"/>
        <location line="+15"/>
        <location line="+14"/>
        <source>Alert %1 is already resolved.</source>
        <translation>Оповещение %1 уже решено.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Alert %1 is already acknowledged.</source>
        <translation>Оповещение %1 уже подтверждено.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The assignee&apos;s name is too long.</source>
        <translation>Имя исполнителя слишком длинное.</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+3"/>
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
        <location filename="../app/cli/auditcommands.cpp" line="+25"/>
        <source>--last must be a positive number.</source>
        <translation>--last должен быть положительным числом.</translation>
    </message>
    <message>
        <location line="+30"/>
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
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+28"/>
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>Командная строка ChargeDesk: сценарии и учёт.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print machine-readable JSON.</source>
        <translation>Выводить машиночитаемый JSON.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name recorded in the audit log (default: cli:&lt;user&gt;).</source>
        <translation>Имя, записываемое в журнал аудита (по умолчанию: cli:&lt;user&gt;).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+22"/>
        <location line="+9"/>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <location line="-38"/>
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
        <source>number</source>
        <translation>число</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location line="+0"/>
        <location line="+18"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-17"/>
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
        <source>Id tag status: Accepted, Blocked or Expired.</source>
        <translation>Статус id tag: Accepted, Blocked или Expired.</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <source>amount</source>
        <translation>сумма</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>mode</source>
        <translation>режим</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+52"/>
        <source>No command given.</source>
        <translation>Команда не указана.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown command: %1</source>
        <translation>Неизвестная команда: %1</translation>
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
    <name>cd::cli::OptionValues</name>
    <message>
        <location filename="../app/cli/optionvalues.cpp" line="+15"/>
        <source>--%1 must be a positive number.</source>
        <translation>--%1 должно быть положительным числом.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.</source>
        <translation>--%1 должно быть датой и временем в формате ISO 8601, напр. 2027-01-31T23:59:59Z.</translation>
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
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+80"/>
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
        <location line="+17"/>
        <source>--%1 must be a number.</source>
        <translation>--%1 должен быть числом.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A station password must be 16 to 40 characters (OCPP 1.6 security profile 1).</source>
        <translation>Пароль станции должен содержать от 16 до 40 символов (OCPP 1.6, профиль безопасности 1).</translation>
    </message>
    <message>
        <location line="+33"/>
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
    <name>cd::cli::TxActionCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/txactioncommands.cpp" line="-177"/>
        <source>--amount must be an amount such as 12.50 (at most %n decimal place(s)).</source>
        <translation>
            <numerusform>--amount должен быть суммой, например 12.50 (не более %n знака после запятой).</numerusform>
            <numerusform>--amount должен быть суммой, например 12.50 (не более %n знаков после запятой).</numerusform>
            <numerusform>--amount должен быть суммой, например 12.50 (не более %n знаков после запятой).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
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
        <location filename="../core/commands/commandqueue.cpp" line="+32"/>
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
        <location line="+30"/>
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
        <location filename="../app/console/main.cpp" line="+36"/>
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
        <location filename="../core/payments/balanceguard.cpp" line="+84"/>
        <source>No session with the id %1.</source>
        <translation>Нет сессии с идентификатором %1.</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location filename="../core/payments/httpgateway.cpp" line="+173"/>
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
        <location line="+19"/>
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
        <location filename="../core/payments/sessionpayments.cpp" line="+208"/>
        <source>ChargeDesk session %1</source>
        <translation>Сессия ChargeDesk %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session %1 started</source>
        <translation>Сессия %1 начата</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Session %1 ended</source>
        <translation>Сессия %1 завершена</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Session %1 delivered no energy</source>
        <translation>Сессия %1 не передала энергии</translation>
    </message>
    <message>
        <location line="+71"/>
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
        <location filename="../core/payments/balanceguard.cpp" line="+31"/>
        <source>No session with the id %1.</source>
        <translation>Нет сессии с идентификатором %1.</translation>
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
        <location filename="../core/sessions/sessionactions.cpp" line="+87"/>
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
        <location line="+7"/>
        <source>Priced with tariff %1: %2 per kWh.</source>
        <translation>Рассчитано по тарифу %1: %2 за кВт·ч.</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+6"/>
        <source>Who acts must be known: an operator name is required.</source>
        <translation>Должно быть известно, кто действует: требуется имя оператора.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason is required: it is kept in the audit log.</source>
        <translation>Требуется причина: она сохраняется в журнале аудита.</translation>
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
        <location filename="../core/sim/misbehaviour.cpp" line="+65"/>
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
        <location filename="../core/storage/connectorrepository.cpp" line="+116"/>
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
        <location filename="../core/storage/idtagrepository.cpp" line="+66"/>
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
        <location filename="../core/storage/migrator.cpp" line="+97"/>
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
        <location filename="../core/storage/sessionrepository.cpp" line="+188"/>
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
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+69"/>
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
        <location line="+6"/>
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
        <location filename="../core/storage/stationrepository.cpp" line="+66"/>
        <source>&quot;%1&quot; is not a valid charge point id: use 1 to 48 printable characters without spaces, &apos;/&apos;, &apos;?&apos;, &apos;#&apos; or &apos;%&apos;.</source>
        <translation>«%1» — недопустимый идентификатор зарядной станции: используйте от 1 до 48 печатных символов без пробелов, «/», «?», «#» и «%».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latitude must be between -90 and 90.</source>
        <translation>Широта должна быть в пределах от -90 до 90.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longitude must be between -180 and 180.</source>
        <translation>Долгота должна быть в пределах от -180 до 180.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A station with the id %1 already exists.</source>
        <translation>Станция с идентификатором %1 уже существует.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No station with the internal id %1.</source>
        <translation>Станции с внутренним идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+56"/>
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
        <location line="-119"/>
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
        <location filename="../ui/alerts/alertspage.cpp" line="+278"/>
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
        <location filename="../ui/settings/alertssection.cpp" line="+175"/>
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
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+325"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+1"/>
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
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+45"/>
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
        <location line="+9"/>
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>Состояние сети с первого взгляда: станции на связи, без связи и с неисправностями, идущие сессии зарядки и оповещения, которые требуют вашего внимания.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location.</source>
        <translation>Все станции на карте в цветах их состояния: станции без связи и с неисправностями сразу видны на местности.</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>Members&apos; refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>Заявки пользователей на возврат средств: рассматривайте их, проводите возврат через платёжный шлюз прямо отсюда и отслеживайте каждое решение в истории проверок.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>Сверка энергии и денег по объектам и партнёрам, статистика и выгрузки, которые показывают, что изменилось после исправления счёта.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The interface language, this console&apos;s station server and the database it works with.</source>
        <translation>Язык интерфейса, сервер станций этой консоли и база данных, с которой она работает.</translation>
    </message>
    <message>
        <location line="+42"/>
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
        <location filename="../ui/operations/sessionactiondialog.cpp" line="+54"/>
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
        <location line="+54"/>
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
        <location filename="../ui/operations/sessioncard.cpp" line="+109"/>
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
        <location line="+18"/>
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
        <location filename="../ui/operations/sessiontablemodel.cpp" line="+82"/>
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
        <location filename="../ui/settings/settingspage.cpp" line="+182"/>
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
        <location filename="../ui/settings/stationserversection.cpp" line="+176"/>
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
        <location filename="../ui/stations/stationtablemodel.cpp" line="+23"/>
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
        <location line="+42"/>
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
        <location line="+87"/>
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
        <location filename="../ui/stations/stationspage.cpp" line="+269"/>
        <source>Device model refresh</source>
        <translation>Обновление модели устройства</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+2"/>
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
    <message>
        <location line="+3"/>
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
</TS>
