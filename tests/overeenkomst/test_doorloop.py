"""One walk through the life of an agreement: toetreding → addendum accepted → addendum refused → indexation →
uittreding → cliëntenstop. After each step the public register (register_van), the product book (Tarief) and
each agreement's history (geschiedenis_van) must agree with each other and with the expected state."""

from datetime import date
from decimal import Decimal

import time_machine

from aanbesteding.models import Product, Tarief
from overeenkomst import services, tasks
from overeenkomst.models import Overeenkomst, Uittreding
from overeenkomst.selectors import geschiedenis_van, register_van

from .conftest import beheerder_van
from .helpers import gepubliceerd_addendum


def _register(ab):
    return {r.naam: r for r in register_van(ab) if r.rol == "hoofdaannemer"}


def _stand(ab, op: date) -> dict:
    """name -> (overall status, {perceel: status}) from the register, checked against the other sources."""
    register = _register(ab)
    for naam, regel in register.items():
        ovk = Overeenkomst.objects.get(pk=regel.overeenkomst_id)
        # Register and deelnames agree.
        assert {p.code: p.status for p in regel.percelen} == dict(ovk.deelnames.values_list("perceel__code", "status")), naam
        # Register products are exactly the products of the percelen that the product book prices on ``op``.
        for p in regel.percelen:
            geprijsd = set(Tarief.objects.geldig_op(op).filter(product__perceel__code=p.code, product__perceel__aanbesteding=ab)
                           .values_list("product__code", flat=True))
            assert {x.code for x in p.producten} == geprijsd, (naam, p.code)
        # History lists every published addendum that reached this agreement, in order.
        assert [r.addendum.nummer for r in geschiedenis_van(ovk)] == sorted(r.addendum.nummer for r in geschiedenis_van(ovk))
    return {naam: (r.totaalstatus, {p.code: p.status for p in r.percelen}) for naam, r in register.items()}


def _geschiedenis(org_naam):
    ovk = Overeenkomst.objects.get(organisatie__naam=org_naam)
    return [(r.addendum.nummer, r.status) for r in geschiedenis_van(ovk)]


