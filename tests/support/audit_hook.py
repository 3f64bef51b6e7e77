"""Installed as sitecustomize.py in every Python process of an audited run: logs network and file events.

tests/test_no_outside_access.py copies this file as `sitecustomize.py` into a
folder it puts first on PYTHONPATH, so the build, and the export workers it
spawns, each append their events to <KOERS_AUDIT_LOG>/<pid>.jsonl. It records;
the test judges. It uses only the standard library and opens its log before
the hook is in place, so the hook never sees its own writes.
"""

import json
import os
import sys

_FOLDER = os.environ.get("KOERS_AUDIT_LOG")
_NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
            "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request", "http.client.connect", "ftplib.connect"}  # fmt: skip


def _text(value):
    if isinstance(value, bytes):
        return os.fsdecode(value)
    if isinstance(value, (str, os.PathLike)):
        return os.fspath(value)
    return repr(value)


def _install(folder):
    log = open(os.path.join(folder, f"{os.getpid()}.jsonl"), "a", encoding="utf-8", buffering=1)

    def hook(event, args):
        if event == "open":
            path = args[0]
            if isinstance(path, int):
                return
            record = {"event": event, "path": os.path.abspath(_text(path)), "mode": _text(args[1])}
        elif event in _NETWORK:
            record = {"event": event, "args": [_text(a) for a in args[:2]]}
        elif event == "subprocess.Popen":
            record = {"event": event, "args": [_text(a) for a in (args[1] or [])][:3]}
        else:
            return
        log.write(json.dumps(record) + "\n")

    sys.addaudithook(hook)


if _FOLDER:
    _install(_FOLDER)
