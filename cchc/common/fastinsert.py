"""One-row INSERTs without ``Model.save()``: for the hot paths (dossier intake, the event log).

``save()`` on the 70-column dossier costs about 0.4 ms in Django's SQL compiler; a prepared
statement with the same per-field adaptation (``get_db_prep_save``: JSON, decimals, aware
datetimes exactly as Django stores them) costs a fraction. Rows inserted here are never updated
through ``save()`` afterwards (dossiers change by guarded ``UPDATE``; log rows never change), and
no signal handlers are attached to these models except ``post_save`` on events, which
``record_event`` sends itself.
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

from cchc.common import hotsql

# Fields whose Python value the driver takes as it is (text, numbers, booleans, foreign-key ids).
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite":
            return _sqlite_datetime_adapter(connection.timezone, ops.adapt_datetimefield_value)
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.JSONField) and field.encoder is None and connection.vendor == "sqlite":
        return functools.partial(_sqlite_json, field)
    if (type(field) is models.DecimalField
            and type(ops).adapt_decimalfield_value is BaseDatabaseOperations.adapt_decimalfield_value):
        return functools.partial(_decimal, field)
    if isinstance(field, _PLAIN) and not isinstance(field, models.JSONField):
        return None
    return functools.partial(_prep, field)  # JSON, decimals, anything else: Django's own adaptation


@functools.cache
def _sqlite_datetime_adapter(tz, general: Callable[[Any], Any]) -> Callable[[Any], Any]:
    # One object for every datetime column: :func:`_params` converts an instant held by several
    # columns of a row (received = submitted = step start, due = original due = statutory due) once.
    return functools.partial(_sqlite_datetime, tz, general)


def _decimal(field: models.DecimalField, value: Any) -> Any:
    # What DecimalField gives the driver for a finite Decimal (the value itself, as Decimal(value)
    # copies it), without its checks; anything else goes through Django's own adaptation.
    if type(value) is Decimal and value.is_finite():
        return value
    return field.get_db_prep_save(value, connection)


def _sqlite_datetime(tz, general: Callable[[Any], Any], value: Any) -> Any:
    # Django's adaptation for the common case (an aware datetime) without its checks: naive in the
    # connection's zone, as text. Anything else goes through Django's own.
    if type(value) is datetime and value.tzinfo is not None:
        return str(value.astimezone(tz).replace(tzinfo=None))
    return general(value)


def _sqlite_json(field: models.JSONField, value: Any) -> Any:
    # What Django stores for a dict or list (``json.dumps`` with the field's encoder, here none),
    # without its checks for expressions; anything else goes through Django's own adaptation.
    if type(value) is dict or type(value) is list:
        return json.dumps(value)
    return field.get_db_prep_save(value, connection)


def _prep(field: models.Field, value: Any) -> Any:
    return field.get_db_prep_save(value, connection)


class GuardFailed(Exception):
    """The condition a guarded INSERT was given did not hold: nothing was inserted."""


@functools.cache
def _plan(model: type[Model], vendor: str, guard: str = "") -> tuple[str, tuple, bool]:
    """The INSERT of ``model``'s row; with ``guard`` (an SQL condition), an ``INSERT … SELECT … WHERE``
    that inserts nothing when the condition is false."""
    qn = connection.ops.quote_name
    meta = model._meta
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    returning = connection.features.can_return_columns_from_insert
    values = ", ".join(["%s"] * len(fields))
    sql = (f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
           + (f"SELECT {values} WHERE {guard}" if guard else f"VALUES ({values})"))
    if returning:
        sql += f" RETURNING {qn(meta.pk.column)}"
    return sql, _Fields(tuple((f.attname, _adapter(f)) for f in fields)), returning


def insert(obj: Any, guard: tuple[str, list] | None = None) -> Any:
    """INSERT ``obj`` (its primary key is set afterwards); call inside the caller's transaction.

    ``guard``: (SQL condition, its parameters), checked by the INSERT itself; when false, nothing is
    inserted and :class:`GuardFailed` is raised.
    """
    if guard and connection.vendor == "sqlite":
        # Checked by a SELECT just before: inside the caller's transaction SQLite's writers are
        # serialised, so nothing can change in between. (As INSERT … SELECT the row would need a
        # statement journal: every page it touches copied again, spilled to a temporary file.)
        if hotsql.fetchone(f"SELECT 1 WHERE {guard[0]}", guard[1]) is None:
            raise GuardFailed
        guard = None
    sql, fields, returning = _plan(type(obj), connection.vendor, guard[0] if guard else "")
    params = _params(obj, fields)
    if guard:
        params += guard[1]
    if returning:
        row = hotsql.fetchone(sql, params)
        if row is None:
            raise GuardFailed
        _saved(obj, row[0])
        return obj
    with connection.cursor() as cur:  # pragma: no cover - every supported backend returns columns
        cur.execute(sql, params)
        _saved(obj, cur.lastrowid)
    return obj


class _Fields(tuple):
    """(attname, adapter) pairs of a row, with the lookups :func:`_params` needs precomputed."""

    def __new__(cls, pairs: tuple):
        self = super().__new__(cls, pairs)
        names = [name for name, _ in pairs]
        self.get = operator.itemgetter(*names) if len(names) > 1 else (lambda d, n=names[0]: (d[n],))
        self.adapted = tuple((i, adapt) for i, (_, adapt) in enumerate(pairs) if adapt is not None)
        self.index = {name: i for i, name in enumerate(names)}
        return self


def _params(obj: Any, fields: _Fields, skip: str = "") -> list[Any]:
    values = list(fields.get(obj.__dict__))
    done: dict[tuple[int, int], Any] = {}  # (adapter, value) ids → adapted: an object met twice is converted once
    for i, adapt in fields.adapted:
        value = values[i]
        if value is not None:
            key = (id(adapt), id(value))
            if key not in done:
                done[key] = adapt(value)
            values[i] = done[key]
    if skip:
        del values[fields.index[skip]]
    return values


def _saved(obj: Any, pk: Any) -> None:
    obj.__dict__[obj._meta.pk.attname] = pk
    obj._state.adding = False
    obj._state.db = DEFAULT_DB_ALIAS


@functools.cache
def _blank(model: type[Model]) -> tuple[dict[str, Any], tuple, dict[str, tuple[str, str]]]:
    """Per model: constant defaults by attname, fields whose default is computed, and for each
    relation its name → (attname, attname of the field it points to)."""
    constant, computed, relations = {}, [], {}
    for f in model._meta.concrete_fields:
        if f.is_relation:
            relations[f.name] = (f.attname, f.target_field.attname)
        if f.has_default() and callable(f.default):
            computed.append(f)
        else:
            constant[f.attname] = f.get_default()
    return constant, tuple(computed), relations


def new(model: type[Model], **values: Any) -> Any:
    """An unsaved ``model`` instance, as ``model(**values)`` builds it, for :func:`insert`.

    ``Model.__init__`` walks every field and descriptor (a tenth of a millisecond for the dossier);
    this copies per-model defaults and sets the given values. A related object given by field name
    (``procedure=p``) sets ``procedure_id`` and is kept as the loaded relation. Models with
    ``pre_init``/``post_init`` receivers are built the ordinary way.
    """
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return model(**values)
    constant, computed, relations = _blank(model)
    obj = model.__new__(model)
    state = obj._state = ModelState()
    data = obj.__dict__
    data.update(constant)
    for f in computed:
        data[f.attname] = f.get_default()
    for name, value in values.items():
        relation = relations.get(name)
        if relation is not None:
            attname, target = relation
            data[attname] = None if value is None else getattr(value, target)
            if value is not None:
                state.fields_cache[name] = value
        elif name in data:
            data[name] = value
        else:
            raise TypeError(f"{model.__name__}() got an unexpected keyword argument {name!r}")
    return obj


@functools.cache
def _linked_sql(shape: tuple, vendor: str, guard: str) -> str:
    qn = connection.ops.quote_name
    parent_type, child_types = shape
    parts = [f"p AS ({_plan(parent_type, vendor, guard)[0]})"]
    parent_pk = qn(parent_type._meta.pk.column)
    for i, (child_type, link) in enumerate(child_types):
        meta = child_type._meta
        c_fields = _plan(child_type, vendor)[1]
        cols = ", ".join(qn(meta.get_field(name).column) for name, _ in c_fields)  # get_field knows attnames
        values = ", ".join(f"p.{parent_pk}" if name == link else "%s" for name, _ in c_fields)
        parts.append(f"c{i} AS (INSERT INTO {qn(meta.db_table)} ({cols}) SELECT {values} FROM p "
                     f"RETURNING {qn(meta.pk.column)})")
    returned = ", ".join([f"p.{parent_pk}", *(f"(SELECT {qn(t._meta.pk.column)} FROM c{i})"
                                              for i, (t, _) in enumerate(child_types))])
    return "WITH " + ", ".join(parts) + f" SELECT {returned} FROM p"


def insert_linked(parent: Any, *children: tuple[Any, str | None], guard: tuple[str, list] | None = None) -> Any:
    """INSERT ``parent`` then each child; a child given with an attribute name (``"dossier_id"``)
    gets the parent's new primary key there. Call inside the caller's transaction.

    On PostgreSQL this is one statement (data-modifying CTEs), so one round trip instead of one
    per row, and atomic by itself: outside a transaction block it needs no BEGIN and COMMIT of its
    own. Elsewhere it is one INSERT per row. ``guard`` is :func:`insert`'s, checked by the parent's
    INSERT: when false, no row at all is inserted.
    """
    if connection.vendor != "postgresql":
        insert(parent, guard)
        for child, link in children:
            if link:
                setattr(child, link, parent.pk)
            insert(child)
        return parent
    shape = (type(parent), tuple((type(child), link) for child, link in children))
    sql = _linked_sql(shape, connection.vendor, guard[0] if guard else "")
    params = _params(parent, _plan(type(parent), connection.vendor)[1])
    if guard:
        params += guard[1]
    for child, link in children:
        params += _params(child, _plan(type(child), connection.vendor)[1], skip=link or "")
    row = hotsql.fetchone(sql, params)
    if row is None:
        raise GuardFailed
    _saved(parent, row[0])
    for (child, link), pk in zip(children, row[1:], strict=True):
        if link:
            setattr(child, link, parent.pk)
        _saved(child, pk)
    return parent
