#pragma once

#include "fetchtypes.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QDoubleSpinBox;
class QLabel;

namespace qcrawl {

// Settings → Preferences: request headers and User-Agent, stall timeout, retries, proxy,
// per-host limit and the default download folder. Validates before it closes.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void setOptions(const FetchOptions &options, const QString &downloadFolder);
    void setLanguage(const QString &language);
    QString language() const;
    FetchOptions options() const { return m_options; }
    QString downloadFolder() const;

    void accept() override;

private:
    bool collect(FetchOptions *options, QString *error) const;

    FetchOptions m_options;
    QLineEdit *m_userAgent;
    QPlainTextEdit *m_headers;
    QDoubleSpinBox *m_timeout;
    QSpinBox *m_retries;
    QSpinBox *m_perHost;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyUrl;
    QLineEdit *m_folder;
    QComboBox *m_language;
    QLabel *m_error;
};

} // namespace qcrawl
