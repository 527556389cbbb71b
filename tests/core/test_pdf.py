from pypdf import PdfReader

from core.pdf import eenvoudige_pdf, pdf_tekst


def test_pdf_tekst_laat_nederlandse_typografie_staan():
    # The embedded DejaVu font has these glyphs (issue 18): the PDF prints what the record says.
    assert pdf_tekst("Tarief € 71,38 – ‘zwaar’ “extra”") == "Tarief € 71,38 – ‘zwaar’ “extra”"
    assert pdf_tekst("Coöperatie ë") == "Coöperatie ë"
    assert pdf_tekst(None) == ""


def test_eenvoudige_pdf_is_reproduceerbaar_en_leesbaar(tmp_path):
    eerste = eenvoudige_pdf("Uittreksel KvK", ["Zorgkracht Gooi B.V.", "Hilversum"])
    assert eerste == eenvoudige_pdf("Uittreksel KvK", ["Zorgkracht Gooi B.V.", "Hilversum"])
    pad = tmp_path / "x.pdf"
    pad.write_bytes(eerste)
    tekst = PdfReader(pad).pages[0].extract_text()
    assert "Uittreksel KvK" in tekst and "Zorgkracht Gooi B.V." in tekst
