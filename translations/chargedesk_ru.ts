<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>cd::ServerMain</name>
    <message>
        <location filename="../app/server/main.cpp" line="+25" />
        <source>ChargeDesk headless server: the same core as the console, as a service.</source>
        <translation>Сервер ChargeDesk без интерфейса: то же ядро, что и в консоли, в виде службы.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Apply pending schema migrations, then exit.</source>
        <translation>Применить ожидающие миграции схемы и выйти.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Database %1 (%2), schema version %3.</source>
        <translation>База данных %1 (%2), версия схемы %3.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Shutting down.</source>
        <translation>Завершение работы.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>ChargeDesk server is running. Stop it with Ctrl+C or SIGTERM.</source>
        <translation>Сервер ChargeDesk запущен. Остановите его с помощью Ctrl+C или SIGTERM.</translation>
    </message>
</context>
<context>
    <name>cd::SimMain</name>
    <message>
        <location filename="../app/sim/main.cpp" line="+22" />
        <source>ChargeDesk charge-point simulator: runs simulated OCPP stations against a server.</source>
        <translation>Симулятор зарядных станций ChargeDesk: запускает имитируемые OCPP-станции, которые подключаются к серверу.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Server URL, e.g. ws://127.0.0.1:9000/ocpp.</source>
        <translation>URL сервера, например ws://127.0.0.1:9000/ocpp.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Number of stations to simulate.</source>
        <translation>Количество имитируемых станций.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The simulator cannot run stations yet: this build has no OCPP client.</source>
        <translation>Симулятор пока не может запускать станции: в этой сборке нет OCPP-клиента.</translation>
    </message>
</context>
<context>
    <name>cd::auth::PasswordHash</name>
    <message>
        <location filename="../core/auth/passwordhash.cpp" line="+35" />
        <source>The password library (libsodium) could not be initialised.</source>
        <translation>Не удалось инициализировать библиотеку паролей (libsodium).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The password is too long.</source>
        <translation>Пароль слишком длинный.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Not enough memory to hash the password.</source>
        <translation>Недостаточно памяти для хеширования пароля.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingService</name>
    <message>
        <location filename="../core/charging/chargingservice.cpp" line="+66" />
        <source>No station with the internal id %1.</source>
        <translation>Станции с внутренним идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::charging::ChargingText</name>
    <message>
        <location filename="../core/charging/chargingtypes.cpp" line="+123" />
        <source>Emergency stop button pressed</source>
        <translation>Нажата кнопка аварийной остановки</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Vehicle unplugged</source>
        <translation>Кабель отсоединён от автомобиля</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Station hard reset</source>
        <translation>Жёсткая перезагрузка станции</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Station soft reset</source>
        <translation>Мягкая перезагрузка станции</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Stopped at the station (card or button)</source>
        <translation>Остановлено на станции (картой или кнопкой)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Station lost power</source>
        <translation>Станция потеряла питание</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Station rebooted during the session</source>
        <translation>Станция перезагрузилась во время сессии</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Stopped from the back office</source>
        <translation>Остановлено из административной системы</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Connector unlocked from the back office</source>
        <translation>Коннектор разблокирован из административной системы</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Card no longer authorized</source>
        <translation>Карта больше не авторизована</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Closed by the system: the station rebooted and reported the connector available</source>
        <translation>Закрыто системой: станция перезагрузилась и сообщила, что коннектор свободен</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Closed by the system: a new session started on the same connector</source>
        <translation>Закрыто системой: на том же коннекторе началась новая сессия</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Other reason</source>
        <translation>Другая причина</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not stopped</source>
        <translation>Не остановлено</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Waiting for payment</source>
        <translation>Ожидает оплаты</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Starting</source>
        <translation>Запускается</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Charging</source>
        <translation>Зарядка</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Waiting for final payment</source>
        <translation>Ожидает окончательной оплаты</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Finished</source>
        <translation>Завершена</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Canceled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Failed</source>
        <translation>Сбой</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Failed, payment still held</source>
        <translation>Сбой, средства ещё заблокированы</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Accepted</source>
        <translation>Принята</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Card blocked</source>
        <translation>Карта заблокирована</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Card expired</source>
        <translation>Срок действия карты истёк</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unknown or invalid card</source>
        <translation>Неизвестная или недействительная карта</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Card already charging elsewhere</source>
        <translation>Карта уже используется для зарядки в другом месте</translation>
    </message>
</context>
<context>
    <name>cd::charging::CommitQueue</name>
    <message>
        <location filename="../core/charging/commitqueue.cpp" line="+22" />
        <source>The charging service is shutting down.</source>
        <translation>Служба зарядки завершает работу.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A message handler failed unexpectedly.</source>
        <translation>Обработчик сообщений неожиданно дал сбой.</translation>
    </message>
</context>
<context>
    <name>cd::charging::TransactionLedger</name>
    <message>
        <location filename="../core/charging/transactionledger.cpp" line="+211" />
        <source>Transaction ids beyond 2147483647 cannot be issued to OCPP 1.6 stations.</source>
        <translation>Идентификаторы транзакций больше 2147483647 нельзя выдавать станциям OCPP 1.6.</translation>
    </message>
