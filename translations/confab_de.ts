<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Confab::Ui::ClientApplication</name>
    <message>
        <source>No secret store is available: you will stay signed in for this run only</source>
        <translation>Kein Schlüsselbund verfügbar: Sie bleiben nur bis zum Beenden angemeldet</translation>
    </message>
    <message>
        <source>You were signed out: %1</source>
        <translation>Sie wurden abgemeldet: %1</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::Composer</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation>Nachricht schreiben …</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ConversationDelegate</name>
    <message>
        <source>No messages yet</source>
        <translation>Noch keine Nachrichten</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::InputValidation</name>
    <message>
        <source>Enter your username.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Use 3 to 32 letters, digits, dots, dashes or underscores.</source>
        <translation>Verwenden Sie 3 bis 32 Buchstaben, Ziffern, Punkte, Binde- oder Unterstriche.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Use 8 to 128 characters.</source>
        <translation>Verwenden Sie 8 bis 128 Zeichen.</translation>
    </message>
    <message>
        <source>The passwords don&apos;t match.</source>
        <translation>Die Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>Geben Sie die Adresse des Servers ein.</translation>
    </message>
    <message>
        <source>Enter an address such as https://chat.example.org.</source>
        <translation>Geben Sie eine Adresse wie https://chat.example.org ein.</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::MainWindow</name>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>Select a conversation to start chatting.</source>
        <translation>Wählen Sie eine Unterhaltung aus, um zu schreiben.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>%1 — Confab</source>
        <translation>%1 — Confab</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt …</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Confab::Ui::MessageDelegate</name>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Diese Nachricht wurde gelöscht</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::NotificationCenter</name>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <source>&amp;Do not disturb</source>
        <translation>&amp;Nicht stören</translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>Benachrichtigungen &amp;stummschalten</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message numerus="yes">
        <source>Confab: %n unread message(s)</source>
        <translation>
            <numerusform>Confab: %n ungelesene Nachricht</numerusform>
            <numerusform>Confab: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Mute this conversation</source>
        <translation>Diese Unterhaltung &amp;stummschalten</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::SignInWindow</name>
    <message>
        <source>Confab — Sign in</source>
        <translation>Confab — Anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in to an existing account</source>
        <translation>Mit einem bestehenden Konto anmelden</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Create a new account</source>
        <translation>Ein neues Konto erstellen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>https://chat.example.org</source>
        <translation>https://chat.example.org</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Optional: how others see you</source>
        <translation>Optional: So sehen andere Sie</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Benutzername</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>An&amp;zeigename</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Passwort</translation>
    </message>
    <message>
        <source>C&amp;onfirm password</source>
        <translation>Passwort &amp;wiederholen</translation>
    </message>
    <message>
        <source>Create your Confab account</source>
        <translation>Ihr Confab-Konto erstellen</translation>
    </message>
    <message>
        <source>Sign in to Confab</source>
        <translation>Bei Confab anmelden</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>Creating account…</source>
        <translation>Konto wird erstellt …</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::StatusBarNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::TrayNotifier</name>
    <message>
        <source>The tray icon is gone.</source>
        <translation>Das Symbol im Systembereich ist nicht mehr vorhanden.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Confab messenger</source>
        <translation>Confab-Messenger</translation>
    </message>
    <message>
        <source>The server&apos;s address, e.g. https://chat.example.org.</source>
        <translation>Die Adresse des Servers, z. B. https://chat.example.org.</translation>
    </message>
    <message>
        <source>Keep settings and the session under profile NAME.</source>
        <translation>Einstellungen und Sitzung im Profil NAME ablegen.</translation>
    </message>
</context>
</TS>
