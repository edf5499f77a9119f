#include "jobmodel.h"
#include "progressdelegate.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_ProgressDelegate : public QObject
{
    Q_OBJECT

private:
    JobModel m_model;
    QTableView m_view;
    ProgressDelegate m_delegate;

    QImage paint(int row)
    {
        QImage image(300, 24, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.initFrom(&m_view);
        option.rect = image.rect();
        option.widget = &m_view;
        m_delegate.paint(&painter, option, m_model.index(row, JobModel::ProgressColumn));
        painter.end();
        return image;
    }

    // How far along the middle line the highlight colour reaches, as a fraction of the width.
    static double filledFraction(const QImage &image)
    {
        const QColor highlight = QApplication::palette().color(QPalette::Highlight);
        const int y = image.height() / 2;
        int last = -1;
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int distance = std::abs(c.red() - highlight.red())
                    + std::abs(c.green() - highlight.green())
                    + std::abs(c.blue() - highlight.blue());
            if (distance < 120)
                last = x;
        }
        return last < 0 ? 0.0 : double(last + 1) / image.width();
    }

    static JobEvent progress(int index, qint64 received, qint64 total, qint64 at = 10)
    {
        return { JobEvent::Kind::Progress, index, received, total, at, {} };
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_view.setModel(&m_model);
        QList<QUrl> urls;
        for (int i = 0; i < 5; ++i)
            urls.append(QUrl(u"http://example.com/%1"_s.arg(i)));
        m_model.setUrls(urls);
        FetchResult done;
        done.index = 3;
        done.httpStatus = 200;
        done.bytesReceived = 10;
        done.startedMs = 0;
        done.finishedMs = 5;
        m_model.applyEvents({ { JobEvent::Kind::Started, 0, 0, -1, 0, {} },
                              progress(0, 250, 1000),
                              { JobEvent::Kind::Started, 1, 0, -1, 0, {} },
                              progress(1, 750, 1000),
                              { JobEvent::Kind::Started, 2, 0, -1, 0, {} },
                              progress(2, 5000, -1),
                              { JobEvent::Kind::Finished, 3, 10, 10, 5, done } });
    }

    void barLengthFollowsProgress()
    {
        const double quarter = filledFraction(paint(0));
        const double threeQuarters = filledFraction(paint(1));
        const double full = filledFraction(paint(3));
        QVERIFY2(quarter > 0.17 && quarter < 0.33, qPrintable(QString::number(quarter)));
        QVERIFY2(threeQuarters > 0.67 && threeQuarters < 0.83,
                 qPrintable(QString::number(threeQuarters)));
        QVERIFY2(full > 0.92, qPrintable(QString::number(full)));
    }

    void queuedRowsHaveNoBar()
    {
        const QImage image = paint(4);
        QCOMPARE(filledFraction(image), 0.0);
    }

    void unknownSizeShowsAMovingBusyChunk()
    {
        const QImage first = paint(2);
        m_model.tick(600); // the chunk moves with the job's elapsed time
        const QImage later = paint(2);
        QVERIFY(first != later);
        QVERIFY(filledFraction(first) > 0.0);
    }
};

QTEST_MAIN(tst_ProgressDelegate)
#include "tst_progressdelegate.moc"
