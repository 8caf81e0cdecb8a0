"""A reportlab canvas that writes each page to the output as soon as the page is done.

reportlab's ``Canvas`` keeps every page (its dictionary and its drawing operators) until
``save()`` and then formats the whole document in memory, so memory grows with the page
count. ``StreamingCanvas`` instead, at each ``showPage``:

1. deflates the page's content stream,
2. formats the page dictionary and the stream as numbered indirect objects with
   reportlab's own formatters and writes them to the output straight away, noting each
   object's byte offset,
3. forgets both objects, keeping only the page's object number (a machine integer).

At ``save()`` it writes what is left (fonts and their subsets, images, the page tree,
catalog, info) the same way, then a cross-reference table built from the noted offsets
and the trailer. Everything that refers to a page or a stream does so through reportlab's
object names, which stay resolvable until the object has been written; afterwards only the
page tree needs the pages, and it is given their object numbers directly.

The output may be a path or any binary writable (a file, a socket, a ``BytesIO``): offsets
are counted, never asked of the file with ``tell()``. Not supported, as badges need none of
them: encryption, and links or bookmarks to a page already written.
"""

from __future__ import annotations

import zlib
from array import array

from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFArray,
    PDFIndirectObject,
    PDFName,
    PDFPages,
    PDFStream,
    PDFTrailer,
)
from reportlab.pdfgen.canvas import Canvas

HEADER_VERSION = (1, 4)  # the newest feature reportlab can ask for (transparency) is 1.4
# "%PDF-1.4", then a comment of high bytes so tools treat the file as binary.
HEADER = b"%%PDF-%d.%d\n%%\x93\x8c\x8b\x9e\n" % HEADER_VERSION
DEFLATE_LEVEL = 6


class _StreamedPages(PDFPages):
    """The page tree's root, listing pages by the object numbers they were written under."""

    def __init__(self):
        super().__init__()
        self.numbers = array("q")

    def check_format(self, document):
        self.Kids = PDFArray([b"%d 0 R" % number for number in self.numbers])
        self.Count = len(self.numbers)


class StreamingCanvas(Canvas):
    """A ``Canvas`` whose pages go to ``out`` one by one; memory does not grow with pages."""

    def __init__(self, out, **options):
        options["pageCompression"] = 0  # we deflate each stream ourselves, once
        super().__init__(out, **options)
        if hasattr(out, "write"):
            self._out, self._owns_out = out, False
        else:
            self._out, self._owns_out = open(out, "wb"), True  # noqa: SIM115  (closed in save)
        self._position = 0
        self._offsets = array("q", [0])  # by object number; object 0 is the free-list head
        doc = self._doc
        if not isinstance(doc.encrypt, NoEncryption):
            raise ValueError("StreamingCanvas does not support encryption")
        doc.Pages = doc.Catalog.Pages = _StreamedPages()
        self._write(HEADER)

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._position += len(data)

    def _write_object(self, name: str, forget: bool = False) -> None:
        """Format the object reportlab registered as ``name`` and write it now."""
        doc = self._doc
        number = doc.idToObjectNumberAndVersion[name][0]
        data = PDFIndirectObject(name, doc.idToObject[name]).format(doc)
        offsets = self._offsets
        if len(offsets) <= number:
            offsets.extend([0] * (number + 1 - len(offsets)))
        offsets[number] = self._position
        self._write(data)
        if forget:
            del doc.idToObject[name], doc.numberToId[number]
            del doc.idToObjectNumberAndVersion[name]

    def showPage(self):  # noqa: N802  (reportlab's name)
        super().showPage()
        doc = self._doc
        page = doc.Pages.pages.pop()
        stream = PDFStream(content=zlib.compress(page.stream.encode("utf-8"), DEFLATE_LEVEL))
        # reportlab does not filter a stream again whose dictionary already names a Filter
        stream.dictionary["Filter"] = PDFName("FlateDecode")
        page.Contents, page.stream = stream, None
        name = page.__InternalName__
        doc.Pages.numbers.append(doc.idToObjectNumberAndVersion[name][0])
        self._write_object(name, forget=True)  # registers the stream as it refers to it
        self._write_object(stream.__InternalName__, forget=True)

    def save(self):
        if len(self._code):
            self.showPage()
        doc = self._doc
        # What reportlab's GetPDFData does before formatting: font subsets, info, outline.
        for font in doc.delayedFonts:
            font.addObjects(doc)
        doc.info.invariant = doc.invariant
        doc.info.digest(doc.signature)
        catalog = doc.Catalog
        root, info = doc.Reference(catalog), doc.Reference(doc.info)
        doc.Outlines.prepare(doc, self)
        if doc.Outlines.ready < 0:
            catalog.Outlines = None
        if doc._pdfVersion > HEADER_VERSION:  # a later version than the header's
            catalog.__NoDefault__ = [*catalog.__NoDefault__, "Version"]
            catalog.Version = PDFName("{}.{}".format(*doc._pdfVersion))
        # Formatting may register new objects, so the count is read on every turn.
        number = 1
        while number <= doc.objectcounter:
            if number >= len(self._offsets) or not self._offsets[number]:
                self._write_object(doc.numberToId[number])
            number += 1
        self._write_xref(root, info)
        if self._owns_out:
            self._out.close()

    def _write_xref(self, root, info) -> None:
        doc = self._doc
        count = doc.objectcounter + 1
        start = self._position
        self._write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
        chunk = []
        for number in range(1, count):
            chunk.append(b"%010d 00000 n \n" % self._offsets[number])
            if len(chunk) == 512:
                self._write(b"".join(chunk))
                chunk.clear()
        self._write(b"".join(chunk))
        trailer = PDFTrailer(startxref=start, Size=count, Root=root, Info=info, ID=doc.ID())
        self._write(trailer.format(doc))
