"""Reads of the registry: agencies as of a date, trees, groups, name resolution.

The registry is public information, so these selectors need no access scope.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from cchc.common.errors import NotFound
from cchc.common.text import fold
from cchc.org.models import Agency, AgencyAlias, AgencyGroup, AgencyType, Reorganisation
from cchc.org.naming import NameIndex


def agency_list(
    *, as_of: date | None = None, q: str = "", type: str = "", parent: str = "", include_aliases: bool = False
) -> QuerySet[Agency]:
    """Agencies filtered by date, accent-insensitive text, type and parent code."""
    qs = Agency.objects.select_related("parent")
    if as_of is not None:
        qs = qs.as_of(as_of)
    if q:
        for word in fold(q).split():
            qs = qs.filter(search_text__contains=word)
    if type:
        qs = qs.filter(type=type)
    if parent:
        qs = qs.filter(parent__code=parent)
    if include_aliases:
        qs = qs.prefetch_related("aliases")
    return qs.order_by("code")


def agency_get(*, code: str) -> Agency:
    """One agency by code, with aliases, or NotFound."""
    try:
        return Agency.objects.select_related("parent").prefetch_related("aliases").get(code=code)
    except Agency.DoesNotExist:
        raise NotFound(f"Không tìm thấy cơ quan có mã “{code}”.", code="agency_not_found") from None


@dataclass(frozen=True)
class Lineage:
    predecessors: list[tuple[Reorganisation, Agency]]
    successors: list[tuple[Reorganisation, Agency]]


def agency_lineage(*, agency: Agency) -> Lineage:
    """Direct predecessors and successors of an agency, with the reorganisation that linked them."""
    preds: list[tuple[Reorganisation, Agency]] = []
    succs: list[tuple[Reorganisation, Agency]] = []
    for reorg in agency.reorganisations_in.prefetch_related("predecessors"):
        preds += [(reorg, a) for a in reorg.predecessors.all() if a.pk != agency.pk]
    for reorg in agency.reorganisations_out.prefetch_related("successors"):
        succs += [(reorg, a) for a in reorg.successors.all() if a.pk != agency.pk]
    return Lineage(predecessors=preds, successors=succs)


def home_agency() -> Agency | None:
    """The UBND tỉnh this installation serves (``CCHC_HOME_AGENCY``)."""
    return Agency.objects.filter(code=settings.CCHC_HOME_AGENCY).first()


def agency_tree(*, as_of: date, root: str | None = None) -> list[dict]:
    """The nested tree that existed on ``as_of``; one query, built in memory."""
    rows = list(Agency.objects.as_of(as_of).values("id", "code", "name", "short_name", "type", "parent_id"))
    by_parent: dict[int | None, list[dict]] = defaultdict(list)
    ids = {r["id"] for r in rows}
    for r in rows:
        # A parent that no longer existed that day makes the child a root of its own.
        by_parent[r["parent_id"] if r["parent_id"] in ids else None].append(r)

    def build(node: dict) -> dict:
        kids = sorted(by_parent.get(node["id"], []), key=lambda r: r["code"])
        return {
            "code": node["code"], "name": node["name"], "short_name": node["short_name"], "type": node["type"],
            "children": [build(k) for k in kids],
        }

    if root:
        start = [r for r in rows if r["code"] == root]
        if not start:
            raise NotFound(f"Cơ quan “{root}” không tồn tại vào ngày {as_of:%d/%m/%Y}.", code="agency_not_found")
    else:
        start = sorted(by_parent.get(None, []), key=lambda r: r["code"])
    return [build(r) for r in start]


def _descendant_ids(root_id: int, as_of: date) -> set[int]:
    rows = Agency.objects.as_of(as_of).values_list("id", "parent_id")
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent in rows:
        if parent is not None:
            children[parent].append(pk)
    seen, stack = set(), [root_id]
    while stack:
        node = stack.pop()
        for kid in children.get(node, []):
            if kid not in seen:
                seen.add(kid)
                stack.append(kid)
    return seen


def group_get(*, code: str) -> AgencyGroup:
    """One group by code, or NotFound."""
    try:
        return AgencyGroup.objects.get(code=code)
    except AgencyGroup.DoesNotExist:
        raise NotFound(f"Không tìm thấy nhóm cơ quan “{code}”.", code="group_not_found") from None


def group_members(*, group: AgencyGroup, as_of: date, within: Agency | None = None) -> list[Agency]:
    """Members of a group on a date: its member types, under the home province's UBND."""
    root = within or home_agency()
    qs = Agency.objects.as_of(as_of)
    by_type = qs.filter(type__in=group.member_types)
    if root is not None:
        by_type = by_type.filter(pk__in=_descendant_ids(root.pk, as_of) | {root.pk})
    members = by_type | qs.filter(code__in=group.member_codes or [])
    return list(members.distinct().order_by("type", "name"))


