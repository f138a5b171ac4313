import pytest

from graph.codes import code_kind, is_penunjang, normalise_kode, opd_bidang


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.02.02.2.01.0002", "1.02.02.2.01.0002"),
        ("1.02.02.2.01.02", "1.02.02.2.01.0002"),
        ("1,02.02.2.01.0002", "1.02.02.2.01.0002"),
        ("2,01", "2.01"),
        (" 1 . 2 . 2 ", "1.02.02"),
        ("1.2.2.2.1", "1.02.02.2.01"),
        ("x.xx.01", "X.XX.01"),
        ("5.01.02.2.07.0001", "5.01.02.2.07.0001"),
    ],
)
def test_normalise_kode(raw: str, expected: str) -> None:
    assert normalise_kode(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "1.02.02.2", "1.023.02", "1.02.02.2.01.00001", "1..02"])
def test_normalise_kode_rejects(raw: str) -> None:
    with pytest.raises(ValueError, match="kode"):
        normalise_kode(raw)


def test_code_levels_and_penunjang() -> None:
    assert [code_kind(k) for k in ("1", "1.02", "1.02.02", "1.02.02.2.01")] == [
        "urusan",
        "bidang_urusan",
        "program",
        "kegiatan",
    ]
    assert is_penunjang("1.02.01.2.02.0001") and not is_penunjang("1.02.02.2.01")
    assert opd_bidang("1.02.0.00.0.00.01.0000") == ["1.02"]
    assert opd_bidang(None) == []
