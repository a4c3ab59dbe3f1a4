"""Querysets compiled to SQL once, then run with new values: the ORM's share of a page view, paid once.

Django builds and compiles a queryset's SQL afresh every time it runs. For the few queries every page
view makes, whose shape never changes (a page by its id, an asset's personas), that work costs five to
ten times the query itself: a Wagtail page row has some forty columns. A ``PreparedQuery`` compiles
its queryset once per database connection, with marker values standing in for the ids, and afterwards
runs that SQL with the real ids and builds the model instances as a queryset would, select_related
objects included. Nothing is kept but SQL: every run reads the database.

    personas_of = PreparedQuery(lambda asset_id: Persona.objects.filter(assets=asset_id))
    personas_of(asset.pk)  # a list of Persona instances

Only integer parameters (ids) may vary; ``prefetch_related`` is not supported.
"""

import weakref

from django.db import connections
from django.db.models.query import get_related_populators

# Stand-ins for the ids while compiling: no database row has a negative id this large.
MARKER_BASE = -(2**62)


class PreparedQuery:
    """``build(*ids)`` returns the queryset; each call with as many ids runs its compiled SQL."""

    def __init__(self, build):
        self.build = build
        # Per connection (so per thread and database) and per number of ids.
        self._compiled = weakref.WeakKeyDictionary()

    def __call__(self, *ids, using="default"):
        connection = connections[using]
        compiled = self._compiled.setdefault(connection, {})
        if len(ids) not in compiled:
            compiled[len(ids)] = CompiledQuery(self.build, len(ids), using)
        return compiled[len(ids)].run(connection, ids)


class CompiledQuery:
    """One queryset's SQL, where each id goes among its parameters, and how to turn rows into models."""

    def __init__(self, build, arity, using):
        markers = [MARKER_BASE + index for index in range(arity)]
        queryset = build(*markers)
        if queryset._prefetch_related_lookups:
            raise ValueError("A prepared query cannot prefetch_related.")
        self.compiler = queryset.query.get_compiler(using=using)
        self.sql, params = self.compiler.as_sql()
        if self.compiler.annotation_col_map:
            raise ValueError("A prepared query cannot annotate.")
        self.params = list(params)
        self.slots = [
            (position, markers.index(value))
            for position, value in enumerate(self.params)
            if isinstance(value, int) and value in markers
        ]
        if {marker for _, marker in self.slots} != set(range(arity)):
            raise ValueError("Every id must reach the SQL as a parameter of its own.")
        compiler, klass_info = self.compiler, self.compiler.klass_info
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model, self.model_columns = klass_info["model"], slice(first, last)
        self.attnames = [column[0].target.attname for column in compiler.select[first:last]]
        self.populators = get_related_populators(klass_info, compiler.select, using)
        self.converters = compiler.get_converters(
            [column[0] for column in compiler.select[: compiler.col_count]]
        )

    def run(self, connection, ids):
        params = list(self.params)
        for position, marker in self.slots:
            params[position] = ids[marker]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        instances = []
        for row in rows:
            instance = self.model.from_db(connection.alias, self.attnames, row[self.model_columns])
            for populator in self.populators:
                populator.populate(row, instance)
            instances.append(instance)
        return instances
