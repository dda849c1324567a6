"""Registry clients: each module turns one registry's records into TrialRecords (see base.py).

clinicaltrials_gov.py reads ClinicalTrials.gov API v2 JSON; an ISRCTN module would sit beside it with the same
two functions: read_records(path) and parse_record(data).
"""
