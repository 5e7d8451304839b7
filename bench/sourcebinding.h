#pragma once

#include <QHostAddress>

class QTcpSocket;

namespace Confab::Bench {

/// Binds `socket` to the source address `source` before it connects, the way the load
/// workers spread their connections over 127.0.0.x. On Linux the port is left to connect()
/// (IP_BIND_ADDRESS_NO_PORT): bind() with port 0 would search the whole port range for a
/// free port, a search whose cost grows with every socket still bound there (thousands in
/// TIME_WAIT after a scenario), and that cost would land in the generator's CPU mid-storm.
/// False with the socket's error string set when neither way binds.
bool bindSource(QTcpSocket &socket, const QHostAddress &source);

} // namespace Confab::Bench
