"""gotui: review a Python to Go migration function by function."""

__version__ = "0.1.0"
