"""policy_ie: indicators, values, projects and slogans from Chinese government reports.

    >>> import policy_ie
    >>> result = policy_ie.parse("地区生产总值增长5%左右。")
    >>> result.to_dict()["entities"][0]["label"]
    'METRIC'
"""
from .about import __version__
from .api import parse, parse_many
from .pipeline import blank, load
from .result import ParseResult

__all__ = ["__version__", "blank", "load", "parse", "parse_many", "ParseResult"]
