"""Catalog search for order entry, shared by the plain-text call and the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:  # the app imports this module at start-up: no pydantic models yet
    from simulator.scenario import CatalogItem


def search_products(products: dict[str, CatalogItem], query: str, limit: int = 8) -> list[CatalogItem]:
    """Substring matches first (SKU, name, aliases, category); else fuzzy, for typos."""
    items = list(products.values())
    q = query.strip().lower()
    if not q:
        return items
    hits = [i for i in items
            if q in f"{i.sku} {i.name} {' '.join(i.aliases)} {i.category}".lower()]
    if hits:
        return hits
    scored = sorted(
        ((fuzz.partial_ratio(q, f"{i.name} {' '.join(i.aliases)}".lower()), i) for i in items),
        key=lambda pair: -pair[0],
    )
    return [i for score, i in scored if score >= 70][:limit]