@dataclass(frozen=True)
class Resolution:
    text: str
    kind: str  # "agency" | "group" | "unresolved"
    agency: Agency | None = None
    group: AgencyGroup | None = None
    members: tuple[Agency, ...] = ()
    candidates: tuple[str, ...] = ()


def _scope_ids(as_of: date, root: Agency | None) -> set[int] | None:
    if root is None:
        return None
    ids = _descendant_ids(root.pk, as_of) | {root.pk}
    # Bodies outside any province (central ministries, vertical agencies) are named by every plan.
    ids |= set(
        Agency.objects.as_of(as_of).filter(parent__isnull=True).exclude(type=AgencyType.UBND_TINH).values_list("id", flat=True)
    )
    return ids


def resolve_names(*, names: list[str], as_of: date, within: Agency | None = None) -> list[Resolution]:
    """Map free-text names to agencies or groups as of a date; what cannot be mapped says so."""
    root = within or home_agency()
    scope = _scope_ids(as_of, root)
    agencies = Agency.objects.as_of(as_of).prefetch_related(Prefetch("aliases", queryset=AgencyAlias.objects.all()))
    if scope is not None:
        agencies = agencies.filter(pk__in=scope)
    place = [fold(root.name).removeprefix("uy ban nhan dan tinh ").strip()] if root else []
    index = NameIndex(place_names=tuple(place))
    by_key: dict[str, Agency] = {}
    for agency in agencies:
        key = f"a:{agency.code}"
        by_key[key] = agency
        index.add(key, [agency.name, agency.short_name, *(a.text for a in agency.aliases.all())])
    groups = {f"g:{g.code}": g for g in AgencyGroup.objects.all()}
    for key, group in groups.items():
        index.add(key, [group.name, *group.aliases])

    results = []
    for text in names:
        key = index.match(text)
        if key is None:
            cands = tuple(sorted(k[2:] for k in index.candidates(text)))
            results.append(Resolution(text=text, kind="unresolved", candidates=cands))
        elif key.startswith("a:"):
            results.append(Resolution(text=text, kind="agency", agency=by_key[key]))
        else:
            group = groups[key]
            members = tuple(group_members(group=group, as_of=as_of, within=root))
            results.append(Resolution(text=text, kind="group", group=group, members=members))
    return results


def registry_counts(*, as_of: date) -> dict[str, int]:
    """How many agencies of each type existed on a date (for the home page)."""
    counts: dict[str, int] = defaultdict(int)
    for t in Agency.objects.as_of(as_of).values_list("type", flat=True):
        counts[t] += 1
    return dict(counts)


def reorganisation_list(*, since: date | None = None) -> QuerySet[Reorganisation]:
    """Reorganisation events, newest first, with their agencies."""
    qs = Reorganisation.objects.prefetch_related("predecessors", "successors").order_by("-effective_date", "-pk")
    if since:
        qs = qs.filter(Q(effective_date__gte=since))
    return qs
