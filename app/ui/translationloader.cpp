#include "app/ui/translationloader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace Confab::Ui {

TranslationLoader::TranslationLoader(QObject *parent)
    : QObject(parent)
{ }

TranslationLoader::~TranslationLoader()
{
    unload();
}

bool TranslationLoader::load(const QLocale &locale)
{
    unload();
    m_confabInstalled = m_confab.load(locale, QStringLiteral("confab"), QStringLiteral("_"),
                            QStringLiteral(":/i18n"))
        && QCoreApplication::installTranslator(&m_confab);
    m_qtInstalled = m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath))
        && QCoreApplication::installTranslator(&m_qt);
    return m_confabInstalled || locale.uiLanguages().value(0).startsWith(QStringLiteral("en"));
}

void TranslationLoader::unload()
{
    if (std::exchange(m_confabInstalled, false))
        QCoreApplication::removeTranslator(&m_confab);
    if (std::exchange(m_qtInstalled, false))
        QCoreApplication::removeTranslator(&m_qt);
}

} // namespace Confab::Ui
