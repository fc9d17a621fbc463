"""Problems with a loaded file: a stable code, its parameters, a Dutch and English message.

Pure Python: no Django (the readers use it too).
"""

from __future__ import annotations

from koers.errors import CodedError

_MESSAGES: dict[str, dict[str, str]] = {
    "unreadable": {
        "nl": "{file}: kan het bestand niet lezen: {problem}",
        "en": "{file}: cannot read the file: {problem}",
    },
    "encoding": {
        "nl": "{file}, regel {line}: de tekenset is niet te lezen (geen UTF-8 of Windows-1252).",
        "en": "{file}, line {line}: the encoding cannot be read (not UTF-8 or Windows-1252).",
    },
    "empty": {
        "nl": "{file}: het bestand heeft geen kop of geen rijen.",
        "en": "{file}: the file has no header or no rows.",
    },
    "bad_date": {
        "nl": "{file}, rij {row}, kolom '{column}': '{value}' is geen datum ({format}).",
        "en": "{file}, row {row}, column '{column}': '{value}' is not a date ({format}).",
    },
    "bad_number": {
        "nl": "{file}, rij {row}, kolom '{column}': '{value}' is geen getal.",
        "en": "{file}, row {row}, column '{column}': '{value}' is not a number.",
    },
    "bad_type": {
        "nl": "Kolom '{column}': onbekend type '{value}'; kies text, number of date.",
        "en": "Column '{column}': unknown type '{value}'; choose text, number or date.",
    },
    "csv": {
        "nl": "{file}: geen leesbaar CSV-bestand: {problem}",
        "en": "{file}: not a readable CSV file: {problem}",
    },
    "xlsx": {
        "nl": "{file}: geen leesbaar Excel-bestand (.xlsx).",
        "en": "{file}: not a readable Excel file (.xlsx).",
    },
    "not_auditfile": {
        "nl": "{file}: dit is geen auditfile financieel (XAF).",
        "en": "{file}: this is not an auditfile (XAF).",
    },
    "bad_xml": {
        "nl": "{file}, regel {line}, kolom {column}: ongeldige of afgebroken XML ({problem}).",
        "en": "{file}, line {line}, column {column}: invalid or truncated XML ({problem}).",
    },
    "forbidden_xml": {
        "nl": "{file}, regel {line}: DOCTYPE- of ENTITY-declaraties worden geweigerd "
        "(beveiliging).",
        "en": "{file}, line {line}: DOCTYPE or ENTITY declarations are refused (security).",
    },
    "other_company": {
        "nl": "{file}: deze auditfile is van een ander bedrijf ({found}) dan de bron {source} "
        "({expected}). Laad hem in een andere bron of bevestig.",
        "en": "{file}: this auditfile is of another company ({found}) than source {source} "
        "({expected}). Load it into another source or confirm.",
    },
    "unbalanced": {
        "nl": "Debet ({debit}) en credit ({credit}) van de mutaties zijn niet gelijk.",
        "en": "The debits ({debit}) and credits ({credit}) of the transactions differ.",
    },
    "year_replaced": {
        "nl": "Boekjaar {year} was al geladen en is vervangen.",
        "en": "Financial year {year} was already loaded and has been replaced.",
    },
    "kind_mismatch": {
        "nl": "{file}: bron {source} bevat {expected}, dit bestand is {found}.",
        "en": "{file}: source {source} holds {expected}; this file is {found}.",
    },
    "not_invoice": {
        "nl": "{file}: dit is geen UBL-factuur of -creditnota.",
        "en": "{file}: this is not a UBL invoice or credit note.",
    },
    "unknown_kind": {
        "nl": "{file}: onbekend soort bestand; laad een .xaf, .csv, .xlsx, .xml of .zip.",
        "en": "{file}: unknown kind of file; load an .xaf, .csv, .xlsx, .xml or .zip.",
    },
    "no_folder": {
        "nl": "{folder}: dat is geen map die Koers kan lezen.",
        "en": "{folder}: that is not a folder Koers can read.",
    },
    "folder_outside": {
        "nl": "{folder}: kies een map onder {root}.",
        "en": "{folder}: choose a folder under {root}.",
    },
    "empty_folder": {
        "nl": "{folder}: er staat geen .xaf-, .xml-, .csv-, .xlsx- of .zip-bestand in.",
        "en": "{folder}: it holds no .xaf, .xml, .csv, .xlsx or .zip file.",
    },
}


class LoadError(CodedError):
    messages = _MESSAGES
