"""Registry clients: each module turns one registry's records into TrialRecords (see base.py, RegistryClient).

clinicaltrials_gov.py reads ClinicalTrials.gov API v2 JSON; isrctn.py reads the ISRCTN registry's XML. Each offers
read_items(path) and parse_record(data); import_trials --registry chooses one.
"""
