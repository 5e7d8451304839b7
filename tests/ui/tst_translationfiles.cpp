// The translation sources are complete: confab_de.ts has no unfinished, empty or vanished
// entries, keeps every placeholder (%1, %n…) of its source text, and gives both German
// plural forms. Fails after new strings came in until they are translated
// (scripts/update-translations.sh, then translate).
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Entry
{
    QString context;
    QString source;
    QString type; ///< the translation's type attribute: empty when finished
    QStringList forms; ///< the translation, or its plural forms
    bool numerus = false;
};

QList<Entry> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QXmlStreamReader xml(&file);
    QList<Entry> entries;
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QStringLiteral("name")) {
            context = xml.readElementText();
        } else if (name == QStringLiteral("message")) {
            entry = Entry();
            entry.context = context;
            entry.numerus =
                xml.attributes().value(QStringLiteral("numerus")) == QStringLiteral("yes");
        } else if (name == QStringLiteral("source")) {
            entry.source = xml.readElementText();
        } else if (name == QStringLiteral("translation")) {
            entry.type = xml.attributes().value(QStringLiteral("type")).toString();
            if (entry.numerus) {
                while (xml.readNextStartElement())
                    entry.forms.append(xml.readElementText());
            } else {
                entry.forms.append(xml.readElementText());
            }
            entries.append(entry);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return entries;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)"));
    QSet<QString> found;
    for (const auto &match : pattern.globalMatch(text))
        found.insert(match.captured());
    return found;
}

} // namespace

class TestTranslationFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanIsComplete();
    void englishHasItsPluralForms();
};

void TestTranslationFiles::germanIsComplete()
{
    QString error;
    const QList<Entry> entries =
        readTs(QStringLiteral(CONFAB_TRANSLATIONS_DIR "/confab_de.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(entries.size() > 50);
    QStringList problems;
    for (const Entry &entry : entries) {
        const QString where = entry.context + QStringLiteral(": \"") + entry.source + u'"';
        if (!entry.type.isEmpty()) {
            problems << where + QStringLiteral(" is ") + entry.type;
            continue;
        }
        if (entry.numerus && entry.forms.size() != 2)
            problems << where + QStringLiteral(" needs two plural forms");
        for (const QString &form : entry.forms) {
            if (form.isEmpty())
                problems << where + QStringLiteral(" has an empty translation");
            else if (placeholders(form) != placeholders(entry.source))
                problems << where + QStringLiteral(" changes the placeholders: ") + form;
        }
    }
    QVERIFY2(problems.isEmpty(),
        qPrintable(QStringLiteral("confab_de.ts (translate, then rebuild):\n  ")
            + problems.join(QStringLiteral("\n  "))));
}

void TestTranslationFiles::englishHasItsPluralForms()
{
    // The source language needs only its plural forms ("1 member", "2 members").
    QString error;
    const QList<Entry> entries =
        readTs(QStringLiteral(CONFAB_TRANSLATIONS_DIR "/confab_en.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    int plurals = 0;
    for (const Entry &entry : entries) {
        if (!entry.numerus)
            continue;
        ++plurals;
        QVERIFY2(entry.type.isEmpty() && entry.forms.size() == 2 && !entry.forms.at(0).isEmpty()
                && !entry.forms.at(1).isEmpty(),
            qPrintable(
                QStringLiteral("confab_en.ts: plural forms missing for \"%1\"").arg(entry.source)));
    }
    QVERIFY(plurals > 0);
}

QTEST_GUILESS_MAIN(TestTranslationFiles)
#include "tst_translationfiles.moc"
