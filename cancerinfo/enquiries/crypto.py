"""Moved to cancerinfo.deployment.crypto: enquiries, queued e-mails (jobs) and backups all use it (issue 20).

This name is the same module object, kept only while tests and the mutation settings written before the move still
import it from here; import cancerinfo.deployment.crypto in new code.
"""

import sys

from cancerinfo.deployment import crypto

sys.modules[__name__] = crypto
