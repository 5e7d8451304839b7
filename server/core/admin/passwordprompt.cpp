#include "server/core/admin/passwordprompt.h"

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace Confab::Server {

namespace {

Error passwordError(const QString &message)
{
    return makeError(2, QStringLiteral("invalid_password"), message);
}

// One line from stdin without its line ending; nullopt at end of input.
std::optional<QString> readLine()
{
    std::string line;
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line.push_back(char(c));
    if (c == EOF && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

// Prompts on stderr and reads a line with the terminal's echo turned off. Echo goes off before
// the prompt is shown, and typed-ahead input is kept (TCSANOW), so nothing typed is lost or
// shown.
std::optional<QString> promptHidden(const char *prompt)
{
    termios saved {};
    const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    std::optional<QString> line = readLine();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputc('\n', stderr);
    }
    return line;
}

} // namespace

Result<QString> readNewPassword()
{
    if (!::isatty(STDIN_FILENO)) {
        std::optional<QString> line = readLine();
        if (!line || line->isEmpty())
            return passwordError(QStringLiteral("No password on standard input."));
        return *line;
    }
    std::optional<QString> first = promptHidden("New password: ");
    if (!first || first->isEmpty())
        return passwordError(QStringLiteral("No password given."));
    std::optional<QString> second = promptHidden("Repeat the password: ");
    if (!second || *second != *first)
        return passwordError(QStringLiteral("The passwords differ; nothing was changed."));
    return *first;
}

} // namespace Confab::Server