</context>
<context>
    <name>cd::cli::AuditCommands</name>
    <message>
        <location filename="../app/cli/auditcommands.cpp" line="+25" />
        <source>--last must be a positive number.</source>
        <translation>--last должен быть положительным числом.</translation>
    </message>
    <message>
        <location line="+30" />
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Subject</source>
        <translation>Объект</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Show the newest audit log entries.</source>
        <translation>Показать последние записи журнала аудита.</translation>
    </message>
</context>
<context>
    <name>cd::cli::CliApp</name>
    <message>
        <location filename="../app/cli/cliapp.cpp" line="+24" />
        <source>ChargeDesk command line: scripting and accounting.</source>
        <translation>Командная строка ChargeDesk: сценарии и учёт.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Print machine-readable JSON.</source>
        <translation>Выводить машиночитаемый JSON.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Name recorded in the audit log (default: cli:&lt;user&gt;).</source>
        <translation>Имя, записываемое в журнал аудита (по умолчанию: cli:&lt;user&gt;).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Output file.</source>
        <translation>Файл для вывода.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>path</source>
        <translation>путь</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Display name.</source>
        <translation>Отображаемое название.</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <location line="+1" />
        <location line="+1" />
        <location line="+1" />
        <location line="+4" />
        <location line="+8" />
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <location line="-15" />
        <source>Station vendor.</source>
        <translation>Производитель станции.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Station model.</source>
        <translation>Модель станции.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Station firmware version.</source>
        <translation>Версия прошивки станции.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Street address.</source>
        <translation>Адрес.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Latitude in degrees.</source>
        <translation>Широта в градусах.</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <source>number</source>
        <translation>число</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Longitude in degrees.</source>
        <translation>Долгота в градусах.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hide the station from the public map (it stays in reports).</source>
        <translation>Скрыть станцию с публичной карты (в отчётах она останется).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Only rows matching this text.</source>
        <translation>Только строки, содержащие этот текст.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Only the newest N rows.</source>
        <translation>Только N последних строк.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A command parameter, key=value (repeatable; JSON values allowed).</source>
        <translation>Параметр команды, key=value (можно повторять; допускаются значения JSON).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>key=value</source>
        <translation>key=value</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A command's whole payload as a JSON object.</source>
        <translation>Всё содержимое команды в виде объекта JSON.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>json</source>
        <translation>json</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep the command queued until the station connects.</source>
        <translation>Держать команду в очереди, пока станция не подключится.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Seconds to wait for the station's answer (default 90).</source>
        <translation>Сколько секунд ждать ответа станции (по умолчанию 90).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>seconds</source>
        <translation>секунды</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Why the change is made (kept in the audit log).</source>
        <translation>Причина изменения (сохраняется в журнале аудита).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What to do; see the list above.</source>
        <translation>Что сделать; см. список выше.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&lt;group&gt; &lt;verb&gt; [arguments]</source>
        <translation>&lt;группа&gt; &lt;действие&gt; [аргументы]</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Commands:</source>
        <translation>Команды:</translation>
    </message>
    <message>
        <location line="+51" />
        <source>No command given.</source>
        <translation>Команда не указана.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Unknown command: %1</source>
        <translation>Неизвестная команда: %1</translation>
    </message>
</context>
<context>
    <name>cd::cli::CommandCommands</name>
    <message>
        <location filename="../app/cli/commandcommands.cpp" line="+57" />
        <source>--payload must be a JSON object.</source>
        <translation>--payload должен быть объектом JSON.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>--param needs key=value, got "%1".</source>
        <translation>--param требует key=value, получено «%1».</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Usage: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</source>
        <translation>Использование: chargedesk-cli command &lt;chargePointId&gt; &lt;action&gt; [--param key=value]…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>--timeout must be a positive number of seconds.</source>
        <translation>--timeout должен быть положительным числом секунд.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Command %1 queued; waiting for the station…</source>
        <translation>Команда %1 поставлена в очередь; ожидание станции…</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Command</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+29" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location line="-28" />
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>No answer within %n second(s); the command stays queued.</source>
        <translation><numerusform>Нет ответа в течение %n секунды; команда остаётся в очереди.</numerusform><numerusform>Нет ответа в течение %n секунд; команда остаётся в очереди.</numerusform><numerusform>Нет ответа в течение %n секунд; команда остаётся в очереди.</numerusform></translation>
    </message>
    <message>
        <location line="+26" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Requested (UTC)</source>
        <translation>Запрошено (UTC)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Station</source>
        <translation>Станция</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Send an OCPP command to a station and wait for its answer (audited).</source>
        <translation>Отправить станции команду OCPP и дождаться ответа (с записью в аудит).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Show the newest commands and their outcomes.</source>
        <translation>Показать последние команды и их результаты.</translation>
    </message>
</context>
<context>
    <name>cd::cli::DbCommands</name>
    <message>
        <location filename="../app/cli/dbcommands.cpp" line="+50" />
        <source>Engine</source>
        <translation>СУБД</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Location</source>
        <translation>Расположение</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Schema version</source>
        <translation>Версия схемы</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tables</source>
        <translation>Таблицы</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Schema is at version %1.</source>
        <translation>Схема имеет версию %1.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Show the database engine, location, schema version and row counts.</source>
        <translation>Показать СУБД, расположение базы данных, версию схемы и количество строк.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Open the database and apply pending schema migrations.</source>
        <translation>Открыть базу данных и применить ожидающие миграции схемы.</translation>
    </message>
