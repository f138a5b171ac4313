"""From files to records: loaders never touch a store.

Examples
--------
>>> sorted(__all__)[:2]
['Sheet', 'load_workbook']
"""

from loaders.reading import Sheet, read_sheets
from loaders.template import write_template
from loaders.workbook import load_workbook

__all__ = ["Sheet", "load_workbook", "read_sheets", "write_template"]
