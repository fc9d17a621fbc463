from .entry import entry_cell, entry_choose, entry_grid
from .exports import export_download, export_file, export_page, export_prepare
from .imports import import_cancel, import_confirm, import_preview, import_upload

__all__ = [
    "entry_cell",
    "entry_choose",
    "entry_grid",
    "export_download",
    "export_file",
    "export_page",
    "export_prepare",
    "import_cancel",
    "import_confirm",
    "import_preview",
    "import_upload",
]
