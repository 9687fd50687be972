"""Agreement of the project's validation rules with DfE's open-source validator (csc-validator-be-903).

`run_dfe.py` runs in the validator's own environment; the other modules run in the project's.
"""
