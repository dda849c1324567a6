"""What other apps (the content API) may use of this one."""

from .keys import Partner, find, looks_like_a_key
from .usage import record as record_use

__all__ = ["Partner", "find", "looks_like_a_key", "record_use"]
