"""QR codes as SVG images, made here in pure Python (segno): no external
service, and nothing the Content-Security-Policy forbids (no style attributes,
no scripts: a path drawn black on white)."""

import io

import segno

QR_SCALE = 6  # pixels per module: about 250 px for a display link's address
QR_BORDER = 4  # the quiet zone scanners need, in modules


def qr_svg(text):
    """The SVG bytes of a QR code holding `text` (medium error correction)."""
    code = segno.make(text, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=QR_SCALE, border=QR_BORDER, dark="#000", light="#fff", xmldecl=True, nl=False)
    return out.getvalue()


def qr_svg_inline(text, *, scale=4):
    """A QR code holding `text` as an <svg> element to put in a page (no XML
    declaration; its size from the `svgclass` "qr-code" in CSS)."""
    code = segno.make(text, error="m", micro=False)
    return code.svg_inline(scale=scale, border=QR_BORDER, dark="#000", light="#fff", svgclass="qr-code", omitsize=True)
