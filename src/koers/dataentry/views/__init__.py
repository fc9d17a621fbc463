from .entry import entry_cell, entry_choose, entry_grid
from .exports import export_page
from .imports import import_cancel, import_confirm, import_preview, import_upload

__all__ = [
    "entry_cell",
    "entry_choose",
    "entry_grid",
    "export_page",
    "import_cancel",
    "import_confirm",
    "import_preview",
    "import_upload",
]
