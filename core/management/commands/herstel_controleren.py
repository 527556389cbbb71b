"""Check a restored database against its stored files (docs/backup-en-herstel.md, step "controleren").

Exit code 0 when every registered file is present with the sha256 the database recorded; 1 when anything is
missing or different, so a restore script can stop on it. The fields are registered by their owning apps
(core.bestandscontrole.registreer_bestand).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from core.bestandscontrole import controleer


class Command(BaseCommand):
    help = ("Controleert na een herstel of elk privébestand dat de database noemt in de opslag staat en of de "
            "sha256 klopt. Eindigt met code 1 als er iets ontbreekt of afwijkt.")

    def add_arguments(self, parser):
        parser.add_argument("--steekproef", type=int, metavar="N",
                            help="Controleer per bestandsveld hoogstens N willekeurige bestanden (snelle controle).")
        parser.add_argument("--json", action="store_true", help="Schrijf het rapport als JSON.")

    def handle(self, *args, steekproef=None, json=False, **options):
        if steekproef is not None and steekproef < 1:
            raise CommandError("--steekproef moet een positief aantal zijn.")
        rapport = controleer(steekproef=steekproef)
        if json:
            self.stdout.write(_json_dumps(rapport.als_dict()))
        else:
            self._tekst(rapport)
        if not rapport.in_orde:
            # SystemExit rather than CommandError: the report is already written, a traceback-like
            # "CommandError: ..." line would only repeat it.
            raise SystemExit(1)

    def _tekst(self, rapport):
        soort = f"steekproef van hoogstens {rapport.steekproef} per veld" if rapport.steekproef else "volledige controle"
        self.stdout.write(f"Herstelcontrole ({soort}): {rapport.gecontroleerd} bestanden gecontroleerd.")
        for u in rapport.uitslagen:
            regel = f"  {u.verbose_name} ({u.model}.{u.veld}): {u.gecontroleerd} gecontroleerd, {u.in_orde} in orde"
            if u.zonder_sha256:
                regel += f", {u.zonder_sha256} zonder vastgelegde sha256 (alleen aanwezigheid gecontroleerd)"
            if u.bevindingen:
                regel += f", {len(u.bevindingen)} fout"
            self.stdout.write(regel)
            for b in u.bevindingen:
                detail = f" (verwacht {b.verwacht}, gevonden {b.gevonden})" if b.soort == "afwijkend" else ""
                self.stdout.write(f"    - {u.model} {b.pk}: {b.naam}: {b.omschrijving}{detail}")
        if rapport.in_orde:
            self.stdout.write(self.style.SUCCESS("Alle bestanden zijn aanwezig en ongewijzigd."))
        else:
            self.stdout.write(self.style.ERROR(
                f"{len(rapport.bevindingen)} bestand(en) ontbreken of wijken af. Zet de opslag opnieuw terug "
                "(zie docs/backup-en-herstel.md) en controleer opnieuw."))


def _json_dumps(gegevens) -> str:
    return json.dumps(gegevens, ensure_ascii=False, indent=2)
