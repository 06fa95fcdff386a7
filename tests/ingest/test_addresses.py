import pytest

from tolls.errors import IngestError
from tolls.ingest.addresses import check_host, is_public


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2a00:1450:4001:80b::200e", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("10.0.0.5", False),
        ("172.16.4.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:93.184.215.14", True),
        # IPv6 forms that carry an IPv4 address (issue 18): the embedded address decides
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("2002:a00:5::1", False),  # 6to4 of 10.0.0.5
        ("2001:0:a00:5::1", False),  # Teredo with a private server
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("64:ff9b::5db8:d70e", True),  # NAT64 of a public address
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_every_resolved_address_is_checked() -> None:
    with pytest.raises(IngestError) as err:
        check_host(
            "mixed.example.org",
            443,
            source="https://mixed.example.org/",
            allow_private=False,
            resolver=lambda host, port: ["93.184.215.14", "169.254.169.254"],
        )
    assert err.value.code == "E315"
    assert "points at a private" in err.value.message
    assert "169.254.169.254" not in err.value.message  # never disclose what a name resolves to


def test_a_refused_ip_literal_is_named() -> None:
    with pytest.raises(IngestError) as err:
        check_host("10.1.2.3", 80, source="http://10.1.2.3/", allow_private=False, resolver=lambda h, p: [])
    assert "reserved address (10.1.2.3); refused" in err.value.message


def test_ip_literals_are_not_resolved() -> None:
    def never(host: str, port: int) -> list[str]:
        raise AssertionError("resolver called for an IP literal")

    assert check_host("93.184.215.14", 80, source="u", allow_private=False, resolver=never) == [
        "93.184.215.14"
    ]


def test_private_addresses_pass_when_allowed() -> None:
    assert check_host("10.0.0.5", 80, source="u", allow_private=True, resolver=lambda h, p: []) == [
        "10.0.0.5"
    ]


def test_unresolvable_host_is_a_fetch_problem() -> None:
    def fail(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(IngestError) as err:
        check_host(
            "nowhere.invalid", 80, source="http://nowhere.invalid/", allow_private=False, resolver=fail
        )
    assert err.value.code == "E316"
    assert "cannot resolve 'nowhere.invalid'" in err.value.message
