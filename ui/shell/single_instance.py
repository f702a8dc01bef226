"""Brings the already running window forward when the program is started a second time on
the same database (the lock itself is app.storage.instance_lock)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def server_name(db_path: Path) -> str:
    # surrogateescape: a file name that is not valid UTF-8 (possible on Linux) still hashes
    name = str(Path(db_path).resolve()).encode("utf-8", "surrogateescape")
    digest = hashlib.sha1(name).hexdigest()[:16]
    return f"koordynator-{digest}"


class ActivationServer(QObject):
    activate = Signal()

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name(db_path)
        QLocalServer.removeServer(name)  # a socket left by a killed copy
        self.server.listen(name)
        self.server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        sock = self.server.nextPendingConnection()
        if sock is not None:
            sock.disconnected.connect(sock.deleteLater)
            self.activate.emit()


def ask_first_copy_to_show(db_path: Path) -> bool:
    sock = QLocalSocket()
    sock.connectToServer(server_name(db_path))
    if not sock.waitForConnected(500):
        return False
    sock.write(b"show")
    sock.waitForBytesWritten(500)
    sock.disconnectFromServer()
    return True
