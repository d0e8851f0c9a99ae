"""muforce: reach of searches for muonic force carriers X produced in μN → μNX.

Every function and class of the compiled module ``muforce._muforce`` is available here
(``muforce.decay``, ``muforce.Experiment``, ``muforce.shipped_constraints``, …); see
``help(muforce._muforce)`` for the list. ``muforce.plot`` draws reach figures with matplotlib,
an optional dependency (``pip install muforce[plot]``): it is imported on first use, so
``import muforce`` does not import matplotlib. ``muforce.design_scan`` runs design studies
serially or on any executor (a process pool, a Dask cluster).
"""

from . import _muforce
from ._muforce import *  # noqa: F403  (the compiled API, re-exported as it is)

from .scan import design_scan

__version__ = _muforce.__version__
__all__ = [name for name in dir(_muforce) if not name.startswith("_")] + ["design_scan"]


def __getattr__(name):
    # `muforce.plot` without `import muforce.plot`: import the submodule on first access.
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | {"plot"})
