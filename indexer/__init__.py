"""Reading and parsing reports, and building the index.

Three contracts hold across the package:
- `read` turns a file or bytes into text and knows nothing about reports;
- `parse_report(text)` is a pure function from text to a validated `Report`;
- `build` takes `Report` objects and never reads files.
"""

from .models import ConsistencyIssue, Report

__all__ = ["ConsistencyIssue", "Report"]
