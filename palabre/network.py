"""The laptop's address on the room's network, the one phones type or scan.

Read from the interfaces with ifaddr: no packet is sent (no "connect a UDP socket to 8.8.8.8"
trick), so it works on a LAN with no Internet, which is the usual town-hall case.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import ifaddr

# Interfaces phones cannot reach: loopback, containers, bridges, VMs and VPN tunnels.
SKIPPED_PREFIXES = (
    "lo", "docker", "veth", "br-", "virbr", "vmnet", "vboxnet", "lxcbr", "lxdbr", "podman",
    "cni", "flannel", "cali", "tun", "tap", "wg", "tailscale", "zt", "utun",
)

# RFC 1918: the ranges a home or office router hands out.
_LAN_NETWORKS = tuple(ipaddress.ip_network(n) for n in
                      ("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12"))

FALLBACK = "127.0.0.1"


def _skipped(name: str) -> bool:
    return name.lower().startswith(SKIPPED_PREFIXES)


def _rank(address: ipaddress.IPv4Address) -> int | None:
    """Lower is better; None means never offer it to phones."""
    if address.is_loopback or address.is_link_local or address.is_multicast \
            or address.is_unspecified:
        return None
    for rank, network in enumerate(_LAN_NETWORKS):
        if address in network:
            return rank
    return len(_LAN_NETWORKS)  # a routable address: usable, but only when no LAN one exists


def choose_address(adapters: Iterable) -> str:
    """Pick the best IPv4 among ifaddr-like adapters (objects with .name and .ips[].ip)."""
    best: tuple[int, int, str] | None = None
    order = 0
    for adapter in adapters:
        if _skipped(adapter.name):
            continue
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):  # IPv6 addresses come as tuples
                continue
            try:
                address = ipaddress.IPv4Address(ip.ip)
            except ValueError:
                continue
            rank = _rank(address)
            if rank is None:
                continue
            candidate = (rank, order, str(address))
            order += 1
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else FALLBACK


def lan_address() -> str:
    """The laptop's LAN IPv4 address, or 127.0.0.1 when it has none."""
    try:
        adapters = ifaddr.get_adapters()
    except OSError:
        return FALLBACK
    return choose_address(adapters)
