"""Loaded by every Python process of a test run (PYTHONPATH): records outbound network attempts.

Any socket connection or name lookup aimed anywhere but this machine is appended to the file named by
CSC_NETAUDIT_LOG. The end-to-end tests assert that the file stays empty, across the CLI, the Prefect
server it starts and the dbt subprocess.
"""

import ipaddress
import os
import sys

_LOG = os.environ.get("CSC_NETAUDIT_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    text = str(host)
    if text in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and address and not _is_local(address[0]):
            _record(f"connect {address[0]}:{address[1] if len(address) > 1 else ''}")
    elif event == "socket.getaddrinfo" and not _is_local(args[0]):
        _record(f"getaddrinfo {args[0]}")


def _record(line: str) -> None:
    with open(_LOG, "a") as handle:
        handle.write(f"{os.getpid()} {sys.argv[:2]} {line}\n")


if _LOG:
    sys.addaudithook(_audit)
    # Proof that the hook was installed in this process: without it an empty log would prove nothing.
    with open(f"{_LOG}.processes", "a") as _processes:
        _processes.write(f"{os.getpid()} {sys.argv[:2]}\n")
