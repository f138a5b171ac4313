"""From files to records: loaders never touch a store.

Examples
--------
>>> sorted(__all__)[:3]
['Loaded', 'Profile', 'Sheet']
"""

from loaders.profiles import Profile, profiles
from loaders.reading import Sheet, read_sheets
from loaders.records import Loaded
from loaders.template import write_template
from loaders.workbook import load_workbook

__all__ = [
    "Loaded",
    "Profile",
    "Sheet",
    "load_workbook",
    "profiles",
    "read_sheets",
    "write_template",
]
