"""The LAN address phones are given: read from the interfaces, chosen by a fixed rule."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import ifaddr

from palabre import network


@dataclass
class IP:
    ip: object
    network_prefix: int = 24


@dataclass
class Adapter:
    name: str
    ips: list


def adapters(*pairs):
    return [Adapter(name, [IP(ip) for ip in ips]) for name, ips in pairs]


def test_lan_address_is_one_of_this_machines_ipv4_addresses():
    found = network.lan_address()
    assert isinstance(ipaddress.ip_address(found), ipaddress.IPv4Address)
    mine = {ip.ip for a in ifaddr.get_adapters() for ip in a.ips if isinstance(ip.ip, str)}
    assert found in mine | {network.FALLBACK}
    assert found == network.choose_address(ifaddr.get_adapters())


def test_private_wifi_address_wins_over_docker_and_loopback():
    given = adapters(("lo", ["127.0.0.1"]), ("docker0", ["172.17.0.1"]),
                     ("br-1a2b", ["172.18.0.1"]), ("veth12", ["10.1.0.5"]),
                     ("wlp2s0", ["192.168.1.23", ("fe80::1", 0, 2)]))
    assert network.choose_address(given) == "192.168.1.23"


def test_virtual_and_vpn_interfaces_are_never_offered():
    given = adapters(("virbr0", ["192.168.122.1"]), ("tun0", ["10.8.0.2"]),
                     ("wg0", ["10.9.0.2"]), ("docker0", ["172.17.0.1"]))
    assert network.choose_address(given) == network.FALLBACK


def test_rfc1918_preferred_over_a_routable_address_and_link_local_skipped():
    given = adapters(("eth0", ["169.254.3.4", "203.0.113.7"]), ("eth1", ["10.0.0.12"]))
    assert network.choose_address(given) == "10.0.0.12"


def test_a_routable_address_beats_the_fallback():
    assert network.choose_address(adapters(("eth0", ["203.0.113.7"]))) == "203.0.113.7"


def test_first_interface_wins_among_equals():
    given = adapters(("eth0", ["192.168.0.10"]), ("wlan0", ["192.168.1.10"]))
    assert network.choose_address(given) == "192.168.0.10"


def test_no_interface_falls_back_to_loopback():
    assert network.choose_address([]) == "127.0.0.1"
    assert network.choose_address(adapters(("lo", ["127.0.0.1"]))) == "127.0.0.1"
