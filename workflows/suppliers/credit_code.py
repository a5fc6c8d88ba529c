"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
(no I, O, S, V or Z), the last a check character computed from the first 17."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str | None:
    """The check character of a code's first 17 characters; None when they are not of the alphabet."""
    if len(first17) != 17 or any(c not in ALPHABET for c in first17):
        return None
    remainder = 31 - sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 31
    return ALPHABET[0 if remainder == 31 else remainder]


def credit_code_problem(code: str) -> str | None:
    """What is wrong with `code`, in words naming the expected check character; None when it is right."""
    if len(code) != 18 or any(c not in ALPHABET for c in code):
        return f"the credit code {code} is not 18 characters of the national alphabet (digits and A-Y without I, O, " \
               "S, V, Z)"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"the check character of {code} should be {expected} (GB 32100-2015), not {code[17]}"
    return None
