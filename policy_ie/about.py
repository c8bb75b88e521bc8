"""Package metadata."""
__title__ = "policy_ie"
__version__ = "0.1.0"
