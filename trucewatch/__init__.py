"""trucewatch: turn a stream of conflict reports into evidence about a ceasefire."""

__version__ = "0.1.0"
