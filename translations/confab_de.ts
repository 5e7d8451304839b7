<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Confab::Client::DiscoveredServerModel</name>
    <message>
        <source>%1 at %2:%3</source>
        <translation>%1 unter %2:%3</translation>
    </message>
</context>
<context>
    <name>Confab::Host::EmbeddedServer</name>
    <message>
        <source>This computer is already hosting the chat.</source>
        <translation>Dieser Computer stellt den Chat bereits bereit.</translation>
    </message>
    <message>
        <source>This computer is not hosting the chat.</source>
        <translation>Dieser Computer stellt gerade keinen Chat bereit.</translation>
    </message>
</context>
<context>
    <name>Confab::Host::HostServerSettings</name>
    <message>
        <source>No folder was given for the hosted chat&apos;s data.</source>
        <translation>Für die Daten des bereitgestellten Chats wurde kein Ordner angegeben.</translation>
    </message>
    <message>
        <source>Cannot store the hosted chat&apos;s data in %1: the folder cannot be created or written to.</source>
        <translation>Die Daten des bereitgestellten Chats können nicht in %1 gespeichert werden: Der Ordner lässt sich nicht anlegen oder beschreiben.</translation>
    </message>
</context>
<context>
    <name>Confab::Host::PortSearch</name>
    <message>
        <source>Ports %1 to %2 are all in use by other programs; choose another port.</source>
        <translation>Die Ports %1 bis %2 werden alle von anderen Programmen belegt; wählen Sie einen anderen Port.</translation>
    </message>
</context>
<context>
    <name>Confab::Host::ServerWorker</name>
    <message>
        <source>This computer is already hosting the chat.</source>
        <translation>Dieser Computer stellt den Chat bereits bereit.</translation>
    </message>
    <message>
        <source>Cannot open the hosted chat: %1</source>
        <translation>Der bereitgestellte Chat kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>This computer is not hosting the chat.</source>
        <translation>Dieser Computer stellt gerade keinen Chat bereit.</translation>
    </message>
    <message>
        <source>The hosted chat stopped before you were signed in.</source>
        <translation>Der bereitgestellte Chat wurde beendet, bevor Sie angemeldet waren.</translation>
    </message>
    <message>
        <source>Cannot sign you in to the hosted chat: %1</source>
        <translation>Sie können nicht am bereitgestellten Chat angemeldet werden: %1</translation>
    </message>
