"""The preflight's quick bound of a sheet's grid against reading every cell reference."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.preflight import _exact_grid, _grid, column_letter

# A cell: (row, 0-based column, with a value, written with its reference, attributes first)
cells = st.lists(
    st.tuples(
        st.integers(1, 1_048_576),
        st.integers(0, 16_383),
        st.booleans(),
        st.booleans() | st.just(True),
        st.booleans(),
    ),
    max_size=30,
)
# Most sheets: rows in order, a few columns, every cell with its reference
orderly = st.lists(st.tuples(st.integers(1, 300_000), st.integers(0, 12)), max_size=60)


def cell_xml(row: int, column: int, value: bool, referenced: bool, styled_first: bool) -> str:
    """A cell of sheet XML; one with no reference and not styled first has no attributes."""
    ref = f'r="{column_letter(column)}{row}"' if referenced else ""
    attributes = f's="1" {ref}' if styled_first else f'{ref} s="1"' if ref else ""
    start = f"<c {attributes.strip()}" if attributes else "<c"
    return f"{start}><v>1</v></c>" if value else f"{start}/>"


@settings(max_examples=400, deadline=None)
@given(cells, st.integers(0, 400_000), st.integers(0, 20_000))
@example([(5, 0, True, True, False), (5, 1, True, False, False)], 0, 0)  # then a bare <c>
@example([(5, 0, True, True, False), (5, 1, True, False, True)], 0, 0)  # then <c s="1">
def test_the_quick_bound_is_the_exact_one(
    written: list[tuple[int, int, bool, bool, bool]], rows: int, columns: int
) -> None:
    chunk = ("<row>" + "".join(cell_xml(*c) for c in written) + "</row>").encode()
    assert _grid(chunk, rows, columns) == _exact_grid(chunk, rows, columns)


@settings(max_examples=200, deadline=None)
@given(orderly, st.integers(0, 300_000), st.integers(0, 13))
def test_the_quick_bound_of_orderly_rows(
    written: list[tuple[int, int]], rows: int, columns: int
) -> None:
    ordered = sorted(written)
    chunk = "".join(
        f'<row r="{r}">{cell_xml(r, c, True, True, False)}</row>' for r, c in ordered
    ).encode()
    assert _grid(chunk, rows, columns) == _exact_grid(chunk, rows, columns)


def test_a_far_cell_in_the_middle_of_a_sheet_in_order_is_counted() -> None:
    """The last cell sets the corner; a bomb cell before it must still be found."""
    far = cell_xml(1_048_576, 16_383, True, True, False)
    chunk = (cell_xml(1, 0, True, True, False) + far + cell_xml(2, 3, True, True, False)).encode()
    assert _grid(chunk, 0, 0) == (1_048_576, 16_384)
