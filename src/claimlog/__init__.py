"""claimlog: check evidence ledgers and weigh the credibility of claims."""

__version__ = "0.1.0"
