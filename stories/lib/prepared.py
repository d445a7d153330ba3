"""A queryset compiled once, run many times with a new value: for the one
query every signed-in request runs (the user, with profile and counts),
whose SQL takes ~1 ms of Python to build and 0.07 ms to run.

    load_user = Prepared(users.filter(pk=Prepared.SLOT))
    user = load_user.first(alias="default", value=user_id)

The queryset is compiled once per thread and database (a compiler holds
its thread's connection); its SQL is run with `value` in place of SLOT,
and each row becomes objects exactly as Django's own iterable makes them
(`select_related` objects and annotations included).
tests/test_auth_pages.py checks it against the ORM for every attribute, so
a Django upgrade that changes these internals fails a test, not a request."""

import threading

from django.db import connections
from django.db.models.query import get_related_populators


class Prepared:
    SLOT = -770_077  # the value the queryset is built with: no real id (and within every integer column's range)
    TEXT_SLOT = "\x00prepared-slot\x00"  # the same for a text column: no real value holds NUL

    def __init__(self, queryset, *, slot=SLOT):
        self.queryset = queryset
        self.slot = slot
        self._local = threading.local()

    def _compiled(self, alias):
        compiled = getattr(self._local, alias, None)
        if compiled is None:
            compiler = self.queryset.query.chain().get_compiler(using=alias)
            sql, params = compiler.as_sql()
            slots = [index for index, param in enumerate(params) if param == self.slot]
            if len(slots) != 1:
                raise ValueError(f"the prepared query holds its slot {len(slots)} times, not once")
            fields = [selected[0] for selected in compiler.select[0 : compiler.col_count]]
            # The columns' converters, found once (results_iter looks them up for every row set).
            converters = None if compiler.has_composite_fields(fields) else compiler.get_converters(fields)
            # How a row becomes objects, found once too (Django finds it for every row set).
            klass_info, select = compiler.klass_info, compiler.select
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            attnames = [column[0].target.attname for column in select[start:end]]
            fetch_mode = self.queryset._fetch_mode
            # A populator of a fetch mode that tracks peers gathers every object it made: a new one each time.
            populators = (
                None if fetch_mode.track_peers else get_related_populators(klass_info, select, alias, fetch_mode)
            )
            objects = (klass_info["model"], start, end, attnames, populators)
            compiled = (compiler, sql, list(params), slots[0], converters, objects)
            setattr(self._local, alias, compiled)
        return compiled

    def first(self, *, alias, value):
        """The first object of the queryset with `value` in its slot, or None."""
        compiler, sql, params, slot, converters, (model, start, end, attnames, populators) = self._compiled(alias)
        params = params.copy()
        params[slot] = value
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if converters is None:
            row = next(compiler.results_iter(results=[[row]]))
        elif converters:
            row = next(compiler.apply_converters([row], converters))
        fetch_mode = self.queryset._fetch_mode
        obj = model.from_db(alias, attnames, row[start:end], fetch_mode=fetch_mode)
        if populators is None:
            populators = get_related_populators(compiler.klass_info, compiler.select, alias, fetch_mode)
        for populator in populators:
            populator.populate(row, obj)
        for name, position in (compiler.annotation_col_map or {}).items():
            setattr(obj, name, row[position])
        return obj
