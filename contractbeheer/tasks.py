"""Scheduled work of contract management: create the year's duties, remind, mark late (issue 13).

Every task is idempotent and catches up: it looks at the state of the records, not at when it last ran, and every
mail goes out once through core.mail.eenmalig_versturen (ADR 0013)."""
