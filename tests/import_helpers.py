"""Files for the import tests and bench: a big valid CSV, and an XLSX "shared-strings
bomb" (a small archive whose sharedStrings.xml unpacks to far more than it weighs)."""

from __future__ import annotations

import io
import zipfile

HEADER = "given_name,family_name,organization,jurisdiction,email,role,delegation"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


def big_csv(n: int, organizations: int = 50, jurisdiction: str = "", delegation: str = "") -> bytes:
    """``n`` valid rows, people p0..p{n-1}@example.org, ``organizations`` distinct ones."""
    lines = [HEADER]
    for i in range(n):
        lines.append(
            f"Given{i},Family{i},Organization {i % organizations},{jurisdiction},"
            f"p{i}@example.org,delegate,{delegation}"
        )
    return ("\n".join(lines) + "\n").encode()


def shared_strings_bomb(unpacked_mb: int = 200) -> bytes:
    """An .xlsx whose sharedStrings.xml unpacks to ``unpacked_mb`` MB: a few hundred KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        chunk = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>" * 20_000
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/')
            member.write(b'spreadsheetml/2006/main">')
            written = 0
            while written < unpacked_mb * 1024 * 1024:
                member.write(chunk)
                written += len(chunk)
            member.write(b"</sst>")
    return buffer.getvalue()
