"""Settings for mutation testing (`make mutation`): the test settings with the test database kept in a file.

mutmut runs the tests once per mutant, each run a fresh pytest session. With the usual in-memory test database every
run would migrate from nothing (about 20 seconds); a file kept with --reuse-db is migrated once.
"""

from .test import *  # noqa: F403
from .test import BASE_DIR, DATABASES

DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "mutation-test.sqlite3")}
