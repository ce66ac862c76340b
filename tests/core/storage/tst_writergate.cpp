// Writers of one SQLCipher file in one process take turns in arrival order: a writer that
// commits back to back cannot starve another (an operator's command while stations are busy).

#include "core/storage/sqlhelpers.h"
#include "core/storage/writergate.h"
#include "support/testdatabase.h"

#include <QAtomicInteger>
#include <QTest>
#include <QThread>

using namespace cd;

class TestWriterGate : public QObject {
    Q_OBJECT

private slots:
    void turnsAreTakenInArrivalOrder()
    {
        storage::WriterGate &gate = storage::WriterGate::forFile(QStringLiteral("/tmp/gate-test.db"));
        QCOMPARE(&gate, &storage::WriterGate::forFile(QStringLiteral("/tmp/gate-test.db")));
        QVERIFY(&gate != &storage::WriterGate::forFile(QStringLiteral("/tmp/other.db")));

        QAtomicInteger<int> busyTurns = 0;
        QAtomicInteger<bool> stop = false;
        // A writer that takes the gate again the moment it lets go.
        QThread *busy = QThread::create([&] {
            while (!stop.loadAcquire()) {
                gate.lock();
                busyTurns.fetchAndAddRelaxed(1);
                QThread::usleep(200);
                gate.unlock();
            }
        });
        busy->start();
        QTRY_VERIFY(busyTurns.loadRelaxed() > 20);
        for (int i = 0; i < 50; ++i) {
            const int before = busyTurns.loadRelaxed();
            gate.lock();
            const int waited = busyTurns.loadRelaxed() - before;
            gate.unlock();
            QVERIFY2(waited <= 1, qPrintable(QStringLiteral("waited %1 turns").arg(waited)));
        }
        stop.storeRelease(true);
        busy->wait();
        delete busy;
    }

    void transactionsReleaseTheirTurn()
    {
        test::TestDatabase fixture;
        CD_REQUIRE_DB(fixture);
        {
            storage::Transaction rolledBack(fixture.db().connection());
            QVERIFY(rolledBack.begin());
        }  // destroyed without commit: rolled back, turn released
        storage::Transaction committed(fixture.db().connection());
        QVERIFY(committed.begin());
        QVERIFY(committed.commit());
        // Another thread can write now (it would wait forever on a turn still held).
        bool wrote = false;
        QThread *other = QThread::create([&] {
            storage::Transaction tx(fixture.db().connection());
            wrote = tx.begin() && tx.commit();
            fixture.db().releaseThreadConnection();
        });
        other->start();
        QVERIFY(other->wait(20000));
        delete other;
        QVERIFY(wrote);
    }
};

QTEST_GUILESS_MAIN(TestWriterGate)
#include "tst_writergate.moc"