</context>
<context>
    <name>cd::cli::KeyCommands</name>
    <message>
        <location filename="../app/cli/keycommands.cpp" line="+25" />
        <source>Wrote a new 256-bit key to %1 (mode 0600). Keep a backup: without it the database cannot be read.</source>
        <translation>Новый 256-битный ключ записан в %1 (режим 0600). Сделайте резервную копию: без неё базу данных невозможно прочитать.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Make a new random database key (prints it, or writes a 0600 key file).</source>
        <translation>Создать новый случайный ключ базы данных (выводит его или записывает в файл ключа с режимом 0600).</translation>
    </message>
</context>
<context>
    <name>cd::cli::StationCommands</name>
    <message>
        <location filename="../app/cli/stationcommands.cpp" line="+80" />
        <source>hidden</source>
        <translation>скрыта</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+19" />
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-19" />
        <location line="+20" />
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="-20" />
        <location line="+21" />
        <source>Vendor</source>
        <translation>Производитель</translation>
    </message>
    <message>
        <location line="-21" />
        <location line="+22" />
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location line="-22" />
        <location line="+23" />
        <source>Firmware</source>
        <translation>Прошивка</translation>
    </message>
    <message>
        <location line="-23" />
        <location line="+26" />
        <source>Registration</source>
        <translation>Регистрация</translation>
    </message>
    <message>
        <location line="-26" />
        <source>Map</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Usage: chargedesk-cli station show &lt;chargePointId&gt;</source>
        <translation>Использование: chargedesk-cli station show &lt;chargePointId&gt;</translation>
    </message>
    <message>
        <location line="+5" />
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Serial number</source>
        <translation>Серийный номер</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Hidden from map</source>
        <translation>Скрыта с карты</translation>
    </message>
    <message>
        <location line="+0" />
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last boot (UTC)</source>
        <translation>Последняя загрузка (UTC)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last heartbeat (UTC)</source>
        <translation>Последний сигнал heartbeat (UTC)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Usage: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</source>
        <translation>Использование: chargedesk-cli station add &lt;chargePointId&gt; [--name …]</translation>
    </message>
    <message>
        <location line="+17" />
        <source>--%1 must be a number.</source>
        <translation>--%1 должен быть числом.</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Added station %1.</source>
        <translation>Станция %1 добавлена.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>List stations, hidden ones included.</source>
        <translation>Показать список станций, включая скрытые.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Show one station.</source>
        <translation>Показать одну станцию.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Register a station (audited).</source>
        <translation>Зарегистрировать станцию (с записью в аудит).</translation>
    </message>
</context>
<context>
    <name>cd::commands::CommandQueue</name>
    <message>
        <location filename="../core/commands/commandqueue.cpp" line="+21" />
        <source>"%1" is not a valid charge point id.</source>
        <translation>«%1» — недопустимый идентификатор зарядной станции.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A command needs an OCPP action name.</source>
        <translation>Для команды нужно имя действия OCPP.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A command's payload must be a JSON object.</source>
        <translation>Содержимое команды должно быть объектом JSON.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>The station is offline; the command was not sent.</source>
        <translation>Станция не в сети; команда не отправлена.</translation>
    </message>
    <message>
        <location line="+30" />
        <source>No command with the id %1.</source>
        <translation>Команды с идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::console::Main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+30" />
        <source>ChargeDesk operator console for EV-charging networks.</source>
        <translation>ChargeDesk — консоль оператора для сетей зарядных станций электромобилей.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Cannot open the database</source>
        <translation>Не удаётся открыть базу данных</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Invalid command line</source>
        <translation>Неверная командная строка</translation>
    </message>
</context>
<context>
    <name>cd::i18n::LanguageOption</name>
    <message>
        <location filename="../core/i18n/languageoption.cpp" line="+26" />
        <source>Interface language for this run: %1.</source>
        <extracomment>--lang option in --help; %1 lists the codes ("en, uk, ru, zh_CN")</extracomment>
        <translation>Язык интерфейса для этого запуска: %1.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>code</source>
        <translation>код</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Unknown language "%1". Supported: %2.</source>
        <translation>Неизвестный язык «%1». Поддерживаются: %2.</translation>
    </message>
</context>
<context>
    <name>cd::server::CentralSystem</name>
    <message>
        <location filename="../core/server/centralsystem.cpp" line="+73" />
        <source>The OCPP server is already listening on port %1.</source>
        <translation>OCPP-сервер уже слушает порт %1.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Cannot listen for OCPP connections on %1 port %2: %3</source>
        <translation>Не удаётся принимать OCPP-соединения на %1, порт %2: %3</translation>
    </message>
