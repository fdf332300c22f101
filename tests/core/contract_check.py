"""A small checker of JSON values against the TypedDicts of ``wizard.core.contracts`` (standard library only).

``problems(value, Contract)`` lists where a value breaks its contract: a key the contract does not declare, a
required key missing, a value of the wrong type (recursively, through lists, dicts, unions and literals). An
object that holds the key ``…`` is an excerpt (the docs write ``{"id": "measures", "title": "…", …}``): its
missing keys are not counted, but the keys it shows must still be declared and of the right type.
"""

from __future__ import annotations

import types
from typing import Any, Literal, NotRequired, Union, get_args, get_origin, get_type_hints, is_typeddict

EXCERPT = "…"


def problems(value: object, contract: object, where: str = "$") -> list[str]:
    """Where ``value`` does not fit ``contract`` (a TypedDict or any annotation it uses), as ``path: what``."""
    if contract is Any or contract is object:
        return []
    if is_typeddict(contract):
        return _object_problems(value, contract, where)
    origin = get_origin(contract)
    if origin is NotRequired:
        return problems(value, get_args(contract)[0], where)
    if origin in (Union, types.UnionType):
        found = [problems(value, option, where) for option in get_args(contract)]
        if any(not found_here for found_here in found):
            return []
        # The alternative that came closest says the most about what is wrong.
        return min(found, key=len)
    if origin is Literal:
        return [] if value in get_args(contract) else [f"{where}: {value!r} is not one of {get_args(contract)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, found {type(value).__name__}"]
        (item,) = get_args(contract)
        return [p for index, entry in enumerate(value) for p in problems(entry, item, f"{where}[{index}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: expected an object, found {type(value).__name__}"]
        key_type, item = get_args(contract)
        return [p for key, entry in value.items()
                for p in [*problems(key, key_type, f"{where} key"), *problems(entry, item, f"{where}.{key}")]]
    return _scalar_problems(value, contract, where)


def _object_problems(value: object, contract: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: expected an object ({contract.__name__}), found {type(value).__name__}"]
    hints = get_type_hints(contract, include_extras=True)
    excerpt = EXCERPT in value
    found = [f"{where}: `{key}` is not a key of {contract.__name__}" for key in value
             if key not in hints and key != EXCERPT]
    if not excerpt:
        found += [f"{where}: {contract.__name__} needs `{key}`" for key in sorted(contract.__required_keys__)
                  if key not in value]
    for key, entry in value.items():
        if key in hints:
            found += problems(entry, hints[key], f"{where}.{key}")
    return found


def _scalar_problems(value: object, contract: object, where: str) -> list[str]:
    if contract is None or contract is type(None):
        fits = value is None
    elif contract is bool:
        fits = isinstance(value, bool)
    elif contract is int:
        fits = isinstance(value, int) and not isinstance(value, bool)
    elif contract is float:
        fits = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(contract, type):
        fits = isinstance(value, contract)
    else:
        raise TypeError(f"the contract checker does not know the annotation {contract!r}")
    return [] if fits else [f"{where}: {value!r} is not {getattr(contract, '__name__', contract)}"]


__all__ = ["EXCERPT", "problems"]
