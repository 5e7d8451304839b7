<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Confab::Client::DiscoveredServerModel</name>
    <message>
        <source>%1 at %2:%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Host::EmbeddedServer</name>
    <message>
        <source>This computer is already hosting the chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is not hosting the chat.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Host::HostServerSettings</name>
    <message>
        <source>No folder was given for the hosted chat&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot store the hosted chat&apos;s data in %1: the folder cannot be created or written to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Host::PortSearch</name>
    <message>
        <source>Ports %1 to %2 are all in use by other programs; choose another port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Host::ServerWorker</name>
    <message>
        <source>This computer is already hosting the chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the hosted chat: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is not hosting the chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hosted chat stopped before you were signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sign you in to the hosted chat: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ClientApplication</name>
    <message>
        <source>No secret store is available: you will stay signed in for this run only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were signed out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Couldn&apos;t start hosting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n people are connected; they will be disconnected.</source>
        <translation>
            <numerusform>%n person is connected; they will be disconnected.</numerusform>
            <numerusform>%n people are connected; they will be disconnected.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody else is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversations stay on this computer: host again to pick up where you left off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop hosting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop hosting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Confab?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting resumes the next time you start Confab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::Composer</name>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ConversationDelegate</name>
    <message>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ConversationHeader</name>
    <message>
        <source>Typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>last seen %n min ago</source>
        <translation>
            <numerusform>last seen %n min ago</numerusform>
            <numerusform>last seen %n min ago</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen yesterday at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 member, %1 online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 members, %2 online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::DiscoveredServerPicker</name>
    <message>
        <source>Servers on this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab servers announced on your local network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No servers found on this network yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the server found on this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose from %1 servers found on this network</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::EditingBar</name>
    <message>
        <source>Editing message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ErrorLabel</name>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::GroupInfoPanel</name>
    <message>
        <source>Group info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the member&apos;s profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the member from the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd to group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the chosen people to the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — group info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &amp;admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the member a regular member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the member an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave “%1”? You will no longer see its messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::HostingStatusWidget</name>
    <message>
        <source>&amp;Invite people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop hosting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hosting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Hosting on %1 — %n people online</source>
        <translation>
            <numerusform>Hosting on %1 — %n person online</numerusform>
            <numerusform>Hosting on %1 — %n people online</numerusform>
        </translation>
    </message>
    <message>
        <source>People join with the address %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256), for them to compare:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People find “%1” in their list of servers on this network, or join with the address %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::InputValidation</name>
    <message>
        <source>Enter your username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 3 to 32 letters, digits, dots, dashes or underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 8 to 128 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords don&apos;t match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address such as https://chat.example.org.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::InviteDialog</name>
    <message>
        <source>Invite people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People on your network can join this chat: in Confab they choose “Join a server” and enter this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On other networks of this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first time they connect, Confab shows them the certificate&apos;s fingerprint. It must read:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone who has the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only people with an invite code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create invite code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the invite code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each code lets one person create an account. It is shown only now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab on this network also lists it as “%1”: they can simply pick it there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::MainWindow</name>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a conversation to start chatting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a chat or create a group (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members and settings, or the other person&apos;s profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to new messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save edited message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 new message ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new messages ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::MessageActions</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message for everyone? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::MessageDelegate</name>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed — click to retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::NewConversationDialog</name>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick one person for a direct chat, or several and a title for a group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group &amp;title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed for two or more people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::NotificationCenter</name>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Do not disturb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Confab: %n unread message(s)</source>
        <translation>
            <numerusform>Confab: %n unread message</numerusform>
            <numerusform>Confab: %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Mute this conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::PeopleSearch</name>
    <message>
        <source>Search people by name or username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name to find people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (@%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ProfileDialog</name>
    <message>
        <source>Can&apos;t open the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is larger than 2 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PNG, JPEG or WebP picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a profile picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrent password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bio is longer than %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new picture is saved with the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password changed. Other devices must sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::ServerTrustPanel</name>
    <message>
        <source>Certificate you trusted before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint trusted before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint of the server&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the server&apos;s certificate has changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 presents a different certificate from the one you trusted. A server may get a new certificate, but this is also what someone intercepting your connection would look like. Trust the new certificate only if the server&apos;s operator confirms its fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate it presents now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust new certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses a certificate that no authority known to this computer vouches for. Compare its fingerprint with the one the server shows when it starts; trust it only if they match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::SignInWindow</name>
    <message>
        <source>Confab — Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to an existing account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://chat.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: how others see you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onfirm password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your Confab account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if the server is invite-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host a chat on this computer instead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::StatusBarNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::TrayNotifier</name>
    <message>
        <source>The tray icon is gone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Confab::Ui::WelcomeWindow</name>
    <message>
        <source>Welcome to Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with the people around you. How would you like to start?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host a chat on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How others will see you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a chat someone else hosts, on this network or on the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your name: it is how the people who join will see you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People on your network join you here. The conversations are kept on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresenceText</name>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Confab messenger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s address, e.g. https://chat.example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep settings and the session under profile NAME.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