</context>
<context>
    <name>cd::server::ConnectionTexts</name>
    <message>
        <location filename="../core/server/connectionstats.cpp" line="+50" />
        <source>Not a valid WebSocket upgrade request</source>
        <translation>Недопустимый запрос на переход к WebSocket</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Request headers too large</source>
        <translation>Заголовки запроса слишком велики</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Handshake not completed in time</source>
        <translation>Рукопожатие не завершено вовремя</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Invalid connection path or station id</source>
        <translation>Неверный путь подключения или идентификатор станции</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unknown charging station</source>
        <translation>Неизвестная зарядная станция</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Missing or wrong credentials</source>
        <translation>Учётные данные отсутствуют или неверны</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No OCPP version offered</source>
        <translation>Не предложено ни одной версии OCPP</translation>
    </message>
    <message>
        <location line="+2" />
        <source>OCPP version not supported</source>
        <translation>Версия OCPP не поддерживается</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Too many connection attempts at once</source>
        <translation>Слишком много одновременных попыток подключения</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Connection closed during the handshake</source>
        <translation>Соединение закрыто во время рукопожатия</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Server shutting down</source>
        <translation>Сервер завершает работу</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Replaced by a new connection from the same station</source>
        <translation>Заменено новым соединением от той же станции</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No answer to WebSocket ping</source>
        <translation>Нет ответа на WebSocket ping</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Closed by the station</source>
        <translation>Закрыто станцией</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Connection lost</source>
        <translation>Соединение потеряно</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Message too large</source>
        <translation>Сообщение слишком велико</translation>
    </message>
    <message>
        <location line="+2" />
        <source>WebSocket protocol error</source>
        <translation>Ошибка протокола WebSocket</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Server stopped</source>
        <translation>Сервер остановлен</translation>
    </message>
</context>
<context>
    <name>cd::server::ServerOptionsCheck</name>
    <message>
        <location filename="../core/server/serveroptions.cpp" line="+10" />
        <source>No OCPP protocol version is enabled for the server.</source>
        <translation>Для сервера не включена ни одна версия протокола OCPP.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The OCPP path prefix "%1" must start with "/" and must not end with "/".</source>
        <translation>Префикс пути OCPP «%1» должен начинаться с «/» и не может заканчиваться на «/».</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The WebSocket ping interval must not be negative and the pong timeout must be positive.</source>
        <translation>Интервал WebSocket ping не может быть отрицательным, а тайм-аут pong должен быть положительным.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The maximum WebSocket message and frame size must be at least 1 KiB.</source>
        <translation>Максимальный размер сообщения и кадра WebSocket должен быть не меньше 1 КиБ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The maximum handshake size must be between 512 bytes and 64 KiB.</source>
        <translation>Максимальный размер рукопожатия должен быть от 512 байт до 64 КиБ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The handshake timeout and the close grace period must be positive.</source>
        <translation>Тайм-аут рукопожатия и льготный период закрытия должны быть положительными.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>At least one handshake must be allowed at a time.</source>
        <translation>Должно быть разрешено хотя бы одно рукопожатие одновременно.</translation>
    </message>
</context>
<context>
    <name>cd::sim::MisbehaviourText</name>
    <message>
        <location filename="../core/sim/misbehaviour.cpp" line="+65" />
        <source>Unknown misbehaviour "%1". Known: %2.</source>
        <translation>Неизвестное некорректное поведение «%1». Известные: %2.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>The share in "%1" must be between 0 and 1 (or 0%–100%).</source>
        <translation>Доля в «%1» должна быть от 0 до 1 (или 0%–100%).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The share in "%1" is not a number.</source>
        <translation>Доля в «%1» не является числом.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>"%1" names no share and no stations.</source>
        <translation>«%1» не задаёт ни долю, ни станции.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>meter register reads 0 at the start, then jumps to the real value</source>
        <translation>счётчик в начале показывает 0, а затем скачком переходит к реальному значению</translation>
    </message>
    <message>
        <location line="+2" />
        <source>goes offline mid-session and never sends StopTransaction</source>
        <translation>теряет связь посреди сессии и так и не отправляет StopTransaction</translation>
    </message>
    <message>
        <location line="+2" />
        <source>goes offline, then replays the session's messages, acknowledged ones included</source>
        <translation>теряет связь, а затем повторно отправляет сообщения сессии, включая уже подтверждённые</translation>
    </message>
    <message>
        <location line="+2" />
        <source>accepts RemoteStopTransaction but keeps charging</source>
        <translation>принимает RemoteStopTransaction, но продолжает зарядку</translation>
    </message>
    <message>
        <location line="+2" />
        <source>delivers energy with no authorised transaction</source>
        <translation>отдаёт энергию без авторизованной транзакции</translation>
    </message>
    <message>
        <location line="+2" />
        <source>sends every StopTransaction twice</source>
        <translation>отправляет каждое StopTransaction дважды</translation>
    </message>
</context>
<context>
    <name>cd::storage::ConnectorRepository</name>
    <message>
        <location filename="../core/storage/connectorrepository.cpp" line="+102" />
        <source>No connector with the internal id %1.</source>
        <translation>Коннектора с внутренним идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Database</name>
    <message>
        <location filename="../core/storage/database.cpp" line="+90" />
        <source>The key does not open %1: it is the wrong key, or the file is not a ChargeDesk database. The file was left untouched.</source>
        <translation>Ключ не открывает %1: ключ неверный или файл не является базой данных ChargeDesk. Файл оставлен без изменений.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Cannot open the database %1: %2</source>
        <translation>Не удаётся открыть базу данных %1: %2</translation>
    </message>
    <message>
        <location line="+64" />
        <source>%1 is encrypted, but no key was found (%2: %3)
