"""Demo-brondata, overgenomen uit de Nederlandse brondocumenten in ``shared/seeds``.

Alleen Python-literals (dict/list/tuple, ``Decimal`` voor geld, ``date``/``datetime`` voor data);
geen Django-imports, zodat seed-commando's, tests en fixtures deze modules vrij kunnen lezen.

Modules:

- ``regio``: regio's Gooi en Vechtstreek en Midden-Limburg Oost met gemeenten en domeinen, plus
  fictieve demo-aanbieders (nepnummers voor KvK, vestiging en AGB).
- ``gooi``: toelatingsprocedure "Jeugdhulp Voorzieningen" (SD005, bron 003): percelen 5.1-5.13 en het
  subperceel Tussenvoorziening, producten, tarieven 2022-2025, eisen, procedureregels.
- ``mlo``: "Uitvoeringsovereenkomst MLO Gespecialiseerde Jeugdhulp 2020" (bron 002): percelen, alle
  50 productcodes, toegangseisen per perceel, looptijd en opzegging.
- ``sroi``: SROI-regimes van MLO (002 art. 17, Bijlage 4) en Gooi (003 Eis 56, Bijlage VII).

Bronverwijzingen in commentaar: "002 r. 97" = regel 97 van ``seeds/002_87273fa9af0f0a6f.txt``;
"003 r. 367" = regel 367 van ``seeds/003_5d07a6ba2ca5bb74.txt``. Aanvullingen die niet in de bron staan
zijn gemarkeerd met ``# aanname:`` en, waar het om een veldwaarde gaat, ook in een ``aannames``-sleutel.
"""

MODULES = ("regio", "gooi", "mlo", "sroi")
