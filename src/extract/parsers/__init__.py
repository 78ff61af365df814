"""Pure parsers (no spaCy): French amounts of money and dates."""
