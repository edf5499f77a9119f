#include "fetch/jobqueue.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_JobQueue : public QObject
{
    Q_OBJECT

private:
    static QList<FetchJob> jobs(const QStringList &urls)
    {
        QList<FetchJob> list;
        for (const QString &url : urls)
            list.append({ int(list.size()), QUrl(url), QString() });
        return list;
    }

private Q_SLOTS:
    void fifoWithoutLimit()
    {
        JobQueue queue;
        queue.append(jobs({ u"http://a/1"_s, u"http://b/1"_s, u"http://a/2"_s }));
        QCOMPARE(queue.size(), 3);
        QCOMPARE(queue.takeNext()->index, 0);
        QCOMPARE(queue.takeNext()->index, 1);
        QCOMPARE(queue.takeNext()->index, 2);
        QVERIFY(!queue.takeNext());
        QVERIFY(queue.isEmpty());
    }

    void perHostLimitSkipsBusyHostsInInputOrder()
    {
        JobQueue queue(1);
        queue.append(jobs({ u"http://a/1"_s, u"http://a/2"_s, u"http://b/1"_s, u"http://a/3"_s,
                            u"http://b/2"_s }));
        QCOMPARE(queue.takeNext()->index, 0); // a busy
        QCOMPARE(queue.takeNext()->index, 2); // b busy
        QVERIFY(!queue.takeNext());
        queue.release(QUrl(u"http://b/1"_s));
        QCOMPARE(queue.takeNext()->index, 4);
        queue.release(QUrl(u"http://a/1"_s));
        QCOMPARE(queue.takeNext()->index, 1);
        QVERIFY(!queue.takeNext());
        queue.release(QUrl(u"http://a/2"_s));
        QCOMPARE(queue.takeNext()->index, 3);
        QVERIFY(queue.isEmpty());
    }

    void hostKeyIncludesPortAndIgnoresCase()
    {
        QCOMPARE(JobQueue::hostKey(QUrl(u"http://Example.COM/x"_s)), u"example.com:80"_s);
        QCOMPARE(JobQueue::hostKey(QUrl(u"https://example.com/x"_s)), u"example.com:443"_s);
        QCOMPARE(JobQueue::hostKey(QUrl(u"http://example.com:8080/"_s)), u"example.com:8080"_s);
    }

    void removeAndTakeAll()
    {
        JobQueue queue(2);
        queue.append(jobs({ u"http://a/1"_s, u"http://a/2"_s, u"http://a/3"_s, u"http://b/1"_s }));
        QCOMPARE(queue.remove(0)->index, 0);
        QVERIFY(!queue.remove(0));
        QCOMPARE(queue.takeNext()->index, 1);
        const QList<FetchJob> rest = queue.takeAll();
        QCOMPARE(rest.size(), 2);
        QCOMPARE(rest.at(0).index, 2);
        QCOMPARE(rest.at(1).index, 3);
        QVERIFY(queue.isEmpty());
        QVERIFY(!queue.takeNext());
    }

    void manyJobsOnOneLimitedHostStayFast()
    {
        QList<FetchJob> list;
        for (int i = 0; i < 100'000; ++i)
            list.append({ i, QUrl(u"http://one.host/%1"_s.arg(i)), QString() });
        JobQueue queue(2);
        QElapsedTimer timer;
        timer.start();
        queue.append(list);
        int taken = 0;
        while (auto job = queue.takeNext()) {
            QCOMPARE(job->index, taken++);
            queue.release(job->url);
        }
        QCOMPARE(taken, 100'000);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(tst_JobQueue)
#include "tst_jobqueue.moc"
