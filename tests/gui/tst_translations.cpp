#include "comparedialog.h"
#include "enginetext.h"
#include "harvest/presetstore.h"
#include "harvestdialog.h"
#include "jobmodel.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "translations.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDomDocument>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// A user-visible string without a Simplified Chinese translation fails here: the .ts file must
// be complete and up to date with the sources, and the windows, dialogs, menus and tooltips must
// show Chinese when the zh_CN translation is installed.
class tst_Translations : public QObject
{
    Q_OBJECT

private:
    const QString m_tsFile =
            QStringLiteral(QCRAWL_SOURCE_DIR "/resources/translations/qcrawl_zh_CN.ts");
    QTemporaryDir m_dir;

    struct Message
    {
        QString source;
        QString translation;
        bool unfinished = false;
    };

    static QList<Message> readTs(const QString &path)
    {
        QFile file(path);
        QDomDocument doc;
        if (!file.open(QIODevice::ReadOnly) || !doc.setContent(&file))
            return {};
        QList<Message> messages;
        const QDomNodeList nodes = doc.elementsByTagName(u"message"_s);
        for (int i = 0; i < nodes.size(); ++i) {
            const QDomElement message = nodes.at(i).toElement();
            const QDomElement translation = message.firstChildElement(u"translation"_s);
            const QString type = translation.attribute(u"type"_s);
            if (type == u"obsolete"_s || type == u"vanished"_s)
                continue;
            messages.append({ message.firstChildElement(u"source"_s).text(), translation.text(),
                              type == u"unfinished"_s || translation.text().trimmed().isEmpty() });
        }
        return messages;
    }

    // Text a person reads must carry Chinese, unless it is a name or a technical token.
    static bool looksUntranslated(const QString &text)
    {
        QString plain = text;
        plain.remove(QRegularExpression(u"<[^>]*>"_s)); // rich text tags
        plain.remove(QRegularExpression(u"\\(&\\w\\)"_s)); // "(&F)" mnemonics
        plain.remove(u'&');
        for (const QChar c : plain) {
            if (c.unicode() >= 0x3000) // CJK and full-width punctuation
                return false;
        }
        static const QRegularExpression word(u"[A-Za-z]{3,}"_s);
        static const QStringList names = {
            u"qcrawl"_s,  u"URL"_s,       u"URLs"_s, u"HTTP"_s, u"XPath"_s, u"User-Agent"_s,
            u"English"_s, u"pearvideo"_s, u"Ctrl"_s, u"Esc"_s,  u"req/s"_s, u"KiB"_s,
            u"MiB"_s,     u"GiB"_s,       u"B/s"_s,  u"ms"_s
        };
        QString rest = plain;
        for (const QString &name : names)
            rest.remove(name);
        if (rest.contains(u"://"_s))
            return false; // an address
        return rest.contains(word);
    }

    static QStringList visibleTexts(QWidget *root)
    {
        QStringList texts { root->windowTitle() };
        for (QLabel *label : root->findChildren<QLabel *>())
            texts << label->text() << label->toolTip();
        for (QAbstractButton *button : root->findChildren<QAbstractButton *>())
            texts << button->text() << button->toolTip();
        for (QAction *action : root->findChildren<QAction *>()) {
            if (!action->isSeparator())
                texts << action->text() << action->toolTip();
        }
        for (QMenu *menu : root->findChildren<QMenu *>())
            texts << menu->title();
        for (QComboBox *combo : root->findChildren<QComboBox *>()) {
            texts << combo->toolTip();
            if (!combo->isEditable()) {
                for (int i = 0; i < combo->count(); ++i)
                    texts << combo->itemText(i);
            }
        }
        for (QLineEdit *edit : root->findChildren<QLineEdit *>())
            texts << edit->toolTip()
                  << (edit->placeholderText().contains(u"://"_s) ? QString()
                                                                 : edit->placeholderText());
        for (QAbstractSpinBox *spin : root->findChildren<QAbstractSpinBox *>())
            texts << spin->toolTip();
        for (QSpinBox *spin : root->findChildren<QSpinBox *>())
            texts << spin->prefix() << spin->specialValueText();
        for (QTabWidget *tabs : root->findChildren<QTabWidget *>()) {
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        }
        for (QTableWidget *table : root->findChildren<QTableWidget *>()) {
            for (int i = 0; i < table->columnCount(); ++i)
                texts << table->horizontalHeaderItem(i)->text();
        }
        for (QPlainTextEdit *edit : root->findChildren<QPlainTextEdit *>())
            texts << edit->placeholderText();
        texts.removeAll(QString());
        return texts;
    }

