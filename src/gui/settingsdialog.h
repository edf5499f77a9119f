#pragma once

#include "fetch/fetchtypes.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;
class QLabel;
class QTabWidget;

namespace qcrawl {

// Settings → Preferences, on three pages. Requests: headers and User-Agent, stall timeout,
// retries, per-host limit. Connection: proxy, HTTP version, the CAs to trust or no certificate
// check at all, the largest body to accept, and Qt's HTTP client instead of libcurl. General:
// the default download folder and the language. Validates before it closes and shows the page
// of a field it rejects.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void setOptions(const FetchOptions &options, const QString &downloadFolder);
    void setLanguage(const QString &language);
    QString language() const;
    void setJournalEnabled(bool enabled);
    bool journalEnabled() const;
    FetchOptions options() const { return m_options; }
    QString downloadFolder() const;

    void accept() override;

private:
    QWidget *requestsPage();
    QWidget *connectionPage();
    QWidget *generalPage();
    QWidget *videosPage();
    // On failure *error says why and *field is the widget to fix.
    bool collect(FetchOptions *options, QString *error, QWidget **field) const;
    void updateCertificateWidgets();

    static constexpr qint64 MiB = 1024 * 1024;

    FetchOptions m_options;
    int m_maxFileSizeShown = 0; // MiB, as setOptions() showed m_options.maxFileSize
    QTabWidget *m_tabs;
    QLineEdit *m_userAgent;
    QPlainTextEdit *m_headers;
    QDoubleSpinBox *m_timeout;
    QSpinBox *m_retries;
    QSpinBox *m_perHost;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyUrl;
    QComboBox *m_httpVersion;
    QLineEdit *m_caCertFile;
    QPushButton *m_caCertBrowse;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning;
    QSpinBox *m_maxFileSize;
    QCheckBox *m_qtHttp;
    QLineEdit *m_folder;
    QComboBox *m_language;
    QCheckBox *m_journal;
    QComboBox *m_hlsVariant;
    QSpinBox *m_hlsConcurrency;
    QCheckBox *m_hlsKeepTs;
    QLabel *m_error;
};

} // namespace qcrawl
