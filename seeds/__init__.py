"""The bundled seed corpus: five plain-text page copies and their metadata sidecar.

A package only so that `pip install .` ships the files and the CLI can find them
with importlib.resources; it holds no code.
"""