    static QStringList untranslated(const QStringList &texts)
    {
        QStringList bad;
        for (const QString &text : texts) {
            if (looksUntranslated(text))
                bad << text;
        }
        return bad;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
        // As the app does for a Chinese user: qcrawl's translation and Qt's own.
        QCOMPARE(installTranslations(QCoreApplication::instance(), u"zh_CN"_s), u"zh_CN"_s);
    }

    void tsFileIsComplete()
    {
        const QList<Message> messages = readTs(m_tsFile);
        QVERIFY(messages.size() > 200);
        static const QRegularExpression placeholder(u"%\\d"_s);
        for (const Message &m : messages) {
            QVERIFY2(!m.unfinished, qPrintable(u"not translated: "_s + m.source));
            QStringList a, b;
            for (auto it = placeholder.globalMatch(m.source); it.hasNext();)
                a << it.next().captured();
            for (auto it = placeholder.globalMatch(m.translation); it.hasNext();)
                b << it.next().captured();
            a.sort();
            b.sort();
            QVERIFY2(a == b,
                     qPrintable(u"placeholders differ: "_s + m.source + u" → "_s + m.translation));
        }
    }

    // Every tr() in the sources is in the .ts file, translated: lupdate finds nothing new.
    void tsFileIsUpToDateWithTheSources()
    {
        const QString lupdate = QStringLiteral(QCRAWL_LUPDATE);
        if (!QFile::exists(lupdate))
            QSKIP("lupdate is not installed");
        const QString copy = m_dir.filePath(u"check.ts"_s);
        QFile::remove(copy);
        QVERIFY(QFile::copy(m_tsFile, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess process;
        process.start(lupdate,
                      { u"-no-obsolete"_s, u"-locations"_s, u"none"_s,
                        QStringLiteral(QCRAWL_SOURCE_DIR "/src/gui"),
                        QStringLiteral(QCRAWL_SOURCE_DIR "/ui"), u"-ts"_s, copy });
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 0);
        for (const Message &m : readTs(copy))
            QVERIFY2(!m.unfinished,
                     qPrintable(u"a string in the sources has no translation: "_s + m.source));
    }

    void mainWindowSpeaksChinese()
    {
        QSettings settings(m_dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        MainWindow window(&settings);
        window.show();
        const QStringList bad = untranslated(visibleTexts(&window));
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u" | "_s)));
        for (int column = 0; column < JobModel::ColumnCount; ++column) {
            const QString header = window.model()->headerData(column, Qt::Horizontal).toString();
            QVERIFY2(!looksUntranslated(header), qPrintable(header));
        }
        for (int state = 0; state < JobModel::StateCount; ++state)
            QVERIFY(!looksUntranslated(JobModel::stateName(JobModel::State(state))));
    }

    // The engines' new messages (--max-filesize, certificates) read in Chinese too, a message
    // inside another one included.
    void engineMessagesSpeakChinese_data()
    {
        QTest::addColumn<FetchError>("error");
        QTest::addColumn<QString>("expected");
        QTest::addRow("max file size")
                << FetchError(FetchErrorKind::TooLarge, { u"1048576"_s }) << u"大于 1048576 字节"_s;
        QTest::addRow("certificate")
                << FetchError(FetchErrorKind::CertificateNotTrusted,
                              { u"127.0.0.1"_s,
                                u"SSL certificate problem: unable to get local issuer "
                                u"certificate"_s })
                << u"TLS 握手失败：127.0.0.1 的证书不受信任（SSL certificate problem: unable to "
                   u"get local issuer certificate）"_s;
    }

    void engineMessagesSpeakChinese()
    {
        QFETCH(FetchError, error);
        QFETCH(QString, expected);
        QCOMPARE(EngineText::translate(error), expected);
    }

    void dialogsSpeakChinese()
    {
        SettingsDialog settings;
        QStringList bad = untranslated(visibleTexts(&settings));
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u" | "_s)));

        PresetStore presets(m_dir.filePath(u"presets.json"_s));
        HarvestDialog harvest(FetchOptions(), &presets, [] { return QUrl(); });
        bad = untranslated(visibleTexts(&harvest));
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u" | "_s)));

        CompareDialog compare({ QUrl(u"http://127.0.0.1:1/"_s) }, FetchOptions());
        bad = untranslated(visibleTexts(&compare));
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u" | "_s)));
    }
};

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
