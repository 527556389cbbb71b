"""Spreadsheet-safe exports (CSV and XLSX) in one place.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets ("CSV injection", OWASP: https://owasp.org/www-community/attacks/CSV_Injection).
Such a cell is prefixed with a single quote so the program shows it as text. Numbers stay numbers: an int,
float or Decimal is never touched, and neither is a text that is just a plain number ("-1,50", "-2.5"),
because a spreadsheet reads that as a number, not as a formula.
Every export (CSV or XLSX) writes its cells through this module.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

GEVAARLIJKE_BEGINTEKENS = ("=", "+", "-", "@", "\t", "\r")
# A plain number, optionally negative, with a decimal point or comma: no formula can hide in it.
_GETAL = re.compile(r"-?\d+(?:[.,]\d+)?")


def veilige_cel(waarde):
    """The value as it may go into a spreadsheet cell: dangerous text gets a leading single quote."""
    if waarde is None or isinstance(waarde, (bool, int, float, Decimal)):
        return waarde
    if not isinstance(waarde, str):
        return waarde
    if waarde.startswith(GEVAARLIJKE_BEGINTEKENS) and not _GETAL.fullmatch(waarde):
        return "'" + waarde
    return waarde


def veilige_rij(waarden: Iterable) -> list:
    """One row of cells (CSV or XLSX), each made safe with ``veilige_cel``."""
    return [veilige_cel(w) for w in waarden]


class _VeiligeCsvWriter:
    """A ``csv.writer`` whose every cell passes ``veilige_cel``."""

    def __init__(self, uit, **kwargs):
        self._writer = csv.writer(uit, **kwargs)

    def writerow(self, rij):
        return self._writer.writerow(veilige_rij(rij))

    def writerows(self, rijen):
        for rij in rijen:
            self.writerow(rij)


def csv_writer(uit, *, delimiter: str = ";", **kwargs) -> _VeiligeCsvWriter:
    """A CSV writer (Dutch spreadsheet default: semicolon) that neutralises formula cells."""
    return _VeiligeCsvWriter(uit, delimiter=delimiter, **kwargs)


class _Doorgeven:
    """A file-like object whose write() hands the written line back, so a csv writer yields lines to stream."""

    def write(self, tekst):
        return tekst


def dict_regels(velden: list[str], rijen: Iterable[dict], *, delimiter: str = ";") -> Iterator[str]:
    """Header plus one CSV line per dict (missing keys and None become empty), every cell made safe, as text
    lines one at a time: a download can stream them while ``rijen`` is still being read from the database."""
    w = csv_writer(_Doorgeven(), delimiter=delimiter)
    yield w.writerow(velden)
    for rij in rijen:
        yield w.writerow(["" if rij.get(v) is None else rij.get(v) for v in velden])


def schrijf_dict_rijen(uit, *, velden: list[str], rijen: Iterable[dict], delimiter: str = ";") -> None:
    """Header plus one line per dict (missing keys and None become empty), every cell made safe."""
    for regel in dict_regels(velden, rijen, delimiter=delimiter):
        uit.write(regel)


def xlsx_rij(blad, waarden: Iterable) -> None:
    """Append one row to an openpyxl worksheet with every text cell made safe (openpyxl would otherwise store
    a text starting with '=' as a formula)."""
    blad.append(veilige_rij(waarden))


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(bladen: Iterable) -> bytes:
    """An XLSX file of one or more sheets ``(titel, kop, rijen)``: bold header, every cell through ``veilige_cel``,
    sheet names cut to Excel's 31 characters."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    for i, (titel, kop, rijen) in enumerate(bladen):
        werkblad = wb.active if i == 0 else wb.create_sheet()
        werkblad.title = titel[:31]
        xlsx_rij(werkblad, kop)
        for cel in werkblad[1]:
            cel.font = Font(bold=True)
        for rij in rijen:
            xlsx_rij(werkblad, rij)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def csv_bytes(kop: list, rijen: Iterable) -> bytes:
    """A CSV file (semicolons, UTF-8 with BOM so Excel reads the accents), every cell through ``veilige_cel``."""
    import io

    buffer = io.StringIO()
    w = csv_writer(buffer)
    w.writerow(kop)
    w.writerows(rijen)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_antwoord(naam: str, kop: list, rijen: Iterable, *, formaat: str, blad: str,
                    csv_rijen: Iterable | None = None):
    """A download of one table: XLSX (``formaat == "xlsx"``, sheet ``blad``) or CSV. ``csv_rijen`` replaces
    ``rijen`` in the CSV where a column needs a Dutch text form there (a decimal comma) and a number in the
    XLSX."""
    from django.http import HttpResponse

    if formaat == "xlsx":
        antwoord = HttpResponse(xlsx_bytes([(blad, kop, rijen)]), content_type=XLSX_TYPE)
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
        return antwoord
    antwoord = HttpResponse(csv_bytes(kop, rijen if csv_rijen is None else csv_rijen),
                            content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
    return antwoord
