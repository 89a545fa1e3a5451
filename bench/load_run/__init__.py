"""
The pieces of `bench/load.py` (`make load`), one module per job; the run's
docstring there says what it proves and how.
"""
