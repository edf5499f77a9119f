#include "appsettings.h"
#include "settingsdialog.h"
#include "testutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    template<typename T>
    static T *child(SettingsDialog &dialog, const char *name)
    {
        T *widget = dialog.findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qWarning("no %s", name);
        return widget;
    }

    // Writes a file of the test's folder; returns its path.
    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        test::writeFile(path, content);
        return path;
    }

    QString pemFile()
    {
        return writeFile(u"ca.pem"_s,
                         "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    }

    static void focusableInLayoutOrder(QLayout *layout, QList<QWidget *> *out)
    {
        for (int i = 0; i < layout->count(); ++i) {
            QLayoutItem *item = layout->itemAt(i);
            if (QWidget *widget = item->widget()) {
                if (widget->focusPolicy() & Qt::TabFocus)
                    out->append(widget);
                else if (widget->layout())
                    focusableInLayoutOrder(widget->layout(), out);
            } else if (item->layout()) {
                focusableInLayoutOrder(item->layout(), out);
            }
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Set in the dialog, accepted, stored; read back: the options carry them and the dialog
    // shows them again.
    void connectionSettingsRoundTrip()
    {
        const QString ini = m_dir.filePath(u"roundtrip.ini"_s);
        const QString ca = pemFile();
        {
            QSettings settings(ini, QSettings::IniFormat);
            AppSettings app(&settings);
            SettingsDialog dialog;
            dialog.setOptions(app.fetchOptions(), m_dir.path());
            auto *version = child<QComboBox>(dialog, "httpVersionCombo");
            QCOMPARE(version->currentData().toInt(), int(HttpVersion::Default));
            version->setCurrentIndex(version->findData(int(HttpVersion::Http2)));
            child<QLineEdit>(dialog, "caCertFileEdit")->setText(ca);
            child<QSpinBox>(dialog, "maxFileSizeSpin")->setValue(5);
            child<QCheckBox>(dialog, "qtHttpCheck")->setChecked(true);
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            const FetchOptions o = dialog.options();
            QCOMPARE(o.httpVersion, HttpVersion::Http2);
            QCOMPARE(o.caCertFile, ca);
            QCOMPARE(o.maxFileSize, qint64(5) * 1024 * 1024);
            QVERIFY(o.qtHttp);
            QVERIFY(!o.insecure);
            app.setFetchOptions(o);
        }
        QSettings settings(ini, QSettings::IniFormat);
        AppSettings app(&settings);
        FetchOptions o = app.fetchOptions();
        QCOMPARE(o.httpVersion, HttpVersion::Http2);
        QCOMPARE(o.caCertFile, ca);
        QCOMPARE(o.maxFileSize, qint64(5) * 1024 * 1024);
        QVERIFY(o.qtHttp);
        QVERIFY(!o.insecure);

        SettingsDialog dialog;
        dialog.setOptions(o, m_dir.path());
        QCOMPARE(child<QComboBox>(dialog, "httpVersionCombo")->currentData().toInt(),
                 int(HttpVersion::Http2));
        QCOMPARE(child<QLineEdit>(dialog, "caCertFileEdit")->text(), ca);
        QCOMPARE(child<QSpinBox>(dialog, "maxFileSizeSpin")->value(), 5);
        QVERIFY(child<QCheckBox>(dialog, "qtHttpCheck")->isChecked());
        QVERIFY(!child<QCheckBox>(dialog, "insecureCheck")->isChecked());

        // And back to the defaults: HTTP/1.1 only, insecure, no limit, libcurl.
        child<QComboBox>(dialog, "httpVersionCombo")->setCurrentIndex(1);
        child<QCheckBox>(dialog, "insecureCheck")->setChecked(true);
        child<QSpinBox>(dialog, "maxFileSizeSpin")->setValue(0);
        child<QCheckBox>(dialog, "qtHttpCheck")->setChecked(false);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        app.setFetchOptions(dialog.options());
        o = app.fetchOptions();
        QCOMPARE(o.httpVersion, HttpVersion::Http1_1);
        QVERIFY(o.insecure);
        QCOMPARE(o.maxFileSize, qint64(0));
        QVERIFY(!o.qtHttp);
        QCOMPARE(o.caCertFile, ca); // kept for when checks are on again
    }

    void insecureShowsAWarning()
    {
        SettingsDialog dialog;
        dialog.setOptions(FetchOptions(), m_dir.path());
        dialog.show();
        child<QTabWidget>(dialog, "settingsTabs")->setCurrentIndex(1);
        auto *insecure = child<QCheckBox>(dialog, "insecureCheck");
        auto *warning = child<QLabel>(dialog, "insecureWarning");
        QVERIFY(!warning->isVisible());
        QVERIFY(child<QLineEdit>(dialog, "caCertFileEdit")->isEnabled());
        insecure->click();
        QVERIFY(warning->isVisible());
        QVERIFY(!warning->text().isEmpty());
        QVERIFY(!child<QLineEdit>(dialog, "caCertFileEdit")->isEnabled());
        insecure->click();
        QVERIFY(!warning->isVisible());

        FetchOptions options;
        options.insecure = true;
        dialog.setOptions(options, m_dir.path());
        QVERIFY(warning->isVisible());
    }

    void rejectsACaFileItCannotUse_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("missing") << m_dir.filePath(u"nothing-here.pem"_s);
        QTest::addRow("not PEM") << writeFile(u"key.der"_s, QByteArray(100, '\x30'));
        QTest::addRow("a folder") << m_dir.path();
    }

    void rejectsACaFileItCannotUse()
    {
        QFETCH(QString, file);
        SettingsDialog dialog;
        dialog.setOptions(FetchOptions(), m_dir.path());
        dialog.show();
        auto *tabs = child<QTabWidget>(dialog, "settingsTabs");
        QCOMPARE(tabs->currentIndex(), 0);
        child<QLineEdit>(dialog, "caCertFileEdit")->setText(file);
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        auto *error = child<QLabel>(dialog, "settingsError");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(file), qPrintable(error->text()));
        // The page with the field to fix comes to the front.
        QVERIFY(tabs->currentWidget()->isAncestorOf(child<QLineEdit>(dialog, "caCertFileEdit")));

        // Unchecked certificates need no CA file.
        child<QCheckBox>(dialog, "insecureCheck")->setChecked(true);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    // A limit set on the command line or by hand in whole bytes survives the dialog unchanged.
    void keepsAnExactMaxFileSize()
    {
        FetchOptions options;
        options.maxFileSize = 1500;
        SettingsDialog dialog;
        dialog.setOptions(options, m_dir.path());
        QCOMPARE(child<QSpinBox>(dialog, "maxFileSizeSpin")->value(), 1); // not "no limit"
        dialog.accept();
        QCOMPARE(dialog.options().maxFileSize, qint64(1500));
    }

    // Tab goes through every page's fields in the order they are shown.
    void tabFollowsTheFieldsOnEveryPage()
    {
        SettingsDialog dialog;
        auto *tabs = child<QTabWidget>(dialog, "settingsTabs");
        for (int page = 0; page < tabs->count(); ++page) {
            QList<QWidget *> shown;
            focusableInLayoutOrder(tabs->widget(page)->layout(), &shown);
            QVERIFY(shown.size() >= 3);
            QList<QWidget *> chain;
            QWidget *w = shown.first();
            do {
                if (shown.contains(w) && !chain.contains(w))
                    chain.append(w);
                w = w->nextInFocusChain();
            } while (w != shown.first());
            QCOMPARE(chain, shown);
        }
    }

    // Every label with a mnemonic takes the keyboard to its field.
    void labelsHaveBuddies()
    {
        SettingsDialog dialog;
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        int mnemonics = 0;
        for (QLabel *label : labels) {
            if (!label->text().contains(u'&'))
                continue;
            ++mnemonics;
            QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
        QVERIFY(mnemonics >= 10);
    }
};

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