%4</source>
        <translation>%1 зашифрована, но ключ не найден (%2: %3)
%4</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No database key (%1: %2)
%3</source>
        <translation>Нет ключа базы данных (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cannot read the database key (%1: %2)
%3</source>
        <translation>Не удаётся прочитать ключ базы данных (%1: %2)
%3</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Cannot create the folder %1.</source>
        <translation>Не удаётся создать папку %1.</translation>
    </message>
</context>
<context>
    <name>cd::storage::DatabaseOptions</name>
    <message>
        <location filename="../core/storage/databaseoptions.cpp" line="+17" />
        <source>Encrypted SQLCipher database file (default: %1).</source>
        <translation>Зашифрованный файл базы данных SQLCipher (по умолчанию: %1).</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+5" />
        <source>path</source>
        <translation>путь</translation>
    </message>
    <message>
        <location line="-4" />
        <source>Shared PostgreSQL database, e.g. postgresql://user:password@host:5432/chargedesk.</source>
        <translation>Общая база данных PostgreSQL, например postgresql://user:password@host:5432/chargedesk.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Read the database key from this file (64 hexadecimal digits, mode 0600) instead of the OS keychain.</source>
        <translation>Читать ключ базы данных из этого файла (64 шестнадцатеричные цифры, режим 0600) вместо хранилища ключей ОС.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Read the database key from this environment variable instead of the OS keychain.</source>
        <translation>Читать ключ базы данных из этой переменной окружения вместо хранилища ключей ОС.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Use either --db or --db-url, not both.</source>
        <translation>Укажите либо --db, либо --db-url, но не оба.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Use either --db-key-file or --db-key-env, not both.</source>
        <translation>Укажите либо --db-key-file, либо --db-key-env, но не оба.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>--db-url must look like postgresql://user:password@host:5432/database.</source>
        <translation>--db-url должен иметь вид postgresql://user:password@host:5432/database.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A PostgreSQL database takes no key options; its server secures it.</source>
        <translation>Для базы данных PostgreSQL параметры ключа не нужны: её защищает сервер.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>--db-key-env needs the name of an environment variable.</source>
        <translation>Для --db-key-env нужно имя переменной окружения.</translation>
    </message>
</context>
<context>
    <name>cd::storage::EnvKeyStore</name>
    <message>
        <location filename="../core/storage/envkeystore.cpp" line="+11" />
        <source>The environment variable %1 is not set.</source>
        <translation>Переменная окружения %1 не задана.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The environment variable %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>Переменная окружения %1 должна содержать ровно 64 шестнадцатеричные цифры (256-битный ключ).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>A key cannot be stored in an environment variable.</source>
        <translation>Ключ нельзя сохранить в переменной окружения.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>environment variable %1</source>
        <translation>переменная окружения %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Set it to 64 hexadecimal digits, e.g. %1=$(chargedesk-cli key generate)</source>
        <translation>Задайте ей 64 шестнадцатеричные цифры, например %1=$(chargedesk-cli key generate)</translation>
    </message>
</context>
<context>
    <name>cd::storage::FileKeyStore</name>
    <message>
        <location filename="../core/storage/filekeystore.cpp" line="+13" />
        <source>The key file %1 does not exist.</source>
        <translation>Файл ключа %1 не существует.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The key file %1 is readable by other users; restrict it with: chmod 600 %1</source>
        <translation>Файл ключа %1 доступен для чтения другим пользователям; ограничьте доступ командой: chmod 600 %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cannot read the key file %1: %2</source>
        <translation>Не удаётся прочитать файл ключа %1: %2</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The key file %1 must hold exactly 64 hexadecimal digits (a 256-bit key).</source>
        <translation>Файл ключа %1 должен содержать ровно 64 шестнадцатеричные цифры (256-битный ключ).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>A key file is only read, never written implicitly.</source>
        <translation>Файл ключа только читается и никогда не записывается неявно.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>key file %1</source>
        <translation>файл ключа %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Create a key file with: chargedesk-cli key generate --out %1</source>
        <translation>Создайте файл ключа командой: chargedesk-cli key generate --out %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1 already exists; a key file is never overwritten.</source>
        <translation>%1 уже существует; файл ключа никогда не перезаписывается.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Cannot create %1: %2</source>
        <translation>Не удаётся создать %1: %2</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>cd::storage::IdTagRepository</name>
    <message>
        <location filename="../core/storage/idtagrepository.cpp" line="+66" />
        <source>"%1" is not a valid id tag: use 1 to 36 printable characters without spaces.</source>
        <translation>«%1» — недопустимый id tag: используйте от 1 до 36 печатных символов без пробелов.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>"%1" is not a valid parent id tag.</source>
        <translation>«%1» — недопустимый родительский id tag.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The kind of an id tag is card, app or department.</source>
        <translation>Вид id tag: card, app или department.</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+66" />
        <source>The status of an id tag is Accepted, Blocked, Expired or Invalid.</source>
        <translation>Статус id tag: Accepted, Blocked, Expired или Invalid.</translation>
    </message>
    <message>
        <location line="-64" />
        <source>The number of concurrent sessions must be between 1 and 10000.</source>
        <translation>Количество одновременных сессий должно быть от 1 до 10000.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The id tag %1 already exists.</source>
        <translation>Id tag %1 уже существует.</translation>
    </message>
    <message>
        <location line="+64" />
        <location line="+11" />
        <source>No id tag %1.</source>
        <translation>Id tag %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::KeychainKeyStore</name>
    <message>
        <location filename="../core/storage/keychainkeystore.cpp" line="+48" />
        <location line="+21" />
        <source>The OS keychain did not answer in time.</source>
        <translation>Хранилище ключей ОС не ответило вовремя.</translation>
    </message>
    <message>
        <location line="-16" />
        <source>The keychain entry for this database is damaged.</source>
        <translation>Запись хранилища ключей для этой базы данных повреждена.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The OS keychain holds no key for this database.</source>
        <translation>В хранилище ключей ОС нет ключа для этой базы данных.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The OS keychain is not available: %1</source>
        <translation>Хранилище ключей ОС недоступно: %1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Cannot store the database key in the OS keychain: %1</source>
        <translation>Не удаётся сохранить ключ базы данных в хранилище ключей ОС: %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>OS keychain</source>
        <translation>хранилище ключей ОС</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Unlock the desktop keychain, or pass --db-key-file PATH (a 0600 file with 64 hexadecimal digits) or --db-key-env NAME (an environment variable holding them). Generate a key with: chargedesk-cli key generate</source>
        <translation>Разблокируйте хранилище ключей рабочего стола или передайте --db-key-file ПУТЬ (файл с режимом 0600, содержащий 64 шестнадцатеричные цифры) либо --db-key-env ИМЯ (переменная окружения с ними). Сгенерировать ключ: chargedesk-cli key generate</translation>
    </message>
</context>
<context>
    <name>cd::storage::Migrator</name>
    <message>
        <location filename="../core/storage/migrator.cpp" line="+97" />
        <source>There is no schema version %1.</source>
        <translation>Версии схемы %1 не существует.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The database has schema version %1, newer than this ChargeDesk understands (%2). Install the newer ChargeDesk that wrote it.</source>
        <translation>База данных имеет версию схемы %1, более новую, чем поддерживает этот ChargeDesk (%2). Установите более новую версию ChargeDesk, которая её записала.</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>Миграция %1 (%2) не удалась, изменения откачены: %3</translation>
    </message>
</context>
<context>
    <name>cd::storage::SessionRepository</name>
    <message>
        <location filename="../core/storage/sessionrepository.cpp" line="+148" />
        <source>The new session %1 cannot be read back.</source>
        <translation>Новую сессию %1 не удаётся прочитать после записи.</translation>
    </message>
    <message>
        <location line="+22" />
        <source>No session with the id %1.</source>
        <translation>Сессии с идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::Sql</name>
    <message>
        <location filename="../core/storage/sqlhelpers.cpp" line="+35" />
        <source>Database error: %1 (%2)</source>
        <translation>Ошибка базы данных: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::storage::SqlCipherDriver</name>
    <message>
        <location filename="../core/storage/sqlcipherdriver.cpp" line="+50" />
        <source>QSQLCIPHER_BUSY_TIMEOUT needs a number of milliseconds, got "%1"</source>
        <translation>QSQLCIPHER_BUSY_TIMEOUT требует число миллисекунд, получено «%1»</translation>
    </message>
    <message>
        <location line="+5" />
        <source>unknown connect option "%1"</source>
        <translation>неизвестный параметр подключения «%1»</translation>
    </message>
    <message>
        <location line="+146" />
        <source>Invalid connect options: %1</source>
        <translation>Неверные параметры подключения: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The database key must be exactly 64 hexadecimal digits (a raw 256-bit key); passphrases are not accepted</source>
        <translation>Ключ базы данных должен состоять ровно из 64 шестнадцатеричных цифр (необработанный 256-битный ключ); парольные фразы не принимаются</translation>
    </message>
    <message>
        <location line="+5" />
        <source>No database file name given</source>
        <translation>Не указано имя файла базы данных</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Cannot open the database file %1</source>
        <translation>Не удаётся открыть файл базы данных %1</translation>
    </message>
    <message>
        <location line="-140" />
        <source>The key does not open the database file %1: wrong key, or not an encrypted ChargeDesk database</source>
        <translation>Ключ не открывает файл базы данных %1: ключ неверный или это не зашифрованная база данных ChargeDesk</translation>
    </message>
    <message>
        <location line="+147" />
        <source>Cannot read the database file %1</source>
        <translation>Не удаётся прочитать файл базы данных %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Cannot read the cipher version of %1</source>
        <translation>Не удаётся прочитать версию шифра %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The linked SQLite library is not SQLCipher; refusing to open %1 without encryption</source>
        <translation>Подключённая библиотека SQLite не является SQLCipher; открывать %1 без шифрования отказано</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Cannot switch %1 to WAL journal mode</source>
        <translation>Не удаётся перевести %1 в режим журнала WAL</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cannot switch %1 to WAL journal mode (SQLite answered "%2")</source>
        <translation>Не удаётся перевести %1 в режим журнала WAL (SQLite ответила «%2»)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Cannot apply "%1"</source>
        <translation>Не удаётся применить «%1»</translation>
    </message>
    <message>
        <location line="+56" />
        <source>Cannot close the database</source>
        <translation>Не удаётся закрыть базу данных</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Cannot begin the transaction</source>
        <translation>Не удаётся начать транзакцию</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Cannot commit the transaction</source>
        <translation>Не удаётся зафиксировать транзакцию</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Cannot roll back the transaction</source>
        <translation>Не удаётся откатить транзакцию</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The database is not open</source>
        <translation>База данных не открыта</translation>
    </message>
    <message>
        <location line="+17" />
        <source>(another connection kept the database locked for longer than the busy timeout of %1 ms)</source>
        <translation>(другое соединение держало базу данных заблокированной дольше тайм-аута ожидания %1 мс)</translation>
    </message>
</context>
<context>
    <name>cd::storage::SqlCipherResult</name>
    <message>
        <location filename="../core/storage/sqlcipherresult.cpp" line="+114" />
        <location line="+8" />
        <location line="+6" />
        <location line="+5" />
        <source>Cannot prepare the statement</source>
        <translation>Не удаётся подготовить инструкцию</translation>
    </message>
    <message>
        <location line="-19" />
        <location line="+42" />
        <source>The database is not open</source>
        <translation>База данных не открыта</translation>
    </message>
    <message>
        <location line="-28" />
        <source>Only one statement can be run at a time</source>
        <translation>За один раз можно выполнить только одну инструкцию</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The query holds no SQL statement</source>
        <translation>Запрос не содержит инструкции SQL</translation>
    </message>
    <message>
        <location line="+22" />
        <location line="+147" />
        <source>Cannot execute the statement</source>
        <translation>Не удаётся выполнить инструкцию</translation>
    </message>
    <message>
        <location line="-146" />
        <source>No statement is prepared</source>
        <translation>Ни одна инструкция не подготовлена</translation>
    </message>
    <message>
        <location line="+50" />
        <location line="+12" />
        <source>Cannot bind the values</source>
        <translation>Не удаётся привязать значения</translation>
    </message>
    <message>
        <location line="-11" />
        <source>Parameter count mismatch: the statement has %1 placeholders, %2 values are bound</source>
        <translation>Количество параметров не совпадает: в инструкции заполнителей: %1, привязано значений: %2</translation>
    </message>
    <message>
        <location line="+11" />
        <source>No value is bound for %1</source>
        <translation>Для %1 не привязано значение</translation>
    </message>
    <message>
        <location line="+13" />
        <location line="+54" />
        <source>Cannot bind the value for %1</source>
        <translation>Не удаётся привязать значение для %1</translation>
    </message>
    <message>
        <location line="-30" />
        <source>%1 does not fit in a signed 64-bit integer</source>
        <translation>%1 не помещается в 64-битное целое число со знаком</translation>
    </message>
    <message>
        <location line="+11" />
        <location line="+12" />
        <source>The value is too large</source>
        <translation>Значение слишком велико</translation>
    </message>
    <message>
        <location line="-7" />
        <source>QDateTime values are not accepted: store time as UTC epoch milliseconds (qint64, QDateTime::toMSecsSinceEpoch())</source>
        <translation>Значения QDateTime не принимаются: храните время как миллисекунды эпохи UTC (qint64, QDateTime::toMSecsSinceEpoch())</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Values of type %1 cannot be stored</source>
        <translation>Значения типа %1 нельзя сохранить</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Cannot fetch the row</source>
        <translation>Не удаётся получить строку</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationRepository</name>
    <message>
        <location filename="../core/storage/stationrepository.cpp" line="+66" />
        <source>"%1" is not a valid charge point id: use 1 to 48 printable characters without spaces, '/', '?', '#' or '%'.</source>
        <translation>«%1» — недопустимый идентификатор зарядной станции: используйте от 1 до 48 печатных символов без пробелов, «/», «?», «#» и «%».</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Latitude must be between -90 and 90.</source>
        <translation>Широта должна быть в пределах от -90 до 90.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Longitude must be between -180 and 180.</source>
        <translation>Долгота должна быть в пределах от -180 до 180.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>A station with the id %1 already exists.</source>
        <translation>Станция с идентификатором %1 уже существует.</translation>
    </message>
    <message>
        <location line="+58" />
        <source>No station with the internal id %1.</source>
        <translation>Станции с внутренним идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::storage::StationStateRepository</name>
    <message>
        <location filename="../core/storage/stationstaterepository.cpp" line="+56" />
        <source>No station with the internal id %1.</source>
        <translation>Станции с внутренним идентификатором %1 нет.</translation>
    </message>
    <message>
        <location line="+105" />
        <source>The security profile must be 0, 1, 2 or 3.</source>
        <translation>Профиль безопасности должен быть 0, 1, 2 или 3.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>No station with the id %1.</source>
        <translation>Станции с идентификатором %1 нет.</translation>
    </message>
</context>
<context>
    <name>cd::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+243" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About ChargeDesk</source>
        <translation>&amp;О программе ChargeDesk</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Version %1</source>
        <translation>Версия %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Database: %1 · %2</source>
        <extracomment>Status bar: %1 is the database engine ("SQLCipher 3.4.1"), %2 its file or server</extracomment>
        <translation>База данных: %1 · %2</translation>
    </message>
    <message>
        <location line="+19" />
        <source>About ChargeDesk</source>
        <translation>О программе ChargeDesk</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Operator console and OCPP server for EV-charging networks: stations, charging sessions, anomaly bills, refunds and reconciliation reports.</source>
        <translation>Консоль оператора и OCPP-сервер для сетей зарядных станций электромобилей: станции, сессии зарядки, аномальные счета, возвраты и отчёты сверки.</translation>
    </message>
</context>
<context>
    <name>cd::ui::NavigationModel</name>
    <message>
        <location filename="../ui/shell/navigationmodel.cpp" line="+29" />
        <source>%1 (%2)</source>
        <extracomment>Tooltip of a navigation item: %1 is the screen's name, %2 its keyboard shortcut</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>cd::ui::Screens</name>
    <message>
        <location filename="../ui/shell/screen.cpp" line="+43" />
        <source>Dashboard</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Map</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Stations</source>
        <translation>Станции</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Operations</source>
        <comment>charging sessions and the operator's actions on them</comment>
        <translation>Операции</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Anomaly bills</source>
        <translation>Аномальные счета</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The state of the network at a glance: stations online, offline and faulted, sessions in progress, and the alerts that need your attention.</source>
        <translation>Состояние сети с первого взгляда: станции на связи, без связи и с неисправностями, идущие сессии зарядки и оповещения, которые требуют вашего внимания.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Every station on a map, coloured by its status, so that offline and faulted stations stand out by location.</source>
        <translation>Все станции на карте в цветах их состояния: станции без связи и с неисправностями сразу видны на местности.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>All stations and connectors with vendor, model and firmware, their current state, and their history of faults and offline periods.</source>
        <translation>Все станции и коннекторы с производителем, моделью и прошивкой, их текущее состояние и история неисправностей и периодов без связи.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Find a charging session fast: the last 100, by number, by phone or card, or among old sessions that were never closed. Read its log and fix it: finish, cancel the hold, finalize or set the energy.</source>
        <translation>Быстрый поиск сессии зарядки: последние 100, по номеру, телефону или карте либо среди старых сессий, которые так и не закрылись. Просмотрите журнал сессии и исправьте её: завершите, отмените холд, финализируйте оплату или задайте объём энергии.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Bills flagged with anomaly codes, such as a lost bill or energy that differs from the platform's meter readings. Filter them in bulk and correct them with a preview of every effect on money.</source>
        <translation>Счета с кодами аномалий, например потерянный счёт или энергия, которая расходится с показаниями счётчика на платформе. Фильтруйте их массово и исправляйте с предварительным просмотром каждого изменения сумм.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Members' refund applications: audit them, issue the refund at the payment gateway from here, and follow every decision in the audit history.</source>
        <translation>Заявки пользователей на возврат средств: рассматривайте их, проводите возврат через платёжный шлюз прямо отсюда и отслеживайте каждое решение в истории проверок.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Energy and money reconciliation per site and per partner, statistics, and exports that show what changed after a bill was corrected.</source>
        <translation>Сверка энергии и денег по объектам и партнёрам, статистика и выгрузки, которые показывают, что изменилось после исправления счёта.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The interface language and the database this console works with.</source>
        <translation>Язык интерфейса и база данных, с которой работает эта консоль.</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Not available in this version yet</source>
        <translation>В этой версии пока недоступно</translation>
    </message>
    <message>
        <location line="+5" />
        <source>A later version of ChargeDesk will fill in this screen. Until then, it shows no data.</source>
        <translation>Этот экран заработает в одной из следующих версий ChargeDesk. До тех пор он не показывает никаких данных.</translation>
    </message>
</context>
<context>
    <name>cd::ui::SettingsPage</name>
    <message>
        <location filename="../ui/settings/settingspage.cpp" line="+193" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Interface language:</source>
        <translation>Язык интерфейса:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The change applies at once and is remembered for the next start. The --lang option overrides it for a single run.</source>
        <translation>Изменение применяется сразу и сохраняется до следующего запуска. Параметр --lang переопределяет его на один запуск.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Engine:</source>
        <translation>СУБД:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Location:</source>
        <translation>Расположение:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Schema version:</source>
        <translation>Версия схемы:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Key source:</source>
        <translation>Источник ключа:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The database is chosen when ChargeDesk starts: run chargedesk --help to see the options.</source>
        <translation>База данных выбирается при запуске ChargeDesk: параметры показывает команда chargedesk --help.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Not used: the PostgreSQL server controls access</source>
        <translation>Не используется: доступом управляет сервер PostgreSQL</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Operating system keychain</source>
        <translation>Хранилище ключей операционной системы</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Key file %1</source>
        <extracomment>%1 is the path of the file that holds the database key</extracomment>
        <translation>Файл ключа %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Environment variable %1</source>
        <extracomment>%1 is the name of the environment variable that holds the database key</extracomment>
        <translation>Переменная окружения %1</translation>
    </message>
</context>
</TS>
