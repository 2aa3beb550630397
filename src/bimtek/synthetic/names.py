"""Indonesian first and last names: Faker id_ID's own lists, read once (never Faker per row)."""

from collections.abc import Iterable
from functools import cache

from faker.providers.person.id_ID import Provider

from bimtek.synthetic.country import NameLists


@cache
def faker_name_lists() -> NameLists:
    """The id_ID provider's name lists, deduplicated and sorted, so the seed alone fixes a name."""

    def clean(names: Iterable[object]) -> list[str]:
        values = sorted({str(n).strip() for n in names})
        # COPY's text format would need escapes for these; the lists have none, and must not.
        assert not any(ch in n for n in values for ch in "\t\n\\"), "name lists need COPY escaping"
        return values

    return NameLists(
        first_male=clean(Provider.first_names_male),
        last_male=clean(Provider.last_names_male),
        first_female=clean(Provider.first_names_female),
        last_female=clean(Provider.last_names_female),
    )
