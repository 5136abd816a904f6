"""The names and addresses of this machine, which a demo trusts as the Host of a request.

Without ``VAKTAAL_PUBLIC_URL`` the links put on login cards, QR codes and word cards start with the host the
request named; a demo trusts only this machine's own names (``localhost``, its host name) and the addresses of its
network interfaces, so a phone on the same network can open ``http://192.168.1.20:5000`` while a spoofed Host header
is refused before anything runs. Read from the kernel (no packet is sent), once at start-up.
"""

import fcntl
import socket
import struct

SIOCGIFADDR = 0x8915  # Linux: the IPv4 address of an interface


def own_names() -> list[str]:
    """This machine's names and IPv4 interface addresses, loopback included, without duplicates.

    No IPv6 literals: Werkzeug compares a trusted name up to its first ``:``, so ``[fd00::2]`` can never match.
    """
    names = ["localhost", "127.0.0.1"]
    hostname = socket.gethostname()
    if hostname:
        names += [hostname, f"{hostname}.local", socket.getfqdn()]
    names += _ipv4_addresses()
    return list(dict.fromkeys(name for name in names if name))


def _ipv4_addresses() -> list[str]:
    found = []
    try:
        interfaces = socket.if_nameindex()
    except OSError:
        return found
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in interfaces:
            try:
                packed = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, struct.pack("256s", name.encode()[:15]))
            except OSError:  # an interface without an IPv4 address
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found
