"""Short references people read out on the phone: a prefix that says what it is, then eight characters in two groups
("CI-7KQM-X3PA" for an order, "AN-..." for a question, "DN-..." for a donation). Orders, enquiries and donations share
the scheme. Random, not counted, so a reference tells a stranger nothing about how many there are."""

import secrets

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: easy to read out on the phone


def new_short_reference(prefix: str) -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def unique_short_reference(prefix: str, taken) -> str:
    """A new reference that `taken(reference)` says is free; ten tries at 32**8 codes each."""
    for _ in range(10):
        reference = new_short_reference(prefix)
        if not taken(reference):
            return reference
    raise RuntimeError(f"Could not find a free {prefix} reference")