def test_levensloop_van_de_overeenkomst(gooi, aanbieder, andere_aanbieder, derde_aanbieder, inkoper, contractmanager):
    ab, bhl, dag = gooi
    a, b, c = aanbieder.naam, andere_aanbieder.naam, derde_aanbieder.naam
    beheerder_a, beheerder_b = beheerder_van(aanbieder), beheerder_van(andere_aanbieder)

    # 1. Toetreding: A in 5.10 and 5.4, B in 5.4.
    with time_machine.travel(date(2025, 1, 10)):
        services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 2, 1))
        services.overeenkomst_uit_toelating(organisatie=andere_aanbieder, aanbesteding=ab, percelen=[dag], startdatum=date(2025, 2, 1))
        assert _stand(ab, date(2025, 2, 1)) == {
            a: ("actief", {"5.10": "actief", "5.4": "actief"}),
            b: ("actief", {"5.4": "actief"}),
        }
        assert _geschiedenis(a) == [] and _geschiedenis(b) == []

    # 2. Addendum 1 for everyone, accepted by A and B.
    with time_machine.travel(date(2025, 1, 15)):
        add1 = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2025, 6, 1))
        for org, beheerder in ((aanbieder, beheerder_a), (andere_aanbieder, beheerder_b)):
            services.addendum_beantwoorden(reactie=add1.reacties.get(overeenkomst__organisatie=org), aanvaard=True, door=beheerder)
    with time_machine.travel(date(2025, 6, 1)):
        tasks.dagelijks()
        assert _stand(ab, date(2025, 6, 1))[a] == ("actief", {"5.10": "actief", "5.4": "actief"})
        assert _geschiedenis(a) == [(1, "aanvaard")] and _geschiedenis(b) == [(1, "aanvaard")]

    # 3. Addendum 2 for perceel 5.10 only, refused by A: A leaves 5.10 on 1 July, keeps 5.4.
    with time_machine.travel(date(2025, 2, 1)):
        add2 = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2025, 7, 1), percelen=[bhl])
        services.addendum_beantwoorden(reactie=add2.reacties.get(), aanvaard=False, toelichting="Niet akkoord", door=beheerder_a)
    with time_machine.travel(date(2025, 7, 1)):
        tasks.dagelijks()
        assert _stand(ab, date(2025, 7, 1)) == {
            a: ("actief", {"5.10": "beeindigd", "5.4": "actief"}),
            b: ("actief", {"5.4": "actief"}),
        }
        assert next(p for p in _register(ab)[a].percelen if p.code == "5.10").einddatum == date(2025, 7, 1)
        assert _geschiedenis(a) == [(1, "aanvaard"), (2, "geweigerd")]
        assert _geschiedenis(b) == [(1, "aanvaard")]  # 2 did not concern B's perceel
        assert Uittreding.objects.get(overeenkomst__organisatie=aanbieder).aanleiding == Uittreding.Aanleiding.ADDENDUM_GEWEIGERD

    # C joins 5.10 later and inherits both addenda (002 UOK 7.1).
    with time_machine.travel(date(2025, 8, 1)):
        services.overeenkomst_uit_toelating(organisatie=derde_aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2025, 8, 1))
        assert _geschiedenis(c) == [(1, "overgenomen"), (2, "overgenomen")]
        assert _stand(ab, date(2025, 8, 1))[c] == ("actief", {"5.10": "actief"})

    # 4. Indexation 2026 (2.5%): new Tarief rows from 1 January; every running agreement gets addendum 3.
    with time_machine.travel(date(2025, 9, 15)):
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper)
        services.addendum_publiceren(addendum=services.indexatie_als_addendum(ronde=ronde, door=inkoper), door=contractmanager)
    with time_machine.travel(date(2026, 1, 1)):
        tasks.dagelijks()
        stand = _stand(ab, date(2026, 1, 1))
        assert stand[c] == ("actief", {"5.10": "actief"})
        assert Tarief.objects.geldig_op(date(2026, 1, 1)).get(product__code="43B03", intensiteit="zwaar").bedrag == Decimal("354.79")
        assert Tarief.objects.geldig_op(date(2026, 1, 1)).filter(product__in=Product.objects.filter(perceel__aanbesteding=ab)).count() == 3
        assert _geschiedenis(a)[-1] == (3, "stilzwijgend_aanvaard")
        assert _geschiedenis(b) == [(1, "aanvaard"), (3, "stilzwijgend_aanvaard")]
        assert _geschiedenis(c) == [(1, "overgenomen"), (2, "overgenomen"), (3, "stilzwijgend_aanvaard")]

    # 5. Uittreding: B (no clients, Gooi option 1) leaves once staff confirm the transfer.
    with time_machine.travel(date(2026, 2, 10)):
        u = services.uittreding_melden(overeenkomst=Overeenkomst.objects.get(organisatie=andere_aanbieder), optie=Uittreding.Optie.GOOI_1,
                                       aantal_clienten=0, door=beheerder_b)
        assert _stand(ab, date(2026, 2, 10))[b] == ("actief", {"5.4": "actief"})
        services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 2, 10), door=contractmanager)
        assert _stand(ab, date(2026, 2, 10))[b] == ("beeindigd", {"5.4": "beeindigd"})
        assert _register(ab)[b].einddatum == date(2026, 2, 10)

    # 6. Cliëntenstop for C in 5.10 from 1 March to 31 May.
    with time_machine.travel(date(2026, 3, 1)):
        deelname_c = Overeenkomst.objects.get(organisatie=derde_aanbieder).deelnames.get()
        services.clientenstop_opleggen(deelnames=[deelname_c], van=date(2026, 3, 1), tot=date(2026, 5, 31), reden="Inspectie", door=contractmanager)
        assert _stand(ab, date(2026, 3, 1)) == {
            a: ("actief", {"5.10": "beeindigd", "5.4": "actief"}),
            b: ("beeindigd", {"5.4": "beeindigd"}),
            c: ("clientenstop", {"5.10": "clientenstop"}),
        }
        assert _register(ab)[c].status_label == "cliëntenstop"
        assert _register(ab)[c].percelen[0].clientenstop_tot == date(2026, 5, 31)
    with time_machine.travel(date(2026, 6, 1)):
        tasks.dagelijks()
        assert _stand(ab, date(2026, 6, 1))[c] == ("actief", {"5.10": "actief"})