</context>
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
    <message>
        <source>Hosting stopped: %1</source>
        <translation>Bereitstellung beendet: %1</translation>
    </message>
    <message>
        <source>Couldn&apos;t start hosting: %1</source>
        <translation>Der Chat konnte nicht bereitgestellt werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n people are connected; they will be disconnected.</source>
        <translation>
            <numerusform>%n Person ist verbunden; die Verbindung wird getrennt.</numerusform>
            <numerusform>%n Personen sind verbunden; ihre Verbindungen werden getrennt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody else is connected.</source>
        <translation>Sonst ist niemand verbunden.</translation>
    </message>
    <message>
        <source>Stop hosting?</source>
        <translation>Bereitstellung beenden?</translation>
    </message>
    <message>
        <source>The conversations stay on this computer: host again to pick up where you left off.</source>
        <translation>Die Unterhaltungen bleiben auf diesem Computer: Stellen Sie den Chat wieder bereit, um dort weiterzumachen, wo Sie aufgehört haben.</translation>
    </message>
    <message>
        <source>Stop hosting</source>
        <translation>Bereitstellung beenden</translation>
    </message>
    <message>
        <source>Quit Confab?</source>
        <translation>Confab beenden?</translation>
    </message>
    <message>
        <source>Hosting resumes the next time you start Confab.</source>
        <translation>Beim nächsten Start von Confab wird der Chat wieder bereitgestellt.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
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
    <message>
        <source>Message deleted</source>
        <translation>Nachricht gelöscht</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ConversationHeader</name>
    <message>
        <source>Typing</source>
        <translation>Schreibstatus</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt …</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 schreiben …</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Mehrere Personen schreiben …</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation>zuletzt online gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>last seen %n min ago</source>
        <translation>
            <numerusform>zuletzt online vor %n Minute</numerusform>
            <numerusform>zuletzt online vor %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation>zuletzt online heute um %1</translation>
    </message>
    <message>
        <source>last seen yesterday at %1</source>
        <translation>zuletzt online gestern um %1</translation>
    </message>
    <message>
        <source>last seen on %1</source>
        <translation>zuletzt online am %1</translation>
    </message>
    <message>
        <source>1 member, %1 online</source>
        <translation>1 Mitglied, %1 online</translation>
    </message>
    <message>
        <source>%1 members, %2 online</source>
        <translation>%1 Mitglieder, %2 online</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
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
    <name>Confab::Ui::DiscoveredServerPicker</name>
    <message>
        <source>Servers on this network</source>
        <translation>Server in diesem Netzwerk</translation>
    </message>
    <message>
        <source>Confab servers announced on your local network</source>
        <translation>Confab-Server, die sich in Ihrem lokalen Netzwerk bekannt machen</translation>
    </message>
    <message>
        <source>No servers found on this network yet</source>
        <translation>Noch keine Server in diesem Netzwerk gefunden</translation>
    </message>
    <message>
        <source>Choose the server found on this network</source>
        <translation>Den in diesem Netzwerk gefundenen Server auswählen</translation>
    </message>
    <message>
        <source>Choose from %1 servers found on this network</source>
        <translation>Aus %1 in diesem Netzwerk gefundenen Servern auswählen</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::EditingBar</name>
    <message>
        <source>Editing message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Cancel editing (Esc)</source>
        <translation>Bearbeitung abbrechen (Esc)</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Bearbeitung abbrechen</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ErrorLabel</name>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::GroupInfoPanel</name>
    <message>
        <source>Group info</source>
        <translation>Gruppeninfo</translation>
    </message>
    <message>
        <source>Group title</source>
        <translation>Gruppentitel</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>Gruppe umbenennen</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>&amp;Mitglieder</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>Show the member&apos;s profile</source>
        <translation>Profil des Mitglieds anzeigen</translation>
    </message>
    <message>
        <source>Make &amp;admin</source>
        <translation>Zum &amp;Admin machen</translation>
    </message>
    <message>
        <source>Remove admin</source>
        <translation>Adminrechte entziehen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the member from the group</source>
        <translation>Das Mitglied aus der Gruppe entfernen</translation>
    </message>
    <message>
        <source>A&amp;dd to group</source>
        <translation>Zur Gruppe &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add the chosen people to the group</source>
        <translation>Die ausgewählten Personen zur Gruppe hinzufügen</translation>
    </message>
    <message>
        <source>Add people</source>
        <translation>Personen hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Leave group…</source>
        <translation>Gruppe &amp;verlassen …</translation>
    </message>
    <message>
        <source>Leave the group</source>
        <translation>Die Gruppe verlassen</translation>
    </message>
    <message>
        <source>%1 — group info</source>
        <translation>%1 — Gruppeninfo</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 Mitglied</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 Mitglieder</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (Sie)</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Remove &amp;admin</source>
        <translation>&amp;Adminrechte entziehen</translation>
    </message>
    <message>
        <source>Make the member a regular member</source>
        <translation>Dem Mitglied die Adminrechte entziehen</translation>
    </message>
    <message>
        <source>Make the member an admin</source>
        <translation>Das Mitglied zum Admin machen</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Gruppe verlassen</translation>
    </message>
    <message>
        <source>Leave “%1”? You will no longer see its messages.</source>
        <translation>„%1“ verlassen? Sie sehen dann keine Nachrichten dieser Gruppe mehr.</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>&amp;Verlassen</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::HostingStatusWidget</name>
    <message>
        <source>&amp;Invite people…</source>
        <translation>&amp;Leute einladen …</translation>
    </message>
    <message>
        <source>&amp;Stop hosting…</source>
        <translation>Bereitstellung &amp;beenden …</translation>
    </message>
    <message>
        <source>Hosting</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <source>Invite people…</source>
        <translation>Leute einladen …</translation>
    </message>
    <message>
        <source>Invite people</source>
        <translation>Leute einladen</translation>
    </message>
    <message>
        <source>&amp;Hosting</source>
        <translation>&amp;Bereitstellung</translation>
    </message>
    <message numerus="yes">
        <source>Hosting on %1 — %n people online</source>
        <translation>
            <numerusform>Bereitgestellt unter %1 — %n Person online</numerusform>
            <numerusform>Bereitgestellt unter %1 — %n Personen online</numerusform>
        </translation>
    </message>
    <message>
        <source>People join with the address %1.</source>
        <translation>Andere treten über die Adresse %1 bei.</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256), for them to compare:
%1</source>
        <translation>Fingerabdruck des Zertifikats (SHA-256) zum Vergleichen:
%1</translation>
    </message>
    <message>
        <source>People find “%1” in their list of servers on this network, or join with the address %2.</source>
        <translation>Andere finden „%1“ in ihrer Liste der Server in diesem Netzwerk oder treten über die Adresse %2 bei.</translation>
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
    <name>Confab::Ui::InviteDialog</name>
    <message>
        <source>Invite people</source>
        <translation>Leute einladen</translation>
    </message>
    <message>
        <source>People on your network can join this chat: in Confab they choose “Join a server” and enter this address.</source>
        <translation>Personen in Ihrem Netzwerk können diesem Chat beitreten: In Confab wählen sie „Einem Server beitreten“ und geben diese Adresse ein.</translation>
    </message>
    <message>
        <source>Address to join</source>
        <translation>Adresse zum Beitreten</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the address</source>
        <translation>Adresse kopieren</translation>
    </message>
    <message>
        <source>On other networks of this computer: %1</source>
        <translation>In anderen Netzwerken dieses Computers: %1</translation>
    </message>
    <message>
        <source>The first time they connect, Confab shows them the certificate&apos;s fingerprint. It must read:</source>
        <translation>Beim ersten Verbinden zeigt Confab ihnen den Fingerabdruck des Zertifikats. Er muss lauten:</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Fingerabdruck des Zertifikats</translation>
    </message>
    <message>
        <source>Who can join</source>
        <translation>Wer beitreten kann</translation>
    </message>
    <message>
        <source>Anyone who has the address</source>
        <translation>Alle, die die Adresse kennen</translation>
    </message>
    <message>
        <source>Only people with an invite code</source>
        <translation>Nur Personen mit Einladungscode</translation>
    </message>
    <message>
        <source>Create invite code</source>
        <translation>Einladungscode erstellen</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>Copy the invite code</source>
        <translation>Einladungscode kopieren</translation>
    </message>
    <message>
        <source>Each code lets one person create an account. It is shown only now.</source>
        <translation>Mit jedem Code kann eine Person ein Konto anlegen. Er wird nur jetzt angezeigt.</translation>
    </message>
    <message>
        <source>Create another</source>
        <translation>Weiteren erstellen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Confab on this network also lists it as “%1”: they can simply pick it there.</source>
        <translation>Confab listet ihn in diesem Netzwerk außerdem als „%1“: Dort können sie ihn einfach auswählen.</translation>
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
    <message>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Start a chat or create a group (Ctrl+N)</source>
        <translation>Einen Chat beginnen oder eine Gruppe erstellen (Strg+N)</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Conversation details</source>
        <translation>Details zur Unterhaltung</translation>
    </message>
    <message>
        <source>Members and settings, or the other person&apos;s profile</source>
        <translation>Mitglieder und Einstellungen oder das Profil der anderen Person</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Go to new messages</source>
        <translation>Zu den neuen Nachrichten springen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save edited message</source>
        <translation>Bearbeitete Nachricht speichern</translation>
    </message>
    <message>
        <source>&amp;New conversation…</source>
        <translation>&amp;Neue Unterhaltung …</translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation>&amp;Profil …</translation>
    </message>
    <message>
        <source>1 new message ↓</source>
        <translation>1 neue Nachricht ↓</translation>
    </message>
    <message>
        <source>%1 new messages ↓</source>
        <translation>%1 neue Nachrichten ↓</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::MessageActions</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <source>Delete this message for everyone? This cannot be undone.</source>
        <translation>Diese Nachricht für alle löschen? Dies kann nicht rückgängig gemacht werden.</translation>
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
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Failed — click to retry</source>
        <translation>Fehlgeschlagen — zum Wiederholen klicken</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::NewConversationDialog</name>
    <message>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Pick one person for a direct chat, or several and a title for a group.</source>
        <translation>Wählen Sie eine Person für einen Einzelchat aus oder mehrere Personen und einen Titel für eine Gruppe.</translation>
    </message>
    <message>
        <source>Group &amp;title</source>
        <translation>Gruppen&amp;titel</translation>
    </message>
    <message>
        <source>Group title</source>
        <translation>Gruppentitel</translation>
    </message>
    <message>
        <source>Needed for two or more people</source>
        <translation>Erforderlich bei zwei oder mehr Personen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start conversation</source>
        <translation>Unterhaltung beginnen</translation>
    </message>
    <message>
        <source>Create &amp;group</source>
        <translation>&amp;Gruppe erstellen</translation>
    </message>
    <message>
        <source>&amp;Start chat</source>
        <translation>Chat &amp;starten</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt …</translation>
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
    <name>Confab::Ui::PeopleSearch</name>
    <message>
        <source>Search people by name or username</source>
        <translation>Personen nach Name oder Benutzername suchen</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Personen suchen</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>Suche läuft</translation>
    </message>
    <message>
        <source>Type a name to find people.</source>
        <translation>Geben Sie einen Namen ein, um Personen zu finden.</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Gefundene Personen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>%1 (@%2)</source>
        <translation>%1 (@%2)</translation>
    </message>
    <message>
        <source>No one found</source>
        <translation>Niemand gefunden</translation>
    </message>
    <message>
        <source>No one chosen yet.</source>
        <translation>Noch niemand ausgewählt.</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Ausgewählt: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ProfileDialog</name>
    <message>
        <source>Can&apos;t open the file: %1</source>
        <translation>Die Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The picture is larger than 2 MB.</source>
        <translation>Das Bild ist größer als 2 MB.</translation>
    </message>
    <message>
        <source>Choose a PNG, JPEG or WebP picture.</source>
        <translation>Wählen Sie ein PNG-, JPEG- oder WebP-Bild aus.</translation>
    </message>
    <message>
        <source>The picture could not be read.</source>
        <translation>Das Bild konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Your profile</source>
        <translation>Ihr Profil</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Edit profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Bio</source>
        <translation>Bio</translation>
    </message>
    <message>
        <source>Choose &amp;picture…</source>
        <translation>Bild aus&amp;wählen …</translation>
    </message>
    <message>
        <source>Choose a profile picture</source>
        <translation>Profilbild auswählen</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>Profil &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation>An&amp;zeigename</translation>
    </message>
    <message>
        <source>&amp;Bio</source>
        <translation>&amp;Bio</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>Mindestens 8 Zeichen</translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation>Passwort än&amp;dern</translation>
    </message>
    <message>
        <source>C&amp;urrent password</source>
        <translation>&amp;Aktuelles Passwort</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>&amp;Neues Passwort</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Picture of %1</source>
        <translation>Bild von %1</translation>
    </message>
    <message>
        <source>The bio is longer than %1 characters.</source>
        <translation>Die Bio ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <source>Reading the picture…</source>
        <translation>Bild wird gelesen …</translation>
    </message>
    <message>
        <source>The new picture is saved with the profile.</source>
        <translation>Das neue Bild wird zusammen mit dem Profil gespeichert.</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>Profil gespeichert.</translation>
    </message>
    <message>
        <source>Password changed. Other devices must sign in again.</source>
        <translation>Passwort geändert. Andere Geräte müssen sich erneut anmelden.</translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ServerTrustPanel</name>
    <message>
        <source>Certificate you trusted before:</source>
        <translation>Zertifikat, dem Sie bisher vertraut haben:</translation>
    </message>
    <message>
        <source>Fingerprint trusted before</source>
        <translation>Bisher vertrauter Fingerabdruck</translation>
    </message>
    <message>
        <source>Fingerprint of the server&apos;s certificate</source>
        <translation>Fingerabdruck des Serverzertifikats</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Do not trust this certificate</source>
        <translation>Diesem Zertifikat nicht vertrauen</translation>
    </message>
    <message>
        <source>Warning: the server&apos;s certificate has changed</source>
        <translation>Warnung: Das Zertifikat des Servers hat sich geändert</translation>
    </message>
    <message>
        <source>%1 presents a different certificate from the one you trusted. A server may get a new certificate, but this is also what someone intercepting your connection would look like. Trust the new certificate only if the server&apos;s operator confirms its fingerprint.</source>
        <translation>%1 legt ein anderes Zertifikat vor als das, dem Sie vertraut haben. Ein Server kann ein neues Zertifikat erhalten, aber genau so sähe es auch aus, wenn jemand Ihre Verbindung abfängt. Vertrauen Sie dem neuen Zertifikat nur, wenn der Betreiber des Servers dessen Fingerabdruck bestätigt.</translation>
    </message>
    <message>
        <source>Certificate it presents now:</source>
        <translation>Zertifikat, das der Server jetzt vorlegt:</translation>
    </message>
    <message>
        <source>Trust new certificate</source>
        <translation>Neuem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>Diesem Server vertrauen?</translation>
    </message>
    <message>
        <source>%1 uses a certificate that no authority known to this computer vouches for. Compare its fingerprint with the one the server shows when it starts; trust it only if they match.</source>
        <translation>%1 verwendet ein Zertifikat, für das keine diesem Computer bekannte Zertifizierungsstelle bürgt. Vergleichen Sie seinen Fingerabdruck mit dem, den der Server beim Start anzeigt, und vertrauen Sie ihm nur, wenn beide übereinstimmen.</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Vertrauen</translation>
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
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>Only if the server is invite-only</source>
        <translation>Nur bei Servern, die eine Einladung erfordern</translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate is not trusted.</source>
        <translation>Nicht verbunden: Dem Zertifikat des Servers wird nicht vertraut.</translation>
    </message>
    <message>
        <source>&amp;Invite code</source>
        <translation>&amp;Einladungscode</translation>
    </message>
    <message>
        <source>Host a chat on this computer instead</source>
        <translation>Stattdessen einen Chat auf diesem Computer bereitstellen</translation>
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
    <name>Confab::Ui::WelcomeWindow</name>
    <message>
        <source>Welcome to Confab</source>
        <translation>Willkommen bei Confab</translation>
    </message>
    <message>
        <source>Chat with the people around you. How would you like to start?</source>
        <translation>Chatten Sie mit den Menschen um Sie herum. Wie möchten Sie beginnen?</translation>
    </message>
    <message>
        <source>Host a chat on this computer</source>
        <translation>Chat auf diesem Computer bereitstellen</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>How others will see you</source>
        <translation>So sehen andere Sie</translation>
    </message>
    <message>
        <source>&amp;Your name</source>
        <translation>&amp;Ihr Name</translation>
    </message>
    <message>
        <source>Hosting error</source>
        <translation>Fehler bei der Bereitstellung</translation>
    </message>
    <message>
        <source>Join a server</source>
        <translation>Einem Server beitreten</translation>
    </message>
    <message>
        <source>Sign in to a chat someone else hosts, on this network or on the internet.</source>
        <translation>Melden Sie sich bei einem Chat an, den jemand anderes bereitstellt – in diesem Netzwerk oder im Internet.</translation>
    </message>
    <message>
        <source>Enter your name: it is how the people who join will see you.</source>
        <translation>Geben Sie Ihren Namen ein: Unter diesem Namen sehen Sie alle, die beitreten.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>People on your network join you here. The conversations are kept on this computer.</source>
        <translation>Personen in Ihrem Netzwerk treten hier bei. Die Unterhaltungen werden auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Port</translation>
    </message>
</context>
<context>
    <name>PresenceText</name>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation>zuletzt online heute um %1</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>zuletzt online am %1</translation>
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
