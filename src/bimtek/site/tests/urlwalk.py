"""Every named URL of the project, so each app's scoping walk notices a page it does not cover yet."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_names(*, skip_namespaces: frozenset[str] = frozenset()) -> set[str]:
    """'namespace:name' for every named pattern, leaving out whole namespaces (e.g. admin)."""
    return _walk(get_resolver().url_patterns, "", skip_namespaces)


def namespace_url_names(namespace: str) -> set[str]:
    return {name for name in url_names() if name.startswith(f"{namespace}:")}


def _walk(patterns: list[object], prefix: str, skip: frozenset[str]) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace or ""
            if namespace in skip:
                continue
            names |= _walk(pattern.url_patterns, f"{prefix}{namespace}:" if namespace else prefix, skip)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{prefix}{pattern.name}")
    return names
